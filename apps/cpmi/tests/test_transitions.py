"""The whole life-cycle table, walked pair by pair through the services that move a registration."""

import pytest

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.cpmi import services
from apps.cpmi.models import ALLOWED_TRANSITIONS, CpmiDocument, RegistrationStatus, ReviewStatus
from apps.cpmi.tests.builders import ready_registration
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
