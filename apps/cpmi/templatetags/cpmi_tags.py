"""Small template helpers for CPMI pages and the dashboard cards (which live in other apps' templates)."""

from django import template

from apps.cpmi import selectors

register = template.Library()


@register.inclusion_tag("cpmi/_dashboard_job_seeker.html", takes_context=True)
def cpmi_job_seeker_card(context):
    """The CPMI card of the job-seeker dashboard: one query."""
    user = context["user"]
    registration = selectors.registration_of(user)
    progress = context.get("progress")
    return {
        "registration": registration,
        "candidate": getattr(registration, "candidate", None) if registration else None,
        "profile_complete": bool(progress and progress.is_complete),
    }


@register.inclusion_tag("cpmi/_dashboard_office.html")
def cpmi_office_card(office):
    """The office dashboard's count of registrations waiting for a decision: one query."""
    return {"waiting": selectors.waiting_count(office)}
