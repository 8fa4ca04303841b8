"""Placement companies (P3MI): registration, team, documents and recruiting officers.

One function per change: lock, check, change, audit, notify on commit. Refusals raise `ServiceError`. Who may
change a team member, accept an invitation or decide an officer's approval, and in which status, is asked of the
policies in `apps.agencies.policy` (tables in `apps.agencies.permissions`), before anything changes.
"""

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.access.roles import Role
from apps.accounts.models import AccountType, User
from apps.accounts.services import RegistrationData, account_register
from apps.agencies import notices
from apps.agencies.models import (
    AgencyDocument,
    AgencyDocumentKind,
    AgencyMember,
    AgencyOfficer,
    AgencyOfficerApproval,
    ApprovalStatus,
    CompanyKind,
    MemberRole,
    MemberStatus,
    PlacementAgency,
)
from apps.agencies.policy import (
    APPROVAL_POLICY,
    INVITATION_POLICY,
    MEMBER_ELSEWHERE,
    TEAM_POLICY,
    InvitationHolder,
    token_hash,
)
from apps.agencies.selectors import membership_of
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import for_update, lock, refused_if_taken
from apps.core.uploads import DOCUMENT_KINDS, random_name, safe_display_name, validate_upload
from apps.messaging.notices import BoundNotice
from apps.messaging.services import email_template_queue, notify_user
from apps.offices.models import LabourOffice
from apps.regions.models import Region, RegionLevel
from apps.registry.adapters import RegistryUnavailable, WlkpCompany, normalise_wlkp_code, wlkp_register

# --- permission checks -------------------------------------------------------------------------------------


def is_central_admin(actor) -> bool:
    return getattr(actor, "is_authenticated", False) and actor.role == Role.CENTRAL_ADMIN


def _require_member(actor, agency) -> AgencyMember:
    member = membership_of(actor, agency)
    if member is None:
        raise PermissionDenied(_("Hanya anggota aktif perusahaan ini yang dapat melakukannya."))
    return member


def _require_central_admin(actor) -> None:
    if not is_central_admin(actor):
        raise PermissionDenied(_("Hanya admin pusat yang dapat mendaftarkan perusahaan."))


def _clean_email(email: str, field: str = "email") -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError("email_invalid", _("Alamat e-mail tidak valid."), field=field) from None
    return email


def notify_members(agency: PlacementAgency, *, notice: BoundNotice, url: str = "") -> None:
    """Tell every active member of the company, after commit; a failing notification never undoes the change.
    `notice` (a named notice) is written in each member's language."""
    users = [m.user for m in agency.members.filter(status=MemberStatus.ACTIVE).select_related("user")]

    def send():
        for user in users:
            notify_user(user=user, notice=notice, url=url, sms=False)

    transaction.on_commit(send, robust=True)


# --- the company and its team ------------------------------------------------------------------------------


def _invite(*, agency, actor, email, role) -> AgencyMember:
    """Create a PENDING member and queue the invitation e-mail. Call inside a transaction."""
    token = secrets.token_urlsafe(32)
    member = AgencyMember.objects.create(
        agency=agency,
        email=email,
        role=role,
        status=MemberStatus.PENDING,
        invitation_hash=token_hash(token),
        invited_by=actor,
    )
    link = f"{settings.SITE_URL.rstrip('/')}{reverse('agencies:invitation_accept', args=[token])}"
    # The link is the secret: only the sealed copy that is delivered holds it. The invitee has no account yet,
    # so the e-mail is in Indonesian unless the address already belongs to someone who chose otherwise.
    email_template_queue(
        to=email,
        subject_template="agencies/email/invitation_subject.txt",
        template="agencies/email/invitation.txt",
        context={"agency": agency, "role_label": MemberRole(role).label},
        secrets={"link": link},
        user=User.objects.filter(email__iexact=email).first(),
    )
    member.invitation_token = token  # for the caller only; never stored
    return member


