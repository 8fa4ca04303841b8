"""Reads of placement agreements that grow with the data: lists, the office queue and dashboard counts."""

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
        Application.objects.filter(vacancy__agency=agency, status=ApplicationStatus.ACCEPTED, agreement__isnull=True)
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


def candidate_agreements(user):
    return (
        PlacementAgreement.objects.filter(candidate__user=user).select_related("agency").order_by("-updated_at", "-id")
    )


def office_delegations(office):
    return (
        SignatureDelegation.objects.filter(office=office)
        .select_related("delegate__staff_assignment")
        .order_by("-decree_date", "-id")
    )
