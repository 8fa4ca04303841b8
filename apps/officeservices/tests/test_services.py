"""The request workflow, step by step: each service's allowed path, each refusal, and what it leaves behind."""

import datetime

import pytest
from django.utils import timezone, translation

from apps.agencies.models import AgencyOfficerApproval, ApprovalStatus
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.messaging.models import Notification
from apps.offices.catalogue import Service
from apps.offices.models import OfficeChecklistItem
from apps.officeservices import selectors, services
from apps.officeservices.models import ChecklistFile, RequestStatus, ReturnCode, StepRecord
from apps.officeservices.tests.builders import cpmi_with_file, pdf, upload_missing, walk
from apps.permits.models import RecruitmentPermit
from testing import factories

pytestmark = pytest.mark.django_db


def open_request(company, actor, candidates, recruiter, details, **kw):
    return services.request_open(
        actor=actor,
        agency=company,
        service=kw.pop("service", Service.PASSPORT_RECOMMENDATION),
        candidates=candidates,
        recruiting_officer=recruiter,
        details=details,
        **kw,
    )


# --- opening ------------------------------------------------------------------------------------------------


def test_opening_attaches_what_the_platform_holds_and_leaves_the_rest_to_upload(opened, cpmi):
    entries = {e.code: e for e in opened.checklist.all()}
    assert opened.status == RequestStatus.DRAFT
    assert opened.office == cpmi.office and opened.country == "Taiwan"
    for code in ("ktp", "family_card", "birth_certificate", "permission_letter", "ak1", "photo", "nominee_list"):
        assert entries[code].is_auto, code
    assert entries["permit"].reference.startswith("SPR ")
    assert "Rudi Rekrut" in entries["assignment_letter"].reference
    assert entries["ktp"].cpmi_document.kind == "ktp"
    assert not entries["request_letter"].is_auto and not entries["diploma"].is_auto
    missing = {e.code for e in selectors.checklist_missing(opened)}
    assert missing == {"request_letter", "diploma"}  # single: no marriage certificate required
    assert AuditEvent.objects.filter(action="service_request.open", object_id=str(opened.pk)).exists()


def test_the_permission_letter_is_required_even_when_the_cpmi_file_lacks_it(company, company_staff, recruiter, details):
    candidate = cpmi_with_file(company, kinds=("ktp", "family_card", "birth_certificate", "ak1_card"))
    request = open_request(company, company_staff, [candidate], recruiter, details)
    missing = {e.code for e in selectors.checklist_missing(request)}
    assert "permission_letter" in missing


def test_a_divorced_cpmi_needs_the_divorce_certificate(company, company_staff, recruiter, details):
    candidate = cpmi_with_file(company, user=factories.user(marital_status="divorced"))
    request = open_request(company, company_staff, [candidate], recruiter, details)
    assert "marriage_certificate" in {e.code for e in selectors.checklist_missing(request)}


def test_local_items_of_the_office_join_the_national_checklist(
    company, company_staff, cpmi, recruiter, details, officer
):
    OfficeChecklistItem.objects.create(
        office=cpmi.office,
        service=Service.PASSPORT_RECOMMENDATION,
        label="Surat keterangan RT",
        party="candidate",
        created_by=officer,
    )
    OfficeChecklistItem.objects.create(
        office=cpmi.office,
        service=Service.PASSPORT_RECOMMENDATION,
        label="Dihapus",
        party="candidate",
        active=False,
        created_by=officer,
    )
    request = open_request(company, company_staff, [cpmi], recruiter, details)
    labels = [e.label for e in request.checklist.filter(local_item__isnull=False)]
    assert labels == ["Surat keterangan RT"]


def test_only_the_company_s_own_selected_cpmi_can_be_on_a_request(
    company, company_staff, other_company, recruiter, details
):
    stranger = cpmi_with_file(other_company)
    with pytest.raises(ServiceError) as error:
        open_request(company, company_staff, [stranger], recruiter, details)
    assert error.value.code == "candidate_not_selected"


def test_another_company_s_staff_cannot_open_a_request_for_it(company, other_company_staff, cpmi, recruiter, details):
    with pytest.raises(PermissionDenied):
        open_request(company, other_company_staff, [cpmi], recruiter, details)


def test_all_cpmi_on_a_request_belong_to_one_office_and_one_destination(
    company, company_staff, cpmi, recruiter, details
):
    from apps.agreements.tests import builders

    bogor = builders.candidate(regency_code="32.71")
    builders.accepted_application(company, bogor)
    with pytest.raises(ServiceError) as error:
        open_request(company, company_staff, [cpmi, bogor], recruiter, details)
    assert error.value.code == "candidates_other_office"
    japan = cpmi_with_file(company, country="Jepang")
    with pytest.raises(ServiceError) as error:
        open_request(company, company_staff, [cpmi, japan], recruiter, details)
    assert error.value.code == "countries_differ"