def agency_register(
    *,
    actor,
    name: str,
    nib: str,
    sip2mi_number: str,
    sip2mi_valid_until: datetime.date,
    address: str,
    region: Region | None = None,
    phone: str = "",
    email: str = "",
    owner_email: str,
) -> PlacementAgency:
    """The central admin registers a company; its owner is invited by e-mail (PENDING until accepted)."""
    _require_central_admin(actor)
    name, nib, sip2mi_number, address = (v.strip() for v in (name, nib, sip2mi_number, address))
    if not name:
        raise ServiceError("name_missing", _("Nama perusahaan wajib diisi."), field="name")
    if not nib.isdigit() or len(nib) != 13:
        raise ServiceError("nib_invalid", _("NIB terdiri dari 13 digit angka."), field="nib")
    if not sip2mi_number:
        raise ServiceError("sip2mi_missing", _("Nomor SIP2MI wajib diisi."), field="sip2mi_number")
    if sip2mi_valid_until < timezone.localdate():
        raise ServiceError(
            "sip2mi_expired",
            _("SIP2MI sudah tidak berlaku; perusahaan tidak dapat didaftarkan."),
            field="sip2mi_valid_until",
        )
    dates.VALID_UNTIL.require(sip2mi_valid_until, field="sip2mi_valid_until")  # the form's range: not year 9999
    if not address:
        raise ServiceError("address_missing", _("Alamat wajib diisi."), field="address")
    owner_email = _clean_email(owner_email, "owner_email")
    email = _clean_email(email) if email.strip() else ""
    _check_invitable(owner_email, field="owner_email")
    if PlacementAgency.objects.filter(nib=nib).exists():
        raise ServiceError("nib_taken", _("NIB ini sudah terdaftar untuk perusahaan lain."), field="nib")
    if PlacementAgency.objects.filter(sip2mi_number=sip2mi_number).exists():
        raise ServiceError("sip2mi_taken", _("Nomor SIP2MI ini sudah terdaftar."), field="sip2mi_number")
    # Registered by someone else between the check and the insert: the database decides.
    with refused_if_taken("nib_taken", _("NIB atau nomor SIP2MI ini sudah terdaftar."), field="nib"):
        agency = PlacementAgency.objects.create(
            name=name,
            nib=nib,
            sip2mi_number=sip2mi_number,
            sip2mi_valid_until=sip2mi_valid_until,
            address=address,
            region=region,
            phone=phone.strip(),
            email=email,
        )
        owner = _invite(agency=agency, actor=actor, email=owner_email, role=MemberRole.OWNER)
        audit_record(actor=actor, action="agency.register", target=agency, data={"owner_email": owner_email})
    agency.owner_invitation = owner
    return agency


def _check_invitable(email: str, *, agency=None, field="email") -> None:
    if (
        agency is not None
        and agency.members.filter(email__iexact=email, status__in=(MemberStatus.PENDING, MemberStatus.ACTIVE)).exists()
    ):
        raise ServiceError("member_exists", _("E-mail ini sudah diundang atau sudah menjadi anggota tim."), field=field)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        return
    if existing.account_type != AccountType.AGENCY_STAFF:
        raise ServiceError(
            "email_other_account",
            _("E-mail ini sudah dipakai akun SIPMI yang bukan akun perusahaan. Gunakan e-mail lain."),
            field=field,
        )
    if AgencyMember.objects.filter(user=existing, status=MemberStatus.ACTIVE).exists():
        raise ServiceError("member_elsewhere", _("Pemilik e-mail ini sudah aktif di tim perusahaan lain."), field=field)


