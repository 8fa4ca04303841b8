"""Reads of vacancies and applications that grow with the data: the public list, certificate matching,
the company's lists and the dashboard counts."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.vacancies.models import Application, ApplicationStatus, Vacancy, VacancyStatus

PAGE_SIZE = 20
CLOSING_SOON_DAYS = 7
OPEN_STATUSES = (ApplicationStatus.SENT, ApplicationStatus.PROCESSING, ApplicationStatus.INTERVIEW)


def open_vacancies(today: datetime.date | None = None):
    """Published, not past the closing date (the closing day itself still counts), not full."""
    today = today or timezone.localdate()
    return Vacancy.objects.filter(
        status=VacancyStatus.PUBLISHED, closing_date__gte=today, accepted_count__lt=F("openings")
    )


@dataclass
class VacancyFilters:
    search: str = ""
    country: str = ""
    sector: str = ""
    position: str = ""
    salary_min: float | None = None
    salary_max: float | None = None
    closing_soon: bool = False
    kind: str = ""


def public_vacancies(filters: VacancyFilters | None = None, *, today: datetime.date | None = None):
    """The public list, newest first, with the company in the same query."""
    filters = filters or VacancyFilters()
    today = today or timezone.localdate()
    rows = open_vacancies(today).select_related("agency")
    search = filters.search.strip()
    for word in search.split()[:5]:
        rows = rows.filter(Q(position__icontains=word) | Q(employer_name__icontains=word) | Q(city__icontains=word))
    if filters.country.strip():
        rows = rows.filter(country__iexact=filters.country.strip())
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.sector:
        rows = rows.filter(sector=filters.sector)
    if filters.position.strip():
        rows = rows.filter(position__icontains=filters.position.strip())
    if filters.salary_min is not None:
        rows = rows.filter(salary__gte=filters.salary_min)
    if filters.salary_max is not None:
        rows = rows.filter(salary__lte=filters.salary_max)
    if filters.closing_soon:
        rows = rows.filter(closing_date__lte=today + datetime.timedelta(days=CLOSING_SOON_DAYS))
    return rows.order_by("-published_at", "-id")


def countries(today: datetime.date | None = None) -> list[str]:
    """Destination countries of the open vacancies, for the filter (one query)."""
    return list(open_vacancies(today).order_by("country").values_list("country", flat=True).distinct())


def public_vacancy(pk: int) -> Vacancy | None:
    """A vacancy as the public sees it: anything but a draft (closed, past or full ones show, marked)."""
    return Vacancy.objects.select_related("agency").exclude(status=VacancyStatus.DRAFT).filter(pk=pk).first()


def is_open(vacancy: Vacancy, today: datetime.date | None = None) -> bool:
    today = today or timezone.localdate()
    return vacancy.status == VacancyStatus.PUBLISHED and vacancy.closing_date >= today and not vacancy.is_full


# --- certificate matching ------------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Case-insensitive, extra spaces ignored: "  Perawat   LANSIA " == "perawat lansia"."""
    return " ".join(text.split()).casefold()


def current_certificates(candidate):
    return CpmiDocument.objects.filter(
        registration_id=candidate.registration_id,
        kind=DocumentKind.COMPETENCY_CERTIFICATE,
        replaced_by=None,
        withdrawn_at=None,
    ).order_by("id")


def missing_certificates(candidate, vacancy: Vacancy, certificates=None) -> list[str]:
    """The vacancy's required certificates (as written) that none of the CPMI's current competency
    certificates covers. `certificates` may be passed when the caller already has them."""
    if certificates is None:
        certificates = current_certificates(candidate)
    held = {normalise(c.certificate_scheme) for c in certificates if c.certificate_scheme.strip()}
    return [required for required in vacancy.required_certificate_list() if normalise(required) not in held]


# --- the job seeker's applications ---------------------------------------------------------------------------


def applications_of(user):
    """Everything the person applied to, overseas (as a CPMI) and domestic, newest first."""
    return Application.objects.filter(applicant=user).select_related("vacancy__agency").order_by("-created_at", "-id")


def application_of_applicant(user, pk: int) -> Application | None:
    return applications_of(user).filter(pk=pk).first()


# --- the company's side --------------------------------------------------------------------------------------


def company_vacancies(agency):
    """A company's vacancies, newest first, with how many applications each has and how many are waiting."""
    return (
        Vacancy.objects.filter(agency=agency)
        .select_related("permit")
        .annotate(
            application_count=Count("applications"),
            new_count=Count("applications", filter=Q(applications__status=ApplicationStatus.SENT)),
        )
        .order_by("-created_at", "-id")
    )


def company_vacancy(agency, pk: int) -> Vacancy | None:
    return Vacancy.objects.select_related("permit", "agency").filter(agency=agency, pk=pk).first()


def applicants(vacancy: Vacancy):
    """A vacancy's applications with the person and, for a CPMI, their current certificates (three queries)."""
    certificates = CpmiDocument.objects.filter(
        kind=DocumentKind.COMPETENCY_CERTIFICATE, replaced_by=None, withdrawn_at=None
    ).order_by("id")
    return (
        Application.objects.filter(vacancy=vacancy)
        .select_related("applicant", "candidate__registration", "candidate__office")
        .prefetch_related(
            Prefetch("candidate__registration__documents", queryset=certificates, to_attr="current_certificates")
        )
        .order_by("created_at", "id")
    )


def company_application(agency, pk: int) -> Application | None:
    """An application to one of the company's vacancies, with everything its page shows; None otherwise."""
    return (
        Application.objects.select_related(
            "vacancy__agency",
            "vacancy__permit",
            "applicant__address_village__parent__parent",
            "candidate__registration",
            "candidate__office",
        )
        .filter(pk=pk, vacancy__agency=agency)
        .first()
    )


@dataclass
class CompanyCounts:
    vacancies: int
    published: int
    new_applications: int


def company_counts(agency) -> CompanyCounts:
    """The company dashboard's numbers, in two queries."""
    by_status = dict(
        Vacancy.objects.filter(agency=agency).values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    new = Application.objects.filter(vacancy__agency=agency, status=ApplicationStatus.SENT).count()
    return CompanyCounts(
        vacancies=sum(by_status.values()),
        published=by_status.get(VacancyStatus.PUBLISHED, 0),
        new_applications=new,
    )
