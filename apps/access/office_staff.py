"""What each position of a labour office may do for its office: the office-staff table and its policy.

It lives in `access`, the lowest layer allowed: the policy needs the table machinery (`access.tables`,
`access.policy`) and the staff assignments of `offices`, and `offices` sits below `access` (it imports neither).

The object is a staff member's own assignment (`offices.StaffAssignment`); its status is whether the account is
active (an administrator deactivates the account of someone who left the office: the assignment is kept, for the
documents they signed). The workflows' own tables say what staff do to a CPMI registration, a request or a
complaint; this one holds the office-wide powers that depend on the position alone:

    record_permit        record an SPR the office issued (every position: the SOP has the Admin enter them)
    manage_checklist     add or retire the office's local checklist items (head of office, division head)
    manage_delegations   record or revoke the SK delegating PP signing (head of office)
    unlock_nik           lift a NIK's lock after seeing the e-KTP at the counter (every position)

    OFFICE_STAFF_POLICY.require(staff_assignment_of(user), user, "record_permit")
"""

from django.utils.translation import gettext_lazy as _

from apps.access.policy import Policy
from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import PermissionDenied, ServiceError

ACTIVE = "active"
INACTIVE = "inactive"

_EVERY_POSITION = {"record_permit", "unlock_nik"}

OFFICE_STAFF = PermissionTable(
    name="office staff",
    transitions={ACTIVE: {INACTIVE}, INACTIVE: {ACTIVE}},
    actions={"record_permit": None, "manage_checklist": None, "manage_delegations": None, "unlock_nik": None},
    grants={
        Role.OFFICER: {ACTIVE: _EVERY_POSITION},
        Role.SECRETARY: {ACTIVE: _EVERY_POSITION},
        Role.DIVISION_HEAD: {ACTIVE: _EVERY_POSITION | {"manage_checklist"}},
        Role.OFFICE_HEAD: {ACTIVE: _EVERY_POSITION | {"manage_checklist", "manage_delegations"}},
    },
    refusal=lambda status, action: ServiceError(
        "account_inactive", _("Akun petugas ini sudah dinonaktifkan; ia tidak lagi bertindak untuk dinas.")
    ),
    denial_messages={
        "record_permit": _("Jabatan Anda tidak berwenang mencatat SPR."),
        "manage_checklist": _("Hanya Kepala Dinas atau Kepala Bidang dinas ini yang dapat mengatur persyaratan lokal."),
        "manage_delegations": _("Hanya Kepala Dinas yang dapat mencatat SK pendelegasian penandatanganan."),
        "unlock_nik": _("Hanya petugas Dinas yang dapat membuka kunci NIK."),
    },
)


class OfficeStaffPolicy(Policy):
    table = OFFICE_STAFF

    def status(self, obj) -> str:
        return ACTIVE if obj is not None and obj.user.is_active else INACTIVE

    def relation(self, obj, actor, action):
        """A staff member acts through their own assignment only (None: not office staff)."""
        return None if obj is not None and obj.user_id == actor.pk else PermissionDenied()


OFFICE_STAFF_POLICY = OfficeStaffPolicy()
