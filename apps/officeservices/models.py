"""Requests for the labour office's own services (workflow 4): a placement company asks for a passport
recommendation or an ID CPMI for one or more of its CPMI, and the office walks the request through the SOP's
steps (`offices.catalogue`). Every step is recorded with who did it, when and how long it took; every checklist
file, every return and every interview is kept.

Statuses and their allowed moves are in `ALLOWED_TRANSITIONS`; which step a request is at is `current_step`
(a step code of its service). The status follows from the step: the office's steps are "in progress", the
company's signature of the hand-over minutes waits for the company, the division head's step for approval.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.offices.catalogue import SERVICE_CHOICES, SERVICES

# Every national checklist item by its code (an item shared by two services is the same object in both).
NATIONAL_ITEMS = {item.code: item for service in SERVICES.values() for item in service.checklist}


class RequestStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")  # the company is assembling it; the office does not see it yet
    SUBMITTED = "submitted", _("Diajukan")  # with the office, waiting for an officer to receive it
    IN_PROGRESS = "in_progress", _("Diproses")  # an officer is working through the SOP's steps
    RETURNED = "returned", _("Dikembalikan")  # incomplete: back with the company, with coded reasons
    AWAITING_HANDOVER = "awaiting_handover", _("Menunggu tanda tangan BAST")  # the company signs the minutes
    AWAITING_APPROVAL = "awaiting_approval", _("Menunggu persetujuan Kabid")  # with the division head
    COMPLETED = "completed", _("Selesai")  # outputs signed and archived
    CANCELLED = "cancelled", _("Dibatalkan")  # withdrawn by the company before the office received it


ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.DRAFT: frozenset({RequestStatus.SUBMITTED, RequestStatus.CANCELLED}),
    RequestStatus.SUBMITTED: frozenset({RequestStatus.IN_PROGRESS, RequestStatus.CANCELLED}),
    RequestStatus.IN_PROGRESS: frozenset(
        {
            RequestStatus.IN_PROGRESS,  # from one office step to the next
            RequestStatus.RETURNED,
            RequestStatus.AWAITING_HANDOVER,
            RequestStatus.AWAITING_APPROVAL,
            RequestStatus.COMPLETED,
        }
    ),
    RequestStatus.RETURNED: frozenset({RequestStatus.SUBMITTED, RequestStatus.CANCELLED}),
    RequestStatus.AWAITING_HANDOVER: frozenset({RequestStatus.AWAITING_APPROVAL}),
    # Approved: the archive step (in progress); returned by the division head: back to the officer.
    RequestStatus.AWAITING_APPROVAL: frozenset({RequestStatus.IN_PROGRESS}),
    RequestStatus.COMPLETED: frozenset(),
    RequestStatus.CANCELLED: frozenset(),
}
OPEN_STATUSES = frozenset(
    {
        RequestStatus.SUBMITTED,
        RequestStatus.IN_PROGRESS,
        RequestStatus.AWAITING_HANDOVER,
        RequestStatus.AWAITING_APPROVAL,
    }
)


class Channel(models.TextChoices):
    ONLINE = "online", _("Daring")  # opened by the company in the app
    COUNTER = "counter", _("Loket")  # opened by an officer for a walk-in company (seed 004)


class ServiceRequest(models.Model):
    # The CPMI's home office: every candidate on the request belongs to it.
    office = models.ForeignKey("offices.LabourOffice", on_delete=models.PROTECT, related_name="service_requests")
    agency = models.ForeignKey("agencies.PlacementAgency", on_delete=models.PROTECT, related_name="service_requests")
    service = models.CharField(_("Layanan"), max_length=40, choices=SERVICE_CHOICES)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT)
    current_step = models.CharField(max_length=40, blank=True)  # a step code of the service (offices.catalogue)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    country = models.CharField(_("Negara tujuan"), max_length=100)  # of the candidates' accepted applications
    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    permit = models.ForeignKey(
        "permits.RecruitmentPermit", null=True, blank=True, on_delete=models.PROTECT, related_name="service_requests"
    )
    permit_checked_at = models.DateTimeField(null=True, blank=True)
    recruiting_officer = models.ForeignKey(
        "agencies.AgencyOfficer", null=True, blank=True, on_delete=models.PROTECT, related_name="service_requests"
    )
    # The company's request letter (surat permohonan) and, for a passport recommendation, the immigration office
    # the recommendation is addressed to.
    letter_number = models.CharField(_("Nomor surat permohonan"), max_length=100, blank=True)
    letter_date = models.DateField(_("Tanggal surat permohonan"), null=True, blank=True)
    immigration_office = models.CharField(_("Kantor imigrasi tujuan"), max_length=200, blank=True)
    immigration_city = models.CharField(_("Kota kantor imigrasi"), max_length=100, blank=True)
    # Submission round: 1 for the first sending, +1 for each resubmission after a return.
    round = models.PositiveSmallIntegerField(default=1)
    # Selection minutes (Berita Acara Seleksi): when and where the selection was held.
    selection_date = models.DateField(_("Tanggal seleksi"), null=True, blank=True)
    selection_place = models.CharField(_("Tempat seleksi"), max_length=200, blank=True)
    # The company's signature of the hand-over minutes (BAST), given in the app.
    handover_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handover_signed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)  # first submission: the 3 working days start here
    step_started_at = models.DateTimeField(null=True, blank=True)  # when the current step began
    approved_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "submitted_at"]),
            models.Index(fields=["agency", "status"]),
        ]

    def __str__(self):
        return f"{self.reference} ({self.get_service_display()})"

    @property
    def reference(self) -> str:
        """What the company and the officer quote to each other."""
        return f"LYN-{self.pk:06d}" if self.pk else "LYN-baru"


class RequestCandidate(models.Model):
    """One CPMI on the request ("daftar CTKI terseleksi"), with the accepted application that puts them there."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="candidates")
    candidate = models.ForeignKey("cpmi.MigrantCandidate", on_delete=models.PROTECT, related_name="service_requests")
    application = models.ForeignKey(
        "vacancies.Application", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreement = models.ForeignKey(
        "agreements.PlacementAgreement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    data_confirmed_at = models.DateTimeField(null=True, blank=True)
    data_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Not passed at interview: stays on the request's record, gets no output and uses no SPR quota.
    excluded = models.BooleanField(default=False)
    # One unit of the SPR used by this request for this CPMI (False when the accepted application already used it).
    permit_unit_used = models.BooleanField(default=False)
    # The request's service and whether the request is still open (anything but completed or cancelled), kept on
    # this row in the transaction that opens, completes or cancels the request: the database then allows one open
    # request per CPMI per service (`one_open_request_per_candidate`), which an index on the request row could not
    # see.
    service = models.CharField(max_length=40, choices=SERVICE_CHOICES)
    is_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["request", "candidate"], name="one_entry_per_candidate"),
            models.UniqueConstraint(
                fields=["candidate", "service"], condition=models.Q(is_open=True), name="one_open_request_per_candidate"
            ),
        ]

    def __str__(self):
        return f"{self.request_id}: {self.candidate}"


