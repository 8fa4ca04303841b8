"""Who may do what to a CPMI registration, in each status. Services check this table (then the object's own
facts: the actor is the applicant, or staff of the office the registration was routed to), views answer 404
from it, and templates show the buttons it allows.

The job seeker who owns the registration fills in a draft and sends it, reopens a rejected one and sends it
again; every position of the routed office reviews the documents and verifies or rejects what was sent.
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import OFFICE_ROLES, Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError
from apps.cpmi.models import ALLOWED_TRANSITIONS, EDITABLE_STATUSES, RegistrationStatus

S = RegistrationStatus

ACTIONS = {
    "view": None,  # the applicant's status page; the office's review page
    "edit": None,  # save the form's text fields and upload documents
    "withdraw_document": None,  # take a document out of the form
    "submit": S.SUBMITTED,
    "revise": S.REVISING,  # "Revisi Pengajuan"
    "review_document": None,  # accept or reject one document
    "verify": S.VERIFIED,
    "reject": S.REJECTED,
    "download": None,  # a stored file, any version
}

_EVERY_STATUS = tuple(S)
_OWNER_EDITS = {"view", "edit", "withdraw_document", "submit", "download"}
# A draft has not been routed to any office yet: staff read a registration from its first sending on.
_OFFICE_READS = {status: {"view", "download"} for status in _EVERY_STATUS if status != S.DRAFT}

REVIEWER_ONLY = _("Hanya petugas dinas tujuan pengajuan ini yang dapat memeriksanya.")

REGISTRATIONS = PermissionTable(
    name="cpmi registration",
    transitions=ALLOWED_TRANSITIONS,
    actions=ACTIONS,
    grants={
        # The job seeker who owns the registration.
        Role.JOB_SEEKER: {
            S.DRAFT: _OWNER_EDITS,
            S.REVISING: _OWNER_EDITS,
            S.SUBMITTED: {"view", "download"},
            S.REJECTED: {"view", "revise", "download"},
            S.VERIFIED: {"view", "download"},
        },
        # Staff of the office it was routed to, in every position.
        **dict.fromkeys(
            OFFICE_ROLES,
            {**_OFFICE_READS, S.SUBMITTED: {"view", "download", "review_document", "verify", "reject"}},
        ),
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages=dict.fromkeys(("review_document", "verify", "reject"), REVIEWER_ONLY),
)

_DECIDED = (S.VERIFIED, S.REJECTED)


def already_decided(status: str) -> ServiceError:
    return ServiceError(
        "already_decided",
        _("Pengajuan ini sudah diputuskan (%(status)s) oleh petugas lain.") % {"status": S(status).label},
    )


def _refusal(status: str, action: str) -> ServiceError:
    if action == "edit":
        return ServiceError(
            "not_editable", _("Pengajuan yang sedang diperiksa atau sudah diputuskan tidak dapat diubah.")
        )
    if action == "withdraw_document":
        return ServiceError("not_editable", _("Dokumen ini tidak dapat dihapus."))
    if action == "review_document" and status in EDITABLE_STATUSES:
        return ServiceError("not_submitted", _("Pengajuan ini belum dikirim ke dinas untuk diperiksa."))
    if action in ("review_document", "verify", "reject") and status in _DECIDED:
        return already_decided(status)
    return ServiceError(
        "transition_not_allowed",
        _("Pengajuan berstatus %(status)s tidak dapat diubah seperti itu.") % {"status": S(status).label},
    )
