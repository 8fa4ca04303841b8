"""The placement agreement (PP) between a CPMI and a P3MI, checked and signed at the CPMI's labour office,
and the delegation decrees (SK) that let a secretary or division head sign for the head of office."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureDelegation(models.Model):
    """SK pendelegasian: the head of office delegates PP signing to the secretary or the division head."""

    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="signature_delegations")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decree_number = models.CharField(_("Nomor SK"), max_length=100)
    decree_date = models.DateField(_("Tanggal SK"))
    valid_from = models.DateField(_("Berlaku dari"))
    valid_until = models.DateField(_("Berlaku sampai"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"SK {self.decree_number}: {self.delegate} ({self.office})"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")  # being drafted by the company after acceptance
    SUBMITTED = "submitted", _("Menunggu Verifikasi PP")  # with the CPMI's home labour office
    RETURNED = "returned", _("Dikembalikan")  # returned to the company with a reason; it may revise and resubmit
    VERIFIED = "verified", _("PP Telah Diverifikasi")  # signed; the PDF can be downloaded


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.SUBMITTED}),
    AgreementStatus.SUBMITTED: frozenset({AgreementStatus.VERIFIED, AgreementStatus.RETURNED}),
    AgreementStatus.RETURNED: frozenset({AgreementStatus.SUBMITTED}),
    AgreementStatus.VERIFIED: frozenset(),
}


class PlacementAgreement(models.Model):
    application = models.OneToOneField("vacancies.Application", on_delete=models.PROTECT, related_name="agreement")
    agency = models.ForeignKey("agencies.PlacementAgency", on_delete=models.PROTECT, related_name="agreements")
    candidate = models.ForeignKey("cpmi.MigrantCandidate", on_delete=models.PROTECT, related_name="agreements")
    # The CPMI's home labour office, which checks and signs.
    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="agreements")
    status = models.CharField(max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT)
    version = models.PositiveSmallIntegerField(default=1)  # +1 for each resubmission after a return

    # Terms, filled from the vacancy and editable by the company before submission.
    position = models.CharField(_("Jabatan"), max_length=150)
    employer_name = models.CharField(_("Pemberi kerja"), max_length=200)
    employer_address = models.CharField(_("Alamat pemberi kerja"), max_length=300, blank=True)
    country = models.CharField(_("Negara tujuan"), max_length=100)
    city = models.CharField(_("Kota"), max_length=100)
    salary = models.DecimalField(_("Gaji per bulan"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("Mata uang"), max_length=3)
    contract_months = models.PositiveSmallIntegerField(_("Lama kontrak (bulan)"))
    placement_costs = models.TextField(_("Biaya penempatan dan siapa yang menanggung"))
    rights_and_duties = models.TextField(_("Hak dan kewajiban para pihak"))

    submitted_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)

    # Filled once, when the agreement is verified and signed; never edited afterwards.
    number = models.CharField(_("Nomor PP"), max_length=60, unique=True, null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(max_length=150, blank=True)
    signer_position = models.CharField(max_length=100, blank=True)
    # "Kepala Dinas", or "a.n. Kepala Dinas, berdasarkan SK Nomor … tanggal …".
    signing_authority = models.CharField(max_length=300, blank=True)
    delegation = models.ForeignKey(
        SignatureDelegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    # The signature of the signed content: the office's Ed25519 signature of the PP's issued document, whose body
    # is `signed_content` ("ed25519:<base64url>", see agreements.snapshot). PPs signed before carry the earlier
    # scheme's Ed25519 signature or an HMAC-SHA256 (64 hex digits), checked by documents.legacy.
    signature = models.CharField(max_length=128, blank=True)
    # What was signed, as it stood at signing (parties included): a later correction of a person's or a
    # company's record does not change the issued document, and the signature is checked against this.
    signed_content = models.JSONField(default=dict, blank=True)
    verification_code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pdf = models.FileField(max_length=200, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["office", "status", "submitted_at"])]

    def __str__(self):
        return self.number or f"PP draf #{self.pk}"
