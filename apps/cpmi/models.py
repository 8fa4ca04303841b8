"""CPMI registration: the form a job seeker sends to the home labour office, its documents, every
version of them, and every decision. Statuses and their allowed moves are in `ALLOWED_TRANSITIONS`."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")  # being filled in by the job seeker; nothing sent yet
    SUBMITTED = "submitted", _("Diajukan")  # sent to the routed labour office, waiting for its decision
    VERIFIED = "verified", _("Terverifikasi")  # the office accepted every document: the person is a CPMI
    REJECTED = "rejected", _("Ditolak")  # the office refused at least one document; reasons are visible
    REVISING = "revising", _("Revisi")  # the CPMI pressed "Revisi Pengajuan" and is replacing what was refused


# The whole life cycle at a glance: from each status, the statuses a service may move it to.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RegistrationStatus.DRAFT: frozenset({RegistrationStatus.SUBMITTED}),
    RegistrationStatus.SUBMITTED: frozenset({RegistrationStatus.VERIFIED, RegistrationStatus.REJECTED}),
    RegistrationStatus.REJECTED: frozenset({RegistrationStatus.REVISING}),
    RegistrationStatus.REVISING: frozenset({RegistrationStatus.SUBMITTED}),
    RegistrationStatus.VERIFIED: frozenset(),
}
EDITABLE_STATUSES = frozenset({RegistrationStatus.DRAFT, RegistrationStatus.REVISING})


class DocumentKind(models.TextChoices):
    PERMISSION_LETTER = "permission_letter", _("Surat izin suami/istri/orang tua/wali")
    COMPETENCY_CERTIFICATE = "competency_certificate", _("Sertifikat kompetensi (BNSP)")
    HEALTH_CERTIFICATE = "health_certificate", _("Surat keterangan sehat")
    BPJS_CARD = "bpjs_card", _("Kartu peserta BPJS Ketenagakerjaan")
    KTP = "ktp", _("KTP")
    FAMILY_CARD = "family_card", _("Kartu Keluarga")
    BIRTH_CERTIFICATE = "birth_certificate", _("Akte kelahiran")
    MARRIAGE_CERTIFICATE = "marriage_certificate", _("Surat/buku nikah")
    AK1_CARD = "ak1_card", _("Kartu AK/1 (kartu kuning)")


# Kinds of which a registration holds several current documents; every other kind holds one at a time.
MULTIPLE_KINDS = frozenset({DocumentKind.COMPETENCY_CERTIFICATE})


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Belum diperiksa")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Ditolak")


class CpmiRegistration(models.Model):
    applicant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cpmi_registration"
    )
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT)
    # Submission round: 1 for the first sending, +1 for each revision.
    round = models.PositiveSmallIntegerField(default=1)
    office = models.ForeignKey(
        "offices.LabourOffice", null=True, blank=True, on_delete=models.PROTECT, related_name="cpmi_registrations"
    )
    # True when the regency/city office had no staff and the file went to the province office instead.
    routed_to_province = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Permission letter (optional in the form).
    permission_letter_number = models.CharField(_("Nomor surat dari kepala desa"), max_length=100, blank=True)
    permission_letter_date = models.DateField(_("Tanggal surat"), null=True, blank=True)
    village_head_name = models.CharField(_("Nama kepala desa/lurah"), max_length=150, blank=True)
    guardian_nik = models.CharField(_("NIK suami/istri/orang tua/wali"), max_length=16, blank=True)
    guardian_name = models.CharField(_("Nama suami/istri/orang tua/wali"), max_length=150, blank=True)
    # Health certificate.
    health_certificate_number = models.CharField(_("Nomor surat keterangan sehat"), max_length=100, blank=True)
    health_clinic = models.CharField(_("Klinik/puskesmas"), max_length=150, blank=True)
    health_doctor = models.CharField(_("Nama dokter"), max_length=150, blank=True)
    health_certificate_date = models.DateField(_("Tanggal surat keterangan sehat"), null=True, blank=True)
    # AK/1 job-seeker card.
    ak1_number = models.CharField(_("Nomor AK/1"), max_length=50, blank=True)
    ak1_valid_until = models.DateField(_("AK/1 berlaku sampai"), null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["office", "status", "submitted_at"])]

    def __str__(self):
        return f"CPMI {self.applicant} ({self.get_status_display()})"


class CpmiDocument(models.Model):
    """One uploaded file. A replaced document stays, linked to its successor, so every version is kept."""

    registration = models.ForeignKey(CpmiRegistration, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    # For competency certificates: the BNSP certificate number and the scheme/field it certifies.
    certificate_number = models.CharField(_("Nomor sertifikat BNSP"), max_length=100, blank=True)
    certificate_scheme = models.CharField(_("Skema/bidang sertifikasi"), max_length=150, blank=True)
    round = models.PositiveSmallIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when a newer version replaces this one, or when the applicant removes it from a draft.
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    review_status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING)
    review_reason = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"

    @property
    def is_current(self) -> bool:
        return self.replaced_by_id is None and self.withdrawn_at is None

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class CpmiDecision(models.Model):
    """Every decision of the office, with the item reviews as they stood: the history a reader sees."""

    registration = models.ForeignKey(CpmiRegistration, on_delete=models.PROTECT, related_name="decisions")
    round = models.PositiveSmallIntegerField()
    outcome = models.CharField(max_length=10, choices=RegistrationStatus.choices)
    # [{"document": id, "kind": ..., "name": ..., "status": "accepted"|"rejected", "reason": ...}, ...]
    items = models.JSONField(default=list)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self):
        return f"{self.registration_id} round {self.round}: {self.outcome}"


class MigrantCandidate(models.Model):
    """A verified CPMI: the person, the office that verified them, and their CPMI registration number."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="migrant_candidate")
    registration = models.OneToOneField(CpmiRegistration, on_delete=models.PROTECT, related_name="candidate")
    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="+")
    registration_number = models.CharField(_("Nomor registrasi CPMI"), max_length=40, unique=True)
    verified_at = models.DateTimeField()

    def __str__(self):
        return self.registration_number
