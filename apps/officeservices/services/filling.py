"""The filler's commands: upload checklist files, send the request (again, after a return), cancel it. The filler
is the company, or the officer of a counter request (the policy's relation says which)."""

from django.db import transaction
from django.utils import timezone

from apps.audit.services import audit_record
from apps.core.uploads import DOCUMENT_KINDS, random_name, safe_display_name, validate_upload
from apps.offices.models import StaffPosition
from apps.officeservices import notices
from apps.officeservices.models import ChecklistEntry, ChecklistFile, RequestStatus, ServiceRequest, StepOutcome
from apps.officeservices.policy import POLICY
from apps.officeservices.selectors import checklist_missing
from apps.officeservices.services.engine import (
    _close,
    _enter_step,
    _finish_record,
    _locked,
    _missing_message,
    _notify,
    _release_places,
    _save,
    _set_status,
    _subject,
    definition,
)
from apps.officeservices.services.opening import _attach_automatic


def checklist_upload(*, entry: ChecklistEntry, actor, uploaded) -> ChecklistFile:
    """Upload (a new version of) a checklist item: PDF, JPG or PNG up to 5 MB. Earlier versions stay."""
    request = ServiceRequest.objects.select_related("agency").get(pk=entry.request_id)
    POLICY.require(request, actor, "edit")
    detected = validate_upload(uploaded, allowed=DOCUMENT_KINDS, field="file")
    with transaction.atomic():
        request = _locked(request)
        POLICY.require(request, actor, "edit")
        record = ChecklistFile(
            entry=entry,
            original_name=safe_display_name(uploaded.name),
            content_type=detected.mime,
            size=uploaded.size,
            # The round it will be sent in: after a return, the next one.
            round=request.round + (1 if request.status == RequestStatus.RETURNED else 0),
            uploaded_by=actor,
        )
        record.file.save(random_name(f"officeservices/{request.pk}", detected), uploaded, save=False)
        record.save()
        audit_record(
            actor=actor,
            action="service_request.upload",
            target=record,
            data={"request": request.pk, "entry": entry.pk, "code": entry.code},
        )
    return record


def request_submit(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Send the request to the office (again, after a return). Refused while a required item is missing."""
    with transaction.atomic():
        request = _locked(request)
        POLICY.require(request, actor, "submit")
        _attach_automatic(request)
        missing = checklist_missing(request)
        if missing:
            raise _missing_message(missing)
        now = timezone.now()
        resubmission = request.status == RequestStatus.RETURNED
        _set_status(request, RequestStatus.SUBMITTED)
        if resubmission:
            request.round += 1
        request.submitted_at = request.submitted_at or now
        _enter_step(request, definition(request).steps[0].code, now)
        _save(request, "round", "submitted_at")
        audit_record(actor=actor, action="service_request.submit", target=request, data={"round": request.round})
        _notify(
            request,
            notices.SUBMITTED(**_subject(request)),
            office=(StaffPosition.OFFICER,),
        )
    return request


def request_cancel(*, request: ServiceRequest, actor) -> ServiceRequest:
    with transaction.atomic():
        request = _locked(request)
        POLICY.require(request, actor, "cancel")
        released = _release_places(request, request.candidates.filter(permit_unit_used=True), actor)
        _finish_record(request, actor, timezone.now(), StepOutcome.DONE, "cancelled")
        _close(request, RequestStatus.CANCELLED)
        request.current_step = ""
        _save(request)
        audit_record(actor=actor, action="service_request.cancel", target=request, data={"places_released": released})
    return request
