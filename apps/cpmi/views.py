"""CPMI pages: the job seeker's form and status, the office queue and review, and the permission-checked files.

Views only parse input, call `apps.cpmi.services` and render; a refused action's message is shown beside
the field it concerns, or at the top of the page. Who may open what, and which buttons a page shows, come from
the registration's policy `apps.cpmi.policy.POLICY` (404 when it refuses "view").
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.policy import Actions
from apps.access.roles import OFFICE_ROLES, Role
from apps.accounts.models import MaritalStatus
from apps.audit.services import audit_record
from apps.core.confirm import ask_first, is_confirmed
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.core.uploads import DOCUMENT_ACCEPT
from apps.cpmi import selectors, services
from apps.cpmi.forms import DETAIL_FIELDS, DecisionForm, QueueFilterForm, RegistrationForm
from apps.cpmi.models import (
    CpmiRegistration,
    DocumentKind,
    RegistrationStatus,
    ReviewStatus,
)
from apps.cpmi.policy import POLICY, is_accepted, submit_blockers
from apps.offices.selectors import office_of

QUEUE_PAGE_SIZE = 25

# The sections of the form, in the order of the SIAPkerja guide: (kind, title, text fields, hint).
SECTIONS = (
    (
        DocumentKind.PERMISSION_LETTER,
        gettext_lazy("Surat izin suami/istri/orang tua/wali"),
        ("permission_letter_number", "permission_letter_date", "village_head_name", "guardian_nik", "guardian_name"),
        gettext_lazy("Opsional. Surat izin yang diketahui kepala desa/lurah."),
    ),
    (
        DocumentKind.HEALTH_CERTIFICATE,
        gettext_lazy("Surat keterangan sehat"),
        ("health_certificate_number", "health_clinic", "health_doctor", "health_certificate_date"),
        gettext_lazy("Dari klinik atau puskesmas."),
    ),
    (DocumentKind.BPJS_CARD, gettext_lazy("Kartu peserta BPJS Ketenagakerjaan"), (), ""),
    (DocumentKind.KTP, gettext_lazy("KTP"), (), ""),
    (DocumentKind.FAMILY_CARD, gettext_lazy("Kartu Keluarga"), (), ""),
    (DocumentKind.BIRTH_CERTIFICATE, gettext_lazy("Akte kelahiran"), (), ""),
    (DocumentKind.MARRIAGE_CERTIFICATE, gettext_lazy("Surat/buku nikah"), (), ""),
    (
        DocumentKind.AK1_CARD,
        gettext_lazy("Kartu AK/1 (kartu kuning)"),
        ("ak1_number", "ak1_valid_until"),
        gettext_lazy("Kartu pencari kerja dari dinas tenaga kerja."),
    ),
)


def _actions(request, registration) -> Actions:
    """Every action on the registration for the signed-in person, allowed or refused with its reason (the policy)."""
    return POLICY.available_actions(registration, request.user)


# --- the job seeker's side ---------------------------------------------------------------------------------


def _form_context(request, registration, form, replace_errors=None) -> dict:
    documents = list(services.current_documents(registration).order_by("kind", "id"))
    by_kind = {}
    for document in documents:
        document.replace_error = (replace_errors or {}).get(document.pk)
        by_kind.setdefault(document.kind, []).append(document)
    required = set(services.required_kinds(registration))
    sections = []
    for kind, title, fields, hint in SECTIONS:
        current = by_kind.get(kind, [])
        if kind == DocumentKind.MARRIAGE_CERTIFICATE and kind not in required and not current:
            continue
        sections.append(
            {
                "kind": kind,
                "title": title,
                "hint": hint,
                "fields": [form[name] for name in fields],
                "documents": current,
                "file": form[f"file_{kind}"],
                "can_upload": not current or not is_accepted(current[0]),
                "required": kind in required,
            }
        )
    return {
        "registration": registration,
        "actions": _actions(request, registration),
        "accept": DOCUMENT_ACCEPT,
        "form": form,
        "sections": sections,
        "certificates": by_kind.get(DocumentKind.COMPETENCY_CERTIFICATE, []),
        # Refused replacements of single documents are not form fields; the error summary lists them too.
        "extra_errors": [
            (f"replace_{document.pk}", document.get_kind_display(), document.replace_error)
            for document in documents
            if document.replace_error
        ],
    }


def _save_all(request, registration, form) -> services.FormSaveResult:
    """One service call saves the whole form; its refusals are put beside their fields."""
    form.is_valid()
    # A value the form could not read (a malformed date) keeps what is stored.
    values = {name: form.cleaned_data.get(name, getattr(registration, name)) for name in DETAIL_FIELDS}
    replacements = {}
    for name, uploaded in request.FILES.items():
        if name.startswith("replace_") and name.removeprefix("replace_").isdigit():
            replacements[int(name.removeprefix("replace_"))] = uploaded
    result = services.registration_form_save(
        actor=request.user,
        details=services.RegistrationDetails(**values),
        files={kind: request.FILES[f"file_{kind}"] for kind, *_rest in SECTIONS if f"file_{kind}" in request.FILES},
        certificate=request.FILES.get("file_competency_certificate"),
        certificate_number=form.cleaned_data.get("certificate_number", ""),
        certificate_scheme=form.cleaned_data.get("certificate_scheme", ""),
        replacements=replacements,
        profile_certificates=form.cleaned_data.get("profile_certificates") or [],
    )
    for error in result.refusals:
        form.add_service_error(error)
    if result.certificate_saved:
        form.data["certificate_number"] = form.data["certificate_scheme"] = ""  # saved: do not offer it again
    return result


def _mark_missing(registration, form) -> None:
    """After a refused submit: put what the policy says still stops the sending beside each field it concerns."""
    registration.refresh_from_db()
    for blocker in submit_blockers(registration):
        for name, message in blocker.fields:
            if name in form.fields and not form.has_error(name):
                form.add_error(name, message)


def _initial(registration) -> dict:
    return {name: getattr(registration, name) for name in DETAIL_FIELDS}


@role_required(Role.JOB_SEEKER)
def form(request):
    try:
        registration = services.registration_for_form(actor=request.user)  # a GET changes nothing
    except ServiceError as error:
        return render(request, "cpmi/profile_incomplete.html", {"error": error})
    if not POLICY.allows(registration, request.user, "edit"):
        return redirect("cpmi:status")

    replace_errors = {}
    if request.method == "POST":
        action = request.POST.get("action", "save")
        form = RegistrationForm(
            request.POST.copy(),
            request.FILES,
            initial=_initial(registration),
            locked=services.locked_fields(registration),
            profile_certificates=selectors.profile_certificates_offered(registration, request.user),
        )
        saved = _save_all(request, registration, form)
        registration, replace_errors = saved.registration, saved.replace_refusals
        if not form.errors and not replace_errors:
            withdraw = request.POST.get("withdraw", "")
            if withdraw.isdigit():
                document = services.current_documents(registration).filter(pk=int(withdraw)).first()
                try:
                    if document is None:
                        raise Http404
                    services.document_withdraw(document=document, actor=request.user)
                except ServiceError as error:
                    messages.error(request, error.message)
                else:
                    messages.success(request, _("Dokumen dihapus dari pengajuan."))
                return redirect("cpmi:form")
            if action == "submit":
                try:
                    registration = services.registration_submit(registration=registration, actor=request.user)
                except ServiceError as error:
                    if error.code == "incomplete":
                        # One short sentence on top; each missing item is listed (and linked) after it, not run
                        # together here.
                        form.add_error(
                            None,
                            _(
                                "Pengajuan belum dapat dikirim. Lengkapi yang tercantum di bawah ini, "
                                "lalu tekan Kirim lagi."
                            ),
                        )
                        _mark_missing(registration, form)
                    else:
                        form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        _("Pengajuan dikirim ke %(office)s untuk diverifikasi.") % {"office": registration.office.name},
                    )
                    return redirect("cpmi:status")
            else:
                messages.success(request, _("Draf disimpan. Anda bisa melanjutkannya nanti."))
                return redirect("cpmi:form")
        registration.refresh_from_db()
    else:
        form = RegistrationForm(
            initial=_initial(registration),
            locked=services.locked_fields(registration),
            profile_certificates=selectors.profile_certificates_offered(registration, request.user),
        )
    return render(request, "cpmi/form.html", _form_context(request, registration, form, replace_errors))


@role_required(Role.JOB_SEEKER)
@require_GET
def status(request):
    from apps.profiles.selectors import profile_progress

    registration = selectors.registration_of(request.user)
    context = {"registration": registration}
    if registration is None:
        context["progress"] = profile_progress(request.user)
    else:
        decisions = list(registration.decisions.select_related("decided_by"))
        context.update(
            {
                "actions": _actions(request, registration),
                "decisions": decisions,
                "latest": decisions[0] if decisions else None,
                "documents": selectors.in_form_order(services.current_documents(registration)),
                "candidate": getattr(registration, "candidate", None),
                "standard": selectors.SERVICE_STANDARD_WORKING_DAYS,
            }
        )
    return render(request, "cpmi/status.html", context)


@role_required(Role.JOB_SEEKER)
@require_POST
def revise(request):
    registration = selectors.registration_of(request.user)
    if registration is None:
        raise Http404
    try:
        services.registration_revise(registration=registration, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("cpmi:status")
    messages.info(request, _("Ganti dokumen yang ditolak, lalu kirim kembali pengajuan Anda."))
    return redirect("cpmi:form")


# --- the office's side ------------------------------------------------------------------------------------


@role_required(*OFFICE_ROLES)
@require_GET
def queue(request):
    office = office_of(request.user)
    data = request.GET.copy()
    data.setdefault("status", RegistrationStatus.SUBMITTED)
    filters = QueueFilterForm(data)
    cleaned = filters.cleaned_data if filters.is_valid() else {"status": RegistrationStatus.SUBMITTED}
    registrations = selectors.office_queue(
        office,
        status=cleaned.get("status") or RegistrationStatus.SUBMITTED,
        submitted_from=cleaned.get("submitted_from"),
        submitted_to=cleaned.get("submitted_to"),
        search=cleaned.get("q", ""),
    )
    page = Paginator(registrations, QUEUE_PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "office": office,
        "filters": filters,
        "page": page,
        "rows": selectors.queue_rows(page.object_list),
        "standard": selectors.SERVICE_STANDARD_WORKING_DAYS,
    }
    return render(request, "cpmi/queue.html", context)


def _reviewable(request, pk) -> CpmiRegistration:
    """The registration, for staff of the office it was routed to; 404 for everyone else."""
    registration = selectors.registration_for_review(pk)
    if registration is None or not POLICY.office_may_view(registration, request.user):
        raise Http404
    return registration


def _review_context(request, registration, decision_form=None) -> dict:
    current, earlier = selectors.documents_of(registration)
    history = {}
    for document in earlier:
        history.setdefault(document.get_kind_display(), []).append(document)
    marital_status = services.applicant_marital_status(registration.applicant)
    return {
        "registration": registration,
        "applicant": registration.applicant,
        # As the profile states it: the same value that decides whether a marriage certificate is required.
        "marital_status": MaritalStatus(marital_status).label if marital_status else "",
        "documents": current,
        "history": history,
        "decisions": list(registration.decisions.select_related("decided_by")),
        "decision_form": decision_form or DecisionForm(),
        "actions": _actions(request, registration),
        "all_accepted": bool(current) and all(d.review_status == ReviewStatus.ACCEPTED for d in current),
        "any_rejected": any(d.review_status == ReviewStatus.REJECTED for d in current),
    }


@login_required
@require_GET
def review(request, pk):
    registration = _reviewable(request, pk)
    audit_record(actor=request.user, action="cpmi.view", target=registration)
    return render(request, "cpmi/review.html", _review_context(request, registration))


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
@require_POST
def review_document(request, pk, document_pk):
    registration = _reviewable(request, pk)
    document = selectors.document_of_registration(registration, document_pk)
    if document is None:
        raise Http404
    accepted = request.POST.get("decision") == "accept"
    error = None
    try:
        document = services.document_review(
            document=document, actor=request.user, accepted=accepted, reason=request.POST.get("reason", "")
        )
    except ServiceError as refused:
        error = refused.message
    if _is_htmx(request):
        registration.refresh_from_db()
        context = {
            "registration": registration,
            "document": document,
            "error": error,
            "reason": request.POST.get("reason", ""),
            "actions": _actions(request, registration),
        }
        return render(request, "cpmi/_review_document.html", context)
    if error:
        messages.error(request, f"{document.get_kind_display()}: {error}")
    return redirect(reverse("cpmi:review", args=[pk]) + f"#dokumen-{document.pk}")


@login_required
@require_POST
def decide(request, pk):
    registration = _reviewable(request, pk)
    action = request.POST.get("action")
    decision_form = DecisionForm(request.POST)
    decision_form.is_valid()
    try:
        if action == "verify":
            candidate = services.registration_verify(registration=registration, actor=request.user)
            messages.success(
                request,
                _("Pengajuan terverifikasi. Nomor CPMI: %(number)s.") % {"number": candidate.registration_number},
            )
        elif action == "reject":
            if POLICY.allows(registration, request.user, "reject") and not is_confirmed(request):
                return ask_first(
                    request,
                    heading=_("Tolak pengajuan CPMI ini?"),
                    consequence=_(
                        "Pengajuan %(name)s dikembalikan kepada pemohon bersama catatan dan alasan setiap dokumen yang "
                        "ditolak. Pemohon harus merevisi dan mengirim ulang; pengajuan keluar dari antrean sampai "
                        "dikirim lagi."
                    )
                    % {"name": registration.applicant.full_name},
                    confirm_label=_("Ya, tolak pengajuan"),
                    back_url=reverse("cpmi:review", args=[pk]),
                    danger=True,
                )
            services.registration_reject(
                registration=registration, actor=request.user, note=decision_form.cleaned_data.get("note", "")
            )
            messages.success(request, _("Pengajuan ditolak. Pemohon dapat melihat alasannya dan merevisi."))
        else:
            return redirect("cpmi:review", pk=pk)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("cpmi:review", pk=pk)
    return redirect("cpmi:queue")


# --- files ------------------------------------------------------------------------------------------------


@login_required
@require_GET
@xframe_options_sameorigin  # the review page shows PDFs in an <iframe> of the same site
def document_file(request, pk):
    """The stored file, to its applicant and to staff of the office it was routed to; 404 for anyone else."""
    document = selectors.document_with_registration(pk)
    if document is None:
        raise Http404
    if not POLICY.allows(document.registration, request.user, "download"):
        raise Http404
    inline = request.GET.get("inline") == "1"
    return private_file_response(
        document.file,
        as_attachment=not inline,
        framable=inline,
        filename=document.original_name,
        content_type=document.content_type,
    )
