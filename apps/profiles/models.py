"""The job-seeker profile filled in over seven steps (see `steps.py`), and its lists."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import MaritalStatus


class JobSeekerProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_seeker_profile")
    # Stored under a random name by `profile_save_photo`; earlier photos stay in storage.
    photo = models.FileField(_("Foto"), upload_to="profile-photos/", blank=True, max_length=200)
    description = models.TextField(_("Deskripsi diri"), blank=True)
    marital_status = models.CharField(_("Status perkawinan"), max_length=10, choices=MaritalStatus.choices, blank=True)
    domicile_village = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kelurahan/Desa domisili"),
    )
    domicile_street = models.CharField(_("Alamat domisili (jalan, RT/RW)"), max_length=255, blank=True)
    looking_for_training = models.BooleanField(_("Sedang mencari pelatihan"), default=False)
    wanted_jobs = models.TextField(_("Pekerjaan yang diinginkan"), blank=True)
    personal_saved_at = models.DateTimeField(null=True, blank=True)  # step "personal" was saved once
    completed_steps = models.JSONField(default=list, blank=True)  # step keys, in step order
    skipped_steps = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil pencari kerja")
        verbose_name_plural = _("profil pencari kerja")

    def __str__(self):
        return str(self.user)


class WorkExperience(models.Model):
    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="experiences")
    company = models.CharField(_("Nama perusahaan"), max_length=150)
    position = models.CharField(_("Jabatan"), max_length=150)
    start_date = models.DateField(_("Mulai bekerja"))
    end_date = models.DateField(_("Selesai bekerja"), null=True, blank=True)  # empty: still working there
    description = models.TextField(_("Uraian pekerjaan"), blank=True)

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("pengalaman kerja")
        verbose_name_plural = _("pengalaman kerja")

    def __str__(self):
        return f"{self.position} — {self.company}"


class Training(models.Model):
    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(_("Nama pelatihan"), max_length=150)
    institution = models.CharField(_("Lembaga penyelenggara"), max_length=150)
    year = models.PositiveSmallIntegerField(_("Tahun"))

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("pelatihan")
        verbose_name_plural = _("pelatihan")

    def __str__(self):
        return self.name


class EducationLevel(models.TextChoices):
    SD = "SD", _("SD/sederajat")
    SMP = "SMP", _("SMP/sederajat")
    SMA = "SMA", _("SMA/sederajat")
    SMK = "SMK", _("SMK")
    D1 = "D1", _("Diploma 1 (D1)")
    D2 = "D2", _("Diploma 2 (D2)")
    D3 = "D3", _("Diploma 3 (D3)")
    D4 = "D4", _("Diploma 4 (D4)")
    S1 = "S1", _("Sarjana (S1)")
    S2 = "S2", _("Magister (S2)")
    S3 = "S3", _("Doktor (S3)")


class Education(models.Model):
    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="educations")
    level = models.CharField(_("Jenjang"), max_length=3, choices=EducationLevel.choices)
    institution = models.CharField(_("Nama sekolah/perguruan tinggi"), max_length=150)
    major = models.CharField(_("Jurusan"), max_length=150, blank=True)
    graduation_year = models.PositiveSmallIntegerField(_("Tahun lulus"))

    class Meta:
        ordering = ["-graduation_year", "-id"]
        verbose_name = _("pendidikan")
        verbose_name_plural = _("pendidikan")

    def __str__(self):
        return f"{self.level} {self.institution}"


class Certification(models.Model):
    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="certifications")
    name = models.CharField(_("Nama sertifikat"), max_length=150)
    bnsp_number = models.CharField(_("Nomor sertifikat BNSP"), max_length=60, blank=True)
    issuer = models.CharField(_("Penerbit"), max_length=150)
    issued_on = models.DateField(_("Tanggal terbit"))
    # Private: random stored name, served only through a permission-checked view.
    file = models.FileField(_("Berkas sertifikat"), upload_to="certificates/", blank=True, max_length=200)
    original_name = models.CharField(max_length=120, blank=True)  # the user's file name, for display only

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("sertifikasi")
        verbose_name_plural = _("sertifikasi")

    def __str__(self):
        return self.name


class Skill(models.Model):
    profile = models.ForeignKey(JobSeekerProfile, on_delete=models.CASCADE, related_name="skills")
    name = models.CharField(_("Keahlian"), max_length=100)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "profile", name="profiles_skill_unique_name_per_profile"),
        ]
        verbose_name = _("keahlian")
        verbose_name_plural = _("keahlian")

    def __str__(self):
        return self.name
