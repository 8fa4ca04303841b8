"""The whole life-cycle table, walked pair by pair through the services that move a registration, and the
permission table `REGISTRATIONS`, walked role × status × action: every action it allows works for the role it
names, every other one is refused and changes and records nothing."""

import pytest
from django.db import transaction
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.cpmi import services
from apps.cpmi.models import ALLOWED_TRANSITIONS, CpmiDocument, DocumentKind, RegistrationStatus, ReviewStatus
from apps.cpmi.permissions import REGISTRATIONS
from apps.cpmi.policy import POLICY
from apps.cpmi.tests.builders import complete_details, copy_registration, ready_registration
from testing import factories
from testing.policy_walk import walk

pytestmark = pytest.mark.django_db

DECISIONS = {RegistrationStatus.VERIFIED, RegistrationStatus.REJECTED}


def _prepare(registration, *, status, target, office):
    """Given: the registration sits in `status`, with documents reviewed so the target's own checks pass."""
    documents = CpmiDocument.objects.filter(registration=registration)
    if target == RegistrationStatus.VERIFIED:
        documents.update(review_status=ReviewStatus.ACCEPTED)
    elif target in (RegistrationStatus.REJECTED, RegistrationStatus.REVISING):
        documents.update(review_status=ReviewStatus.ACCEPTED)
        documents.filter(pk=documents.order_by("id").first().pk).update(
            review_status=ReviewStatus.REJECTED, review_reason="Foto buram"
        )
    type(registration).objects.filter(pk=registration.pk).update(
        status=status, office=office, round=2 if status == RegistrationStatus.REVISING else 1
    )
    registration.refresh_from_db()


def _perform(target, *, registration, applicant, officer):
    if target == RegistrationStatus.SUBMITTED:
        return "cpmi.submit", lambda: services.registration_submit(registration=registration, actor=applicant)
    if target == RegistrationStatus.VERIFIED:
        return "cpmi.verify", lambda: services.registration_verify(registration=registration, actor=officer)
    if target == RegistrationStatus.REJECTED:
        return "cpmi.reject", lambda: services.registration_reject(registration=registration, actor=officer)
    if target == RegistrationStatus.REVISING:
        return "cpmi.revise", lambda: services.registration_revise(registration=registration, actor=applicant)
    raise AssertionError(f"no service moves a registration to {target}")


