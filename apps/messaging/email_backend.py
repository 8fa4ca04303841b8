"""Django e-mail backend that writes every e-mail sent through Django's mail API to the outbox. What such an
e-mail holds is not known here, so its text travels sealed and the kept copy has its links masked."""

from django.core.mail.backends.base import BaseEmailBackend

from apps.messaging.services import email_sealed_queue


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            html = next((content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
            for recipient in message.recipients():
                email_sealed_queue(to=recipient, subject=message.subject, body=message.body, html_body=html)
                count += 1
        return count
