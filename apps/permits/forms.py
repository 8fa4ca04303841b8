"""The SPR recording form. It only parses input; the rules (who, which regions, what quota) live in the services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.agencies.models import CompanyKind, PlacementAgency
from apps.core.forms import EMPTY_CHOICE_LABEL, StyledFormMixin
from apps.permits.services import PERMIT_QUOTA_MAX
from apps.regions.models import Region, RegionLevel

DATE = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


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
    country = forms.CharField(label=_("Negara tujuan"), max_length=100)
    positions = forms.CharField(
        label=_("Jabatan"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("Satu jabatan per baris.")
    )
    regions = RegionsField(
        label=_("Wilayah perekrutan"),
        queryset=Region.objects.filter(level__in=(RegionLevel.PROVINCE, RegionLevel.REGENCY)).order_by("code"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Provinsi (seluruh kabupaten/kota di dalamnya) atau kabupaten/kota tertentu."),
    )
    valid_from = forms.DateField(label=_("Berlaku dari"), **DATE)
    valid_until = forms.DateField(label=_("Berlaku sampai"), **DATE)
    quota = forms.IntegerField(label=_("Kuota"), min_value=1, max_value=PERMIT_QUOTA_MAX)

    def __init__(self, *args, office=None, **kwargs):
        """An office's form offers only the regions within its jurisdiction (the service checks them again)."""
        super().__init__(*args, **kwargs)
        if office is not None:
            within = Q(pk=office.region_id) | Q(pk__startswith=f"{office.region_id}.")  # as offices.office_covers
            self.fields["regions"].queryset = self.fields["regions"].queryset.filter(within)
