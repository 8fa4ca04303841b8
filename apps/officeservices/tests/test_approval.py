"""From the register step to the issued, signed outputs: numbers from the register book, the company's signature
of the hand-over minutes, the division head's approval or return, the archive; and the ID CPMI service."""

import pytest
from django.utils import timezone

from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.core.errors import PermissionDenied, ServiceError
from apps.documents.models import DocumentType, RegisterEntry, RegisterStatus
from apps.documents.selectors import verification_status
from apps.documents.services import document_revoke
from apps.documents.signing import verify
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.models import RequestDocument, RequestStatus, StepRecord
from apps.officeservices.pdf import render_document_pdf
from apps.officeservices.selectors import time_report
from apps.officeservices.tests.builders import cpmi_with_file, upload_missing, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_approval(received, officer, company_staff, division_head):
    return walk(received, officer, to="approval", company_staff=company_staff, division_head=division_head)


def test_the_register_step_numbers_every_output_from_the_register_book(received, officer):
    request = walk(received, officer, to="selection_minutes")
    types = sorted(request.documents.values_list("document_type", flat=True))
    assert types == sorted(["selection_minutes", "handover_minutes", "passport_rec", "kitki"])
    assert set(RegisterEntry.objects.filter(office=request.office).values_list("status", flat=True)) == {
        RegisterStatus.ALLOCATED
    }


def test_the_company_signs_the_handover_minutes_then_it_waits_for_the_division_head(received, officer, company_staff):
    request = walk(received, officer, to="handover")
    assert request.status == RequestStatus.AWAITING_HANDOVER
    with pytest.raises(PermissionDenied):
        services.request_sign_handover(request=request, actor=officer)
    request = services.request_sign_handover(request=request, actor=company_staff)
    assert request.status == RequestStatus.AWAITING_APPROVAL and request.handover_signed_by == company_staff


def test_only_the_division_head_approves(at_approval, officer, office_head):
    for actor in (officer, office_head):
        with pytest.raises(PermissionDenied):
            services.request_approve(request=at_approval, actor=actor)


def test_approval_issues_and_signs_every_output_with_a_full_snapshot(at_approval, division_head, cpmi):
    request = services.request_approve(request=at_approval, actor=division_head)
    assert request.status == RequestStatus.IN_PROGRESS and request.current_step == "archive"
    rows = {
        row.document_type: row for row in RequestDocument.objects.filter(request=request).select_related("document")
    }
    assert all(row.document is not None and verify(row.document) for row in rows.values())
    recommendation = rows[DocumentType.PASSPORT_RECOMMENDATION].document
    body = recommendation.snapshot["body"]
    assert body["candidate"]["name"] == cpmi.user.full_name and body["candidate"]["nik"] == cpmi.user.nik
    assert body["immigration_office"] == "Kantor Imigrasi Kelas I TPI Bandung"
    assert body["selection_minutes_number"] == rows[DocumentType.SELECTION_MINUTES].entry.number
    assert recommendation.snapshot["signer"]["name"] == division_head.full_name
    assert recommendation.candidate_id == cpmi.pk and recommendation.country == "Taiwan"
    handover = rows[DocumentType.HANDOVER_MINUTES].document.snapshot["body"]
    assert handover["recipient"]["name"] == "Fajar P3MI"
    assert verification_status(recommendation.verification_code).status == "valid"
    for row in rows.values():  # every output renders
        assert render_document_pdf(row.document.snapshot, "https://sipmi.example/v/x").startswith(b"%PDF")


def test_the_division_head_returns_the_request_to_the_officer_with_a_reason(at_approval, division_head, officer):
    with pytest.raises(ServiceError):
        services.request_send_back(request=at_approval, actor=division_head, reason=" ")
    request = services.request_send_back(request=at_approval, actor=division_head, reason="Nama CPMI salah ketik")
    assert request.current_step == "draft" and request.status == RequestStatus.IN_PROGRESS
    assert request.handover_signed_at is None
    assert request.return_reasons.get().to_officer
    assert not RequestDocument.objects.filter(request=request, document__isnull=False).exists()


def test_archive_completes_the_request_and_the_times_are_reported(at_approval, division_head, officer):
    request = services.request_approve(request=at_approval, actor=division_head)
    request = services.request_archive(request=request, actor=officer)
    assert request.status == RequestStatus.COMPLETED and request.completed_at
    assert not StepRecord.objects.filter(request=request, finished_at=None).exists()
    today = timezone.localdate()
    report = time_report(request.office, since=today, until=today)
    assert report.completed == 1 and report.within_standard == 1
    steps = {t.step: t for t in report.by_step}
    assert steps["interview"].standard == 30 and steps["interview"].count == 1
    assert {t.officer for t in report.by_officer} >= {officer.full_name, division_head.full_name}