def member_invite(*, agency: PlacementAgency, actor, email: str, role: str = MemberRole.STAFF) -> AgencyMember:
    """The owner invites someone by e-mail; the member stays PENDING until the invitation is accepted."""
    team = TEAM_POLICY.actor_for(agency, actor)
    # Asked of the inviter's own row (any row of the team answers the same: the table grants it to the owner).
    TEAM_POLICY.require(team.member or AgencyMember(agency=agency), team, "invite")
    if role not in MemberRole.values:
        raise ServiceError("role_invalid", _("Peran tidak dikenal."), field="role")
    if role == MemberRole.OWNER:
        raise ServiceError(
            "owner_by_transfer", _("Pemilik baru ditetapkan dengan transfer kepemilikan, bukan undangan."), field="role"
        )
    email = _clean_email(email)
    with transaction.atomic():
        lock(PlacementAgency, pk=agency.pk)  # one invitation per e-mail at a time
        _check_invitable(email, agency=agency)
        member = _invite(agency=agency, actor=actor, email=email, role=role)
        audit_record(actor=actor, action="agency.member_invite", target=member, data={"email": email, "role": role})
    return member


def invitation_for_token(token: str) -> AgencyMember | None:
    """The invitation a token belongs to (in any status), or None."""
    if not token:
        return None
    return AgencyMember.objects.select_related("agency").filter(invitation_hash=token_hash(token)).first()


def invitation_accept(*, token: str, user=None, full_name: str = "", password: str = "") -> AgencyMember:
    """Accept an invitation: a signed-in company account joins, or a new company account is created."""
    found = invitation_for_token(token)
    if found is None:
        raise ServiceError(
            "invitation_invalid", _("Tautan undangan tidak valid. Periksa kembali tautan di e-mail Anda.")
        )
    with transaction.atomic():
        member = lock(AgencyMember.objects.select_related("agency"), pk=found.pk)
        INVITATION_POLICY.require(member, InvitationHolder(token, user), "accept")
        if user is not None and user.is_authenticated:
            account = user
        else:
            account = _create_account(email=member.email, full_name=full_name, password=password)
        member.user = account
        member.status = MemberStatus.ACTIVE
        member.accepted_at = timezone.now()
        # Another company's invitation accepted by the same account at the same moment: one team at a time.
        with refused_if_taken("member_elsewhere", MEMBER_ELSEWHERE):
            member.save(update_fields=["user", "status", "accepted_at"])
        audit_record(
            actor=account, action="agency.invitation_accept", target=member, data={"new_account": user is None}
        )
    return member


def _create_account(*, email: str, full_name: str, password: str) -> User:
    full_name = full_name.strip()
    if not full_name:
        raise ServiceError("name_missing", _("Nama lengkap wajib diisi."), field="full_name")
    account_exists = _("Sudah ada akun dengan e-mail %(email)s. Masuk dulu, lalu buka tautan undangan ini lagi.") % {
        "email": email
    }
    if User.objects.filter(email__iexact=email).exists():
        raise ServiceError("account_exists", account_exists)
    candidate = User(email=email, full_name=full_name, account_type=AccountType.AGENCY_STAFF)
    try:
        validate_password(password, candidate)
    except ValidationError as error:
        raise ServiceError("password_invalid", " ".join(error.messages), field="password") from None
    with refused_if_taken("account_exists", account_exists):  # the same e-mail signed up at the same moment
        return User.objects.create_user(
            email, password, full_name=full_name, account_type=AccountType.AGENCY_STAFF, activated_at=timezone.now()
        )