class ChecklistEntry(models.Model):
    """One line of the request's checklist: a national item (`code`, from the catalogue) or a local item of the
    office, for the company (request_candidate None) or for one CPMI. Auto-attached items point at what the
    platform holds; the rest carry uploaded files (`files`, every version kept)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="checklist")
    request_candidate = models.ForeignKey(
        RequestCandidate, null=True, blank=True, on_delete=models.CASCADE, related_name="checklist"
    )
    code = models.CharField(max_length=40, blank=True)  # national item code; blank for a local item
    local_item = models.ForeignKey(
        "offices.OfficeChecklistItem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label = models.CharField(max_length=200)
    party = models.CharField(max_length=10)  # offices.catalogue.Party
    source = models.CharField(max_length=30)  # offices.catalogue.Source
    required = models.BooleanField(default=True)
    # What was attached automatically (shown as such): one of these, or a text reference (SPR number, ...).
    cpmi_document = models.ForeignKey(
        "cpmi.CpmiDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency_document = models.ForeignKey(
        "agencies.AgencyDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reference = models.CharField(max_length=200, blank=True)
    auto_attached_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request_candidate_id", "id"]

    def __str__(self):
        return f"{self.request_id}: {self.label}"

    @property
    def is_auto(self) -> bool:
        return self.auto_attached_at is not None

    @property
    def display_label(self) -> str:
        """A national item's label in the reader's language; a local item's as the office wrote it."""
        item = NATIONAL_ITEMS.get(self.code)
        return str(item.label) if item is not None else self.label


