"""Demo data for the placement workflow: a company with an SPR and a vacancy, and a verified CPMI.

Built through the same services a user's clicks call, so the demo shows real states.
"""

import datetime
import decimal
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.accounts.models import User
from apps.agencies import services as agency_services
from apps.agencies.models import PlacementAgency
from apps.cpmi import services as cpmi_services
from apps.cpmi.models import CpmiRegistration, DocumentKind
from apps.offices.models import LabourOffice
from apps.permits import services as permit_services
from apps.profiles import services as profile_services
from apps.regions.models import Region
from apps.vacancies import services as vacancy_services

NIB = "9120001234567"


def _scan(name: str, colour=(40, 110, 180)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), colour).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def seed_company(*, admin: User, owner: User, officer: User) -> PlacementAgency:
    agency = PlacementAgency.objects.filter(nib=NIB).first()
    if agency:
        return agency
    today = timezone.localdate()
    agency = agency_services.agency_register(
        actor=admin,
        name="PT Sinar Harapan Mandiri",
        nib=NIB,
        sip2mi_number="SIP2MI/2025/0042",
        sip2mi_valid_until=today + datetime.timedelta(days=700),
        address="Jl. Raya Bogor Km 30, Depok",
        region=Region.objects.get(code="32.76"),
        owner_email=owner.email,
    )
    agency_services.invitation_accept(token=agency.owner_invitation.invitation_token, user=owner)
    depok = LabourOffice.objects.get(region_id="32.76")
    recruiter = agency_services.officer_register(
        agency=agency,
        actor=owner,
        full_name="Wawan Setiawan",
        nik="3276012003850009",
        phone="+6281377770001",
        assignment_letter_number="ST/001/SHM/2026",
    )
    approval = agency_services.officer_request_approval(officer=recruiter, actor=owner, office=depok)
    agency_services.officer_approval_decide(approval=approval, actor=officer, approve=True)
    permit = permit_services.permit_record(
        actor=officer,
        agency=agency,
        number="SPR/3276/2026/0001",
        country="Taiwan",
        positions=["Caregiver", "Perawat lansia"],
        regions=["32.76"],  # Kota Depok: the recording office's own jurisdiction
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=170),
        quota=5,
    )
    vacancy_services.vacancy_create(
        actor=owner,
        permit=permit,
        position="Caregiver",
        sector="care",
        country="Taiwan",
        city="Taipei",
        employer_name="Chen Family",
        salary=decimal.Decimal("20000"),
        currency="TWD",
        contract_months=36,
        openings=3,
        closing_date=today + datetime.timedelta(days=30),
        required_certificates="Perawat lansia",
        other_requirements="Usia 21-40 tahun, sehat jasmani dan rohani.",
        description="Merawat lansia di rumah keluarga di Taipei: membantu makan, mandi dan minum obat.",
    )
    return agency


def seed_verified_cpmi(*, user: User, officer: User) -> None:
    if CpmiRegistration.objects.filter(applicant=user).exists():
        return
    today = timezone.localdate()
    profile_services.profile_save_photo(user=user, uploaded=_scan("foto.png", (200, 170, 150)))
    profile_services.profile_step_complete(user=user, step="photo")
    profile_services.profile_save_personal(
        user=user,
        data=profile_services.PersonalData(
            description="Berpengalaman merawat orang tua selama 3 tahun.",
            marital_status="single",
            domicile_village=user.address_village,
            domicile_street=user.address_street,
            looking_for_training=False,
            wanted_jobs="Perawat lansia",
        ),
    )
    profile_services.profile_step_complete(user=user, step="personal")
    for step in ("experience", "training", "education", "certification"):
        profile_services.profile_step_skip(user=user, step=step)
    profile_services.skill_add(user=user, name="Merawat lansia")
    profile_services.profile_step_complete(user=user, step="skills")

    registration = cpmi_services.registration_start(actor=user)
    cpmi_services.registration_save_details(
        registration=registration,
        actor=user,
        details=cpmi_services.RegistrationDetails(
            health_certificate_number="SKS/441/2026",
            health_clinic="Puskesmas Pancoran Mas",
            health_doctor="dr. Ratna",
            health_certificate_date=today - datetime.timedelta(days=5),
            ak1_number="AK1-3276-2026-0107",
            ak1_valid_until=today + datetime.timedelta(days=700),
        ),
    )
    for kind in cpmi_services.REQUIRED_KINDS:
        is_certificate = kind == DocumentKind.COMPETENCY_CERTIFICATE
        cpmi_services.document_upload(
            registration=registration,
            actor=user,
            kind=kind,
            uploaded=_scan(f"{kind}.png"),
            certificate_number="BNSP-62-2026-00731" if is_certificate else "",
            certificate_scheme="Perawat lansia" if is_certificate else "",
        )
    cpmi_services.registration_submit(registration=registration, actor=user)
    for document in cpmi_services.current_documents(registration):
        cpmi_services.document_review(document=document, actor=officer, accepted=True)
    cpmi_services.registration_verify(registration=registration, actor=officer)
