"""Who may do what to a job fair, in each stored status. `apps.jobfairs.policy.POLICY` answers from this table
(then the fair's own facts: an organiser acts only on their own fairs); services, views and templates ask it.
The clock-derived phase of a published fair (upcoming/running/finished) is not a stored status."""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError
from apps.jobfairs.models import ALLOWED_TRANSITIONS, FairStatus

S = FairStatus

ACTIONS = {
    "view": None,  # the organiser's page of their fair
    "edit": None,  # the organiser changes the fair
    "submit": S.SUBMITTED,
    "review": None,  # the central admin's page of a fair
    "verify": S.VERIFIED,
    "return": S.RETURNED,
    "publish": S.PUBLISHED,
    "cancel": S.CANCELLED,
    "stats": None,  # figures, table, chart, CSV
    "banner": None,  # the banner of a fair not published yet (a published fair's is public)
}

ORGANISER_ONLY = _("Hanya penyelenggara job fair ini yang dapat melakukannya.")
ADMIN_ONLY = _("Hanya admin pusat yang dapat memverifikasi job fair.")

FAIRS = PermissionTable(
    name="jobfair",
    transitions=ALLOWED_TRANSITIONS,
    actions=ACTIONS,
    grants={
        Role.JOBFAIR_ORGANISER: {
            S.DRAFT: {"view", "edit", "submit", "cancel", "banner"},
            S.RETURNED: {"view", "edit", "submit", "cancel", "banner"},
            S.SUBMITTED: {"view", "cancel", "banner"},
            S.VERIFIED: {"view", "publish", "cancel", "stats", "banner"},
            S.PUBLISHED: {"view", "cancel", "stats", "banner"},
            S.CANCELLED: {"view", "banner"},
        },
        Role.CENTRAL_ADMIN: {
            S.DRAFT: {"banner"},
            S.SUBMITTED: {"review", "verify", "return", "banner"},
            S.RETURNED: {"review", "banner"},
            S.VERIFIED: {"review", "stats", "banner"},
            S.PUBLISHED: {"review", "stats", "banner"},
            S.CANCELLED: {"review", "banner"},
        },
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={
        "view": ORGANISER_ONLY,
        "edit": ORGANISER_ONLY,
        "submit": ORGANISER_ONLY,
        "publish": ORGANISER_ONLY,
        "cancel": ORGANISER_ONLY,
        "review": ADMIN_ONLY,
        "verify": ADMIN_ONLY,
        "return": ADMIN_ONLY,
    },
)


def _refusal(status: str, action: str) -> ServiceError:
    if action == "edit":
        return ServiceError("not_editable", _("Job fair hanya dapat diubah selagi berstatus draf atau dikembalikan."))
    if action == "publish":
        return ServiceError("not_verified", _("Job fair hanya dapat diterbitkan setelah diverifikasi admin pusat."))
    if action in ("verify", "return"):
        return ServiceError(
            "not_submitted", _("Hanya job fair yang sedang diajukan yang dapat diverifikasi atau dikembalikan.")
        )
    if action == "submit":
        return ServiceError("not_submittable", _("Job fair ini sudah diajukan atau tidak dapat diajukan lagi."))
    return ServiceError(
        "transition_not_allowed",
        _("Job fair berstatus %(status)s tidak dapat diubah seperti itu.") % {"status": FairStatus(status).label},
    )
