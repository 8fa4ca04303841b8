import datetime
from decimal import Decimal

import pytest

from apps.core.formatting import date_id, mask_name, money_id, number_words_id, weekday_id


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("20000"), "TWD", "TWD 20.000,00"),
        (Decimal("1234567.891"), "HKD", "HKD 1.234.567,89"),
        (Decimal("999.5"), "", "999,50"),
        (Decimal("0"), "SGD", "SGD 0,00"),
        ("1000000", "JPY", "JPY 1.000.000,00"),
    ],
)
def test_money(amount, currency, expected):
    assert money_id(amount, currency) == expected


def test_dates():
    day = datetime.date(2026, 11, 23)

    assert date_id(day) == "23 November 2026"
    assert weekday_id(day) == "Senin"
    assert date_id(datetime.date(2026, 2, 1)) == "1 Februari 2026"
    assert date_id(None) == ""


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "satu"),
        (11, "sebelas"),
        (12, "dua belas"),
        (24, "dua puluh empat"),
        (36, "tiga puluh enam"),
        (100, "seratus"),
        (120, "seratus dua puluh"),
        (1500, "seribu lima ratus"),
    ],
)
def test_number_words(n, words):
    assert number_words_id(n) == words


def test_mask_name():
    assert mask_name("Ani Lestari") == "A** L******"
    assert mask_name("  Budi  ") == "B***"
