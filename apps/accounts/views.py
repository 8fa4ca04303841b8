import time
from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES
from apps.accounts import services
from apps.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    ChangePhoneForm,
    LoginForm,
    NikUnlockForm,
    OtpForm,
    OutboxPasswordResetForm,
    RegistrationForm,
    RegistryCheckForm,
)
from apps.accounts.language import LanguageForm, settings_language_post
from apps.accounts.models import AccountType, User
from apps.core.errors import ServiceError
from apps.regions.forms import is_region_refresh
from apps.registry.adapters import RegistryIdentity

PENDING_ACTIVATION = "pending_activation_user_id"
# A sign-up whose NIK, e-mail or phone already had an account: nothing was created, and the visitor meets the
# same activation page, where every code is refused like a wrong one. {"phone", "attempts", "sent"}.
PENDING_DECOY = "pending_activation_decoy"
SIGNUP_IDENTITY = "signup_identity"  # the civil registry's answer, confirmed on the second sign-up step
SIGNUP_IDENTITY_MINUTES = 30
PASSWORD_FIELDS = {"password1", "password2", "csrfmiddlewaretoken", "_regions"}
SIGNED_UP = _("Pendaftaran berhasil. Masukkan kode OTP yang dikirim lewat SMS.")


def signup_identity(request) -> RegistryIdentity | None:
    """The registry identity this visitor confirmed on the first sign-up step, while it is fresh."""
    stored = request.session.get(SIGNUP_IDENTITY)
    if not stored or time.time() - stored.get("at", 0) > SIGNUP_IDENTITY_MINUTES * 60:
        return None
    return RegistryIdentity.from_session(stored["identity"])


def registration_page(request, *, form_class, template: str, register, context=None):
    """Every public sign-up (job seeker, job-fair organiser, company) runs through here, in two steps. First the
    NIK and a parent's name go to the civil registry (`services.registry_identify`, throttled); its answer (name,
    birth place and date, sex) is shown for the person to confirm, never typed. Then the rest of the form:
    `register(form)` creates the account (ServiceError refuses, AccountExists answers like a success), and the
    person is sent to the OTP page. The region selects refresh without JavaScript."""
    if request.user.is_authenticated:
        return redirect("dashboards:dashboard")
    context = {**(context or {})}
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "restart":
        request.session.pop(SIGNUP_IDENTITY, None)
        return redirect(request.path)
    if action == "identity_check":
        check_form = RegistryCheckForm(request.POST)
        if check_form.is_valid():
            try:
                identity = services.registry_identify(
                    nik=check_form.cleaned_data["nik"],
                    parent=check_form.cleaned_data["parent"],
                    parent_name=check_form.cleaned_data["parent_name"],
                )
            except ServiceError as error:
                check_form.add_service_error(error)
            else:
                request.session[SIGNUP_IDENTITY] = {"identity": identity.as_session(), "at": time.time()}
                return redirect(request.path)
        return render(request, template, {"check_form": check_form, **context})
    identity = signup_identity(request)
    if identity is None:
        if request.method == "POST":
            messages.warning(request, _("Periksa NIK Anda dengan data Dukcapil terlebih dahulu."))
        return render(request, template, {"check_form": RegistryCheckForm(), **context})
    if request.method == "POST" and is_region_refresh(request):
        # No JavaScript: show the next region select, keep what was typed (never the passwords).
        kept = {k: v for k, v in request.POST.items() if k not in PASSWORD_FIELDS}
        form = form_class(initial=kept, identity=identity)
    elif request.method == "POST":
        form = form_class(request.POST, identity=identity)
        if form.is_valid():
            try:
                try:
                    user = register(form)
                except services.AccountExists as exists:
                    # Nothing was created; the visitor meets what a real sign-up meets, limits included.
                    decoy = services.signup_decoy_start(exists)
                    request.session.pop(SIGNUP_IDENTITY, None)
                    request.session.pop(PENDING_ACTIVATION, None)
                    request.session[PENDING_DECOY] = decoy
                    messages.success(request, SIGNED_UP)
                    return redirect("accounts:activate")
            except ServiceError as error:
                form.add_service_error(error)
            else:
                request.session.pop(SIGNUP_IDENTITY, None)
                request.session.pop(PENDING_DECOY, None)
                request.session[PENDING_ACTIVATION] = user.pk
                messages.success(request, SIGNED_UP)
                return redirect("accounts:activate")
    else:
        form = form_class(identity=identity)
    return render(request, template, {"form": form, "identity": identity, **context})


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


