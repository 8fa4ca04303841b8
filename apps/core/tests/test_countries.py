"""Country and currency lists: Indonesian names, and the names people typed before the lists existed."""

import pytest

from apps.core.countries import country_choices, country_code, country_name, currency_choices, currency_codes


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("taiwan", "TW"),
        ("Taiwan", "TW"),
        (" TAIWAN ", "TW"),
        ("Hong Kong", "HK"),
        ("Arab Saudi", "SA"),
        ("Saudi Arabia", "SA"),
        ("Malaysia", "MY"),
        ("Jepang", "JP"),
        ("Japan", "JP"),
        ("Korea Selatan", "KR"),
        ("South Korea", "KR"),
        ("Singapura", "SG"),
        ("Brunei Darussalam", "BN"),
        ("Uni Emirat Arab", "AE"),
        ("TW", "TW"),
        ("Narnia", None),
        ("", None),
    ],
)
def test_a_typed_country_name_gives_its_code(typed, code):
    assert country_code(typed) == code


def test_countries_carry_indonesian_names_sorted_by_name():
    names = dict(country_choices())
    assert (names["JP"], names["KR"], names["TW"], names["SA"]) == ("Jepang", "Korea Selatan", "Taiwan", "Arab Saudi")
    labels = [name for _code, name in country_choices()]
    assert labels.index("Arab Saudi") < labels.index("Jepang") < labels.index("Taiwan")
    assert country_name("tw") == "Taiwan"
    assert country_name("Narnia") == "Narnia"  # a value no country matched is shown as it was stored


def test_currencies_are_the_iso_list():
    assert {"TWD", "HKD", "SAR", "IDR"} <= currency_codes()
    assert "XYZ" not in currency_codes()
    assert dict(currency_choices())["TWD"].startswith("TWD — ")
