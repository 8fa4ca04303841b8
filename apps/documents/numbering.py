"""Register numbers: the national default format per document type, an office's own format, and the check that
a format can number a whole year without repeating itself."""

import datetime
import string

from django.utils.translation import gettext as _

from apps.core.errors import ServiceError
from apps.documents.models import DocumentType

T = DocumentType

# Used when an office has not configured its own. They differ per type so two types never share a number.
DEFAULT_PATTERNS = {
    T.PLACEMENT_AGREEMENT: "PP/{office_code}/{year}/{seq:06d}",  # the format PPs had before the register book
    T.PASSPORT_RECOMMENDATION: "562/{seq:04d}/REK-PASPOR/{month_roman}/{year}",
    T.ID_CPMI: "ID-CPMI/{office_code}/{year}/{seq:05d}",
    T.SELECTION_MINUTES: "562/{seq:04d}/BA-SELEKSI/{month_roman}/{year}",
    T.HANDOVER_MINUTES: "562/{seq:04d}/BA-SERAH-TERIMA/{month_roman}/{year}",
    T.KITKI: "KITKI/{office_code}/{year}/{seq:05d}",
}

PLACEHOLDERS = ("seq", "year", "month", "month_roman", "office_code")
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
MAX_LENGTH = 120


def office_code(office) -> str:
    """The office's region code without dots: "3276" for Kota Depok."""
    return str(office.region_id).replace(".", "")


def render(pattern: str, *, seq: int, on_date: datetime.date, office) -> str:
    return pattern.format(
        seq=seq,
        year=on_date.year,
        month=f"{on_date.month:02d}",
        month_roman=ROMAN_MONTHS[on_date.month - 1],
        office_code=office_code(office),
    )


def _braced(names) -> str:
    return ", ".join("{" + name + "}" for name in names)


def validate_pattern(pattern: str, *, office) -> str:
    """The trimmed pattern, or a ServiceError on field "pattern" naming what is wrong."""
    pattern = (pattern or "").strip()
    if not pattern:
        raise ServiceError("pattern_required", _("Isi format nomor."), field="pattern")
    if len(pattern) > 80:
        raise ServiceError("pattern_too_long", _("Format nomor paling panjang 80 karakter."), field="pattern")
    try:
        fields = [
            (name, spec, conv) for _text, name, spec, conv in string.Formatter().parse(pattern) if name is not None
        ]
    except ValueError:
        raise ServiceError(
            "pattern_invalid",
            _("Kurung kurawal { } tidak berpasangan. Contoh: 562/{seq:04d}/PTK/{year}."),
            field="pattern",
        )
    unknown = sorted({name for name, _spec, _conv in fields if name not in PLACEHOLDERS})
    if unknown:
        raise ServiceError(
            "pattern_unknown_placeholder",
            _("Isian tidak dikenal: %(names)s. Yang dapat dipakai: %(known)s.")
            % {"names": _braced(unknown), "known": _braced(PLACEHOLDERS)},
            field="pattern",
        )
    if not any(name == "seq" for name, _spec, _conv in fields):
        raise ServiceError(
            "pattern_without_seq",
            _("Format nomor wajib memuat {seq} (nomor urut), misalnya {seq:04d}."),
            field="pattern",
        )
    for name, spec, conv in fields:
        if conv or (spec and name != "seq"):
            raise ServiceError(
                "pattern_invalid", _("Hanya {seq} yang boleh diberi lebar, misalnya {seq:04d}."), field="pattern"
            )
    try:
        sample = render(pattern, seq=1, on_date=datetime.date(2026, 11, 1), office=office)
    except (ValueError, IndexError, KeyError):
        raise ServiceError(
            "pattern_invalid", _("Penulisan {seq} tidak dikenal; gunakan {seq} atau {seq:04d}."), field="pattern"
        )
    if len(sample) > MAX_LENGTH:
        raise ServiceError("pattern_too_long", _("Nomor yang dihasilkan terlalu panjang."), field="pattern")
    return pattern
