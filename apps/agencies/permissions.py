"""Who may do what on a company's team and with its recruiting officers' approvals, in each status.

Team (a member row; the role is the actor's role *in that company*, owner or staff):
    pending (invited by e-mail) ──accept──▶ active ──remove──▶ removed
       └──────────────────remove (cancel the invitation)─────────▲
    The owner invites, cancels, removes and hands ownership to an active member; staff see the team.
Invitation (a member row, seen by whoever holds the e-mailed link): accepted once, while pending and fresh.
Officer approval (a recruiting officer at one labour office; "new" = not asked of that office yet):
    new ──request──▶ pending ──approve──▶ approved
                        └─────reject───▶ rejected ──request again──▶ pending
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import OFFICE_ROLES, Role
from apps.access.tables import PermissionTable, default_refusal
from apps.agencies.models import ApprovalStatus, MemberRole, MemberStatus
from apps.core.errors import ServiceError

M = MemberStatus

# --- the team ---------------------------------------------------------------------------------------------------

MEMBER_TRANSITIONS = {
    M.PENDING: {M.ACTIVE, M.REMOVED},
    M.ACTIVE: {M.REMOVED},
    M.REMOVED: set(),
}

TEAM_ACTIONS = {
    "view": None,
    # Asked of any row of the team (the page asks it of the owner's own row): the owner adds someone to the team.
    "invite": None,
    "transfer": None,  # the member becomes owner; the owner becomes staff (neither row changes status)
    "remove": M.REMOVED,
}

OWNER_ONLY = _("Hanya pemilik akun perusahaan yang dapat mengelola tim.")

TEAM = PermissionTable(
    name="company team",
    transitions=MEMBER_TRANSITIONS,
    actions=TEAM_ACTIONS,
    grants={
        MemberRole.OWNER: {
            M.PENDING: {"view", "invite", "remove"},
            M.ACTIVE: {"view", "invite", "transfer", "remove"},
            M.REMOVED: {"invite"},
        },
        MemberRole.STAFF: {
            M.PENDING: {"view"},
            M.ACTIVE: {"view"},
        },
    },
    refusal=lambda status, action: _team_refusal(status, action),
    denial_messages={
        "invite": OWNER_ONLY,
        "transfer": _("Hanya pemilik akun perusahaan yang dapat mentransfer kepemilikan."),
        "remove": OWNER_ONLY,
    },
)


def _team_refusal(status: str, action: str) -> ServiceError:
    if action == "transfer":
        return ServiceError(
            "member_not_active", _("Kepemilikan hanya dapat ditransfer ke anggota yang sudah mengaktifkan akunnya.")
        )
    if status == M.REMOVED:
        return ServiceError("already_removed", _("Anggota ini sudah dikeluarkan."))
    return default_refusal(status, action)


# --- the invitation ---------------------------------------------------------------------------------------------

# Whoever opens the link in the invitation e-mail (signed in with a company account, or about to create one).
INVITEE = "invitee"

INVITATIONS = PermissionTable(
    name="team invitation",
    transitions=MEMBER_TRANSITIONS,
    actions={"accept": M.ACTIVE},
    grants={INVITEE: {M.PENDING: {"accept"}}},
    refusal=lambda status, action: ServiceError("invitation_used", INVITATION_USED),
)

INVITATION_USED = _("Undangan ini sudah digunakan atau dibatalkan. Minta undangan baru ke pemilik akun perusahaan.")

# --- recruiting officers' approvals -------------------------------------------------------------------------------

A = ApprovalStatus
NEW = "new"  # an officer not asked of this office yet (no row)

APPROVAL_TRANSITIONS = {
    NEW: {A.PENDING},
    A.PENDING: {A.APPROVED, A.REJECTED},
    A.APPROVED: set(),
    A.REJECTED: {A.PENDING},
}

_OFFICE = {
    A.PENDING: {"view", "approve", "reject"},
    A.APPROVED: {"view"},
    A.REJECTED: {"view"},
}

OFFICE_ONLY = _("Hanya petugas dinas yang dimintai persetujuan yang dapat memutuskannya.")
MEMBERS_ONLY = _("Hanya anggota aktif perusahaan ini yang dapat melakukannya.")

OFFICER_APPROVALS = PermissionTable(
    name="recruiting officer approval",
    transitions=APPROVAL_TRANSITIONS,
    actions={"view": None, "request": A.PENDING, "approve": A.APPROVED, "reject": A.REJECTED},
    grants={
        Role.AGENCY_STAFF: {
            NEW: {"request"},
            A.PENDING: {"view"},
            A.APPROVED: {"view"},
            A.REJECTED: {"view", "request"},
        },
        **dict.fromkeys(OFFICE_ROLES, _OFFICE),
    },
    refusal=lambda status, action: _approval_refusal(status, action),
    denial_messages={"request": MEMBERS_ONLY, "approve": OFFICE_ONLY, "reject": OFFICE_ONLY},
)


def _label(status: str) -> str:
    return A(status).label if status in A.values else status


def _approval_refusal(status: str, action: str) -> ServiceError:
    if action == "request" and status != NEW:
        return ServiceError(
            "approval_exists",
            _("Petugas ini sudah diajukan ke dinas tersebut (%(status)s).") % {"status": _label(status)},
            field="office",
        )
    if action in {"approve", "reject"} and status in {A.APPROVED, A.REJECTED}:
        return ServiceError(
            "already_decided", _("Permohonan ini sudah diputuskan (%(status)s).") % {"status": _label(status)}
        )
    return default_refusal(status, action)
