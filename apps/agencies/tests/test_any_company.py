"""Any employer on SIPMI: the team works the same for every kind of company, and only a P3MI with a valid
SIP2MI may act in overseas placement."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.agencies import services
from apps.agencies.models import AgencyMember, CompanyKind, MemberRole, MemberStatus
from apps.agencies.tests.conftest import token_sent_to
from apps.core.errors import ServiceError
from testing import factories

pytestmark = pytest.mark.django_db


def domestic_company():
    return factories.agency(
        name="CV Warung Nusantara", kind=CompanyKind.DOMESTIC_EMPLOYER, sip2mi_number=None, sip2mi_valid_until=None
    )


def make_non_p3mi(agency, kind=CompanyKind.OTHER):
    """An existing company turned into a non-P3MI employer (no SIP2MI)."""
    type(agency).objects.filter(pk=agency.pk).update(kind=kind, sip2mi_number=None, sip2mi_valid_until=None)
    agency.refresh_from_db()
    return agency


def test_a_non_p3mi_companys_team_invites_accepts_transfers_and_removes(client):
    company = domestic_company()
    owner = factories.agency_member(agency=company, role="owner", full_name="Rina Pemilik")

    # Invite by e-mail: Pending until the invitation is accepted.
    invited = services.member_invite(agency=company, actor=owner, email="staf@warung.id")
    assert invited.status == MemberStatus.PENDING
    client.force_login(owner)
    team_page = client.get(reverse("agencies:team")).content.decode()
    assert "staf@warung.id" in team_page and "Pending" in team_page

    # Ownership cannot go to someone who has not activated the account yet.
    with pytest.raises(ServiceError) as refused:
        services.ownership_transfer(agency=company, actor=owner, member=invited)
    assert refused.value.code == "member_not_active"

    member = services.invitation_accept(
        token=token_sent_to("staf@warung.id"), full_name="Tono Staf", password="Sandi-Kuat-2026!"
    )
    assert member.status == MemberStatus.ACTIVE

    # Transfer of ownership to the activated member; the old owner becomes staff.
    services.ownership_transfer(agency=company, actor=owner, member=member)
    roles = dict(AgencyMember.objects.filter(agency=company).values_list("email", "role"))
    assert roles == {owner.email: MemberRole.STAFF, "staf@warung.id": MemberRole.OWNER}

    # The new owner removes the former owner.
    new_owner = User.objects.get(email="staf@warung.id")
    former = AgencyMember.objects.get(agency=company, user=owner)
    services.member_remove(member=former, actor=new_owner)
    former.refresh_from_db()
    assert former.status == MemberStatus.REMOVED


def test_a_non_p3mi_company_card_says_what_it_may_do(client):
    company = domestic_company()
    owner = factories.agency_member(agency=company, role="owner")
    client.force_login(owner)
    page = client.get(reverse("dashboards:dashboard"), follow=True).content.decode()
    assert "Pemberi kerja dalam negeri" in page and "hanya untuk P3MI" in page
    assert reverse("permits:permits") not in page  # no SPR for a company that cannot hold one
    assert reverse("vacancies:company_vacancy_create") not in page and "Perjanjian Penempatan" not in page


@pytest.mark.parametrize("kind", [CompanyKind.DOMESTIC_EMPLOYER, CompanyKind.OTHER])
def test_a_non_p3mi_cannot_act_in_overseas_placement(kind):
    company = make_non_p3mi(factories.agency(), kind)
    with pytest.raises(ServiceError) as refused:
        services.agency_can_act(company)
    assert refused.value.code == "not_p3mi"
    assert "hanya dapat dilakukan oleh perusahaan penempatan (P3MI)" in refused.value.message
    assert str(company.get_kind_display()) in refused.value.message
    assert not company.licence_valid


def test_a_p3mi_with_a_valid_sip2mi_may_act(company):
    services.agency_can_act(company)


def test_a_non_p3mi_registers_no_recruiting_officer():
    company = domestic_company()
    owner = factories.agency_member(agency=company, role="owner")
    with pytest.raises(ServiceError) as refused:
        services.officer_register(
            agency=company,
            actor=owner,
            full_name="Petugas",
            nik="3276010101900001",
            phone="",
            assignment_letter_number="ST/1",
        )
    assert refused.value.code == "not_p3mi"
    assert not company.officers.exists()
