"""The step engine every step command shares: lock the request, ask the policy, move from step to step (the status
follows from the step's role), record each step (who, when, how long), and notify on commit."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.agencies.models import AgencyMember, MemberStatus
from apps.core.errors import ServiceError
from apps.core.locking import lock
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.offices.catalogue import SERVICES, Service, ServiceDefinition
from apps.offices.models import StaffAssignment, StaffPosition
from apps.officeservices import notices, outputs
from apps.officeservices.models import (
    ALLOWED_TRANSITIONS,
    ChecklistEntry,
    RequestCandidate,
    RequestStatus,
    ReturnCode,
    ServiceRequest,
    StepOutcome,
    StepRecord,
)
from apps.officeservices.policy import POLICY, wrong_step
from apps.permits.services import permit_release_units


def definition(request: ServiceRequest) -> ServiceDefinition:
    return SERVICES[request.service]


def _locked(request: ServiceRequest) -> ServiceRequest:
    return lock(ServiceRequest.objects.select_related("agency", "office"), pk=request.pk)


def _status_for_step(definition_: ServiceDefinition, code: str) -> str:
    if code == definition_.steps[0].code:
        return RequestStatus.SUBMITTED  # waiting for an officer to receive it
    role = definition_.step(code).role
    if role == Role.AGENCY_STAFF:
        return RequestStatus.AWAITING_HANDOVER
    if role == Role.DIVISION_HEAD:
        return RequestStatus.AWAITING_APPROVAL
    return RequestStatus.IN_PROGRESS


def _set_status(request: ServiceRequest, status: str) -> None:
    if status != request.status and status not in ALLOWED_TRANSITIONS[request.status]:
        raise ServiceError("transition_not_allowed", _("Permohonan tidak dapat berpindah ke status itu."))
    request.status = status


def _close(request: ServiceRequest, status: str) -> None:
    """Complete or cancel: the request's CPMI rows close in the same transaction, so each CPMI may be on a new
    request for this service (the database allows one open request per CPMI per service)."""
    _set_status(request, status)
    RequestCandidate.objects.filter(request=request).update(is_open=False)


def _enter_step(request: ServiceRequest, code: str, now: datetime.datetime) -> StepRecord:
    step = definition(request).step(code)
    _set_status(request, _status_for_step(definition(request), code))
    request.current_step = code
    request.step_started_at = now
    return StepRecord.objects.create(
        request=request, step=code, round=request.round, started_at=now, standard_minutes=step.standard_minutes
    )


def _finish_record(request: ServiceRequest, actor, now, outcome: str, note: str = "") -> StepRecord | None:
    record = (
        StepRecord.objects.filter(request=request, step=request.current_step, finished_at=None).order_by("-id").first()
    )
    if record is None:
        return None
    record.actor = actor
    record.finished_at = now
    record.duration_seconds = max(int((now - record.started_at).total_seconds()), 0)
    record.outcome = outcome
    record.note = note
    record.save(update_fields=["actor", "finished_at", "duration_seconds", "outcome", "note"])
    return record


def _check_step(request: ServiceRequest, actor, code: str, action: str = "work") -> None:
    """The policy allows `action` now (role, relation, status, the current step names the actor's role, the
    assigned officer) and the request is at step `code`, the step the calling command performs."""
    definition_ = definition(request)
    if not definition_.has_step(code):
        raise ServiceError("step_unknown", _("Layanan ini tidak memiliki langkah tersebut."))
    POLICY.require(request, actor, action)
    if request.current_step != code:
        raise wrong_step(request)


def _advance(request: ServiceRequest, actor, note: str = "", *, now=None) -> None:
    """Finish the current step and enter the next one (or complete the request after the last)."""
    now = now or timezone.now()
    _finish_record(request, actor, now, StepOutcome.DONE, note)
    following = definition(request).next_step(request.current_step)
    if following is None:
        _close(request, RequestStatus.COMPLETED)
        request.current_step = ""
        request.step_started_at = None
        request.completed_at = now
    else:
        _enter_step(request, following.code, now)


def _save(request: ServiceRequest, *fields: str) -> None:
    request.save(update_fields=["status", "current_step", "step_started_at", "updated_at", *fields])


def _stored(text) -> str:
    """A lazily translated text as stored data: in the platform's language, not the acting user's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


# --- refusals several steps share --------------------------------------------------------------------------------


