"""Complaints (pengaduan) about a labour office's service, filed by anyone without an account.

The complainant gets a tracking code once; only its SHA-256 hash is stored, so nobody reading the database (or an
office's screen) can read a complainant's answer page.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.offices.catalogue import SERVICE_CHOICES

OTHER_SERVICE = "other"


def service_choices():
    return [*SERVICE_CHOICES, (OTHER_SERVICE, _("Lainnya"))]


class ComplaintStatus(models.TextChoices):
    # Filed, waiting for the office's answer.
    OPEN = "open", _("Menunggu jawaban")
    # The office answered; the complainant reads the answer by the code.
    ANSWERED = "answered", _("Sudah dijawab")
    # Closed by the office (answered, or nothing to answer: spam, a duplicate).
    CLOSED = "closed", _("Ditutup")


S = ComplaintStatus
ALLOWED_TRANSITIONS = {
    S.OPEN: {S.ANSWERED, S.CLOSED},
    S.ANSWERED: {S.CLOSED},
    S.CLOSED: set(),
}


class Complaint(models.Model):
    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="complaints")
    service = models.CharField(_("Layanan"), max_length=40, choices=service_choices)
    # Who complains: all optional, but a phone or an e-mail is needed for the reply notice.
    name = models.CharField(_("Nama"), max_length=120, blank=True)
    phone = models.CharField(_("Nomor HP"), max_length=20, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    text = models.TextField(_("Isi pengaduan"))
    attachment = models.FileField(upload_to="complaints/", blank=True)
    attachment_name = models.CharField(max_length=120, blank=True)  # the complainant's file name, for display
    attachment_mime = models.CharField(max_length=40, blank=True)
    # SHA-256 of the normalised tracking code; the code itself is shown once and never stored.
    code_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN)
    filed_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("Jawaban"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        indexes = [models.Index(fields=["office", "status", "filed_at"], name="complaint_office_queue")]

    def __str__(self):
        return f"#{self.pk} {self.office}"

    @property
    def service_label(self) -> str:
        return dict(service_choices()).get(self.service, self.service)