def ownership_transfer(*, agency: PlacementAgency, actor, member: AgencyMember) -> AgencyMember:
    """The owner hands ownership to an ACTIVE member of the team and becomes staff."""
    with transaction.atomic():
        locked = {
            m.pk: m
            for m in for_update(AgencyMember)
            .filter(agency=agency)
            .filter(models.Q(pk=member.pk) | models.Q(user=actor, status=MemberStatus.ACTIVE))
        }
        current = next((m for m in locked.values() if m.user_id == actor.pk and m.status == MemberStatus.ACTIVE), None)
        target = locked.get(member.pk)
        if target is None:
            raise PermissionDenied()  # not a row of this company's team
        TEAM_POLICY.require(target, actor, "transfer")
        current.role = MemberRole.STAFF
        current.save(update_fields=["role"])
        target.role = MemberRole.OWNER
        target.save(update_fields=["role"])
        audit_record(
            actor=actor, action="agency.ownership_transfer", target=agency, data={"from": current.pk, "to": target.pk}
        )
        new_owner = target.user
        transaction.on_commit(
            lambda: notify_user(
                user=new_owner,
                notice=notices.OWNERSHIP_RECEIVED(agency=agency.name),
                url=reverse("agencies:team"),
                sms=False,
            ),
            robust=True,
        )
    return target


def member_remove(*, member: AgencyMember, actor) -> AgencyMember:
    """The owner removes a member, or cancels a pending invitation (its link stops working)."""
    with transaction.atomic():
        member = lock(AgencyMember, pk=member.pk)
        TEAM_POLICY.require(member, actor, "remove")
        was = member.status
        member.status = MemberStatus.REMOVED
        member.save(update_fields=["status"])
        audit_record(actor=actor, action="agency.member_remove", target=member, data={"was": was})
    return member


def agency_document_upload(*, agency: PlacementAgency, actor, kind: str, uploaded) -> AgencyDocument:
    """A company member uploads a licence document (PDF, JPG or PNG, at most 5 MB)."""
    _require_member(actor, agency)
    if kind not in AgencyDocumentKind.values:
        raise ServiceError("unknown_kind", _("Jenis dokumen tidak dikenal."), field="kind")
    detected = validate_upload(uploaded, allowed=DOCUMENT_KINDS, field="file")
    with transaction.atomic():
        document = AgencyDocument(
            agency=agency,
            kind=kind,
            original_name=safe_display_name(uploaded.name),
            content_type=detected.mime,
            uploaded_by=actor,
        )
        document.file.save(random_name(f"agencies/{agency.pk}", detected), uploaded, save=False)
        document.save()
        audit_record(actor=actor, action="agency.document_upload", target=document, data={"kind": kind})
    return document


NOT_P3MI = gettext_lazy(
    "Penempatan pekerja migran ke luar negeri hanya dapat dilakukan oleh perusahaan penempatan (P3MI) "
    "dengan SIP2MI yang berlaku. Perusahaan Anda terdaftar sebagai %(kind)s."
)


def agency_require_p3mi(agency: PlacementAgency, *, field: str | None = None) -> None:
    """Refuse a company that is not a P3MI: overseas placement (vacancies, SPR, PP) is theirs alone."""
    if not agency.is_p3mi:
        raise ServiceError("not_p3mi", NOT_P3MI % {"kind": agency.get_kind_display()}, field=field)


def agency_refusal(agency: PlacementAgency) -> ServiceError | None:
    """What stops the company from an overseas-placement action now (not a P3MI, or its SIP2MI expired), or None:
    the policies' answer; `agency_can_act` raises it."""
    if not agency.is_p3mi:
        return ServiceError("not_p3mi", NOT_P3MI % {"kind": agency.get_kind_display()})
    if not agency.licence_valid:
        return ServiceError(
            "licence_expired",
            _(
                "SIP2MI perusahaan sudah tidak berlaku; perusahaan tidak dapat menayangkan lowongan "
                "atau memproses lamaran."
            ),
        )
    return None


def agency_can_act(agency: PlacementAgency) -> None:
    """Refuse an overseas-placement action of a company that is not a P3MI or whose SIP2MI has expired."""
    refusal = agency_refusal(agency)
    if refusal is not None:
        raise refusal


# --- sign-up of a company by its owner (seed 003, part C.2) ------------------------------------------------


