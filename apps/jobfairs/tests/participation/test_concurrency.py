"""Two acceptances racing for a fair's last place, each thread on its own connection: the fair's row lock lets
exactly one through (PostgreSQL only, see testing/concurrency.py)."""

import pytest

from apps.core.errors import ServiceError
from apps.jobfairs.models import FairParticipation, JobFair, ParticipationStatus
from apps.jobfairs.participation import services as services
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_two_acceptances_race_for_the_last_place(fair, organiser):
    JobFair.objects.filter(pk=fair.pk).update(max_companies=1)
    asked = [
        services.participation_request(
            fair=fair, actor=factories.agency_member(agency=factories.agency(name=f"PT Balapan {n}"))
        )
        for n in range(2)
    ]

    results = run_together(
        *(lambda p=p: services.participation_accept(participation=p, actor=organiser) for p in asked)
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code == "fair_full"
    assert FairParticipation.objects.filter(fair=fair, status=ParticipationStatus.ACCEPTED).count() == 1
