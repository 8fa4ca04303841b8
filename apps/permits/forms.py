"""The SPR recording form. It only parses input; the rules (who, which regions, what quota) live in the services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.agencies.models import CompanyKind, PlacementAgency
from apps.core import dates
from apps.core.countries import country_choices, country_code
from apps.core.forms import EMPTY_CHOICE_LABEL, StyledFormMixin
from apps.permits.services import PERMIT_QUOTA_MAX
from apps.regions.models import Region, RegionLevel


class RegionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.level == RegionLevel.PROVINCE else f"— {obj.name}"


class PermitForm(StyledFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        # Only a P3MI holds an SPR; the service refuses any other company all the same.
        label=_("Perusahaan (P3MI)"),
        queryset=PlacementAgency.objects.filter(kind=CompanyKind.P3MI),
        empty_label=EMPTY_CHOICE_LABEL,
    )
    number = forms.CharField(label=_("Nomor SPR"), max_length=100)
    country = forms.ChoiceField(label=_("Negara tujuan"), choices=())
    positions = forms.CharField(
        label=_("Jabatan"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Satu jabatan per baris.")
    )
    regions = RegionsField(
        label=_("Wilayah perekrutan"),
        queryset=Region.objects.filter(level__in=(RegionLevel.PROVINCE, RegionLevel.REGENCY)).order_by("code"),
        # static/js/option-filter.js adds a search box above the list; without JavaScript it is a plain list.
        widget=forms.SelectMultiple(
            attrs={
                "size": 8,
                "data-option-filter": "",
                "data-filter-placeholder": _("Cari provinsi atau kabupaten/kota…"),
                "data-chosen-label": _("Dipilih"),
                "data-none-label": _("Belum ada wilayah yang dipilih."),
            }
        ),
        help_text=_(
            "Provinsi (seluruh kabupaten/kota di dalamnya) atau kabupaten/kota tertentu. Ketik untuk mencari; "
            "tahan Ctrl (atau ketuk, di ponsel) untuk memilih lebih dari satu."
        ),
    )
    valid_from = dates.DateField(dates.VALID_FROM, label=_("Berlaku dari"))
    valid_until = dates.DateField(dates.VALID_UNTIL, label=_("Berlaku sampai"))
    quota = forms.IntegerField(label=_("Kuota"), min_value=1, max_value=PERMIT_QUOTA_MAX)

    def __init__(self, data=None, *args, office=None, **kwargs):
        """An office's form offers only the regions within its jurisdiction (the service checks them again)."""
        if data is not None and data.get("country"):  # a name sent by an older client ("Taiwan"): its code
            data = data.copy()
            data["country"] = country_code(data["country"]) or data["country"]
        super().__init__(data, *args, **kwargs)
        self.fields["country"].choices = [("", _("— pilih —")), *country_choices()]
        if office is not None:
            within = Q(pk=office.region_id) | Q(pk__startswith=f"{office.region_id}.")  # as offices.office_covers
            self.fields["regions"].queryset = self.fields["regions"].queryset.filter(within)
