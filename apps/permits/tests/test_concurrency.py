"""The SPR quota under real concurrency: twenty acceptances race for a quota of five.

The threads race on the permit's row lock (SELECT ... FOR UPDATE) on PostgreSQL; skipped on SQLite (see
apps/core/testing/concurrency.py).
"""

from types import SimpleNamespace

import pytest
from django.db import transaction

from apps.core.errors import ServiceError
from apps.permits import services
from apps.permits.models import RecruitmentPermit
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def accept(permit, application):
    def call():
        with transaction.atomic():  # the caller's transaction, as when a company accepts an application
            return services.permit_consume(permit=RecruitmentPermit.objects.get(pk=permit.pk), application=application)

    return call


def test_twenty_concurrent_acceptances_use_exactly_the_quota_of_five():
    # Given an SPR with a quota of 5 and 20 applications waiting for acceptance
    permit = factories.permit(agency=factories.agency(), quota=5)
    waiting = [SimpleNamespace(pk=n) for n in range(20)]  # the permit records only their keys

    # When all 20 are accepted at the same moment
    results = run_together(*[accept(permit, application) for application in waiting])

    # Then exactly 5 took a unit of the quota and 15 were told the quota is used up
    used = [r for r in results if isinstance(r, RecruitmentPermit)]
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(used) == 5 and len(refused) == 15, results
    assert {r.code for r in refused} == {"permit_exhausted"}
    permit.refresh_from_db()
    assert permit.used == 5


def release(permit, units=1):
    def call():
        with transaction.atomic():
            return services.permit_release_units(
                permit=RecruitmentPermit.objects.get(pk=permit.pk), units=units, actor=None, reference="LYN-1"
            )

    return call


def consume(permit, units=1):
    def call():
        with transaction.atomic():
            return services.permit_consume_units(
                permit=RecruitmentPermit.objects.get(pk=permit.pk), units=units, actor=None, reference="LYN-2"
            )

    return call


def test_ten_concurrent_releases_never_take_the_count_below_zero():
    # Given an SPR with 5 places used
    permit = factories.permit(agency=factories.agency(), quota=10, used=5)

    # When 10 requests give a place back at the same moment
    results = run_together(*[release(permit) for _ in range(10)])

    # Then 5 gave one back and 5 were refused: the count stops at 0
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert sum(isinstance(r, RecruitmentPermit) for r in results) == 5 and len(refused) == 5, results
    assert {r.code for r in refused} == {"permit_release_too_many"}
    permit.refresh_from_db()
    assert permit.used == 0


def test_places_used_and_given_back_at_the_same_moment_stay_exact():
    # Given an SPR of 10 places, 5 used: 5 requests use one more while 5 others give one back
    permit = factories.permit(agency=factories.agency(), quota=10, used=5)

    results = run_together(*[consume(permit) for _ in range(5)], *[release(permit) for _ in range(5)])

    # Then every call went through and no update was lost
    assert all(isinstance(r, RecruitmentPermit) for r in results), results
    permit.refresh_from_db()
    assert permit.used == 5
