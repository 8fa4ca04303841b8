"""The register book's policy walked role × status × action, through the policy and the commands: the table in
apps/documents/permissions.py must match this test's own copy, the policy must answer as it says on real entries,
and every command must refuse (with the same code) or go through exactly as the policy says."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.core.errors import ServiceError
from apps.documents import services
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry, RegisterStatus
from apps.documents.policy import POLICY
from testing import factories
from testing.policy_walk import walk

pytestmark = pytest.mark.django_db

_STAFF = {"allocated": {"view", "allocate", "issue", "cancel"}, "issued": {"view"}, "cancelled": {"view"}}
EXPECTED = {
    "officer": _STAFF,
    "secretary": _STAFF,
    "division_head": {**_STAFF, "issued": {"view", "revoke"}},
    "office_head": {
        "allocated": {"view", "allocate", "issue", "cancel", "configure"},
        "issued": {"view", "revoke"},
        "cancelled": {"view"},
    },
}
OTHERS = ("job_seeker", "agency_staff", None)


@pytest.fixture
def people(db):
    staff = {role: factories.staff(position=role) for role in EXPECTED}
    return {**staff, "job_seeker": factories.user(), "agency_staff": factories.agency_member(), None: AnonymousUser()}


def _entry_in(status, people):
    officer, head = people["officer"], people["office_head"]
    office = officer.staff_assignment.office
    entry = services.register_allocate(office=office, document_type=DocumentType.KITKI, actor=officer, subject="x")
    if status == RegisterStatus.ISSUED:
        services.document_issue(entry=entry, body={}, signer=head, authority="Kepala Dinas", actor=officer)
    elif status == RegisterStatus.CANCELLED:
        services.register_cancel(entry=entry, actor=officer, reason="x")
    return RegisterEntry.objects.select_related("document").get(pk=entry.pk)


def _revoke(entry, actor):
    document = IssuedDocument.objects.filter(entry=entry).first()
    if document is None:  # nothing issued under this number: there is no document to address, only the policy
        POLICY.require(entry, actor, "revoke")
        return
    services.document_revoke(document=document, actor=actor, reason="Alasan")


def test_register_walk_every_role_status_and_action_through_the_policy_and_the_services(people):
    head = people["office_head"]
    performed = walk(
        POLICY,
        expected=EXPECTED,
        make=lambda role, status: (_entry_in(status, people), people[role]),
        roles=[*EXPECTED, *OTHERS],
        perform={
            "issue": lambda e, actor: services.document_issue(
                entry=e, body={}, signer=head, authority="Kepala Dinas", actor=actor
            ),
            "cancel": lambda e, actor: services.register_cancel(entry=e, actor=actor, reason="Alasan"),
            "revoke": _revoke,
        },
        not_performed={
            "view": "the book's page: test_views.py",
            "allocate": "acts on the office, not an entry: test_office_actions_... below",
            "configure": "acts on the office, not an entry: test_office_actions_... below",
        },
    )
    assert performed == 4 * 2 + 2  # issue and cancel by every position, revoke by the two heads


@pytest.mark.parametrize("role", [*EXPECTED, *OTHERS])
def test_office_actions_are_what_the_policy_says_for_the_office(people, role):
    actor = people[role]
    office = people["officer"].staff_assignment.office
    commands = {
        "allocate": lambda: services.register_allocate(
            office=office, document_type=DocumentType.KITKI, actor=actor, subject="Perihal"
        ),
        "configure": lambda: services.register_format_set(
            office=office, document_type=DocumentType.KITKI, pattern="{seq}/KITKI/{year}", actor=actor
        ),
    }
    for action, command in commands.items():
        decision = POLICY.decide(POLICY.office_entry(office), actor, action)
        assert decision.allowed == (action in EXPECTED.get(role, {}).get("allocated", ())), (role, action)
        if decision.allowed:
            command()
        else:
            with pytest.raises(ServiceError) as refused:
                command()
            assert refused.value.code == decision.code


def test_a_revoked_document_is_not_revoked_twice_and_the_policy_says_why(people):
    entry = _entry_in(RegisterStatus.ISSUED, people)
    services.document_revoke(document=entry.document, actor=people["office_head"], reason="Salah cetak")
    entry = RegisterEntry.objects.select_related("document").get(pk=entry.pk)
    decision = POLICY.decide(entry, people["division_head"], "revoke")
    assert decision.code == "already_revoked" and decision.offered
