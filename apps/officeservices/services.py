"""Service requests (workflow 4): one function per step of the SOP. Each one locks the request, checks the
permission table, that the request is at that step and that the step names the actor's role, changes, records
the step (who, when, how long), writes the audit row and notifies the company and the CPMI on commit.

draft ──submit──▶ submitted ──receive──▶ in progress: completeness → recruiting officer → interview → SPR →
  ▲                                       CPMI data → register → selection minutes → draft
  └── returned ◀──return (coded reasons)──┘                │
                      awaiting handover (company signs the BAST) ◀┘
                      awaiting approval (division head) ──send back──▶ in progress (draft)
                                │ approve: outputs issued and signed
                      in progress (archive) ──archive──▶ completed

The ID CPMI service runs the same engine with seed 001's steps (`offices.catalogue.ID_CPMI`).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.agencies.models import (
    AgencyDocument,
    AgencyMember,
    AgencyOfficer,
    AgencyOfficerApproval,
    ApprovalStatus,
    MemberStatus,
)
from apps.agencies.selectors import membership_of
from apps.agencies.services import agency_can_act, officer_approve_at_office
from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.audit.services import audit_record
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import lock
from apps.core.uploads import DOCUMENT_KINDS, random_name, safe_display_name, validate_upload
from apps.cpmi.models import CpmiDocument, MigrantCandidate
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.offices.catalogue import SERVICES, Party, Requirement, Service, ServiceDefinition, Source
from apps.offices.models import LabourOffice, OfficeChecklistItem, StaffAssignment, StaffPosition
from apps.offices.selectors import is_staff_of
from apps.officeservices import notices, outputs
from apps.officeservices.models import (
    ALLOWED_TRANSITIONS,
    Channel,
    ChecklistEntry,
    ChecklistFile,
    Interview,
    InterviewOutcome,
    RequestCandidate,
    RequestStatus,
    ReturnCode,
    ReturnReason,
    ServiceRequest,
    StepOutcome,
    StepRecord,
)
from apps.officeservices.permissions import REQUESTS
from apps.permits.models import RecruitmentPermit
from apps.permits.services import permit_check, permit_consume_units, permit_release_units
from apps.vacancies.models import Application, ApplicationStatus, PermitUse

# Marital statuses for which the marriage or divorce certificate is required (seed 004: "Surat Nikah / Cerai").
EVER_MARRIED = frozenset({"married", "divorced", "widowed"})
# Steps at which the officer may still send the request back to the company.
MAX_CANDIDATES = 50


def definition(request: ServiceRequest) -> ServiceDefinition:
    return SERVICES[request.service]


# --- who -------------------------------------------------------------------------------------------------------


def is_company_member(actor, request: ServiceRequest) -> bool:
    return membership_of(actor, request.agency_id) is not None


def is_office_staff(actor, request: ServiceRequest) -> bool:
    return is_staff_of(actor, request.office_id)


def is_candidate_on(actor, request: ServiceRequest) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and any(
        rc.candidate.user_id == actor.pk for rc in request.candidates.all()
    )


def can_view(actor, request: ServiceRequest) -> bool:
    """The request's page: its company always; staff of its office once it was sent (or opened at the counter)."""
    if not REQUESTS.allows(actor.role, request.status, "view"):
        return False
    if actor.role == Role.AGENCY_STAFF:
        return is_company_member(actor, request)
    if not is_office_staff(actor, request):
        return False
    return request.status != RequestStatus.DRAFT or request.channel == Channel.COUNTER


def _require_filler(actor, request: ServiceRequest) -> None:
    """The company fills its request; an officer of the office fills a counter request."""
    if is_company_member(actor, request):
        return
    if request.channel == Channel.COUNTER and is_staff_of(actor, request.office_id, positions={StaffPosition.OFFICER}):
        return
    raise PermissionDenied(_("Hanya staf perusahaan pemohon yang dapat melakukannya."))


def _require_office(actor, request: ServiceRequest) -> None:
    if not is_office_staff(actor, request):
        raise PermissionDenied(_("Hanya petugas dinas tujuan permohonan ini yang dapat memprosesnya."))


