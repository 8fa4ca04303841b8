"""Template helpers for vacancy pages and the dashboard cards (included from the accounts dashboards)."""

from django import template

from apps.agencies.selectors import membership_in
from apps.vacancies import selectors
from apps.vacancies.models import Application, ApplicationStatus

register = template.Library()


@register.inclusion_tag("vacancies/_card_agency.html", takes_context=True)
def vacancy_agency_card(context):
    """The company dashboard's vacancy numbers (three queries)."""
    member = membership_in(context)
    agency = member.agency if member else None
    return {"agency": agency, "counts": selectors.company_counts(agency) if agency else None}


@register.inclusion_tag("vacancies/_card_job_seeker.html", takes_context=True)
def vacancy_job_seeker_card(context):
    """The job-seeker dashboard's link to the vacancies and their own applications (two queries)."""
    user = context["user"]
    candidate = getattr(user, "migrant_candidate", None) if user.is_authenticated else None
    counts = {}
    if user.is_authenticated:
        rows = Application.objects.filter(applicant=user).values_list("status", flat=True)
        for status in rows:
            counts[status] = counts.get(status, 0) + 1
    open_count = sum(counts.get(s, 0) for s in selectors.OPEN_STATUSES)
    return {
        "candidate": candidate,
        "total": sum(counts.values()),
        "open_count": open_count,
        "interviews": counts.get(ApplicationStatus.INTERVIEW, 0),
    }


@register.simple_tag(takes_context=True)
def company_application_panels(context, application):
    """The panels other apps add to the company's page of one application (see `panels`), rendered HTML."""
    from apps.vacancies.panels import company_application_panels as panels

    return panels(application=application, request=context["request"])
