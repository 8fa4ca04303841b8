"""Reads of vacancies and applications that grow with the data: the public list, certificate matching,
the company's lists and the dashboard counts."""

import contextlib
import datetime
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import BooleanField, Count, F, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property

from apps.core.countries import country_code, country_name
from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.vacancies.models import Application, ApplicationStatus, Sector, Vacancy, VacancyStatus

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


SEARCH_WORDS = 5
COUNT_CAP = 1000  # the list says "1.000+ lowongan" beyond this, and pages stop at COUNT_CAP / PAGE_SIZE
COUNTRIES_CACHE_SECONDS = 300


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())[:SEARCH_WORDS]


def _search(rows, text: str):
    """Every word must match, as the start of a word (partial words: "pera" finds "Perawat Lansia"), in the
    position, employer, city, sector or description; a country's name (Indonesian or English) matches its
    vacancies. PostgreSQL: the stored `search_document` (GIN index, migration 0005) with a prefix tsquery.
    SQLite: LIKE over the same columns (a small deployment's list; no index)."""
    words = _words(text)
    if not words:
        return rows
    whole = country_code(text)
    if whole and len(words) > 1:  # "Korea Selatan", "Arab Saudi": the country, not two words
        return rows.filter(country=whole)
    if connection.vendor == "postgresql":
        terms = []
        for word in words:
            code = country_code(word)
            terms.append(f"({word}:* | {code.casefold()})" if code else f"{word}:*")
        document = '"vacancies_vacancy"."search_document"'
        if _frequent(words):
            # Every word is common: reading the newest open rows in index order and checking each finds a page
            # at once, where the GIN index would fetch a third of the table to sort it. PostgreSQL's estimate for
            # prefix queries is far too low to choose this itself, so the GIN index is hidden from it here.
            document = f"({document} || ''::tsvector)"
        return rows.filter(
            RawSQL(f"{document} @@ to_tsquery('simple', %s)", [" & ".join(terms)], output_field=BooleanField())  # noqa: S611 (constant text; the words are a parameter)
        )
    sectors = {
        word: [value for value, label in Sector.choices if word in f"{value} {label}".casefold()] for word in words
    }
    for word in words:
        match = Q(sector__in=sectors[word])
        for column in ("position", "employer_name", "city", "description"):
            # The start of a word, as on PostgreSQL: at the start of the text or after a space.
            match |= Q(**{f"{column}__istartswith": word}) | Q(**{f"{column}__icontains": f" {word}"})
        code = country_code(word)
        if code:
            match |= Q(country=code)
        rows = rows.filter(match)
    return rows


FREQUENT_SHARE = 0.02  # a word starting more than 2 % of the documents' words is read in list order


def _frequent(words: list[str]) -> bool:
    """Whether every word is the start of words in at least FREQUENT_SHARE of the vacancies, by PostgreSQL's own
    statistics of the search document (its most common words and their frequencies, cached for an hour)."""
    stats = cache.get("vacancies:search-stats")
    if stats is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                "WHERE tablename = 'vacancies_vacancy' AND attname = 'search_document'"
            )
            row = cursor.fetchone()
        stats = list(zip(row[0] or [], row[1] or [], strict=False)) if row else []
        cache.set("vacancies:search-stats", stats, 3600)
    return bool(stats) and all(
        sum(freq for element, freq in stats if element.startswith(word)) >= FREQUENT_SHARE for word in words
    )


def public_vacancies(filters: VacancyFilters | None = None, *, today: datetime.date | None = None):
    """The public list, newest first, with the company in the same query. Served by the partial indexes
    `vacancy_open_newest` / `vacancy_open_country` (published, not full; newest first), the search by
    `vacancy_open_search` on PostgreSQL; count it with `capped_count`."""
    filters = filters or VacancyFilters()
    today = today or timezone.localdate()
    rows = _search(open_vacancies(today).select_related("agency"), filters.search)
    country = filters.country.strip()
    if country:
        rows = rows.filter(country=country_code(country) or country)
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


def capped_count(rows, cap: int = COUNT_CAP) -> int:
    """How many rows, counting no further than cap + 1 (so a million matches cost as much as a thousand)."""
    return len(rows.order_by().values_list("pk", flat=True)[: cap + 1])


