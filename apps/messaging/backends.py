"""Delivery backends. `local` writes the delivered copy to the local mailbox (development, demo); `http`/`smtp`
hand it to the real gateway. Each receives a `tasks.Delivery`: the text as the recipient gets it."""

import json
import urllib.request

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection


class LocalBackend:
    name = "local"

    def deliver(self, delivery) -> None:
        """Nothing leaves the machine: the copy goes to the simulated handset/mailbox the outbox page reads."""
        from apps.messaging.models import LocalDelivery

        LocalDelivery.objects.update_or_create(
            message=delivery.message,
            defaults={
                "channel": delivery.channel,
                "recipient": delivery.recipient,
                "subject": delivery.subject,
                "body": delivery.body,
                "html_body": delivery.html_body,
            },
        )


class HttpSmsBackend:
    name = "http"
    timeout_seconds = 15

    def deliver(self, message) -> None:
        payload = {"to": message.recipient, "from": settings.SMS_SENDER_ID, "text": message.body}
        request = urllib.request.Request(  # noqa: S310 - the operator's configured gateway
            settings.SMS_GATEWAY_URL,
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:  # noqa: S310
            if response.status >= 300:
                raise RuntimeError(f"SMS gateway answered {response.status}")


class SmtpEmailBackend:
    name = "smtp"

    def deliver(self, message) -> None:
        connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
        email = EmailMultiAlternatives(
            message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient], connection=connection
        )
        if message.html_body:
            email.attach_alternative(message.html_body, "text/html")
        email.send()


def local_delivery_enabled() -> bool:
    """True when SMS or e-mail is delivered locally (development, demo): only then does the outbox page exist."""
    return settings.SMS_BACKEND == "local" or settings.EMAIL_DELIVERY == "local"


def backend_for(channel: str):
    if channel == "sms":
        return {"local": LocalBackend, "http": HttpSmsBackend}[settings.SMS_BACKEND]()
    return {"local": LocalBackend, "smtp": SmtpEmailBackend}[settings.EMAIL_DELIVERY]()
