"""The register book's policy: staff of the entry's office act on it (any position takes, issues and cancels a
number; the head and the division head revoke an issued document; the head sets the number formats), as the
REGISTER table says for the entry's status, and an issued document is revoked once. Services start with
`POLICY.require(...)`; the book shows `POLICY.allows(...)` per row.

Taking a number and setting a format act on the office, not on an entry: ask about `POLICY.office_entry(office)`,
the unsaved entry a new number would be (status "allocated").
"""

from django.utils.translation import gettext as _

from apps.access.policy import Policy
from apps.core.errors import PermissionDenied, ServiceError
from apps.documents.models import RegisterEntry, RegisterStatus
from apps.documents.permissions import REGISTER, STAFF_ONLY
from apps.offices.selectors import is_staff_of


class RegisterPolicy(Policy):
    table = REGISTER

    def relation(self, entry, actor, action):
        if is_staff_of(actor, entry.office_id):
            return None
        return PermissionDenied(REGISTER.denial_message(action) or STAFF_ONLY)

    def facts(self, entry, actor, action):
        if action == "revoke":
            document = getattr(entry, "document", None) if entry.pk else None
            if document is not None and document.revoked_at is not None:
                return ServiceError("already_revoked", _("Dokumen ini sudah dicabut."))
        return None

    @staticmethod
    def office_entry(office) -> RegisterEntry:
        """What the office-wide actions ("allocate", "configure") are asked about: a number not yet taken."""
        return RegisterEntry(office=office, status=RegisterStatus.ALLOCATED)


POLICY = RegisterPolicy()
