"""Reads about placement companies that views, templates and other apps share."""

from django.db.models import Count, Prefetch, Q

from apps.agencies.models import (
    AgencyMember,
    AgencyOfficerApproval,
    ApprovalStatus,
    MemberStatus,
    PlacementAgency,
)


def membership_of(user) -> AgencyMember | None:
    """The user's ACTIVE membership of a company, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return AgencyMember.objects.select_related("agency").filter(user=user, status=MemberStatus.ACTIVE).first()


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
