"""Issued documents of every workflow: the register book (buku register) and the signed documents.

allocated ──issue──▶ issued  (an IssuedDocument: snapshot + Ed25519 signature; may later be revoked)
    │
    └──cancel (reason)──▶ cancelled  (the number stays in the book and is never given again)

A register entry is one line of the office's book: a number taken, gap-free per office, document type and year.
An issued document is never edited: a correction is a new document plus the revocation of the old one.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    PLACEMENT_AGREEMENT = "pp", _("Perjanjian Penempatan")
    PASSPORT_RECOMMENDATION = "passport_rec", _("Rekomendasi Paspor")
    ID_CPMI = "id_cpmi", _("ID CPMI")
    SELECTION_MINUTES = "selection_minutes", _("Berita Acara Seleksi")
    HANDOVER_MINUTES = "handover_minutes", _("Berita Acara Serah Terima")
    KITKI = "kitki", _("Kartu Identitas TKI (KITKI)")


class RegisterStatus(models.TextChoices):
    # A number taken for a document being prepared; not yet signed.
    ALLOCATED = "allocated", _("Dialokasikan")
    # The document was signed under this number (see IssuedDocument; it may since have been revoked).
    ISSUED = "issued", _("Diterbitkan")
    # The number was not used: it stays in the book, with the reason, and is never given again.
    CANCELLED = "cancelled", _("Dibatalkan")


ALLOWED_TRANSITIONS = {
    RegisterStatus.ALLOCATED: {RegisterStatus.ISSUED, RegisterStatus.CANCELLED},
    RegisterStatus.ISSUED: set(),
    RegisterStatus.CANCELLED: set(),
}


class RegisterFormat(models.Model):
    """How an office writes its numbers of one document type, e.g. "562/{seq:04d}/PTK/{month_roman}/{year}".
    Without a row the national default of `apps.documents.numbering.DEFAULT_PATTERNS` applies."""

    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="register_formats")
    document_type = models.CharField(_("Jenis dokumen"), max_length=30, choices=DocumentType.choices)
    pattern = models.CharField(_("Format nomor"), max_length=120)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "document_type"], name="one_register_format_per_type")]

    def __str__(self):
        return f"{self.office}: {self.document_type} {self.pattern}"


class RegisterEntry(models.Model):
    """One line of an office's register book."""

    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="register_entries")
    document_type = models.CharField(_("Jenis dokumen"), max_length=30, choices=DocumentType.choices)
    year = models.PositiveSmallIntegerField(_("Tahun"))
    sequence = models.PositiveIntegerField(_("Urutan"))
    number = models.CharField(_("Nomor"), max_length=120)
    entry_date = models.DateField(_("Tanggal"))
    subject = models.CharField(_("Perihal"), max_length=300)
    status = models.CharField(
        _("Status"), max_length=20, choices=RegisterStatus.choices, default=RegisterStatus.ALLOCATED
    )
    cancel_reason = models.TextField(_("Alasan pembatalan"), blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "document_type", "-sequence"]
        constraints = [
            # Gap-free and never repeated: one line per office, type, year and sequence number.
            models.UniqueConstraint(
                fields=["office", "document_type", "year", "sequence"], name="one_register_entry_per_sequence"
            ),
            models.UniqueConstraint(fields=["office", "number"], name="register_number_unique_per_office"),
        ]
        indexes = [models.Index(fields=["office", "year", "entry_date"], name="register_office_date")]

    def __str__(self):
        return self.number


class IssuedDocument(models.Model):
    """A signed official document: the full snapshot of what it shows, its Ed25519 signature and the facts the
    reports count, copied from the snapshot into indexed columns."""

    entry = models.OneToOneField(RegisterEntry, on_delete=models.PROTECT, related_name="document")
    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="issued_documents")
    document_type = models.CharField(max_length=30, choices=DocumentType.choices)
    verification_code = models.CharField(max_length=64, unique=True)
    snapshot = models.JSONField()
    signature = models.CharField(max_length=120)  # "ed25519:<base64url>"
    key_id = models.CharField(max_length=64)  # which office key signed: "office-<id>:<fingerprint>"
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    # Report facts (copies of snapshot["facts"]): counted by month, destination, sex, sector and company.
    agency_id = models.IntegerField(null=True, blank=True, db_index=True)
    agency_name = models.CharField(max_length=200, blank=True)
    country = models.CharField(max_length=100, blank=True, db_index=True)
    sex = models.CharField(max_length=1, blank=True)  # "L" / "P" / ""
    sector = models.CharField(max_length=100, blank=True)
    candidate_id = models.IntegerField(null=True, blank=True, db_index=True)
    month = models.DateField(db_index=True)  # the first day of the month of signing (local time)

    class Meta:
        ordering = ["-signed_at", "-id"]
        indexes = [models.Index(fields=["office", "document_type", "month"], name="issued_office_type_month")]

    def __str__(self):
        return self.entry.number if self.entry_id else self.verification_code

    @property
    def number(self) -> str:
        return self.snapshot.get("number", "")
