"""Every SMS and e-mail SIPMI sends is first written here: the outbox is the record, and in the local
backend it is the only destination (admins read it in the UI, tests read it directly)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Antre")  # written, waiting for the task worker
    SENT = "sent", _("Terkirim")  # handed to the gateway (or kept in the local outbox)
    FAILED = "failed", _("Gagal")  # the gateway refused it; `error` says why


class OutboundMessage(models.Model):
    channel = models.CharField(max_length=5, choices=Channel.choices)
    recipient = models.CharField(max_length=254, db_index=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    backend = models.CharField(max_length=20, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return f"{self.channel} → {self.recipient}"


class Notification(models.Model):
    """An in-app notice: counted by the bell in the navigation, listed on the notifications page; the same news
    also goes out by SMS and e-mail. `read_at` is set when the user opens it (or marks all as read)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The bell counts a user's unread notices on every page a signed-in user opens.
        indexes = [models.Index(fields=["user", "read_at"], name="messaging_notice_unread_idx")]

    def __str__(self):
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