class ChecklistFile(models.Model):
    """One uploaded version of a checklist item. A newer upload never replaces the row: the newest is current."""

    entry = models.ForeignKey(ChecklistEntry, on_delete=models.PROTECT, related_name="files")
    file = models.FileField(max_length=200)
    original_name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    round = models.PositiveSmallIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self):
        return self.original_name


class StepOutcome(models.TextChoices):
    DONE = "done", _("Selesai")
    RETURNED = "returned", _("Dikembalikan ke perusahaan")
    SENT_BACK = "sent_back", _("Dikembalikan ke petugas")
    APPROVED = "approved", _("Disetujui")


class StepRecord(models.Model):
    """One pass through one step: started when the request reached it, finished by whoever did it."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=40)
    round = models.PositiveSmallIntegerField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    # The SOP's standard time when the step was done (the catalogue may change later).
    standard_minutes = models.PositiveIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=StepOutcome.choices, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["started_at", "id"]
        indexes = [models.Index(fields=["step", "finished_at"])]

    def __str__(self):
        return f"{self.request_id}: {self.step}"

    @property
    def minutes(self) -> int | None:
        return None if self.duration_seconds is None else round(self.duration_seconds / 60)

    @property
    def over_standard(self) -> bool:
        return (
            self.standard_minutes is not None
            and self.duration_seconds is not None
            and self.duration_seconds > self.standard_minutes * 60
        )


class ReturnCode(models.TextChoices):
    MISSING_DOCUMENT = "missing_document", _("Dokumen belum ada")
    DOCUMENT_UNREADABLE = "document_unreadable", _("Dokumen tidak terbaca")
    PERMIT_INVALID = "permit_invalid", _("SPR tidak sesuai atau tidak berlaku")
    OFFICER_NOT_APPROVED = "officer_not_approved", _("Petugas rekrut belum disetujui")
    DATA_MISMATCH = "data_mismatch", _("Data tidak sesuai")
    OTHER = "other", _("Lainnya")


class ReturnReason(models.Model):
    """Why a request went back to the company (or, with `to_officer`, from the division head to the officer)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="return_reasons")
    round = models.PositiveSmallIntegerField()
    code = models.CharField(max_length=30, choices=ReturnCode.choices)
    entry = models.ForeignKey(ChecklistEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(blank=True)
    to_officer = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self):
        return f"{self.request_id}: {self.code}"


class InterviewOutcome(models.TextChoices):
    PASSED = "passed", _("Lulus")
    FAILED = "failed", _("Tidak lulus")


class Interview(models.Model):
    """The interview of the recruiter and the CPMI (seed 004, step 3)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="interviews")
    request_candidate = models.ForeignKey(RequestCandidate, on_delete=models.CASCADE, related_name="interviews")
    interviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    interviewed_at = models.DateTimeField(_("Waktu wawancara"))
    recruiter_present = models.BooleanField(_("Petugas rekrut hadir"), default=True)
    outcome = models.CharField(_("Hasil"), max_length=10, choices=InterviewOutcome.choices)
    note = models.TextField(_("Catatan"), blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["request_candidate_id", "-interviewed_at", "-id"]

    def __str__(self):
        return f"{self.request_candidate}: {self.outcome}"


class RequestDocument(models.Model):
    """One output of the request: its number in the register book (taken at the register step) and, once the
    division head approves, the issued and signed document."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.PROTECT, related_name="documents")
    request_candidate = models.ForeignKey(
        RequestCandidate, null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    document_type = models.CharField(max_length=30)  # documents.DocumentType
    entry = models.OneToOneField("documents.RegisterEntry", on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField(
        "documents.IssuedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.request_id}: {self.document_type}"
