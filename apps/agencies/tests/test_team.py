"""Registering a company, inviting its team, accepting invitations, transferring ownership, removing members."""

import datetime
import hashlib

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.agencies import services
from apps.agencies.models import AgencyMember, MemberRole, MemberStatus, PlacementAgency
from apps.agencies.tests.conftest import token_sent_to
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from testing import factories
from testing.outbox import last_text_to, received

NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=365)


def register(actor, **overrides):
    values = {
        "name": "PT Baru Makmur",
        "nib": "9120001234567",
        "sip2mi_number": "B.5/1234/PK.02.01/2026",
        "sip2mi_valid_until": NEXT_YEAR,
        "address": "Jl. Margonda No. 10",
        "owner_email": "pemilik@baru.id",
    }
    values.update(overrides)
    return services.agency_register(actor=actor, **values)


# --- agency_register ---------------------------------------------------------------------------------------


def test_central_admin_registers_a_company_and_its_owner_is_invited_by_email(central_admin):
    agency = register(central_admin)

    member = AgencyMember.objects.get(agency=agency)
    assert (member.email, member.role, member.status) == ("pemilik@baru.id", MemberRole.OWNER, MemberStatus.PENDING)
    [email] = received(recipient="pemilik@baru.id")
    token = token_sent_to("pemilik@baru.id")
    assert member.invitation_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in member.invitation_hash and "PT Baru Makmur" in email.subject
    assert AuditEvent.objects.filter(action="agency.register", object_id=str(agency.pk)).exists()


@pytest.mark.parametrize("persona", ["officer", "agency_staff", "job_seeker"])
def test_only_the_central_admin_registers_companies(db, request, persona):
    with pytest.raises(PermissionDenied):
        register(request.getfixturevalue(persona))
    assert not PlacementAgency.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"nib": "123"}, "nib_invalid"),
        ({"sip2mi_valid_until": datetime.date(2020, 1, 1)}, "sip2mi_expired"),
        (
            {"sip2mi_valid_until": datetime.date(9999, 12, 31)},
            "date_too_late",
        ),  # the form's VALID_UNTIL, called directly
        ({"owner_email": "bukan-email"}, "email_invalid"),
        ({"name": " "}, "name_missing"),
    ],
)
def test_agency_register_refuses_invalid_data(central_admin, overrides, code):
    with pytest.raises(ServiceError) as refused:
        register(central_admin, **overrides)
    assert refused.value.code == code
    assert refused.value.field is not None
    assert not PlacementAgency.objects.exists()
    assert not AuditEvent.objects.filter(action="agency.register").exists()


def test_agency_register_refuses_a_taken_nib_and_an_owner_email_of_a_job_seeker(central_admin, job_seeker):
    register(central_admin)
    with pytest.raises(ServiceError) as refused:
        register(central_admin, sip2mi_number="lain", owner_email="lain@baru.id")
    assert refused.value.code == "nib_taken"
    with pytest.raises(ServiceError) as refused:
        register(central_admin, nib="9120009999999", sip2mi_number="lain", owner_email=job_seeker.email)
    assert refused.value.code == "email_other_account"


# --- member_invite ------------------------------------------------------------------------------------------


def test_owner_invites_a_staff_member_who_stays_pending(company, owner):
    member = services.member_invite(agency=company, actor=owner, email="Baru@Contoh.id")

    assert (member.email, member.status, member.role) == ("baru@contoh.id", MemberStatus.PENDING, MemberRole.STAFF)
    assert "/perusahaan/undangan/" in last_text_to("baru@contoh.id")
    assert AuditEvent.objects.filter(action="agency.member_invite", object_id=str(member.pk)).exists()


def test_staff_and_other_companies_cannot_invite(company, company_staff, other_owner):
    for actor in (company_staff, other_owner):
        with pytest.raises(PermissionDenied):
            services.member_invite(agency=company, actor=actor, email="x@contoh.id")
    assert not AgencyMember.objects.filter(email="x@contoh.id").exists()


