"""Reads of CPMI registrations that grow with the data: the office queue and the dashboard counts."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from apps.access.roles import Role, role_of
from apps.core.workdays import working_days_since
from apps.cpmi.models import CpmiDocument, CpmiRegistration, DocumentKind, RegistrationStatus

SERVICE_STANDARD_WORKING_DAYS = 3


def office_queue(
    office,
    *,
    status: str = RegistrationStatus.SUBMITTED,
    submitted_from: datetime.date | None = None,
    submitted_to: datetime.date | None = None,
    search: str = "",
):
    """Registrations routed to `office`, oldest first, with the applicant in the same query."""
    rows = CpmiRegistration.objects.filter(office=office).select_related("applicant")
    if status and status != "all":
        rows = rows.filter(status=status)
    if submitted_from:
        rows = rows.filter(submitted_at__date__gte=submitted_from)
    if submitted_to:
        rows = rows.filter(submitted_at__date__lte=submitted_to)
    search = search.strip()
    if search:
        rows = rows.filter(Q(applicant__full_name__icontains=search) | Q(applicant__nik__startswith=search))
    return rows.order_by("submitted_at", "id")


@dataclass
class QueueRow:
    registration: CpmiRegistration
    days_waited: int
    overdue: bool


def queue_rows(registrations, today: datetime.date | None = None) -> list[QueueRow]:
    today = today or timezone.localdate()
    rows = []
    for registration in registrations:
        days = working_days_since(registration.submitted_at, today)
        waiting = registration.status == RegistrationStatus.SUBMITTED
        rows.append(QueueRow(registration, days, waiting and days > SERVICE_STANDARD_WORKING_DAYS))
    return rows


def waiting_count(office) -> int:
    return CpmiRegistration.objects.filter(office=office, status=RegistrationStatus.SUBMITTED).count()


def registration_for_review(pk: int):
    return (
        CpmiRegistration.objects.select_related(
            "applicant__address_village__parent__parent__parent", "office", "decided_by"
        )
        .filter(pk=pk)
        .first()
    )


KIND_ORDER = {kind: index for index, kind in enumerate(DocumentKind.values)}


def in_form_order(documents) -> list[CpmiDocument]:
    """Documents in the order of the form's sections (the order of `DocumentKind`), then oldest first."""
    return sorted(documents, key=lambda d: (KIND_ORDER.get(d.kind, 99), d.round, d.pk))


def documents_of(registration) -> tuple[list[CpmiDocument], list[CpmiDocument]]:
    """(current documents, earlier versions) of a registration, in one query, in the form's order."""
    current, earlier = [], []
    for document in in_form_order(registration.documents.all()):
        (current if document.is_current else earlier).append(document)
    return current, earlier


def registration_of(user) -> CpmiRegistration | None:
    """The user's own registration, with what its status card shows."""
    return CpmiRegistration.objects.filter(applicant=user).select_related("office", "candidate").first()


def is_verified_cpmi(user) -> bool:
    """Whether the office verified the person's CPMI registration: from then on the person is a CPMI. Only a job
    seeker registers, so nobody else is asked about (no query)."""
    if role_of(user) != Role.JOB_SEEKER:
        return False
    return CpmiRegistration.objects.filter(applicant=user, status=RegistrationStatus.VERIFIED).exists()


def current_documents(registration):
    """The documents in the form now: neither replaced nor withdrawn (none before the draft's first save)."""
    if registration.pk is None:
        return CpmiDocument.objects.none()
    return registration.documents.filter(replaced_by=None, withdrawn_at=None)


def applicant_marital_status(user) -> str:
    """The profile's marital status (step 2) is newer than the one given at sign-up."""
    profile = getattr(user, "job_seeker_profile", None)
    return (profile.marital_status if profile else "") or user.marital_status


def profile_certificates_offered(registration: CpmiRegistration, user) -> list:
    """The certificates of the person's profile (step 6) that can be taken into the registration instead of typed
    again: with a BNSP number and a file, and not already there under the same number."""
    present = set(
        current_documents(registration)
        .filter(kind=DocumentKind.COMPETENCY_CERTIFICATE)
        .values_list("certificate_number", flat=True)
    )
    from apps.profiles.models import Certification

    return [
        item
        for item in Certification.objects.filter(profile__user=user).exclude(bnsp_number="").exclude(file="")
        if item.bnsp_number not in present
    ]


def document_of_registration(registration, pk: int) -> CpmiDocument | None:
    return CpmiDocument.objects.filter(pk=pk, registration=registration).first()


def document_with_registration(pk: int) -> CpmiDocument | None:
    return CpmiDocument.objects.select_related("registration").filter(pk=pk).first()
