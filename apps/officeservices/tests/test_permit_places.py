"""SPR places used at the SPR step go back to the SPR when they are no longer used: the request is cancelled
after a return, a CPMI fails the interview of a later round, or the office picks another SPR the second time."""

import datetime

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.models import RequestStatus, ReturnCode
from apps.officeservices.tests.builders import cpmi_with_file, upload_missing, walk
from apps.permits.models import RecruitmentPermit
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(company):
    return factories.permit(agency=company, country="Taiwan", quota=5)


@pytest.fixture
def second_cpmi(company):
    return cpmi_with_file(company, user=factories.user(full_name="Rina Wati"))


@pytest.fixture
def two_at_permit(company, company_staff, cpmi, second_cpmi, recruiter, details, officer):
    request = services.request_open(
        actor=company_staff,
        agency=company,
        service=Service.PASSPORT_RECOMMENDATION,
        candidates=[cpmi, second_cpmi],
        recruiting_officer=recruiter,
        details=details,
    )
    upload_missing(request, company_staff)
    request = services.request_submit(request=request, actor=company_staff)
    return walk(request, officer, to="permit")


def permit_step(request, officer, permit):
    return services.request_check_permit(request=request, actor=officer, permit=permit, copy_matches=True)


def returned_after_permit(request, officer, permit):
    """Places used at the SPR step, then the request goes back to the company from the CPMI-data step."""
    request = permit_step(request, officer, permit)
    assert request.current_step == "candidate_data"
    return services.request_return(
        request=request, actor=officer, reasons=[services.Reason(ReturnCode.DATA_MISMATCH, "Nama di paspor beda")]
    )


def used(permit) -> int:
    return RecruitmentPermit.objects.get(pk=permit.pk).used


def test_cancelling_a_returned_request_gives_its_places_back(two_at_permit, officer, company_staff, permit):
    request = returned_after_permit(two_at_permit, officer, permit)
    assert used(permit) == 2

    request = services.request_cancel(request=request, actor=company_staff)

    assert request.status == RequestStatus.CANCELLED
    assert used(permit) == 0
    assert not request.candidates.filter(permit_unit_used=True).exists()
    release = AuditEvent.objects.get(action="agency.permit_release")
    assert release.actor == company_staff and release.object_id == str(permit.pk)
    assert release.data == {"reference": request.reference, "units": 2, "used": 0}
    assert AuditEvent.objects.get(action="service_request.cancel").data == {"places_released": 2}


def test_cancelling_before_the_spr_step_releases_nothing(opened, company_staff, permit):
    services.request_cancel(request=opened, actor=company_staff)
    assert used(permit) == 0
    assert not AuditEvent.objects.filter(action="agency.permit_release").exists()


def test_an_expired_spr_still_takes_its_places_back(two_at_permit, officer, company_staff, permit):
    request = returned_after_permit(two_at_permit, officer, permit)
    today = timezone.localdate()
    RecruitmentPermit.objects.filter(pk=permit.pk).update(
        valid_from=today - datetime.timedelta(days=60), valid_until=today - datetime.timedelta(days=1)
    )
    services.request_cancel(request=request, actor=company_staff)
    assert used(permit) == 0


def test_a_cancel_that_would_leave_the_spr_below_zero_is_refused_and_changes_nothing(
    two_at_permit, officer, company_staff, permit
):
    request = returned_after_permit(two_at_permit, officer, permit)
    RecruitmentPermit.objects.filter(pk=permit.pk).update(used=1)  # corrected by hand meanwhile

    with pytest.raises(ServiceError) as error:
        services.request_cancel(request=request, actor=company_staff)

    assert error.value.code == "permit_release_too_many"
    request.refresh_from_db()
    assert request.status == RequestStatus.RETURNED and used(permit) == 1
    assert request.candidates.filter(permit_unit_used=True).count() == 2


def test_a_cpmi_who_fails_the_next_rounds_interview_gives_the_place_back(
    two_at_permit, officer, company_staff, permit, second_cpmi
):
    request = returned_after_permit(two_at_permit, officer, permit)
    request = services.request_submit(request=request, actor=company_staff)
    request = walk(request, officer, to="interview")
    now = timezone.now()
    for rc in request.candidates.select_related("candidate"):
        outcome = "failed" if rc.candidate_id == second_cpmi.pk else "passed"
        services.interview_record(
            request=request,
            actor=officer,
            request_candidate=rc,
            interviewed_at=now,
            recruiter_present=True,
            outcome=outcome,
        )

    request = services.request_finish_interviews(request=request, actor=officer)

    assert used(permit) == 1
    assert not request.candidates.get(candidate=second_cpmi).permit_unit_used
    # The same SPR at the SPR step again: the CPMI who passed keeps their place, nobody uses a second one.
    request = permit_step(request, officer, permit)
    assert used(permit) == 1


def test_another_spr_the_second_time_moves_the_places(two_at_permit, officer, company_staff, company, permit):
    request = returned_after_permit(two_at_permit, officer, permit)
    request = services.request_submit(request=request, actor=company_staff)
    request = walk(request, officer, to="permit")
    other = factories.permit(agency=company, country="Taiwan", quota=5)

    request = permit_step(request, officer, other)

    assert (used(permit), used(other)) == (0, 2)
    assert request.permit == other
    assert AuditEvent.objects.filter(action="agency.permit_release", object_id=str(permit.pk)).count() == 1