def test_a_cpmi_cannot_be_on_two_open_requests_for_the_same_service(
    opened, company, company_staff, cpmi, recruiter, details
):
    with pytest.raises(ServiceError) as error:
        open_request(company, company_staff, [cpmi], recruiter, details)
    assert error.value.code == "already_requested"


def test_a_passport_request_names_the_immigration_office(company, company_staff, cpmi, recruiter):
    with pytest.raises(ServiceError) as error:
        open_request(company, company_staff, [cpmi], recruiter, services.RequestDetails())
    assert error.value.code == "immigration_office_missing"


def test_an_officer_opens_a_counter_request_for_a_walk_in_company(company, cpmi, recruiter, details, officer):
    request = open_request(company, officer, [cpmi], recruiter, details, channel="counter")
    upload_missing(request, officer)
    request = services.request_submit(request=request, actor=officer)
    assert request.status == RequestStatus.SUBMITTED and request.channel == "counter"


def test_an_officer_of_another_office_cannot_open_a_counter_request(
    company, cpmi, recruiter, details, other_office_officer
):
    with pytest.raises(PermissionDenied):
        open_request(company, other_office_officer, [cpmi], recruiter, details, channel="counter")


# --- checklist and submission -----------------------------------------------------------------------------------


def test_submitting_an_incomplete_checklist_is_refused_and_nothing_changes(opened, company_staff):
    with pytest.raises(ServiceError) as error:
        services.request_submit(request=opened, actor=company_staff)
    assert error.value.code == "checklist_incomplete"
    assert "Surat permohonan" in error.value.message
    opened.refresh_from_db()
    assert opened.status == RequestStatus.DRAFT and not StepRecord.objects.filter(request=opened).exists()


def test_an_upload_of_the_wrong_type_is_refused(opened, company_staff):
    entry = opened.checklist.get(code="diploma")
    with pytest.raises(ServiceError) as error:
        services.checklist_upload(
            entry=entry, actor=company_staff, uploaded=pdf().__class__("x.pdf", b"MZ\x90\x00" * 10)
        )
    assert error.value.code == "file_type"


def test_submission_starts_the_clock_at_the_receive_step_and_tells_the_office(
    opened, company_staff, officer, django_capture_on_commit_callbacks
):
    upload_missing(opened, company_staff)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = services.request_submit(request=opened, actor=company_staff)
    assert submitted.status == RequestStatus.SUBMITTED and submitted.current_step == "receive"
    assert submitted.submitted_at is not None
    assert StepRecord.objects.get(request=submitted, step="receive").standard_minutes == 5
    assert Notification.objects.filter(user=officer, title="Permohonan layanan diajukan").exists()