@dataclass
class CompanyData:
    """What the sign-up form says about the company. With a WLKP code, the register's data replaces the name,
    NIB, address, region, sector and phone typed by hand."""

    kind: str = CompanyKind.OTHER
    wlkp_code: str = ""
    name: str = ""
    nib: str = ""
    address: str = ""
    region: Region | None = None
    sector: str = ""
    phone: str = ""
    email: str = ""
    sip2mi_number: str = ""
    sip2mi_valid_until: datetime.date | None = None


WLKP_TAKEN = gettext_lazy(
    "Perusahaan dengan kode WLKP ini sudah terdaftar di SIPMI. Minta pemilik akun perusahaan mengundang Anda ke tim."
)


def wlkp_lookup(code: str) -> WlkpCompany:
    """The company registered under a WLKP code, or a refusal: unknown code, register unreachable, or the company
    already signed up (by its WLKP code or its NIB)."""
    code = normalise_wlkp_code(code)
    if not code:
        raise ServiceError("wlkp_missing", _("Isi kode WLKP."), field="wlkp_code")
    try:
        found = wlkp_register().lookup(code)
    except RegistryUnavailable:
        raise ServiceError(
            "wlkp_unavailable",
            _("Layanan WLKP sedang tidak dapat dihubungi. Coba lagi nanti, atau isi profil perusahaan secara manual."),
            field="wlkp_code",
        ) from None
    if found is None:
        raise ServiceError(
            "wlkp_not_found",
            _("Kode WLKP %(code)s tidak ditemukan. Periksa kodenya, atau kosongkan dan isi profil perusahaan.")
            % {"code": code},
            field="wlkp_code",
        )
    if PlacementAgency.objects.filter(models.Q(wlkp_code=found.wlkp_code) | models.Q(nib=found.nib)).exists():
        raise ServiceError("wlkp_taken", WLKP_TAKEN, field="wlkp_code")
    return found


def _company_checked(company: CompanyData) -> dict:
    """The company's fields to store, from the WLKP register or as typed, or a refusal naming the field."""
    if company.kind not in CompanyKind.values:
        raise ServiceError("kind_invalid", _("Pilih jenis perusahaan."), field="kind")
    fields = {
        "kind": company.kind,
        "wlkp_code": None,
        "name": " ".join(company.name.split()),
        "nib": company.nib.strip(),
        "address": company.address.strip(),
        "region": company.region,
        "sector": company.sector.strip(),
        "phone": company.phone.strip(),
        "email": _clean_email(company.email, "company_email") if company.email.strip() else "",
        "sip2mi_number": None,
        "sip2mi_valid_until": None,
    }
    if normalise_wlkp_code(company.wlkp_code):
        found = wlkp_lookup(company.wlkp_code)
        region = Region.objects.filter(code=found.regency_code, level=RegionLevel.REGENCY).first()
        fields.update(
            wlkp_code=found.wlkp_code,
            name=found.name,
            nib=found.nib,
            address=found.address,
            region=region or fields["region"],
            sector=found.sector or fields["sector"],
            phone=found.phone or fields["phone"],
        )
    if not fields["name"]:
        raise ServiceError("name_missing", _("Nama perusahaan wajib diisi."), field="company_name")
    if not fields["nib"].isdigit() or len(fields["nib"]) != 13:
        raise ServiceError("nib_invalid", _("NIB terdiri dari 13 digit angka."), field="nib")
    if not fields["address"]:
        raise ServiceError("address_missing", _("Alamat perusahaan wajib diisi."), field="company_address")
    if fields["region"] is not None and fields["region"].level != RegionLevel.REGENCY:
        raise ServiceError("region_invalid", _("Pilih kabupaten/kota."), field="company_region")
    if company.kind == CompanyKind.P3MI:
        number = company.sip2mi_number.strip()
        if not number:
            raise ServiceError("sip2mi_missing", _("P3MI wajib mengisi nomor SIP2MI."), field="sip2mi_number")
        if company.sip2mi_valid_until is None:
            raise ServiceError(
                "sip2mi_date_missing", _("P3MI wajib mengisi masa berlaku SIP2MI."), field="sip2mi_valid_until"
            )
        if company.sip2mi_valid_until < timezone.localdate():
            raise ServiceError(
                "sip2mi_expired",
                _("SIP2MI sudah tidak berlaku; perusahaan tidak dapat didaftarkan sebagai P3MI."),
                field="sip2mi_valid_until",
            )
        dates.VALID_UNTIL.require(company.sip2mi_valid_until, field="sip2mi_valid_until")
        if PlacementAgency.objects.filter(sip2mi_number=number).exists():
            raise ServiceError("sip2mi_taken", _("Nomor SIP2MI ini sudah terdaftar."), field="sip2mi_number")
        fields.update(sip2mi_number=number, sip2mi_valid_until=company.sip2mi_valid_until)
    if not fields["wlkp_code"] and PlacementAgency.objects.filter(nib=fields["nib"]).exists():
        raise ServiceError(
            "nib_taken",
            _("Perusahaan dengan NIB ini sudah terdaftar di SIPMI. Minta pemilik akun perusahaan mengundang Anda."),
            field="nib",
        )
    return fields