# --- the step engine -------------------------------------------------------------------------------------------


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
    """The table allows `action` now, the request is at step `code`, the step names the actor's role, and an
    office step is done by the officer the request is assigned to."""
    definition_ = definition(request)
    if not definition_.has_step(code):
        raise ServiceError("step_unknown", _("Layanan ini tidak memiliki langkah tersebut."))
    step = definition_.step(code)
    if actor.role != step.role:
        raise PermissionDenied(
            _("Langkah “%(step)s” hanya dapat dilakukan oleh %(role)s.")
            % {"step": step.label, "role": Role(step.role).label}
        )
    REQUESTS.check(role=actor.role, status=request.status, action=action)
    if request.current_step != code:
        current = definition_.step(request.current_step).label if request.current_step else "-"
        raise ServiceError(
            "wrong_step",
            _("Permohonan ini sedang pada langkah “%(step)s”.") % {"step": current},
        )
    if step.role == Role.AGENCY_STAFF:
        if not is_company_member(actor, request):
            raise PermissionDenied(_("Hanya staf perusahaan pemohon yang dapat melakukannya."))
        return
    _require_office(actor, request)
    if step.role == Role.OFFICER and request.assigned_officer_id != actor.pk:
        raise ServiceError(
            "not_assigned",
            _("Permohonan ini ditangani petugas lain. Ambil alih permohonan terlebih dahulu bila perlu."),
        )


def _advance(request: ServiceRequest, actor, note: str = "", *, now=None) -> None:
    """Finish the current step and enter the next one (or complete the request after the last)."""
    now = now or timezone.now()
    _finish_record(request, actor, now, StepOutcome.DONE, note)
    following = definition(request).next_step(request.current_step)
    if following is None:
        _set_status(request, RequestStatus.COMPLETED)
        request.current_step = ""
        request.step_started_at = None
        request.completed_at = now
    else:
        _enter_step(request, following.code, now)


def _save(request: ServiceRequest, *fields: str) -> None:
    request.save(update_fields=["status", "current_step", "step_started_at", "updated_at", *fields])


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


def _join_reasons(reasons) -> str:
    return "; ".join(
        f"{ReturnCode(r.code).label}: {r.text}" if r.text else str(ReturnCode(r.code).label) for r in reasons
    )


# The reasons as the recipient reads them: joined when the notice is rendered, in the recipient's language.
_reasons_text = lazy(_join_reasons, str)


def _subject(request: ServiceRequest) -> dict:
    return {"reference": request.reference, "service": definition(request).name, "agency": request.agency.name}


# --- opening a request -----------------------------------------------------------------------------------------


def _accepted_application(candidate: MigrantCandidate, agency) -> Application | None:
    return (
        Application.objects.filter(candidate=candidate, vacancy__agency=agency, status=ApplicationStatus.ACCEPTED)
        .select_related("vacancy__permit")
        .order_by("-decided_at", "-id")
        .first()
    )


def eligible_candidates(agency, *, office=None):
    """Verified CPMI with an accepted application to `agency` (of `office` when given): whom it may request for."""
    rows = MigrantCandidate.objects.filter(
        applications__vacancy__agency=agency, applications__status=ApplicationStatus.ACCEPTED
    )
    if office is not None:
        rows = rows.filter(office=office)
    return rows.select_related("user", "office").distinct().order_by("user__full_name")


def _ever_married(candidate: MigrantCandidate) -> bool:
    user = candidate.user
    profile = getattr(user, "job_seeker_profile", None)
    status = (profile.marital_status if profile else "") or user.marital_status
    return status in EVER_MARRIED


def valid_recommendation_exists(candidate: MigrantCandidate, country: str, *, excluding=None) -> bool:
    """Whether the CPMI already holds a passport recommendation for `country` that is not revoked."""
    return outputs.valid_recommendation_exists(candidate, country, excluding=excluding)


@dataclass(frozen=True)
class RequestDetails:
    letter_number: str = ""
    letter_date: datetime.date | None = None
    immigration_office: str = ""
    immigration_city: str = ""


