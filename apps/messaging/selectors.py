"""Reading a user's in-app notices."""

from django.db.models import QuerySet

from apps.messaging.models import Notification


def notifications_of(user) -> QuerySet[Notification]:
    """The user's own notices, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notifications_unread_count(user) -> int:
    """One COUNT over the (user, read_at) index."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
