"""Reads of companies in fairs: the vacancies a fair shows, its accepted companies, a company's fairs."""

from django.utils import timezone

from apps.jobfairs.models import (
    FairParticipation,
    FairVacancy,
    JobFair,
    ParticipationStatus,
)
from apps.jobfairs.selectors import public_fairs
from apps.vacancies.models import Vacancy, VacancyStatus

JOINABLE_SHOWN = 50
# --- reading ---------------------------------------------------------------------------------------------------


def visible_fair_vacancies(fair: JobFair, *, today=None, open_only: bool = True):
    """The vacancies a fair shows: published into it by a company still accepted, and still open (with
    `open_only=False`, closed ones too, for the job seekers' room that marks them; a draft never shows). Whether
    the visitor may see them yet (the fair started, checked in) is the caller's question."""
    rows = FairVacancy.objects.filter(fair=fair, participation__status=ParticipationStatus.ACCEPTED)
    if open_only:
        rows = rows.filter(
            vacancy__status=VacancyStatus.PUBLISHED, vacancy__closing_date__gte=today or timezone.localdate()
        )
    else:
        rows = rows.exclude(vacancy__status=VacancyStatus.DRAFT)
    return rows.select_related("vacancy__agency", "participation").order_by(
        "participation__agency__name", "vacancy__position", "pk"
    )


def is_fair_vacancy(fair: JobFair, vacancy: Vacancy) -> bool:
    """Is `vacancy` one the fair shows (see `visible_fair_vacancies`)?"""
    return visible_fair_vacancies(fair).filter(vacancy=vacancy).exists()


def accepted_participations(fair: JobFair):
    """The companies of the fair, each with its FAQ prefetched."""
    return (
        FairParticipation.objects.filter(fair=fair, status=ParticipationStatus.ACCEPTED)
        .select_related("agency")
        .prefetch_related("faqs")
        .order_by("agency__name", "pk")
    )


def company_fairs(agency, *, now=None) -> dict:
    """For the company's "Job fair" page: the fairs it takes part in or asked to (any phase), and the published,
    unfinished fairs it has not asked to join yet."""
    now = now or timezone.now()
    participations = list(
        FairParticipation.objects.filter(agency=agency)
        .select_related("fair__organiser__organiser_profile")
        .order_by("-fair__starts_at", "-pk")
    )
    joined = {p.fair_id for p in participations}
    joinable = list(public_fairs(now).exclude(pk__in=joined)[:JOINABLE_SHOWN])
    return {"participations": participations, "joinable": joinable}