def company_signup(*, person: RegistrationData, company: CompanyData) -> tuple[User, PlacementAgency]:
    """A person signs up a company: the person's account is opened exactly as every sign-up opens one (NIK,
    civil registry with a parent's name, OTP sent), the company is created from its WLKP data or as typed, and
    the person becomes its owner (active). All of it or nothing."""
    fields = _company_checked(company)
    with transaction.atomic():
        user = account_register(data=person, account_type=AccountType.AGENCY_STAFF)
        # The same company (NIB, WLKP code or SIP2MI) signed up at the same moment: the database decides.
        with refused_if_taken("company_taken", _("Perusahaan ini baru saja didaftarkan oleh orang lain."), field="nib"):
            agency = PlacementAgency.objects.create(**fields)
        AgencyMember.objects.create(
            agency=agency,
            user=user,
            email=user.email,
            role=MemberRole.OWNER,
            status=MemberStatus.ACTIVE,
            accepted_at=timezone.now(),
        )
        audit_record(
            actor=user,
            action="agency.signup",
            target=agency,
            data={"kind": agency.kind, "wlkp_code": agency.wlkp_code, "nib": agency.nib},
        )
    return user, agency


# --- recruiting officers (petugas rekrut) -------------------------------------------------------------------


def officer_register(
    *, agency: PlacementAgency, actor, full_name: str, nik: str, phone: str, assignment_letter_number: str
) -> AgencyOfficer:
    _require_member(actor, agency)
    agency_require_p3mi(agency)  # recruiting officers recruit CPMI for overseas placement
    full_name, nik, phone, letter = (v.strip() for v in (full_name, nik, phone or "", assignment_letter_number))
    if not full_name:
        raise ServiceError("name_missing", _("Nama petugas wajib diisi."), field="full_name")
    if len(nik) != 16 or not nik.isdigit():
        raise ServiceError("nik_invalid", _("NIK harus terdiri dari 16 digit angka."), field="nik")
    if not letter:
        raise ServiceError("letter_missing", _("Nomor surat tugas wajib diisi."), field="assignment_letter_number")
    with transaction.atomic():
        lock(PlacementAgency, pk=agency.pk)
        if AgencyOfficer.objects.filter(agency=agency, nik=nik).exists():
            raise ServiceError("officer_exists", _("Petugas dengan NIK ini sudah terdaftar."), field="nik")
        officer = AgencyOfficer.objects.create(
            agency=agency, full_name=full_name, nik=nik, phone=phone[:16], assignment_letter_number=letter
        )
        audit_record(actor=actor, action="agency.officer_register", target=officer)
    return officer


