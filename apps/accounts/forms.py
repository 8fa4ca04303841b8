from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import MaritalStatus, Sex
from apps.core.forms import EMPTY_CHOICE, DateInput, StyledFormMixin
from apps.messaging.services import email_queue
from apps.regions.forms import RegionCascadeMixin
from apps.registry.adapters import Parent


class RegistrationForm(StyledFormMixin, RegionCascadeMixin, forms.Form):
    region_prefixes = ("address",)

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
    full_name = forms.CharField(
        label=_("Nama lengkap"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    birth_place = forms.CharField(label=_("Tempat lahir"), max_length=100)
    birth_date = forms.DateField(label=_("Tanggal lahir"), widget=DateInput())
    sex = forms.ChoiceField(label=_("Jenis kelamin"), choices=[EMPTY_CHOICE, *Sex.choices])
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

    def clean_parent(self):
        return self.cleaned_data.get("parent") or Parent.MOTHER.value

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
            nik=data["nik"],
            parent=data["parent"],
            parent_name=data["parent_name"],
            full_name=data["full_name"],
            birth_place=data["birth_place"],
            birth_date=data["birth_date"],
            sex=data["sex"],
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
    """Django's reset form, delivering through the messaging outbox like every other e-mail."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):  # noqa: E501
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        email_queue(to=to_email, subject=subject, body=body, user=context.get("user"))
