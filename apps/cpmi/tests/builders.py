"""Builders for CPMI tests: a job seeker with a complete profile, and a registration ready to be sent.

Every builder goes through the real services, so what it builds is what a user could have made.
Uploaded files go to the default storage: use a temporary-storage fixture in the calling test module.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.cpmi import services
from apps.cpmi.models import CpmiDocument, CpmiRegistration, DocumentKind, RegistrationStatus, ReviewStatus
from apps.profiles import services as profile_services
from testing import factories

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A Windows executable's header: what a ".pdf" that is really a program starts with.
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200


def png_bytes(size=(60, 80), color=(30, 120, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


PNG_BYTES = png_bytes()


def png_upload(name: str = "scan.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def pdf_upload(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def complete_profile(user):
    """Fill in the seven profile steps: photo, personal data and one skill; the optional steps are skipped."""
    profile_services.profile_save_photo(user=user, uploaded=png_upload("foto.png"))
    profile_services.profile_step_complete(user=user, step="photo")
    profile_services.profile_save_personal(
        user=user,
        data=profile_services.PersonalData(
            description="Pekerja keras dan jujur.",
            marital_status=user.marital_status or "single",
            domicile_village=factories.village(),
            domicile_street="Jl. Kenanga No. 5 RT 01/RW 02",
            looking_for_training=False,
            wanted_jobs="Perawat lansia",
        ),
    )
    profile_services.profile_step_complete(user=user, step="personal")
    for step in ("experience", "training", "education", "certification"):
        profile_services.profile_step_skip(user=user, step=step)
    profile_services.skill_add(user=user, name="Memasak")
    return profile_services.profile_step_complete(user=user, step="skills")


def complete_details(**overrides) -> services.RegistrationDetails:
    """Form fields that satisfy every check: a health certificate from last week and a valid AK/1 card."""
    today = timezone.localdate()
    values = {
        "health_certificate_number": "SKS/123/2026",
        "health_clinic": "Puskesmas Pancoran Mas",
        "health_doctor": "dr. Sari",
        "health_certificate_date": today - datetime.timedelta(days=7),
        "ak1_number": "AK1-3276-0001",
        "ak1_valid_until": today + datetime.timedelta(days=365),
    }
    values.update(overrides)
    return services.RegistrationDetails(**values)


def upload_required_documents(registration: CpmiRegistration, user=None, *, skip=()) -> None:
    """One document of every kind the registration needs (the marriage certificate too for a married user),
    except the kinds in `skip`."""
    user = user or registration.applicant
    kinds = list(services.REQUIRED_KINDS)
    if user.marital_status == "married":
        kinds.append(DocumentKind.MARRIAGE_CERTIFICATE)
    for kind in (k for k in kinds if k not in skip):
        services.document_upload(
            registration=registration,
            actor=user,
            kind=kind,
            # Certificates as PDF, the other scans as images: both kinds a CPMI sends.
            uploaded=pdf_upload("sertifikat.pdf")
            if kind == DocumentKind.COMPETENCY_CERTIFICATE
            else png_upload(f"{kind}.png"),
            certificate_number="BNSP-001" if kind == DocumentKind.COMPETENCY_CERTIFICATE else "",
            certificate_scheme="Perawat lansia" if kind == DocumentKind.COMPETENCY_CERTIFICATE else "",
        )


def filled_registration(user, *, skip=()) -> CpmiRegistration:
    """A draft of a user whose profile is complete, with every form field and every required document
    except the kinds in `skip`."""
    registration = services.registration_start(actor=user)
    services.registration_save_details(registration=registration, actor=user, details=complete_details())
    upload_required_documents(registration, user, skip=skip)
    registration.refresh_from_db()
    return registration


def ready_registration(user=None) -> CpmiRegistration:
    """A draft with a complete profile, every form field and every required document: ready to submit."""
    user = user or factories.user()
    complete_profile(user)
    return filled_registration(user)


def copy_registration(template: CpmiRegistration, *, status: str, office=None) -> CpmiRegistration:
    """A new applicant's copy of `template` (a filled registration) in `status`, with copies of its documents
    pointing at the same stored files: quick to make many of, for walks over every status."""
    applicant = factories.user()
    fields = {
        name: getattr(template, name)
        for name in (
            "health_certificate_number",
            "health_clinic",
            "health_doctor",
            "health_certificate_date",
            "ak1_number",
            "ak1_valid_until",
        )
    }
    sent = status != RegistrationStatus.DRAFT
    registration = CpmiRegistration.objects.create(
        applicant=applicant,
        status=status,
        round=2 if status == RegistrationStatus.REVISING else 1,
        office=office if sent else None,
        submitted_at=timezone.now() if sent else None,
        **fields,
    )
    CpmiDocument.objects.bulk_create(
        CpmiDocument(
            registration=registration,
            kind=document.kind,
            file=document.file.name,
            original_name=document.original_name,
            content_type=document.content_type,
            size=document.size,
            certificate_number=document.certificate_number,
            certificate_scheme=document.certificate_scheme,
            round=1,
            uploaded_by=applicant,
        )
        for document in services.current_documents(template)
    )
    return registration


def form_data(**overrides) -> dict:
    """POST data of the CPMI form with valid text fields."""
    details = vars(complete_details())
    data = {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in details.items()}
    data = {name: value for name, value in data.items() if value not in ("", None)}
    data["action"] = "save"
    data.update(overrides)
    return data


def review_all(registration: CpmiRegistration, actor, *, reject: dict | None = None) -> None:
    """The officer reviews every current document: accepted, except the kinds in `reject` ({kind: reason})."""
    reject = reject or {}
    registration = CpmiRegistration.objects.get(pk=registration.pk)  # as it stands now, not as the caller saw it
    for document in services.current_documents(registration):
        if document.review_status != ReviewStatus.PENDING:
            continue
        reason = reject.get(document.kind, "")
        services.document_review(document=document, actor=actor, accepted=not reason, reason=reason)
