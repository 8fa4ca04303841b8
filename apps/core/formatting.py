"""Indonesian formats for official documents and pages: money, dates, NIP, masked names and NIKs. No locale data
needed; the same in every UI language, as the documents are Indonesian."""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def money_id(amount, currency: str = "") -> str:
    """`Decimal("20000")`, "TWD" → "TWD 20.000,00": dots between thousands, a comma before the cents."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = f"{sign}{'.'.join(groups)},{cents}"
    return f"{currency} {text}" if currency else text


def parse_date(value) -> datetime.date | None:
    """A date, a datetime or an ISO string (as snapshots store them) as a date; None when unreadable."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def date_id(value) -> str:
    """A date, a datetime or an ISO string as "23 November 2026"; unreadable text is returned as it was."""
    day = parse_date(value)
    if day is None:
        return str(value or "")
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zone_label(zone_name: str) -> str:
    """ "Asia/Jakarta" → "WIB"; another zone by its own abbreviation."""
    if zone_name in ZONE_LABELS:
        return ZONE_LABELS[zone_name]
    try:
        from zoneinfo import ZoneInfo

        return datetime.datetime.now(ZoneInfo(zone_name)).tzname() or zone_name
    except (ValueError, KeyError, OSError):
        return zone_name


def date_short_id(value) -> str:
    """The one way pages show a date: "30 Nov 2026" (a moment by its day in the current time zone)."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    day = parse_date(value)
    if day is None:
        return str(value or "")
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def datetime_short_id(value, zone_name: str | None = None) -> str:
    """The one way pages show a moment: "30 Nov 2026, 11:21 WIB", in `zone_name` (default: the site's zone, or the
    zone activated for the request). A plain date is shown as a date."""
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return date_short_id(value)
    from django.utils import timezone

    zone = _zone(zone_name)
    local = timezone.localtime(value, zone) if timezone.is_aware(value) else value
    # The day in that zone, not the site's: 00:30 WITA is already the next day while it is 23:30 in Jakarta.
    return f"{date_short_id(local.date())}, {local:%H:%M} {zone_label(_zone_name(zone))}"


def period_short_id(start: datetime.datetime, end: datetime.datetime, zone_name: str | None = None) -> tuple[str, str]:
    """A period's two ends, the zone named once at the end: ("30 Nov 2026, 09:00", "17:00 WITA") within a day,
    ("30 Nov 2026, 09:00", "1 Des 2026, 17:00 WITA") across days."""
    from django.utils import timezone

    zone = _zone(zone_name)
    first, last = timezone.localtime(start, zone), timezone.localtime(end, zone)
    head = f"{date_short_id(first.date())}, {first:%H:%M}"
    tail = f"{last:%H:%M}" if first.date() == last.date() else f"{date_short_id(last.date())}, {last:%H:%M}"
    return head, f"{tail} {zone_label(_zone_name(zone))}"


def _zone(zone_name: str | None):
    from django.utils import timezone

    if zone_name:
        from zoneinfo import ZoneInfo

        return ZoneInfo(zone_name)
    return timezone.get_current_timezone()


def _zone_name(zone) -> str:
    return getattr(zone, "key", None) or str(zone)


def weekday_id(value) -> str:
    day = parse_date(value)
    return WEEKDAYS[day.weekday()] if day else ""


def nip_grouped(nip) -> str:
    """An 18-digit NIP as civil-service documents print it: "19760717 199511 1 001" (birth date, appointment
    month, sex, serial). Anything else is printed as given."""
    digits = re.sub(r"\s+", "", str(nip or ""))
    if len(digits) == 18 and digits.isdigit():
        return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"
    return str(nip or "").strip()


def mask_nik(nik) -> str:
    """ "3276011403950001" → "3276**********01": the regency code and the last two digits."""
    value = str(nik or "").strip()
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def mask_name(name) -> str:
    """ "Ani Lestari" → "A** L******": enough to recognise a document, not enough to find a person."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in str(name or "").split())


_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")


def number_words_id(n: int) -> str:
    """Indonesian words for 0–999 999 ("dua puluh empat"), as contracts write a term next to its digits."""
    if n < 0 or n >= 1_000_000:
        return str(n)
    if n == 0:
        return "nol"
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
        return head + (f" {number_words_id(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{number_words_id(thousands)} ribu"
    return head + (f" {number_words_id(rest)}" if rest else "")
