"""Who may do what to a service request, in each status (`REQUESTS`), and who opens one (`OPENING`). The
policies in `policy.py` add the request's own facts to these tables (the actor works for the request's company or,
for a counter request, at its office; is staff of its office; is the officer it is assigned to; the current step
names the actor's role); services, views and templates ask those policies.
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
    # An office step (the catalogue's steps for the officer, archive included): the engine moves to the next step
    # and the status that step implies.
    "work": None,
    "return": S.RETURNED,  # back to the company with coded reasons
    "sign_handover": S.AWAITING_APPROVAL,  # the company signs the hand-over minutes (BAST)
    "approve": S.IN_PROGRESS,  # the division head approves: outputs signed, on to the archive step
    "send_back": S.IN_PROGRESS,  # the division head returns the request to the officer
    "download": None,  # an issued document's PDF (the view also checks the document exists)
    "preview": None,  # the draft of an output not signed yet (office staff, between the register and approval)
}

# The action that performs a step of the catalogue (`offices.catalogue`, `Step.role` names who): the officer
# receives, the company signs the hand-over minutes, the division head approves (or sends back); every other step
# is office work. `policy.py` refuses a step action while the request is at another step.
STEP_ACTIONS = {"receive": ("receive",), "handover": ("sign_handover",), "approval": ("approve", "send_back")}
WORK = ("work", "return")  # at any other step: do it, or return the request to the company


def step_actions(code: str) -> tuple[str, ...]:
    return STEP_ACTIONS.get(code, WORK)


# Steps from which the request can no longer go back to the company: its numbers are in the register book.
NUMBERED_STEPS = frozenset({"register", "selection_minutes", "draft", "ratification", "archive"})

_OFFICE_READ = {
    status: {"view"}
    for status in (S.SUBMITTED, S.IN_PROGRESS, S.RETURNED, S.AWAITING_HANDOVER, S.AWAITING_APPROVAL, S.COMPLETED)
}
_OFFICE_READ[S.IN_PROGRESS] = {"view", "download", "preview"}
_OFFICE_READ[S.AWAITING_HANDOVER] = {"view", "preview"}
_OFFICE_READ[S.AWAITING_APPROVAL] = {"view", "preview"}
_OFFICE_READ[S.COMPLETED] = {"view", "download"}
_ASSIGNABLE = (S.SUBMITTED, S.IN_PROGRESS, S.AWAITING_HANDOVER, S.AWAITING_APPROVAL)

COMPANY_ONLY = _("Hanya staf perusahaan pemohon yang dapat melakukannya.")
OFFICER_ONLY = _("Hanya Pengantar Kerja / Admin dinas yang dapat melakukan langkah ini.")
OFFICE_ONLY = _("Hanya petugas dinas tujuan permohonan ini yang dapat memprosesnya.")
COUNTER_OFFICER_ONLY = _("Hanya Pengantar Kerja / Admin yang dapat membuka permohonan di loket.")
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
        # company hands its papers over the counter); the policy's relation keeps online drafts to the company.
        Role.OFFICER: {
            **_OFFICE_READ,
            S.DRAFT: {"view", "edit", "submit", "cancel"},
            S.SUBMITTED: {"view", "assign", "receive"},
            S.IN_PROGRESS: {"view", "assign", "work", "return", "download", "preview"},
            S.RETURNED: {"view", "edit", "submit"},
            S.AWAITING_HANDOVER: {"view", "assign", "preview"},
            S.AWAITING_APPROVAL: {"view", "assign", "preview"},
        },
        Role.DIVISION_HEAD: {**_OFFICE_READ, S.AWAITING_APPROVAL: {"view", "approve", "send_back", "preview"}},
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
        "approve": DIVISION_HEAD_ONLY,
        "send_back": DIVISION_HEAD_ONLY,
        "preview": OFFICE_ONLY,
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


# Opening a request: the company opens it online for its own selected CPMI; an officer opens it at the counter of
# the CPMI's office for a walk-in company (seed 004). One status: opening does not depend on any request's state.
ACCEPTING = "accepting"
OPENING = PermissionTable(
    name="service_request_opening",
    transitions={ACCEPTING: frozenset()},
    actions={"open": None, "open_counter": None},
    grants={Role.AGENCY_STAFF: {ACCEPTING: {"open"}}, Role.OFFICER: {ACCEPTING: {"open_counter"}}},
    denial_messages={"open": COMPANY_ONLY, "open_counter": COUNTER_OFFICER_ONLY},
)