# Where a newly activated account goes next (a URL name), and what it is told, by kind of account. The organiser
# profile lives in the job-fair app; when it is not installed, the organiser goes to the dashboard.
AFTER_ACTIVATION = {
    AccountType.JOBFAIR_ORGANISER: (
        "jobfairs:organiser_profile",
        gettext_lazy("Akun Anda sudah aktif. Lengkapi profil penyelenggara sebelum membuat job fair."),
    ),
    AccountType.AGENCY_STAFF: (
        "dashboards:dashboard",
        gettext_lazy("Akun Anda sudah aktif. Anda pemilik akun perusahaan Anda."),
    ),
}
AFTER_ACTIVATION_DEFAULT = ("dashboards:dashboard", gettext_lazy("Akun Anda sudah aktif. Silakan lengkapi profil."))


def _after_activation(user) -> tuple[str, str]:
    """Where a newly activated person goes next, and what they are told."""
    url_name, message = AFTER_ACTIVATION.get(user.account_type, AFTER_ACTIVATION_DEFAULT)
    try:
        url = reverse(url_name)
    except NoReverseMatch:
        url = reverse("dashboards:dashboard")
    return url, str(message)


def _pending_user(request) -> User | None:
    user_id = request.session.get(PENDING_ACTIVATION)
    return User.objects.filter(pk=user_id, activated_at=None).first() if user_id else None


class _AccountActivation:
    """The activation page's actions for an account waiting for its code."""

    def __init__(self, request, user: User):
        self.request, self.user = request, user

    def phone(self) -> str:
        return services.pending_phone(self.user)

    def verify(self, code: str):
        user = services.otp_verify(user=self.user, code=code)
        del self.request.session[PENDING_ACTIVATION]
        login(self.request, user)
        services.login_record(user=user)
        url, message = _after_activation(user)
        messages.success(self.request, message)
        return redirect(url)

    def resend(self) -> str:
        services.otp_send(user=self.user)
        return services.pending_phone(self.user)

    def change_phone(self, phone: str) -> str:
        return services.account_change_phone(user=self.user, phone=phone).phone


class _DecoyActivation:
    """The same actions for a sign-up that created nothing (its NIK, e-mail or phone has an account): the same
    limits and answers (`services.signup_decoy_*`), and every code is refused like a wrong one."""

    def __init__(self, request, decoy: dict):
        self.request, self.decoy = request, decoy

    def _keep(self, decoy: dict) -> None:
        self.decoy = self.request.session[PENDING_DECOY] = decoy

    def phone(self) -> str:
        return self.decoy["phone"]

    def verify(self, code: str):
        decoy, refusal = services.signup_decoy_verify(self.decoy)
        self._keep(decoy)
        raise refusal

    def resend(self) -> str:
        self._keep(services.signup_decoy_send(self.decoy))
        return self.decoy["phone"]

    def change_phone(self, phone: str) -> str:
        self._keep(services.signup_decoy_send(self.decoy, phone=phone))
        return self.decoy["phone"]


def activate(request):
    """Enter the code sent by SMS, ask for a new one, or send it to another number. A real account and a sign-up
    that created nothing go through this one page, so both read and answer alike."""
    user = _pending_user(request)
    decoy = request.session.get(PENDING_DECOY)
    if user is None and decoy and "sender" in decoy and not request.user.is_authenticated:
        pending = _DecoyActivation(request, decoy)
    elif user is None:
        return redirect("dashboards:dashboard" if request.user.is_authenticated else "accounts:login")
    else:
        pending = _AccountActivation(request, user)
    otp_form, phone_form = OtpForm(), ChangePhoneForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "verify":
                otp_form = OtpForm(request.POST)
                if otp_form.is_valid():
                    return pending.verify(otp_form.cleaned_data["code"])
            elif action == "resend":
                phone = pending.resend()
                messages.info(request, _("Kode baru sudah dikirim ke %(phone)s.") % {"phone": phone})
                return redirect("accounts:activate")
            elif action == "change_phone":
                phone_form = ChangePhoneForm(request.POST)
                if phone_form.is_valid():
                    phone = pending.change_phone(phone_form.cleaned_data["phone"])
                    messages.info(request, _("Kode baru sudah dikirim ke %(phone)s.") % {"phone": phone})
                    return redirect("accounts:activate")
        except ServiceError as error:
            target = phone_form if action == "change_phone" else otp_form
            if error.field in target.fields:
                target.add_service_error(error)
            else:
                messages.error(request, error.message)
    return render(
        request,
        "accounts/activate.html",
        {"pending": SimpleNamespace(phone=pending.phone()), "otp_form": otp_form, "phone_form": phone_form},
    )


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
                response = redirect(next_url)
            else:
                response = redirect("dashboards:dashboard")
            # The site opens in the language stored on the account, on any device.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
            return response
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request):
    logout(request)
    return redirect("core:home")


