"""From the register book to the archive: the numbers, the selection minutes, the draft, the PP's ratification (ID
CPMI), the company's signature of the hand-over minutes, the division head's approval (every output issued and
signed in one transaction) or sending back, and the archive that completes the request."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import ServiceError
from apps.offices.models import StaffPosition
from apps.officeservices import notices, outputs
from apps.officeservices.models import ReturnCode, ReturnReason, ServiceRequest, StepOutcome
from apps.officeservices.services.engine import (
    _advance,
    _check_no_duplicate,
    _check_step,
    _enter_step,
    _finish_record,
    _locked,
    _notify,
    _notify_division_head,
    _save,
    _step_notice,
    _subject,
    definition,
)


def request_register(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 002 step 5: the numbers of the outputs, from the office's register book (no gaps, no repeats)."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "register")
        outputs.allocate_numbers(request, actor)
        _advance(request, actor)
        _save(request)
        audit_record(actor=actor, action="service_request.register", target=request)
        _step_notice(request, "register")
    return request


def request_selection_minutes(
    *, request: ServiceRequest, actor, selection_date: datetime.date, selection_place: str
) -> ServiceRequest:
    """Seed 002 step 6: the facts of the selection minutes (Berita Acara Seleksi)."""
    selection_place = (selection_place or "").strip()
    if selection_date is None:
        raise ServiceError("selection_date_invalid", _("Isi tanggal seleksi."), field="selection_date")
    dates.RECENT_EVENT.require(selection_date, field="selection_date", code="selection_date_invalid")
    if not selection_place:
        raise ServiceError("selection_place_missing", _("Isi tempat seleksi."), field="selection_place")
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "selection_minutes")
        request.selection_date = selection_date
        request.selection_place = selection_place[:200]
        _advance(request, actor)
        _save(request, "selection_date", "selection_place")
        audit_record(actor=actor, action="service_request.selection_minutes", target=request)
        _step_notice(request, "selection_minutes")
    return request


def request_draft_ready(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 002 step 7: the draft recommendation is ready; the company is asked to sign the hand-over minutes."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "draft")
        _check_no_duplicate(request)
        _advance(request, actor)
        _save(request)
        audit_record(actor=actor, action="service_request.draft", target=request)
        _notify(
            request,
            notices.SIGN_HANDOVER(**_subject(request)),
            candidates=False,
        )
    return request


def request_check_ratification(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 001: the PP of every CPMI on the request is signed through the agreements workflow (by the head of
    office or a delegate); this step only reads that state."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "ratification")
        unsigned = []
        for rc in request.candidates.select_related("candidate__user", "application"):
            if rc.excluded:
                continue
            agreement = PlacementAgreement.objects.filter(application_id=rc.application_id).first()
            if agreement is None or agreement.status != AgreementStatus.VERIFIED:
                unsigned.append(rc.candidate.user.full_name)
            elif rc.agreement_id != agreement.pk:
                rc.agreement = agreement
                rc.save(update_fields=["agreement"])
        if unsigned:
            raise ServiceError(
                "agreement_not_signed",
                _("Perjanjian Penempatan belum disahkan untuk: %(names)s.") % {"names": ", ".join(unsigned)},
            )
        _advance(request, actor)
        _save(request)
        audit_record(actor=actor, action="service_request.ratification", target=request)
        _step_notice(request, "ratification")
        _notify_division_head(request)
    return request


def request_sign_handover(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 004 step 5: the company signs the hand-over minutes (BAST) in the app."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "handover", action="sign_handover")
        now = timezone.now()
        request.handover_signed_by = actor
        request.handover_signed_at = now
        _advance(request, actor, now=now)
        _save(request, "handover_signed_by", "handover_signed_at")
        audit_record(actor=actor, action="service_request.sign_handover", target=request)
        _step_notice(request, "handover")
        _notify_division_head(request)
    return request


def request_approve(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 002 steps 8-9: the division head verifies and approves; every output is issued and signed with the
    office's key, in one transaction with the approval (nothing half issued)."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "approval", action="approve")
        _check_no_duplicate(request)
        now = timezone.now()
        outputs.issue_all(request, signer=actor, actor=actor)
        request.approved_at = now
        _finish_record(request, actor, now, StepOutcome.APPROVED)
        following = definition(request).next_step("approval")
        _enter_step(request, following.code, now)
        _save(request, "approved_at")
        audit_record(actor=actor, action="service_request.approve", target=request)
        _notify(
            request,
            notices.ISSUED(**_subject(request)),
            office=(StaffPosition.OFFICER,),
        )
    return request


def request_send_back(*, request: ServiceRequest, actor, reason: str) -> ServiceRequest:
    """The division head returns the request to the officer with a reason (before anything is issued)."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required", _("Tuliskan alasan pengembalian."), field="reason")
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "approval", action="send_back")
        now = timezone.now()
        _finish_record(request, actor, now, StepOutcome.SENT_BACK, reason)
        ReturnReason.objects.create(
            request=request,
            round=request.round,
            code=ReturnCode.OTHER,
            text=reason[:2000],
            to_officer=True,
            created_by=actor,
        )
        back_to = "draft" if definition(request).has_step("draft") else "ratification"
        request.handover_signed_by = None
        request.handover_signed_at = None
        _enter_step(request, back_to, now)
        _save(request, "handover_signed_by", "handover_signed_at")
        audit_record(actor=actor, action="service_request.send_back", target=request, reason=reason)
        _notify(
            request,
            notices.SENT_BACK(**_subject(request), reason=reason),
            company=False,
            candidates=False,
            office=(StaffPosition.OFFICER,),
        )
    return request


def request_archive(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 004 step 7: the outputs are stamped, archived and handed to the company; the request is complete."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "archive")
        _advance(request, actor)
        _save(request, "completed_at")
        audit_record(actor=actor, action="service_request.archive", target=request)
        _notify(
            request,
            notices.COMPLETED(**_subject(request)),
        )
    return request
