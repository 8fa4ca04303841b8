"""Small template helpers for CPMI pages and the dashboard cards (which live in other apps' templates)."""

from django import template
from django.utils.translation import gettext as _

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


@register.simple_tag(takes_context=True)
def role_label(context, user=None):
    """What the person is, as the menu and dashboards name them: a job seeker whose CPMI registration the office
    verified is a "CPMI", not a "Pencari kerja" any more. One query per request (kept on the request)."""
    user = user or context.get("user")
    if user is None or not user.is_authenticated:
        return ""
    request = context.get("request")
    cached = getattr(request, "_sipmi_role_label", None) if request is not None else None
    if cached is not None:
        return cached
    label = str(user.get_account_type_display())
    if selectors.is_verified_cpmi(user):
        label = str(_("CPMI"))
    if request is not None:
        request._sipmi_role_label = label
    return label


@register.simple_tag
def cpmi_registration_exists(user) -> bool:
    """Whether the person has a CPMI registration already (the finished profile then links to its status)."""
    return bool(user and user.is_authenticated and selectors.registration_of(user))
