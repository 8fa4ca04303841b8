"""Who may do what to a service request, in each status. Services check this table, then the request's own facts:
the actor works for the request's company (or, for a counter request, at its office), is staff of the request's
office, is the officer the request is assigned to, and the current step names the actor's role (the catalogue's
`Step.role`). Views answer 404 from it; templates show the buttons it allows.
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError
from apps.officeservices.models import ALLOWED_TRANSITIONS, RequestStatus

S = RequestStatus

ACTIONS = {
    "view": None,  # the request's page
    "edit": None,  # upload checklist files
    "submit": S.SUBMITTED,  # send (or send again after a return) to the office
    "cancel": S.CANCELLED,
    "assign": None,  # an officer takes the request
    "receive": S.IN_PROGRESS,  # the SOP's first step
    "work": None,  # an office step: the engine moves to the next step and the status that step implies
    "return": S.RETURNED,  # back to the company with coded reasons
    "sign_handover": S.AWAITING_APPROVAL,  # the company signs the hand-over minutes (BAST)
    "approve": S.IN_PROGRESS,  # the division head approves: outputs signed, on to the archive step
    "send_back": S.IN_PROGRESS,  # the division head returns the request to the officer
    "archive": S.COMPLETED,
    "download": None,  # an issued document's PDF (the view also checks the document exists)
}

_OFFICE_READ = {
    status: {"view"}
    for status in (S.SUBMITTED, S.IN_PROGRESS, S.RETURNED, S.AWAITING_HANDOVER, S.AWAITING_APPROVAL, S.COMPLETED)
}
_OFFICE_READ[S.IN_PROGRESS] = {"view", "download"}
_OFFICE_READ[S.COMPLETED] = {"view", "download"}
_ASSIGNABLE = (S.SUBMITTED, S.IN_PROGRESS, S.AWAITING_HANDOVER, S.AWAITING_APPROVAL)

COMPANY_ONLY = _("Hanya staf perusahaan pemohon yang dapat melakukannya.")
OFFICER_ONLY = _("Hanya Pengantar Kerja / Admin dinas yang dapat melakukan langkah ini.")
DIVISION_HEAD_ONLY = _("Hanya Kepala Bidang PTK yang dapat menyetujui atau mengembalikan permohonan ini.")

REQUESTS = PermissionTable(
    name="service_request",
    transitions=ALLOWED_TRANSITIONS,
    actions=ACTIONS,
    grants={
        # Staff of the request's company.
        Role.AGENCY_STAFF: {
            S.DRAFT: {"view", "edit", "submit", "cancel"},
            S.SUBMITTED: {"view", "cancel"},
            S.RETURNED: {"view", "edit", "submit", "cancel"},
            S.IN_PROGRESS: {"view", "download"},
            S.AWAITING_HANDOVER: {"view", "sign_handover"},
            S.AWAITING_APPROVAL: {"view"},
            S.COMPLETED: {"view", "download"},
            S.CANCELLED: {"view"},
        },
        # The CPMI on the request: their own issued documents.
        Role.JOB_SEEKER: {S.IN_PROGRESS: {"download"}, S.COMPLETED: {"download"}},
        # Staff of the request's office. An officer also fills and sends a counter request (seed 004: the walk-in
        # company hands its papers over the counter), which the service checks beyond this table.
        Role.OFFICER: {
            **_OFFICE_READ,
            S.DRAFT: {"view", "edit", "submit", "cancel"},
            S.SUBMITTED: {"view", "assign", "receive"},
            S.IN_PROGRESS: {"view", "assign", "work", "return", "archive", "download"},
            S.RETURNED: {"view", "edit", "submit"},
            S.AWAITING_HANDOVER: {"view", "assign"},
            S.AWAITING_APPROVAL: {"view", "assign"},
        },
        Role.DIVISION_HEAD: {**_OFFICE_READ, S.AWAITING_APPROVAL: {"view", "approve", "send_back"}},
        Role.SECRETARY: _OFFICE_READ,
        Role.OFFICE_HEAD: _OFFICE_READ,
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={
        "edit": COMPANY_ONLY,
        "submit": COMPANY_ONLY,
        "cancel": COMPANY_ONLY,
        "sign_handover": COMPANY_ONLY,
        "assign": OFFICER_ONLY,
        "receive": OFFICER_ONLY,
        "work": OFFICER_ONLY,
        "return": OFFICER_ONLY,
        "archive": OFFICER_ONLY,
        "approve": DIVISION_HEAD_ONLY,
        "send_back": DIVISION_HEAD_ONLY,
    },
)


def _refusal(status: str, action: str) -> ServiceError:
    if action == "edit":
        return ServiceError(
            "not_editable", _("Berkas hanya dapat diubah selama permohonan masih draf atau dikembalikan.")
        )
    return ServiceError(
        "transition_not_allowed",
        _("Permohonan berstatus %(status)s tidak dapat diproses seperti itu.")
        % {"status": RequestStatus(status).label},
    )
