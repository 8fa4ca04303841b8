from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from apps.core.locking import lock
from apps.messaging.backends import backend_for
from apps.messaging.models import DeliveryStatus, OutboundMessage
from apps.messaging.sealing import unseal

RETRIES = 3


@dataclass
class Delivery:
    """The message as the backend hands it over: the sealed text opened, or the row's own text."""

    message: OutboundMessage
    channel: str
    recipient: str
    subject: str
    body: str
    html_body: str


def _delivery(message: OutboundMessage) -> Delivery:
    text = {"body": message.body, "html_body": message.html_body}
    if message.sealed:
        text.update(unseal(message.sealed, channel=message.channel, recipient=message.recipient))
    return Delivery(message, message.channel, message.recipient, message.subject, text["body"], text["html_body"])


@db_task(retries=RETRIES, retry_delay=60)
def deliver_message(message_id: int) -> None:
    """Only the row's id travels through the queue. The sealed text is opened here, handed to the backend, and
    erased once delivered (or once the last retry has failed)."""
    failure = None
    with transaction.atomic():
        message = lock(OutboundMessage, pk=message_id)
        if message.status == DeliveryStatus.SENT:
            return
        backend = backend_for(message.channel)
        message.attempts += 1
        message.backend = backend.name
        try:
            backend.deliver(_delivery(message))
        except Exception as error:
            failure = error
            message.status = DeliveryStatus.FAILED
            message.error = str(error)[:1000]
            if message.attempts > RETRIES:
                message.sealed = ""
        else:
            message.status = DeliveryStatus.SENT
            message.sent_at = timezone.now()
            message.error = ""
            message.sealed = ""
        message.save(update_fields=["attempts", "backend", "status", "sent_at", "error", "sealed"])
    if failure is not None:
        raise failure  # after the commit, so the failure is recorded; Huey retries the task
