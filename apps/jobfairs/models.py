"""Job fairs (seed 003 part C): the organiser's profile, the fair and its workflow, the companies taking part,
their vacancies and FAQ, and the job seekers following a fair.

The stored `status` is the workflow (draft → submitted → verified/returned → published); once published, the
status people see — upcoming, running, finished — is derived from the clock by `JobFair.phase()`, so it is
right at every moment even when the worker that sends the notices is late.
"""

import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganiserKind(models.TextChoices):
    GOVERNMENT = "government", _("Instansi pemerintah")
    EDUCATION = "education", _("Lembaga pendidikan")
    PRIVATE = "private", _("Swasta")
    COMMUNITY = "community", _("Komunitas / organisasi masyarakat")
    OTHER = "other", _("Lainnya")


class OrganiserProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="organiser_profile")
    institution = models.CharField(_("Nama institusi"), max_length=200)
    kind = models.CharField(_("Jenis institusi"), max_length=12, choices=OrganiserKind.choices)
    address = models.CharField(_("Alamat"), max_length=300)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("Kabupaten/Kota"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("Telepon"), max_length=20)
    email = models.EmailField(_("E-mail"))
    logo = models.FileField(_("Logo"), blank=True, max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.institution

    @property
    def is_complete(self) -> bool:
        return all([self.institution, self.kind, self.address, self.region_id, self.phone, self.email])


class FairTimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB")
    WITA = "Asia/Makassar", _("WITA")
    WIT = "Asia/Jayapura", _("WIT")


class FairMode(models.TextChoices):
    ONLINE = "online", _("Daring (online)")
    VENUE = "venue", _("Luring (di lokasi)")


class FairStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")
    PUBLISHED = "published", _("Terbit")
    CANCELLED = "cancelled", _("Dibatalkan")


class FairPhase(models.TextChoices):
    """What people see: the stored status, or for a published fair where it is in time."""

    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Terverifikasi")
    UPCOMING = "upcoming", _("Akan datang")
    RUNNING = "running", _("Sedang berlangsung")
    FINISHED = "finished", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    FairStatus.DRAFT: frozenset({FairStatus.SUBMITTED, FairStatus.CANCELLED}),
    FairStatus.SUBMITTED: frozenset({FairStatus.VERIFIED, FairStatus.RETURNED, FairStatus.CANCELLED}),
    FairStatus.RETURNED: frozenset({FairStatus.SUBMITTED, FairStatus.CANCELLED}),
    FairStatus.VERIFIED: frozenset({FairStatus.PUBLISHED, FairStatus.CANCELLED}),
    FairStatus.PUBLISHED: frozenset({FairStatus.CANCELLED}),
    FairStatus.CANCELLED: frozenset(),
}


class JobFair(models.Model):
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="job_fairs")
    name = models.CharField(_("Nama job fair"), max_length=200)
    description = models.TextField(_("Deskripsi"))
    banner = models.FileField(_("Banner"), blank=True, max_length=200)
    starts_at = models.DateTimeField(_("Mulai"))
    ends_at = models.DateTimeField(_("Selesai"))
    time_zone = models.CharField(_("Zona waktu"), max_length=16, choices=FairTimeZone.choices, default=FairTimeZone.WIB)
    mode = models.CharField(_("Pelaksanaan"), max_length=8, choices=FairMode.choices, default=FairMode.VENUE)
    venue = models.CharField(_("Tempat"), max_length=300, blank=True)
    regions = models.ManyToManyField("regions.Region", verbose_name=_("Wilayah"), blank=True, related_name="+")
    sectors = models.JSONField(_("Sektor"), default=list, blank=True)
    max_companies = models.PositiveIntegerField(_("Jumlah perusahaan maksimal"), default=50)
    status = models.CharField(max_length=10, choices=FairStatus.choices, default=FairStatus.DRAFT, db_index=True)
    return_reason = models.TextField(_("Alasan pengembalian"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # When the worker told the organiser the fair started / finished (notices only; the phase never reads these).
    start_notified_at = models.DateTimeField(null=True, blank=True)
    end_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="jobfair_ends_after_start"
            )
        ]

    def __str__(self):
        return self.name

    def phase(self, now=None) -> str:
        """The status shown now: before `starts_at` upcoming, from `starts_at` (inclusive) running, from
        `ends_at` (inclusive) finished."""
        if self.status != FairStatus.PUBLISHED:
            return FairPhase(self.status)
        now = now or timezone.now()
        if now < self.starts_at:
            return FairPhase.UPCOMING
        if now < self.ends_at:
            return FairPhase.RUNNING
        return FairPhase.FINISHED

    def phase_label(self, now=None) -> str:
        return FairPhase(self.phase(now)).label

    @property
    def current_phase(self) -> str:
        """For templates: the phase at the moment of rendering."""
        return self.phase()

    @property
    def current_phase_label(self) -> str:
        return self.phase_label()

    def is_running(self, now=None) -> bool:
        return self.phase(now) == FairPhase.RUNNING

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        return FairTimeZone(self.time_zone).label

    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.zone)

    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.zone)

    def sector_labels(self) -> list[str]:
        from apps.vacancies.models import Sector

        return [Sector(value).label for value in self.sectors if value in Sector.values]


class ParticipationStatus(models.TextChoices):
    REQUESTED = "requested", _("Menunggu persetujuan")
    ACCEPTED = "accepted", _("Diterima")
    REJECTED = "rejected", _("Ditolak")
    WITHDRAWN = "withdrawn", _("Mengundurkan diri")


