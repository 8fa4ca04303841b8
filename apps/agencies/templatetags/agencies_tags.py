"""Dashboard cards of the company and office dashboards, and small helpers of the agencies pages."""

from django import template
from django.db.models import Count, Q, Sum
from django.utils import timezone

from apps.agencies import selectors
from apps.agencies.models import ApprovalStatus, MemberStatus

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
    """The company dashboard's card: the company, its licence, team, officers and SPR quota (3 queries)."""
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
    today = timezone.localdate()
    quota = agency.permits.filter(valid_from__lte=today, valid_until__gte=today).aggregate(
        count=Count("pk"), quota=Sum("quota"), used=Sum("used")
    )
    return {
        "member": member,
        "agency": agency,
        "team": team,
        "approvals": approvals,
        "permit_count": quota["count"],
        "remaining": (quota["quota"] or 0) - (quota["used"] or 0),
    }


@register.inclusion_tag("agencies/_office_card.html")
def agencies_office_card(office):
    """The office dashboard's count of recruiting officers waiting for approval: one query."""
    return {"waiting": selectors.pending_approvals_count(office)}
