"""Bad input on the organiser's fair form: a date out of the fair's period (starting no earlier than 30 days ago,
ending within two years, ending after it starts) is refused beside its field, the rest of the input is kept, and
nothing is stored, so the organiser's pages keep answering."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.jobfairs.models import JobFair
from testing import factories

pytestmark = pytest.mark.django_db


def fair_data(starts_at: str, ends_at: str, zone: str = "Asia/Jayapura") -> dict:
    return {
        "name": "Job Fair Jayapura",
        "description": "Bursa kerja Papua.",
        "time_zone": zone,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "mode": "online",
        "max_companies": "12",
    }


def days_from_today(days: int, time: str = "09:00") -> str:
    return f"{timezone.localdate() + datetime.timedelta(days=days)}T{time}"


TOMORROW = days_from_today(1)


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "field", "message"),
    [
        ("0001-01-01T00:00", TOMORROW, "starts_at", "Waktu mulai paling awal 30 hari yang lalu"),
        ("1900-01-01T09:00", TOMORROW, "starts_at", "Waktu mulai paling awal 30 hari yang lalu"),
        (days_from_today(-31), TOMORROW, "starts_at", "Waktu mulai paling awal 30 hari yang lalu"),
        ("9999-12-31T23:00", "9999-12-31T23:59", "starts_at", "Waktu mulai paling lambat dua tahun dari sekarang"),
        (TOMORROW, "9999-12-31T23:59", "ends_at", "Waktu selesai paling lambat dua tahun dari sekarang"),
        (TOMORROW, days_from_today(2 * 366 + 1), "ends_at", "Waktu selesai paling lambat dua tahun dari sekarang"),
        (TOMORROW, days_from_today(1, "08:00"), "ends_at", "Waktu selesai harus setelah waktu mulai."),
    ],
    # Ids that do not change with the day, so every xdist worker collects the same tests.
    ids=["year-1", "1900", "31-days-ago", "year-9999", "ends-9999", "ends-after-2-years", "ends-before-start"],
)
def test_a_fair_out_of_its_period_is_refused_beside_the_field_and_not_stored(
    client, organiser, profile, starts_at, ends_at, field, message
):
    client.force_login(organiser)

    response = client.post(reverse("jobfairs:fair_create"), fair_data(starts_at, ends_at))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    page = response.content.decode()
    assert f'id="{field}-error"' in page or f'id="id_{field}_error"' in page
    assert 'value="Job Fair Jayapura"' in page and "Bursa kerja Papua." in page  # the rest of the input is kept
    assert not JobFair.objects.exists()
    assert client.get(reverse("jobfairs:organiser_fairs")).status_code == 200
    assert client.get(reverse("dashboards:dashboard_organiser")).status_code == 200


def test_editing_a_draft_to_year_one_keeps_the_stored_dates(client, organiser, profile):
    fair = factories.job_fair(organiser=organiser)
    stored = (fair.starts_at, fair.ends_at)
    client.force_login(organiser)

    response = client.post(reverse("jobfairs:fair_edit", args=[fair.pk]), fair_data("0001-01-01T00:00", TOMORROW))

    assert response.status_code == 200 and "starts_at" in response.context["form"].errors
    fair.refresh_from_db()
    assert (fair.starts_at, fair.ends_at) == stored
    assert client.get(reverse("jobfairs:fair_manage", args=[fair.pk])).status_code == 200


def test_a_fair_at_the_edges_of_its_period_is_stored_and_shown(client, organiser, profile):
    """The widest fair the form takes (from 30 days ago to the last minute two years ahead, in WIT, the zone
    furthest ahead) is stored, and its pages (zone conversion, phase) answer."""
    earliest, latest = (timezone.localdate() - datetime.timedelta(days=30)), timezone.localdate()
    latest = latest.replace(year=latest.year + 2) if (latest.month, latest.day) != (2, 29) else latest
    client.force_login(organiser)

    response = client.post(
        reverse("jobfairs:fair_create"), fair_data(f"{earliest}T00:00", f"{latest}T23:59", zone="Asia/Jayapura")
    )

    assert response.status_code == 302, response.context["form"].errors
    fair = JobFair.objects.get()
    wit = zoneinfo.ZoneInfo("Asia/Jayapura")
    assert fair.starts_at == datetime.datetime.combine(earliest, datetime.time(0, 0), tzinfo=wit)
    assert fair.ends_at == datetime.datetime.combine(latest, datetime.time(23, 59), tzinfo=wit)
    assert fair.phase() == "draft"
    for url in (
        reverse("jobfairs:fair_manage", args=[fair.pk]),
        reverse("jobfairs:fair_edit", args=[fair.pk]),
        reverse("jobfairs:organiser_fairs"),
        reverse("dashboards:dashboard_organiser"),
    ):
        assert client.get(url).status_code == 200, url