def request_open(
    *,
    actor,
    agency,
    service: str,
    candidates: Iterable[MigrantCandidate],
    recruiting_officer: AgencyOfficer,
    details: RequestDetails = RequestDetails(),  # noqa: B008 (frozen, shared safely)
    channel: str = Channel.ONLINE,
) -> ServiceRequest:
    """The company opens a request for its selected CPMI (or an officer does, at the counter, for a walk-in
    company). Everything the platform already holds is attached at once; the rest is uploaded before sending."""
    if channel == Channel.COUNTER:
        if actor.role != Role.OFFICER:
            raise PermissionDenied(_("Hanya Pengantar Kerja / Admin yang dapat membuka permohonan di loket."))
    elif membership_of(actor, agency) is None:
        raise PermissionDenied(_("Hanya staf perusahaan pemohon yang dapat melakukannya."))
    if service not in SERVICES:
        raise ServiceError("service_unknown", _("Pilih layanan."), field="service")
    definition_ = SERVICES[service]
    candidates = list(dict.fromkeys(candidates))
    if not candidates:
        raise ServiceError("no_candidates", _("Pilih paling sedikit satu CPMI."), field="candidates")
    if len(candidates) > MAX_CANDIDATES:
        raise ServiceError(
            "too_many_candidates", _("Paling banyak %(max)s CPMI per permohonan.") % {"max": MAX_CANDIDATES}
        )
    if recruiting_officer is None or recruiting_officer.agency_id != agency.pk:
        raise ServiceError(
            "officer_other_agency",
            _("Pilih petugas rekrut dari perusahaan Anda sendiri."),
            field="recruiting_officer",
        )
    details = RequestDetails(
        letter_number=details.letter_number.strip(),
        letter_date=details.letter_date,
        immigration_office=details.immigration_office.strip(),
        immigration_city=details.immigration_city.strip(),
    )
    if service == Service.PASSPORT_RECOMMENDATION and not details.immigration_office:
        raise ServiceError(
            "immigration_office_missing",
            _("Isi kantor imigrasi yang dituju rekomendasi paspor."),
            field="immigration_office",
        )
    agency_can_act(agency)
    rows = []
    for candidate in candidates:
        application = _accepted_application(candidate, agency)
        if application is None:
            raise ServiceError(
                "candidate_not_selected",
                _("%(name)s bukan CPMI terseleksi perusahaan Anda (belum ada lamaran yang diterima).")
                % {"name": candidate.user.full_name},
                field="candidates",
            )
        rows.append((candidate, application))
    office = candidates[0].office
    if any(candidate.office_id != office.pk for candidate in candidates):
        raise ServiceError(
            "candidates_other_office",
            _("Semua CPMI dalam satu permohonan harus berasal dari dinas daerah asal yang sama."),
            field="candidates",
        )
    if channel == Channel.COUNTER and not is_staff_of(actor, office):
        raise PermissionDenied(_("CPMI ini terdaftar di dinas lain; permohonan diajukan ke dinas daerah asalnya."))
    countries = {application.vacancy.country.strip().casefold() for _c, application in rows}
    if len(countries) > 1:
        raise ServiceError(
            "countries_differ",
            _("Semua CPMI dalam satu permohonan harus untuk negara tujuan yang sama."),
            field="candidates",
        )
    country = rows[0][1].vacancy.country_name.strip()  # the name, as the request's documents print it
    permits = {application.vacancy.permit_id for _c, application in rows}
    with transaction.atomic():
        for candidate, _application in rows:
            busy = RequestCandidate.objects.filter(
                candidate=candidate,
                request__service=service,
                request__status__in=[RequestStatus.DRAFT, RequestStatus.RETURNED, *_open_statuses()],
            ).exists()
            if busy:
                raise ServiceError(
                    "already_requested",
                    _("%(name)s sudah ada dalam permohonan %(service)s yang belum selesai.")
                    % {"name": candidate.user.full_name, "service": definition_.name},
                    field="candidates",
                )
            if service == Service.PASSPORT_RECOMMENDATION and valid_recommendation_exists(candidate, country):
                raise _duplicate_recommendation(candidate, country)
        request = ServiceRequest.objects.create(
            office=office,
            agency=agency,
            service=service,
            channel=channel,
            country=country,
            permit_id=permits.pop() if len(permits) == 1 else None,
            recruiting_officer=recruiting_officer,
            opened_by=actor,
            letter_number=details.letter_number,
            letter_date=details.letter_date,
            immigration_office=details.immigration_office,
            immigration_city=details.immigration_city,
        )
        for candidate, application in rows:
            agreement = PlacementAgreement.objects.filter(application=application).first()
            RequestCandidate.objects.create(
                request=request, candidate=candidate, application=application, agreement=agreement
            )
        _build_checklist(request)
        audit_record(
            actor=actor,
            action="service_request.open",
            target=request,
            data={"service": service, "channel": channel, "candidates": [c.pk for c in candidates]},
        )
    return request


