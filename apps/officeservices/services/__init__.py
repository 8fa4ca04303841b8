"""Service requests (workflow 4): one command per step of the SOP. Each one locks the request, asks the policy
(`officeservices.policy`: role, relation, status, the request's facts), changes, records the step (who, when, how
long), writes the audit row and notifies the company and the CPMI on commit.

draft ──submit──▶ submitted ──receive──▶ in progress: completeness → recruiting officer → interview → SPR →
  ▲                                       CPMI data → register → selection minutes → draft
  └── returned ◀──return (coded reasons)──┘                │
                      awaiting handover (company signs the BAST) ◀┘
                      awaiting approval (division head) ──send back──▶ in progress (draft)
                                │ approve: outputs issued and signed
                      in progress (archive) ──archive──▶ completed

The ID CPMI service runs the same engine with seed 001's steps (`offices.catalogue.ID_CPMI`).

Modules by step group: `engine` (shared moves, records, notices), `opening`, `filling` (uploads, send, cancel),
`intake` (assign, receive, completeness, return, recruiting officer), `checks` (interviews, SPR, CPMI data),
`issuing` (register to archive), `steps` (the one step → command dispatch), `local_checklist`. Callers import
the commands from here.
"""

from apps.officeservices.services.checks import (
    interview_record,
    request_check_permit,
    request_confirm_candidate_data,
    request_finish_interviews,
)
from apps.officeservices.services.filling import checklist_upload, request_cancel, request_submit
from apps.officeservices.services.intake import (
    Reason,
    request_assign,
    request_check_completeness,
    request_check_recruiting_officer,
    request_receive,
    request_return,
)
from apps.officeservices.services.issuing import (
    request_approve,
    request_archive,
    request_check_ratification,
    request_draft_ready,
    request_register,
    request_selection_minutes,
    request_send_back,
    request_sign_handover,
)
from apps.officeservices.services.local_checklist import office_checklist_item_add, office_checklist_item_deactivate
from apps.officeservices.services.opening import RequestDetails, request_open
from apps.officeservices.services.steps import STEP_COMMANDS, step_command, step_perform

__all__ = [
    "STEP_COMMANDS",
    "Reason",
    "RequestDetails",
    "checklist_upload",
    "interview_record",
    "office_checklist_item_add",
    "office_checklist_item_deactivate",
    "request_approve",
    "request_archive",
    "request_assign",
    "request_cancel",
    "request_check_completeness",
    "request_check_permit",
    "request_check_ratification",
    "request_check_recruiting_officer",
    "request_confirm_candidate_data",
    "request_draft_ready",
    "request_finish_interviews",
    "request_open",
    "request_receive",
    "request_register",
    "request_return",
    "request_selection_minutes",
    "request_send_back",
    "request_sign_handover",
    "request_submit",
    "step_command",
    "step_perform",
]
