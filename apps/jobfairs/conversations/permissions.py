"""Who may do what with a conversation of a job fair, by whether it is open now (role × status → actions).

A conversation has no stored status: it is *open* while the fair's rules let its two sides talk (see
`conversations.policy`: the fair published, the company taking part, the job seeker following, and between a
company and a job seeker only while the fair runs and once they met) and *closed* otherwise. A conversation not
started yet is answered the same way: "start" is allowed exactly when it would be open.
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError

OPEN = "open"
CLOSED = "closed"

TRANSITIONS = {OPEN: frozenset(), CLOSED: frozenset()}  # the clock and the fair move it, never an action

ACTIONS = {
    "view": None,  # read its messages and attachments (its read marker moves with it)
    "start": None,  # begin it (or open the existing one)
    "send": None,  # post a message
}

TALKERS = (Role.JOBFAIR_ORGANISER, Role.AGENCY_STAFF, Role.JOB_SEEKER)

CONVERSATIONS = PermissionTable(
    name="jobfair_conversation",
    transitions=TRANSITIONS,
    actions=ACTIONS,
    grants={role: {OPEN: {"view", "start", "send"}, CLOSED: {"view"}} for role in TALKERS},
    refusal=lambda status, action: ServiceError("conversation_closed", _("Percakapan ini sudah ditutup.")),
    denial_messages={
        "view": _("Anda bukan peserta percakapan ini."),
        "send": _("Anda bukan peserta percakapan ini."),
        "start": _("Percakapan job fair hanya untuk penyelenggara, perusahaan dan pencari kerja."),
    },
)