def _open_statuses():
    return [
        RequestStatus.SUBMITTED,
        RequestStatus.IN_PROGRESS,
        RequestStatus.AWAITING_HANDOVER,
        RequestStatus.AWAITING_APPROVAL,
    ]


def _duplicate_recommendation(candidate: MigrantCandidate, country: str) -> ServiceError:
    return ServiceError(
        "recommendation_exists",
        _(
            "%(name)s sudah memiliki rekomendasi paspor yang masih berlaku untuk %(country)s. Rekomendasi kedua "
            "hanya dapat diterbitkan setelah yang lama dicabut."
        )
        % {"name": candidate.user.full_name, "country": country},
    )


def _stored(text) -> str:
    """A lazily translated text as stored data: in the platform's language, not the acting user's."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text)


def _build_checklist(request: ServiceRequest) -> None:
    definition_ = definition(request)
    entries = []
    candidates = list(request.candidates.select_related("candidate__user__job_seeker_profile"))
    for item in definition_.checklist:
        owners = [None] if item.party == Party.COMPANY else candidates
        for owner in owners:
            required = item.requirement == Requirement.ALWAYS or (owner is not None and _ever_married(owner.candidate))
            entries.append(
                ChecklistEntry(
                    request=request,
                    request_candidate=owner,
                    code=item.code,
                    label=_stored(item.label),
                    party=item.party,
                    source=item.source,
                    required=required,
                )
            )
    local_items = OfficeChecklistItem.objects.filter(office_id=request.office_id, service=request.service, active=True)
    for local in local_items:
        owners = [None] if local.party == Party.COMPANY else candidates
        for owner in owners:
            entries.append(
                ChecklistEntry(
                    request=request,
                    request_candidate=owner,
                    local_item=local,
                    label=local.label,
                    party=local.party,
                    source=Source.UPLOAD,
                    required=local.required,
                )
            )
    ChecklistEntry.objects.bulk_create(entries)
    _attach_automatic(request)


def _catalogue_key(request: ServiceRequest, code: str) -> str:
    return next((item.key for item in definition(request).checklist if item.code == code), "")


def _attach_automatic(request: ServiceRequest) -> None:
    """Attach to each automatic entry not attached yet what the platform holds now (CPMI file, company documents,
    SPR, recruiting officer, PP, profile photo, the nominee list itself)."""
    now = timezone.now()
    entries = request.checklist.filter(auto_attached_at=None).exclude(source=Source.UPLOAD)
    entries = entries.select_related(
        "request_candidate__candidate__registration",
        "request_candidate__candidate__user__job_seeker_profile",
        "request_candidate__agreement",
    )
    for entry in entries:
        # Stored text is the platform's data language, whoever's session attaches it; labels of national items
        # are translated when shown (`ChecklistEntry.display_label`).
        with translation.override(settings.LANGUAGE_CODE):
            found = _find_automatic(request, entry)
        if found is None:
            continue
        entry.cpmi_document = found.get("cpmi_document")
        entry.agency_document = found.get("agency_document")
        entry.reference = found.get("reference", "")[:200]
        entry.auto_attached_at = now
        entry.save(update_fields=["cpmi_document", "agency_document", "reference", "auto_attached_at"])


def _find_automatic(request: ServiceRequest, entry: ChecklistEntry) -> dict | None:
    key = _catalogue_key(request, entry.code)
    owner = entry.request_candidate
    if entry.source == Source.CPMI_FILE and owner is not None:
        document = (
            CpmiDocument.objects.filter(
                registration_id=owner.candidate.registration_id,
                kind=key,
                replaced_by=None,
                withdrawn_at=None,
            )
            .order_by("-id")
            .first()
        )
        return {"cpmi_document": document, "reference": document.original_name} if document else None
    if entry.source == Source.AGENCY_DOCUMENT:
        document = AgencyDocument.objects.filter(agency_id=request.agency_id, kind=key).order_by("-id").first()
        return {"agency_document": document, "reference": document.original_name} if document else None
    if entry.source == Source.PERMIT:
        permit = request.permit
        return {"reference": _("SPR %(number)s") % {"number": permit.number}} if permit else None
    if entry.source == Source.RECRUITING_OFFICER:
        officer = request.recruiting_officer
        if officer is None:
            return None
        return {
            "reference": _("Surat tugas %(number)s — %(name)s")
            % {"number": officer.assignment_letter_number, "name": officer.full_name}
        }
    if entry.source == Source.AGREEMENT and owner is not None:
        agreement = owner.agreement
        if agreement is None:
            return None
        return {"reference": agreement.number or _("PP %(status)s") % {"status": agreement.get_status_display()}}
    if entry.source == Source.PROFILE_PHOTO and owner is not None:
        profile = getattr(owner.candidate.user, "job_seeker_profile", None)
        if profile is None or not profile.photo:
            return None
        return {"reference": _("Foto profil")}
    if entry.source == Source.GENERATED:
        return {"reference": _("Dibuat dari daftar CPMI permohonan ini")}
    return None


# --- the checklist -----------------------------------------------------------------------------------------------


def entry_satisfied(entry: ChecklistEntry, files: list | None = None) -> bool:
    if entry.is_auto:
        return True
    files = files if files is not None else list(entry.files.all())
    return bool(files)


def checklist_missing(request: ServiceRequest) -> list[ChecklistEntry]:
    """Required entries with nothing attached or uploaded (one query with the files prefetched)."""
    entries = request.checklist.prefetch_related("files").select_related("request_candidate__candidate__user")
    return [entry for entry in entries if entry.required and not entry_satisfied(entry, list(entry.files.all()))]


def _missing_message(missing: list[ChecklistEntry]) -> ServiceError:
    names = []
    for entry in missing[:6]:
        owner = entry.request_candidate
        names.append(f"{entry.display_label} ({owner.candidate.user.full_name})" if owner else entry.display_label)
    more = len(missing) - len(names)
    text = "; ".join(names) + (_(" dan %(n)s lainnya") % {"n": more} if more > 0 else "")
    return ServiceError("checklist_incomplete", _("Berkas belum lengkap: %(items)s.") % {"items": text})


def checklist_upload(*, entry: ChecklistEntry, actor, uploaded) -> ChecklistFile:
    """Upload (a new version of) a checklist item: PDF, JPG or PNG up to 5 MB. Earlier versions stay."""
    request = ServiceRequest.objects.get(pk=entry.request_id)
    _require_filler(actor, request)
    REQUESTS.check(role=actor.role, status=request.status, action="edit")
    detected = validate_upload(uploaded, allowed=DOCUMENT_KINDS, field="file")
    with transaction.atomic():
        request = _locked(request)
        REQUESTS.check(role=actor.role, status=request.status, action="edit")
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
    _require_filler(actor, request)
    with transaction.atomic():
        request = _locked(request)
        REQUESTS.check(role=actor.role, status=request.status, action="submit")
        agency_can_act(request.agency)
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
    _require_filler(actor, request)
    with transaction.atomic():
        request = _locked(request)
        REQUESTS.check(role=actor.role, status=request.status, action="cancel")
        released = _release_places(request, request.candidates.filter(permit_unit_used=True), actor)
        _finish_record(request, actor, timezone.now(), StepOutcome.DONE, "cancelled")
        _set_status(request, RequestStatus.CANCELLED)
        request.current_step = ""
        _save(request)
        audit_record(actor=actor, action="service_request.cancel", target=request, data={"places_released": released})
    return request


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


# --- the office's steps -----------------------------------------------------------------------------------------


def request_assign(*, request: ServiceRequest, actor) -> ServiceRequest:
    """An officer of the office takes the request (or takes it over)."""
    _require_office(actor, request)
    with transaction.atomic():
        request = _locked(request)
        REQUESTS.check(role=actor.role, status=request.status, action="assign")
        if request.assigned_officer_id == actor.pk:
            return request
        previous = request.assigned_officer_id
        request.assigned_officer = actor
        request.save(update_fields=["assigned_officer", "updated_at"])
        audit_record(actor=actor, action="service_request.assign", target=request, data={"previous": previous})
    return request


def request_receive(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Step 1: the officer receives the request letter (and takes the request if nobody has)."""
    _require_office(actor, request)
    with transaction.atomic():
        request = _locked(request)
        if request.assigned_officer_id is None and actor.role == Role.OFFICER:
            request.assigned_officer = actor
        _check_step(request, actor, "receive", action="receive")
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
        missing = checklist_missing(request)
        if missing:
            raise _missing_message(missing)
        _advance(request, actor)
        _save(request)
        audit_record(actor=actor, action="service_request.check", target=request, data={"step": code})
        _step_notice(request, code)
    return request


