"""Queueing SMS and e-mail. Messages are written now and delivered by the task worker after commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.services import audit_record
from apps.core.errors import PermissionDenied
from apps.core.locking import lock
from apps.messaging.models import Channel, Notification, OutboundMessage


def _queue(message: OutboundMessage) -> OutboundMessage:
    from apps.messaging.tasks import deliver_message

    message.save()
    transaction.on_commit(lambda: deliver_message(message.pk))
    return message


def sms_queue(*, phone: str, template: str, context: dict, user=None) -> OutboundMessage:
    body = render_to_string(template, context).strip()
    return _queue(OutboundMessage(channel=Channel.SMS, recipient=phone, body=body, user=user))


def email_queue(*, to: str, subject: str, body: str, html_body: str = "", user=None) -> OutboundMessage:
    return _queue(
        OutboundMessage(channel=Channel.EMAIL, recipient=to, subject=subject, body=body, html_body=html_body, user=user)
    )


def notify_user(*, user, title: str, body: str, url: str = "", sms: bool = True, email: bool = True) -> Notification:
    """Tell a user something in the app, and by SMS and e-mail through the adapters (sent by the worker)."""
    notification = Notification.objects.create(user=user, title=title, body=body, url=url)
    text = f"SIPMI: {title}. {body}"
    if sms and user.phone:
        _queue(OutboundMessage(channel=Channel.SMS, recipient=user.phone, body=text[:480], user=user))
    if email and user.email:
        link = f"\n\n{settings.SITE_URL.rstrip('/')}{url}" if url else ""
        email_queue(to=user.email, subject=f"SIPMI: {title}", body=f"{body}{link}", user=user)
    return notification


def notification_mark_read(*, notification_id: int, actor) -> Notification:
    """Mark one of the actor's own notices as read (opening it does this). Already read: nothing changes."""
    with transaction.atomic():
        notification = lock(Notification, pk=notification_id)
        if notification.user_id != actor.pk:
            raise PermissionDenied(_("Notifikasi ini bukan milik Anda."))
        if notification.read_at is not None:
            return notification
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(actor=actor, action="notification.read", target=notification)
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notice of the actor as read; returns how many were unread (0: nothing written)."""
    with transaction.atomic():
        # One UPDATE: a notice written meanwhile is either included or stays unread, never half-marked.
        count = Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
        if count:
            audit_record(
                actor=actor, action="notification.read_all", object_type="messaging.notification", data={"count": count}
            )
    return count
