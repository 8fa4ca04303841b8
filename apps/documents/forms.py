from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledFormMixin
from apps.documents.models import DocumentType, RegisterStatus
from apps.documents.selectors import REVOKED_FILTER

MONTHS = [
    (1, _("Januari")),
    (2, _("Februari")),
    (3, _("Maret")),
    (4, _("April")),
    (5, _("Mei")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("Agustus")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Desember")),
]
STATUS_FILTERS = [
    (RegisterStatus.ALLOCATED, _("Dialokasikan (belum terbit)")),
    (RegisterStatus.ISSUED, _("Diterbitkan (berlaku)")),
    (REVOKED_FILTER, _("Dicabut")),
    (RegisterStatus.CANCELLED, _("Nomor dibatalkan")),
]


class RegisterFilterForm(StyledFormMixin, forms.Form):
    """The book's filters, read from the query string. An invalid value is ignored, not an error page."""

    jenis = forms.ChoiceField(label=_("Jenis dokumen"), required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun"), required=False, coerce=int, empty_value=None)
    bulan = forms.TypedChoiceField(label=_("Bulan"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False)
    q = forms.CharField(label=_("Cari nomor atau perihal"), required=False, max_length=100)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Semua"))]
        self.fields["jenis"].choices = everything + list(DocumentType.choices)
        self.fields["tahun"].choices = everything + [(year, str(year)) for year in years]
        self.fields["bulan"].choices = everything + MONTHS
        self.fields["status"].choices = everything + STATUS_FILTERS

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "document_type": data.get("jenis") or "",
            "year": data.get("tahun"),
            "month": data.get("bulan"),
            "status": data.get("status") or "",
            "query": data.get("q") or "",
        }


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class FormatForm(StyledFormMixin, forms.Form):
    document_type = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentType.choices)
    pattern = forms.CharField(
        label=_("Format nomor"),
        max_length=80,
        help_text=_(
            "Wajib memuat {seq} (nomor urut; {seq:04d} = 4 digit). Dapat memakai {year}, {month}, {month_roman} "
            "(bulan Romawi) dan {office_code} (kode wilayah). Contoh: 562/{seq:04d}/PTK/{month_roman}/{year}."
        ),
    )