def request_return(*, request: ServiceRequest, actor, reasons: Iterable[Reason]) -> ServiceRequest:
    """Back to the company with coded reasons, from any office step before the outputs are drafted."""
    _require_office(actor, request)
    with transaction.atomic():
        request = _locked(request)
        reasons = _clean_reasons(request, reasons)
        _check_step(request, actor, request.current_step or "receive", action="return")
        if request.current_step in ("register", "selection_minutes", "draft", "ratification", "archive"):
            raise ServiceError(
                "too_late_to_return", _("Permohonan yang nomornya sudah dicatat tidak dapat dikembalikan lagi.")
            )
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


def officer_approved(request: ServiceRequest) -> bool:
    return (
        request.recruiting_officer_id is not None
        and AgencyOfficerApproval.objects.filter(
            officer_id=request.recruiting_officer_id, office_id=request.office_id, status=ApprovalStatus.APPROVED
        ).exists()
    )


def request_check_recruiting_officer(*, request: ServiceRequest, actor, approve_now: bool = False) -> ServiceRequest:
    """Seed 002 step 3: the company's recruiting officer must be approved by this office; the officer may approve
    them here (through the agencies service) when the papers are in order."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "recruiting_officer")
        if not officer_approved(request):
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


def latest_interviews(request: ServiceRequest) -> dict[int, Interview]:
    latest = {}
    for interview in request.interviews.order_by("interviewed_at", "id"):
        latest[interview.request_candidate_id] = interview
    return latest


def request_finish_interviews(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Every CPMI interviewed; those who did not pass stay on the record without outputs or SPR quota."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "interview")
        latest = latest_interviews(request)
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


def candidate_data_problems(rc: RequestCandidate) -> list[str]:
    user = rc.candidate.user
    problems = []
    if not user.nik:
        problems.append(_("NIK"))
    if not user.birth_date:
        problems.append(_("tanggal lahir"))
    if not user.sex:
        problems.append(_("jenis kelamin"))
    if user.address_village_id is None:
        problems.append(_("alamat KTP"))
    return problems


def request_confirm_candidate_data(*, request: ServiceRequest, actor) -> ServiceRequest:
    """Seed 002 step 4 (end): the officer confirms each CPMI's data as it will be printed."""
    with transaction.atomic():
        request = _locked(request)
        _check_step(request, actor, "candidate_data")
        candidates = [rc for rc in request.candidates.select_related("candidate__user") if not rc.excluded]
        for rc in candidates:
            problems = candidate_data_problems(rc)
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
    if selection_date is None or selection_date > timezone.localdate():
        raise ServiceError(
            "selection_date_invalid", _("Isi tanggal seleksi (tidak boleh di masa depan)."), field="selection_date"
        )
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


