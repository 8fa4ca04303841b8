"""Dashboard cards of the company and office dashboards, and small helpers of the agencies pages."""

from django import template
from django.db.models import Count, Q

from apps.agencies import selectors
from apps.agencies.models import ApprovalStatus, MemberStatus
from apps.agencies.panels import agency_card_lines

register = template.Library()

STATUS_CLASSES = {
    "pending": "text-bg-warning",
    "active": "text-bg-success",
    "removed": "text-bg-secondary",
    "approved": "text-bg-success",
    "rejected": "text-bg-danger",
}


@register.filter
def agency_status_class(status: str) -> str:
    return STATUS_CLASSES.get(status, "text-bg-secondary")


@register.inclusion_tag("agencies/_agency_card.html", takes_context=True)
def agencies_agency_card(context):
    """The company dashboard's card: the company, its licence, team, officers, and the lines apps above register
    (the SPR quota, from `permits`): 3 queries."""
    member = selectors.membership_in(context)
    if member is None:
        return {"member": None}
    agency = member.agency
    team = agency.members.aggregate(
        active=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
        pending=Count("pk", filter=Q(status=MemberStatus.PENDING)),
    )
    approvals = agency.officers.aggregate(
        approved=Count("approvals", filter=Q(approvals__status=ApprovalStatus.APPROVED)),
        pending=Count("approvals", filter=Q(approvals__status=ApprovalStatus.PENDING)),
    )
    return {
        "member": member,
        "agency": agency,
        "team": team,
        "approvals": approvals,
        "lines": agency_card_lines(agency=agency) if agency.is_p3mi else [],
    }


@register.inclusion_tag("agencies/_office_card.html")
def agencies_office_card(office):
    """The office dashboard's count of recruiting officers waiting for approval: one query."""
    return {"waiting": selectors.pending_approvals_count(office)}
