"""What a job seeker sees at a fair: check-in window, whether the companies show yet, the fair's vacancies ranked by
the job seeker's profile (with the reasons), the followed fairs with the applications made there."""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from apps.jobfairs.models import (
    FairApplication,
    FairFaq,
    FairFollower,
    FairParticipation,
    FairVacancy,
    JobFair,
    ParticipationStatus,
)
from apps.jobfairs.participation import selectors as participation_selectors
from apps.vacancies import selectors as vacancy_selectors
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Application, Vacancy

CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=2)  # the reminder goes out, and check-in opens, 2 h before


# --- reads ------------------------------------------------------------------------------------------------------


def check_in_opens_at(fair: JobFair) -> datetime.datetime:
    return fair.starts_at - CHECK_IN_OPENS_BEFORE


def visible_fair_vacancies(fair: JobFair):
    """The fair's vacancies as the job seekers' room lists them (closed ones too, marked), with each vacancy's
    company and its SPR's recruitment regions for the matching."""
    return (
        participation_selectors.visible_fair_vacancies(fair, open_only=False)
        .select_related("vacancy__permit", "participation__agency")
        .prefetch_related("vacancy__permit__regions")
    )


accepted_participations = participation_selectors.accepted_participations


# --- matching with the 7-step profile -------------------------------------------------------------------------

EDUCATION_ORDER = ["SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3"]
# SMA and SMK are the same level, as are D4 and S1.
EDUCATION_RANK = {"SD": 0, "SMP": 1, "SMA": 2, "SMK": 2, "D1": 3, "D2": 4, "D3": 5, "D4": 6, "S1": 6, "S2": 7, "S3": 8}
_LEVEL_PATTERN = re.compile(r"\b(" + "|".join(EDUCATION_ORDER) + r")\b")


@dataclass
class SeekerFacts:
    """What of a job seeker's profile the matching reads, loaded once per page."""

    certificates: list[tuple[str, bool]] = field(default_factory=list)  # (name as written, has a BNSP number)
    skills: list[str] = field(default_factory=list)
    education: tuple[str, str] | None = None  # (level code, label) of the highest level
    village_code: str = ""
    region_name: str = ""


def seeker_facts(user) -> SeekerFacts:
    """The profile's certificates (the 7-step profile's and the CPMI's competency certificates), skills,
    highest education and home region."""
    from apps.profiles.models import JobSeekerProfile

    facts = SeekerFacts()
    profile = (
        JobSeekerProfile.objects.filter(user=user)
        .prefetch_related("certifications", "skills", "educations")
        .select_related("domicile_village")
        .first()
    )
    if profile is not None:
        facts.certificates = [(c.name, bool(c.bnsp_number)) for c in profile.certifications.all()]
        facts.skills = [s.name for s in profile.skills.all()]
        levels = [e for e in profile.educations.all() if e.level in EDUCATION_RANK]
        if levels:
            best = max(levels, key=lambda e: EDUCATION_RANK[e.level])
            facts.education = (best.level, best.get_level_display())
    candidate = vacancy_services.candidate_of(user)
    if candidate is not None:
        facts.certificates += [
            (c.certificate_scheme, True)
            for c in vacancy_selectors.current_certificates(candidate)
            if c.certificate_scheme.strip()
        ]
    village = user.address_village
    if village is None and profile is not None:
        village = profile.domicile_village
    if village is not None:
        from apps.regions.models import Region

        facts.village_code = village.pk
        regency = Region.objects.filter(pk=village.ancestor_code(2)).first()
        facts.region_name = regency.name if regency else village.name
    return facts


def _in_region(code: str, region_code: str) -> bool:
    return code == region_code or code.startswith(region_code + ".")


def match_reasons(vacancy: Vacancy, facts: SeekerFacts) -> list[str]:
    """Why the vacancy suits the job seeker, one sentence per reason (empty: nothing matches)."""
    norm = vacancy_selectors.normalise
    reasons = []
    held = {}
    for name, bnsp in facts.certificates:
        held.setdefault(norm(name), (name, bnsp))
    for required in vacancy.required_certificate_list():
        match = held.get(norm(required))
        if match:
            name, bnsp = match
            reasons.append(_("Sertifikat Anda: %(name)s%(bnsp)s") % {"name": name, "bnsp": " (BNSP)" if bnsp else ""})
    text = norm(" ".join([vacancy.position, vacancy.description, vacancy.other_requirements]))
    for skill in facts.skills:
        if norm(skill) and re.search(r"\b" + re.escape(norm(skill)) + r"\b", text):
            reasons.append(_("Keahlian Anda: %(skill)s") % {"skill": skill})
    if facts.education:
        asked = _LEVEL_PATTERN.findall(vacancy.other_requirements + " " + vacancy.description)
        if asked:
            minimum = min(asked, key=lambda level: EDUCATION_RANK[level])
            if EDUCATION_RANK[facts.education[0]] >= EDUCATION_RANK[minimum]:
                reasons.append(
                    _("Pendidikan Anda: %(level)s (syarat minimal %(minimum)s)")
                    % {"level": facts.education[1], "minimum": minimum}
                )
    if facts.village_code:
        regions = list(vacancy.permit.regions.all()) if vacancy.permit_id else []
        if any(_in_region(facts.village_code, region.pk) for region in regions):
            reasons.append(_("Wilayah Anda: %(region)s termasuk wilayah perekrutan") % {"region": facts.region_name})
    return reasons


@dataclass
class VacancyRow:
    fair_vacancy: FairVacancy
    reasons: list[str]
    application: Application | None

    @property
    def vacancy(self) -> Vacancy:
        return self.fair_vacancy.vacancy


def ranked_vacancies(fair: JobFair, user) -> list[VacancyRow]:
    """The fair's visible vacancies, those matching the profile first (most reasons first), each with the
    job seeker's application to it if any. A fixed number of queries, whatever the number of rows."""
    facts = seeker_facts(user)
    entries = list(visible_fair_vacancies(fair))
    applied = {
        a.vacancy_id: a
        for a in Application.objects.filter(applicant=user, vacancy_id__in=[entry.vacancy_id for entry in entries])
    }
    rows = [VacancyRow(entry, match_reasons(entry.vacancy, facts), applied.get(entry.vacancy_id)) for entry in entries]
    rows.sort(key=lambda row: -len(row.reasons))  # stable: ties keep the company/position order
    return rows


def followed_fairs(user):
    """The fairs the job seeker follows, the latest first, each with `my_applications`: their applications made
    in the fair (its `FairApplication` rows; not those made on the ordinary list or at another fair) with status
    and interview, in two queries."""
    followers = list(
        FairFollower.objects.filter(user=user)
        .select_related("fair__organiser__organiser_profile")
        .order_by("-fair__starts_at", "-pk")
    )
    links = (
        FairApplication.objects.filter(fair_id__in=[f.fair_id for f in followers], application__applicant=user)
        .select_related("application__vacancy__agency")
        .order_by("-application__created_at", "-pk")
    )
    by_fair: dict[int, list[Application]] = {}
    for link in links:
        by_fair.setdefault(link.fair_id, []).append(link.application)
    for follower in followers:
        follower.my_applications = by_fair.get(follower.fair_id, [])
    return followers


def participation_in_fair(fair: JobFair, pk: int) -> FairParticipation | None:
    return (
        FairParticipation.objects.filter(fair=fair, pk=pk, status=ParticipationStatus.ACCEPTED)
        .select_related("agency")
        .prefetch_related(Prefetch("faqs", queryset=FairFaq.objects.order_by("position", "pk")))
        .first()
    )
