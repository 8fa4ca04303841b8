from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import MaritalStatus
from apps.core.forms import EMPTY_CHOICE, StyledFormMixin
from apps.messaging.services import email_template_queue
from apps.regions.forms import RegionCascadeMixin
from apps.registry.adapters import Parent


class RegistryCheckForm(StyledFormMixin, forms.Form):
    """The first step of every sign-up: the NIK and a parent's name, which the civil registry (Dukcapil) checks
    and answers with the person's name, birth place and date and sex, shown for confirmation."""

    nik = forms.CharField(
        label=_("NIK (Nomor KTP)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("16 digit angka sesuai KTP."),
    )
    # Seed 003: the name of the mother or of the father, as the person chooses, checked against Dukcapil.
    parent = forms.ChoiceField(
        label=_("Dicocokkan dengan"),
        choices=[(Parent.MOTHER.value, _("Nama ibu kandung")), (Parent.FATHER.value, _("Nama bapak kandung"))],
        initial=Parent.MOTHER.value,
        required=False,
    )
    parent_name = forms.CharField(
        label=_("Nama ibu atau bapak kandung"),
        max_length=150,
        help_text=_("Untuk memastikan KTP ini milik Anda; dicocokkan dengan data Dukcapil, tidak disimpan."),
    )

    def clean_parent(self):
        return self.cleaned_data.get("parent") or Parent.MOTHER.value


class RegistrationForm(StyledFormMixin, RegionCascadeMixin, forms.Form):
    """The second step: the person has confirmed the registry's identity (`identity`, shown, not typed) and
    gives contact details, password and address."""

    region_prefixes = ("address",)

    marital_status = forms.ChoiceField(label=_("Status perkawinan"), choices=[EMPTY_CHOICE, *MaritalStatus.choices])
    address_street = forms.CharField(label=_("Alamat (jalan, RT/RW)"), max_length=255)
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    phone = forms.CharField(
        label=_("Nomor HP"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Kode aktivasi dikirim lewat SMS ke nomor ini."),
    )
    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 8 karakter, tidak hanya angka, tidak mirip data diri."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, identity=None, **kwargs):
        self.identity = identity
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        return cleaned

    def registration_data(self):
        """The person's data for `accounts.services.account_register` (call after is_valid)."""
        from apps.accounts.services import RegistrationData

        data = self.cleaned_data
        return RegistrationData(
            identity=self.identity,
            marital_status=data["marital_status"],
            address_village=data["address_village"],
            address_street=data["address_street"],
            email=data["email"],
            phone=data["phone"],
            password=data["password1"],
        )

    def region_fields(self):
        return [self[f"address_{suffix}"] for suffix in ("province", "regency", "district", "village")]


class OtpForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode OTP"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "class": "form-control otp-input"}
        ),
    )


class NikUnlockForm(StyledFormMixin, forms.Form):
    nik = forms.CharField(label=_("NIK"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    reason = forms.CharField(
        label=_("Dasar pembukaan"),
        max_length=300,
        help_text=_("Mis. e-KTP asli diperiksa langsung di loket."),
    )


class ChangePhoneForm(StyledFormMixin, forms.Form):
    phone = forms.CharField(label=_("Nomor HP baru"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"}))


class LoginForm(StyledFormMixin, forms.Form):
    identifier = forms.CharField(
        label=_("E-mail atau NIK"), max_length=254, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Kata sandi"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class ChangeEmailForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail baru"))
    password = forms.CharField(label=_("Kata sandi saat ini"), strip=False, widget=forms.PasswordInput())


class ChangePasswordForm(StyledFormMixin, forms.Form):
    old_password = forms.CharField(label=_("Kata sandi lama"), strip=False, widget=forms.PasswordInput())
    new_password1 = forms.CharField(label=_("Kata sandi baru"), strip=False, widget=forms.PasswordInput())
    new_password2 = forms.CharField(label=_("Ulangi kata sandi baru"), strip=False, widget=forms.PasswordInput())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_password1") and cleaned.get("new_password1") != cleaned.get("new_password2"):
            self.add_error("new_password2", _("Kedua kata sandi tidak sama."))
        return cleaned


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, delivering through the messaging outbox like every other e-mail. The page answers
    the same whether or not the address has an account, and whether or not the e-mail was throttled; and it takes
    the same time: the request only counts and hands the address to the worker, which looks for the account and
    writes the e-mail (`tasks.password_reset_send`)."""

    SUBJECT_TEMPLATE = "accounts/email/password_reset_subject.txt"
    EMAIL_TEMPLATE = "accounts/email/password_reset.txt"

    def save(self, *args, request=None, **kwargs):
        from apps.accounts import tasks
        from apps.accounts.services import password_reset_allowed

        ip = getattr(request, "client_ip", None) if request is not None else None
        if password_reset_allowed(email=self.cleaned_data["email"], ip=ip):
            tasks.password_reset_send(
                email=self.cleaned_data["email"], domain=request.get_host(), use_https=request.is_secure()
            )

    def send_to_accounts(self, *, domain: str, use_https: bool) -> None:
        """The e-mail to each active account with this address (none for an unknown one)."""
        super().save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=self.SUBJECT_TEMPLATE,
            email_template_name=self.EMAIL_TEMPLATE,
        )

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):  # noqa: E501
        # The link is the secret: it is rendered only into the sealed copy that is delivered.
        path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        email_template_queue(
            to=to_email,
            subject_template=subject_template_name,
            template=email_template_name,
            context=context,
            secrets={"link": f"{context['protocol']}://{context['domain']}{path}"},
            user=context.get("user"),
        )
