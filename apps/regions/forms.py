"""Cascading region selects: province → regency/city → district → village.

With JavaScript, htmx fills the next select when one changes. Without it, the form's "show choices"
button posts the form back and the server renders the next select filled (see `is_region_refresh`).
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.regions.models import Region, RegionLevel

LEVEL_SUFFIXES = ("province", "regency", "district", "village")
LEVEL_LABELS = {
    "province": _("Provinsi"),
    "regency": _("Kabupaten/Kota"),
    "district": _("Kecamatan"),
    "village": _("Kelurahan/Desa"),
}
REFRESH_FIELD = "_regions"


def is_region_refresh(request) -> bool:
    return REFRESH_FIELD in request.POST


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class RegionCascadeMixin:
    """Adds `<prefix>_province`, `_regency`, `_district`, `_village` fields to a form."""

    region_prefixes: tuple[str, ...] = ("address",)
    region_required = True

    def __init__(self, *args, **kwargs):
        # Runs inside StyledFormMixin.__init__, so the region selects are styled like every other field.
        super().__init__(*args, **kwargs)
        self.add_region_fields()

    def add_region_fields(self):
        for prefix in self.region_prefixes:
            names = [f"{prefix}_{suffix}" for suffix in LEVEL_SUFFIXES]
            for level, (suffix, name) in enumerate(zip(LEVEL_SUFFIXES, names, strict=True), start=1):
                parent_code = self._region_value(names[level - 2]) if level > 1 else None
                if level == 1:
                    queryset = Region.objects.filter(level=RegionLevel.PROVINCE)
                elif parent_code:
                    queryset = Region.objects.filter(parent_id=parent_code, level=level)
                else:
                    queryset = Region.objects.none()
                field = RegionChoiceField(
                    queryset=queryset,
                    required=self.region_required,
                    label=LEVEL_LABELS[suffix],
                    empty_label=_("— pilih —"),
                )
                if level < 4:
                    field.widget.attrs.update(
                        {
                            "hx-get": reverse("regions:options"),
                            "hx-trigger": "change",
                            "hx-target": f"#id_{names[level]}",
                            "hx-vals": f'{{"source": "{name}", "clear": "{",".join(names[level + 1 :])}"}}',
                            "hx-swap": "innerHTML",
                        }
                    )
                self.fields[name] = field

    def _region_value(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        value = self.initial.get(name)
        return getattr(value, "pk", value) or None
