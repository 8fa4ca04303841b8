"""The office's first steps: an officer takes the request, receives it, checks that the file is complete and that
the company's recruiting officer is approved by this office; or returns it to the company with coded reasons."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agencies.services import officer_approve_at_office
from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.officeservices import notices, selectors
from apps.officeservices.models import RequestStatus, ReturnCode, ReturnReason, ServiceRequest, StepOutcome
from apps.officeservices.policy import POLICY
from apps.officeservices.services.engine import (
    _advance,
    _check_step,
    _finish_record,
    _join_reasons,
    _locked,
    _missing_message,
    _notify,
    _reasons_text,
    _save,
    _set_status,
    _step_notice,
    _subject,
    definition,
)


def request_assign(*, request: ServiceRequest, actor) -> ServiceRequest:
    """An officer of the office takes the request (or takes it over)."""
    with transaction.atomic():
        request = _locked(request)
        POLICY.require(request, actor, "assign")
        if request.assigned_officer_id == actor.pk:
            return request
        previous = request.assigned_officer_id
        request.assigned_officer = actor
        request.save(update_fields=["assigned_officer", "updated_at"])
        audit_record(actor=actor, action="service_request.assign", target=request, data={"previous": previous})
    return request


def request_receive(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Step 1: the officer receives the request letter (and takes the request if nobody has)."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "receive", action="receive")
        if request.assigned_officer_id is None:
            request.assigned_officer = actor
        _advance(request, actor)
        _save(request, "assigned_officer")
        audit_record(actor=actor, action="service_request.receive", target=request)
        _notify(
            request,
            notices.RECEIVED(**_subject(request)),
        )
    return request


@dataclass(frozen=True)
class Reason:
    code: str
    text: str = ""
    entry_id: int | None = None


def _clean_reasons(request: ServiceRequest, reasons: Iterable[Reason]) -> list[Reason]:
    reasons = list(reasons)
    if not reasons:
        raise ServiceError("reason_required", _("Pilih paling sedikit satu alasan pengembalian."), field="reasons")
    entry_ids = set(request.checklist.values_list("id", flat=True))
    cleaned = []
    for reason in reasons:
        if reason.code not in ReturnCode.values:
            raise ServiceError("reason_unknown", _("Kode alasan tidak dikenal."), field="reasons")
        text = (reason.text or "").strip()
        if reason.code == ReturnCode.OTHER and not text:
            raise ServiceError("reason_text_required", _("Tuliskan alasan untuk pilihan “Lainnya”."))
        if reason.entry_id is not None and reason.entry_id not in entry_ids:
            raise ServiceError("reason_entry_unknown", _("Butir checklist tidak ada dalam permohonan ini."))
        cleaned.append(Reason(reason.code, text[:2000], reason.entry_id))
    return cleaned


def request_check_completeness(*, request: ServiceRequest, actor) -> ServiceRequest:
    """The completeness check (seed 002 step 2, seed 004 step 2; seed 001's officer check and admin verification):
    accepted only when every required item is there. An incomplete request is returned with `request_return`."""
    with transaction.atomic():
        request = _locked(request)
        code = request.current_step
        if code not in ("completeness", "officer_check", "admin_verify"):
            code = "completeness" if definition(request).has_step("completeness") else "officer_check"
        _check_step(request, actor, code)
        missing = selectors.checklist_missing(request)
        if missing:
            raise _missing_message(missing)
        _advance(request, actor)
        _save(request)
        audit_record(actor=actor, action="service_request.check", target=request, data={"step": code})
        _step_notice(request, code)
    return request


def request_return(*, request: ServiceRequest, actor, reasons: Iterable[Reason]) -> ServiceRequest:
    """Back to the company with coded reasons, from any office step before the outputs are drafted."""
    with transaction.atomic():
        request = _locked(request)
        POLICY.require(request, actor, "return")
        reasons = _clean_reasons(request, reasons)
        now = timezone.now()
        note = _join_reasons(reasons)
        _finish_record(request, actor, now, StepOutcome.RETURNED, note)
        ReturnReason.objects.bulk_create(
            ReturnReason(
                request=request, round=request.round, code=r.code, text=r.text, entry_id=r.entry_id, created_by=actor
            )
            for r in reasons
        )
        _set_status(request, RequestStatus.RETURNED)
        request.current_step = ""
        request.step_started_at = None
        _save(request)
        audit_record(
            actor=actor, action="service_request.return", target=request, data={"codes": [r.code for r in reasons]}
        )
        _notify(
            request,
            notices.RETURNED(**_subject(request), reasons=_reasons_text(reasons)),
        )
    return request


def request_check_recruiting_officer(*, request: ServiceRequest, actor, approve_now: bool = False) -> ServiceRequest:
    """Seed 002 step 3: the company's recruiting officer must be approved by this office; the officer may approve
    them here (through the agencies service) when the papers are in order."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "recruiting_officer")
        if not selectors.officer_approved(request):
            if not approve_now:
                raise ServiceError(
                    "officer_not_approved",
                    _(
                        "Petugas rekrut %(name)s belum disetujui dinas ini. Periksa dokumennya lalu setujui, atau "
                        "kembalikan permohonan."
                    )
                    % {"name": request.recruiting_officer.full_name if request.recruiting_officer else "-"},
                )
            officer_approve_at_office(officer=request.recruiting_officer, office=request.office, actor=actor)
        _advance(request, actor, note=_("Petugas rekrut disetujui di loket") if approve_now else "")
        _save(request)
        audit_record(actor=actor, action="service_request.recruiting_officer", target=request)
        _step_notice(request, "recruiting_officer")
    return request
