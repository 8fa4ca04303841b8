"""The bell in the navigation: the signed-in user's unread count, for every page rendered with a request."""

from apps.messaging.selectors import notifications_unread_count


def unread_count_for(request) -> int:
    """The count, queried at most once per request however many templates ask for it."""
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = notifications_unread_count(request.user)
    return request._unread_notifications


def notifications(request):
    """Nothing for visitors. For a signed-in user a callable, which templates call when they read it: a page
    that never shows the bell (a PDF, a fragment without the navigation) costs no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": lambda: unread_count_for(request)}
