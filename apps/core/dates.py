"""The one date policy: every date or date-time a person types, in a form or through the API, has a range.

A range is named after what the date means (`LETTER_DATE`: within the last year and never in the future) and is
read relative to today when the value is checked, so a long-running process never keeps yesterday's bounds.
Forms use `DateField(LETTER_DATE)` / `DateTimeField(FAIR_START)`, serializers `SerializerDateField(...)`; a
date outside its range is refused with a message saying the earliest or latest day allowed, beside the field,
and nothing is stored. The browser's picker gets the same bounds as `min`/`max`. A field shown read-only (an
accepted document's date) is not judged again. Periods (start and end) add "end after start": `FAIR_PERIOD`.
Services check what they store with the same range (`LETTER_DATE.require(value, field=..., code=...)`, or
`.refusal(...)` for a `ServiceError` to collect), so the API, seed_demo and builders are bounded as the forms; a
service judges only a value being changed, never a date it already holds.

Indonesian typed dates ("25-10-2026", "25/10/2026") keep working: the form fields are Django's, with the
language's input formats (and ISO, which the pickers send); only the range is added.
"""

import dataclasses
import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.errors import ServiceError
from apps.core.formatting import date_short_id

# --- ranges ---------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Offset:
    """A distance from today: `years` (calendar years; 29 February becomes the 28th) and `days`; negative is past."""

    years: int = 0
    days: int = 0

    def from_day(self, today: datetime.date) -> datetime.date:
        year = today.year + self.years
        try:
            day = today.replace(year=year)
        except ValueError:  # 29 February in a year without one
            day = today.replace(year=year, day=28)
        return day + datetime.timedelta(days=self.days)


def years_ago(n: int) -> Offset:
    return Offset(years=-n)


def years_ahead(n: int) -> Offset:
    return Offset(years=n)


def days_ago(n: int) -> Offset:
    return Offset(days=-n)


def days_ahead(n: int) -> Offset:
    return Offset(days=n)


TODAY = Offset()


@dataclasses.dataclass(frozen=True)
class DateRange:
    """The days a field accepts, from `earliest` to `latest` (both included). The messages take %(date)s, the
    bound as pages show dates ("7 Des 2025"); a datetime is judged by its day in the zone it was typed in."""

    earliest: Offset
    latest: Offset
    too_early: str | Promise = _("Tanggal paling awal yang dapat diisi adalah %(date)s.")
    too_late: str | Promise = _("Tanggal paling akhir yang dapat diisi adalah %(date)s.")

    def bounds(self, today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
        today = today or timezone.localdate()
        return self.earliest.from_day(today), self.latest.from_day(today)

    def error(self, value, today: datetime.date | None = None) -> ValidationError | None:
        """The refusal of `value` (a date or datetime), or None when it is in range or empty."""
        day = day_of(value)
        if day is None:
            return None
        earliest, latest = self.bounds(today)
        if day < earliest:
            return ValidationError(self.too_early, code="date_too_early", params={"date": date_short_id(earliest)})
        if day > latest:
            return ValidationError(self.too_late, code="date_too_late", params={"date": date_short_id(latest)})
        return None

    def validate(self, value, today: datetime.date | None = None) -> None:
        error = self.error(value, today)
        if error is not None:
            raise error

    def message(self, value, today: datetime.date | None = None) -> str | None:
        """The refusal as one translated sentence (for the API), or None."""
        error = self.error(value, today)
        return None if error is None else error.messages[0]

    def refusal(self, value, *, field: str, code: str | None = None, today=None) -> ServiceError | None:
        """The service's refusal of `value` (a date or datetime), named for `field`, or None when in range or empty:
        a service checks what it stores with the range its form uses, so a caller that bypasses the form (the API,
        seed_demo, a builder, another service) is bounded the same. `code` keeps a workflow's own error code."""
        error = self.error(value, today)
        if error is None:
            return None
        return ServiceError(code or error.code, error.messages[0], field=field)

    def require(self, value, *, field: str, code: str | None = None, today=None) -> None:
        """Raise the service's refusal of `value` (see `refusal`)."""
        refusal = self.refusal(value, field=field, code=code, today=today)
        if refusal is not None:
            raise refusal


def year_in(value, date_range: DateRange) -> int | None:
    """A year given as a filter (`?tahun=2026`) when it is a number within the range's years, else None."""
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):  # not a number, or thousands of digits
        return None
    earliest, latest = date_range.bounds()
    return year if earliest.year <= year <= latest.year else None


