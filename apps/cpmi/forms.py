"""Forms of the CPMI pages. They only parse input; every rule lives in `apps.cpmi.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import dates
from apps.core.forms import StyledFormMixin
from apps.core.uploads import DOCUMENT_ACCEPT
from apps.cpmi.models import CpmiRegistration, DocumentKind, RegistrationStatus

DETAIL_FIELDS = (
    "permission_letter_number",
    "permission_letter_date",
    "village_head_name",
    "guardian_nik",
    "guardian_name",
    "health_certificate_number",
    "health_clinic",
    "health_doctor",
    "health_certificate_date",
    "ak1_number",
    "ak1_valid_until",
)
# Each date's range (apps.core.dates): letters and certificates of the last year, a card valid until a day.
DATE_RANGES = {
    "permission_letter_date": dates.LETTER_DATE,
    "health_certificate_date": dates.LETTER_DATE,
    "ak1_valid_until": dates.VALID_UNTIL,
}
# Kinds with one current document each, in the order of the form.
SINGLE_KINDS = (
    DocumentKind.PERMISSION_LETTER,
    DocumentKind.HEALTH_CERTIFICATE,
    DocumentKind.BPJS_CARD,
    DocumentKind.KTP,
    DocumentKind.FAMILY_CARD,
    DocumentKind.BIRTH_CERTIFICATE,
    DocumentKind.MARRIAGE_CERTIFICATE,
    DocumentKind.AK1_CARD,
)


def _file_field(label):
    # Checked by `document_upload` (content, size, empty file); the form only passes the file on.
    return forms.FileField(
        label=label,
        required=False,
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("JPG, PNG atau PDF, maksimal 5 MB."),
    )


# The registration's text fields, labelled and limited as on the model.
_DetailFields = type(
    "_DetailFields",
    (forms.Form,),
    forms.fields_for_model(
        CpmiRegistration,
        fields=DETAIL_FIELDS,
        formfield_callback=dates.with_ranges(DATE_RANGES),
    ),
)


class RegistrationForm(StyledFormMixin, _DetailFields):
    """The text fields of the registration, one new certificate, and one file per kind."""

    certificate_number = forms.CharField(label=_("Nomor sertifikat BNSP"), max_length=100, required=False)
    certificate_scheme = forms.CharField(label=_("Skema/bidang sertifikasi"), max_length=150, required=False)

    profile_certificates = forms.TypedMultipleChoiceField(
        label=_("Sertifikat dari profil Anda"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pilih sertifikat yang sudah Anda isi di profil; nomor dan berkasnya ikut tersimpan."),
    )

    def __init__(self, *args, locked=(), profile_certificates=(), **kwargs):
        """`locked`: the text fields of documents the office accepted, shown read-only (their stored values).
        `profile_certificates`: the profile's certificates that may be taken in instead of typed again."""
        super().__init__(*args, **kwargs)
        self.fields["profile_certificates"].choices = [
            (item.pk, f"{item.name} · {item.bnsp_number}") for item in profile_certificates
        ]
        self.fields["profile_certificates"].widget.attrs["class"] = "form-check-input"
        for name in locked:
            field = self.fields[name]
            field.disabled = True
            field.help_text = _("Dokumen ini sudah diterima petugas; datanya tidak dapat diubah.")
        self.fields["guardian_nik"].widget.attrs.update({"inputmode": "numeric", "maxlength": "16"})
        self.fields["file_competency_certificate"] = _file_field(_("Berkas sertifikat kompetensi"))
        for kind in SINGLE_KINDS:
            self.fields[f"file_{kind}"] = _file_field(_("Berkas %(kind)s") % {"kind": DocumentKind(kind).label})
        # The mixin ran before these fields existed.
        for name, field in self.fields.items():
            if name.startswith("file_"):
                field.widget.attrs.setdefault("class", "form-control")


class DecisionForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pemohon (opsional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QueueFilterForm(StyledFormMixin, forms.Form):
    STATUS_CHOICES = [
        (RegistrationStatus.SUBMITTED, RegistrationStatus.SUBMITTED.label),
        (RegistrationStatus.REJECTED, RegistrationStatus.REJECTED.label),
        (RegistrationStatus.REVISING, RegistrationStatus.REVISING.label),
        (RegistrationStatus.VERIFIED, RegistrationStatus.VERIFIED.label),
        ("all", _("Semua")),
    ]
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    submitted_from = dates.DateField(dates.REPORT_DATE, label=_("Diajukan dari"), required=False)
    submitted_to = dates.DateField(dates.REPORT_DATE, label=_("Diajukan sampai"), required=False)
    q = forms.CharField(label=_("Cari nama atau NIK"), required=False, max_length=100)