def _check_no_duplicate(request: ServiceRequest) -> None:
    if request.service != Service.PASSPORT_RECOMMENDATION:
        return
    for rc in request.candidates.select_related("candidate__user"):
        if not rc.excluded and valid_recommendation_exists(rc.candidate, request.country, excluding=request):
            raise _duplicate_recommendation(rc.candidate, request.country)


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


def _notify_division_head(request: ServiceRequest) -> None:
    _notify(
        request,
        notices.AWAITING_DIVISION_HEAD(**_subject(request)),
        company=False,
        candidates=False,
        office=(StaffPosition.DIVISION_HEAD,),
    )


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
    _require_office(actor, request)
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
    _require_office(actor, request)
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
        _check_step(request, actor, "archive", action="archive")
        _advance(request, actor)
        _save(request, "completed_at")
        audit_record(actor=actor, action="service_request.archive", target=request)
        _notify(
            request,
            notices.COMPLETED(**_subject(request)),
        )
    return request


# Which service function does the current step, for the request page's action form.
STEP_ACTIONS = {
    "receive": "receive",
    "completeness": "check",
    "officer_check": "check",
    "admin_verify": "check",
    "recruiting_officer": "recruiting_officer",
    "interview": "interview",
    "permit": "permit",
    "candidate_data": "candidate_data",
    "register": "register",
    "selection_minutes": "selection_minutes",
    "draft": "draft",
    "ratification": "ratification",
    "handover": "sign_handover",
    "approval": "approve",
    "archive": "archive",
}