def day_of(value) -> datetime.date | None:
    """The day of a date, or of a datetime in the current time zone (naive: as typed)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            try:
                value = timezone.localtime(value)
            except OverflowError:  # at the calendar's edge (year 1 or 9999): the day as typed is out of any range
                pass
        return value.date()
    return value


@dataclasses.dataclass(frozen=True)
class Period:
    """A start and an end, each with its range; the end must come after the start (`same_day_allowed`: a period
    of dates may start and end on one day; a period of moments must not end when it starts)."""

    start: DateRange
    end: DateRange
    end_before_start: str | Promise
    same_day_allowed: bool = False

    def check(self, form, start_name: str, end_name: str) -> None:
        """In a form's clean(): puts the refusal beside the end field."""
        start, end = form.cleaned_data.get(start_name), form.cleaned_data.get(end_name)
        if start is None or end is None:
            return
        if self._ends_before_start(start, end):
            form.add_error(end_name, ValidationError(self.end_before_start, code="end_before_start"))

    def _ends_before_start(self, start, end) -> bool:
        return end < start if self.same_day_allowed else end <= start

    def refusal(
        self,
        start,
        end,
        *,
        start_field: str,
        end_field: str,
        order_code: str = "end_before_start",
        check_start: bool = True,
        check_end: bool = True,
        today=None,
    ) -> ServiceError | None:
        """The service's refusal of a period: the start's range, the end's range, then "end after start" (beside the
        end field), or None. `check_start`/`check_end` False: that bound is stored already and is not judged again
        (a fair under way keeps its start)."""
        if check_start:
            refusal = self.start.refusal(start, field=start_field, today=today)
            if refusal is not None:
                return refusal
        if check_end:
            refusal = self.end.refusal(end, field=end_field, today=today)
            if refusal is not None:
                return refusal
        if start is not None and end is not None and self._ends_before_start(start, end):
            return ServiceError(order_code, self.end_before_start, field=end_field)
        return None


# The named ranges. Sign-up's minimum age (SIGNUP_MIN_AGE_YEARS, CPMI_MIN_AGE_YEARS) is checked where it was.
BIRTH_DATE = DateRange(
    years_ago(100),
    years_ago(15),
    too_early=_("Tanggal lahir paling awal %(date)s (umur 100 tahun)."),
    too_late=_("Tanggal lahir paling akhir %(date)s (umur 15 tahun)."),
)
# A letter or certificate brought in with an application: written within the last year, never in the future.
LETTER_DATE = DateRange(
    years_ago(1),
    TODAY,
    too_early=_("Tanggal surat paling lama satu tahun yang lalu (%(date)s)."),
    too_late=_("Tanggal surat tidak boleh di masa depan."),
)
# Something that happened at the office recently (an interview, a selection): within the last year, not later.
RECENT_EVENT = DateRange(
    years_ago(1),
    TODAY,
    too_early=_("Tanggal paling lama satu tahun yang lalu (%(date)s)."),
    too_late=_("Tanggal tidak boleh di masa depan."),
)
# A person's history (work, certificates): within a working life, never in the future.
PERSONAL_HISTORY = DateRange(
    years_ago(70),
    TODAY,
    too_early=_("Tanggal paling awal yang dapat diisi adalah %(date)s."),
    too_late=_("Tanggal tidak boleh di masa depan."),
)
# A decree (SK) in force: signed in the last 30 years, never in the future.
DECREE_DATE = DateRange(
    years_ago(30),
    TODAY,
    too_early=_("Tanggal SK paling awal %(date)s."),
    too_late=_("Tanggal SK tidak boleh di masa depan."),
)
# The validity of a permit, a decree or a card: from (the last 30 years, at most 1 year ahead) until (at most 10
# years ahead). Whether it is still valid today is the workflow's rule, said in its own words ("SIP2MI sudah tidak
# berlaku"); the range only keeps absurd years out.
VALID_FROM = DateRange(years_ago(30), years_ahead(1))
VALID_UNTIL = DateRange(years_ago(30), years_ahead(10))
# A vacancy's closing date: after today, at most two years ahead.
CLOSING_DATE = DateRange(
    days_ahead(1),
    years_ahead(2),
    too_early=_("Tanggal tutup sudah lewat. Pilih tanggal setelah hari ini."),
    too_late=_("Tanggal tutup paling lambat dua tahun dari sekarang (%(date)s)."),
)
# An appointment being planned (an interview): from today, at most one year ahead.
APPOINTMENT = DateRange(
    TODAY,
    years_ahead(1),
    too_early=_("Waktu tidak boleh di masa lalu."),
    too_late=_("Waktu paling lambat satu tahun dari sekarang (%(date)s)."),
)
# Filters of lists and reports: the service's own years, and a little ahead.
REPORT_DATE = DateRange(years_ago(30), years_ahead(1))
# A job fair: starting no earlier than 30 days ago, ending within two years, ending after it starts.
FAIR_START = DateRange(
    days_ago(30),
    years_ahead(2),
    too_early=_("Waktu mulai paling awal 30 hari yang lalu (%(date)s)."),
    too_late=_("Waktu mulai paling lambat dua tahun dari sekarang (%(date)s)."),
)
FAIR_END = DateRange(
    days_ago(30),
    years_ahead(2),
    too_early=_("Waktu selesai paling awal 30 hari yang lalu (%(date)s)."),
    too_late=_("Waktu selesai paling lambat dua tahun dari sekarang (%(date)s)."),
)
FAIR_PERIOD = Period(FAIR_START, FAIR_END, _("Waktu selesai harus setelah waktu mulai."))


