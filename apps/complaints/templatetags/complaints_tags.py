"""The office dashboard's complaints card (it lives in the dashboards app's template)."""

from django import template

from apps.complaints import selectors

register = template.Library()


@register.inclusion_tag("complaints/_dashboard_office.html")
def complaints_office_card(assignment):
    """Open complaints and the oldest one's age: one query."""
    return {
        "office": assignment.office,
        "summary": selectors.open_complaints(assignment.office),
    }
