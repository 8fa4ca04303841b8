"""Service-request pages: the company's requests, the office's queue and counter, a request's page with its
checklist, timeline and the current step's form, the division head's approvals, the time report and the PDFs.

Views only parse input, call `apps.officeservices.services` and render. What a person may do is asked of the policy
(`apps.officeservices.policy`): a request they may not view is a 404; the page shows the actions it allows and,
beside a disabled button, why not.
"""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES, Role
from apps.agencies.models import PlacementAgency
from apps.agencies.selectors import agency_of
from apps.agreements.models import PlacementAgreement
from apps.agreements.policy import POLICY as AGREEMENT_POLICY
from apps.audit.services import audit_record
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.core.workdays import working_days_since
from apps.offices.catalogue import SERVICES, Party, Service
from apps.offices.models import OfficeChecklistItem
from apps.offices.selectors import is_staff_of, local_checklist_items, office_of
from apps.officeservices import selectors, services
from apps.officeservices.dossier import agreement_request_files
from apps.officeservices.forms import (
    ChecklistItemForm,
    InterviewForm,
    OpenRequestForm,
    PermitForm,
    ReportForm,
    ReturnForm,
    SelectionForm,
    SendBackForm,
    UploadForm,
)
from apps.officeservices.models import Channel, ChecklistEntry, ChecklistFile, RequestDocument, RequestStatus
from apps.officeservices.permissions import step_actions
from apps.officeservices.policy import OPENING_POLICY, POLICY, manages_checklist, opening_actions
from apps.permits.models import RecruitmentPermit

# --- helpers --------------------------------------------------------------------------------------------------


def _request_for(request, pk):
    """The service request `pk` if the user may see its page, else 404."""
    service_request = selectors.request_detail(pk)
    if service_request is None or not POLICY.allows(service_request, request.user, "view"):
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
        candidates=selectors.eligible_candidates(agency, office=office),
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


@login_required
@require_http_methods(["GET", "POST"])
def request_open(request):
    agency = agency_of(request.user)
    opening = opening_actions(request.user, agency=agency)
    if opening["open"].denied:
        # Someone who never opens a request: 403; a company account without a company (any more): 404.
        raise Http404 if OPENING_POLICY.takes(request.user, "open") else PermissionDenied
    form = _open_form(request, agency, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        service_request = _open_from_form(request, form, agency, Channel.ONLINE)
        if service_request is not None:
            messages.success(request, _("Permohonan dibuat. Lengkapi berkas yang belum ada, lalu ajukan."))
            return _back(service_request)
    context = {"form": form, "agency": agency, "counter": False, "opening": opening, "open_action": "open"}
    return render(request, "officeservices/request_open.html", context)


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
        "opening": opening_actions(request.user, office=office),
    }
    return render(request, "officeservices/office_queue.html", context)


