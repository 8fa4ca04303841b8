"""Template helpers for PP pages and the dashboard cards (which live in other apps' templates)."""

from django import template

from apps.agencies.selectors import membership_in
from apps.agreements import selectors
from apps.agreements.policy import is_office_head
from apps.core.formatting import money_id
from apps.offices.selectors import staff_assignment_of

register = template.Library()


@register.filter
def money(agreement) -> str:
    return money_id(agreement.salary, agreement.currency)


@register.inclusion_tag("agreements/_office_card.html")
def agreements_office_card(user):
    """The office dashboard's count of PPs waiting for verification: one query."""
    assignment = staff_assignment_of(user)
    if assignment is None:
        return {"waiting": 0, "is_head": False}
    return {
        "waiting": selectors.waiting_count(assignment.office_id),
        "is_head": is_office_head(user),  # the one who records the office's signing delegations
    }


@register.inclusion_tag("agreements/_agency_card.html", takes_context=True)
def agreements_agency_card(context):
    member = membership_in(context)
    agency = member.agency if member else None
    if agency is None:
        return {"agency": None}
    return {
        "agency": agency,
        "to_draft": selectors.accepted_without_agreement(agency).count(),
        "returned": selectors.agency_agreements(agency).filter(status="returned").count(),
    }


@register.inclusion_tag("agreements/_job_seeker_card.html")
def agreements_job_seeker_card(user):
    """The CPMI's accepted applications and their PP status as seed 000 words it (one query)."""
    return {"applications": selectors.candidate_accepted_applications(user)}
