"""The one answer to "is this person a member of company Y": an ACTIVE membership of a company account."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.agencies.models import AgencyMember, MemberStatus
from apps.agencies.selectors import membership_of
from testing import factories

pytestmark = pytest.mark.django_db


def test_an_active_member_belongs_to_their_company_only(company, owner, other_company):
    assert membership_of(owner).agency == company
    assert membership_of(owner, company) is not None and membership_of(owner, company.pk) is not None
    assert membership_of(owner, other_company) is None


@pytest.mark.parametrize("status", [MemberStatus.PENDING, MemberStatus.REMOVED])
def test_a_pending_or_removed_member_is_not_a_member(company, company_staff, status):
    AgencyMember.objects.filter(user=company_staff).update(status=status)
    assert membership_of(company_staff, company) is None


def test_only_a_company_account_is_a_member(company, job_seeker):
    # Given a membership row attached to an account that is not a company account (never created by the services)
    AgencyMember.objects.create(
        agency=company, user=job_seeker, email=job_seeker.email, role="staff", status=MemberStatus.ACTIVE
    )
    # Then it does not make that person a member
    assert membership_of(job_seeker, company) is None


def test_anonymous_visitors_are_nobodys_members(company):
    factories.agency_member(agency=company)
    assert membership_of(AnonymousUser(), company) is None
