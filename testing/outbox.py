"""What a recipient received by SMS or e-mail, as tests read it.

Tests read message text only through these functions, never from `OutboundMessage.body`: the outbox row is the
record of a send and keeps secrets (an OTP, a reset link) masked; what reached the person is the local backend's
delivered copy (`LocalDelivery`, the simulated handset/mailbox), which these functions read.
"""

import re
from dataclasses import dataclass

from apps.messaging.models import DeliveryStatus, LocalDelivery, OutboundMessage
from apps.messaging.tasks import deliver_message


def deliver_queued() -> None:
    """Do the task worker's job for messages still queued: a test runs inside one transaction, so the delivery
    queued "after commit" has not run yet (tests that capture on-commit callbacks have delivered already)."""
    for pk in OutboundMessage.objects.filter(status=DeliveryStatus.QUEUED).values_list("pk", flat=True):
        deliver_message.call_local(pk)


@dataclass
class Received:
    channel: str
    recipient: str
    subject: str
    body: str


def received(*, recipient: str | None = None, channel: str | None = None, user=None) -> list[Received]:
    """The messages delivered, newest first, optionally for one recipient (phone or e-mail), channel or user."""
    deliver_queued()
    messages = LocalDelivery.objects.order_by("-id")
    if recipient is not None:
        messages = messages.filter(recipient=recipient)
    if channel is not None:
        messages = messages.filter(channel=channel)
    if user is not None:
        messages = messages.filter(message__user=user)
    return [Received(m.channel, m.recipient, m.subject, m.body) for m in messages]


def last_text_to(recipient: str, channel: str | None = None) -> str:
    """The body of the newest message delivered to `recipient`; AssertionError when there is none."""
    messages = received(recipient=recipient, channel=channel)
    assert messages, f"nothing was delivered to {recipient}"
    return messages[0].body


def otp_sent_to(phone: str) -> str:
    """The 6-digit code in the newest SMS to `phone`."""
    match = re.search(r"\b(\d{6})\b", last_text_to(phone, channel="sms"))
    assert match, "the last SMS holds no 6-digit code"
    return match.group(1)


def link_sent_to(email: str, path_prefix: str) -> str:
    """The first link whose path starts with `path_prefix` in the newest e-mail to `email` (path and query only)."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[^\s]*)", last_text_to(email, channel="email"))
    assert match, f"the last e-mail to {email} holds no {path_prefix} link"
    return match.group(1)