def _missing_message(missing: list[ChecklistEntry]) -> ServiceError:
    names = []
    for entry in missing[:6]:
        owner = entry.request_candidate
        names.append(f"{entry.display_label} ({owner.candidate.user.full_name})" if owner else entry.display_label)
    more = len(missing) - len(names)
    text = "; ".join(names) + (_(" dan %(n)s lainnya") % {"n": more} if more > 0 else "")
    return ServiceError("checklist_incomplete", _("Berkas belum lengkap: %(items)s.") % {"items": text})


def _duplicate_recommendation(candidate, country: str) -> ServiceError:
    return ServiceError(
        "recommendation_exists",
        _(
            "%(name)s sudah memiliki rekomendasi paspor yang masih berlaku untuk %(country)s. Rekomendasi kedua "
            "hanya dapat diterbitkan setelah yang lama dicabut."
        )
        % {"name": candidate.user.full_name, "country": country},
    )


def _check_no_duplicate(request: ServiceRequest) -> None:
    if request.service != Service.PASSPORT_RECOMMENDATION:
        return
    for rc in request.candidates.select_related("candidate__user"):
        if not rc.excluded and outputs.valid_recommendation_exists(rc.candidate, request.country, excluding=request):
            raise _duplicate_recommendation(rc.candidate, request.country)


def _release_places(request: ServiceRequest, rows: Iterable[RequestCandidate], actor) -> int:
    """Give back to the request's SPR the places its CPMI `rows` used (`permit_unit_used`), under the SPR's row
    lock (`permits.services.permit_release_units`); call with the request locked. Returns how many."""
    rows = [rc for rc in rows if rc.permit_unit_used]
    if not rows:
        return 0
    # A place is only ever used from the SPR chosen at the SPR step, which the request keeps in `permit`.
    permit_release_units(permit=request.permit, units=len(rows), actor=actor, reference=request.reference)
    RequestCandidate.objects.filter(pk__in=[rc.pk for rc in rows]).update(permit_unit_used=False)
    for rc in rows:
        rc.permit_unit_used = False
    return len(rows)


# --- notifications ---------------------------------------------------------------------------------------------


def _notify(
    request: ServiceRequest, notice: BoundNotice, *, company=True, candidates=True, office=(), quiet=False
) -> None:
    """The company's members, the CPMI on the request and, when named, office staff of some positions: after
    commit, and robust (a failing notice never undoes the step). Milestones also go by e-mail (company) and by
    SMS and e-mail (CPMI); a `quiet` notice of an intermediate step stays in the app."""
    url = reverse("officeservices:request_detail", args=[request.pk])
    cpmi_url = reverse("dashboards:dashboard_job_seeker")  # the CPMI's card of requests and documents
    company_users = []
    if company:
        members = AgencyMember.objects.filter(agency_id=request.agency_id, status=MemberStatus.ACTIVE)
        company_users = [member.user for member in members.select_related("user")]
    users = []
    if candidates:
        users += [rc.candidate.user for rc in request.candidates.select_related("candidate__user")]
    office_users = []
    if office:
        office_users = [
            a.user
            for a in StaffAssignment.objects.filter(office_id=request.office_id, position__in=office).select_related(
                "user"
            )
        ]

    def send():
        for user in company_users:
            notify_user(user=user, notice=notice, url=url, sms=False, email=not quiet)
        for user in users:
            notify_user(user=user, notice=notice, url=cpmi_url, sms=not quiet, email=not quiet)
        for user in office_users:
            notify_user(user=user, notice=notice, url=url, sms=False)

    transaction.on_commit(send, robust=True)


def _step_notice(request: ServiceRequest, done_code: str) -> None:
    """In the app, for the company and the CPMI: which step was just done and which comes next."""
    definition_ = definition(request)
    following = definition_.step(request.current_step).label if request.current_step else notices.LAST_STEP
    notice = notices.STEP_DONE(reference=request.reference, done=definition_.step(done_code).label, next=following)
    _notify(request, notice, quiet=True)


def _notify_division_head(request: ServiceRequest) -> None:
    _notify(
        request,
        notices.AWAITING_DIVISION_HEAD(**_subject(request)),
        company=False,
        candidates=False,
        office=(StaffPosition.DIVISION_HEAD,),
    )


def _join_reasons(reasons) -> str:
    return "; ".join(
        f"{ReturnCode(r.code).label}: {r.text}" if r.text else str(ReturnCode(r.code).label) for r in reasons
    )


# The reasons as the recipient reads them: joined when the notice is rendered, in the recipient's language.
_reasons_text = lazy(_join_reasons, str)


def _subject(request: ServiceRequest) -> dict:
    return {"reference": request.reference, "service": definition(request).name, "agency": request.agency.name}
