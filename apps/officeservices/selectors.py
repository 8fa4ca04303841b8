"""Reads of service requests: the company's list, the office queue (by step and age, overdue first), the
division head's approvals, a request's page, and the time report against the SOP's standards. Each list is a
fixed number of queries, however many rows it shows. Also the reads the step commands and the step forms share:
whom a company may request for, what the checklist still misses, the latest interviews, the CPMI data to fix."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agencies.models import AgencyOfficerApproval, ApprovalStatus
from apps.core.workdays import working_days_since
from apps.cpmi.models import MigrantCandidate
from apps.offices.catalogue import SERVICES
from apps.officeservices.models import (
    OPEN_STATUSES,
    ChecklistEntry,
    ChecklistFile,
    Interview,
    RequestCandidate,
    RequestStatus,
    ServiceRequest,
    StepRecord,
)
from apps.vacancies.models import Application, ApplicationStatus


def step_label(request: ServiceRequest, code: str | None = None) -> str:
    code = request.current_step if code is None else code
    definition = SERVICES.get(request.service)
    if not code or definition is None or not definition.has_step(code):
        return ""
    return str(definition.step(code).label)


def _with_counts(rows):
    return rows.select_related("agency", "assigned_officer").annotate(
        candidate_count=Count("candidates", distinct=True)
    )


def company_requests(agency):
    return _with_counts(ServiceRequest.objects.filter(agency=agency)).order_by("-created_at", "-id")


@dataclass
class QueueRow:
    request: ServiceRequest
    step: str
    days: int  # working days since first submission
    overdue: bool  # beyond the service's standard (3 working days)
    step_minutes: int  # minutes in the current step
    step_overdue: bool  # beyond the step's standard time


def queue_rows(requests, now: datetime.datetime | None = None) -> list[QueueRow]:
    now = now or timezone.now()
    rows = []
    for request in requests:
        definition = SERVICES[request.service]
        days = working_days_since(request.submitted_at, now)
        minutes = int((now - request.step_started_at).total_seconds() // 60) if request.step_started_at else 0
        step = definition.step(request.current_step) if request.current_step else None
        step_overdue = False
        if step is not None and step.standard_minutes is not None:
            step_overdue = minutes > step.standard_minutes
        elif step is not None and step.standard_working_days is not None:  # seed 001: the check within 1 day
            step_overdue = working_days_since(request.step_started_at, now) > step.standard_working_days
        rows.append(
            QueueRow(
                request=request,
                step=step_label(request),
                days=days,
                overdue=days > definition.standard_working_days,
                step_minutes=minutes,
                step_overdue=step_overdue,
            )
        )
    # Overdue first, then the oldest.
    rows.sort(key=lambda row: (not row.overdue, not row.step_overdue, row.request.submitted_at or now))
    return rows


def office_queue(office, *, step: str = "", mine_for=None):
    """Open requests sent to `office` (optionally at one step, or assigned to one officer)."""
    rows = ServiceRequest.objects.filter(office=office, status__in=OPEN_STATUSES)
    if step:
        rows = rows.filter(current_step=step)
    if mine_for is not None:
        rows = rows.filter(assigned_officer=mine_for)
    return queue_rows(_with_counts(rows))


def step_counts(office) -> list[tuple[str, str, int]]:
    """(step code, label, count) of the office's open requests, in the SOP's order."""
    counts = dict(
        ServiceRequest.objects.filter(office=office, status__in=OPEN_STATUSES)
        .values_list("current_step")
        .annotate(n=Count("id"))
    )
    seen, result = set(), []
    for definition in SERVICES.values():
        for step in definition.steps:
            if step.code in counts and step.code not in seen:
                seen.add(step.code)
                result.append((step.code, str(step.label), counts[step.code]))
    return result


def approval_queue(office):
    return queue_rows(
        _with_counts(ServiceRequest.objects.filter(office=office, status=RequestStatus.AWAITING_APPROVAL))
    )


def office_counts(office) -> dict:
    """Open requests and those waiting for the division head, in one query (the office dashboard's card)."""
    return ServiceRequest.objects.filter(office=office, status__in=OPEN_STATUSES).aggregate(
        open=Count("id"), awaiting_approval=Count("id", filter=Q(status=RequestStatus.AWAITING_APPROVAL))
    )


def open_count(office) -> int:
    return ServiceRequest.objects.filter(office=office, status__in=OPEN_STATUSES).count()


def request_detail(pk: int) -> ServiceRequest | None:
    candidates = RequestCandidate.objects.select_related(
        "candidate__user", "candidate__office", "application__vacancy", "agreement"
    )
    return (
        ServiceRequest.objects.select_related(
            "agency", "office", "assigned_officer", "permit", "recruiting_officer", "opened_by", "handover_signed_by"
        )
        .prefetch_related(Prefetch("candidates", queryset=candidates))
        .filter(pk=pk)
        .first()
    )


@dataclass
class ChecklistGroup:
    title: str
    candidate: RequestCandidate | None
    entries: list = field(default_factory=list)


def checklist_groups(request: ServiceRequest) -> list[ChecklistGroup]:
    """The checklist, company items first then each CPMI's, with each entry's versions (newest first)."""
    entries = (
        ChecklistEntry.objects.filter(request=request)
        .select_related("cpmi_document", "agency_document", "local_item")
        .prefetch_related(Prefetch("files", queryset=ChecklistFile.objects.order_by("-id")))
        .order_by("id")
    )
    groups: dict[int | None, ChecklistGroup] = {None: ChecklistGroup(title="", candidate=None)}
    for rc in request.candidates.all():
        groups[rc.pk] = ChecklistGroup(title=rc.candidate.user.full_name, candidate=rc)
    for entry in entries:
        entry.versions = list(entry.files.all())
        entry.satisfied = entry.is_auto or bool(entry.versions)
        groups[entry.request_candidate_id].entries.append(entry)
    return list(groups.values())


@dataclass
class TimelineRow:
    record: StepRecord
    label: str
    minutes: int | None
    standard: int | None
    over: bool


def timeline(request: ServiceRequest) -> list[TimelineRow]:
    rows = []
    for record in request.steps.select_related("actor").order_by("started_at", "id"):
        rows.append(
            TimelineRow(
                record=record,
                label=step_label(request, record.step),
                minutes=record.minutes,
                standard=record.standard_minutes,
                over=record.over_standard,
            )
        )
    return rows


# --- the time report --------------------------------------------------------------------------------------------


@dataclass
class StepTimes:
    service: str
    step: str
    label: str
    officer: str = ""
    count: int = 0
    total_seconds: int = 0
    over: int = 0
    standard: int | None = None

    @property
    def average_minutes(self) -> int:
        return round(self.total_seconds / self.count / 60) if self.count else 0


@dataclass
class TimeReport:
    by_step: list[StepTimes]
    by_officer: list[StepTimes]
    completed: int
    within_standard: int
    average_days: float


def time_report(office, *, since: datetime.date, until: datetime.date) -> TimeReport:
    """Per step and per officer and step: how many were done, the average minutes, the standard and how many took
    longer; and the requests completed in the period against the 3 working days."""
    records = (
        StepRecord.objects.filter(
            request__office=office,
            finished_at__date__gte=since,
            finished_at__date__lte=until,
            duration_seconds__isnull=False,
        )
        .values("request__service", "step", "actor__full_name", "standard_minutes")
        .annotate(
            n=Count("id"),
            total=Sum("duration_seconds"),
            over=Count("id", filter=Q(standard_minutes__isnull=False, duration_seconds__gt=F("standard_minutes") * 60)),
        )
        .order_by()
    )
    by_step: dict[tuple, StepTimes] = {}
    by_officer: dict[tuple, StepTimes] = {}
    for row in records:
        service, step = row["request__service"], row["step"]
        definition = SERVICES.get(service)
        label = str(definition.step(step).label) if definition and definition.has_step(step) else step
        for bucket, key, officer in (
            (by_step, (service, step), ""),
            (by_officer, (row["actor__full_name"] or "-", service, step), row["actor__full_name"] or "-"),
        ):
            times = bucket.setdefault(key, StepTimes(service=service, step=step, label=label, officer=officer))
            times.count += row["n"]
            times.total_seconds += row["total"] or 0
            times.over += row["over"]
            times.standard = row["standard_minutes"] if row["standard_minutes"] is not None else times.standard
    order = {(s, step.code): i for s, d in SERVICES.items() for i, step in enumerate(d.steps)}
    steps = sorted(by_step.values(), key=lambda t: (t.service, order.get((t.service, t.step), 99)))
    officers = sorted(by_officer.values(), key=lambda t: (t.officer, t.service, order.get((t.service, t.step), 99)))
    completed = ServiceRequest.objects.filter(
        office=office, status=RequestStatus.COMPLETED, completed_at__date__gte=since, completed_at__date__lte=until
    ).values_list("service", "submitted_at", "completed_at")
    days = [(SERVICES[s].standard_working_days, working_days_since(a, b)) for s, a, b in completed]
    within = sum(1 for standard, d in days if d <= standard)
    average = round(sum(d for _s, d in days) / len(days), 1) if days else 0.0
    return TimeReport(
        by_step=steps, by_officer=officers, completed=len(days), within_standard=within, average_days=average
    )


@dataclass
class CandidateRequestRow:
    request: ServiceRequest
    step: str
    documents: list


def candidate_requests(user) -> list[CandidateRequestRow]:
    """The requests a CPMI is on (not drafts), with the documents issued for them: three queries."""
    from apps.officeservices.models import RequestDocument

    requests = list(
        ServiceRequest.objects.filter(candidates__candidate__user=user)
        .exclude(status__in=[RequestStatus.DRAFT, RequestStatus.CANCELLED])
        .select_related("office")
        .order_by("-created_at")
        .distinct()
    )
    documents = (
        RequestDocument.objects.filter(
            request__in=requests, request_candidate__candidate__user=user, document__isnull=False
        )
        .select_related("entry", "document")
        .order_by("id")
    )
    by_request: dict[int, list] = {}
    for row in documents:
        by_request.setdefault(row.request_id, []).append(row)
    return [CandidateRequestRow(r, step_label(r), by_request.get(r.pk, [])) for r in requests]


# --- reads the step commands and the request page share ---------------------------------------------------------


def accepted_application(candidate: MigrantCandidate, agency) -> Application | None:
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


def entry_satisfied(entry: ChecklistEntry, files: list | None = None) -> bool:
    if entry.is_auto:
        return True
    files = files if files is not None else list(entry.files.all())
    return bool(files)


def checklist_missing(request: ServiceRequest) -> list[ChecklistEntry]:
    """Required entries with nothing attached or uploaded (one query with the files prefetched)."""
    entries = request.checklist.prefetch_related("files").select_related("request_candidate__candidate__user")
    return [entry for entry in entries if entry.required and not entry_satisfied(entry, list(entry.files.all()))]


def officer_approved(request: ServiceRequest) -> bool:
    """The request's recruiting officer is approved by the request's office."""
    return (
        request.recruiting_officer_id is not None
        and AgencyOfficerApproval.objects.filter(
            officer_id=request.recruiting_officer_id, office_id=request.office_id, status=ApprovalStatus.APPROVED
        ).exists()
    )


def latest_interviews(request: ServiceRequest) -> dict[int, Interview]:
    latest = {}
    for interview in request.interviews.order_by("interviewed_at", "id"):
        latest[interview.request_candidate_id] = interview
    return latest


def candidate_data_problems(rc: RequestCandidate) -> list[str]:
    """What is missing from a CPMI's data as the outputs will print it."""
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
