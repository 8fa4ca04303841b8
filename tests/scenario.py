"""One world with every kind of object a URL can name, and every persona of the authorisation sweep.

Kota Depok's office holds the CPMI, the company's approved recruiting officer and every office position;
Kota Bogor's officer is the "other office". The company has an owner and a staff member; the other company
has its own owner. Objects are made through the real services where that is quick, directly otherwise.
"""

import datetime
from dataclasses import dataclass, field

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.accounts.models import AccountType
from apps.agencies import services as agency_services
from apps.agencies.models import AgencyMember, AgencyOfficer, AgencyOfficerApproval, MemberStatus
from apps.agencies.policy import token_hash
from apps.agreements import services as agreement_services
from apps.agreements.tests import builders as agreement_builders
from apps.complaints import services as complaint_services
from apps.cpmi import services as cpmi_services
from apps.cpmi.models import CpmiDocument
from apps.cpmi.tests.builders import PDF_BYTES, ready_registration
from apps.documents import services as document_services
from apps.jobfairs.tests.attendance_builders import sweep_objects as fair_attendance_objects
from apps.jobfairs.tests.builders import sweep_objects as job_fair_objects
from apps.jobfairs.tests.conversation_builders import sweep_objects as conversation_objects
from apps.jobfairs.tests.participation_builders import sweep_objects as participation_objects
from apps.messaging.models import Notification
from apps.officeservices import services as office_service_services
from apps.officeservices.tests.builders import sweep_objects as office_service_objects
from apps.profiles import services as profile_services
from apps.vacancies import services as vacancy_services
from apps.vacancies.tests.builders import make_vacancy, verified_candidate
from testing import factories

# Column order of the expectations table; groups are separated by "|" there.
PERSONAS = (
    "anonymous",
    # job seekers
    "job_seeker",  # signed up, not (yet) a CPMI
    "cpmi",  # verified CPMI of Kota Depok; applied to the company's vacancy
    # labour offices
    "officer",  # officer of Kota Depok, the office of every object here
    "other_office_officer",  # officer of Kota Bogor
    "division_head",  # Kota Depok
    "secretary",  # Kota Depok, holding a delegation decree to sign PPs
    "office_head",  # Kota Depok
    # placement companies
    "company_owner",  # owner of the company of every object here
    "company_staff",  # staff of that company
    "other_company_owner",  # owner of another company
    # others
    "organiser",  # job-fair organiser
    "central_admin",
)

INVITATION_TOKEN = "undangan-sweep-0001"


