"""Decisions and numbers under real concurrency: several threads, each with its own database connection.

The threads race on PostgreSQL's row locks (SELECT ... FOR UPDATE); the outcome a user sees must be one
decision, the other officer told it is already decided, numbers without gaps. PostgreSQL only: the test
suite's in-memory SQLite can't make a second writer wait (see apps/core/testing/concurrency.py).
"""

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.cpmi import services
from apps.cpmi.models import CpmiDecision, MigrantCandidate, RegistrationStatus
from apps.cpmi.tests.builders import ready_registration, review_all
from apps.offices.models import OfficeSequence
from apps.offices.services import office_sequence_next
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def submitted_and_reviewed(applicant, officer):
    registration = services.registration_submit(registration=ready_registration(applicant), actor=applicant)
    review_all(registration, officer)
    return registration


def test_two_officers_verifying_the_same_registration_make_one_cpmi(job_seeker, officer, office_head):
    # Given a submitted registration whose documents are all accepted
    registration = submitted_and_reviewed(job_seeker, officer)

    # When two officers of the office press "Verifikasi" at the same moment
    results = run_together(
        lambda: services.registration_verify(registration=registration, actor=officer),
        lambda: services.registration_verify(registration=registration, actor=office_head),
    )

    # Then one of them made the CPMI, and the other was told it was already decided
    winners = [r for r in results if isinstance(r, MigrantCandidate)]
    losers = [r for r in results if isinstance(r, ServiceError)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].code == "already_decided"
    assert MigrantCandidate.objects.get().registration_number == f"CPMI-3276-{timezone.localdate().year}-000001"
    assert CpmiDecision.objects.filter(registration=registration).count() == 1
    assert AuditEvent.objects.filter(action="cpmi.verify").count() == 1
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VERIFIED


def test_two_officers_rejecting_the_same_registration_make_one_decision(job_seeker, officer, office_head):
    registration = services.registration_submit(registration=ready_registration(job_seeker), actor=job_seeker)
    review_all(registration, officer, reject={"ktp": "KTP tidak terbaca"})

    results = run_together(
        lambda: services.registration_reject(registration=registration, actor=officer, note="Petugas 1"),
        lambda: services.registration_reject(registration=registration, actor=office_head, note="Petugas 2"),
    )

    decisions = [r for r in results if isinstance(r, CpmiDecision)]
    errors = [r for r in results if isinstance(r, ServiceError)]
    assert len(decisions) == 1 and len(errors) == 1, results
    assert errors[0].code == "already_decided"
    assert list(CpmiDecision.objects.values_list("note", flat=True)) == [decisions[0].note]
    assert AuditEvent.objects.filter(action="cpmi.reject").count() == 1


def test_verifying_two_registrations_at_once_gives_two_consecutive_numbers(officer, office_head):
    # Given two CPMI applicants of the same office, both ready, and no number issued yet this year
    first = submitted_and_reviewed(factories.user(), officer)
    second = submitted_and_reviewed(factories.user(), officer)

    # When both are verified at the same moment
    results = run_together(
        lambda: services.registration_verify(registration=first, actor=officer),
        lambda: services.registration_verify(registration=second, actor=office_head),
    )

    # Then both became CPMI with numbers 1 and 2 of this office and year
    assert all(isinstance(r, MigrantCandidate) for r in results), results
    year = timezone.localdate().year
    assert sorted(r.registration_number for r in results) == [
        f"CPMI-3276-{year}-000001",
        f"CPMI-3276-{year}-000002",
    ]


def test_twenty_concurrent_sequence_numbers_have_no_repeats_and_no_gaps(officer):
    office = officer.staff_assignment.office

    results = run_together(*[lambda: office_sequence_next(office=office, name="test", year=2026)] * 20)

    assert sorted(results) == list(range(1, 21)), results
    assert OfficeSequence.objects.get(office=office, name="test", year=2026).last_value == 20


def test_two_tabs_saving_the_form_for_the_first_time_share_one_draft(applicant):
    # Given the CPMI form open in two tabs, neither saved yet (opening it created nothing)
    def save(clinic):
        details = services.RegistrationDetails(health_clinic=clinic)
        return services.registration_form_save(actor=applicant, details=details)

    # When both tabs press "Simpan draf" at the same moment
    results = run_together(lambda: save("Puskesmas A"), lambda: save("Puskesmas B"))

    # Then both saves land in the one draft, which was started once
    assert all(isinstance(r, services.FormSaveResult) and not r.refusals for r in results), results
    assert results[0].registration.pk == results[1].registration.pk
    registration = services.registration_for_form(actor=applicant)
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.health_clinic in ("Puskesmas A", "Puskesmas B")
    assert AuditEvent.objects.filter(action="cpmi.start").count() == 1