def test_every_pair_of_statuses_moves_exactly_when_the_table_allows_it(officer):
    office = officer.staff_assignment.office
    checked = []
    for status in RegistrationStatus:
        for target in RegistrationStatus:
            if target == RegistrationStatus.DRAFT:
                continue  # nothing moves a registration back to draft
            # Given a registration of a fresh applicant in `status`, routed to the officer's office
            applicant = factories.user()
            registration = ready_registration(applicant)
            _prepare(registration, status=status, target=target, office=office)
            action, perform = _perform(target, registration=registration, applicant=applicant, officer=officer)
            allowed = target in ALLOWED_TRANSITIONS[status]

            # When the service for `target` is called by the right person
            if allowed:
                perform()
            else:
                with pytest.raises(ServiceError) as caught:
                    perform()

            # Then it moved exactly when the table allows it, and a refusal changed nothing
            registration.refresh_from_db()
            audited = AuditEvent.objects.filter(action=action, object_id=str(registration.pk)).exists()
            if allowed:
                assert registration.status == target, (status, target)
                assert audited, (status, target)
            else:
                expected = (
                    "already_decided" if status in DECISIONS and target in DECISIONS else "transition_not_allowed"
                )
                assert caught.value.code == expected, (status, target, caught.value.code)
                assert registration.status == status, (status, target)
                assert not audited, (status, target)
            checked.append((status, target, allowed))

    assert len(checked) == len(RegistrationStatus) * (len(RegistrationStatus) - 1)
    assert {(s, t) for s, t, allowed in checked if allowed} == {
        (s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets
    }


# --- the permission table, role by role -------------------------------------------------------------------

# Every action a service takes on a registration, with the audit actions it writes. ("view" and "download" are
# pages and files: tests/test_authorisation_sweep.py and test_permissions.py walk them per persona.)
SERVICE_ACTIONS = {
    "edit": lambda r, actor: services.registration_save_details(
        registration=r, actor=actor, details=complete_details(health_clinic="Klinik Sehat Baru")
    ),
    "withdraw_document": lambda r, actor: services.document_withdraw(document=_first_document(r), actor=actor),
    "submit": lambda r, actor: services.registration_submit(registration=r, actor=actor),
    "revise": lambda r, actor: services.registration_revise(registration=r, actor=actor),
    "review_document": lambda r, actor: services.document_review(
        document=_first_document(r), actor=actor, accepted=True
    ),
    "verify": lambda r, actor: services.registration_verify(registration=r, actor=actor),
    "reject": lambda r, actor: services.registration_reject(registration=r, actor=actor, note="Perbaiki."),
}
AUDITED_AS = {
    "edit": {"cpmi.save_details"},
    "withdraw_document": {"cpmi.document_withdraw"},
    "submit": {"cpmi.submit"},
    "revise": {"cpmi.revise"},
    "review_document": {"cpmi.document_accept"},
    "verify": {"cpmi.verify"},
    "reject": {"cpmi.reject"},
}
# What the documents must look like for an allowed action's own checks to pass.
DOCUMENTS_FOR = {
    "verify": RegistrationStatus.VERIFIED,  # every document accepted
    "reject": RegistrationStatus.REJECTED,  # one rejected
    "revise": RegistrationStatus.REVISING,  # one rejected
}


def _first_document(registration):
    return services.current_documents(registration).order_by("id").first()


def _in_status(status, *, office, action=None):
    """A registration of a fresh applicant in `status`, routed to `office`, with documents ready for `action`."""
    registration = ready_registration(factories.user())
    _prepare(registration, status=status, target=DOCUMENTS_FOR.get(action), office=office)
    return registration


def _snapshot(registration):
    registration.refresh_from_db()
    documents = sorted(
        CpmiDocument.objects.filter(registration=registration).values_list(
            "pk", "review_status", "replaced_by", "withdrawn_at"
        )
    )
    return registration.status, registration.round, registration.health_clinic, documents


def test_the_table_allows_exactly_the_moves_of_the_status_table():
    assert REGISTRATIONS.moves() == {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}
    assert set(SERVICE_ACTIONS) | {"view", "download"} == set(REGISTRATIONS.actions)


# The table as this test expects it: a change to apps/cpmi/permissions.py must be made here too.
_OWNER_EDITS = {"view", "edit", "withdraw_document", "submit", "download"}
_READS = {"view", "download"}
_OFFICE = {
    "submitted": {"view", "download", "review_document", "verify", "reject"},
    "rejected": _READS,
    "revising": _READS,
    "verified": _READS,
}
EXPECTED = {
    "job_seeker": {
        "draft": _OWNER_EDITS,
        "revising": _OWNER_EDITS,
        "submitted": _READS,
        "rejected": {"view", "revise", "download"},
        "verified": _READS,
    },
    "officer": _OFFICE,
    "division_head": _OFFICE,
    "secretary": _OFFICE,
    "office_head": _OFFICE,
}


def _audited(action, perform):
    """The command, and the audit row it must write when it goes through."""

    def command(registration, actor):
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with transaction.atomic():  # a refused command rolls back what the walk prepared for it
            perform(registration, actor)
        assert AuditEvent.objects.filter(pk__gt=last, action__in=AUDITED_AS[action]).exists(), action

    return command


def _with_documents(review_status, perform):
    def command(registration, actor):
        documents = CpmiDocument.objects.filter(registration=registration)
        documents.update(review_status=ReviewStatus.ACCEPTED)
        if review_status == ReviewStatus.REJECTED:
            documents.filter(pk=documents.order_by("id").first().pk).update(review_status=review_status)
        perform(registration, actor)

    return command


PERFORM = {
    action: _audited(action, _with_documents(ReviewStatus.ACCEPTED, perform) if action == "verify" else perform)
    for action, perform in SERVICE_ACTIONS.items()
}
PERFORM["reject"] = _audited("reject", _with_documents(ReviewStatus.REJECTED, SERVICE_ACTIONS["reject"]))


def test_registration_walk_every_role_status_and_action_through_the_policy_and_the_services(officer):
    """Role × status × action: the policy answers as EXPECTED and every command does what the policy says."""
    office = officer.staff_assignment.office
    template = ready_registration(factories.user())
    people = {role: factories.staff(position=role) for role in ("division_head", "secretary", "office_head")}
    people |= {"officer": officer, "agency_staff": factories.agency_member()}

    def make(role, status):
        registration = copy_registration(template, status=status, office=office)
        if status == RegistrationStatus.REJECTED:  # as the office left it: one document refused
            first = CpmiDocument.objects.filter(registration=registration).order_by("id").first()
            CpmiDocument.objects.filter(pk=first.pk).update(review_status=ReviewStatus.REJECTED, review_reason="Buram")
        return registration, registration.applicant if role == "job_seeker" else people[role]

    performed = walk(
        POLICY,
        expected=EXPECTED,
        make=make,
        perform=PERFORM,
        roles=[*EXPECTED, "agency_staff"],
        not_performed={"view": "a page: test_permissions.py", "download": "a file: test_permissions.py"},
    )
    assert performed == 19


def test_a_draft_with_something_missing_cannot_be_sent_and_the_policy_says_what(draft):
    CpmiDocument.objects.filter(registration=draft, kind=DocumentKind.KTP).update(withdrawn_at=timezone.now())
    decision = POLICY.decide(draft, draft.applicant, "submit")
    assert decision.code == "incomplete" and decision.offered and "KTP" in str(decision.reason)
    with pytest.raises(ServiceError) as refused:
        services.registration_submit(registration=draft, actor=draft.applicant)
    assert refused.value.message == decision.reason


def test_staff_of_another_office_take_no_action(submitted, other_office_officer, officer):
    # Given a sent registration, and staff of an office it was not routed to (a role the table lets review)
    for action in ("review_document", "reject", "verify"):
        assert REGISTRATIONS.allows(other_office_officer.role, submitted.status, action)

        # When they try each decision
        with pytest.raises(PermissionDenied):
            SERVICE_ACTIONS[action](submitted, other_office_officer)

    # Then nothing changed and nothing was recorded
    assert _snapshot(submitted)[0] == RegistrationStatus.SUBMITTED
    assert not AuditEvent.objects.filter(actor=other_office_officer).exists()


def test_another_job_seeker_takes_no_action_on_a_draft(draft, other_job_seeker):
    before = _snapshot(draft)
    for action in ("edit", "withdraw_document", "submit"):
        with pytest.raises(PermissionDenied):
            SERVICE_ACTIONS[action](draft, other_job_seeker)
    assert _snapshot(draft) == before
    assert not AuditEvent.objects.filter(actor=other_job_seeker).exists()
