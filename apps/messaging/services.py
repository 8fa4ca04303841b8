"""Queueing SMS and e-mail. Messages are written now and delivered by the task worker after commit."""

from django.db import transaction
from django.template.loader import render_to_string

from apps.messaging.models import Channel, OutboundMessage


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
