"""Indonesian formats for the agreement document: money, dates and a masked name. No locale data needed."""

import datetime
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


def date_id(value: datetime.date | None) -> str:
    """23 November 2026."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def weekday_id(value: datetime.date) -> str:
    return WEEKDAYS[value.weekday()]


def mask_name(name: str) -> str:
    """ "Ani Lestari" → "A** L******": enough to recognise a document, not enough to find a person."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in name.split())


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
