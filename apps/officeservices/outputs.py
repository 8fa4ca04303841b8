"""The outputs of a request: numbers taken from the office's register book (`documents.register_allocate`) at the
register step, then issued and signed (`documents.document_issue`) when the division head approves. Each body
is a full snapshot of what the PDF prints (`officeservices.pdf` reads nothing else), so renaming a company or a
person later changes no issued document.
"""

from django.utils import timezone
from django.utils.translation import override

from apps.documents import services as documents
from apps.documents.models import DocumentType
from apps.offices.catalogue import Service
from apps.offices.models import StaffAssignment, StaffPosition
from apps.officeservices.models import RequestDocument, ServiceRequest

# Which documents each service issues: per request, and per CPMI (who passed the interview).
PER_REQUEST = {
    Service.PASSPORT_RECOMMENDATION: (DocumentType.SELECTION_MINUTES, DocumentType.HANDOVER_MINUTES),
    Service.ID_CPMI: (),
}
PER_CANDIDATE = {
    Service.PASSPORT_RECOMMENDATION: (DocumentType.PASSPORT_RECOMMENDATION, DocumentType.KITKI),
    Service.ID_CPMI: (DocumentType.ID_CPMI,),
}
# Issued in this order, so the recommendation can quote the selection minutes' number.
ISSUE_ORDER = [
    DocumentType.SELECTION_MINUTES,
    DocumentType.ID_CPMI,
    DocumentType.PASSPORT_RECOMMENDATION,
    DocumentType.KITKI,
    DocumentType.HANDOVER_MINUTES,
]


def valid_recommendation_exists(candidate, country: str, *, excluding=None) -> bool:
    rows = RequestDocument.objects.filter(
        request_candidate__candidate=candidate,
        document_type=DocumentType.PASSPORT_RECOMMENDATION,
        request__country__iexact=country.strip(),
        document__isnull=False,
        document__revoked_at__isnull=True,
    )
    if excluding is not None:
        rows = rows.exclude(request=excluding)
    return rows.exists()


def _subject(request: ServiceRequest, rc=None) -> str:
    if rc is None:
        return f"{request.reference} — {request.agency.name} — {request.country}"[:200]
    return f"{rc.candidate.user.full_name} — {request.country} — {request.agency.name}"[:200]


def allocate_numbers(request: ServiceRequest, actor) -> list[RequestDocument]:
    """Take each output's number from the register book (once: a second call keeps the numbers taken)."""
    if request.documents.exists():
        return list(request.documents.all())
    rows = []
    for document_type in PER_REQUEST[request.service]:
        entry = documents.register_allocate(
            office=request.office, document_type=document_type, actor=actor, subject=_subject(request)
        )
        rows.append(RequestDocument(request=request, document_type=document_type, entry=entry))
    for rc in request.candidates.select_related("candidate__user").filter(excluded=False):
        for document_type in PER_CANDIDATE[request.service]:
            entry = documents.register_allocate(
                office=request.office, document_type=document_type, actor=actor, subject=_subject(request, rc)
            )
            rows.append(
                RequestDocument(request=request, request_candidate=rc, document_type=document_type, entry=entry)
            )
    return RequestDocument.objects.bulk_create(rows)


def authority_of(signer) -> str:
    position = signer.staff_assignment.position
    if position == StaffPosition.OFFICE_HEAD:
        return "Kepala Dinas"
    return f"a.n. Kepala Dinas, {signer.staff_assignment.get_position_display()}"


def issue_all(request: ServiceRequest, *, signer, actor) -> list[RequestDocument]:
    """Issue and sign every output of the request (inside the caller's transaction)."""
    from apps.officeservices import bodies

    rows = list(
        request.documents.select_related(
            "entry", "request_candidate__candidate__user", "request_candidate__application__vacancy"
        )
    )
    rows.sort(key=lambda row: (ISSUE_ORDER.index(row.document_type), row.pk))
    numbers = {}
    today = timezone.localdate()
    with override("id"):
        authority = authority_of(signer)
        for row in rows:
            if row.document_id is not None:
                continue
            body, facts = bodies.body_for(request, row, numbers)
            document = documents.document_issue(
                entry=row.entry,
                body=body,
                signer=signer,
                authority=authority,
                actor=actor,
                facts=facts,
                issued_on=today,
            )
            row.document = document
            row.save(update_fields=["document"])
            numbers[(row.document_type, row.request_candidate_id)] = row.entry.number
    return rows


def preview_snapshot(request: ServiceRequest, row: RequestDocument, viewer) -> dict:
    """What the document will say once signed, for the officer and the division head to check before approval:
    the same body, the number already taken, the division head as signer; unsigned and not verifiable."""
    from apps.officeservices import bodies

    numbers = {
        (other.document_type, other.request_candidate_id): other.entry.number for other in request.documents.all()
    }
    signer = (
        StaffAssignment.objects.filter(office_id=request.office_id, position=StaffPosition.DIVISION_HEAD)
        .select_related("user")
        .first()
    )
    signer_user = signer.user if signer else viewer
    with override("id"):
        body, _facts = bodies.body_for(request, row, numbers)
        signer_part = documents.signer_snapshot(signer_user, request.office, authority_of(signer_user))
    return {
        "format": documents.SNAPSHOT_FORMAT,
        "type": row.document_type,
        "number": row.entry.number,
        "date": timezone.localdate().isoformat(),
        "verification_code": "DRAF",
        "office": documents.office_snapshot(request.office),
        "signer": signer_part,
        "body": body,
    }
