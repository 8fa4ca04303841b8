"""Structure checks for NIK and phone numbers, before anything is asked of the civil registry."""

import datetime

from django.utils.translation import gettext as _
from lokal.nik import parse_nik
from lokal.phone import parse_phone

from apps.core.errors import ServiceError
from apps.regions.models import Region


def nik_check_structure(nik: str, *, birth_date: datetime.date | None, sex: str | None) -> str:
    """Return the 16 digits, or raise ServiceError(field="nik").

    Digits 1-6 are the province/regency/district code, 7-12 the birth date DDMMYY with 40 added to the
    day for women. The province and regency must exist; the district is not required to, because a NIK
    keeps the district code it was issued with after a district is split.
    """
    digits = "".join(ch for ch in (nik or "") if not ch.isspace())
    if len(digits) != 16 or not digits.isdigit():
        raise ServiceError("nik_format", _("NIK harus terdiri dari 16 digit angka."), field="nik")
    info = parse_nik(digits)
    regency_code = f"{digits[0:2]}.{digits[2:4]}"
    if info.province is None or not Region.objects.filter(code=regency_code).exists():
        raise ServiceError(
            "nik_region",
            _("Kode wilayah pada NIK (%(code)s) tidak dikenal.") % {"code": digits[0:6]},
            field="nik",
        )
    if info.birth_date is None:
        raise ServiceError("nik_birth_date", _("Tanggal lahir pada NIK (digit 7-12) tidak valid."), field="nik")
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    nik_sex = "P" if day > 40 else "L"
    real_day = day - 40 if day > 40 else day
    if sex and sex != nik_sex:
        raise ServiceError(
            "nik_sex",
            _("NIK tidak sesuai dengan jenis kelamin yang diisi (untuk perempuan tanggal lahir ditambah 40)."),
            field="nik",
        )
    if birth_date and (birth_date.day, birth_date.month, birth_date.year % 100) != (real_day, month, year):
        raise ServiceError(
            "nik_birth_date_mismatch", _("NIK tidak sesuai dengan tanggal lahir yang diisi."), field="nik"
        )
    return digits


def phone_normalise(phone: str) -> str:
    """Return the +62 form of an Indonesian mobile number, or raise ServiceError(field="phone")."""
    info = parse_phone(phone or "")
    if not info.valid or info.type != "mobile" or not info.e164:
        raise ServiceError(
            "phone_format",
            _("Nomor HP tidak valid. Gunakan nomor seluler Indonesia, misalnya 0812 3456 7890."),
            field="phone",
        )
    return info.e164
