"""A walk over the whole REGISTER table: for every office role and every entry status, each action the table
grants works through its service, and each one it does not grant is refused with nothing changed."""

import pytest

from apps.access.roles import Role
from apps.core.errors import ServiceError
from apps.documents import services
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry, RegisterStatus
from apps.documents.permissions import REGISTER
from testing import factories

pytestmark = pytest.mark.django_db
ROLES = [Role.OFFICER, Role.DIVISION_HEAD, Role.SECRETARY, Role.OFFICE_HEAD]


def entry_in(status, officer, head):
    office = factories.office()
    entry = services.register_allocate(office=office, document_type=DocumentType.KITKI, actor=officer, subject="x")
    if status == RegisterStatus.ISSUED:
        services.document_issue(entry=entry, body={}, signer=head, authority="Kepala Dinas", actor=officer)
    elif status == RegisterStatus.CANCELLED:
        services.register_cancel(entry=entry, actor=officer, reason="x")
    return RegisterEntry.objects.get(pk=entry.pk)


def attempt(action, entry, actor, head):
    if action == "cancel":
        return services.register_cancel(entry=entry, actor=actor, reason="Alasan")
    if action == "issue":
        return services.document_issue(entry=entry, body={}, signer=head, authority="Kepala Dinas", actor=actor)
    return services.document_revoke(document=IssuedDocument.objects.get(entry=entry), actor=actor, reason="Alasan")


# Revoking takes an issued document, so it is tried on issued entries only.
CASES = [
    (role, status, action)
    for role in ROLES
    for status in RegisterStatus
    for action in ("cancel", "issue", "revoke")
    if action != "revoke" or status == RegisterStatus.ISSUED
]


@pytest.mark.parametrize(("role", "status", "action"), CASES)
def test_the_table_is_what_the_services_do(role, status, action):
    officer = factories.staff(position="officer")
    head = factories.staff(position="office_head") if role != Role.OFFICE_HEAD else None
    actor = officer if role == Role.OFFICER else factories.staff(position=role)
    head = head or actor
    entry = entry_in(status, officer, head)
    before = (entry.status, IssuedDocument.objects.filter(revoked_at__isnull=False).count())
    if REGISTER.allows(role, status, action):
        attempt(action, entry, actor, head)
        entry.refresh_from_db()
        assert (entry.status, IssuedDocument.objects.filter(revoked_at__isnull=False).count()) != before
    else:
        with pytest.raises(ServiceError):
            attempt(action, entry, actor, head)
        entry.refresh_from_db()
        assert (entry.status, IssuedDocument.objects.filter(revoked_at__isnull=False).count()) == before