# --- form fields ----------------------------------------------------------------------------------------------


class _RangeAttrs:
    """A date or datetime-local input whose `min` and `max` are the range's bounds on the day it is rendered."""

    date_range: DateRange | None = None
    min_format = max_format = "%Y-%m-%d"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.date_range is not None:
            earliest, latest = self.date_range.bounds()
            widget_attrs = context["widget"]["attrs"]
            widget_attrs.setdefault("min", earliest.strftime(self.min_format))
            widget_attrs.setdefault("max", latest.strftime(self.max_format))
        return context


class DateInput(_RangeAttrs, forms.DateInput):
    """The phone's date picker; the value travels as YYYY-MM-DD whatever the display language."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 (Django's name)
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")


class DateTimeLocalInput(_RangeAttrs, forms.DateTimeInput):
    """The browser's date-time picker; the value is a wall-clock time (YYYY-MM-DDTHH:MM)."""

    input_type = "datetime-local"
    min_format, max_format = "%Y-%m-%dT00:00", "%Y-%m-%dT23:59"  # the last day is allowed to its last minute

    def __init__(self, attrs=None, format=None):  # noqa: A002
        super().__init__(attrs=attrs, format=format or "%Y-%m-%dT%H:%M")


class _RangeField:
    def _set_range(self, date_range: DateRange) -> None:
        if not isinstance(date_range, DateRange):
            raise TypeError("a date field needs its DateRange (apps.core.dates)")
        self.date_range = date_range
        if isinstance(self.widget, _RangeAttrs):
            self.widget.date_range = date_range

    def validate(self, value):
        super().validate(value)
        if not self.disabled:  # a read-only value (an accepted document's date) was judged when it was typed
            self.date_range.validate(value)


class DateField(_RangeField, forms.DateField):
    """A form date with its range: `DateField(LETTER_DATE, label=...)`. The widget is the date picker."""

    widget = DateInput

    def __init__(self, date_range: DateRange, **kwargs):
        super().__init__(**kwargs)
        self._set_range(date_range)


class DateTimeField(_RangeField, forms.DateTimeField):
    """A form date-time with its range (judged by its day), typed in the browser's date-time picker."""

    widget = DateTimeLocalInput

    def __init__(self, date_range: DateRange, **kwargs):
        super().__init__(**kwargs)
        self._set_range(date_range)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:  # a moment at the calendar's edge cannot be placed in a zone
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def model_date_field(model_field, date_range: DateRange, **kwargs) -> DateField:
    """A model's DateField as a bounded form field, labelled and required as on the model (forms built from a
    model, and the admin)."""
    kwargs.setdefault("label", model_field.verbose_name)
    kwargs.setdefault("required", not model_field.blank)
    return DateField(date_range, **kwargs)


def with_ranges(ranges: dict[str, DateRange]):
    """A `formfield_callback` for `forms.fields_for_model`: the date fields named in `ranges` get their range."""

    def formfield(model_field, **kwargs):
        if model_field.name in ranges:
            return model_date_field(model_field, ranges[model_field.name])
        return model_field.formfield(**kwargs)

    return formfield


# --- API (Django REST framework) fields ------------------------------------------------------------------------


class SerializerDateField(serializers.DateField):
    """An API date with its range: `SerializerDateField(LETTER_DATE)`; the refusal is the form's sentence."""

    def __init__(self, date_range: DateRange, **kwargs):
        if not isinstance(date_range, DateRange):
            raise TypeError("a date field needs its DateRange (apps.core.dates)")
        self.date_range = date_range
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        message = self.date_range.message(day)
        if message is not None:
            raise serializers.ValidationError(message, code="date_out_of_range")
        return day


class SerializerDateTimeField(serializers.DateTimeField):
    """An API date-time with its range (judged by its day in the current time zone)."""

    def __init__(self, date_range: DateRange, **kwargs):
        if not isinstance(date_range, DateRange):
            raise TypeError("a date-time field needs its DateRange (apps.core.dates)")
        self.date_range = date_range
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        try:
            moment = super().to_internal_value(value)
        except OverflowError:
            self.fail("invalid", format="YYYY-MM-DDThh:mm")
        message = self.date_range.message(moment)
        if message is not None:
            raise serializers.ValidationError(message, code="date_out_of_range")
        return moment


def is_bounded(field) -> bool:
    """For the test that every date a person types has a range: form fields and writable serializer fields."""
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField):
        return isinstance(field, _RangeField)
    if isinstance(field, serializers.DateField | serializers.DateTimeField) and not field.read_only:
        return isinstance(field, SerializerDateField | SerializerDateTimeField)
    return True
