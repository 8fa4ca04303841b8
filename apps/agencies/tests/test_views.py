"""The pages: who may open each one (403/404 for everyone else) and the forms calling their services."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.agencies.models import (
    AgencyDocument,
    AgencyMember,
    AgencyOfficer,
    ApprovalStatus,
    MemberRole,
    MemberStatus,
    PlacementAgency,
)
from apps.agencies.tests.conftest import token_sent_to
from testing import factories

COMPANY_PAGES = ["agencies:profile", "agencies:team", "agencies:officers"]
OFFICE_PAGES = ["agencies:office_approvals"]
ADMIN_PAGES = ["agencies:admin_agencies"]


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


# --- who may open which page -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", COMPANY_PAGES)
def test_company_pages_open_for_a_member(client, owner, name):
    response = get(client, owner, name)
    assert response.status_code == 200
    assert "PT Maju Sejahtera" in response.content.decode()


@pytest.mark.parametrize("name", COMPANY_PAGES)
@pytest.mark.parametrize("persona", ["job_seeker", "officer", "central_admin", "agency_staff"])
def test_company_pages_are_forbidden_to_others(db, client, request, name, persona):
    # agency_staff: a company account that belongs to no team
    assert get(client, request.getfixturevalue(persona), name).status_code == 403


@pytest.mark.parametrize("name", COMPANY_PAGES + OFFICE_PAGES + ADMIN_PAGES)
def test_anonymous_visitors_are_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("name", OFFICE_PAGES)
@pytest.mark.parametrize("persona", ["officer", "office_head"])
def test_office_pages_open_for_office_staff(db, client, request, name, persona):
    assert get(client, request.getfixturevalue(persona), name).status_code == 200


@pytest.mark.parametrize("name", OFFICE_PAGES)
@pytest.mark.parametrize("persona", ["owner", "job_seeker", "central_admin"])
def test_office_pages_are_forbidden_to_others(db, client, request, name, persona):
    assert get(client, request.getfixturevalue(persona), name).status_code == 403


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_pages_open_for_the_central_admin_only(client, central_admin, officer, owner, name):
    assert get(client, central_admin, name).status_code == 200
    assert get(client, officer, name).status_code == 403
    assert get(client, owner, name).status_code == 403


def test_admin_company_detail(client, central_admin, owner, company):
    assert get(client, central_admin, "agencies:admin_agency", company.pk).status_code == 200
    assert get(client, owner, "agencies:admin_agency", company.pk).status_code == 403


# --- the company's pages -----------------------------------------------------------------------------------


def test_a_member_uploads_and_downloads_a_document_others_get_404(
    client, company, company_staff, other_owner, central_admin
):
    from apps.cpmi.tests.builders import pdf_upload

    client.force_login(company_staff)
    response = client.post(reverse("agencies:profile"), {"kind": "nib", "file": pdf_upload("nib.pdf")})
    assert response.status_code == 302
    document = AgencyDocument.objects.get(agency=company)
    url = reverse("agencies:document_file", args=[document.pk])
    assert client.get(url).status_code == 200
    client.force_login(central_admin)
    assert client.get(url).status_code == 200
    client.force_login(other_owner)
    assert client.get(url).status_code == 404


def test_a_refused_upload_is_shown_beside_the_file_field(client, company_staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(company_staff)
    response = client.post(
        reverse("agencies:profile"), {"kind": "nib", "file": SimpleUploadedFile("a.pdf", b"bukan pdf")}
    )
    assert response.status_code == 200
    assert "Isi berkas bukan tipe yang diizinkan" in response.content.decode()


def test_the_owner_invites_from_the_team_page_and_staff_cannot(client, company, owner, company_staff):
    client.force_login(owner)
    response = client.post(reverse("agencies:team"), {"email": "baru@contoh.id", "role": "staff"})
    assert response.status_code == 302
    page = client.get(reverse("agencies:team")).content.decode()
    assert "baru@contoh.id" in page and "Pending" in page

    client.force_login(company_staff)
    assert client.post(reverse("agencies:team"), {"email": "lain@contoh.id", "role": "staff"}).status_code == 403
    assert "Kirim undangan" not in client.get(reverse("agencies:team")).content.decode()


def test_transfer_and_remove_through_the_team_page(client, company, owner, company_staff):
    target = AgencyMember.objects.get(user=company_staff)
    client.force_login(owner)

    client.post(reverse("agencies:member_transfer", args=[target.pk]))

    target.refresh_from_db()
    assert target.role == MemberRole.OWNER
    client.force_login(company_staff)
    client.post(reverse("agencies:member_remove", args=[AgencyMember.objects.get(user=owner).pk]))
    assert AgencyMember.objects.get(user=owner).status == MemberStatus.REMOVED


def test_team_actions_on_another_companys_member_are_404(client, owner, other_owner):
    other = AgencyMember.objects.get(user=other_owner)
    client.force_login(owner)
    assert client.post(reverse("agencies:member_transfer", args=[other.pk])).status_code == 404
    assert client.post(reverse("agencies:member_remove", args=[other.pk])).status_code == 404


def test_a_new_person_accepts_an_invitation_anonymously_and_is_signed_in(client, company, owner):
    from apps.agencies import services

    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    url = reverse("agencies:invitation_accept", args=[token_sent_to("baru@contoh.id")])
    assert "PT Maju Sejahtera" in client.get(url).content.decode()

    response = client.post(
        url, {"full_name": "Lina Baru", "password": "Sandi-Kuat-2026!", "password_again": "Sandi-Kuat-2026!"}
    )

    assert response.status_code == 302 and response["Location"] == reverse("dashboards:dashboard_agency")
    assert AgencyMember.objects.get(email="baru@contoh.id").status == MemberStatus.ACTIVE
    dashboard = client.get(reverse("dashboards:dashboard_agency")).content.decode()
    assert "PT Maju Sejahtera" in dashboard
    second = client.get(url)
    assert second.status_code == 400 and "sudah digunakan" in second.content.decode()


def test_a_weak_password_is_shown_on_the_invitation_form(client, company, owner):
    from apps.agencies import services

    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    url = reverse("agencies:invitation_accept", args=[token_sent_to("baru@contoh.id")])
    response = client.post(url, {"full_name": "Lina", "password": "12345678", "password_again": "12345678"})
    assert response.status_code == 200 and 'id="password-error"' in response.content.decode()
    assert AgencyMember.objects.get(email="baru@contoh.id").status == MemberStatus.PENDING


def test_a_wrong_invitation_link_says_so(client, db):
    response = client.get(reverse("agencies:invitation_accept", args=["salah"]))
    assert response.status_code == 400 and "tidak valid" in response.content.decode()


def test_officer_registration_and_request_from_the_officers_page(client, company, company_staff):
    client.force_login(company_staff)
    client.post(
        reverse("agencies:officers"),
        {"full_name": "Rudi", "nik": "3276011403950099", "phone": "", "assignment_letter_number": "ST/9"},
    )
    officer = AgencyOfficer.objects.get(agency=company)
    depok = factories.office("32.76")

    response = client.post(reverse("agencies:officer_request"), {"officer": officer.pk, "office": depok.pk})
    assert response.status_code == 302, response.content.decode()[-3000:]

    assert officer.approvals.get().office == depok
    page = client.get(reverse("agencies:officers"), {"cari": "Depok"}).content.decode()
    assert "Menunggu persetujuan" in page and depok.name in page


def test_requesting_for_another_companys_officer_is_404(client, owner, other_company):
    stranger = factories.approved_officer(agency=other_company)
    client.force_login(owner)
    response = client.post(
        reverse("agencies:officer_request"), {"officer": stranger.pk, "office": factories.office().pk}
    )
    assert response.status_code == 404


# --- the office's pages ------------------------------------------------------------------------------------


@pytest.fixture
def pending_at_depok(company):
    from apps.agencies.models import AgencyOfficerApproval

    officer = AgencyOfficer.objects.create(
        agency=company, full_name="Rudi Rekrut", nik="3276011403950099", assignment_letter_number="ST/1"
    )
    return AgencyOfficerApproval.objects.create(officer=officer, office=factories.office("32.76"))


def test_the_office_queue_shows_its_own_pending_approvals(client, officer, other_office_officer, pending_at_depok):
    assert "Rudi Rekrut" in get(client, officer, "agencies:office_approvals").content.decode()
    assert "Rudi Rekrut" not in get(client, other_office_officer, "agencies:office_approvals").content.decode()


def test_an_officer_approves_and_rejects_from_the_queue(client, officer, pending_at_depok):
    url = reverse("agencies:office_approval_decide", args=[pending_at_depok.pk])
    client.force_login(officer)

    client.post(url, {"decision": "reject", "reason": ""})
    pending_at_depok.refresh_from_db()
    assert pending_at_depok.status == ApprovalStatus.PENDING  # a reason is required

    client.post(url, {"decision": "approve"})
    pending_at_depok.refresh_from_db()
    assert pending_at_depok.status == ApprovalStatus.APPROVED


def test_another_office_cannot_decide_404(client, other_office_officer, pending_at_depok):
    client.force_login(other_office_officer)
    url = reverse("agencies:office_approval_decide", args=[pending_at_depok.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404
    pending_at_depok.refresh_from_db()
    assert pending_at_depok.status == ApprovalStatus.PENDING


# --- the central admin's pages -----------------------------------------------------------------------------


def test_the_central_admin_registers_a_company_from_the_list_page(client, central_admin):
    client.force_login(central_admin)
    response = client.post(
        reverse("agencies:admin_agencies"),
        {
            "name": "PT Baru",
            "nib": "9120001234567",
            "sip2mi_number": "SIP/1",
            "sip2mi_valid_until": (timezone.localdate() + datetime.timedelta(days=300)).isoformat(),
            "address": "Jl. Baru 1",
            "region": "32.76",
            "owner_email": "pemilik@baru.id",
        },
    )
    assert response.status_code == 302
    agency = PlacementAgency.objects.get()
    assert agency.members.get().status == MemberStatus.PENDING
    assert "PT Baru" in client.get(reverse("agencies:admin_agencies")).content.decode()


# --- dashboard cards ---------------------------------------------------------------------------------------


def test_the_company_dashboard_card(client, company, owner):
    factories.permit(agency=company, quota=5, used=1)
    client.force_login(owner)
    page = client.get(reverse("dashboards:dashboard_agency")).content.decode()
    assert 'data-testid="agencies-agency-card"' in page and "sisa kuota 4" in page


def test_the_dashboard_cards_make_few_queries(owner, officer, django_assert_num_queries):
    from apps.agencies.templatetags.agencies_tags import agencies_agency_card, agencies_office_card

    with django_assert_num_queries(4):
        agencies_agency_card({"user": owner})
    with django_assert_num_queries(1):
        agencies_office_card(officer.staff_assignment.office)


def test_the_office_dashboard_card_counts_pending_approvals(client, officer, pending_at_depok):
    client.force_login(officer)
    page = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert "1 petugas rekrut menunggu persetujuan" in page


def test_the_company_dashboard_looks_the_membership_up_once(client, owner):
    client.force_login(owner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboards:dashboard_agency"))
    assert response.status_code == 200
    # The cards (company, vacancies, agreements, office services) share the view's lookup of the active membership.
    lookups = [q for q in queries.captured_queries if 'FROM "agencies_agencymember" INNER JOIN' in q["sql"]]
    assert len(lookups) == 1
    assert len(queries.captured_queries) <= 13  # and the unread counts of the bell and of the conversations


# --- the policies' reasons beside disabled buttons -----------------------------------------------------------


def test_a_job_seeker_opening_an_invitation_sees_why_they_cannot_accept(client, company, owner, job_seeker):
    from apps.agencies import services

    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    client.force_login(job_seeker)
    page = client.get(reverse("agencies:invitation_accept", args=[token_sent_to("baru@contoh.id")]))
    html = page.content.decode()
    assert page.status_code == 200 and 'disabled aria-describedby="why-accept"' in html
    assert "Akun Anda bukan akun perusahaan" in html


def test_the_team_page_shows_the_owner_why_a_pending_member_cannot_become_owner(client, company, owner):
    from apps.agencies import services

    pending = services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    own_row = AgencyMember.objects.get(user=owner)
    html = get(client, owner, "agencies:team").content.decode()
    assert f'id="why-transfer{pending.pk}">Kepemilikan hanya dapat ditransfer' in html
    assert f'id="why-remove{own_row.pk}">Pemilik tidak dapat mengeluarkan dirinya sendiri' in html
    assert reverse("agencies:member_remove", args=[pending.pk]) in html  # the invitation can be cancelled
    assert reverse("agencies:member_remove", args=[own_row.pk]) not in html


def test_staff_see_the_team_without_buttons(client, company, owner, company_staff):
    html = get(client, company_staff, "agencies:team").content.decode()
    assert "Jadikan pemilik" not in html and "Keluarkan" not in html and "Kirim undangan" not in html
