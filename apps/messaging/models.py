"""Every SMS and e-mail SIPMI sends is first written here: the outbox row is the record of a send.

A row never holds a secret readably: a message carrying an OTP or a one-time link keeps a redacted `body` (the
secret masked) and the text to deliver sealed in `sealed` (AES-GCM, see `apps.messaging.sealing`), which the
delivery task opens, hands to the backend and then erases. With the local backend (development, demo) the
delivered copy goes to `LocalDelivery`, a simulated handset/mailbox that the local outbox page reads."""

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
    body = models.TextField()  # redacted when the message carries a secret
    html_body = models.TextField(blank=True)
    # The text to deliver (with its secret), sealed; erased once delivered. Empty when nothing was secret.
    sealed = models.TextField(blank=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED)
    backend = models.CharField(max_length=20, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("pesan keluar (SMS/e-mail)")
        verbose_name_plural = _("pesan keluar (SMS/e-mail)")

    def __str__(self):
        return f"{self.channel} → {self.recipient}"


class LocalDelivery(models.Model):
    """What the local backend delivered: a simulated handset or mailbox, for development and the demo only. It
    holds the text as the recipient received it (an OTP, a reset link), so it is written only when SMS_BACKEND or
    EMAIL_DELIVERY is `local`, and read only by the local outbox page and the tests."""

    message = models.OneToOneField(OutboundMessage, on_delete=models.CASCADE, related_name="local_delivery")
    channel = models.CharField(max_length=5, choices=Channel.choices)
    recipient = models.CharField(max_length=254, db_index=True)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    delivered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("pesan terkirim lokal")
        verbose_name_plural = _("pesan terkirim lokal")

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
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        # The bell counts a user's unread notices on every page a signed-in user opens.
        indexes = [models.Index(fields=["user", "read_at"], name="messaging_notice_unread_idx")]

    def __str__(self):
        return self.title

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
