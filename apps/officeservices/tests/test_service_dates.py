"""The services bound their dates as the forms do (apps.core.dates): called directly (the API, seed_demo, a
builder), an out-of-range letter, interview or selection date is refused beside its field and nothing is stored."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from apps.core.errors import ServiceError
from apps.officeservices import services
from apps.officeservices.models import Interview, ServiceRequest
from apps.officeservices.tests.builders import upload_missing, walk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("letter_date", [datetime.date(1900, 1, 1), datetime.date(9999, 12, 31)], ids=str)
def test_a_letter_date_out_of_range_opens_no_request(company, company_staff, cpmi, recruiter, details, letter_date):
    with pytest.raises(ServiceError) as refused:
        services.request_open(
            actor=company_staff,
            agency=company,
            service="passport_recommendation",
            candidates=[cpmi],
            recruiting_officer=recruiter,
            details=dataclasses.replace(details, letter_date=letter_date),
        )

    assert refused.value.field == "letter_date"
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize("days", [-400, 3], ids=["400-days-ago", "in-3-days"])
def test_an_interview_time_out_of_range_is_not_recorded(opened, company_staff, officer, days):
    upload_missing(opened, company_staff)
    request = walk(services.request_submit(request=opened, actor=company_staff), officer, to="interview")

    with pytest.raises(ServiceError) as refused:
        services.interview_record(
            request=request,
            actor=officer,
            request_candidate=request.candidates.get(),
            interviewed_at=timezone.now() + datetime.timedelta(days=days),
            recruiter_present=True,
            outcome="passed",
        )

    assert (refused.value.code, refused.value.field) == ("interview_time_invalid", "interviewed_at")
    assert not Interview.objects.exists()


@pytest.mark.parametrize("day", [datetime.date(1900, 1, 1), datetime.date(9999, 12, 31)], ids=str)
def test_a_selection_date_out_of_range_is_not_stored(opened, officer, day):
    with pytest.raises(ServiceError) as refused:
        services.request_selection_minutes(
            request=opened, actor=officer, selection_date=day, selection_place="Disnaker"
        )

    assert (refused.value.code, refused.value.field) == ("selection_date_invalid", "selection_date")
    opened.refresh_from_db()
    assert opened.selection_date is None
