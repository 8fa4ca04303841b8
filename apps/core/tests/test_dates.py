"""The one date policy (apps.core.dates): each date a person types has a range, read relative to today; every
form and API field taking a date uses it."""

import datetime
import importlib
import pkgutil
import zoneinfo

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.utils import timezone, translation
from rest_framework import serializers

import apps
from apps.core import dates
from apps.core.errors import ServiceError

TODAY = datetime.date(2026, 3, 1)


def test_a_range_is_read_from_today_and_a_leap_day_becomes_the_28th():
    assert dates.LETTER_DATE.bounds(TODAY) == (datetime.date(2025, 3, 1), TODAY)
    leap_day = datetime.date(2024, 2, 29)
    assert dates.BIRTH_DATE.bounds(leap_day) == (datetime.date(1924, 2, 29), datetime.date(2009, 2, 28))
    assert dates.FAIR_START.bounds(TODAY) == (datetime.date(2026, 1, 30), datetime.date(2028, 3, 1))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (datetime.date(1, 1, 1), "Tanggal surat paling lama satu tahun yang lalu (1 Mar 2025)."),
        (datetime.date(1900, 1, 1), "Tanggal surat paling lama satu tahun yang lalu (1 Mar 2025)."),
        (datetime.date(2025, 2, 28), "Tanggal surat paling lama satu tahun yang lalu (1 Mar 2025)."),
        (datetime.date(2026, 3, 2), "Tanggal surat tidak boleh di masa depan."),
        (datetime.date(9999, 12, 31), "Tanggal surat tidak boleh di masa depan."),
    ],
)
def test_a_letter_date_outside_the_last_year_is_refused_with_the_bound(value, message):
    assert dates.LETTER_DATE.message(value, TODAY) == message


@pytest.mark.parametrize("value", [datetime.date(2025, 3, 1), TODAY, None])
def test_a_letter_date_within_the_last_year_passes(value):
    assert dates.LETTER_DATE.message(value, TODAY) is None


def test_a_moment_is_judged_by_its_day_where_it_was_typed_even_at_the_calendars_edge():
    jakarta = zoneinfo.ZoneInfo("Asia/Jakarta")
    with timezone.override(jakarta):
        today = timezone.localdate()
        late_tonight = datetime.datetime.combine(today, datetime.time(23, 30), tzinfo=jakarta)
        assert dates.RECENT_EVENT.message(late_tonight) is None
        year_one = datetime.datetime(1, 1, 1, 0, 0, tzinfo=jakarta)  # year 0 in UTC: cannot be converted
        assert dates.FAIR_START.error(year_one).code == "date_too_early"
        last_minute = datetime.datetime(9999, 12, 31, 23, 59, tzinfo=zoneinfo.ZoneInfo("Asia/Jayapura"))
        assert dates.FAIR_END.error(last_minute).code == "date_too_late"


class LetterForm(forms.Form):
    letter_date = dates.DateField(dates.LETTER_DATE, label="Tanggal surat")
    moment = dates.DateTimeField(dates.FAIR_START, required=False)


@pytest.mark.parametrize("pattern", ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d"])
def test_indonesian_typed_dates_keep_working(pattern):
    today = timezone.localdate()
    with translation.override("id"):
        form = LetterForm({"letter_date": today.strftime(pattern)})

        assert form.is_valid(), form.errors
    assert form.cleaned_data["letter_date"] == today


@pytest.mark.parametrize("typed", ["0001-01-01T00:00", "9999-12-31T23:59", "1900-01-01T09:00"])
def test_an_out_of_range_moment_is_a_message_not_an_error(typed):
    form = LetterForm({"letter_date": timezone.localdate().isoformat(), "moment": typed})

    assert not form.is_valid()
    assert form.errors["moment"][0].startswith("Waktu mulai paling")


def test_the_picker_gets_the_bounds_of_the_day_it_is_shown():
    form = LetterForm()
    earliest, latest = dates.LETTER_DATE.bounds()

    html = str(form["letter_date"])
    assert f'min="{earliest:%Y-%m-%d}"' in html and f'max="{latest:%Y-%m-%d}"' in html and 'type="date"' in html
    start, end = dates.FAIR_START.bounds()
    html = str(form["moment"])
    assert f'min="{start:%Y-%m-%d}T00:00"' in html and f'max="{end:%Y-%m-%d}T23:59"' in html


def test_a_read_only_date_is_not_judged_again():
    class Locked(forms.Form):
        letter_date = dates.DateField(dates.LETTER_DATE, disabled=True)

    old = datetime.date(2020, 5, 1)  # accepted by an officer long ago
    form = Locked({}, initial={"letter_date": old})

    assert form.is_valid() and form.cleaned_data["letter_date"] == old


def test_a_service_is_refused_with_the_forms_sentence_beside_the_field_it_names():
    refusal = dates.LETTER_DATE.refusal(datetime.date(1900, 1, 1), field="letter_date", today=TODAY)
    assert isinstance(refusal, ServiceError)
    assert (refusal.code, refusal.field) == ("date_too_early", "letter_date")
    assert str(refusal.message) == "Tanggal surat paling lama satu tahun yang lalu (1 Mar 2025)."
    later = dates.LETTER_DATE.refusal(datetime.date(2026, 3, 2), field="x", code="letter_date_future", today=TODAY)
    assert (later.code, str(later.message)) == ("letter_date_future", "Tanggal surat tidak boleh di masa depan.")
    assert dates.LETTER_DATE.refusal(TODAY, field="x", today=TODAY) is None
    assert dates.LETTER_DATE.refusal(None, field="x", today=TODAY) is None
    with pytest.raises(ServiceError):
        dates.LETTER_DATE.require(datetime.date(9999, 12, 31), field="x", today=TODAY)


def test_a_services_period_judges_each_bound_it_is_asked_to_then_the_order():
    start, end = (
        datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC),
        datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC),
    )
    names = {"start_field": "starts_at", "end_field": "ends_at", "today": TODAY}

    order = dates.FAIR_PERIOD.refusal(start, end, order_code="invalid_dates", **names)
    assert (order.code, order.field) == ("invalid_dates", "ends_at")
    year_1 = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
    assert dates.FAIR_PERIOD.refusal(year_1, end, **names).field == "starts_at"
    assert dates.FAIR_PERIOD.refusal(year_1, end, check_start=False, **names) is None  # a stored start is kept
    year_9999 = datetime.datetime(9999, 12, 31, tzinfo=datetime.UTC)
    assert dates.FAIR_PERIOD.refusal(start, year_9999, **names).field == "ends_at"
    assert dates.FAIR_PERIOD.refusal(start, year_9999, check_end=False, **names) is None


