from apps.agencies.models import AgencyMember, ApprovalStatus
from apps.agencies.selectors import agency_of
from testing import factories


def test_factories_build_a_company_with_a_member_a_permit_and_an_approved_officer(db):
    company = factories.agency()
    owner = factories.agency_member(agency=company, role="owner")
    spr = factories.permit(agency=company)
    officer = factories.approved_officer(agency=company, office=factories.office())

    assert company.licence_valid
    assert owner.account_type == "agency_staff"
    assert AgencyMember.objects.get(user=owner).role == "owner"
    assert agency_of(owner) == company
    assert spr.remaining == 5 and list(spr.regions.values_list("code", flat=True)) == ["32"]
    assert officer.approvals.get().status == ApprovalStatus.APPROVED
