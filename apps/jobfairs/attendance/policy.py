"""A job seeker at a job fair: follow, check in, see the companies, apply — each answered with its reason.

The object is the job seeker's `FairFollower` row for the fair, or an unsaved one (`follower_for`) when they do
not follow it yet; its status is `attendance.permissions` NOT_FOLLOWING / FOLLOWING / CHECKED_IN.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs.attendance.permissions import ATTENDANCE, CHECKED_IN, FOLLOWING, NOT_FOLLOWING
from apps.jobfairs.attendance.selectors import check_in_opens_at
from apps.jobfairs.models import FairFollower, FairPhase, FairStatus, JobFair
from apps.jobfairs.policy import JobFairPolicy


def follower_for(fair: JobFair, user) -> FairFollower:
    """The user's follow of `fair`, or an unsaved one (status NOT_FOLLOWING) to ask the policy about."""
    if getattr(user, "is_authenticated", False):
        follower = FairFollower.objects.filter(fair=fair, user=user).first()
        if follower is not None:
            follower.fair = fair
            return follower
        return FairFollower(fair=fair, user=user)
    return FairFollower(fair=fair)


def local(moment, fair: JobFair) -> str:
    return f"{date_format(timezone.localtime(moment, fair.zone), 'j F Y H.i')} {fair.zone_label}"


class AttendancePolicy(JobFairPolicy):
    table = ATTENDANCE

    def status(self, follower: FairFollower) -> str:
        if follower.pk is None:
            return NOT_FOLLOWING
        return CHECKED_IN if follower.checked_in_at is not None else FOLLOWING

    def relation(self, follower: FairFollower, actor, action: str):
        if follower.user_id != actor.pk:
            return PermissionDenied(_("Ini bukan keikutsertaan Anda."))
        return None

    def facts(self, follower: FairFollower, actor, action: str, now=None):
        fair = follower.fair
        now = now or timezone.now()
        if fair.status != FairStatus.PUBLISHED:
            return ServiceError("not_published", _("Job fair ini belum diterbitkan."))
        phase = fair.phase(now)
        if action == "follow" and fair.ends_at <= now:
            return ServiceError("fair_finished", _("Job fair ini sudah selesai; tidak dapat diikuti lagi."))
        if action == "check_in":
            if now < check_in_opens_at(fair):
                return ServiceError(
                    "check_in_not_open",
                    _("Check-in dibuka 2 jam sebelum job fair dimulai, yaitu %(when)s.")
                    % {"when": local(check_in_opens_at(fair), fair)},
                )
            if now >= fair.ends_at:
                return ServiceError("fair_finished", _("Job fair sudah selesai; check-in ditutup."))
        if action == "visit_stands" and phase not in (FairPhase.RUNNING, FairPhase.FINISHED):
            return ServiceError(
                "fair_not_started", _("Perusahaan peserta dapat dilihat setelah Anda check-in dan job fair dimulai.")
            )
        if action == "apply":
            if phase == FairPhase.UPCOMING:
                return ServiceError(
                    "fair_not_started",
                    _("Job fair belum dimulai. Lamaran dapat dikirim mulai %(when)s.")
                    % {"when": local(fair.starts_at, fair)},
                )
            if phase == FairPhase.FINISHED:
                return ServiceError("fair_finished", _("Job fair sudah selesai; lamaran tidak dapat dikirim lagi."))
        return None


POLICY = AttendancePolicy()
