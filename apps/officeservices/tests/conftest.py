"""Fixtures for the office-services tests: a placement company with an approved recruiting officer, a Kota Depok
CPMI whose application the company accepted and whose file holds the usual documents, and the office's staff."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.agencies.models import AgencyDocument, AgencyOfficer
from apps.agreements.tests import builders
from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.profiles.models import JobSeekerProfile
from testing import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
FILE_KINDS = (
    DocumentKind.KTP,
    DocumentKind.FAMILY_CARD,
    DocumentKind.BIRTH_CERTIFICATE,
    DocumentKind.PERMISSION_LETTER,
    DocumentKind.AK1_CARD,
)


def pdf(name="berkas.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def cpmi_with_file(agency, *, user=None, kinds=FILE_KINDS, country="Taiwan", permit=None, photo=True):
    """A verified Kota Depok CPMI with an application `agency` accepted, the file's documents and a photo."""
    candidate = builders.candidate(user)
    fields = {"country": country}
    if permit is not None:
        fields["permit"] = permit
    builders.accepted_application(agency, candidate, **fields)
    for kind in kinds:
        document = CpmiDocument(
            registration=candidate.registration,
            kind=kind,
            original_name=f"{kind}.pdf",
            content_type="application/pdf",
            size=len(PDF_BYTES),
            round=1,
            uploaded_by=candidate.user,
        )
        document.file.save(f"cpmi/{kind}.pdf", ContentFile(PDF_BYTES), save=False)
        document.save()
    if photo:
        profile, _ = JobSeekerProfile.objects.get_or_create(user=candidate.user)
        profile.photo.save("foto.jpg", ContentFile(b"\xff\xd8\xff\xe0fake"), save=True)
    return candidate


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


def upload_missing(request, actor):
    """Upload a file for every required entry still missing (the company's uploads)."""
    for entry in services.checklist_missing(request):
        services.checklist_upload(entry=entry, actor=actor, uploaded=pdf(f"{entry.code or 'lokal'}.pdf"))


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


def walk(request, officer, *, to: str, company_staff=None, division_head=None):
    """Drive the passport recommendation through the office's steps until it reaches step `to`."""
    now = timezone.now()
    while request.current_step != to:
        step = request.current_step
        if step == "receive":
            request = services.request_receive(request=request, actor=officer)
        elif step == "completeness":
            request = services.request_check_completeness(request=request, actor=officer)
        elif step == "recruiting_officer":
            request = services.request_check_recruiting_officer(request=request, actor=officer)
        elif step == "interview":
            for rc in request.candidates.all():
                services.interview_record(
                    request=request,
                    actor=officer,
                    request_candidate=rc,
                    interviewed_at=now - datetime.timedelta(minutes=5),
                    recruiter_present=True,
                    outcome="passed",
                )
            request = services.request_finish_interviews(request=request, actor=officer)
        elif step == "permit":
            permit = request.permit or request.candidates.first().application.vacancy.permit
            request = services.request_check_permit(request=request, actor=officer, permit=permit, copy_matches=True)
        elif step == "candidate_data":
            request = services.request_confirm_candidate_data(request=request, actor=officer)
        elif step == "register":
            request = services.request_register(request=request, actor=officer)
        elif step == "selection_minutes":
            request = services.request_selection_minutes(
                request=request, actor=officer, selection_date=timezone.localdate(), selection_place="Kantor Disnaker"
            )
        elif step == "draft":
            request = services.request_draft_ready(request=request, actor=officer)
        elif step == "handover":
            request = services.request_sign_handover(request=request, actor=company_staff)
        elif step == "approval":
            request = services.request_approve(request=request, actor=division_head)
        else:  # pragma: no cover - a new step needs a line here
            raise AssertionError(step)
    return request
