"""Company (P3MI) pages, the labour office's officer approvals, and the central admin's list.

Views only parse input, call `apps.agencies.services` and render. Every object is looked up for the user
asking: a company sees only its own rows, an office only the approvals asked of it; anyone else gets 404.
"""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES, Role
from apps.accounts.views import PASSWORD_FIELDS, registration_page, signup_identity
from apps.agencies import selectors, services
from apps.agencies.forms import (
    AgencyRegisterForm,
    ApprovalRequestForm,
    CompanySignupForm,
    DecisionForm,
    DocumentUploadForm,
    InvitationAcceptForm,
    InviteForm,
    OfficerForm,
)
from apps.agencies.models import (
    AgencyDocument,
    AgencyMember,
    AgencyOfficer,
    AgencyOfficerApproval,
    ApprovalStatus,
    MemberStatus,
    PlacementAgency,
)
from apps.agencies.panels import agency_admin_sections
from apps.agencies.policy import APPROVAL_POLICY, INVITATION_POLICY, TEAM_POLICY, InvitationHolder
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.core.forms import search_text
from apps.offices.selectors import office_of

# --- the company's side -----------------------------------------------------------------------------------


def signup(request):
    """Seed 003 C.2, "Daftar sebagai perusahaan": the owner's account and the company in one form. "Periksa
    kode WLKP" shows what the register holds for the code, without saving anything."""
    context = {"signup_as": "company"}
    identity = signup_identity(request)
    if (
        request.method == "POST"
        and request.POST.get("action") == "wlkp_check"
        and not request.user.is_authenticated
        and identity is not None
    ):
        kept = {k: v for k, v in request.POST.items() if k not in PASSWORD_FIELDS | {"action"}}
        try:
            context["wlkp_found"] = services.wlkp_lookup(request.POST.get("wlkp_code", ""))
        except ServiceError as error:
            context["wlkp_error"] = error.message
        form = CompanySignupForm(initial=kept, identity=identity)
        return render(request, "agencies/signup.html", {"form": form, "identity": identity, **context})
    return registration_page(
        request,
        form_class=CompanySignupForm,
        template="agencies/signup.html",
        register=lambda form: services.company_signup(person=form.registration_data(), company=form.company_data())[0],
        context=context,
    )


def _membership(request) -> AgencyMember:
    """The user's active membership; a company account outside any team gets 403."""
    member = selectors.membership_of(request.user)
    if member is None:
        raise PermissionDenied
    return member


