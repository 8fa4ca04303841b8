"""Reads of the register book and of issued documents."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.core.formatting import mask_name, mask_nik
from apps.documents import legacy, signing
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry, RegisterStatus

VALID, REVOKED, INVALID, UNKNOWN = "valid", "revoked", "invalid", "unknown"
MAX_CODE_LENGTH = 64

# What the public page may show of a document's body, in this order: everything else stays off the page.
# A body names its person in "candidate" (or "cpmi"/"holder") as {"name", "nik", ...} or at the top level, and may
# group its terms in "terms" (the PP's position, employer and country).
PUBLIC_FACTS = (
    ("name", _("Nama"), mask_name),
    ("nik", _("NIK"), mask_nik),
    ("registration_number", _("Nomor registrasi CPMI"), None),
    ("sex", _("Jenis kelamin"), None),
    ("position", _("Jabatan"), None),
    ("sector", _("Sektor"), None),
    ("country", _("Negara tujuan"), None),
    ("destination", _("Negara tujuan"), None),
    ("employer_name", _("Pemberi kerja"), None),
    ("agency_name", _("Perusahaan penempatan (P3MI)"), None),
    ("immigration_office", _("Ditujukan kepada"), None),
    ("valid_until", _("Berlaku sampai"), None),
)
DATE_KEYS = ("valid_until",)  # stored as ISO dates in the snapshot, shown as "28 Februari 2027"
PERSON_KEYS = ("candidate", "cpmi", "holder")
SEX_LABELS = {"L": _("Laki-laki"), "P": _("Perempuan")}


@dataclass
class Verification:
    status: str  # valid | revoked | invalid | unknown
    document: IssuedDocument | None = None
    facts: list = field(default_factory=list)  # [(label, value)], NIK and names masked

    @property
    def snapshot(self) -> dict:
        return self.document.snapshot if self.document is not None else {}


def public_facts(snapshot: dict) -> list[tuple[str, str]]:
    """The essential facts of a document for the public page, masked where they name a person."""
    body = snapshot.get("body") or {}
    if not isinstance(body, dict):
        return []
    facts_block = snapshot.get("facts") or {}
    sources = [body.get(key) for key in PERSON_KEYS if isinstance(body.get(key), dict)] + [body]
    if isinstance(body.get("terms"), dict):
        sources.append(body["terms"])
    agency = body.get("agency") if isinstance(body.get("agency"), dict) else {}
    rows, seen_labels = [], set()
    for key, label, mask in PUBLIC_FACTS:
        value = next((src.get(key) for src in sources if src.get(key) not in (None, "")), None)
        if value is None and key == "agency_name":
            value = agency.get("name") or facts_block.get("agency_name")
        if value is None and key in ("country", "sex"):  # facts["sector"] is a code, not for the page
            value = facts_block.get(key)
        if value in (None, "") or isinstance(value, dict | list) or str(label) in seen_labels:
            continue
        value = str(value)
        if mask is not None:
            value = mask(value)
        elif key == "sex":
            value = str(SEX_LABELS.get(value.upper(), value))
        elif key in DATE_KEYS:
            value = _date_label(value)
        seen_labels.add(str(label))
        rows.append((str(label), value))
    return rows


def _date_label(value: str) -> str:
    try:
        return date_format(datetime.date.fromisoformat(value[:10]), "j F Y")
    except ValueError:
        return value


def verification_status(code: str) -> Verification:
    """What the public page says about a verification code: valid, revoked (when, why), invalid (the signature or
    the content does not match) or unknown."""
    if not code or len(code) > MAX_CODE_LENGTH:
        return Verification(UNKNOWN)
    document = IssuedDocument.objects.select_related("entry", "office").filter(verification_code=code).first()
    if document is None:
        return Verification(UNKNOWN)
    if not signing.verify(document) or document.entry.status != RegisterStatus.ISSUED:
        return Verification(INVALID, document)
    facts = public_facts(document.snapshot)
    if document.revoked_at is not None:
        return Verification(REVOKED, document, facts)
    return Verification(VALID, document, facts)


def placement_agreement_signature_is_valid(*, verification_code: str, content: dict, signature: str) -> bool:
    """Whether a PP's stored copy of what was signed (`content`) and its `signature` are genuine.

    A PP signed through `documents` is the issued document under its verification code: its signature is that
    document's, its content that document's body, and the document verifies under its office's key. A PP signed
    before carries the earlier scheme's signature over its own copy, checked by `legacy` (verify only)."""
    document = IssuedDocument.objects.select_related("entry").filter(verification_code=verification_code).first()
    if document is not None and document.signature == signature:
        return (
            document.document_type == DocumentType.PLACEMENT_AGREEMENT
            and document.snapshot.get("body") == content
            and signing.verify(document)
        )
    return legacy.verify_placement_agreement(content, signature)


# --- the register book -------------------------------------------------------------------------------------

REVOKED_FILTER = "revoked"  # a book filter beyond the entry's status: issued, then revoked


def register_book(
    office,
    *,
    document_type: str = "",
    year: int | None = None,
    month: int | None = None,
    status: str = "",
    query: str = "",
) -> QuerySet[RegisterEntry]:
    """The office's book, newest first, filtered. Each row carries its document (one query for all)."""
    entries = RegisterEntry.objects.filter(office=office).select_related("document", "cancelled_by", "created_by")
    if document_type:
        entries = entries.filter(document_type=document_type)
    if year:
        entries = entries.filter(year=year)
    if month:
        entries = entries.filter(entry_date__month=month)
    if status == REVOKED_FILTER:
        entries = entries.filter(status=RegisterStatus.ISSUED, document__revoked_at__isnull=False)
    elif status == RegisterStatus.ISSUED:
        entries = entries.filter(status=status, document__revoked_at__isnull=True)
    elif status:
        entries = entries.filter(status=status)
    query = (query or "").strip()
    if query:
        entries = entries.filter(Q(number__icontains=query) | Q(subject__icontains=query))
    return entries.order_by("-entry_date", "-created_at", "-id")


def register_years(office) -> list[int]:
    return sorted(set(RegisterEntry.objects.filter(office=office).values_list("year", flat=True)), reverse=True)


def document_type_label(value: str) -> str:
    try:
        return str(DocumentType(value).label)
    except ValueError:
        return value


def office_entry(office, pk: int) -> RegisterEntry | None:
    """One entry of the office's book, with its issued document (if any) in the same query."""
    return RegisterEntry.objects.select_related("document").filter(pk=pk, office=office).first()
