"""ISO 3166-1 countries and ISO 4217 currencies with Indonesian names, from pycountry's catalogues.

A country is stored as its alpha-2 code ("TW"), a currency as its alpha-3 code ("TWD"). `country_code` also reads
what people typed before the lists existed ("taiwan", "Arab Saudi", "Korea Selatan", "Hong Kong")."""

import functools
import gettext

import pycountry
from unidecode import unidecode

# Shorter names than the ISO ones where the ISO name reads oddly in a job list ("Taiwan, Provinsi China").
_SHORT_NAMES = {
    "TW": "Taiwan",
    "KR": "Korea Selatan",
    "KP": "Korea Utara",
    "HK": "Hong Kong",
    "MO": "Makau",
    "US": "Amerika Serikat",
    "GB": "Inggris (Britania Raya)",
}

# Other spellings people type; matched after folding (case, accents, punctuation and spaces ignored).
_ALIASES = {
    "TW": ("taiwan roc", "republic of china"),
    "KR": ("korea", "korsel", "south korea", "republic of korea"),
    "HK": ("hongkong", "hong kong sar", "hk"),
    "SA": ("saudi", "saudi arabia", "arab saudi", "ksa"),
    "AE": ("uae", "emirat arab", "uni emirat arab", "dubai", "abu dhabi"),
    "JP": ("japan", "jepang"),
    "MY": ("malaysia",),
    "SG": ("singapura", "singapore"),
    "BN": ("brunei", "brunei darussalam"),
    "US": ("amerika", "usa", "united states of america"),
    "GB": ("inggris", "uk", "britania raya", "england", "united kingdom"),
    "NL": ("belanda", "holland"),
    "DE": ("jerman",),
    "CN": ("tiongkok", "cina", "china", "rrc"),
    "QA": ("qatar",),
    "KW": ("kuwait",),
    "OM": ("oman",),
    "BH": ("bahrain",),
    "TR": ("turki", "turkiye", "turkey"),
    "PL": ("polandia",),
    "NZ": ("selandia baru",),
    "AU": ("australia",),
    "IT": ("italia",),
    "ES": ("spanyol",),
    "FR": ("prancis", "perancis"),
}


@functools.cache
def _catalogue(domain: str):
    try:
        return gettext.translation(domain, pycountry.LOCALES_DIR, languages=["id"])
    except OSError:  # no Indonesian catalogue: English names
        return gettext.NullTranslations()


def _fold(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in unidecode(text or "").casefold()).split())


@functools.cache
def country_names() -> dict[str, str]:
    """{alpha-2 code: Indonesian name}, falling back to the English name."""
    translate = _catalogue("iso3166-1").gettext
    names = {c.alpha_2: _SHORT_NAMES.get(c.alpha_2) or translate(c.name) for c in pycountry.countries}
    return names


@functools.cache
def country_choices() -> list[tuple[str, str]]:
    """(code, name) sorted by the Indonesian name, for a select."""
    return sorted(country_names().items(), key=lambda item: _fold(item[1]))


def country_name(code: str) -> str:
    """The Indonesian name of a code; anything else (an unmapped legacy value) as it is."""
    return country_names().get((code or "").upper(), code or "")


@functools.cache
def _lookup() -> dict[str, str]:
    translate = _catalogue("iso3166-1").gettext
    table: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for name in (
            country.name,
            translate(country.name),
            getattr(country, "common_name", ""),
            getattr(country, "official_name", ""),
            _SHORT_NAMES.get(code, ""),
            code,
            country.alpha_3,
        ):
            if name:
                table.setdefault(_fold(name), code)
    for code, aliases in _ALIASES.items():
        for alias in aliases:
            table[_fold(alias)] = code
    return table


def country_code(text: str) -> str | None:
    """The alpha-2 code of a code or a name typed in Indonesian or English, any case; None if unknown."""
    folded = _fold(text)
    if not folded:
        return None
    return _lookup().get(folded)


@functools.cache
def currency_choices() -> list[tuple[str, str]]:
    """(code, "TWD — Dolar Baru Taiwan") sorted by code, for a select."""
    translate = _catalogue("iso4217").gettext
    return sorted((c.alpha_3, f"{c.alpha_3} — {translate(c.name)}") for c in pycountry.currencies)


@functools.cache
def currency_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.currencies)
