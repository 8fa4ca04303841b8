"""Races decided by the database: two officers check two requests against the same SPR with one place left (one
uses the place, the other is refused as exhausted); two people open a request for the same CPMI at the same moment
(one request is opened, the other person is told the CPMI is already on one)."""

import pytest

from apps.core.errors import ServiceError
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.models import Channel, RequestCandidate, ServiceRequest
from apps.officeservices.tests.builders import cpmi_with_file, upload_missing, walk
from apps.permits.models import RecruitmentPermit
from testing import factories
from testing.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only(reason="row locks and a unique index that makes a second writer wait: PostgreSQL's"),
]


def test_the_last_spr_place_goes_to_one_request_only():
    company = factories.agency()
    staff = factories.agency_member(agency=company)
    recruiter = factories.approved_officer(agency=company)
    first_officer = factories.staff(full_name="Petugas Satu")
    second_officer = factories.staff(full_name="Petugas Dua")
    permit = factories.permit(agency=company, country="Taiwan", quota=1)
    details = services.RequestDetails(immigration_office="Kantor Imigrasi Kelas I Depok")
    requests = []
    for officer in (first_officer, second_officer):
        request = services.request_open(
            actor=staff,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[cpmi_with_file(company)],
            recruiting_officer=recruiter,
            details=details,
        )
        upload_missing(request, staff)
        request = services.request_submit(request=request, actor=staff)
        requests.append((walk(request, officer, to="permit"), officer))

    results = run_together(
        *[
            (lambda r=r, o=o: services.request_check_permit(request=r, actor=o, permit=permit, copy_matches=True))
            for r, o in requests
        ]
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1 and refused[0].code == "permit_exhausted"
    assert RecruitmentPermit.objects.get(pk=permit.pk).used == 1


def test_request_open_race_for_one_cpmi_opens_one_request_and_tells_the_other_why():
    company = factories.agency()
    staff = factories.agency_member(agency=company)
    colleague = factories.agency_member(agency=company)
    officer = factories.staff(full_name="Petugas Loket")
    recruiter = factories.approved_officer(agency=company)
    candidate = cpmi_with_file(company)
    details = services.RequestDetails(immigration_office="Kantor Imigrasi Kelas I Depok")

    def opening(actor, channel):
        return lambda: services.request_open(
            actor=actor,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[candidate],
            recruiting_officer=recruiter,
            details=details,
            channel=channel,
        )

    # Online by two members of the company, and at the counter by an officer, all at once.
    results = run_together(
        opening(staff, Channel.ONLINE), opening(colleague, Channel.ONLINE), opening(officer, Channel.COUNTER)
    )

    opened = [r for r in results if isinstance(r, ServiceRequest)]
    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(opened) == 1 and len(refused) == 2, results
    assert {error.code for error in refused} == {"already_requested"}
    assert all(candidate.user.full_name in str(error.message) for error in refused)
    assert ServiceRequest.objects.count() == 1
    assert RequestCandidate.objects.filter(candidate=candidate, is_open=True).count() == 1
