"""The one date format of the pages, as built-in filters (settings TEMPLATES "builtins"): `{{ sent_at|moment }}` →
"30 Nov 2026, 11:21 WIB", `{{ birth_date|day }}` → "30 Nov 2026". A time zone name as the argument shows the moment
in that zone (a job fair's WITA): `{{ fair.starts_at|moment:fair.time_zone }}`. A period:
`{% period fair.starts_at fair.ends_at fair.time_zone %}` → "30 Nov 2026, 09:00 – 17:00 WITA"."""

from django import template
from django.utils.html import format_html

from apps.core.formatting import date_short_id, datetime_short_id, period_short_id

register = template.Library()


@register.filter
def moment(value, zone_name=None) -> str:
    return datetime_short_id(value, zone_name or None)


@register.filter
def day(value) -> str:
    return date_short_id(value)


@register.simple_tag
def period(start, end, zone_name=None) -> str:
    """Each end kept on one line, so a phone breaks the period only at the dash."""
    head, tail = period_short_id(start, end, zone_name or None)
    return format_html('<span class="text-nowrap">{}</span> – <span class="text-nowrap">{}</span>', head, tail)
