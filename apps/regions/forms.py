"""Cascading region selects: province → regency/city → district → village.

With JavaScript, htmx fills the next select when one changes. Without it, the form's "show choices"
button posts the form back and the server renders the next select filled (see `is_region_refresh`).
"""

import re

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.forms import EMPTY_CHOICE_LABEL
from apps.regions.models import Region, RegionLevel

LEVEL_SUFFIXES = ("province", "regency", "district", "village")
LEVEL_LABELS = {
    "province": _("Provinsi"),
    "regency": _("Kabupaten/Kota"),
    "district": _("Kecamatan"),
    "village": _("Kelurahan/Desa"),
}
REFRESH_FIELD = "_regions"
# A dotted Kemendagri code: "32", "32.76", "32.76.01", "32.76.01.1001". Values that are not one never reach a query.
REGION_CODE = re.compile(r"^[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?\Z")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}\Z")


def is_region_code(value) -> bool:
    return isinstance(value, str) and REGION_CODE.match(value) is not None


class RegionOptionsQuery(forms.Form):
    """The htmx request for the next select's options: `source` names the select that changed (its value is the
    parent region's code) and `clear` lists the selects below it to empty."""

    source = forms.RegexField(FIELD_NAME)
    parent = forms.RegexField(REGION_CODE, required=False, max_length=13)
    clear = forms.CharField(required=False, max_length=600)

    @classmethod
    def from_params(cls, params) -> "RegionOptionsQuery":
        source = params.get("source", "")
        data = {"source": source, "clear": params.get("clear", "")}
        if source in params:  # no value of the named select is a malformed request, not "no parent"
            data["parent"] = params.get(source, "")
        return cls(data)

    def clean_clear(self):
        names = [name for name in self.cleaned_data["clear"].split(",") if name]
        if not all(FIELD_NAME.match(name) for name in names):
            raise forms.ValidationError("malformed field names")
        return names

    def clean(self):
        cleaned = super().clean()
        if "parent" not in self.data:
            raise forms.ValidationError("the named select has no value")
        return cleaned


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
                    empty_label=EMPTY_CHOICE_LABEL,
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
            value = self.data.get(self.add_prefix(name))
            return value if is_region_code(value) else None
        value = self.initial.get(name)
        return getattr(value, "pk", value) or None
