"""PP pages: the company's drafts, the office's queue and review, SK delegations, the PDF and public verification.

Views only parse input, call `apps.agreements.services` and render. An agreement a person may not see is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES, Role
from apps.agencies.selectors import agency_of
from apps.agreements import selectors, services
from apps.agreements.dossier import agreement_dossier
from apps.agreements.forms import DelegationForm, ReturnForm, TermsForm
from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.agreements.policy import POLICY
from apps.agreements.snapshot import parse_timestamp, signature_is_valid
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.confirm import ask_first, is_confirmed
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.core.formatting import mask_name
from apps.documents.selectors import verification_status

# --- the company's side ------------------------------------------------------------------------------------


@role_required(Role.AGENCY_STAFF)
@require_GET
def agency_list(request):
    agency = agency_of(request.user)
    context = {"agency": agency, "agreements": [], "applications": []}
    if agency is not None:
        context["agreements"] = selectors.agency_agreements(agency)
        context["applications"] = selectors.accepted_without_agreement(agency)
    return render(request, "agreements/agency_list.html", context)


@role_required(Role.AGENCY_STAFF)
@require_POST
def create(request, application_pk):
    agency = agency_of(request.user)
    application = selectors.company_application(agency, application_pk) if agency else None
    if application is None:
        raise Http404
    try:
        agreement = services.agreement_create_draft(application=application, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("agreements:agency_list")
    messages.success(request, _("Draf PP dibuat dari data lowongan. Periksa dan lengkapi, lalu kirim ke dinas."))
    return redirect("agreements:edit", pk=agreement.pk)


def _company_agreement(request, pk) -> PlacementAgreement:
    agreement = selectors.agreement_detail(pk)
    if agreement is None or not POLICY.allows(agreement, request.user, "view"):
        raise Http404
    return agreement


@role_required(Role.AGENCY_STAFF)
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    agreement = _company_agreement(request, pk)
    actions = POLICY.available_actions(agreement, request.user)
    editable = "edit" in actions
    if request.method == "POST" and editable:
        form = TermsForm(request.POST)
        if form.is_valid():
            try:
                services.agreement_update_terms(agreement=agreement, actor=request.user, **form.cleaned_data)
                if request.POST.get("action") == "submit":
                    services.agreement_submit(agreement=agreement, actor=request.user)
                    messages.success(
                        request,
                        _("PP dikirim ke %(office)s untuk diverifikasi.") % {"office": agreement.office.name},
                    )
                    return redirect("agreements:agency_list")
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Draf PP disimpan."))
                return redirect("agreements:edit", pk=pk)
    else:
        form = TermsForm(instance=agreement)
    return render(
        request,
        "agreements/edit.html",
        {
            "agreement": agreement,
            "form": form,
            "editable": editable,
            "actions": actions,
            "candidate": agreement.candidate.user,
        },
    )


# --- the office's side -------------------------------------------------------------------------------------


@role_required(*OFFICE_ROLES)
@require_GET
def office_queue(request):
    office = request.user.staff_assignment.office
    return render(
        request, "agreements/office_queue.html", {"office": office, "agreements": list(selectors.office_queue(office))}
    )


SIGNED_PAGE_SIZE = 25


@role_required(*OFFICE_ROLES)
@require_GET
def office_signed(request):
    """The PPs this office signed: search by number, CPMI or company, filter by year and company, 25 a page."""
    office = request.user.staff_assignment.office
    search = request.GET.get("q", "").strip()[:100]
    year = dates.year_in(request.GET.get("tahun"), dates.REPORT_DATE)
    agency_id = _int_or_none(request.GET.get("perusahaan"))
    rows = selectors.office_signed(office, search=search, year=year, agency_id=agency_id)
    page = Paginator(rows, SIGNED_PAGE_SIZE).get_page(request.GET.get("halaman"))
    years, agencies = selectors.office_signed_filters(office)
    return render(
        request,
        "agreements/office_signed.html",
        {
            "office": office,
            "page": page,
            "search": search,
            "year": year,
            "agency_id": agency_id,
            "years": years,
            "agencies": agencies,
        },
    )


def _int_or_none(value):
    """A row id from a filter; None when missing, malformed or beyond any id (the database cannot compare it)."""
    try:
        number = int(value) if value else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and 0 < number < 2**63 else None


def _reviewable(request, pk) -> PlacementAgreement:
    """The agreement, for staff of its office once the company has sent it; 404 for everyone else."""
    agreement = selectors.agreement_detail(pk)
    if agreement is None or not POLICY.allows(agreement, request.user, "review"):
        raise Http404
    return agreement


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk):
    agreement = _reviewable(request, pk)
    return_form = ReturnForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "sign":
                if POLICY.allows(agreement, request.user, "sign") and not is_confirmed(request):
                    return ask_first(
                        request,
                        heading=_("Tandatangani PP ini?"),
                        consequence=_(
                            "PP antara %(company)s dan %(name)s ditandatangani secara elektronik atas nama dinas, "
                            "diberi nomor dan langsung berlaku. Perusahaan dan CPMI dapat mengunduhnya, dan isinya "
                            "tidak dapat diubah lagi; PP yang sudah ditandatangani hanya dapat dicabut."
                        )
                        % {"company": agreement.agency.name, "name": agreement.candidate.user.full_name},
                        confirm_label=_("Ya, tandatangani PP"),
                        back_url=reverse("agreements:review", args=[pk]),
                    )
                agreement = services.agreement_sign(agreement=agreement, actor=request.user)
                messages.success(request, _("PP ditandatangani. Nomor PP: %(number)s.") % {"number": agreement.number})
                return redirect("agreements:office_queue")
            if action == "return":
                return_form = ReturnForm(request.POST)
                if return_form.is_valid():
                    services.agreement_return(
                        agreement=agreement, actor=request.user, reason=return_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("PP dikembalikan ke perusahaan beserta alasannya."))
                    return redirect("agreements:office_queue")
        except ServiceError as error:
            if error.field == "reason":
                return_form.add_service_error(error)
            else:
                messages.error(request, error.message)
                return redirect("agreements:review", pk=pk)
    else:
        audit_record(actor=request.user, action="agreement.view", target=agreement)
    right = services.can_sign(request.user, agreement)
    context = {
        "agreement": agreement,
        "candidate": agreement.candidate.user,
        "return_form": return_form,
        "actions": POLICY.available_actions(agreement, request.user),
        "signing_right": right,
        "signature_valid": signature_is_valid(agreement) if agreement.status == AgreementStatus.VERIFIED else None,
        "dossier": agreement_dossier(agreement),
    }
    return render(request, "agreements/review.html", context)


def _file_response(request, agreement, document, *, action: str):
    inline = request.GET.get("inline") == "1"
    response = private_file_response(
        document.file,
        as_attachment=not inline,
        framable=inline,
        filename=document.original_name,
        content_type=document.content_type,
    )
    audit_record(actor=request.user, action=action, target=agreement, data={"document": document.pk})
    return response


@login_required
@require_GET
@xframe_options_sameorigin
def file_candidate(request, pk, document_pk):
    """A document of the PP's CPMI (any version), to staff of the PP's office while they may review it."""
    agreement = _reviewable(request, pk)
    document = selectors.candidate_document(agreement, document_pk)
    if document is None:
        raise Http404
    return _file_response(request, agreement, document, action="agreement.file_candidate")


@login_required
@require_GET
@xframe_options_sameorigin
def file_agency(request, pk, document_pk):
    """A document of the PP's company (NIB, SIP2MI ...), to staff of the PP's office while they may review it."""
    agreement = _reviewable(request, pk)
    document = selectors.agency_document(agreement, document_pk)
    if document is None:
        raise Http404
    return _file_response(request, agreement, document, action="agreement.file_agency")


@role_required(Role.OFFICE_HEAD)
@require_http_methods(["GET", "POST"])
def delegations(request):
    office = request.user.staff_assignment.office
    if request.method == "POST":
        form = DelegationForm(request.POST, office=office)
        if form.is_valid():
            try:
                services.delegation_record(actor=request.user, **form.cleaned_data)
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("SK pendelegasian dicatat."))
                return redirect("agreements:delegations")
    else:
        form = DelegationForm(office=office)
    today = timezone.localdate()
    rows = list(selectors.office_delegations(office))
    for row in rows:
        row.in_force = row.revoked_at is None and row.valid_from <= today <= row.valid_until
    return render(request, "agreements/delegations.html", {"office": office, "form": form, "delegations": rows})


@role_required(Role.OFFICE_HEAD)
@require_POST
def delegation_revoke(request, pk):
    delegation = selectors.office_delegation(request.user.staff_assignment.office, pk)
    if delegation is None:
        raise Http404
    try:
        services.delegation_revoke(delegation=delegation, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("SK pendelegasian dicabut."))
    return redirect("agreements:delegations")


# --- the document ------------------------------------------------------------------------------------------


@login_required
@require_GET
def download(request, pk):
    """The signed PDF, to the CPMI, members of the company and staff of the office; 404 for anyone else."""
    agreement = PlacementAgreement.objects.select_related("candidate").filter(pk=pk).first()
    if agreement is None or not POLICY.may_download(agreement, request.user):
        raise Http404
    response = private_file_response(
        agreement.pdf, filename=f"{agreement.number.replace('/', '-')}.pdf", content_type="application/pdf"
    )
    audit_record(actor=request.user, action="agreement.download", target=agreement)
    return response


@require_GET
def verify(request, code):
    """Public: anyone holding the printed PP checks it by its QR code. No login, little personal data."""
    agreement = PlacementAgreement.objects.filter(verification_code=code, status=AgreementStatus.VERIFIED).first()
    if agreement is None:
        # The site's page, not a bare 404: whoever holds a forged or mistyped code must read that it is not valid.
        response = render(
            request, "verification_not_found.html", {"heading": _("Verifikasi Perjanjian Penempatan")}, status=404
        )
        response["X-Robots-Tag"] = "noindex"
        return response
    # Everything shown is the signed snapshot: the document does not follow later renames or corrections.
    content = agreement.signed_content
    # PPs signed since the register book also have an issued document under the same code: it says whether the
    # office revoked the PP. Older PPs have none ("unknown") and are checked by their own signature only.
    register = verification_status(str(agreement.verification_code))
    context = {
        "document": content,
        "signed_at": parse_timestamp(content.get("signed_at", "")),
        "masked_name": mask_name(content.get("candidate", {}).get("name", "")),
        "valid": signature_is_valid(agreement) and register.status != "invalid",
        "revoked": register.document if register.status == "revoked" else None,
    }
    response = render(request, "agreements/verify.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
