"""The status shown is derived from the clock at every moment, whatever the worker did."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from apps.jobfairs.selectors import public_fairs
from testing import factories

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=6)
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def fair(organiser):
    factories.organiser_profile(organiser)
    return factories.job_fair(organiser=organiser, status="published", starts_at=START, ends_at=END)


@pytest.mark.parametrize(
    ("moment", "phase"),
    [
        (START - SECOND, "upcoming"),
        (START, "running"),
        (END - SECOND, "running"),
        (END, "finished"),
        (END + SECOND, "finished"),
    ],
)
def test_phase_at_the_boundaries(fair, moment, phase):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        assert fair.phase() == phase
        assert fair.is_running() == (phase == "running")
    assert fair.phase(moment) == phase


def test_a_published_fair_leaves_the_public_list_at_its_end(fair):
    assert list(public_fairs(END - SECOND)) == [fair]
    assert list(public_fairs(END)) == []


def test_an_unpublished_fair_shows_its_stored_status_at_any_time(organiser):
    factories.organiser_profile(organiser)
    fair = factories.job_fair(organiser=organiser, status="verified", starts_at=START, ends_at=END)
    assert fair.phase(START + SECOND) == "verified"


def test_the_worker_does_not_change_the_phase(fair):
    # No notices were ever sent, yet the page says running from the first second.
    assert fair.start_notified_at is None
    assert fair.phase(START) == "running"
    assert fair.phase(timezone.now()) in ("upcoming", "running", "finished")
