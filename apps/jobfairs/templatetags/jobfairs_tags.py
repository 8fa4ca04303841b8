"""The home page's "Job Fair" section: the core app's template includes it without importing this app."""

from django import template
from django.utils import timezone

from apps.jobfairs.selectors import public_fairs

register = template.Library()

HOME_FAIRS = 3


@register.inclusion_tag("jobfairs/_home_fairs.html")
def home_fairs():
    fairs = list(public_fairs(timezone.now())[: HOME_FAIRS + 1])
    return {"fairs": fairs[:HOME_FAIRS], "more": len(fairs) > HOME_FAIRS}