def test_the_company_and_the_cpmi_are_told_at_each_step(
    submitted, officer, job_seeker, company_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_receive(request=submitted, actor=officer)
    assert Notification.objects.filter(user=job_seeker, title="Permohonan diterima dinas").exists()
    assert Notification.objects.filter(user=company_staff, title="Permohonan diterima dinas").exists()


# --- office steps -----------------------------------------------------------------------------------------------


def test_receiving_assigns_the_officer_and_records_who_when_and_how_long(received, officer):
    record = StepRecord.objects.get(request=received, step="receive")
    assert record.actor == officer and record.finished_at and record.duration_seconds is not None
    assert received.assigned_officer == officer and received.current_step == "completeness"
    assert received.status == RequestStatus.IN_PROGRESS


def test_a_step_by_a_role_the_step_does_not_name_is_refused(received, division_head, company_staff):
    with pytest.raises(PermissionDenied) as error:
        services.request_check_completeness(request=received, actor=division_head)
    assert "Pengantar Kerja" in str(error.value.message)
    with pytest.raises(PermissionDenied):
        services.request_check_completeness(request=received, actor=company_staff)


def test_an_officer_of_another_office_cannot_touch_the_request(received, other_office_officer):
    with pytest.raises(PermissionDenied):
        services.request_check_completeness(request=received, actor=other_office_officer)
    with pytest.raises(PermissionDenied):
        services.request_assign(request=received, actor=other_office_officer)


def test_only_the_assigned_officer_works_the_request_until_another_takes_it(received):
    colleague = factories.staff(position="officer", full_name="Joko Rekan")
    with pytest.raises(ServiceError) as error:
        services.request_check_completeness(request=received, actor=colleague)
    assert error.value.code == "not_assigned"
    services.request_assign(request=received, actor=colleague)
    request = services.request_check_completeness(request=received, actor=colleague)
    assert request.current_step == "recruiting_officer"


def test_a_step_out_of_order_is_refused(received, officer):
    with pytest.raises(ServiceError) as error:
        services.request_confirm_candidate_data(request=received, actor=officer)
    assert error.value.code == "wrong_step"


def test_return_with_coded_reasons_then_resubmit_keeps_every_earlier_version(received, officer, company_staff):
    entry = received.checklist.get(code="diploma")
    first_file = entry.files.get()
    request = services.request_return(
        request=received,
        actor=officer,
        reasons=[
            services.Reason(ReturnCode.DOCUMENT_UNREADABLE, "Ijazah buram", entry.pk),
            services.Reason(ReturnCode.OTHER, "Lengkapi cap perusahaan"),
        ],
    )
    assert request.status == RequestStatus.RETURNED
    assert set(request.return_reasons.values_list("code", flat=True)) == {"document_unreadable", "other"}
    assert StepRecord.objects.get(request=request, step="completeness").outcome == "returned"
    services.checklist_upload(entry=entry, actor=company_staff, uploaded=pdf("ijazah-baru.pdf"))
    request = services.request_submit(request=request, actor=company_staff)
    assert request.round == 2 and request.status == RequestStatus.SUBMITTED
    assert list(ChecklistFile.objects.filter(entry=entry).order_by("id").values_list("round", flat=True)) == [1, 2]
    assert ChecklistFile.objects.filter(pk=first_file.pk).exists()


def test_a_return_needs_a_known_reason_and_text_for_other(received, officer):
    with pytest.raises(ServiceError):
        services.request_return(request=received, actor=officer, reasons=[])
    with pytest.raises(ServiceError) as error:
        services.request_return(request=received, actor=officer, reasons=[services.Reason(ReturnCode.OTHER)])
    assert error.value.code == "reason_text_required"
    with pytest.raises(ServiceError):
        services.request_return(request=received, actor=officer, reasons=[services.Reason("bogus")])


def test_an_unapproved_recruiting_officer_is_refused_unless_approved_here(
    company, company_staff, unapproved_recruiter, details, officer
):
    candidate = cpmi_with_file(company)
    request = open_request(company, company_staff, [candidate], unapproved_recruiter, details)
    upload_missing(request, company_staff)
    request = services.request_submit(request=request, actor=company_staff)
    request = walk(request, officer, to="recruiting_officer")
    with pytest.raises(ServiceError) as error:
        services.request_check_recruiting_officer(request=request, actor=officer)
    assert error.value.code == "officer_not_approved"
    request = services.request_check_recruiting_officer(request=request, actor=officer, approve_now=True)
    assert request.current_step == "interview"
    approval = AgencyOfficerApproval.objects.get(officer=unapproved_recruiter, office=request.office)
    assert approval.status == ApprovalStatus.APPROVED and approval.decided_by == officer


def test_interviews_record_who_when_and_exclude_those_who_did_not_pass(
    company, company_staff, cpmi, recruiter, details, officer
):
    second = cpmi_with_file(company, permit=cpmi.applications.get().vacancy.permit)
    request = open_request(company, company_staff, [cpmi, second], recruiter, details)
    upload_missing(request, company_staff)
    request = walk(services.request_submit(request=request, actor=company_staff), officer, to="interview")
    first_rc, second_rc = request.candidates.order_by("id")
    at = timezone.now() - datetime.timedelta(minutes=10)
    services.interview_record(
        request=request,
        actor=officer,
        request_candidate=first_rc,
        interviewed_at=at,
        recruiter_present=True,
        outcome="passed",
    )
    with pytest.raises(ServiceError) as error:
        services.request_finish_interviews(request=request, actor=officer)
    assert error.value.code == "interview_missing"
    with pytest.raises(ServiceError):
        services.interview_record(
            request=request,
            actor=officer,
            request_candidate=second_rc,
            interviewed_at=timezone.now() + datetime.timedelta(days=1),
            recruiter_present=True,
            outcome="failed",
        )
    services.interview_record(
        request=request,
        actor=officer,
        request_candidate=second_rc,
        interviewed_at=at,
        recruiter_present=False,
        outcome="failed",
        note="Tidak memahami kontrak",
    )
    request = services.request_finish_interviews(request=request, actor=officer)
    second_rc.refresh_from_db()
    assert second_rc.excluded and request.current_step == "permit"
    interview = second_rc.interviews.get()
    assert interview.interviewer == officer and interview.recruiter_present is False


# --- the SPR ----------------------------------------------------------------------------------------------------


@pytest.fixture
def at_permit(received, officer):
    return walk(received, officer, to="permit")


def test_the_spr_place_used_by_the_accepted_application_is_not_used_twice(at_permit, officer, cpmi):
    from apps.vacancies.models import PermitUse

    permit = cpmi.applications.get().vacancy.permit
    PermitUse.objects.create(permit=permit, application=cpmi.applications.get())
    RecruitmentPermit.objects.filter(pk=permit.pk).update(used=permit.quota)  # full: its places went to acceptances
    request = services.request_check_permit(request=at_permit, actor=officer, permit=permit, copy_matches=True)
    permit.refresh_from_db()
    assert permit.used == permit.quota and request.current_step == "candidate_data"


def test_an_spr_not_yet_used_for_the_cpmi_gives_one_place_per_cpmi(at_permit, officer, company):
    permit = factories.permit(agency=company, country="Taiwan", quota=3)
    request = services.request_check_permit(request=at_permit, actor=officer, permit=permit, copy_matches=True)
    permit.refresh_from_db()
    assert permit.used == 1 and request.permit == permit
    assert request.candidates.get().permit_unit_used


@pytest.mark.parametrize(
    "permit_kwargs, code",
    [
        ({"agency": "other"}, "permit_other_agency"),
        ({"country": "Jepang"}, "permit_country_mismatch"),
        ({"valid_until": -1}, "permit_expired"),
        ({"quota": 2, "used": 2}, "permit_exhausted"),
    ],
)
def test_a_wrong_spr_is_refused_and_no_place_is_used(at_permit, officer, company, other_company, permit_kwargs, code):
    kwargs = dict(permit_kwargs)
    agency = other_company if kwargs.pop("agency", None) == "other" else company
    if "valid_until" in kwargs:
        today = timezone.localdate()
        kwargs.update(valid_from=today - datetime.timedelta(days=30), valid_until=today - datetime.timedelta(days=1))
    permit = factories.permit(agency=agency, **{"country": "Taiwan", **kwargs})
    used = permit.used
    with pytest.raises(ServiceError) as error:
        services.request_check_permit(request=at_permit, actor=officer, permit=permit, copy_matches=True)
    assert error.value.code == code
    permit.refresh_from_db()
    at_permit.refresh_from_db()
    assert permit.used == used and at_permit.current_step == "permit" and at_permit.permit != permit


def test_an_spr_that_does_not_match_its_copy_is_refused(at_permit, officer, company):
    permit = factories.permit(agency=company, country="Taiwan")
    with pytest.raises(ServiceError) as error:
        services.request_check_permit(request=at_permit, actor=officer, permit=permit, copy_matches=False)
    assert error.value.code == "permit_copy_mismatch"


def test_candidate_data_must_be_complete_before_it_is_confirmed(at_permit, officer, cpmi):
    request = walk(at_permit, officer, to="candidate_data")
    type(cpmi.user).objects.filter(pk=cpmi.user_id).update(birth_date=None)
    with pytest.raises(ServiceError) as error:
        services.request_confirm_candidate_data(request=request, actor=officer)
    assert error.value.code == "data_incomplete" and "tanggal lahir" in error.value.message


def test_the_company_may_cancel_a_draft_but_not_a_request_in_progress(opened, company_staff, received):
    with pytest.raises(ServiceError):
        services.request_cancel(request=received, actor=company_staff)


def test_the_cpmi_and_the_company_hear_of_every_step_in_the_app(
    received, officer, job_seeker, company_staff, django_capture_on_commit_callbacks
):
    from apps.messaging.models import OutboundMessage

    before = OutboundMessage.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        walk(received, officer, to="register")
    notices = Notification.objects.filter(user=job_seeker, title__contains="langkah selesai")
    assert notices.count() == 5  # completeness, recruiting officer, interview, SPR, CPMI data
    assert Notification.objects.filter(user=company_staff, title__contains="langkah selesai").count() == 5
    assert OutboundMessage.objects.count() == before  # intermediate steps stay in the app: no SMS, no e-mail


def test_checklist_is_stored_in_indonesian_and_shown_in_the_readers_language(
    company, company_staff, cpmi, recruiter, details
):
    """A request opened from an English session stores its checklist in Indonesian (what the officers read), and
    each national item's label is shown in the reader's language."""
    with translation.override("en"):
        request = open_request(company, company_staff, [cpmi], recruiter, details)
    entry = request.checklist.get(code="permission_letter")
    assert entry.label.startswith("Surat izin suami/istri")
    assert request.checklist.get(code="photo").reference == "Foto profil"
    with translation.override("en"):
        assert entry.display_label.startswith("Letter of permission from spouse")
    with translation.override("id"):
        assert entry.display_label == entry.label
