"""Reads about placement companies that views, templates and other apps share."""

from django.db.models import Count, Prefetch, Q

from apps.accounts.models import AccountType
from apps.agencies.models import (
    AgencyMember,
    AgencyOfficerApproval,
    ApprovalStatus,
    MemberStatus,
    PlacementAgency,
)


def membership_of(user, agency: PlacementAgency | int | None = None) -> AgencyMember | None:
    """The one answer to "is this person a member of company Y": the user's membership of `agency` (a company or
    its id; any company when None), only when it is ACTIVE (the invitation accepted, not removed) and the user is
    a signed-in company account. A pending invitation, a removed member or another kind of account: None.
    An account is active in one company at most (`agencies.services` refuses a second)."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "account_type", None) != AccountType.AGENCY_STAFF:
        return None
    members = AgencyMember.objects.select_related("agency").filter(user=user, status=MemberStatus.ACTIVE)
    if agency is not None:
        members = members.filter(agency_id=getattr(agency, "pk", agency))
    return members.first()


def membership_in(context) -> AgencyMember | None:
    """For the company dashboard's cards: the membership the view looked up once, or a lookup now."""
    if "agency_membership" in context:
        return context["agency_membership"]
    return membership_of(context["user"])


def agency_of(user) -> PlacementAgency | None:
    """The company the user actively works for, or None."""
    member = membership_of(user)
    return member.agency if member else None


def officers_with_approvals(agency: PlacementAgency):
    """The company's recruiting officers, each with its approvals (and their offices) prefetched."""
    approvals = AgencyOfficerApproval.objects.select_related("office").order_by("office__name")
    return agency.officers.prefetch_related(Prefetch("approvals", queryset=approvals)).order_by("full_name")


def pending_approvals_count(office) -> int:
    return AgencyOfficerApproval.objects.filter(office=office, status=ApprovalStatus.PENDING).count()


def agencies_overview():
    """Every company with its count of active members and approved officers, for the central admin."""
    return PlacementAgency.objects.select_related("region").annotate(
        active_members=Count("members", filter=Q(members__status=MemberStatus.ACTIVE), distinct=True),
        approved_officers=Count(
            "officers", filter=Q(officers__approvals__status=ApprovalStatus.APPROVED), distinct=True
        ),
    )
