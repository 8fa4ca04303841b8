"""Reads of placement agreements that grow with the data: lists, the office queue and dashboard counts."""

from django.db.models import Q

from apps.agreements.models import AgreementStatus, PlacementAgreement, SignatureDelegation
from apps.vacancies.models import Application, ApplicationStatus


def agency_agreements(agency):
    return (
        PlacementAgreement.objects.filter(agency=agency)
        .select_related("candidate__user", "office")
        .order_by("-updated_at", "-id")
    )


def accepted_without_agreement(agency):
    """Accepted applications of the company that have no PP yet."""
    return (
        Application.objects.filter(
            vacancy__agency=agency,
            status=ApplicationStatus.ACCEPTED,
            agreement__isnull=True,
            candidate__isnull=False,  # a domestic placement has no PP
        )
        .select_related("candidate__user", "vacancy")
        .order_by("decided_at", "id")
    )


def office_queue(office):
    """The office's PPs waiting for verification, oldest first, with everything a row shows in one query."""
    return (
        PlacementAgreement.objects.filter(office=office, status=AgreementStatus.SUBMITTED)
        .select_related("candidate__user", "agency")
        .order_by("submitted_at", "id")
    )


def waiting_count(office) -> int:
    return PlacementAgreement.objects.filter(office=office, status=AgreementStatus.SUBMITTED).count()


def agreement_detail(pk: int):
    return (
        PlacementAgreement.objects.select_related(
            "candidate__user__address_village__parent__parent__parent",
            "agency__region",
            "office",
            "application__vacancy",
            "delegation",
        )
        .filter(pk=pk)
        .first()
    )


def candidate_status(agreement) -> tuple[str, str]:
    """(badge key, label) of a PP as its CPMI reads it (seed 000): "Menunggu Verifikasi PP" from acceptance, while
    the company drafts, revises or the office checks it, and "PP Telah Diverifikasi" once signed."""
    if agreement is not None and agreement.status == AgreementStatus.VERIFIED:
        return AgreementStatus.VERIFIED.value, str(AgreementStatus.VERIFIED.label)
    return AgreementStatus.SUBMITTED.value, str(AgreementStatus.SUBMITTED.label)


def candidate_accepted_applications(user):
    """The CPMI's accepted applications with their PP (if any), newest first, in one query: the dashboard card."""
    rows = list(
        Application.objects.filter(candidate__user=user, status=ApplicationStatus.ACCEPTED)
        .select_related("vacancy__agency", "agreement")
        .order_by("-decided_at", "-id")
    )
    for row in rows:
        row.pp = getattr(row, "agreement", None)
        row.pp_status_key, row.pp_status = candidate_status(row.pp)
    return rows


def office_delegations(office):
    return (
        SignatureDelegation.objects.filter(office=office)
        .select_related("delegate__staff_assignment")
        .order_by("-decree_date", "-id")
    )


def office_signed(office, *, search: str = "", year: int | None = None, agency_id: int | None = None):
    """The PPs the office signed, newest first, with what a row shows in one query. `search` matches the PP
    number, the CPMI's name or NIK and the company's name; `year` is the signing year."""
    rows = PlacementAgreement.objects.filter(office=office, status=AgreementStatus.VERIFIED)
    if search:
        rows = rows.filter(
            Q(number__icontains=search)
            | Q(candidate__user__full_name__icontains=search)
            | Q(candidate__user__nik=search)
            | Q(agency__name__icontains=search)
        )
    if year:
        rows = rows.filter(signed_at__year=year)
    if agency_id:
        rows = rows.filter(agency_id=agency_id)
    return rows.select_related("candidate__user", "agency").order_by("-signed_at", "-id")


def office_signed_filters(office) -> tuple[list[int], list[tuple[int, str]]]:
    """The signing years and the companies for the filters of the signed-PP list."""
    signed = PlacementAgreement.objects.filter(office=office, status=AgreementStatus.VERIFIED)
    years = sorted({when.year for when in signed.dates("signed_at", "year")}, reverse=True)
    agencies = list(signed.order_by("agency__name").values_list("agency_id", "agency__name").distinct())
    return years, agencies


def company_application(agency, pk: int) -> Application | None:
    """An application to one of the company's vacancies (the one a PP is drafted for), or None."""
    return Application.objects.filter(pk=pk, vacancy__agency=agency).first()


def candidate_document(agreement, pk: int):
    """A document (any version) of the PP's CPMI registration, or None."""
    from apps.cpmi.models import CpmiDocument

    return CpmiDocument.objects.filter(pk=pk, registration_id=agreement.candidate.registration_id).first()


def agency_document(agreement, pk: int):
    """A document (NIB, SIP2MI ...) of the PP's company, or None."""
    from apps.agencies.models import AgencyDocument

    return AgencyDocument.objects.filter(pk=pk, agency_id=agreement.agency_id).first()


def office_delegation(office, pk: int) -> SignatureDelegation | None:
    return SignatureDelegation.objects.filter(pk=pk, office=office).first()