def reads_in_order(filters: VacancyFilters) -> bool:
    """Whether the page is best read newest first from the list's indexes (PostgreSQL, common search words)."""
    words = _words(filters.search)
    return connection.vendor == "postgresql" and bool(words) and _frequent(words)


class CappedPaginator(Paginator):
    """Pages of `PAGE_SIZE` over at most COUNT_CAP + 1 rows: deep pages beyond the cap are not offered (a
    search narrows the list instead), so neither the count nor an OFFSET ever reads a million rows.

    The count reads the matching ids (at most COUNT_CAP + 1). When they are all known, the page is sorted from
    those ids alone; when there are more, the matches are dense and the page is read newest first from the
    index (`in_order`: PostgreSQL is told not to use bitmap scans for that one query, as its estimate for prefix
    searches is far too low to choose it)."""

    def __init__(self, rows, per_page=PAGE_SIZE, *, in_order=False):
        super().__init__(rows, per_page)
        self.in_order = in_order

    @cached_property
    def ids(self) -> list[int]:
        return list(self.object_list.order_by().values_list("pk", flat=True)[: COUNT_CAP + 1])

    @cached_property
    def matches(self) -> int:
        return len(self.ids)

    @cached_property
    def count(self):
        return min(self.matches, COUNT_CAP)

    @property
    def capped(self) -> bool:
        return self.matches > COUNT_CAP

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list if self.capped else self.object_list.filter(pk__in=self.ids)
        rows = rows[bottom : bottom + self.per_page]
        with index_order(self.capped and self.in_order):
            items = list(rows)
        return self._get_page(items, number, self)


@contextlib.contextmanager
def index_order(wanted: bool = True):
    """Within the block, PostgreSQL reads the list newest first from its indexes instead of the GIN index's bitmap
    (see `reads_in_order`); a no-op elsewhere."""
    if not (wanted and connection.vendor == "postgresql"):
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        yield


def countries(today: datetime.date | None = None) -> list[tuple[str, str]]:
    """(code, name) of the destination countries of the open vacancies, for the filter, by name. Kept in the
    cache for a few minutes (a DISTINCT over every open vacancy is not a per-request read at national scale)."""
    today = today or timezone.localdate()
    key = f"vacancies:countries:{today.isoformat()}"
    codes = cache.get(key)
    if codes is None:
        codes = list(open_vacancies(today).order_by().values_list("country", flat=True).distinct())
        cache.set(key, codes, COUNTRIES_CACHE_SECONDS)
    return sorted(((code, country_name(code)) for code in codes), key=lambda pair: pair[1].casefold())


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


APPLICANTS_PAGE_SIZE = 25


def applicants(vacancy: Vacancy, status: str = ""):
    """A vacancy's applications (of one status, if given), oldest first, with the person and, for a CPMI, their
    current certificates (one query a page, one for the page's certificates)."""
    certificates = CpmiDocument.objects.filter(
        kind=DocumentKind.COMPETENCY_CERTIFICATE, replaced_by=None, withdrawn_at=None
    ).order_by("id")
    rows = Application.objects.filter(vacancy=vacancy)
    if status:
        rows = rows.filter(status=status)
    return (
        rows.select_related("applicant", "candidate__registration", "candidate__office")
        .prefetch_related(
            Prefetch("candidate__registration__documents", queryset=certificates, to_attr="current_certificates")
        )
        .order_by("created_at", "id")
    )


def applicant_counts(vacancy: Vacancy) -> dict[str, int]:
    """How many of a vacancy's applications are in each status, in one query."""
    return dict(Application.objects.filter(vacancy=vacancy).order_by().values_list("status").annotate(n=Count("id")))


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


def valid_permits(agency, *, keeping: int | None = None):
    """The company's SPRs still valid today, the longest-valid first: what a vacancy may be published under
    (and `keeping`, the SPR a vacancy being edited already names, even if it has expired since)."""
    from apps.permits.models import RecruitmentPermit

    permits = RecruitmentPermit.objects.filter(agency=agency, valid_until__gte=timezone.localdate()).order_by(
        "-valid_until", "number"
    )
    if keeping is not None:
        permits = permits | RecruitmentPermit.objects.filter(pk=keeping)
    return permits