def test_an_email_already_pending_or_active_is_refused(company, owner, company_staff):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    for email in ("BARU@contoh.id", company_staff.email):
        with pytest.raises(ServiceError) as refused:
            services.member_invite(agency=company, actor=owner, email=email)
        assert refused.value.code == "member_exists"


def test_someone_active_in_another_company_cannot_be_invited(company, owner, other_owner):
    with pytest.raises(ServiceError) as refused:
        services.member_invite(agency=company, actor=owner, email=other_owner.email)
    assert refused.value.code == "member_elsewhere"


# --- invitation_accept -------------------------------------------------------------------------------------


def test_a_new_person_accepts_and_gets_an_activated_company_account(company, owner):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    token = token_sent_to("baru@contoh.id")

    member = services.invitation_accept(token=token, full_name="Lina Baru", password="Sandi-Kuat-2026!")

    user = User.objects.get(email="baru@contoh.id")
    assert member.user == user and member.status == MemberStatus.ACTIVE and member.accepted_at
    assert user.account_type == "agency_staff" and user.is_activated and user.nik is None
    assert user.check_password("Sandi-Kuat-2026!")
    assert AuditEvent.objects.filter(action="agency.invitation_accept", actor=user).exists()


def test_a_signed_in_company_account_without_a_team_accepts(company, owner, agency_staff):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")

    member = services.invitation_accept(token=token_sent_to("baru@contoh.id"), user=agency_staff)

    assert member.user == agency_staff and member.status == MemberStatus.ACTIVE


def test_a_wrong_token_and_a_used_token_are_refused_with_clear_messages(company, owner):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    token = token_sent_to("baru@contoh.id")
    services.invitation_accept(token=token, full_name="Lina", password="Sandi-Kuat-2026!")

    with pytest.raises(ServiceError) as wrong:
        services.invitation_accept(token="salah", full_name="Lina", password="Sandi-Kuat-2026!")
    with pytest.raises(ServiceError) as used:
        services.invitation_accept(token=token, full_name="Lina", password="Sandi-Kuat-2026!")
    assert wrong.value.code == "invitation_invalid" and "tidak valid" in wrong.value.message
    assert used.value.code == "invitation_used" and "sudah digunakan" in used.value.message


def test_a_cancelled_invitation_no_longer_works(company, owner):
    member = services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    services.member_remove(member=member, actor=owner)

    with pytest.raises(ServiceError) as refused:
        services.invitation_accept(token=token_sent_to("baru@contoh.id"), full_name="Lina", password="Sandi-Kuat-2026!")
    assert refused.value.code == "invitation_used"


def test_an_invitation_older_than_a_week_has_expired(company, owner):
    member = services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    AgencyMember.objects.filter(pk=member.pk).update(invited_at=timezone.now() - datetime.timedelta(days=8))

    with pytest.raises(ServiceError) as refused:
        services.invitation_accept(token=token_sent_to("baru@contoh.id"), full_name="Lina", password="Sandi-Kuat-2026!")
    assert refused.value.code == "invitation_expired"
    assert AgencyMember.objects.get(pk=member.pk).status == MemberStatus.PENDING
    assert not User.objects.filter(email="baru@contoh.id").exists()


def test_a_weak_password_or_a_missing_name_is_refused_and_no_account_is_made(company, owner):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    token = token_sent_to("baru@contoh.id")

    with pytest.raises(ServiceError) as weak:
        services.invitation_accept(token=token, full_name="Lina", password="123")
    with pytest.raises(ServiceError) as nameless:
        services.invitation_accept(token=token, full_name="", password="Sandi-Kuat-2026!")
    assert (weak.value.code, weak.value.field) == ("password_invalid", "password")
    assert nameless.value.code == "name_missing"
    assert not User.objects.filter(email="baru@contoh.id").exists()
    assert AgencyMember.objects.get(email="baru@contoh.id").status == MemberStatus.PENDING


def test_a_job_seeker_account_or_someone_already_in_a_team_cannot_accept(company, owner, job_seeker, other_owner):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    token = token_sent_to("baru@contoh.id")

    with pytest.raises(ServiceError) as seeker:
        services.invitation_accept(token=token, user=job_seeker)
    with pytest.raises(ServiceError) as elsewhere:
        services.invitation_accept(token=token, user=other_owner)
    assert seeker.value.code == "account_type" and elsewhere.value.code == "member_elsewhere"


