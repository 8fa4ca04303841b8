"""Complaint pages: filing and checking by code (public), the office's list and answer page, the attachment for
the office, and the office head's local checklist items. Views parse input, call `apps.complaints.services` and
render; who may open what comes from the complaint's policy `apps.complaints.policy.POLICY`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES
from apps.complaints import selectors, services
from apps.complaints.forms import AnswerForm, CodeForm, ComplaintForm, ListFilterForm
from apps.complaints.models import Complaint
from apps.complaints.policy import POLICY
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.offices.models import LabourOffice
from apps.offices.selectors import office_of

PAGE_SIZE = 25
FILED_SESSION_KEY = "complaint_filed"


# --- public ------------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def submit(request):
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint, code = services.complaint_file(
                    office=data["office"],
                    service=data["service"],
                    text=data["text"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    uploaded=data.get("attachment"),
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                # Shown once on the next page, then gone from the session: the code is stored nowhere else.
                request.session[FILED_SESSION_KEY] = {"code": code, "office": complaint.office.name}
                return redirect("complaints:filed")
    else:
        initial = {}
        office_pk = request.GET.get("kantor", "")
        if office_pk.isdigit() and LabourOffice.objects.filter(pk=office_pk).exists():
            initial["office"] = int(office_pk)
        form = ComplaintForm(initial=initial)
    return render(request, "complaints/file.html", {"form": form})


@never_cache
@require_GET
def filed(request):
    receipt = request.session.pop(FILED_SESSION_KEY, None)
    if receipt is None:
        return redirect("complaints:check")
    return render(request, "complaints/filed.html", receipt)


@never_cache
@require_http_methods(["GET", "POST"])
def check(request):
    """The code travels in a POST, so it stays out of addresses, histories and server logs."""
    complaint = None
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                complaint = services.complaint_by_code(form.cleaned_data["code"])
            except ServiceError as error:
                form.add_service_error(error)
    else:
        form = CodeForm()
    return render(request, "complaints/check.html", {"form": form, "complaint": complaint})


# --- the office's side -------------------------------------------------------------------------------------------


@role_required(*OFFICE_ROLES)
@require_GET
def office_list(request):
    office = office_of(request.user)
    filters = ListFilterForm(request.GET)
    status_filter = (filters.cleaned_data.get("status") if filters.is_valid() else "") or "open"
    page = Paginator(selectors.office_complaints(office, status_filter=status_filter), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    context = {
        "office": office,
        "filters": filters,
        "page": page,
        "rows": selectors.complaint_rows(page.object_list),
        "standard": selectors.ANSWER_STANDARD_WORKING_DAYS,
    }
    return render(request, "complaints/office_list.html", context)


def _complaint_of_office(request, pk) -> Complaint:
    """The complaint, for staff of the office it is about; 404 for everyone else."""
    complaint = selectors.complaint_detail(pk)
    if complaint is None or not POLICY.allows(complaint, request.user, "view"):
        raise Http404
    return complaint


@role_required(*OFFICE_ROLES)
@require_http_methods(["GET", "POST"])
def office_detail(request, pk):
    complaint = _complaint_of_office(request, pk)
    form = AnswerForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "answer":
                form = AnswerForm(request.POST)
                if form.is_valid():
                    services.complaint_answer(
                        complaint=complaint, actor=request.user, answer=form.cleaned_data["answer"]
                    )
                    messages.success(request, _("Jawaban dikirim. Pengadu diberi tahu lewat kontak yang diisinya."))
                    return redirect("complaints:office_detail", pk=complaint.pk)
            elif action == "close":
                services.complaint_close(complaint=complaint, actor=request.user)
                messages.success(request, _("Pengaduan ditutup."))
                return redirect("complaints:office_detail", pk=complaint.pk)
            else:
                messages.error(request, _("Pilih tindakan: jawab atau tutup."))
        except ServiceError as error:
            if error.field == "answer":
                form.add_service_error(error)
            else:
                messages.error(request, error.message)
    context = {
        "complaint": complaint,
        "row": selectors.complaint_rows([complaint])[0],
        "form": form,
        "actions": POLICY.available_actions(complaint, request.user),
    }
    return render(request, "complaints/office_detail.html", context)


@role_required(*OFFICE_ROLES)
@require_GET
def attachment(request, pk):
    complaint = _complaint_of_office(request, pk)
    if not complaint.attachment:
        raise Http404
    return private_file_response(
        complaint.attachment, content_type=complaint.attachment_mime, filename=complaint.attachment_name
    )
