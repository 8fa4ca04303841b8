"""Labour offices (Disnaker) — one per province and per regency/city — and the staff who work in them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeLevel(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    REGENCY = "regency", _("Kabupaten/Kota")


class LabourOffice(models.Model):
    region = models.OneToOneField("regions.Region", on_delete=models.PROTECT, related_name="labour_office")
    level = models.CharField(max_length=10, choices=OfficeLevel.choices)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        verbose_name = _("dinas tenaga kerja")
        verbose_name_plural = _("dinas tenaga kerja")
        ordering = ["region_id"]

    def __str__(self):
        return self.name


class StaffPosition(models.TextChoices):
    # Pengantar kerja / admin: checks files and prepares documents.
    OFFICER = "officer", _("Pengantar Kerja / Admin")
    # Kabid PTK: approves passport recommendations; may sign PPs when delegated.
    DIVISION_HEAD = "division_head", _("Kepala Bidang PTK")
    # Sekretaris Dinas: may sign PPs when delegated.
    SECRETARY = "secretary", _("Sekretaris Dinas")
    # Kepala Dinas: signs PPs unless a delegation decree names someone else.
    OFFICE_HEAD = "office_head", _("Kepala Dinas")


class StaffAssignment(models.Model):
    """A labour-office staff member belongs to exactly one office, with one position."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_assignment")
    office = models.ForeignKey(LabourOffice, on_delete=models.PROTECT, related_name="staff")
    position = models.CharField(max_length=20, choices=StaffPosition.choices)
    # Printed under the signer's name on official documents (civil servants: 18 digits, shown grouped 8-6-1-3).
    nip = models.CharField(_("NIP"), max_length=18, blank=True)
    rank = models.CharField(_("Pangkat/golongan"), max_length=60, blank=True)  # e.g. "Pembina Tk. I / IV b"
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("penugasan petugas")
        verbose_name_plural = _("penugasan petugas")
        constraints = [
            # An office has one head at a time.
            models.UniqueConstraint(
                fields=["office"], condition=models.Q(position="office_head"), name="one_head_per_office"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_position_display()}, {self.office}"


class OfficeSequence(models.Model):
    """A per-office, per-year counter for numbers that must not repeat or skip (register book, CPMI numbers).

    Read and advanced only under a row lock (`offices.services.office_sequence_next`).
    """

    office = models.ForeignKey(LabourOffice, on_delete=models.PROTECT, related_name="sequences")
    name = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("urutan nomor dinas")
        verbose_name_plural = _("urutan nomor dinas")
        constraints = [models.UniqueConstraint(fields=["office", "name", "year"], name="one_sequence_per_office_year")]

    def __str__(self):
        return f"{self.office} {self.name} {self.year}: {self.last_value}"


class OfficeChecklistItem(models.Model):
    """A local requirement an office head adds to a service's national checklist (`offices.catalogue`), without
    code. National items cannot be removed; a local item is retired by deactivating it, so requests that used it
    still show it."""

    office = models.ForeignKey(LabourOffice, on_delete=models.PROTECT, related_name="checklist_items")
    service = models.CharField(_("Layanan"), max_length=40)  # offices.catalogue.Service
    label = models.CharField(_("Persyaratan"), max_length=200)
    party = models.CharField(_("Untuk"), max_length=10)  # offices.catalogue.Party
    required = models.BooleanField(_("Wajib"), default=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("persyaratan lokal")
        verbose_name_plural = _("persyaratan lokal")
        ordering = ["service", "id"]

    def __str__(self):
        return f"{self.office}: {self.label}"