@dataclass
class Scenario:
    people: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _pdf(name="berkas.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def build() -> Scenario:
    depok = factories.office()
    officer = factories.staff(position="officer", full_name="Citra Officer")
    people = {
        "anonymous": None,
        "job_seeker": factories.user(full_name="Budi Pencaker"),
        "cpmi": factories.user(full_name="Ani CPMI"),
        "officer": officer,
        "other_office_officer": factories.staff(position="officer", regency_code="32.71", full_name="Dedi Bogor"),
        "division_head": factories.staff(position="division_head", full_name="Kurnia Kabid"),
        "secretary": factories.staff(position="secretary", full_name="Sari Sekretaris"),
        "office_head": factories.staff(position="office_head", full_name="Eko Kadis"),
        "organiser": factories.user(account_type=AccountType.JOBFAIR_ORGANISER, full_name="Gita Penyelenggara"),
        "central_admin": factories.user(account_type=AccountType.CENTRAL_ADMIN, full_name="Hadi Admin", is_staff=True),
    }
    company = factories.agency(name="PT Maju Bersama")
    recruiter = factories.approved_officer(agency=company, office=depok)
    people["company_owner"] = factories.agency_member(agency=company, role="owner", full_name="Indah Pemilik")
    people["company_staff"] = factories.agency_member(agency=company, role="staff", full_name="Joko Staf")
    other_company = factories.agency(name="PT Lain Jaya")
    people["other_company_owner"] = factories.agency_member(agency=other_company, role="owner", full_name="Lina Lain")

    # The CPMI: a verified registration with its documents, a profile photo and a certificate scan.
    cpmi = verified_candidate(people["cpmi"], officer)
    certificate = profile_services.certification_add(
        user=people["cpmi"], name="Las", issuer="BLK", issued_on=datetime.date(2022, 1, 1), uploaded=_pdf("las.pdf")
    )
    cpmi_document = CpmiDocument.objects.filter(registration=cpmi.registration).order_by("id").first()

    # A registration waiting at Kota Depok (its applicant is no persona: the office's side of the workflow).
    waiting = ready_registration(factories.user(full_name="Wati Menunggu"))
    waiting = cpmi_services.registration_submit(registration=waiting, actor=waiting.applicant)
    waiting_document = CpmiDocument.objects.filter(registration=waiting).order_by("id").first()

    # The company's vacancy, the CPMI's application to it.
    spr = factories.permit(agency=company)
    vacancy = make_vacancy(people["company_staff"], spr)
    application = vacancy_services.application_apply(actor=people["cpmi"], vacancy=vacancy)

    # Accepted applications: one without a PP yet, one whose PP is with the office, one whose PP is signed.
    accepted = agreement_builders.accepted_application(company)
    submitted = agreement_services.agreement_submit(
        agreement=agreement_services.agreement_create_draft(
            application=agreement_builders.accepted_application(company), actor=people["company_staff"]
        ),
        actor=people["company_staff"],
    )
    # The signed PP is the CPMI persona's own (for another vacancy), so they can download it.
    signed = agreement_services.agreement_sign(
        agreement=agreement_services.agreement_submit(
            agreement=agreement_services.agreement_create_draft(
                application=agreement_builders.accepted_application(company, cpmi),
                actor=people["company_staff"],
            ),
            actor=people["company_staff"],
        ),
        actor=people["office_head"],
    )
    delegation = agreement_services.delegation_record(
        actor=people["office_head"],
        delegate=people["secretary"],
        decree_number="800/1/2026",
        decree_date=timezone.localdate() - datetime.timedelta(days=1),
        valid_from=timezone.localdate() - datetime.timedelta(days=1),
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )

    # The company's own records: a licence document, a pending invitation, an officer waiting for Depok.
    agency_document = agency_services.agency_document_upload(
        agency=company, actor=people["company_owner"], kind="nib", uploaded=_pdf("nib.pdf")
    )
    invited = agency_services.member_invite(agency=company, actor=people["company_owner"], email="baru@contoh.id")
    AgencyMember.objects.filter(pk=invited.pk).update(invitation_hash=token_hash(INVITATION_TOKEN))
    waiting_officer = AgencyOfficer.objects.create(
        agency=company,
        full_name="Petugas Menunggu",
        nik=factories.make_nik(serial=9876),
        phone="+6281399990000",
        assignment_letter_number="ST/99/2026",
    )
    approval = AgencyOfficerApproval.objects.create(officer=waiting_officer, office=depok)
    staff_membership = AgencyMember.objects.get(user=people["company_staff"], status=MemberStatus.ACTIVE)
    # Office services: the CPMI's passport recommendation, approved, at the archive step.
    service_objects = office_service_objects(people, company, recruiter)

    # A complaint about Kota Depok's passport recommendation, with a scan; a local checklist item of Depok.
    complaint, _code = complaint_services.complaint_file(
        office=depok,
        service="passport_recommendation",
        text="Berkas saya dikembalikan tanpa alasan yang jelas.",
        phone="081234567890",
        uploaded=_pdf("bukti.pdf"),
    )
    local_item = office_service_services.office_checklist_item_add(
        office=depok,
        actor=people["office_head"],
        service="passport_recommendation",
        label="Surat keterangan domisili",
        party="candidate",
    )
    # Depok's register book: a number taken but not used yet, and an issued (signed) recommendation.
    register_allocated = document_services.register_allocate(
        office=depok, document_type="passport_rec", actor=officer, subject="Nomor cadangan"
    )
    issued_document = document_services.document_issue(
        entry=document_services.register_allocate(
            office=depok, document_type="passport_rec", actor=officer, subject="Rekomendasi paspor CPMI"
        ),
        body={"candidate": {"name": "Ani Lestari", "nik": people["cpmi"].nik}, "destination": "Taiwan"},
        signer=people["office_head"],
        authority="Kepala Dinas",
        actor=officer,
    )

    # An unread in-app notice of the job seeker: only they open it (the others get 404).
    notification = Notification.objects.create(
        user=people["job_seeker"], title="Profil Anda belum lengkap", body="Lengkapi profil Anda.", url="/profil/"
    )
    # The organiser's profile (with a logo), a draft fair and a published fair running now (with a banner).
    fair_objects = job_fair_objects(people["organiser"])
    # The company accepted in the running fair (the vacancy above published there, one FAQ); the other
    # company's request waiting for the organiser.
    fair_objects.update(
        participation_objects(
            fair=fair_objects["running_fair"],
            organiser=people["organiser"],
            company_user=people["company_owner"],
            other_company_user=people["other_company_owner"],
            vacancy=vacancy,
        )
    )
    # The CPMI follows that fair and has checked in; the organiser's conversation with the company.
    fair_objects.update(
        fair_attendance_objects(
            people, company, vacancy, fair_objects["running_fair"], participation=fair_objects["participation"]
        )
    )
    fair_objects.update(conversation_objects(people, company, fair_objects["running_fair"]))

    return Scenario(
        people=people,
        objects={
            "company": company,
            "cpmi_candidate": cpmi,
            "cpmi_document": cpmi_document,
            "certificate": certificate,
            "waiting": waiting,
            "waiting_document": waiting_document,
            "vacancy": vacancy,
            "application": application,
            "accepted": accepted,
            "submitted_agreement": submitted,
            "signed_agreement": signed,
            "delegation": delegation,
            "agency_document": agency_document,
            "approval": approval,
            "staff_membership": staff_membership,
            "complaint": complaint,
            "local_item": local_item,
            "register_allocated": register_allocated,
            "issued_document": issued_document,
            "notification": notification,
            **service_objects,
            **fair_objects,
        },
    )