def test_a_second_recommendation_for_the_same_cpmi_and_destination_is_refused_while_one_is_valid(
    at_approval, division_head, officer, company, company_staff, cpmi, recruiter, details
):
    request = services.request_approve(request=at_approval, actor=division_head)
    services.request_archive(request=request, actor=officer)
    with pytest.raises(ServiceError) as error:
        services.request_open(
            actor=company_staff,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[cpmi],
            recruiting_officer=recruiter,
            details=details,
        )
    assert error.value.code == "recommendation_exists"
    recommendation = request.documents.get(document_type=DocumentType.PASSPORT_RECOMMENDATION).document
    document_revoke(document=recommendation, actor=division_head, reason="Salah tujuan")
    again = services.request_open(
        actor=company_staff,
        agency=company,
        service=Service.PASSPORT_RECOMMENDATION,
        candidates=[cpmi],
        recruiting_officer=recruiter,
        details=details,
    )
    assert again.pk != request.pk


def test_an_approval_that_fails_late_issues_nothing(at_approval, division_head, monkeypatch):
    from apps.officeservices import bodies

    original = bodies.body_for
    calls = []

    def failing(request, row, numbers):
        calls.append(row.document_type)
        if len(calls) == 3:
            raise ServiceError("boom", "gagal")
        return original(request, row, numbers)

    monkeypatch.setattr(bodies, "body_for", failing)
    with pytest.raises(ServiceError):
        services.request_approve(request=at_approval, actor=division_head)
    at_approval.refresh_from_db()
    assert at_approval.status == RequestStatus.AWAITING_APPROVAL
    assert not RequestDocument.objects.filter(request=at_approval, document__isnull=False).exists()
    assert not RegisterEntry.objects.filter(office=at_approval.office, status=RegisterStatus.ISSUED).exists()


# --- the ID CPMI service (seed 001) -----------------------------------------------------------------------------


@pytest.fixture
def id_request(company, company_staff, recruiter, details, officer):
    from apps.agencies.models import AgencyDocument  # noqa: F401 - the company fixture holds its NIB and SIP2MI

    candidate = cpmi_with_file(
        company, kinds=("ktp", "family_card", "birth_certificate", "permission_letter", "ak1_card")
    )
    application = candidate.applications.get()
    PlacementAgreement.objects.create(
        application=application,
        agency=company,
        candidate=candidate,
        office=candidate.office,
        status=AgreementStatus.SUBMITTED,
        position="Caregiver",
        employer_name="Chen",
        country="Taiwan",
        city="Taipei",
        salary=20000,
        currency="TWD",
        contract_months=36,
        placement_costs="-",
        rights_and_duties="-",
    )
    request = services.request_open(
        actor=company_staff,
        agency=company,
        service=Service.ID_CPMI,
        candidates=[candidate],
        recruiting_officer=recruiter,
        details=details,
    )
    entries = {e.code: e for e in request.checklist.all()}
    assert entries["nib"].is_auto and entries["sip2mi"].is_auto and entries["agreement"].is_auto
    upload_missing(request, company_staff)
    return services.request_submit(request=request, actor=company_staff)


def test_the_id_cpmi_service_runs_seed_001_s_steps_and_waits_for_the_signed_pp(id_request, officer, division_head):
    request = services.request_receive(request=id_request, actor=officer)
    assert request.current_step == "officer_check"
    request = services.request_check_completeness(request=request, actor=officer)
    assert request.current_step == "admin_verify"
    request = services.request_check_completeness(request=request, actor=officer)
    request = services.request_register(request=request, actor=officer)
    assert request.current_step == "ratification"
    with pytest.raises(ServiceError) as error:
        services.request_check_ratification(request=request, actor=officer)
    assert error.value.code == "agreement_not_signed"
    PlacementAgreement.objects.update(status=AgreementStatus.VERIFIED, number="PP/1", signed_at=timezone.now())
    request = services.request_check_ratification(request=request, actor=officer)
    assert request.status == RequestStatus.AWAITING_APPROVAL
    request = services.request_approve(request=request, actor=division_head)
    document = request.documents.get().document
    assert document.document_type == DocumentType.ID_CPMI
    assert document.snapshot["body"]["placement_agreement"]["number"] == "PP/1"
    assert services.request_archive(request=request, actor=officer).status == RequestStatus.COMPLETED