def officer_request_approval(*, officer: AgencyOfficer, actor, office: LabourOffice) -> AgencyOfficerApproval:
    """Ask a labour office to approve the officer for its area; a rejected request may be made again."""
    with transaction.atomic():
        lock(AgencyOfficer, pk=officer.pk)
        approval = AgencyOfficerApproval.objects.filter(officer=officer, office=office).first()
        APPROVAL_POLICY.require(approval or AgencyOfficerApproval(officer=officer, office=office), actor, "request")
        if approval is None:
            approval = AgencyOfficerApproval.objects.create(officer=officer, office=office)
        else:
            approval.status = ApprovalStatus.PENDING
            approval.decided_by = None
            approval.decided_at = None
            approval.reason = ""
            approval.requested_at = timezone.now()
            approval.save(update_fields=["status", "decided_by", "decided_at", "reason", "requested_at"])
        audit_record(actor=actor, action="agency.officer_request", target=approval, data={"office": office.pk})
    return approval


def officer_approval_decide(
    *, approval: AgencyOfficerApproval, actor, approve: bool, reason: str = ""
) -> AgencyOfficerApproval:
    """Staff of the office asked approve or reject a recruiting officer (a reason is required to reject)."""
    reason = reason.strip()
    action = "approve" if approve else "reject"
    APPROVAL_POLICY.require(approval, actor, action)  # refused before any lock; asked again under the lock
    with transaction.atomic():
        approval = lock(AgencyOfficerApproval.objects.select_related("officer__agency", "office"), pk=approval.pk)
        APPROVAL_POLICY.require(approval, actor, action)
        if not approve and not reason:
            raise ServiceError("reason_required", _("Tuliskan alasan penolakan."), field="reason")
        approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
        approval.decided_by = actor
        approval.decided_at = timezone.now()
        approval.reason = reason
        approval.save(update_fields=["status", "decided_by", "decided_at", "reason"])
        audit_record(
            actor=actor,
            action="agency.officer_approve" if approve else "agency.officer_reject",
            target=approval,
            reason=reason,
        )
        officer = approval.officer
        notice = (notices.OFFICER_APPROVED if approve else notices.OFFICER_REJECTED)(
            officer=officer.full_name, office=approval.office.name, reason=reason
        )
        notify_members(officer.agency, notice=notice, url=reverse("agencies:officers"))
    return approval


def require_approved_officer(*, agency: PlacementAgency, office: LabourOffice) -> None:
    """Refuse unless the company has a recruiting officer approved by `office`."""
    if not AgencyOfficerApproval.objects.filter(
        officer__agency=agency, office=office, status=ApprovalStatus.APPROVED
    ).exists():
        raise ServiceError(
            "officer_not_approved",
            _("Perusahaan belum memiliki petugas rekrut yang disetujui %(office)s untuk wilayah ini.")
            % {"office": office.name},
        )


def officer_approve_at_office(*, officer: AgencyOfficer, office: LabourOffice, actor) -> AgencyOfficerApproval:
    """Staff of `office` approve a recruiting officer on the spot while processing the company's request (seed
    002, step 3: "if the officer is not approved yet, approve them"): the approval request is opened (or
    reopened after a rejection) for the office, then decided as `officer_approval_decide` decides it."""
    with transaction.atomic():
        lock(AgencyOfficer, pk=officer.pk)
        approval, _created = AgencyOfficerApproval.objects.get_or_create(officer=officer, office=office)
        # Someone who may not even see the approval is refused before anything is returned; the decision below asks
        # the policy again (and the whole transaction, the request opened here included, rolls back on a refusal).
        APPROVAL_POLICY.require(approval, actor, "view")
        if approval.status == ApprovalStatus.APPROVED:
            return approval
        if approval.status == ApprovalStatus.REJECTED:
            approval.status = ApprovalStatus.PENDING
            approval.requested_at = timezone.now()
            approval.save(update_fields=["status", "requested_at"])
        return officer_approval_decide(approval=approval, actor=actor, approve=True)
