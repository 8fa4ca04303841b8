"""Who may do what to a complaint, in each status: any staff of the complained-about office reads, answers and
closes (the service also checks the office). The complainant is not a role: the tracking code is their key."""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import OFFICE_ROLES
from apps.access.tables import PermissionTable
from apps.complaints.models import ALLOWED_TRANSITIONS, ComplaintStatus
from apps.core.errors import ServiceError

S = ComplaintStatus

ACTIONS = {
    "view": None,
    "answer": S.ANSWERED,
    "close": S.CLOSED,
}

_STAFF = {
    S.OPEN: {"view", "answer", "close"},
    S.ANSWERED: {"view", "close"},
    S.CLOSED: {"view"},
}

OFFICE_ONLY = _("Hanya petugas dinas yang diadukan yang dapat menangani pengaduan ini.")

COMPLAINTS = PermissionTable(
    name="complaint",
    transitions=ALLOWED_TRANSITIONS,
    actions=ACTIONS,
    grants=dict.fromkeys(OFFICE_ROLES, _STAFF),
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={"view": OFFICE_ONLY, "answer": OFFICE_ONLY, "close": OFFICE_ONLY},
)


def _refusal(status: str, action: str) -> ServiceError:
    if status == S.CLOSED:
        return ServiceError("complaint_closed", _("Pengaduan ini sudah ditutup."))
    if action == "answer":
        return ServiceError("already_answered", _("Pengaduan ini sudah dijawab."))
    return ServiceError("transition_not_allowed", _("Tindakan ini tidak dapat dilakukan pada status sekarang."))
