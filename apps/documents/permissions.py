"""Who may do what in the register book and to issued documents. Services check this table, then that the actor
is staff of the entry's office; views and templates show what it allows.

- Any staff member of the office reads its book, takes a number, issues the document under it and cancels an
  unused number (with a reason).
- The office head and the division head (Kabid PTK) revoke an issued document (with a reason).
- The office head sets the office's number formats.
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError
from apps.documents.models import ALLOWED_TRANSITIONS, RegisterStatus

S = RegisterStatus

ACTIONS = {
    "view": None,  # the register book and its export
    "allocate": None,  # take the next number (granted on "allocated": the status a new entry gets)
    "issue": S.ISSUED,
    "cancel": S.CANCELLED,
    "revoke": None,  # the entry stays issued; its document is marked revoked
    "configure": None,  # the office's number formats
}

_STAFF = {S.ALLOCATED: {"view", "allocate", "issue", "cancel"}, S.ISSUED: {"view"}, S.CANCELLED: {"view"}}
_REVOKERS = {**_STAFF, S.ISSUED: {"view", "revoke"}}

STAFF_ONLY = _("Hanya petugas dinas tenaga kerja yang berwenang yang dapat mengelola buku register dinas ini.")
REVOKE_RULE = _("Hanya Kepala Dinas atau Kepala Bidang PTK yang dapat mencabut dokumen yang telah diterbitkan.")
CONFIGURE_RULE = _("Hanya Kepala Dinas yang dapat mengatur format nomor.")

REGISTER = PermissionTable(
    name="register_entry",
    transitions=ALLOWED_TRANSITIONS,
    actions=ACTIONS,
    grants={
        Role.OFFICER: _STAFF,
        Role.SECRETARY: _STAFF,
        Role.DIVISION_HEAD: _REVOKERS,
        Role.OFFICE_HEAD: {
            S.ALLOCATED: {"view", "allocate", "issue", "cancel", "configure"},
            S.ISSUED: {"view", "revoke"},
            S.CANCELLED: {"view"},
        },
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={
        "view": STAFF_ONLY,
        "allocate": STAFF_ONLY,
        "issue": STAFF_ONLY,
        "cancel": STAFF_ONLY,
        "revoke": REVOKE_RULE,
        "configure": CONFIGURE_RULE,
    },
)


def _refusal(status: str, action: str) -> ServiceError:
    if action == "cancel" and status == S.ISSUED:
        return ServiceError(
            "entry_issued", _("Dokumen dengan nomor ini sudah diterbitkan; cabut dokumennya, bukan nomornya.")
        )
    if status == S.CANCELLED:
        return ServiceError("entry_cancelled", _("Nomor ini sudah dibatalkan dan tidak dapat dipakai lagi."))
    if action == "issue" and status == S.ISSUED:
        return ServiceError("entry_issued", _("Dokumen dengan nomor ini sudah diterbitkan."))
    if action == "revoke":
        return ServiceError("not_issued", _("Hanya dokumen yang sudah diterbitkan yang dapat dicabut."))
    return ServiceError("transition_not_allowed", _("Tindakan ini tidak dapat dilakukan pada status sekarang."))
