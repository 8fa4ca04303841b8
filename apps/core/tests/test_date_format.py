"""One date format on every page: "30 Nov 2026, 11:21 WIB", with the time zone."""

import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import timezone

from apps.core.formatting import date_short_id, datetime_short_id, period_short_id

UTC = datetime.UTC
MOMENT = datetime.datetime(2026, 11, 30, 4, 21, tzinfo=UTC)  # 11:21 in Jakarta


def test_a_moment_is_shown_with_its_zone():
    assert datetime_short_id(MOMENT) == "30 Nov 2026, 11:21 WIB"


def test_a_moment_in_another_indonesian_zone():
    assert datetime_short_id(MOMENT, "Asia/Makassar") == "30 Nov 2026, 12:21 WITA"
    assert datetime_short_id(MOMENT, "Asia/Jayapura") == "30 Nov 2026, 13:21 WIT"


def test_a_date_and_a_moment_near_midnight_take_the_local_day():
    assert date_short_id(datetime.date(2026, 5, 1)) == "1 Mei 2026"
    late_utc = datetime.datetime(2026, 8, 16, 20, 0, tzinfo=UTC)  # 17 Aug 03:00 WIB
    assert date_short_id(late_utc) == "17 Agu 2026"
    assert date_short_id(None) == ""


def test_the_template_filters_need_no_load_tag():
    html = Template("{{ moment|moment }} · {{ moment|day }}").render(Context({"moment": MOMENT}))
    assert html == "30 Nov 2026, 11:21 WIB · 30 Nov 2026"


def test_the_request_time_zone_is_used():
    with timezone.override(zoneinfo.ZoneInfo("Asia/Jayapura")):
        assert datetime_short_id(MOMENT).endswith("13:21 WIT")


def test_a_moment_takes_the_day_of_the_zone_it_is_shown_in():
    late = datetime.datetime(2026, 11, 30, 16, 30, tzinfo=UTC)  # 23:30 in Jakarta, already 00:30 in Makassar
    assert datetime_short_id(late) == "30 Nov 2026, 23:30 WIB"
    assert datetime_short_id(late, "Asia/Makassar") == "1 Des 2026, 00:30 WITA"


def test_a_period_names_its_zone_once_and_its_second_day_only_when_it_differs():
    start = datetime.datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 WITA
    assert period_short_id(start, start + datetime.timedelta(hours=8), "Asia/Makassar") == (
        "30 Nov 2026, 09:00",
        "17:00 WITA",
    )
    assert period_short_id(start, start + datetime.timedelta(days=1, hours=8), "Asia/Makassar") == (
        "30 Nov 2026, 09:00",
        "1 Des 2026, 17:00 WITA",
    )
    html = Template("{% period start end zone %}").render(
        Context({"start": start, "end": start + datetime.timedelta(hours=8), "zone": "Asia/Makassar"})
    )
    assert html == '<span class="text-nowrap">30 Nov 2026, 09:00</span> – <span class="text-nowrap">17:00 WITA</span>'
