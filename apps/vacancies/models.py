"""Vacancies (Karirhub job orders), overseas or domestic, and the applications with their pipeline."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from apps.core.countries import country_name


class Sector(models.TextChoices):
    CARE = "care", _("Perawatan (caregiver/perawat)")
    DOMESTIC = "domestic", _("Rumah tangga")
    MANUFACTURING = "manufacturing", _("Manufaktur")
    CONSTRUCTION = "construction", _("Konstruksi")
    HOSPITALITY = "hospitality", _("Perhotelan dan restoran")
    AGRICULTURE = "agriculture", _("Pertanian dan perkebunan")
    FISHERY = "fishery", _("Perikanan dan pelaut")
    OTHER = "other", _("Lainnya")


class VacancyKind(models.TextChoices):
    # Placement abroad: a P3MI with a valid SIP2MI, under one of its SPRs; only verified CPMI apply; an
    # accepted application uses one unit of the SPR's quota.
    OVERSEAS = "overseas", _("Luar negeri")
    # Work in Indonesia: any company; no SPR; any activated job seeker with a profile applies.
    DOMESTIC = "domestic", _("Dalam negeri")


DOMESTIC_COUNTRY = "ID"  # ISO 3166-1 alpha-2
DOMESTIC_CURRENCY = "IDR"


class VacancyStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")  # not visible to the public
    PUBLISHED = "published", _("Tayang")  # in the public list until the closing date or until full
    CLOSED = "closed", _("Ditutup")  # closed by the company


VACANCY_TRANSITIONS: dict[str, frozenset[str]] = {
    VacancyStatus.DRAFT: frozenset({VacancyStatus.PUBLISHED, VacancyStatus.CLOSED}),
    VacancyStatus.PUBLISHED: frozenset({VacancyStatus.CLOSED}),
    VacancyStatus.CLOSED: frozenset(),
}


# Published and not full: the part of "open" an index predicate can hold (see selectors.open_vacancies).
OPEN_ROWS = models.Q(status=VacancyStatus.PUBLISHED, accepted_count__lt=models.F("openings"))


class Vacancy(models.Model):
    agency = models.ForeignKey("agencies.PlacementAgency", on_delete=models.PROTECT, related_name="vacancies")
    kind = models.CharField(
        _("Jenis lowongan"), max_length=10, choices=VacancyKind.choices, default=VacancyKind.OVERSEAS
    )
    # The SPR an overseas vacancy recruits under; a domestic vacancy has none.
    permit = models.ForeignKey(
        "permits.RecruitmentPermit", on_delete=models.PROTECT, related_name="vacancies", null=True, blank=True
    )
    position = models.CharField(_("Jabatan"), max_length=150)
    sector = models.CharField(_("Sektor"), max_length=20, choices=Sector.choices)
    # ISO 3166-1 alpha-2 ("TW"); a value typed before the list existed that no name matched stays as it was.
    country = models.CharField(_("Negara tujuan"), max_length=100)
    city = models.CharField(_("Kota"), max_length=100)
    employer_name = models.CharField(_("Pemberi kerja"), max_length=200)
    salary = models.DecimalField(_("Gaji per bulan"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("Mata uang"), max_length=3)  # ISO 4217: TWD, HKD, SGD, MYR, JPY, KRW, SAR…
    contract_months = models.PositiveSmallIntegerField(_("Lama kontrak (bulan)"))
    openings = models.PositiveIntegerField(_("Jumlah lowongan"))
    closing_date = models.DateField(_("Tanggal tutup"), db_index=True)
    # BNSP schemes/fields the applicant must hold a competency certificate for, one per line.
    required_certificates = models.TextField(_("Sertifikat kompetensi yang disyaratkan"))
    other_requirements = models.TextField(_("Persyaratan lain"), blank=True)
    description = models.TextField(_("Deskripsi pekerjaan"))
    status = models.CharField(max_length=10, choices=VacancyStatus.choices, default=VacancyStatus.DRAFT)
    accepted_count = models.PositiveIntegerField(default=0)  # placements accepted so far
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "closing_date"]),
            models.Index(fields=["salary"]),
            # The newest change: the public pages' cache version (public_cache.version), one index lookup.
            models.Index(fields=["updated_at"], name="vacancy_updated"),
            # The public list: published and not full, newest first (the closing date is checked on the rows
            # read in this order; "not past closing" cannot be in an index predicate, it changes every day).
            models.Index(F("published_at").desc(), F("id").desc(), name="vacancy_open_newest", condition=OPEN_ROWS),
            models.Index(
                "country", F("published_at").desc(), F("id").desc(), name="vacancy_open_country", condition=OPEN_ROWS
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="domestic", permit__isnull=True)
                | models.Q(kind="overseas", permit__isnull=False),
                name="vacancy_permit_only_overseas",
            ),
        ]

    def __str__(self):
        return f"{self.position} — {self.city}, {self.country}"

    def required_certificate_list(self) -> list[str]:
        return [line.strip() for line in self.required_certificates.splitlines() if line.strip()]

    @property
    def country_name(self) -> str:
        return country_name(self.country)

    @property
    def is_domestic(self) -> bool:
        return self.kind == VacancyKind.DOMESTIC

    @property
    def is_full(self) -> bool:
        return self.accepted_count >= self.openings


class ApplicationStatus(models.TextChoices):
    SENT = "sent", _("Lamaran terkirim")  # the job seeker (a CPMI for overseas) applied
    PROCESSING = "processing", _("Sedang diproses")  # the company is looking at it
    INTERVIEW = "interview", _("Jadwal wawancara")  # an interview is scheduled (date, time, place or link)
    ACCEPTED = "accepted", _("Diterima")  # selected (overseas: one SPR quota unit used; the PP follows)
    REJECTED = "rejected", _("Ditolak")  # not selected, with a reason
    WITHDRAWN = "withdrawn", _("Dibatalkan")  # withdrawn by the CPMI before acceptance


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationStatus.SENT: frozenset(
        {
            ApplicationStatus.PROCESSING,
            ApplicationStatus.INTERVIEW,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        }
    ),
    ApplicationStatus.PROCESSING: frozenset(
        {
            ApplicationStatus.INTERVIEW,
            ApplicationStatus.ACCEPTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        }
    ),
    ApplicationStatus.INTERVIEW: frozenset(
        {
            ApplicationStatus.INTERVIEW,  # rescheduled
            ApplicationStatus.ACCEPTED,
            ApplicationStatus.REJECTED,
            ApplicationStatus.WITHDRAWN,
        }
    ),
    ApplicationStatus.ACCEPTED: frozenset(),
    ApplicationStatus.REJECTED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
}


class Application(models.Model):
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    # The person who applied (every application); `candidate` is their CPMI record, set for an overseas vacancy.
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications")
    candidate = models.ForeignKey(
        "cpmi.MigrantCandidate", on_delete=models.PROTECT, related_name="applications", null=True, blank=True
    )
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.SENT)
    interview_at = models.DateTimeField(_("Waktu wawancara"), null=True, blank=True)
    interview_place = models.CharField(_("Tempat wawancara"), max_length=300, blank=True)
    interview_link = models.URLField(_("Tautan wawancara daring"), blank=True)
    interview_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("Alasan penolakan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["vacancy", "applicant"], name="one_application_per_vacancy")]

    def __str__(self):
        return f"{self.applicant} → {self.vacancy}"


class ApplicationEvent(models.Model):
    """The application's timeline as the CPMI and the company see it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.status}"


class PermitUse(models.Model):
    """One unit of SPR quota used by one accepted placement; one use per application at most."""

    permit = models.ForeignKey("permits.RecruitmentPermit", on_delete=models.PROTECT, related_name="uses")
    application = models.OneToOneField("vacancies.Application", on_delete=models.PROTECT, related_name="permit_use")
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # Kept from the agencies app: the use belongs to the application, so it lives with it, above permits.
        db_table = "agencies_permituse"

    def __str__(self):
        return f"{self.permit.number} ← {self.application_id}"
