"""One account per person for every SIPMI service (single sign-on), and the phone verification codes."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountType(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Pencari kerja")  # everyone who registers publicly starts here
    OFFICE_STAFF = "office_staff", _("Petugas dinas")  # position and office: offices.StaffAssignment
    AGENCY_STAFF = "agency_staff", _("Staf perusahaan penempatan (P3MI)")
    JOBFAIR_ORGANISER = "jobfair_organiser", _("Penyelenggara job fair")
    CENTRAL_ADMIN = "central_admin", _("Admin pusat")


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class MaritalStatus(models.TextChoices):
    SINGLE = "single", _("Belum kawin")
    MARRIED = "married", _("Kawin")
    DIVORCED = "divorced", _("Cerai hidup")
    WIDOWED = "widowed", _("Cerai mati")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True, account_type=AccountType.CENTRAL_ADMIN)
        fields.setdefault("activated_at", timezone.now())
        fields.setdefault("full_name", "Administrator")
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("E-mail"), unique=True)
    # Staff accounts created by an administrator may have no NIK or phone yet; public sign-up requires both.
    nik = models.CharField(_("NIK"), max_length=16, unique=True, null=True, blank=True)
    phone = models.CharField(_("Nomor HP"), max_length=16, unique=True, null=True, blank=True)  # +62…
    full_name = models.CharField(_("Nama lengkap"), max_length=150)
    birth_place = models.CharField(_("Tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("Tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("Jenis kelamin"), max_length=1, choices=Sex.choices, blank=True)
    marital_status = models.CharField(_("Status perkawinan"), max_length=10, choices=MaritalStatus.choices, blank=True)
    # Address as on the KTP: decides which labour office serves this person.
    address_village = models.ForeignKey(
        "regions.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Kelurahan/Desa (KTP)"),
    )
    address_street = models.CharField(_("Alamat (KTP)"), max_length=255, blank=True)
    account_type = models.CharField(
        _("Jenis akun"), max_length=20, choices=AccountType.choices, default=AccountType.JOB_SEEKER
    )
    registry_verified_at = models.DateTimeField(null=True, blank=True)
    activated_at = models.DateTimeField(_("Diaktifkan"), null=True, blank=True)  # phone verified by OTP
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)  # may open Django's admin site
    date_joined = models.DateTimeField(default=timezone.now)
    # The language SIPMI writes to this person in (SMS, e-mail, in-app notices), whoever acts.
    language = models.CharField(_("Bahasa"), max_length=8, choices=settings.LANGUAGES, default="id")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_activated(self) -> bool:
        return self.activated_at is not None

    @property
    def role(self) -> str:
        from apps.access.roles import role_of

        return role_of(self)


class PhoneVerification(models.Model):
    """One OTP sent to one phone number. Only the hash of the code is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="phone_verifications")
    phone = models.CharField(max_length=16, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"OTP {self.phone} {self.created_at:%Y-%m-%d %H:%M}"
