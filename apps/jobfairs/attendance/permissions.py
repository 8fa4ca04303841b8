"""What a job seeker may do at a job fair, by where they stand with it (role × status → actions).

The status is the job seeker's own relation to the fair: not following it yet, following it (a `FairFollower`
row), or checked in (its `checked_in_at` set). The fair's own facts (published, the check-in window, running)
are the policy's (`attendance.policy`).
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError

NOT_FOLLOWING = "not_following"
FOLLOWING = "following"
CHECKED_IN = "checked_in"

TRANSITIONS = {
    NOT_FOLLOWING: frozenset({FOLLOWING}),
    FOLLOWING: frozenset({CHECKED_IN}),
    CHECKED_IN: frozenset(),
}

ACTIONS = {
    "follow": FOLLOWING,  # "Ikuti sebagai pencaker"
    "view": None,  # the fair room of a follower
    "check_in": CHECKED_IN,
    "visit_stands": None,  # the companies and their vacancies, once the fair started
    "apply": None,  # apply to a vacancy of the fair while it runs
}

ATTENDANCE = PermissionTable(
    name="jobfair_attendance",
    transitions=TRANSITIONS,
    actions=ACTIONS,
    grants={
        Role.JOB_SEEKER: {
            NOT_FOLLOWING: {"follow"},
            FOLLOWING: {"view", "check_in"},
            CHECKED_IN: {"view", "visit_stands", "apply"},
        }
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={
        action: _("Hanya pencari kerja yang dapat mengikuti job fair sebagai pencaker.") for action in ACTIONS
    },
)


def _refusal(status: str, action: str) -> ServiceError:
    if action == "follow":
        return ServiceError("already_following", _("Anda sudah mengikuti job fair ini."))
    if action == "check_in" and status == CHECKED_IN:
        return ServiceError("already_checked_in", _("Anda sudah check-in di job fair ini."))
    if action == "check_in":
        return ServiceError("not_following", _("Ikuti job fair ini sebagai pencaker terlebih dahulu, lalu check-in."))
    if action == "apply" and status == NOT_FOLLOWING:
        return ServiceError("not_following", _("Ikuti job fair ini dan check-in terlebih dahulu sebelum melamar."))
    if action == "apply":
        return ServiceError("not_checked_in", _("Check-in di job fair ini terlebih dahulu sebelum melamar."))
    if action == "visit_stands":
        return ServiceError(
            "not_checked_in", _("Perusahaan peserta dapat dilihat setelah Anda check-in dan job fair dimulai.")
        )
    return ServiceError("not_following", _("Ikuti job fair ini sebagai pencaker terlebih dahulu."))
