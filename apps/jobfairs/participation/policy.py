"""A company's place in a job fair: ask to join, the organiser's decision, leaving, and what an accepted company
does there (vacancies, applicants, its stand's FAQ) — each answered with its reason.

The object is the company's `FairParticipation`, or an unsaved one (`participation_for`) when it has not asked
yet (status NOT_REQUESTED).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.agencies.selectors import membership_of
from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs.models import FairParticipation, FairPhase, FairStatus, JobFair, ParticipationStatus
from apps.jobfairs.participation.permissions import NOT_REQUESTED, PARTICIPATIONS
from apps.jobfairs.policy import JobFairPolicy


def participation_for(fair: JobFair, agency) -> FairParticipation:
    """The company's participation in `fair`, or an unsaved one (NOT_REQUESTED) to ask the policy about."""
    participation = None
    if agency is not None:
        participation = FairParticipation.objects.select_related("agency").filter(fair=fair, agency=agency).first()
    participation = participation or FairParticipation(fair=fair, agency=agency)
    participation.fair = fair
    return participation


def full_error(fair: JobFair) -> ServiceError:
    return ServiceError(
        "fair_full",
        _("Kuota perusahaan job fair ini sudah penuh (%(max)s perusahaan).") % {"max": fair.max_companies},
    )


def is_full(fair: JobFair) -> bool:
    accepted = FairParticipation.objects.filter(fair=fair, status=ParticipationStatus.ACCEPTED).count()
    return accepted >= fair.max_companies


class ParticipationPolicy(JobFairPolicy):
    table = PARTICIPATIONS

    def status(self, participation: FairParticipation) -> str:
        return participation.status if participation.pk is not None else NOT_REQUESTED

    def relation(self, participation: FairParticipation, actor, action: str):
        if self.role(actor) == Role.JOBFAIR_ORGANISER:
            if participation.fair.organiser_id != actor.pk:
                return PermissionDenied(_("Job fair ini milik penyelenggara lain."))
            return None
        if participation.agency_id is None or membership_of(actor, participation.agency_id) is None:
            return PermissionDenied(_("Hanya anggota aktif perusahaan yang dapat mengikuti job fair."))
        return None

    def facts(self, participation: FairParticipation, actor, action: str, now=None):
        fair = participation.fair
        phase = fair.phase(now or timezone.now())
        published = fair.status == FairStatus.PUBLISHED
        if action == "view" and not published and participation.pk is None:
            return ServiceError("fair_not_published", _("Job fair ini belum terbit atau sudah dibatalkan."))
        if action in ("request", "accept"):
            if not published:
                return ServiceError("fair_not_published", _("Job fair ini belum terbit atau sudah dibatalkan."))
            if phase == FairPhase.FINISHED:
                return ServiceError("fair_finished", _("Job fair ini sudah selesai."))
            if is_full(fair):
                return full_error(fair)
        if action == "withdraw" and phase != FairPhase.UPCOMING:
            return ServiceError(
                "fair_started", _("Job fair sudah dimulai; perusahaan tidak dapat mengundurkan diri lagi.")
            )
        if action == "publish_vacancy":
            if phase == FairPhase.FINISHED:
                return ServiceError(
                    "fair_finished", _("Job fair sudah selesai; lowongan tidak dapat dipublikasikan lagi.")
                )
            if not published:
                return ServiceError("fair_not_published", _("Job fair ini belum terbit atau sudah dibatalkan."))
        if action == "remove_vacancy" and phase == FairPhase.FINISHED:
            return ServiceError("fair_finished", _("Job fair sudah selesai."))
        return None


POLICY = ParticipationPolicy()
