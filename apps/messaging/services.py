"""Queueing SMS and e-mail. Messages are written now and delivered by the task worker after commit."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

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
