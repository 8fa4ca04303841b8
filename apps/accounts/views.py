from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts import services
from apps.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ChangePhoneForm,
    LoginForm,
    OtpForm,
    OutboxPasswordResetForm,
    RegistrationForm,
)
from apps.accounts.language import LanguageForm, settings_language_post
from apps.accounts.models import AccountType, User
from apps.core.errors import ServiceError
from apps.regions.forms import is_region_refresh

PENDING_ACTIVATION = "pending_activation_user_id"
PASSWORD_FIELDS = {"password1", "password2", "csrfmiddlewaretoken", "_regions"}


def registration_page(request, *, form_class, template: str, register, context=None):
    """Every public sign-up (job seeker, job-fair organiser, company) runs through here: the region selects
    refresh without JavaScript, `register(form)` creates the account (raising ServiceError to refuse), then the
    person is sent to the OTP page. The identity checks live in `services.account_register`, called by each."""
    if request.user.is_authenticated:
        return redirect("dashboards:dashboard")
    if request.method == "POST" and is_region_refresh(request):
        # No JavaScript: show the next region select, keep what was typed (never the passwords).
        kept = {k: v for k, v in request.POST.items() if k not in PASSWORD_FIELDS}
        form = form_class(initial=kept)
    elif request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                user = register(form)
            except ServiceError as error:
                form.add_service_error(error)
            else:
                request.session[PENDING_ACTIVATION] = user.pk
                messages.success(request, _("Pendaftaran berhasil. Masukkan kode OTP yang dikirim lewat SMS."))
                return redirect("accounts:activate")
    else:
        form = form_class()
    return render(request, template, {"form": form, **(context or {})})


def register(request):
    return registration_page(
        request,
        form_class=RegistrationForm,
        template="accounts/register.html",
        register=lambda form: services.account_register(data=form.registration_data()),
        context={"signup_as": "job_seeker"},
    )


def register_organiser(request):
    """Seed 003 C.1: "Daftar sebagai penyelenggara"; the organiser profile is completed after activation."""
    return registration_page(
        request,
        form_class=RegistrationForm,
        template="accounts/register.html",
        register=lambda form: services.account_register(
            data=form.registration_data(), account_type=AccountType.JOBFAIR_ORGANISER
        ),
        context={"signup_as": "organiser"},
    )


def _after_activation(user) -> tuple[str, str]:
    """Where a newly activated person goes next, and what they are told."""
    if user.account_type == AccountType.JOBFAIR_ORGANISER:
        try:
            # The organiser profile lives in the job-fair app; until it exists, the organiser's dashboard.
            url = reverse("jobfairs:organiser_profile")
        except NoReverseMatch:
            url = reverse("dashboards:dashboard")
        return url, _("Akun Anda sudah aktif. Lengkapi profil penyelenggara sebelum membuat job fair.")
    if user.account_type == AccountType.AGENCY_STAFF:
        return reverse("dashboards:dashboard"), _("Akun Anda sudah aktif. Anda pemilik akun perusahaan Anda.")
    return reverse("dashboards:dashboard"), _("Akun Anda sudah aktif. Silakan lengkapi profil.")


def _pending_user(request) -> User | None:
    user_id = request.session.get(PENDING_ACTIVATION)
    return User.objects.filter(pk=user_id, activated_at=None).first() if user_id else None


def activate(request):
    user = _pending_user(request)
    if user is None:
        return redirect("dashboards:dashboard" if request.user.is_authenticated else "accounts:login")
    otp_form, phone_form = OtpForm(), ChangePhoneForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "verify":
                otp_form = OtpForm(request.POST)
                if otp_form.is_valid():
                    services.otp_verify(user=user, code=otp_form.cleaned_data["code"])
                    del request.session[PENDING_ACTIVATION]
                    login(request, user)
                    services.login_record(user=user)
                    url, message = _after_activation(user)
                    messages.success(request, message)
                    return redirect(url)
            elif action == "resend":
                services.otp_send(user=user)
                messages.info(request, _("Kode baru sudah dikirim ke %(phone)s.") % {"phone": user.phone})
                return redirect("accounts:activate")
            elif action == "change_phone":
                phone_form = ChangePhoneForm(request.POST)
                if phone_form.is_valid():
                    services.account_change_phone(user=user, phone=phone_form.cleaned_data["phone"])
                    messages.info(
                        request, _("Nomor HP diubah. Kode baru dikirim ke %(phone)s.") % {"phone": user.phone}
                    )
                    return redirect("accounts:activate")
        except ServiceError as error:
            target = phone_form if action == "change_phone" else otp_form
            if error.field in target.fields:
                target.add_service_error(error)
            else:
                messages.error(request, error.message)
    return render(request, "accounts/activate.html", {"pending": user, "otp_form": otp_form, "phone_form": phone_form})


def login_view(request):
    if request.user.is_authenticated:
        return redirect("dashboards:dashboard")
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.login_check(
                identifier=form.cleaned_data["identifier"], password=form.cleaned_data["password"], request=request
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            if not user.is_activated:
                request.session[PENDING_ACTIVATION] = user.pk
                messages.warning(request, _("Akun belum diaktifkan. Masukkan kode OTP atau minta kode baru."))
                return redirect("accounts:activate")
            login(request, user)
            services.login_record(user=user)
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
                return redirect(next_url)
            return redirect("dashboards:dashboard")
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


@login_required
def settings_view(request):
    email_form, password_form = ChangeEmailForm(), ChangePasswordForm()
    if request.method == "POST" and request.POST.get("action") == "language":
        return settings_language_post(request)
    if request.method == "POST":
        action = request.POST.get("action")
        form = ChangeEmailForm(request.POST) if action == "email" else ChangePasswordForm(request.POST)
        if action == "email":
            email_form = form
        else:
            password_form = form
        if form.is_valid():
            try:
                if action == "email":
                    services.account_change_email(
                        user=request.user, new_email=form.cleaned_data["email"], password=form.cleaned_data["password"]
                    )
                    messages.success(request, _("E-mail berhasil diubah."))
                else:
                    services.account_change_password(
                        user=request.user,
                        old_password=form.cleaned_data["old_password"],
                        new_password=form.cleaned_data["new_password1"],
                    )
                    from django.contrib.auth import update_session_auth_hash

                    update_session_auth_hash(request, request.user)
                    messages.success(request, _("Kata sandi berhasil diubah."))
                return redirect("accounts:settings")
            except ServiceError as error:
                form.add_service_error(error)
    language_form = LanguageForm(initial={"language": request.user.language})
    return render(
        request,
        "accounts/settings.html",
        {"email_form": email_form, "password_form": password_form, "language_form": language_form},
    )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = OutboxPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        try:
            services.account_reset_password(user=self.user, new_password=form.cleaned_data["new_password1"])
        except ServiceError as error:
            form.add_error("new_password1", error.message)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.success_url)
