"""The PP's file (berkas) as seed 001 lists it, read for the office's review page before the head signs.

The list is the national checklist of the ID CPMI / PP ratification service (`offices.catalogue.ID_CPMI`), with
the SPR the application used added after the company's licences. Each item is filled from what the platform
holds: the CPMI's verified registration documents, the company's documents, the SPR, the recruiting officer's
approval at this office, the PP itself. What the platform does not hold is marked missing.

Items the company uploads with an office-service request live in an app above this one; that app may register a
source (`dossier_source_register`) that supplies their files, so agreements never imports it.

A fixed number of queries, whatever the file holds (see `agreement_dossier`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agencies.models import AgencyDocument, AgencyOfficerApproval, ApprovalStatus
from apps.core.countries import country_code
from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.cpmi.selectors import applicant_marital_status, in_form_order
from apps.offices.catalogue import ID_CPMI, Party, Requirement, Source
from apps.permits.models import RecruitmentPermit

# Item states, as the page marks them.
ATTACHED = "attached"  # on file: openable, or data the platform holds
MISSING = "missing"  # required and not on file
WARNING = "warning"  # on file, but something about it needs the reviewer's eye (expired, another destination)
NOT_REQUIRED = "not_required"  # the requirement does not apply to this CPMI (marriage certificate of a single CPMI)

MARRIED_STATUSES = frozenset({"married", "divorced"})


@dataclass
class DossierFile:
    label: str
    url: str
    uploaded_at: object = None


@dataclass
class DossierItem:
    code: str
    label: str
    party: str
    state: str = MISSING
    files: list[DossierFile] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value) rows
    notes: list[str] = field(default_factory=list)  # why an item is missing or needs attention


@dataclass
class Dossier:
    company: list[DossierItem]
    candidate: list[DossierItem]
    other_candidate_files: list[DossierFile]  # registration documents no checklist item names (health, BPJS ...)

    @property
    def items(self) -> list[DossierItem]:
        return self.company + self.candidate

    @property
    def missing(self) -> list[DossierItem]:
        return [item for item in self.items if item.state == MISSING]


# --- sources registered by apps above this one -------------------------------------------------------------------

_sources: list[Callable] = []


def dossier_source_register(source: Callable) -> Callable:
    """Register `source(*, agreement) -> dict[item code, list[DossierFile]]` for items uploaded elsewhere (the
    office-service request's uploads); it must use a fixed number of queries. Registering twice is a no-op."""
    if source not in _sources:
        _sources.append(source)
    return source


def _registered_files(agreement) -> dict[str, list[DossierFile]]:
    found: dict[str, list[DossierFile]] = {}
    for source in _sources:
        for code, files in (source(agreement=agreement) or {}).items():
            found.setdefault(code, []).extend(files)
    return found


# --- the file -----------------------------------------------------------------------------------------------------


# Opened in the browser's own viewer (a new tab), not downloaded: the reviewer reads many files in a row.
def candidate_file_url(agreement, document) -> str:
    return reverse("agreements:file_candidate", args=[agreement.pk, document.pk]) + "?inline=1"


def agency_file_url(agreement, document) -> str:
    return reverse("agreements:file_agency", args=[agreement.pk, document.pk]) + "?inline=1"


def _permit_of(agreement) -> RecruitmentPermit | None:
    """The SPR whose quota the acceptance used; the vacancy's SPR for applications accepted before that record."""
    application = agreement.application
    permit = (
        RecruitmentPermit.objects.filter(uses__application_id=application.pk).select_related("agency").first()
        if application is not None
        else None
    )
    if permit is None and application is not None:
        permit = RecruitmentPermit.objects.filter(vacancies__pk=application.vacancy_id).select_related("agency").first()
    return permit


def agreement_dossier(agreement) -> Dossier:
    """Every item of the PP's file, in the SOP's order, company documents first. Pass an agreement from
    `selectors.agreement_detail` (its candidate, agency, office and application are already loaded)."""
    today = timezone.localdate()
    candidate = agreement.candidate
    registration = candidate.registration
    agency = agreement.agency

    documents = in_form_order(
        CpmiDocument.objects.filter(registration=registration, replaced_by__isnull=True, withdrawn_at__isnull=True)
    )
    by_kind: dict[str, list[CpmiDocument]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, []).append(document)
    agency_documents: dict[str, list[AgencyDocument]] = {}
    for document in AgencyDocument.objects.filter(agency=agency).order_by("-uploaded_at", "-id"):
        agency_documents.setdefault(document.kind, []).append(document)
    approvals = list(
        AgencyOfficerApproval.objects.filter(office_id=agreement.office_id, officer__agency=agency)
        .select_related("officer")
        .order_by("officer__full_name", "id")
    )
    married = applicant_marital_status(candidate.user) in MARRIED_STATUSES
    elsewhere = _registered_files(agreement)

    def cpmi_files(kind: str) -> list[DossierFile]:
        return [
            DossierFile(document.original_name, candidate_file_url(agreement, document), document.uploaded_at)
            for document in by_kind.get(kind, [])
        ]

    company: list[DossierItem] = []
    people: list[DossierItem] = []
    for entry in ID_CPMI.checklist:
        item = DossierItem(entry.code, str(entry.label), entry.party)
        if entry.requirement == Requirement.IF_MARRIED and not married:
            item.state = NOT_REQUIRED
            item.notes.append(_("Tidak wajib: CPMI belum menikah."))
        if entry.source == Source.CPMI_FILE:
            item.files = cpmi_files(entry.key)
            if entry.key == DocumentKind.PERMISSION_LETTER:
                _permission_facts(item, registration)
        elif entry.source == Source.AGENCY_DOCUMENT:
            latest = agency_documents.get(entry.key, [])[:1]
            item.files = [
                DossierFile(document.original_name, agency_file_url(agreement, document), document.uploaded_at)
                for document in latest
            ]
            if entry.key == "sip2mi":
                _licence_facts(item, agency, today)
        elif entry.source == Source.RECRUITING_OFFICER:
            _officer_facts(item, approvals)
        elif entry.source == Source.AGREEMENT:
            _agreement_facts(item, agreement)
        elif entry.code == "ak1":
            _ak1_facts(item, registration, cpmi_files(DocumentKind.AK1_CARD), today)
        item.files += elsewhere.get(entry.code, [])
        if item.state == NOT_REQUIRED and item.files:
            item.state, item.notes = ATTACHED, []
        if item.state == MISSING and (item.files or item.facts) and not item.notes:
            item.state = ATTACHED
        if item.state == MISSING and not item.notes:
            item.notes.append(
                _("Belum ada di platform: diserahkan perusahaan bersama permohonan layanan.")
                if entry.source == Source.UPLOAD
                else _("Belum ada di platform.")
            )
        (company if entry.party == Party.COMPANY else people).append(item)
        if entry.code == "sip2mi":
            company.append(_permit_item(agreement, _permit_of(agreement), today))

    named = {entry.key for entry in ID_CPMI.checklist if entry.source == Source.CPMI_FILE} | {DocumentKind.AK1_CARD}
    others = [
        DossierFile(
            f"{document.get_kind_display()} — {document.original_name}",
            candidate_file_url(agreement, document),
            document.uploaded_at,
        )
        for document in documents
        if document.kind not in named
    ]
    return Dossier(company=company, candidate=people, other_candidate_files=others)


def _date(value) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _permission_facts(item: DossierItem, registration) -> None:
    # Optional in the CPMI form, required by both SOPs: the letter's data must be there as well as its scan.
    rows = [
        (_("Nomor surat"), registration.permission_letter_number),
        (_("Tanggal surat"), _date(registration.permission_letter_date)),
        (_("Kepala desa/lurah"), registration.village_head_name),
        (_("Pemberi izin"), registration.guardian_name),
        (_("NIK pemberi izin"), registration.guardian_nik),
    ]
    item.facts = [(label, value) for label, value in rows if value]
    if not item.files:
        item.state = MISSING
        item.notes.append(_("Wajib menurut SOP, meskipun opsional di formulir CPMI."))
    elif not registration.permission_letter_number:
        item.state = WARNING
        item.notes.append(_("Nomor surat izin belum diisi di formulir CPMI."))


def _licence_facts(item: DossierItem, agency, today) -> None:
    item.facts = [
        (_("Nomor SIP2MI"), agency.sip2mi_number),
        (_("Berlaku sampai"), agency.sip2mi_valid_until.strftime("%d-%m-%Y")),
    ]
    if agency.sip2mi_valid_until < today:
        item.state = WARNING
        item.notes.append(_("SIP2MI sudah tidak berlaku."))
    elif not item.files:
        item.state = WARNING
        item.notes.append(_("Salinan SIP2MI belum diunggah perusahaan."))


def _officer_facts(item: DossierItem, approvals) -> None:
    approved = [approval for approval in approvals if approval.status == ApprovalStatus.APPROVED]
    for approval in approved:
        officer = approval.officer
        item.facts.append(
            (
                officer.full_name,
                _("Surat tugas %(number)s · disetujui dinas %(date)s")
                % {
                    "number": officer.assignment_letter_number,
                    "date": _date(timezone.localtime(approval.decided_at)) if approval.decided_at else "-",
                },
            )
        )
    if not approved:
        item.state = MISSING
        pending = [approval for approval in approvals if approval.status == ApprovalStatus.PENDING]
        item.notes.append(
            _("Belum ada petugas rekrut perusahaan yang disetujui dinas ini (%(n)s menunggu persetujuan).")
            % {"n": len(pending)}
        )


def _agreement_facts(item: DossierItem, agreement) -> None:
    item.state = ATTACHED
    if agreement.number:
        item.facts.append((_("Nomor PP"), agreement.number))
        if agreement.pdf:
            item.files.append(
                DossierFile(_("PP yang ditandatangani (PDF)"), reverse("agreements:download", args=[agreement.pk]))
            )
    else:
        item.facts.append((_("Isi perjanjian"), _("di halaman ini")))


def _ak1_facts(item: DossierItem, registration, files, today) -> None:
    item.files = files
    if registration.ak1_number:
        item.facts.append((_("Nomor AK/1"), registration.ak1_number))
    if registration.ak1_valid_until:
        item.facts.append((_("Berlaku sampai"), registration.ak1_valid_until.strftime("%d-%m-%Y")))
        if registration.ak1_valid_until < today:
            item.state = WARNING
            item.notes.append(_("Kartu AK/1 sudah tidak berlaku."))
    if not registration.ak1_number:
        item.state = MISSING
        item.notes.append(_("Nomor AK/1 belum diisi di formulir CPMI."))


def _permit_item(agreement, permit, today) -> DossierItem:
    item = DossierItem("permit", _("Surat Permintaan Rekrut (SPR)"), Party.COMPANY)
    if permit is None:
        item.notes.append(_("Lamaran ini tidak tercatat memakai SPR."))
        return item
    item.state = ATTACHED
    item.facts = [
        (_("Nomor SPR"), permit.number),
        (_("Negara tujuan"), permit.country_name),
        (_("Masa berlaku"), f"{permit.valid_from:%d-%m-%Y} – {permit.valid_until:%d-%m-%Y}"),
        (_("Kuota terpakai"), f"{permit.used} / {permit.quota}"),
    ]
    if permit.agency_id != agreement.agency_id:
        item.notes.append(_("SPR ini milik perusahaan lain."))
    if (country_code(permit.country) or permit.country.strip().lower()) != (
        country_code(agreement.country) or agreement.country.strip().lower()
    ):
        item.notes.append(
            _("Negara tujuan SPR (%(spr)s) berbeda dengan PP (%(pp)s).")
            % {"spr": permit.country_name, "pp": agreement.country}
        )
    if permit.valid_until < today:
        item.notes.append(_("SPR sudah tidak berlaku."))
    if item.notes:
        item.state = WARNING
    return item
