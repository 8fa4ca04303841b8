from django.db import transaction
from django.utils import timezone
from huey.contrib.djhuey import db_task

from apps.core.locking import lock
from apps.messaging.backends import backend_for
from apps.messaging.models import DeliveryStatus, OutboundMessage


@db_task(retries=3, retry_delay=60)
def deliver_message(message_id: int) -> None:
    failure = None
    with transaction.atomic():
        message = lock(OutboundMessage, pk=message_id)
        if message.status == DeliveryStatus.SENT:
            return
        backend = backend_for(message.channel)
        message.attempts += 1
        message.backend = backend.name
        try:
            backend.deliver(message)
        except Exception as error:
            failure = error
            message.status = DeliveryStatus.FAILED
            message.error = str(error)[:1000]
        else:
            message.status = DeliveryStatus.SENT
            message.sent_at = timezone.now()
            message.error = ""
        message.save(update_fields=["attempts", "backend", "status", "sent_at", "error"])
    if failure is not None:
        raise failure  # after the commit, so the failure is recorded; Huey retries the task
