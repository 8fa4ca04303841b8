"""Companies (placement companies, P3MI, and any other employer), their staff and their recruiting officers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CompanyKind(models.TextChoices):
    # Only a P3MI holding a valid SIP2MI may place workers overseas; any employer may take part in a job fair.
    P3MI = "p3mi", _("Perusahaan penempatan pekerja migran (P3MI)")
    DOMESTIC_EMPLOYER = "domestic", _("Pemberi kerja dalam negeri")
    OTHER = "other", _("Lainnya")


class PlacementAgency(models.Model):
    """A company on SIPMI: a P3MI (placement company, with its SIP2MI licence) or any other employer."""

    kind = models.CharField(_("Jenis perusahaan"), max_length=10, choices=CompanyKind.choices, default=CompanyKind.P3MI)
    name = models.CharField(_("Nama perusahaan"), max_length=200)
    nib = models.CharField(_("NIB (OSS)"), max_length=20, unique=True)
    # Wajib Lapor Ketenagakerjaan: the company's data was filled from this register at sign-up.
    wlkp_code = models.CharField(_("Kode WLKP"), max_length=30, unique=True, null=True, blank=True)
    # NULL, not "", for a company without a licence: many NULLs never clash in the unique index.
    sip2mi_number = models.CharField(_("Nomor SIP2MI"), max_length=100, unique=True, null=True, blank=True)
    sip2mi_valid_until = models.DateField(_("SIP2MI berlaku sampai"), null=True, blank=True)
    address = models.CharField(_("Alamat"), max_length=300)
    region = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kabupaten/kota domisili"),
    )
    sector = models.CharField(_("Sektor usaha"), max_length=100, blank=True)
    phone = models.CharField(_("Telepon"), max_length=30, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("perusahaan")
        verbose_name_plural = _("perusahaan")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="p3mi")
                | (models.Q(sip2mi_number__isnull=False) & models.Q(sip2mi_valid_until__isnull=False)),
                name="p3mi_has_sip2mi",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_p3mi(self) -> bool:
        return self.kind == CompanyKind.P3MI

    @property
    def licence_valid(self) -> bool:
        """A P3MI whose SIP2MI has expired cannot publish overseas vacancies or act; other companies hold none."""
        return self.is_p3mi and self.sip2mi_valid_until is not None and self.sip2mi_valid_until >= timezone.localdate()


class AgencyDocumentKind(models.TextChoices):
    NIB = "nib", _("NIB / izin usaha (OSS)")
    SIP2MI = "sip2mi", _("SIP2MI")
    OTHER = "other", _("Dokumen lain")


class AgencyDocument(models.Model):
    agency = models.ForeignKey(PlacementAgency, on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(max_length=10, choices=AgencyDocumentKind.choices)
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=50)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self):
        return f"{self.get_kind_display()} — {self.original_name}"


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Pemilik")  # manages the team and may transfer ownership
    STAFF = "staff", _("Staf")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("Pending")  # invited by e-mail, not accepted yet
    ACTIVE = "active", _("Aktif")
    REMOVED = "removed", _("Dikeluarkan")


class AgencyMember(models.Model):
    """A person on a company's team. Invitations are members in PENDING with an e-mail and no user yet."""

    agency = models.ForeignKey(PlacementAgency, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="agency_memberships"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=MemberRole.choices, default=MemberRole.STAFF)
    status = models.CharField(max_length=10, choices=MemberStatus.choices, default=MemberStatus.PENDING)
    # SHA-256 of the invitation token sent by e-mail; the token itself is never stored.
    invitation_hash = models.CharField(max_length=64, blank=True, db_index=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    invited_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency"], condition=models.Q(role="owner", status="active"), name="one_active_owner_per_agency"
            ),
            # A person works for one company at a time.
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="active"), name="one_active_agency_per_user"
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.get_role_display()}, {self.get_status_display()}) — {self.agency}"


class AgencyOfficer(models.Model):
    """A company's recruiting officer (petugas rekrut). Acts in an office's area only once that office approved."""

    agency = models.ForeignKey(PlacementAgency, on_delete=models.PROTECT, related_name="officers")
    full_name = models.CharField(_("Nama petugas"), max_length=150)
    nik = models.CharField(_("NIK"), max_length=16)
    phone = models.CharField(_("Nomor HP"), max_length=16, blank=True)
    assignment_letter_number = models.CharField(_("Nomor surat tugas"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "nik"], name="one_officer_per_nik_per_agency")]

    def __str__(self):
        return f"{self.full_name} ({self.agency})"


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")


class AgencyOfficerApproval(models.Model):
    """A labour office's approval of a recruiting officer to act in its area (seed 002, step 3)."""

    officer = models.ForeignKey(AgencyOfficer, on_delete=models.PROTECT, related_name="approvals")
    office = models.ForeignKey(
        "offices.LabourOffice", on_delete=models.PROTECT, related_name="agency_officer_approvals"
    )
    status = models.CharField(max_length=10, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["officer", "office"], name="one_approval_per_officer_office")]

    def __str__(self):
        return f"{self.officer} @ {self.office}: {self.get_status_display()}"
