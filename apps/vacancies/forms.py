"""Forms of the vacancy pages. They only parse input; every rule lives in `apps.vacancies.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import dates
from apps.core.countries import country_choices, country_code, currency_choices
from apps.core.forms import StyledFormMixin
from apps.vacancies.models import Sector, Vacancy, VacancyKind

VACANCY_FIELDS = (
    "position",
    "sector",
    "country",
    "city",
    "employer_name",
    "salary",
    "currency",
    "contract_months",
    "openings",
    "closing_date",
    "required_certificates",
    "other_requirements",
    "description",
)

_VacancyFields = type(
    "_VacancyFields",
    (forms.Form,),
    forms.fields_for_model(
        Vacancy,
        fields=VACANCY_FIELDS,
        formfield_callback=dates.with_ranges({"closing_date": dates.CLOSING_DATE}),
        widgets={
            "required_certificates": forms.Textarea(attrs={"rows": 3}),
            "other_requirements": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 5}),
        },
    ),
)


class PermitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, permit):
        return _("%(number)s — %(country)s (sisa kuota %(remaining)s, berlaku s.d. %(until)s)") % {
            "number": permit.number,
            "country": permit.country,
            "remaining": permit.remaining,
            "until": permit.valid_until.strftime("%d-%m-%Y"),
        }


class _PermitField(forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis lowongan"),
        choices=VacancyKind.choices,
        required=False,  # not sent: overseas for a P3MI (the form before domestic vacancies), domestic otherwise
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    # Required for an overseas vacancy only; the service decides (the page hides it for a domestic one).
    permit = PermitChoiceField(
        queryset=None,
        label=_("SPR"),
        required=False,
        empty_label=_("— pilih SPR —"),
        help_text=_("Untuk lowongan luar negeri. Negara dan jabatan lowongan harus tercantum dalam SPR."),
    )


class VacancyForm(StyledFormMixin, _PermitField, _VacancyFields):
    """The company's vacancy form: domestic or overseas; the SPR choice lists the company's own permits only.
    A company that is not a P3MI offers domestic vacancies only."""

    field_order = ("kind", "permit", *VACANCY_FIELDS)

    def __init__(self, *args, permits, agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permit"].queryset = permits
        self.default_kind = VacancyKind.OVERSEAS if agency is None or agency.is_p3mi else VacancyKind.DOMESTIC
        if self.default_kind == VacancyKind.DOMESTIC:
            self.fields["kind"].choices = [(VacancyKind.DOMESTIC, VacancyKind.DOMESTIC.label)]
        self.initial.setdefault("kind", self.default_kind)
        # A domestic vacancy is in Indonesia and paid in rupiah: the service fills these, so they are optional here.
        for name in ("country", "currency"):
            self.fields[name].required = False
        self.fields["required_certificates"].required = False
        self.fields["country"] = forms.ChoiceField(
            label=_("Negara tujuan"),
            required=False,
            choices=[("", _("— pilih —")), *country_choices()],
            help_text=_("Untuk lowongan luar negeri."),
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["currency"] = forms.ChoiceField(
            label=_("Mata uang"),
            required=False,
            choices=[("", _("— pilih —")), *currency_choices()],
            help_text=_("Dalam negeri: IDR."),
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        if self.is_bound and self.data.get(self.add_prefix("country")):
            # A name sent by an older client ("taiwan") is read as its code.
            data = self.data.copy()
            data[self.add_prefix("country")] = (
                country_code(data[self.add_prefix("country")]) or data[self.add_prefix("country")]
            )
            self.data = data
        self.fields["city"].label = _("Kota/kabupaten")
        self.fields["required_certificates"].help_text = _(
            "Skema/bidang sertifikat BNSP, satu per baris. Lowongan luar negeri: wajib diisi, dan pelamar harus "
            "memiliki semuanya."
        )

    def clean_kind(self):
        return self.cleaned_data.get("kind") or self.default_kind


class VacancyFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Jabatan, pemberi kerja atau kota"), "type": "search"}),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis lowongan"), required=False, choices=[("", _("Semua jenis")), *VacancyKind.choices]
    )
    negara = forms.ChoiceField(label=_("Negara tujuan"), required=False)
    sektor = forms.ChoiceField(label=_("Sektor"), required=False, choices=[("", _("Semua sektor")), *Sector.choices])
    jabatan = forms.CharField(label=_("Jabatan"), required=False, max_length=100)
    gaji_min = forms.DecimalField(label=_("Gaji minimal"), required=False, min_value=0, max_digits=12, decimal_places=2)
    gaji_maks = forms.DecimalField(
        label=_("Gaji maksimal"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    segera_tutup = forms.BooleanField(label=_("Segera tutup (7 hari)"), required=False)

    def __init__(self, data=None, *args, countries=(), **kwargs):
        """`countries`: (code, name) pairs. An old link's country name (`negara=Taiwan`) is read as its code."""
        if data is not None and data.get("negara"):
            data = data.copy()
            data["negara"] = country_code(data["negara"]) or data["negara"]
        super().__init__(data, *args, **kwargs)
        self.fields["negara"].choices = [("", _("Semua negara")), *countries]


class InterviewForm(StyledFormMixin, forms.Form):
    interview_at = dates.DateTimeField(
        dates.APPOINTMENT, label=_("Waktu wawancara"), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    interview_place = forms.CharField(label=_("Tempat wawancara"), required=False, max_length=300)
    interview_link = forms.CharField(label=_("Tautan wawancara daring"), required=False, max_length=200)


class RejectForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