# --- the office's local checklist items ---------------------------------------------------------------------------
# offices.OfficeChecklistItem: offices sits below audit, so its audited writes live here, beside the requests that
# copy the items.

CHECKLIST_MANAGERS = (StaffPosition.OFFICE_HEAD, StaffPosition.DIVISION_HEAD)
CHECKLIST_DENIED = _("Hanya Kepala Dinas atau Kepala Bidang dinas ini yang dapat mengatur persyaratan lokal.")
LABEL_MAX_LENGTH = 200


def office_checklist_item_add(
    *, office: LabourOffice, actor, service: str, label: str, party: str, required: bool = True
) -> OfficeChecklistItem:
    """Add a local item to a service's national checklist at `office`."""
    if not is_staff_of(actor, office, positions=CHECKLIST_MANAGERS):
        raise PermissionDenied(CHECKLIST_DENIED)
    if service not in SERVICES:
        raise ServiceError("service_unknown", _("Pilih layanan."), field="service")
    if party not in (Party.COMPANY, Party.CANDIDATE):
        raise ServiceError("party_unknown", _("Pilih untuk siapa persyaratan ini."), field="party")
    label = " ".join((label or "").split())
    if not label:
        raise ServiceError("label_empty", _("Tuliskan nama persyaratan."), field="label")
    if len(label) > LABEL_MAX_LENGTH:
        raise ServiceError(
            "label_long", _("Nama persyaratan paling banyak %(n)s huruf.") % {"n": LABEL_MAX_LENGTH}, field="label"
        )
    national = {str(item.label).casefold() for item in SERVICES[service].checklist}
    with transaction.atomic():
        existing = OfficeChecklistItem.objects.filter(office=office, service=service, active=True)
        if label.casefold() in national or any(item.label.casefold() == label.casefold() for item in existing):
            raise ServiceError(
                "label_duplicate", _("Persyaratan ini sudah ada dalam daftar layanan tersebut."), field="label"
            )
        item = OfficeChecklistItem.objects.create(
            office=office, service=service, label=label, party=party, required=required, created_by=actor
        )
        audit_record(
            actor=actor,
            action="office_checklist_item.add",
            target=item,
            data={"office": office.pk, "service": service, "label": label, "party": party, "required": required},
        )
    return item


def office_checklist_item_deactivate(*, item: OfficeChecklistItem, actor) -> OfficeChecklistItem:
    """Retire a local item: never deleted, so requests that used it still show it."""
    with transaction.atomic():
        item = lock(OfficeChecklistItem, pk=item.pk)
        if not is_staff_of(actor, item.office_id, positions=CHECKLIST_MANAGERS):
            raise PermissionDenied(CHECKLIST_DENIED)
        if not item.active:
            return item
        item.active = False
        item.save(update_fields=["active"])
        audit_record(actor=actor, action="office_checklist_item.deactivate", target=item)
    return item
