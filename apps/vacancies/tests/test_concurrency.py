"""Acceptances racing for the last opening and the last SPR quota unit, each thread on its own connection.

The threads race on PostgreSQL's row locks and exactly one acceptance wins; skipped on SQLite (see
apps/core/testing/concurrency.py).
"""

import pytest

from apps.core.errors import ServiceError
from apps.permits.models import RecruitmentPermit
from apps.vacancies import services
from apps.vacancies.models import Application, ApplicationStatus, PermitUse, Vacancy
from apps.vacancies.tests.builders import verified_candidate
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


@pytest.mark.parametrize("limit", ["quota", "openings"])
def test_two_acceptances_race_for_the_last_place(limit, vacancy, company_staff, job_seeker, other_job_seeker, officer):
    if limit == "quota":
        RecruitmentPermit.objects.filter(pk=vacancy.permit_id).update(quota=1)
    else:
        Vacancy.objects.filter(pk=vacancy.pk).update(openings=1)
    applications = []
    for person in (job_seeker, other_job_seeker):
        candidate = verified_candidate(person, officer)
        application = services.application_apply(actor=candidate.user, vacancy=vacancy)
        services.application_process(application=application, actor=company_staff)
        applications.append(application)

    results = run_together(
        *(lambda a=a: services.application_accept(application=a, actor=company_staff) for a in applications)
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code == ("permit_exhausted" if limit == "quota" else "vacancy_full")
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() == 1
    assert Vacancy.objects.get(pk=vacancy.pk).accepted_count == 1
    assert RecruitmentPermit.objects.get(pk=vacancy.permit_id).used == 1
    assert PermitUse.objects.count() == 1