class FairParticipation(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="participations")
    agency = models.ForeignKey("agencies.PlacementAgency", on_delete=models.PROTECT, related_name="fair_participations")
    status = models.CharField(
        max_length=10, choices=ParticipationStatus.choices, default=ParticipationStatus.REQUESTED, db_index=True
    )
    reason = models.TextField(_("Alasan"), blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fair", "agency"], name="jobfair_participation_unique")]

    def __str__(self):
        return f"{self.agency} @ {self.fair}"


class FairVacancy(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="fair_vacancies")
    participation = models.ForeignKey(FairParticipation, on_delete=models.PROTECT, related_name="fair_vacancies")
    vacancy = models.ForeignKey("vacancies.Vacancy", on_delete=models.PROTECT, related_name="fair_entries")
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fair", "vacancy"], name="jobfair_vacancy_unique")]

    def __str__(self):
        return f"{self.vacancy} @ {self.fair}"


class FairApplication(models.Model):
    """An application made in the fair (by `attendance.fair_apply`, in the same transaction as the application).
    A vacancy may be offered at several fairs and on the ordinary list too: this row says where it was made, so the
    fair's figures, its CSV and the job seeker's portfolio count only the applications made in the fair."""

    application = models.OneToOneField("vacancies.Application", on_delete=models.PROTECT, related_name="fair_link")
    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="fair_applications")
    fair_vacancy = models.ForeignKey(FairVacancy, on_delete=models.PROTECT, related_name="fair_applications")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.application_id} @ {self.fair_id}"


class FairFaq(models.Model):
    participation = models.ForeignKey(FairParticipation, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("Pertanyaan"), max_length=300)
    answer = models.TextField(_("Jawaban"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.question


class FairFollower(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="followed_fairs")
    followed_at = models.DateTimeField(auto_now_add=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["fair", "user"], name="jobfair_follower_unique")]

    def __str__(self):
        return f"{self.user} @ {self.fair}"


# --- conversations (Percakapan) ---------------------------------------------------------------------------------


class ConversationSide(models.TextChoices):
    """Who speaks in a conversation: the fair's organiser, a company (any active member), a job seeker."""

    ORGANISER = "organiser", _("Penyelenggara")
    COMPANY = "company", _("Perusahaan")
    SEEKER = "seeker", _("Pencari kerja")


class ConversationKind(models.TextChoices):
    ORGANISER_COMPANY = "organiser_company", _("Penyelenggara ↔ perusahaan")
    ORGANISER_SEEKER = "organiser_seeker", _("Penyelenggara ↔ pencari kerja")
    COMPANY_SEEKER = "company_seeker", _("Perusahaan ↔ pencari kerja")


KIND_SIDES: dict[str, tuple[str, str]] = {
    ConversationKind.ORGANISER_COMPANY: (ConversationSide.ORGANISER, ConversationSide.COMPANY),
    ConversationKind.ORGANISER_SEEKER: (ConversationSide.ORGANISER, ConversationSide.SEEKER),
    ConversationKind.COMPANY_SEEKER: (ConversationSide.COMPANY, ConversationSide.SEEKER),
}


class Conversation(models.Model):
    """Two sides of one fair talking. The organiser side is always the fair's organiser; the company side is
    the company (every active member reads and writes); the job seeker side is one account. One conversation
    per pair per fair (the constraints below)."""

    fair = models.ForeignKey(JobFair, on_delete=models.PROTECT, related_name="conversations")
    kind = models.CharField(max_length=20, choices=ConversationKind.choices)
    agency = models.ForeignKey(
        "agencies.PlacementAgency", on_delete=models.PROTECT, null=True, blank=True, related_name="fair_conversations"
    )
    seeker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="fair_conversations"
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-last_message_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="organiser_company", agency__isnull=False, seeker__isnull=True)
                    | models.Q(kind="organiser_seeker", agency__isnull=True, seeker__isnull=False)
                    | models.Q(kind="company_seeker", agency__isnull=False, seeker__isnull=False)
                ),
                name="jobfair_conversation_sides",
            ),
            models.UniqueConstraint(
                fields=["fair", "agency"],
                condition=models.Q(kind="organiser_company"),
                name="jobfair_conversation_organiser_company",
            ),
            models.UniqueConstraint(
                fields=["fair", "seeker"],
                condition=models.Q(kind="organiser_seeker"),
                name="jobfair_conversation_organiser_seeker",
            ),
            models.UniqueConstraint(
                fields=["fair", "agency", "seeker"],
                condition=models.Q(kind="company_seeker"),
                name="jobfair_conversation_company_seeker",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} @ {self.fair_id}"

    @property
    def sides(self) -> tuple[str, str]:
        return KIND_SIDES[self.kind]


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The side the sender spoke for: a colleague's message in a company conversation is not "unread" news.
    sender_side = models.CharField(max_length=10, choices=ConversationSide.choices)
    body = models.TextField(_("Pesan"))
    attachment = models.FileField(_("Lampiran"), blank=True, max_length=200)
    attachment_name = models.CharField(max_length=120, blank=True)  # the sender's file name, for display only
    attachment_type = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self):
        return f"{self.conversation_id}#{self.pk}"


class ConversationRead(models.Model):
    """Up to when one person has read one conversation (each company member reads for themselves)."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["conversation", "user"], name="jobfair_conversation_read")]

    def __str__(self):
        return f"{self.user_id} read {self.conversation_id} at {self.last_read_at}"
