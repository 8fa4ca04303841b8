"""The PP review page's file, completed from the company's ID CPMI request.

Seed 001 lists four company documents the platform only gets with the ID CPMI service request: the company's
request letter, and the recruiting officer's appointment letter, PKWT and KTP. `agreements.dossier` sits below
this app and cannot read requests, so this module registers a source for it (`dossier_source_register`, at
start-up from `apps.OfficeServicesConfig.ready`). The files open through `views.agreement_file`, for staff of
the PP's office only.
"""

from django.db.models import Q
from django.urls import reverse

from apps.agreements.dossier import DossierFile, dossier_source_register
from apps.offices.catalogue import ID_CPMI, Party, Source
from apps.officeservices.models import ChecklistFile, RequestCandidate, RequestStatus

# The company's uploaded items of the ID CPMI checklist (request letter, appointment letter, PKWT, officer's KTP).
COMPANY_UPLOAD_CODES = tuple(
    item.code for item in ID_CPMI.checklist if item.party == Party.COMPANY and item.source == Source.UPLOAD
)
# Requests the office has seen: not drafts (the company is still filling them in), not cancelled.
_HIDDEN_STATUSES = (RequestStatus.DRAFT, RequestStatus.CANCELLED)


def agreement_request_files(agreement) -> list[ChecklistFile]:
    """The latest version of each company upload on the newest ID CPMI request that carries the PP's CPMI for
    the PP's company at the PP's office. One query."""
    same_placement = Q(agreement_id=agreement.pk)
    if agreement.application_id:
        same_placement |= Q(application_id=agreement.application_id)
    request_ids = (
        RequestCandidate.objects.filter(
            same_placement,
            candidate_id=agreement.candidate_id,
            excluded=False,
            request__service=ID_CPMI.code,
            request__office_id=agreement.office_id,
            request__agency_id=agreement.agency_id,
        )
        .exclude(request__status__in=_HIDDEN_STATUSES)
        .order_by("-request_id")
        .values("request_id")[:1]
    )
    files = (
        ChecklistFile.objects.filter(
            entry__request_id__in=request_ids,
            entry__request_candidate__isnull=True,
            entry__code__in=COMPANY_UPLOAD_CODES,
        )
        .select_related("entry")
        .order_by("entry_id", "-id")
    )
    latest: dict[int, ChecklistFile] = {}
    for version in files:
        latest.setdefault(version.entry_id, version)
    return list(latest.values())


def agreement_file_url(agreement, version: ChecklistFile) -> str:
    # Opened in the browser's own viewer, like the other files of the review page.
    return reverse("officeservices:agreement_file", args=[agreement.pk, version.pk]) + "?inline=1"


def request_uploads_source(*, agreement) -> dict[str, list[DossierFile]]:
    found: dict[str, list[DossierFile]] = {}
    for version in agreement_request_files(agreement):
        found.setdefault(version.entry.code, []).append(
            DossierFile(version.original_name, agreement_file_url(agreement, version), version.uploaded_at)
        )
    return found


def register() -> None:
    dossier_source_register(request_uploads_source)
