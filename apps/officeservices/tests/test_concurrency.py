"""Two officers check two requests against the same SPR with one place left, at the same moment: one request
uses the place, the other is refused as exhausted; the SPR never goes above its quota."""

import pytest

from apps.core.errors import ServiceError
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.tests.builders import cpmi_with_file, upload_missing, walk
from apps.permits.models import RecruitmentPermit
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


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
