"""The office's checks of the people and the SPR: the interviews of the recruiting officer and each CPMI, the SPR
against the company's copy (one place per CPMI who passed, under the SPR's row lock), and each CPMI's data as the
outputs will print it."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import ServiceError
from apps.offices.catalogue import Source
from apps.officeservices import selectors
from apps.officeservices.models import (
    ChecklistEntry,
    Interview,
    InterviewOutcome,
    RequestCandidate,
    ServiceRequest,
)
from apps.officeservices.services.engine import _advance, _check_step, _locked, _release_places, _save, _step_notice
from apps.permits.models import RecruitmentPermit
from apps.permits.services import permit_check, permit_consume_units
from apps.vacancies.models import PermitUse


def interview_record(
    *,
    request: ServiceRequest,
    actor,
    request_candidate: RequestCandidate,
    interviewed_at: datetime.datetime,
    recruiter_present: bool,
    outcome: str,
    note: str = "",
) -> Interview:
    """Seed 004 step 3: who interviewed the recruiter and the CPMI, when, and the outcome. A later record for the
    same CPMI supersedes the earlier one (both kept)."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "interview")
        if request_candidate.request_id != request.pk:
            raise ServiceError("candidate_unknown", _("CPMI ini tidak ada dalam permohonan ini."))
        if outcome not in InterviewOutcome.values:
            raise ServiceError("outcome_unknown", _("Pilih hasil wawancara."), field="outcome")
        dates.RECENT_EVENT.require(interviewed_at, field="interviewed_at", code="interview_time_invalid")
        # Later today is the future too (the range judges days); five minutes allowed for a clock running ahead.
        if interviewed_at is None or interviewed_at > timezone.now() + datetime.timedelta(minutes=5):
            raise ServiceError(
                "interview_time_invalid", _("Waktu wawancara tidak boleh di masa depan."), field="interviewed_at"
            )
        interview = Interview.objects.create(
            request=request,
            request_candidate=request_candidate,
            interviewer=actor,
            interviewed_at=interviewed_at,
            recruiter_present=recruiter_present,
            outcome=outcome,
            note=(note or "").strip()[:2000],
        )
        audit_record(
            actor=actor,
            action="service_request.interview",
            target=interview,
            data={"request": request.pk, "candidate": request_candidate.candidate_id, "outcome": outcome},
        )
    return interview


def request_finish_interviews(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Every CPMI interviewed; those who did not pass stay on the record without outputs or SPR quota."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "interview")
        latest = selectors.latest_interviews(request)
        candidates = list(request.candidates.select_related("candidate__user"))
        not_yet = [rc.candidate.user.full_name for rc in candidates if rc.pk not in latest]
        if not_yet:
            raise ServiceError("interview_missing", _("Belum diwawancarai: %(names)s.") % {"names": ", ".join(not_yet)})
        passed = [rc for rc in candidates if latest[rc.pk].outcome == InterviewOutcome.PASSED]
        if not passed:
            raise ServiceError(
                "nobody_passed",
                _("Tidak ada CPMI yang lulus wawancara; kembalikan permohonan kepada perusahaan."),
            )
        for rc in candidates:
            excluded = latest[rc.pk].outcome != InterviewOutcome.PASSED
            if rc.excluded != excluded:
                rc.excluded = excluded
                rc.save(update_fields=["excluded"])
        # Interviewed again after a return: a CPMI who no longer passes gives back the SPR place they used.
        _release_places(request, [rc for rc in candidates if rc.excluded], actor)
        _advance(request, actor)
        _save(request)
        audit_record(
            actor=actor,
            action="service_request.interviews_done",
            target=request,
            data={"passed": [rc.candidate_id for rc in passed]},
        )
        _step_notice(request, "interview")
    return request


def request_check_permit(*, request: ServiceRequest, actor, permit: RecruitmentPermit, copy_matches: bool):
    """Seed 002 step 4: choose the SPR, check it against the copy the company brought, refuse one that is another
    company's, for another destination, expired or used up, and use one place per CPMI under the SPR's row lock
    (a CPMI whose accepted application already used a place of this SPR does not use a second one)."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "permit")
        if permit is None:
            raise ServiceError("permit_missing", _("Pilih SPR."), field="permit")
        if not copy_matches:
            raise ServiceError(
                "permit_copy_mismatch",
                _("SPR tidak cocok dengan salinan yang dibawa: proses ditolak. Kembalikan permohonan."),
                field="copy_matches",
            )
        candidates = [rc for rc in request.candidates.select_related("application") if not rc.excluded]
        if request.permit_id is not None and request.permit_id != permit.pk:
            # Checked again after a return, with another SPR: the places go back to the first one.
            _release_places(request, candidates, actor)
        already = set(
            PermitUse.objects.filter(
                permit=permit, application_id__in=[rc.application_id for rc in candidates if rc.application_id]
            ).values_list("application_id", flat=True)
        )
        needing = [rc for rc in candidates if rc.application_id not in already and not rc.permit_unit_used]
        permit_check(permit=permit, agency=request.agency, country=request.country, units=len(needing))
        if needing:
            permit_consume_units(permit=permit, units=len(needing), actor=actor, reference=request.reference)
            RequestCandidate.objects.filter(pk__in=[rc.pk for rc in needing]).update(permit_unit_used=True)
        request.permit = permit
        request.permit_checked_at = timezone.now()
        with translation.override(settings.LANGUAGE_CODE):
            reference = _("SPR %(number)s") % {"number": permit.number}
        ChecklistEntry.objects.filter(request=request, source=Source.PERMIT).update(
            reference=reference, auto_attached_at=request.permit_checked_at
        )
        _advance(request, actor, note=permit.number)
        _save(request, "permit", "permit_checked_at")
        audit_record(
            actor=actor,
            action="service_request.permit",
            target=request,
            data={"permit": permit.pk, "units": len(needing)},
        )
        _step_notice(request, "permit")
    return request


def request_confirm_candidate_data(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 002 step 4 (end): the officer confirms each CPMI's data as it will be printed."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "candidate_data")
        candidates = [rc for rc in request.candidates.select_related("candidate__user") if not rc.excluded]
        for rc in candidates:
            problems = selectors.candidate_data_problems(rc)
            if problems:
                raise ServiceError(
                    "data_incomplete",
                    _("Data %(name)s belum lengkap: %(fields)s.")
                    % {"name": rc.candidate.user.full_name, "fields": ", ".join(problems)},
                )
        now = timezone.now()
        RequestCandidate.objects.filter(pk__in=[rc.pk for rc in candidates]).update(
            data_confirmed_at=now, data_confirmed_by=actor
        )
        _advance(request, actor, now=now)
        _save(request)
        audit_record(actor=actor, action="service_request.candidate_data", target=request)
        _step_notice(request, "candidate_data")
    return request
