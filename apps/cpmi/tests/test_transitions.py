"""The whole life-cycle table, walked pair by pair through the services that move a registration, and the
permission table `REGISTRATIONS`, walked role × status × action: every action it allows works for the role it
names, every other one is refused and changes and records nothing."""

import pytest

from apps.access.roles import Role
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.cpmi import services
from apps.cpmi.models import ALLOWED_TRANSITIONS, CpmiDocument, RegistrationStatus, ReviewStatus
from apps.cpmi.permissions import REGISTRATIONS
from apps.cpmi.tests.builders import complete_details, ready_registration
from testing import factories

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


def test_every_role_takes_every_action_exactly_when_the_table_allows_it(
    officer, office_head, agency_staff, organiser, central_admin
):
    office = officer.staff_assignment.office
    staff = {
        Role.OFFICER: officer,
        Role.DIVISION_HEAD: factories.staff(position=Role.DIVISION_HEAD),
        Role.SECRETARY: factories.staff(position=Role.SECRETARY),
        Role.OFFICE_HEAD: office_head,
    }
    others = {Role.AGENCY_STAFF: agency_staff, Role.JOBFAIR_ORGANISER: organiser, Role.CENTRAL_ADMIN: central_admin}
    assert {member.staff_assignment.office for member in staff.values()} == {office}
    # Refusals change nothing, so one registration per status serves every refused attempt.
    shared = {status: _in_status(status, office=office) for status in RegistrationStatus}
    checked = []
    for status in RegistrationStatus:
        for action, perform in SERVICE_ACTIONS.items():
            for role in (Role.JOB_SEEKER, *staff, *others):
                allowed = REGISTRATIONS.allows(role, status, action)
                # Given a registration in `status`, and a person of `role`: its applicant, or staff of its office
                registration = _in_status(status, office=office, action=action) if allowed else shared[status]
                actor = registration.applicant if role == Role.JOB_SEEKER else {**staff, **others}[role]
                before = _snapshot(registration)
                last_row = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

                # When they take `action`
                if allowed:
                    perform(registration, actor)
                else:
                    with pytest.raises(ServiceError) as refused:
                        perform(registration, actor)

                # Then it worked (with its audit row) exactly when the table allows it; a refusal changed nothing
                written = AuditEvent.objects.filter(pk__gt=last_row)
                if allowed:
                    target = REGISTRATIONS.target(action)
                    registration.refresh_from_db()
                    assert registration.status == (target or status), (status, action, role)
                    assert _snapshot(registration) != before, (status, action, role)
                    assert written.filter(action__in=AUDITED_AS[action]).exists(), (status, action, role)
                else:
                    assert _snapshot(registration) == before, (status, action, role)
                    assert not written.exists(), (status, action, role)
                    never = role not in REGISTRATIONS.roles_for(action)
                    assert isinstance(refused.value, PermissionDenied) == never, (status, action, role)
                checked.append((status, action, role, allowed))

    assert len(checked) == len(RegistrationStatus) * len(SERVICE_ACTIONS) * 8
    moves = {(s, REGISTRATIONS.target(a)) for s, a, _role, allowed in checked if allowed and REGISTRATIONS.target(a)}
    assert moves == {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}
    office_roles = {role for _s, action, role, allowed in checked if allowed and action in ("verify", "reject")}
    assert office_roles == set(staff)  # every office position decides


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