def test_a_period_must_end_after_it_starts():
    class Fair(forms.Form):
        start = dates.DateTimeField(dates.FAIR_START)
        end = dates.DateTimeField(dates.FAIR_END)

        def clean(self):
            dates.FAIR_PERIOD.check(self, "start", "end")

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = Fair({"start": f"{tomorrow}T10:00", "end": f"{tomorrow}T10:00"})

    assert not form.is_valid()
    assert form.errors["end"] == ["Waktu selesai harus setelah waktu mulai."]


def test_a_date_field_cannot_be_declared_without_its_range():
    with pytest.raises(TypeError):
        dates.DateField(label="Tanggal")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        dates.SerializerDateField(None)


def test_the_api_fields_refuse_with_the_same_sentence():
    class Letter(serializers.Serializer):
        letter_date = dates.SerializerDateField(dates.LETTER_DATE)
        moment = dates.SerializerDateTimeField(dates.FAIR_START, required=False)

    refused = Letter(data={"letter_date": "1900-01-01", "moment": "9999-12-31T23:59:00+09:00"})
    assert not refused.is_valid()
    assert str(refused.errors["letter_date"][0]).startswith("Tanggal surat paling lama satu tahun yang lalu")
    assert str(refused.errors["moment"][0]).startswith("Waktu mulai paling lambat dua tahun")
    accepted = Letter(data={"letter_date": timezone.localdate().isoformat()})
    assert accepted.is_valid(), accepted.errors


# --- every form and API field that takes a date has a range ----------------------------------------------------


def _application_modules():
    for module in pkgutil.walk_packages(apps.__path__, "apps."):
        name = module.name
        if ".tests" in name or ".migrations" in name or ".management" in name:
            continue
        importlib.import_module(name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _unbounded(fields, owner) -> list[str]:
    return [f"{owner}.{name}" for name, field in fields.items() if not dates.is_bounded(field)]


def test_every_date_a_form_or_the_api_takes_has_its_range(admin_user):
    _application_modules()
    unbounded = []
    for form in set(_subclasses(forms.BaseForm)):
        if form.__module__.startswith("apps.") and ".tests" not in form.__module__:
            unbounded += _unbounded(form.base_fields, f"{form.__module__}.{form.__name__}")
    for serializer in set(_subclasses(serializers.Serializer)):
        if serializer.__module__.startswith("apps.") and ".tests" not in serializer.__module__:
            unbounded += _unbounded(serializer().fields, f"{serializer.__module__}.{serializer.__name__}")
    request = RequestFactory().get("/")
    request.user = admin_user
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
            unbounded += _unbounded(model_admin.get_form(request).base_fields, f"admin {model.__name__}")

    assert unbounded == []


def test_the_guard_sees_an_unbounded_date():
    assert not dates.is_bounded(forms.DateField())
    assert not dates.is_bounded(forms.SplitDateTimeField())
    assert not dates.is_bounded(serializers.DateField())
    assert dates.is_bounded(serializers.DateField(read_only=True))
    assert dates.is_bounded(dates.DateField(dates.LETTER_DATE))


def test_the_messages_are_in_the_chosen_language():
    with translation.override("en"):
        assert dates.LETTER_DATE.message(datetime.date(9999, 1, 1), TODAY) == "The letter date cannot be in the future."
        assert (
            dates.FAIR_START.message(datetime.date(1, 1, 1), TODAY)
            == "The start can be at most 30 days ago (30 Jan 2026)."
        )


def test_a_year_filter_is_a_number_within_the_ranges_years():
    this_year = timezone.localdate().year

    assert dates.year_in(str(this_year), dates.REPORT_DATE) == this_year
    assert dates.year_in(f" {this_year - 29} ", dates.REPORT_DATE) == this_year - 29
    for bad in ("99999", "10000", "0", "-1", "abc", "", None, "9" * 5000, str(this_year - 31)):
        assert dates.year_in(bad, dates.REPORT_DATE) is None, bad
