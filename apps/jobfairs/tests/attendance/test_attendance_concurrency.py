"""Two applies of the same person to the same fair vacancy at the same moment, each on its own connection:
exactly one application is made (PostgreSQL only; see testing/concurrency.py)."""

import pytest

from apps.core.errors import ServiceError
from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.tests.attendance.conftest import START
from apps.vacancies.models import Application
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_two_simultaneous_applies_make_one_application(fair, cpmi, vacancy):
    attendance.fair_follow(fair=fair, actor=cpmi.user, now=START)
    attendance.fair_check_in(fair=fair, actor=cpmi.user, now=START)

    results = run_together(
        *(lambda: attendance.fair_apply(fair=fair, vacancy=vacancy, actor=cpmi.user, now=START) for _ in range(2))
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    made = [r for r in results if isinstance(r, Application)]
    assert len(made) == 1 and len(refused) == 1, results
    assert refused[0].code == "already_applied"
    assert Application.objects.filter(candidate=cpmi, vacancy=vacancy).count() == 1