@login_required
def settings_view(request):
    """E-mail (confirmed by a link to the new address), phone (confirmed by a code to the new number) and
    password. The e-mail and phone answers read the same whether or not the new one belongs to someone else."""
    user = request.user
    email_form, password_form, phone_form, code_form = (
        ChangeEmailForm(),
        ChangePasswordForm(),
        ChangePhoneForm(),
        OtpForm(),
    )
    if request.method == "POST" and request.POST.get("action") == "language":
        return settings_language_post(request)
    if request.method == "POST":
        action = request.POST.get("action")
        forms = {
            "email": ChangeEmailForm,
            "password": ChangePasswordForm,
            "phone": ChangePhoneForm,
            "phone_verify": OtpForm,
        }
        form = forms.get(action, ChangePasswordForm)(request.POST)
        if action == "email":
            email_form = form
        elif action == "phone":
            phone_form = form
        elif action == "phone_verify":
            code_form = form
        else:
            password_form = form
        if form.is_valid():
            try:
                if action == "email":
                    new_email = form.cleaned_data["email"].strip().lower()
                    services.account_change_email(
                        user=user, new_email=new_email, password=form.cleaned_data["password"]
                    )
                    messages.success(
                        request,
                        _("Tautan konfirmasi dikirim ke %(email)s. E-mail akun berubah setelah tautan itu dibuka.")
                        % {"email": new_email},
                    )
                elif action == "phone":
                    verification = services.account_change_phone(user=user, phone=form.cleaned_data["phone"])
                    messages.info(
                        request,
                        _("Kode dikirim lewat SMS ke %(phone)s. Nomor HP berubah setelah kode dimasukkan.")
                        % {"phone": verification.phone},
                    )
                elif action == "phone_verify":
                    services.otp_verify(user=user, code=form.cleaned_data["code"])
                    messages.success(request, _("Nomor HP berhasil diubah."))
                else:
                    services.account_change_password(
                        user=user,
                        old_password=form.cleaned_data["old_password"],
                        new_password=form.cleaned_data["new_password1"],
                    )
                    from django.contrib.auth import update_session_auth_hash

                    update_session_auth_hash(request, user)
                    messages.success(request, _("Kata sandi berhasil diubah."))
                return redirect("accounts:settings")
            except ServiceError as error:
                if error.field in form.fields:
                    form.add_service_error(error)
                else:
                    messages.error(request, error.message)
    waiting_phone = services.pending_phone(user, unexpired=True)
    return render(
        request,
        "accounts/settings.html",
        {
            "email_form": email_form,
            "password_form": password_form,
            "phone_form": phone_form,
            "code_form": code_form,
            "waiting_phone": waiting_phone if waiting_phone != user.phone else None,
            "language_form": LanguageForm(initial={"language": user.language}),
        },
    )


@login_required
def email_confirm(request, token: str):
    """The link from the new e-mail address: the signed-in owner confirms it with one POST."""
    if request.method == "POST":
        try:
            services.account_confirm_email(user=request.user, token=token)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("E-mail berhasil diubah."))
        return redirect("accounts:settings")
    return render(request, "accounts/email_confirm.html", {"token": token})


@role_required(*OFFICE_ROLES)
def nik_unlock(request):
    """An officer lifts a NIK's sign-up lock after seeing the owner's e-KTP at the counter."""
    form = NikUnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.nik_unlock(actor=request.user, nik=form.cleaned_data["nik"], reason=form.cleaned_data["reason"])
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Kunci NIK dibuka. Pemiliknya dapat mendaftar sekarang."))
            return redirect("accounts:nik_unlock")
    return render(request, "accounts/nik_unlock.html", {"form": form})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = OutboxPasswordResetForm
    email_template_name = OutboxPasswordResetForm.EMAIL_TEMPLATE
    subject_template_name = OutboxPasswordResetForm.SUBJECT_TEMPLATE
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
