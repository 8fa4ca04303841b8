"""Dashboard cards of office services: the office's open requests and what waits for the division head; the
company's requests that wait for it (returned, or the hand-over minutes to sign)."""

from django import template

from apps.agencies.selectors import membership_in
from apps.offices.selectors import staff_assignment_of
from apps.officeservices import selectors
from apps.officeservices.models import RequestStatus, ServiceRequest
from apps.officeservices.policy import POLICY, manages_checklist, opening_actions

register = template.Library()


@register.inclusion_tag("officeservices/_office_card.html")
def officeservices_office_card(user):
    assignment = staff_assignment_of(user)
    if assignment is None:
        return {"office": None}
    return {
        "office": assignment.office,
        "approver": POLICY.approves(user),
        "opens_at_counter": bool(opening_actions(user, office=assignment.office)["open_counter"]),
        "manages_checklist": manages_checklist(user, assignment.office),
        **selectors.office_counts(assignment.office),
    }


@register.inclusion_tag("officeservices/_agency_card.html", takes_context=True)
def officeservices_agency_card(context):
    member = membership_in(context)
    agency = member.agency if member else None
    if agency is None:
        return {"agency": None}
    waiting = ServiceRequest.objects.filter(
        agency=agency, status__in=[RequestStatus.RETURNED, RequestStatus.AWAITING_HANDOVER]
    ).count()
    return {"agency": agency, "waiting": waiting}


@register.inclusion_tag("officeservices/_job_seeker_card.html")
def officeservices_job_seeker_card(user):
    """The CPMI's office-service requests: the current step of each, and their issued documents to download."""
    if not getattr(user, "is_authenticated", False):
        return {"rows": []}
    return {"rows": selectors.candidate_requests(user)}