# --- ownership_transfer ------------------------------------------------------------------------------------


def test_owner_transfers_ownership_to_an_active_member_and_becomes_staff(company, owner, company_staff):
    target = AgencyMember.objects.get(user=company_staff)

    services.ownership_transfer(agency=company, actor=owner, member=target)

    assert AgencyMember.objects.get(user=company_staff).role == MemberRole.OWNER
    assert AgencyMember.objects.get(user=owner).role == MemberRole.STAFF
    assert AuditEvent.objects.filter(action="agency.ownership_transfer", actor=owner).exists()


def test_ownership_cannot_go_to_a_pending_member(company, owner):
    pending = services.member_invite(agency=company, actor=owner, email="baru@contoh.id")

    with pytest.raises(ServiceError) as refused:
        services.ownership_transfer(agency=company, actor=owner, member=pending)
    assert refused.value.code == "member_not_active"
    assert AgencyMember.objects.get(user=owner).role == MemberRole.OWNER
    assert not AuditEvent.objects.filter(action="agency.ownership_transfer").exists()


def test_staff_or_another_company_cannot_transfer_ownership(company, owner, company_staff, other_owner):
    target = AgencyMember.objects.get(user=company_staff)
    with pytest.raises(PermissionDenied):
        services.ownership_transfer(agency=company, actor=company_staff, member=AgencyMember.objects.get(user=owner))
    with pytest.raises(PermissionDenied):
        services.ownership_transfer(agency=company, actor=other_owner, member=target)
    other_member = AgencyMember.objects.get(user=other_owner)
    with pytest.raises(PermissionDenied):  # a member of another company is not on this team
        services.ownership_transfer(agency=company, actor=owner, member=other_member)


# --- member_remove -----------------------------------------------------------------------------------------


def test_owner_removes_a_member(company, owner, company_staff):
    member = services.member_remove(member=AgencyMember.objects.get(user=company_staff), actor=owner)

    assert member.status == MemberStatus.REMOVED
    assert AuditEvent.objects.filter(action="agency.member_remove", object_id=str(member.pk)).exists()


def test_owner_cannot_remove_self_and_staff_cannot_remove(company, owner, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.member_remove(member=AgencyMember.objects.get(user=owner), actor=owner)
    assert refused.value.code == "remove_self"
    with pytest.raises(PermissionDenied):
        services.member_remove(member=AgencyMember.objects.get(user=owner), actor=company_staff)
    assert not AuditEvent.objects.filter(action="agency.member_remove").exists()


# --- documents and licence ---------------------------------------------------------------------------------


def test_a_member_uploads_a_document_under_a_random_name(company, company_staff):
    from apps.cpmi.tests.builders import pdf_upload

    document = services.agency_document_upload(
        agency=company, actor=company_staff, kind="sip2mi", uploaded=pdf_upload("izin.pdf")
    )

    assert document.original_name == "izin.pdf" and document.content_type == "application/pdf"
    assert document.file.name.startswith(f"agencies/{company.pk}/") and "izin" not in document.file.name
    assert AuditEvent.objects.filter(action="agency.document_upload", object_id=str(document.pk)).exists()


def test_document_upload_refuses_other_types_and_outsiders(company, company_staff, other_owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from apps.cpmi.tests.builders import pdf_upload

    with pytest.raises(ServiceError) as refused:
        services.agency_document_upload(
            agency=company, actor=company_staff, kind="nib", uploaded=SimpleUploadedFile("a.pdf", b"hello world")
        )
    assert refused.value.code == "file_type"
    with pytest.raises(PermissionDenied):
        services.agency_document_upload(agency=company, actor=other_owner, kind="nib", uploaded=pdf_upload())


def test_agency_can_act_refuses_an_expired_licence(db):
    services.agency_can_act(factories.agency())
    with pytest.raises(ServiceError) as refused:
        services.agency_can_act(factories.agency(sip2mi_valid_until=datetime.date(2020, 1, 1)))
    assert refused.value.code == "licence_expired"
