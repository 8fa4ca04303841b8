"""A job seeker at a job fair: follow a published fair, be reminded two hours before it starts, check in, see
the companies and vacancies once it runs (those matching their profile first, with the reasons), apply, and
follow the applications in their portfolio.

Every change is one function here: lock, check, change, audit, notify. The clock is a parameter (`now`) so the
boundaries — two hours before the start, the start, the end — are tested exactly; the views pass nothing and
get `timezone.now()`.

An application made at a fair is an ordinary `vacancies.Application` (made by the vacancies app's own apply
service: a verified CPMI for an overseas vacancy, any job seeker with a profile for a domestic one); a
`FairApplication` written in the same transaction says it was made in this fair.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.audit.services import audit_record
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import for_update, lock, refused_if_taken
from apps.jobfairs import notices
from apps.jobfairs.models import (
    FairApplication,
    FairFaq,
    FairFollower,
    FairParticipation,
    FairPhase,
    FairStatus,
    FairVacancy,
    JobFair,
    ParticipationStatus,
)
from apps.jobfairs.participation import services as fair_participation
from apps.messaging.services import notify_user
from apps.vacancies import selectors as vacancy_selectors
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Application, Vacancy

CHECK_IN_OPENS_BEFORE = datetime.timedelta(hours=2)  # the reminder goes out, and check-in opens, 2 h before


def _now(now):
    return now or timezone.now()


def _require_job_seeker(actor) -> None:
    if not getattr(actor, "is_authenticated", False) or actor.role != Role.JOB_SEEKER:
        raise PermissionDenied(_("Hanya pencari kerja yang dapat mengikuti job fair sebagai pencaker."))


# --- reads ------------------------------------------------------------------------------------------------------


def check_in_opens_at(fair: JobFair) -> datetime.datetime:
    return fair.starts_at - CHECK_IN_OPENS_BEFORE


def check_in_open(fair: JobFair, now=None) -> bool:
    now = _now(now)
    return fair.status == FairStatus.PUBLISHED and check_in_opens_at(fair) <= now < fair.ends_at


def follower_of(fair: JobFair, user) -> FairFollower | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return FairFollower.objects.filter(fair=fair, user=user).first()


def companies_visible(fair: JobFair, follower: FairFollower | None, now=None) -> bool:
    """Companies and vacancies show to a checked-in follower from the start on (never before it)."""
    if follower is None or follower.checked_in_at is None:
        return False
    return fair.phase(_now(now)) in (FairPhase.RUNNING, FairPhase.FINISHED)


def visible_fair_vacancies(fair: JobFair):
    """The fair's vacancies as the job seekers' room lists them (closed ones too, marked), with each vacancy's
    company and its SPR's recruitment regions for the matching."""
    return (
        fair_participation.visible_fair_vacancies(fair, open_only=False)
        .select_related("vacancy__permit", "participation__agency")
        .prefetch_related("vacancy__permit__regions")
    )


accepted_participations = fair_participation.accepted_participations


def participation_faqs(participation: FairParticipation):
    return FairFaq.objects.filter(participation=participation).order_by("position", "pk")


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


# --- changes ------------------------------------------------------------------------------------------------------


@transaction.atomic
def fair_follow(*, fair: JobFair, actor, now=None) -> FairFollower:
    """ "Ikuti sebagai pencaker": a job seeker follows a published fair that has not ended."""
    _require_job_seeker(actor)
    now = _now(now)
    fair = JobFair.objects.get(pk=fair.pk)
    if fair.status != FairStatus.PUBLISHED:
        raise ServiceError("not_published", _("Job fair ini belum diterbitkan."))
    if fair.ends_at <= now:
        raise ServiceError("fair_finished", _("Job fair ini sudah selesai; tidak dapat diikuti lagi."))
    if FairFollower.objects.filter(fair=fair, user=actor).exists():
        raise ServiceError("already_following", _("Anda sudah mengikuti job fair ini."))
    with refused_if_taken("already_following", _("Anda sudah mengikuti job fair ini.")):
        follower = FairFollower.objects.create(fair=fair, user=actor)
    audit_record(actor=actor, action="jobfair.follow", target=follower, data={"fair": fair.pk})
    return follower


@transaction.atomic
def fair_check_in(*, fair: JobFair, actor, now=None) -> FairFollower:
    """Check in: from two hours before the start until the end, for a follower."""
    _require_job_seeker(actor)
    now = _now(now)
    try:
        follower = lock(FairFollower.objects.select_related("fair"), fair=fair, user=actor)
    except FairFollower.DoesNotExist:
        raise ServiceError(
            "not_following", _("Ikuti job fair ini sebagai pencaker terlebih dahulu, lalu check-in.")
        ) from None
    fair = follower.fair
    if fair.status != FairStatus.PUBLISHED:
        raise ServiceError("not_published", _("Job fair ini tidak sedang diterbitkan."))
    if follower.checked_in_at is not None:
        raise ServiceError("already_checked_in", _("Anda sudah check-in di job fair ini."))
    if now < check_in_opens_at(fair):
        raise ServiceError(
            "check_in_not_open",
            _("Check-in dibuka 2 jam sebelum job fair dimulai, yaitu %(when)s.")
            % {"when": _local(check_in_opens_at(fair), fair)},
        )
    if now >= fair.ends_at:
        raise ServiceError("fair_finished", _("Job fair sudah selesai; check-in ditutup."))
    follower.checked_in_at = now
    follower.save(update_fields=["checked_in_at"])
    audit_record(actor=actor, action="jobfair.check_in", target=follower, data={"fair": fair.pk})
    return follower


