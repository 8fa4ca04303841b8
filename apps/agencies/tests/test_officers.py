"""Recruiting officers: registration by the company, approval by the labour office of the area."""

import pytest

from apps.agencies import services
from apps.agencies.models import ApprovalStatus
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.messaging.models import Notification
from testing import factories

NIK = "3276011403950099"


def register_officer(company, actor, **overrides):
    values = {"full_name": "Rudi Rekrut", "nik": NIK, "phone": "+6281299990000", "assignment_letter_number": "ST/1"}
    values.update(overrides)
    return services.officer_register(agency=company, actor=actor, **values)


@pytest.fixture
def depok():
    return factories.office("32.76")


@pytest.fixture
def requested(company, company_staff, depok):
    officer = register_officer(company, company_staff)
    return services.officer_request_approval(officer=officer, actor=company_staff, office=depok)


def test_a_member_registers_an_officer(company, company_staff):
    officer = register_officer(company, company_staff)

    assert officer.agency == company and officer.nik == NIK
    assert AuditEvent.objects.filter(action="agency.officer_register", object_id=str(officer.pk)).exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"nik": "123"}, "nik_invalid"),
        ({"full_name": ""}, "name_missing"),
        ({"assignment_letter_number": ""}, "letter_missing"),
    ],
)
def test_officer_register_refuses_invalid_data(company, company_staff, overrides, code):
    with pytest.raises(ServiceError) as refused:
        register_officer(company, company_staff, **overrides)
    assert refused.value.code == code


def test_the_same_nik_twice_and_outsiders_are_refused(company, company_staff, other_owner):
    register_officer(company, company_staff)
    with pytest.raises(ServiceError) as refused:
        register_officer(company, company_staff)
    assert refused.value.code == "officer_exists"
    with pytest.raises(PermissionDenied):
        register_officer(company, other_owner, nik="3276011403950098")


def test_approval_is_requested_at_an_office(requested, depok):
    assert requested.office == depok and requested.status == ApprovalStatus.PENDING
    assert AuditEvent.objects.filter(action="agency.officer_request", object_id=str(requested.pk)).exists()


def test_a_pending_request_cannot_be_repeated_and_outsiders_cannot_request(requested, depok, other_owner):
    with pytest.raises(ServiceError) as refused:
        services.officer_request_approval(
            officer=requested.officer, actor=requested.officer.agency.members.first().user, office=depok
        )
    assert refused.value.code == "approval_exists"
    with pytest.raises(PermissionDenied):
        services.officer_request_approval(officer=requested.officer, actor=other_owner, office=depok)


def test_an_officer_of_that_office_approves_and_the_company_is_notified(requested, officer, owner, company_staff):
    approval = services.officer_approval_decide(approval=requested, actor=officer, approve=True)

    assert approval.status == ApprovalStatus.APPROVED and approval.decided_by == officer
    assert AuditEvent.objects.filter(action="agency.officer_approve", object_id=str(approval.pk)).exists()


def test_the_company_members_are_notified_after_commit(
    requested, officer, owner, company_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.officer_approval_decide(
            approval=requested, actor=officer, approve=False, reason="Surat tugas kedaluwarsa"
        )

    notified = set(Notification.objects.filter(title="Petugas rekrut ditolak").values_list("user", flat=True))
    assert notified == {owner.pk, company_staff.pk}


@pytest.mark.parametrize("persona", ["office_head"])
def test_any_office_role_of_that_office_may_decide(request, requested, persona):
    approval = services.officer_approval_decide(
        approval=requested, actor=request.getfixturevalue(persona), approve=True
    )
    assert approval.status == ApprovalStatus.APPROVED


@pytest.mark.parametrize("persona", ["other_office_officer", "owner", "central_admin", "job_seeker"])
def test_nobody_else_may_decide(request, requested, persona):
    with pytest.raises(PermissionDenied):
        services.officer_approval_decide(approval=requested, actor=request.getfixturevalue(persona), approve=True)
    requested.refresh_from_db()
    assert requested.status == ApprovalStatus.PENDING
    assert not AuditEvent.objects.filter(action__startswith="agency.officer_approve").exists()


def test_rejecting_requires_a_reason_and_a_decision_is_final(requested, officer, office_head):
    with pytest.raises(ServiceError) as refused:
        services.officer_approval_decide(approval=requested, actor=officer, approve=False, reason="  ")
    assert (refused.value.code, refused.value.field) == ("reason_required", "reason")

    services.officer_approval_decide(approval=requested, actor=officer, approve=False, reason="NIK tidak cocok")
    with pytest.raises(ServiceError) as again:
        services.officer_approval_decide(approval=requested, actor=office_head, approve=True)
    assert again.value.code == "already_decided"
    assert AuditEvent.objects.get(action="agency.officer_reject").reason == "NIK tidak cocok"


def test_a_rejected_officer_may_be_requested_again(requested, officer, company_staff, depok):
    services.officer_approval_decide(approval=requested, actor=officer, approve=False, reason="Kurang surat tugas")

    again = services.officer_request_approval(officer=requested.officer, actor=company_staff, office=depok)

    assert again.pk == requested.pk and again.status == ApprovalStatus.PENDING and again.reason == ""


def test_require_approved_officer_only_passes_for_an_office_that_approved(requested, officer, company, depok):
    bogor = factories.office("32.71")
    with pytest.raises(ServiceError) as refused:
        services.require_approved_officer(agency=company, office=depok)
    assert refused.value.code == "officer_not_approved" and depok.name in str(refused.value.message)

    services.officer_approval_decide(approval=requested, actor=officer, approve=True)

    services.require_approved_officer(agency=company, office=depok)
    with pytest.raises(ServiceError):
        services.require_approved_officer(agency=company, office=bogor)