@role_required(*OFFICE_ROLES)
@require_GET
def approval_queue(request):
    office = office_of(request.user)
    rows = selectors.approval_queue(office)
    return render(request, "officeservices/approval_queue.html", {"office": office, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def counter_open(request):
    """Seed 004: a walk-in company at the counter; the officer opens the request for it."""
    office = office_of(request.user)
    if not opening_actions(request.user, office=office)["open_counter"]:
        raise PermissionDenied
    agencies = PlacementAgency.objects.order_by("name")
    agency = None
    agency_id = request.POST.get("agency") or request.GET.get("agency")
    if agency_id and str(agency_id).isdigit():
        agency = agencies.filter(pk=agency_id).first()
    form = opening = None
    if agency is not None:
        opening = opening_actions(request.user, agency=agency, office=office)
        form = _open_form(request, agency, office=office, data=request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            service_request = _open_from_form(request, form, agency, Channel.COUNTER)
            if service_request is not None:
                messages.success(request, _("Permohonan loket dibuat. Pindai berkas yang dibawa, lalu ajukan."))
                return _back(service_request)
    context = {
        "agencies": agencies,
        "agency": agency,
        "form": form,
        "counter": True,
        "office": office,
        "opening": opening,
        "open_action": "open_counter",
    }
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


def _step_context(service_request, actions, held) -> dict:
    """The current step and, for whoever the policy lets do it now, its form; for the right person held back by a
    fact (another officer has the request), the reason."""
    code = service_request.current_step
    context = {"step_code": code, "step_role_label": ""}
    if not code:
        return context
    step = SERVICES[service_request.service].step(code)
    action = step_actions(code)[0]
    context.update(step_role_label=Role(step.role).label, step_action=action, step_held=action in held)
    if not actions[action]:
        return context
    context["can_act"] = True
    if code == "interview":
        latest = selectors.latest_interviews(service_request)
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
            initial={
                "selection_date": timezone.localdate(),
                "selection_place": service_request.office.address or service_request.office.name,
            }
        )
    elif code == "recruiting_officer":
        context["officer_approved"] = selectors.officer_approved(service_request)
    elif code == "approval":
        context["send_back_form"] = SendBackForm()
    elif code == "candidate_data":
        context["data_problems"] = {
            rc.pk: selectors.candidate_data_problems(rc) for rc in service_request.candidates.all() if not rc.excluded
        }
    return context


def _entries(service_request):
    return ChecklistEntry.objects.filter(request=service_request).select_related("request_candidate__candidate__user")


def issued_documents(service_request) -> list:
    return list(
        service_request.documents.select_related("entry", "document", "request_candidate__candidate__user").order_by(
            "id"
        )
    )


@login_required
@require_GET
def request_detail(request, pk):
    service_request = _request_for(request, pk)
    user = request.user
    actions = POLICY.available_actions(service_request, user)
    held = POLICY.held_back(service_request, user, actions)
    # The reasons of the current round are what to fix now; those of earlier rounds, already dealt with, fold away.
    reasons = list(service_request.return_reasons.select_related("entry", "created_by"))
    finished = service_request.status in (RequestStatus.COMPLETED, RequestStatus.CANCELLED)
    current_reasons = [] if finished else [r for r in reasons if r.round == service_request.round]
    context = {
        "sr": service_request,
        "definition": SERVICES[service_request.service],
        "step_label": selectors.step_label(service_request),
        "groups": selectors.checklist_groups(service_request),
        "timeline": selectors.timeline(service_request),
        "days": working_days_since(service_request.submitted_at, service_request.completed_at),
        "current_reasons": current_reasons,
        "earlier_reasons": [r for r in reasons if r not in current_reasons],
        "interviews": service_request.interviews.select_related("interviewer", "request_candidate__candidate__user"),
        "documents": issued_documents(service_request),
        "actions": actions,
        "held": held,
        "company_side": POLICY.is_company(service_request, user),
        "approver": POLICY.approves(user),
        # Taking over a request one already has changes nothing: no button for it.
        "can_assign": "assign" in actions and service_request.assigned_officer_id != user.pk,
        "upload_form": UploadForm(),
        "return_form": ReturnForm(entries=_entries(service_request)),
        "company_party": Party.COMPANY,
        "passport": service_request.service == Service.PASSPORT_RECOMMENDATION,
        **_step_context(service_request, actions, held),
    }
    return render(request, "officeservices/request_detail.html", context)


@login_required
@require_POST
def checklist_upload(request, pk, entry_pk):
    service_request = _request_for(request, pk)
    entry = ChecklistEntry.objects.filter(pk=entry_pk, request=service_request).first()
    if entry is None:
        raise Http404
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Pilih berkas yang akan diunggah."))
        return _back(service_request)
    return _run(
        request,
        service_request,
        lambda: services.checklist_upload(entry=entry, actor=request.user, uploaded=form.cleaned_data["file"]),
        _("Berkas diunggah: %(label)s.") % {"label": entry.display_label},
    )


def _entry_stored(entry: ChecklistEntry, version_pk: int | None):
    """(stored file, content type, name) of an entry: one uploaded version, or what was attached automatically."""
    if version_pk is not None:
        version = ChecklistFile.objects.filter(pk=version_pk, entry=entry).first()
        return (version.file, version.content_type, version.original_name) if version else None
    if entry.cpmi_document_id:
        document = entry.cpmi_document
        return document.file, document.content_type, document.original_name
    if entry.agency_document_id:
        document = entry.agency_document
        return document.file, document.content_type, document.original_name
    if entry.code == "photo" and entry.is_auto and entry.request_candidate_id:
        profile = getattr(entry.request_candidate.candidate.user, "job_seeker_profile", None)
        if profile is not None and profile.photo:
            return profile.photo, "image/jpeg", "foto.jpg"
    version = entry.files.order_by("-id").first()
    return (version.file, version.content_type, version.original_name) if version else None


@login_required
@require_GET
def checklist_file(request, pk, entry_pk, version_pk=None):
    """A checklist item's file for the request's company and its office's staff."""
    service_request = _request_for(request, pk)
    entry = (
        ChecklistEntry.objects.select_related("cpmi_document", "agency_document", "request_candidate__candidate__user")
        .filter(pk=entry_pk, request=service_request)
        .first()
    )
    stored = _entry_stored(entry, version_pk) if entry else None
    if not stored:
        raise Http404
    file, content_type, name = stored
    return private_file_response(file, content_type=content_type, filename=name)


def _post_action(request, pk, call, success):
    service_request = _request_for(request, pk)
    return _run(request, service_request, lambda: call(service_request), success)


@login_required
@require_POST
def request_submit(request, pk):
    return _post_action(
        request,
        pk,
        lambda sr: services.request_submit(request=sr, actor=request.user),
        _("Permohonan diajukan ke dinas."),
    )


@login_required
@require_POST
def request_cancel(request, pk):
    return _post_action(
        request, pk, lambda sr: services.request_cancel(request=sr, actor=request.user), _("Permohonan dibatalkan.")
    )


@login_required
@require_POST
def request_assign(request, pk):
    return _post_action(
        request,
        pk,
        lambda sr: services.request_assign(request=sr, actor=request.user),
        _("Permohonan ini sekarang Anda tangani."),
    )


@login_required
@require_POST
def request_return(request, pk):
    service_request = _request_for(request, pk)
    form = ReturnForm(request.POST, entries=_entries(service_request))
    if not form.is_valid():
        messages.error(request, _("Pilih paling sedikit satu alasan pengembalian."))
        return _back(service_request)
    text, entry_id = form.cleaned_data["text"], form.cleaned_data["entry"]
    reasons = [services.Reason(code, text, entry_id) for code in form.cleaned_data["codes"]]
    return _run(
        request,
        service_request,
        lambda: services.request_return(request=service_request, actor=request.user, reasons=reasons),
        _("Permohonan dikembalikan kepada perusahaan."),
    )


@login_required
@require_POST
def interview(request, pk):
    service_request = _request_for(request, pk)
    form = InterviewForm(request.POST)
    rc = None
    if form.is_valid():
        rc = service_request.candidates.filter(pk=form.cleaned_data["request_candidate"]).first()
    if rc is None:
        messages.error(request, _("Lengkapi waktu dan hasil wawancara."))
        return _back(service_request)
    data = form.cleaned_data
    return _run(
        request,
        service_request,
        lambda: services.interview_record(
            request=service_request,
            actor=request.user,
            request_candidate=rc,
            interviewed_at=data["interviewed_at"],
            recruiter_present=data["recruiter_present"],
            outcome=data["outcome"],
            note=data["note"],
        ),
        _("Hasil wawancara %(name)s dicatat.") % {"name": rc.candidate.user.full_name},
    )


def _step_data(command, post) -> dict:
    """The data the step's command takes, from its form (a ServiceError when the form is not filled)."""
    data = {}
    if "approve_now" in command.fields:
        data["approve_now"] = post.get("approve_now") == "1"
    if "permit" in command.fields:
        # Any SPR is accepted by the form: the service says why another company's one is refused.
        form = PermitForm(post, permits=RecruitmentPermit.objects.all())
        if not form.is_valid():
            raise ServiceError("permit_missing", _("Pilih SPR."))
        data.update(permit=form.cleaned_data["permit"], copy_matches=form.cleaned_data["copy_matches"])
    if "selection_date" in command.fields:
        form = SelectionForm(post)
        if not form.is_valid():
            raise ServiceError("selection_invalid", _("Isi tanggal dan tempat seleksi."))
        data.update(
            selection_date=form.cleaned_data["selection_date"], selection_place=form.cleaned_data["selection_place"]
        )
    return data


@login_required
@require_POST
def request_step(request, pk):
    service_request = _request_for(request, pk)
    expected = request.POST.get("step", "")
    if expected and expected != service_request.current_step:
        messages.error(request, _("Langkah permohonan ini sudah berubah; periksa kembali."))
        return _back(service_request)
    user, code = request.user, service_request.current_step
    if request.POST.get("decision") == "send_back":  # the division head's other answer at the approval step
        reason = request.POST.get("reason", "")
        call = lambda: services.request_send_back(request=service_request, actor=user, reason=reason)  # noqa: E731
        return _run(request, service_request, call, _("Permohonan dikembalikan ke petugas."))
    try:
        command = services.step_command(code)
        data = _step_data(command, request.POST)
    except ServiceError as error:
        messages.error(request, error.message)
        return _back(service_request)
    call = lambda: services.step_perform(request=service_request, actor=user, step=code, **data)  # noqa: E731
    return _run(request, service_request, call, command.done)


@login_required
@require_GET
def document_pdf(request, pk, document_pk):
    """An issued output of the request as PDF: for the request's company, its office's staff and the CPMI the
    document is about."""
    from apps.documents.services import verification_url
    from apps.officeservices.pdf import render_document_pdf

    row = (
        RequestDocument.objects.select_related("request", "document", "request_candidate__candidate")
        .filter(pk=document_pk, request_id=pk, document__isnull=False)
        .first()
    )
    if row is None:
        raise Http404
    if not POLICY.document_allowed(row, request.user):
        raise Http404
    document = row.document
    pdf = render_document_pdf(document.snapshot, verification_url(document))
    name = f"{document.document_type}-{document.entry_id}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def draft_pdf(request, pk, document_pk):
    """The draft of an output not signed yet (seed 002 steps 7-8: the officer prints the draft, the division head
    checks it before approving): office staff of the request only."""
    from apps.officeservices.outputs import preview_snapshot
    from apps.officeservices.pdf import render_document_pdf

    service_request = _request_for(request, pk)
    if not POLICY.allows(service_request, request.user, "preview"):
        raise Http404
    row = (
        RequestDocument.objects.select_related("entry", "request_candidate")
        .filter(pk=document_pk, request=service_request, document__isnull=True)
        .first()
    )
    if row is None:
        raise Http404
    snapshot = preview_snapshot(service_request, row, request.user)
    pdf = render_document_pdf(snapshot, _("DRAF — belum ditandatangani, belum berlaku"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="draf-{row.document_type}-{row.pk}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- the office head's local checklist items ----------------------------------------------------------------------


def _checklist_managers_only(view):
    """Signed in, and the head of office or the division head (the policy's `manages_checklist`); else 403."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not manages_checklist(request.user, office_of(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@_checklist_managers_only
@require_http_methods(["GET", "POST"])
def local_checklist(request):
    office = office_of(request.user)
    form = ChecklistItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.office_checklist_item_add(office=office, actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Persyaratan lokal “%(label)s” ditambahkan.") % {"label": item.label})
            return redirect("officeservices:local_checklist")
    items = list(local_checklist_items(office, active_only=False))
    groups = [(service, [item for item in items if item.service == service.code]) for service in SERVICES.values()]
    return render(request, "officeservices/local_checklist.html", {"office": office, "form": form, "groups": groups})


@_checklist_managers_only
@require_POST
def local_checklist_deactivate(request, pk):
    item = get_object_or_404(OfficeChecklistItem, pk=pk)
    if not is_staff_of(request.user, item.office_id):
        raise Http404
    try:
        services.office_checklist_item_deactivate(item=item, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Persyaratan “%(label)s” dinonaktifkan.") % {"label": item.label})
    return redirect("officeservices:local_checklist")


# --- the PP review page's files from the ID CPMI request ----------------------------------------------------------


@login_required
@require_GET
@xframe_options_sameorigin
def agreement_file(request, agreement_pk, file_pk):
    """A company upload of the ID CPMI request shown in the PP's file, for staff of the PP's office while they may
    review the PP; 404 for everyone else, and for a file that is not (or no longer) the one the file shows."""
    agreement = PlacementAgreement.objects.filter(pk=agreement_pk).first()
    if agreement is None or not AGREEMENT_POLICY.allows(agreement, request.user, "review"):
        raise Http404
    version = next((row for row in agreement_request_files(agreement) if row.pk == file_pk), None)
    if version is None:
        raise Http404
    inline = request.GET.get("inline") == "1"
    response = private_file_response(
        version.file,
        as_attachment=not inline,
        framable=inline,
        filename=version.original_name,
        content_type=version.content_type,
    )
    audit_record(
        actor=request.user, action="agreement.file_service_request", target=agreement, data={"file": version.pk}
    )
    return response