@role_required(Role.AGENCY_STAFF)
def profile(request):
    member = _membership(request)
    agency = member.agency
    if request.method == "POST":
        form = DocumentUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.agency_document_upload(
                    agency=agency,
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    uploaded=form.cleaned_data["file"],
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Dokumen diunggah."))
                return redirect("agencies:profile")
    else:
        form = DocumentUploadForm()
    context = {
        "agency": agency,
        "member": member,
        "form": form,
        "documents": agency.documents.select_related("uploaded_by").order_by("-uploaded_at"),
    }
    return render(request, "agencies/profile.html", context)


@role_required(Role.AGENCY_STAFF, Role.CENTRAL_ADMIN)
@require_GET
def document_file(request, pk):
    """A company document, to its own members and to the central admin; 404 for anyone else."""
    document = AgencyDocument.objects.select_related("agency").filter(pk=pk).first()
    if document is None or not (
        selectors.membership_of(request.user, document.agency) is not None or services.is_central_admin(request.user)
    ):
        raise Http404
    return private_file_response(document.file, filename=document.original_name, content_type=document.content_type)


@role_required(Role.AGENCY_STAFF)
def team(request):
    member = _membership(request)
    agency = member.agency
    me = TEAM_POLICY.actor_for(agency, request.user)
    page_actions = TEAM_POLICY.available_actions(member, me)
    form = InviteForm()
    if request.method == "POST":
        if not page_actions["invite"]:
            raise PermissionDenied
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invited = services.member_invite(
                    agency=agency, actor=request.user, email=form.cleaned_data["email"], role=form.cleaned_data["role"]
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Undangan dikirim ke %(email)s.") % {"email": invited.email})
                return redirect("agencies:team")
    members = list(
        agency.members.exclude(status=MemberStatus.REMOVED).select_related("user").order_by("role", "status", "email")
    )
    for row in members:
        row.actions = TEAM_POLICY.available_actions(row, me)
    return render(
        request,
        "agencies/team.html",
        {"agency": agency, "me": member, "actions": page_actions, "members": members, "form": form},
    )


def _team_member(request, pk) -> tuple[AgencyMember, AgencyMember]:
    me = _membership(request)
    target = AgencyMember.objects.filter(pk=pk, agency=me.agency).select_related("agency", "user").first()
    if target is None:
        raise Http404
    return me, target


@role_required(Role.AGENCY_STAFF)
@require_POST
def member_transfer(request, pk):
    me, target = _team_member(request, pk)
    try:
        services.ownership_transfer(agency=me.agency, actor=request.user, member=target)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Kepemilikan ditransfer ke %(email)s.") % {"email": target.email})
    return redirect("agencies:team")


@role_required(Role.AGENCY_STAFF)
@require_POST
def member_remove(request, pk):
    _me, target = _team_member(request, pk)
    try:
        services.member_remove(member=target, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(email)s dikeluarkan dari tim.") % {"email": target.email})
    return redirect("agencies:team")


def invitation_accept(request, token):
    """Open to anyone with the link: a new person sets a name and password; a company account just accepts."""
    invitation = services.invitation_for_token(token)
    error = None
    if invitation is None:
        error = _("Tautan undangan tidak valid. Periksa kembali tautan di e-mail Anda.")
    else:  # the link itself: used, cancelled or expired, whoever opens it
        error = INVITATION_POLICY.decide(invitation, InvitationHolder(token), "accept").reason or None
    # Who opened it: a signed-in account that cannot join sees the button disabled with the reason.
    actions = (
        INVITATION_POLICY.available_actions(invitation, InvitationHolder(token, request.user)) if not error else {}
    )
    signed_in = request.user.is_authenticated
    form = InvitationAcceptForm(request.POST or None) if not signed_in else None
    if error is None and request.method == "POST":
        try:
            if signed_in:
                services.invitation_accept(token=token, user=request.user)
            elif form.is_valid():
                member = services.invitation_accept(
                    token=token, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password"]
                )
                login(request, member.user, backend="apps.accounts.backends.EmailOrNikBackend")
            else:
                raise _FormInvalid
        except ServiceError as refused:
            if form is not None and refused.field in form.fields:
                form.add_service_error(refused)
            else:
                error = refused.message
        except _FormInvalid:
            pass
        else:
            messages.success(request, _("Selamat bergabung dengan %(agency)s.") % {"agency": invitation.agency.name})
            return redirect("dashboards:dashboard_agency")
    status = 400 if error else 200
    return render(
        request,
        "agencies/invitation.html",
        {
            "invitation": invitation if error is None else None,
            "error": error,
            "form": form,
            "signed_in": signed_in,
            "actions": actions,
        },
        status=status,
    )


class _FormInvalid(Exception):
    pass


@role_required(Role.AGENCY_STAFF)
def officers(request):
    member = _membership(request)
    agency = member.agency
    search = search_text(request.GET, "cari")
    form = OfficerForm()
    if request.method == "POST":
        form = OfficerForm(request.POST)
        if form.is_valid():
            try:
                services.officer_register(agency=agency, actor=request.user, **form.cleaned_data)
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Petugas rekrut didaftarkan. Ajukan persetujuan ke dinas terkait."))
                return redirect("agencies:officers")
    context = {
        "agency": agency,
        "form": form,
        "officers": selectors.officers_with_approvals(agency),
        "request_form": ApprovalRequestForm(search=search),
        "search": search,
    }
    return render(request, "agencies/officers.html", context)


@role_required(Role.AGENCY_STAFF)
@require_POST
def officer_request(request):
    member = _membership(request)
    officer_pk = request.POST.get("officer", "")
    officer = (
        AgencyOfficer.objects.filter(pk=officer_pk, agency=member.agency).first() if officer_pk.isdigit() else None
    )
    if officer is None:
        raise Http404
    form = ApprovalRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih dinas tenaga kerja tujuan."))
        return redirect("agencies:officers")
    office = form.cleaned_data["office"]
    try:
        services.officer_request_approval(officer=officer, actor=request.user, office=office)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Permohonan persetujuan %(officer)s dikirim ke %(office)s.")
            % {"officer": officer.full_name, "office": office.name},
        )
    return redirect("agencies:officers")


# --- the labour office's side -----------------------------------------------------------------------------


@role_required(*OFFICE_ROLES)
@require_GET
def office_approvals(request):
    office = office_of(request.user)
    approvals = AgencyOfficerApproval.objects.filter(office=office).select_related("officer__agency", "decided_by")
    pending = list(approvals.filter(status=ApprovalStatus.PENDING).order_by("requested_at"))
    for approval in pending:
        approval.actions = APPROVAL_POLICY.available_actions(approval, request.user)
    context = {
        "office": office,
        "pending": pending,
        "decided": approvals.exclude(status=ApprovalStatus.PENDING).order_by("-decided_at")[:50],
        "decision_form": DecisionForm(),
    }
    return render(request, "agencies/office_approvals.html", context)


@role_required(*OFFICE_ROLES)
@require_POST
def office_approval_decide(request, pk):
    approval = AgencyOfficerApproval.objects.filter(pk=pk, office=office_of(request.user)).first()
    if approval is None:
        raise Http404
    form = DecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.officer_approval_decide(
            approval=approval, actor=request.user, approve=approve, reason=form.cleaned_data.get("reason", "")
        )
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Petugas rekrut disetujui.") if approve else _("Petugas rekrut ditolak."))
    return redirect("agencies:office_approvals")


# --- the central admin's side -----------------------------------------------------------------------------


@role_required(Role.CENTRAL_ADMIN)
def admin_agencies(request):
    form = AgencyRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agency = services.agency_register(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("%(agency)s terdaftar. Undangan aktivasi dikirim ke %(email)s.")
                % {"agency": agency.name, "email": form.cleaned_data["owner_email"]},
            )
            return redirect("agencies:admin_agencies")
    agencies = selectors.agencies_overview()
    return render(request, "agencies/admin_agencies.html", {"form": form, "agencies": agencies})


@role_required(Role.CENTRAL_ADMIN)
@require_GET
def admin_agency(request, pk):
    agency = get_object_or_404(PlacementAgency, pk=pk)
    context = {
        "agency": agency,
        "members": agency.members.exclude(status=MemberStatus.REMOVED).select_related("user"),
        "documents": agency.documents.order_by("-uploaded_at"),
        "officers": selectors.officers_with_approvals(agency),
        "sections": agency_admin_sections(agency=agency, request=request),
    }
    return render(request, "agencies/admin_agency.html", context)
