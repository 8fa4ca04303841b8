"""Fixtures for the office-services tests: a placement company with an approved recruiting officer, a Kota Depok
CPMI whose application the company accepted and whose file holds the usual documents, and the office's staff."""

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from apps.agencies.models import AgencyDocument, AgencyOfficer
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.tests.builders import PDF_BYTES, cpmi_with_file, upload_missing
from testing import factories


@pytest.fixture
def company(db):
    agency = factories.agency(name="PT Maju Sejahtera")
    for kind in ("nib", "sip2mi"):
        document = AgencyDocument(
            agency=agency,
            kind=kind,
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            uploaded_by=factories.user(account_type="agency_staff"),
        )
        document.file.save(f"agencies/{kind}.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
    return agency


@pytest.fixture
def company_staff(company):
    return factories.agency_member(agency=company, full_name="Fajar P3MI")


@pytest.fixture
def other_company_staff(other_company):
    return factories.agency_member(agency=other_company, full_name="Gilang Lain")


@pytest.fixture
def recruiter(company):
    return factories.approved_officer(agency=company, full_name="Rudi Rekrut")


@pytest.fixture
def unapproved_recruiter(company):
    return AgencyOfficer.objects.create(
        agency=company, full_name="Tono Baru", nik=factories.make_nik(serial=9901), assignment_letter_number="ST/99"
    )


@pytest.fixture
def division_head(db):
    return factories.staff(position="division_head", full_name="Kurnia Kabid")


@pytest.fixture
def cpmi(company, job_seeker):
    return cpmi_with_file(company, user=job_seeker)


@pytest.fixture
def details():
    return services.RequestDetails(
        letter_number="01/PMS/XI/2026",
        letter_date=timezone.localdate(),
        immigration_office="Kantor Imigrasi Kelas I TPI Bandung",
        immigration_city="Bandung",
    )


@pytest.fixture
def opened(company, company_staff, cpmi, recruiter, details):
    return services.request_open(
        actor=company_staff,
        agency=company,
        service=Service.PASSPORT_RECOMMENDATION,
        candidates=[cpmi],
        recruiting_officer=recruiter,
        details=details,
    )


@pytest.fixture
def submitted(opened, company_staff):
    upload_missing(opened, company_staff)
    return services.request_submit(request=opened, actor=company_staff)


@pytest.fixture
def received(submitted, officer):
    return services.request_receive(request=submitted, actor=officer)
