import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import dates
from apps.core.forms import StyledFormMixin
from apps.core.uploads import IMAGE_KINDS
from apps.jobfairs.models import FairMode, FairTimeZone, OrganiserKind
from apps.regions.forms import RegionCascadeMixin
from apps.regions.models import Region, RegionLevel
from apps.vacancies.models import Sector

PICK = ("", _("— pilih —"))
IMAGE_ACCEPT = ",".join([f".{ext}" for k in IMAGE_KINDS for ext in k.extensions] + [k.mime for k in IMAGE_KINDS])


class OrganiserProfileForm(StyledFormMixin, RegionCascadeMixin, forms.Form):
    """The organiser's institution. The address's region is picked down to the regency/city."""

    region_prefixes = ("address",)

    institution = forms.CharField(label=_("Nama institusi"), max_length=200)
    kind = forms.ChoiceField(label=_("Jenis institusi"), choices=[PICK, *OrganiserKind.choices])
    address = forms.CharField(label=_("Alamat (jalan, nomor, kode pos)"), max_length=300)
    phone = forms.RegexField(
        label=_("Telepon"),
        regex=r"^\+?[0-9 ()-]{6,20}$",
        max_length=20,
        error_messages={"invalid": _("Isi nomor telepon dengan angka.")},
    )
    email = forms.EmailField(label=_("E-mail kontak"))
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("JPG, PNG atau WEBP, maksimal 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )

    def add_region_fields(self):
        super().add_region_fields()
        # Only province and regency/city are asked: the regency select fills nothing below it.
        del self.fields["address_district"], self.fields["address_village"]
        for name in ("hx-get", "hx-trigger", "hx-target", "hx-vals", "hx-swap"):
            self.fields["address_regency"].widget.attrs.pop(name, None)
        self.fields["address_province"].widget.attrs["hx-vals"] = '{"source": "address_province", "clear": ""}'

    def region_fields(self):
        return [self["address_province"], self["address_regency"]]


class FairForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama job fair"), max_length=200)
    description = forms.CharField(label=_("Deskripsi"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    banner = forms.FileField(
        label=_("Banner"),
        required=False,
        help_text=_("JPG, PNG atau WEBP, maksimal 2 MB; sebaiknya melebar (3:1)."),
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
    )
    time_zone = forms.ChoiceField(
        label=_("Zona waktu"),
        choices=FairTimeZone.choices,
        help_text=_("Tanggal dan jam di bawah ini diisi dan ditampilkan dalam zona ini."),
    )
    # Wall-clock times in the fair's zone, from the browser's date-time picker.
    starts_at = dates.DateTimeField(dates.FAIR_START, label=_("Mulai"), input_formats=["%Y-%m-%dT%H:%M"])
    ends_at = dates.DateTimeField(dates.FAIR_END, label=_("Selesai"), input_formats=["%Y-%m-%dT%H:%M"])
    mode = forms.ChoiceField(label=_("Pelaksanaan"), choices=FairMode.choices, widget=forms.RadioSelect)
    venue = forms.CharField(
        label=_("Tempat"), max_length=300, required=False, help_text=_("Wajib untuk job fair luring.")
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Wilayah"),
        required=False,
        queryset=Region.objects.filter(level=RegionLevel.PROVINCE),
        help_text=_("Provinsi asal pencari kerja yang dituju. Kosongkan untuk seluruh Indonesia."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sektor"), required=False, choices=Sector.choices, widget=forms.CheckboxSelectMultiple
    )
    max_companies = forms.IntegerField(label=_("Jumlah perusahaan maksimal"), min_value=1, max_value=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio and checkbox lists are laid out by the template, not styled as one control.
        for name in ("mode", "sectors"):
            self.fields[name].widget.attrs.pop("class", None)

    def clean(self):
        cleaned = super().clean()
        dates.FAIR_PERIOD.check(self, "starts_at", "ends_at")
        # Naive wall-clock values from the picker; the view makes them aware in the chosen zone.
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                cleaned[name] = value.replace(tzinfo=None)
        return cleaned


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan pengembalian"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