def _local(moment: datetime.datetime, fair: JobFair) -> str:
    local = timezone.localtime(moment, fair.zone)
    return f"{date_format(local, 'j F Y H.i')} {fair.zone_label}"


# The start as the recipient reads it: month names in their language, rendered with the notice.
_local_lazy = lazy(_local, str)


def fair_apply(*, fair: JobFair, vacancy: Vacancy, actor, now=None) -> Application:
    """Apply at the fair: only while it runs, after check-in, to a vacancy of an accepted company, once. The
    application itself is made by the vacancies app (certificates, closing date, openings are checked there)."""
    _require_job_seeker(actor)
    now = _now(now)
    with transaction.atomic():
        try:
            # The follower row is locked so one person's applies at the same moment go one after the other.
            follower = lock(FairFollower.objects.select_related("fair"), fair=fair, user=actor)
        except FairFollower.DoesNotExist:
            raise ServiceError(
                "not_following", _("Ikuti job fair ini dan check-in terlebih dahulu sebelum melamar.")
            ) from None
        fair = follower.fair
        if follower.checked_in_at is None:
            raise ServiceError("not_checked_in", _("Check-in di job fair ini terlebih dahulu sebelum melamar."))
        phase = fair.phase(now)
        if phase == FairPhase.UPCOMING:
            raise ServiceError(
                "fair_not_started",
                _("Job fair belum dimulai. Lamaran dapat dikirim mulai %(when)s.")
                % {"when": _local(fair.starts_at, fair)},
            )
        if phase == FairPhase.FINISHED:
            raise ServiceError("fair_finished", _("Job fair sudah selesai; lamaran tidak dapat dikirim lagi."))
        if phase != FairPhase.RUNNING:
            raise ServiceError("fair_not_running", _("Job fair ini tidak sedang berlangsung."))
        entry = FairVacancy.objects.select_related("participation").filter(fair=fair, vacancy=vacancy).first()
        if entry is None:
            raise ServiceError("not_in_fair", _("Lowongan ini tidak ditawarkan di job fair ini."))
        if entry.participation.status != ParticipationStatus.ACCEPTED:
            raise ServiceError(
                "company_not_accepted",
                _("Perusahaan lowongan ini tidak diterima sebagai peserta job fair; lamaran tidak dapat dikirim."),
            )
        if Application.objects.filter(vacancy=vacancy, applicant=actor).exists():
            raise ServiceError("already_applied", _("Anda sudah melamar lowongan ini."))
        application = vacancy_services.application_apply(actor=actor, vacancy=vacancy)
        FairApplication.objects.create(application=application, fair=fair, fair_vacancy=entry)
        audit_record(
            actor=actor,
            action="jobfair.apply",
            target=application,
            data={"fair": fair.pk, "fair_vacancy": entry.pk, "vacancy": vacancy.pk},
        )
    return application


# --- the reminder sent by the worker ------------------------------------------------------------------------------


def fair_check_in_reminders_send(*, now=None) -> int:
    """Tell each follower of a published fair, from two hours before its start, to check in — once (reminded_at).
    A late worker still reminds until the fair ends; someone already checked in is not reminded."""
    now = _now(now)
    due = FairFollower.objects.filter(
        fair__status=FairStatus.PUBLISHED,
        fair__starts_at__lte=now + CHECK_IN_OPENS_BEFORE,
        fair__ends_at__gt=now,
        reminded_at=None,
        checked_in_at=None,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            follower = (
                for_update(FairFollower.objects.select_related("fair", "user"))
                .filter(pk=pk, reminded_at=None, checked_in_at=None)
                .first()
            )
            if follower is None:  # another worker got here first, or they checked in meanwhile
                continue
            fair = follower.fair
            follower.reminded_at = now
            follower.save(update_fields=["reminded_at"])
            # In the same transaction: the reminder is recorded as sent exactly when its notification exists.
            notify_user(
                user=follower.user,
                notice=notices.CHECK_IN_OPEN(name=fair.name, when=_local_lazy(fair.starts_at, fair)),
                url=reverse("jobfairs:attend", args=[fair.pk]),
            )
            sent += 1
    return sent


def participation_in_fair(fair: JobFair, pk: int) -> FairParticipation | None:
    return (
        FairParticipation.objects.filter(fair=fair, pk=pk, status=ParticipationStatus.ACCEPTED)
        .select_related("agency")
        .prefetch_related(Prefetch("faqs", queryset=FairFaq.objects.order_by("position", "pk")))
        .first()
    )
