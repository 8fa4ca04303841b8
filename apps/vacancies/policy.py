"""The vacancy's and the application's policies: who may act (members of the company that owns the vacancy; the
job seeker who applied), what each status allows (`permissions.VACANCIES` and `permissions.APPLICATIONS`), and
the facts that stand in the way: who may apply to this vacancy (a verified CPMI holding the required
certificates for an overseas one, any job seeker with a profile for a domestic one), a full or past vacancy, an
application sent already. Services start with `require(...)`; pages show `available_actions(...)`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.policy import Policy
from apps.access.roles import Role
from apps.agencies.selectors import membership_of
from apps.agencies.services import agency_refusal
from apps.core.errors import PermissionDenied, ServiceError
from apps.cpmi.models import MigrantCandidate
from apps.vacancies import selectors
from apps.vacancies.models import Application, Vacancy
from apps.vacancies.permissions import APPLICATIONS, VACANCIES


def company_only() -> PermissionDenied:
    return PermissionDenied(_("Hanya staf perusahaan pemilik lowongan ini yang dapat mengubahnya."))


def candidate_of(actor) -> MigrantCandidate | None:
    if not getattr(actor, "is_authenticated", False):
        return None
    return MigrantCandidate.objects.filter(user=actor).select_related("registration").first()


def is_applicant(actor, application: Application) -> bool:
    return getattr(actor, "is_authenticated", False) and application.applicant_id == actor.pk


def has_profile(actor) -> bool:
    """An activated job seeker who has started the 7-step profile (what a domestic vacancy asks of them)."""
    from apps.profiles.models import JobSeekerProfile

    return (
        getattr(actor, "is_authenticated", False)
        and actor.is_activated
        and JobSeekerProfile.objects.filter(user=actor).exists()
    )


# Inside `remembering()`, "is this person a member of company X" is asked of the database once: a page that lists
# many of a company's objects asks each one's actions. Commands never remember: they ask on the locked row.
_MEMBERSHIPS: ContextVar[dict | None] = ContextVar("memberships", default=None)


@contextmanager
def remembering():
    if _MEMBERSHIPS.get() is not None:  # already inside one: keep what it knows
        yield
        return
    token = _MEMBERSHIPS.set({})
    try:
        yield
    finally:
        _MEMBERSHIPS.reset(token)


class RemembersMembership:
    """A policy whose `available_actions` asks about the company once, not once per action."""

    def available_actions(self, obj, actor):
        with remembering():
            return super().available_actions(obj, actor)


def is_member(actor, agency_id) -> bool:
    """Whether `actor` is an active member of the company (`agencies.selectors.membership_of`)."""
    memo = _MEMBERSHIPS.get()
    key = (getattr(actor, "pk", None), agency_id)
    if memo is not None and key in memo:
        return memo[key]
    member = membership_of(actor, agency_id) is not None
    if memo is not None:
        memo[key] = member
    return member


def apply_refusal(vacancy: Vacancy, actor) -> ServiceError | None:
    """What stops `actor` (a job seeker: the table says so) from applying to this published vacancy now."""
    if vacancy.closing_date < timezone.localdate():
        return ServiceError("vacancy_closed", _("Lowongan sudah ditutup."))
    if vacancy.is_full:
        return ServiceError("vacancy_full", _("Lowongan sudah penuh."))
    if vacancy.is_domestic:
        if not has_profile(actor):
            return ServiceError(
                "no_profile", _("Lengkapi profil pencari kerja Anda terlebih dahulu, lalu lamar lowongan ini.")
            )
    else:
        candidate = candidate_of(actor)
        if candidate is None:
            return ServiceError(
                "not_cpmi",
                _(
                    "Hanya CPMI yang sudah terverifikasi dinas yang dapat melamar lowongan luar negeri. "
                    "Daftar sebagai CPMI terlebih dahulu."
                ),
            )
    if Application.objects.filter(vacancy=vacancy, applicant=actor).exists():
        return ServiceError("already_applied", _("Anda sudah melamar lowongan ini."))
    if not vacancy.is_domestic:
        missing = selectors.missing_certificates(candidate, vacancy)
        if missing:
            return ServiceError(
                "certificates_missing",
                _("Anda belum memiliki sertifikat kompetensi yang disyaratkan: %(list)s.")
                % {"list": ", ".join(missing)},
            )
        return agency_refusal(vacancy.agency)
    return None


class VacancyPolicy(RemembersMembership, Policy):
    table = VACANCIES

    def relation(self, vacancy, actor, action):
        if action in ("view", "apply"):  # the public page; whoever the table lets apply
            return None
        return None if is_member(actor, vacancy.agency_id) else company_only()

    def facts(self, vacancy, actor, action):
        if action == "apply":
            return apply_refusal(vacancy, actor)
        return None


class ApplicationPolicy(RemembersMembership, Policy):
    table = APPLICATIONS

    def relation(self, application, actor, action):
        if actor.role == Role.JOB_SEEKER:
            return None if is_applicant(actor, application) else PermissionDenied()
        return None if is_member(actor, application.vacancy.agency_id) else company_only()

    def facts(self, application, actor, action):
        if action == "accept" and application.vacancy.is_full:
            return ServiceError("vacancy_full", _("Lowongan sudah penuh: semua formasi sudah terisi."))
        if action == "draft_agreement":
            if application.candidate_id is None:
                return ServiceError(
                    "not_overseas",
                    _("PP hanya dibuat untuk penempatan luar negeri; lamaran ini untuk lowongan dalam negeri."),
                )
            return agency_refusal(application.vacancy.agency)
        return None


VACANCY_POLICY = VacancyPolicy()
APPLICATION_POLICY = ApplicationPolicy()
