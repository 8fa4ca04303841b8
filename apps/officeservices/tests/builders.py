"""Builders for office-services tests (and the authorisation sweep's scenario): a CPMI with a full file, uploads
for what is missing, and a walk through the SOP's steps."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.agreements.tests import builders
from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.offices.catalogue import SERVICES
from apps.officeservices import selectors, services
from apps.profiles.models import JobSeekerProfile

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


def upload_missing(request, actor):
    """Upload a file for every required entry still missing (the company's uploads)."""
    for entry in selectors.checklist_missing(request):
        services.checklist_upload(entry=entry, actor=actor, uploaded=pdf(f"{entry.code or 'lokal'}.pdf"))


def step_data(request) -> dict:
    """What the tests' officer types into the current step's form (most steps take nothing)."""
    if request.current_step == "permit":
        permit = request.permit or request.candidates.first().application.vacancy.permit
        return {"permit": permit, "copy_matches": True}
    if request.current_step == "selection_minutes":
        return {"selection_date": timezone.localdate(), "selection_place": "Kantor Disnaker"}
    return {}


def record_interviews(request, officer, outcome="passed"):
    for rc in request.candidates.all():
        services.interview_record(
            request=request,
            actor=officer,
            request_candidate=rc,
            interviewed_at=timezone.now() - datetime.timedelta(minutes=5),
            recruiter_present=True,
            outcome=outcome,
        )


def walk(request, officer, *, to: str, company_staff=None, division_head=None):
    """Drive the request through its steps until it reaches step `to`, through the page's step dispatch: each
    step by the person its catalogue role names."""
    by_role = {"officer": officer, "agency_staff": company_staff, "division_head": division_head}
    while request.current_step != to:
        step = SERVICES[request.service].step(request.current_step)
        if step.code == "interview":
            record_interviews(request, officer)
        request = services.step_perform(request=request, actor=by_role[step.role], **step_data(request))
    return request


def sweep_objects(people: dict, company, recruiter) -> dict:
    """For the authorisation sweep: the CPMI persona's passport recommendation, approved by the division head
    (at the archive step, its outputs issued), with one uploaded checklist file; and their ID CPMI request, sent
    with the company's uploads."""
    from apps.offices.catalogue import Service
    from apps.officeservices.models import ChecklistFile, RequestDocument

    candidate = people["cpmi"].migrant_candidate
    request = services.request_open(
        actor=people["company_staff"],
        agency=company,
        service=Service.PASSPORT_RECOMMENDATION,
        candidates=[candidate],
        recruiting_officer=recruiter,
        details=services.RequestDetails(immigration_office="Kantor Imigrasi Kelas I Depok"),
    )
    upload_missing(request, people["company_staff"])
    request = services.request_submit(request=request, actor=people["company_staff"])
    request = walk(
        request,
        people["officer"],
        to="archive",
        company_staff=people["company_staff"],
        division_head=people["division_head"],
    )
    uploaded = ChecklistFile.objects.filter(entry__request=request).select_related("entry").first()
    # The CPMI's ID CPMI request (sent): its company uploads complete the signed PP's file on the review page.
    id_request = services.request_open(
        actor=people["company_staff"],
        agency=company,
        service=Service.ID_CPMI,
        candidates=[candidate],
        recruiting_officer=recruiter,
    )
    upload_missing(id_request, people["company_staff"])
    id_request = services.request_submit(request=id_request, actor=people["company_staff"])
    return {
        "id_cpmi_file": ChecklistFile.objects.get(entry__request=id_request, entry__code="request_letter"),
        "service_request": request,
        "service_entry": uploaded.entry,
        "service_file": uploaded,
        "service_document": RequestDocument.objects.filter(request=request, request_candidate__isnull=False).first(),
    }
