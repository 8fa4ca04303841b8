from django import template

from apps.dashboards.navigation import navigation_for

register = template.Library()


@register.simple_tag(takes_context=True)
def navigation(context):
    """`{% navigation as nav %}`: the menu of the signed-in person (or of a visitor)."""
    user = context.get("user")
    return navigation_for(user) if user is not None else navigation_for(None)
