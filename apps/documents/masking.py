"""Masks for the public verification page: enough to recognise a document in one's hand, not enough to find a
person."""


def mask_nik(nik: str) -> str:
    """ "3276011403950001" → "3276**********01": the regency code and the last two digits."""
    nik = (nik or "").strip()
    if len(nik) <= 6:
        return "*" * len(nik)
    return nik[:4] + "*" * (len(nik) - 6) + nik[-2:]


def mask_name(name: str) -> str:
    """ "Siti Aminah" → "S*** A*****": each word's first letter."""
    return " ".join(word[0] + "*" * (len(word) - 1) for word in (name or "").split())
