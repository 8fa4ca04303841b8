"""The one date format of the pages, as built-in filters (settings TEMPLATES "builtins"): `{{ moment|waktu }}` →
"30 Nov 2026, 11:21 WIB", `{{ day|tgl }}` → "30 Nov 2026". A time zone name as the argument shows the moment in
that zone (a job fair's WITA): `{{ fair.starts_at|waktu:fair.time_zone }}`."""

from django import template

from apps.core.formatting import date_short_id, datetime_short_id

register = template.Library()


@register.filter
def waktu(value, zone_name=None) -> str:
    return datetime_short_id(value, zone_name or None)


@register.filter
def tgl(value) -> str:
    return date_short_id(value)
