"""Builders for tests of the job seeker at a fair: a company accepted into a fair with a vacancy published there,
written straight to the database (the company's side of the fair is another module's)."""

import datetime

from django.utils import timezone

from apps.jobfairs.models import FairFaq, FairFollower, FairParticipation, FairVacancy, ParticipationStatus
from testing import factories


def fair_at(start: datetime.datetime, *, hours: int = 8, **fields):
    return factories.job_fair(
        status="published", starts_at=start, ends_at=start + datetime.timedelta(hours=hours), **fields
    )


def participate(fair, agency, requested_by, *, status=ParticipationStatus.ACCEPTED) -> FairParticipation:
    return FairParticipation.objects.create(
        fair=fair,
        agency=agency,
        status=status,
        requested_by=requested_by,
        decided_at=timezone.now() if status != ParticipationStatus.REQUESTED else None,
    )


def publish(fair, participation, vacancy) -> FairVacancy:
    return FairVacancy.objects.create(fair=fair, participation=participation, vacancy=vacancy)


def faq(participation, question="Apakah ada biaya penempatan?", answer="Tidak ada biaya.") -> FairFaq:
    return FairFaq.objects.create(participation=participation, question=question, answer=answer)


def sweep_objects(people, company, vacancy, running_fair, participation=None) -> dict:
    """The company accepted into the running fair with the scenario's vacancy and a FAQ (unless `participation`
    says it already is); the CPMI persona follows the fair and has checked in (their application to the vacancy
    already exists)."""
    if participation is None:
        participation = participate(running_fair, company, people["company_owner"])
        publish(running_fair, participation, vacancy)
        faq(participation)
    FairFollower.objects.create(fair=running_fair, user=people["cpmi"], checked_in_at=timezone.now())
    return {"fair_participation": participation}
