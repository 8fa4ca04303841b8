"""Service-request pages: the company's requests, the office's queue and counter, a request's page with its
checklist, timeline and the current step's form, the division head's approvals, the time report and the PDFs.

Views only parse input, call `apps.officeservices.services` and render. A request a person may not see is a 404.
"""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES, Role
from apps.agencies.models import PlacementAgency
from apps.agencies.selectors import agency_of
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.offices.catalogue import SERVICES, Party, Service
from apps.offices.selectors import office_of
from apps.officeservices import selectors, services
from apps.officeservices.forms import (
    InterviewForm,
    OpenRequestForm,
    PermitForm,
    ReportForm,
    ReturnForm,
    SelectionForm,
    SendBackForm,
    UploadForm,
)
from apps.officeservices.models import Channel, ChecklistEntry, ChecklistFile, RequestStatus
from apps.officeservices.permissions import REQUESTS
from apps.permits.models import RecruitmentPermit

# --- helpers --------------------------------------------------------------------------------------------------


def _request_for(request, pk):
    """The service request `pk` if the user may see its page, else 404."""
    service_request = selectors.request_detail(pk)
    if service_request is None or not services.can_view(request.user, service_request):
        raise Http404
    return service_request


def _back(service_request):
    return redirect("officeservices:request_detail", pk=service_request.pk)


def _run(request, service_request, call, success: str):
    try:
        call()
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return _back(service_request)


def _open_form(request, agency, *, office=None, data=None):
    return OpenRequestForm(
        data,
        candidates=services.eligible_candidates(agency, office=office),
        officers=agency.officers.order_by("full_name"),
    )


def _open_from_form(request, form, agency, channel):
    data = form.cleaned_data
    details = services.RequestDetails(
        letter_number=data["letter_number"],
        letter_date=data["letter_date"],
        immigration_office=data["immigration_office"],
        immigration_city=data["immigration_city"],
    )
    try:
        return services.request_open(
            actor=request.user,
            agency=agency,
            service=data["service"],
            candidates=list(data["candidates"]),
            recruiting_officer=data["recruiting_officer"],
            details=details,
            channel=channel,
        )
    except ServiceError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None


# --- the company's side ---------------------------------------------------------------------------------------


@role_required(Role.AGENCY_STAFF)
@require_GET
def company_requests(request):
    agency = agency_of(request.user)
    rows = selectors.company_requests(agency) if agency else []
    return render(request, "officeservices/company_requests.html", {"agency": agency, "requests": rows})


@role_required(Role.AGENCY_STAFF)
@require_http_methods(["GET", "POST"])
def request_open(request):
    agency = agency_of(request.user)
    if agency is None:
        raise Http404
    form = _open_form(request, agency, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        service_request = _open_from_form(request, form, agency, Channel.ONLINE)
        if service_request is not None:
            messages.success(request, _("Permohonan dibuat. Lengkapi berkas yang belum ada, lalu ajukan."))
            return _back(service_request)
    return render(request, "officeservices/request_open.html", {"form": form, "agency": agency, "counter": False})


# --- the office's side ----------------------------------------------------------------------------------------


@role_required(*OFFICE_ROLES)
@require_GET
def office_queue(request):
    office = office_of(request.user)
    step = request.GET.get("langkah", "")
    mine = request.GET.get("milik") == "saya"
    rows = selectors.office_queue(office, step=step, mine_for=request.user if mine else None)
    context = {
        "office": office,
        "rows": rows,
        "steps": selectors.step_counts(office),
        "step": step,
        "mine": mine,
    }
    return render(request, "officeservices/office_queue.html", context)


@role_required(*OFFICE_ROLES)
@require_GET
def approval_queue(request):
    office = office_of(request.user)
    rows = selectors.approval_queue(office)
    return render(request, "officeservices/approval_queue.html", {"office": office, "rows": rows})


@role_required(Role.OFFICER)
@require_http_methods(["GET", "POST"])
def counter_open(request):
    """Seed 004: a walk-in company at the counter; the officer opens the request for it."""
    office = office_of(request.user)
    agencies = PlacementAgency.objects.order_by("name")
    agency = None
    agency_id = request.POST.get("agency") or request.GET.get("agency")
    if agency_id and str(agency_id).isdigit():
        agency = agencies.filter(pk=agency_id).first()
    form = None
    if agency is not None:
        form = _open_form(request, agency, office=office, data=request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            service_request = _open_from_form(request, form, agency, Channel.COUNTER)
            if service_request is not None:
                messages.success(request, _("Permohonan loket dibuat. Pindai berkas yang dibawa, lalu ajukan."))
                return _back(service_request)
    context = {"agencies": agencies, "agency": agency, "form": form, "counter": True, "office": office}
    return render(request, "officeservices/request_open.html", context)


def _default_since(today: datetime.date) -> datetime.date:
    return today.replace(day=1)


@role_required(*OFFICE_ROLES)
@require_GET
def time_report(request):
    office = office_of(request.user)
    form = ReportForm(request.GET or None)
    today = timezone.localdate()
    since, until = _default_since(today), today
    if form.is_bound and form.is_valid():
        since = form.cleaned_data["since"] or since
        until = form.cleaned_data["until"] or until
    report = selectors.time_report(office, since=since, until=until)
    context = {"office": office, "form": form, "report": report, "since": since, "until": until}
    return render(request, "officeservices/time_report.html", context)


# --- one request ----------------------------------------------------------------------------------------------


def _step_context(request, service_request) -> dict:
    """What the current step's form needs, for whoever may do it now."""
    user = request.user
    code = service_request.current_step
    definition = SERVICES[service_request.service]
    context = {"step_code": code, "step_role_label": ""}
    if not code:
        return context
    step = definition.step(code)
    context["step_role_label"] = Role(step.role).label
    if user.role != step.role:
        return context
    if step.role == Role.OFFICER and code != "receive" and service_request.assigned_officer_id != user.pk:
        context["needs_assign"] = True
        return context
    if step.role == Role.AGENCY_STAFF and not services.is_company_member(user, service_request):
        return context
    context["can_act"] = True
    if code == "interview":
        latest = services.latest_interviews(service_request)
        context["interview_rows"] = [
            (rc, latest.get(rc.pk), InterviewForm(initial={"request_candidate": rc.pk, "recruiter_present": True}))
            for rc in service_request.candidates.all()
        ]
    elif code == "permit":
        permits = RecruitmentPermit.objects.filter(agency_id=service_request.agency_id).order_by("-valid_until")
        context["permit_form"] = PermitForm(
            permits=permits, initial={"permit": service_request.permit_id} if service_request.permit_id else None
        )
    elif code == "selection_minutes":
        context["selection_form"] = SelectionForm(
            initial={"selection_date": timezone.localdate(), "selection_place": service_request.office.address}
        )
    elif code == "recruiting_officer":
        context["officer_approved"] = services.officer_approved(service_request)
    elif code == "approval":
        context["send_back_form"] = SendBackForm()
    elif code == "candidate_data":
        context["data_problems"] = {
            rc.pk: services.candidate_data_problems(rc) for rc in service_request.candidates.all() if not rc.excluded
        }
    return context


def _issued_documents(service_request):
    try:  # TEMP-UNTIL-DOCS-MERGE
        return list(
            service_request.documents.select_related(
                "entry", "document", "request_candidate__candidate__user"
            ).order_by("id")
        )
    except AttributeError:
        return []


@login_required_get_post := None  # placeholder removed below
def _unused():  # pragma: no cover
    return None
