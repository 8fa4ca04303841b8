"""The navigation's count of unread conversation messages (templates/_partials/conversations_nav.html)."""

from django import template

from apps.jobfairs.conversations import selectors as conversations

register = template.Library()


@register.simple_tag(takes_context=True)
def conversations_unread_total(context) -> int:
    """Unread messages in the signed-in user's job-fair conversations; one query, once per request."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    if user is None or conversations.side_of_user(user) is None:
        return 0
    if request is not None and hasattr(request, "_conversations_unread"):
        return request._conversations_unread
    total = conversations.unread_total(user)
    if request is not None:
        request._conversations_unread = total
    return total


@register.simple_tag(takes_context=True)
def conversations_available(context) -> bool:
    """Whether the user's account type talks in job fairs (organiser, company, job seeker)."""
    user = context.get("user")
    return user is not None and conversations.side_of_user(user) is not None
