"""Delivery backends. `local` keeps the message in the outbox; `http`/`smtp` hand it to the real gateway."""

import json
import urllib.request

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection


class LocalBackend:
    name = "local"

    def deliver(self, message) -> None:
        """Nothing leaves the machine: the outbox row is the delivered message."""


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


def backend_for(channel: str):
    if channel == "sms":
        return {"local": LocalBackend, "http": HttpSmsBackend}[settings.SMS_BACKEND]()
    return {"local": LocalBackend, "smtp": SmtpEmailBackend}[settings.EMAIL_DELIVERY]()
