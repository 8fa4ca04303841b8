"""The register book and issued documents. One function per change: lock, check the actor (the REGISTER table
and "staff of this office"), change, audit, notify on commit. Every function is atomic and keyword-only.

    register_allocate ──▶ allocated ──document_issue──▶ issued ──document_revoke──▶ issued, revoked
                              └──register_cancel (reason)──▶ cancelled (the number is never given again)
"""

import datetime
import json
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.core.locking import lock, refused_if_taken
from apps.documents import notices, numbering, signing
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry, RegisterFormat, RegisterStatus
from apps.documents.policy import POLICY
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.offices.models import LabourOffice, OfficeLevel, StaffPosition
from apps.offices.selectors import staff_assignment_of
from apps.offices.services import office_sequence_next

SNAPSHOT_FORMAT = 1
SUBJECT_MAX = 300
REASON_MAX = 1000
FACT_KEYS = ("agency_id", "agency_name", "country", "sex", "sector", "candidate_id")


# --- helpers -----------------------------------------------------------------------------------------------


def _document_type(value) -> DocumentType:
    try:
        return DocumentType(value)
    except ValueError:
        raise ServiceError("document_type_unknown", _("Jenis dokumen tidak dikenal."), field="document_type")


def _reason(reason: str, code: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError(code, _("Tuliskan alasannya."), field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(code, _("Alasan paling panjang %(max)s karakter.") % {"max": REASON_MAX}, field="reason")
    return reason


def _notify(users, notice: BoundNotice, url: str) -> None:
    """After commit, in each recipient's language, and robust: a failing notice never undoes the change."""
    users = [user for user in users if user is not None]

    def send():
        for user in users:
            notify_user(user=user, notice=notice, url=url, sms=False)

    transaction.on_commit(send, robust=True)


def sequence_name(document_type: str) -> str:
    """The office counter a type's numbers come from. PPs keep the counter they used before the register book
    ("pp"), so their numbers continue instead of starting again at 1 (a PP number is unique)."""
    if document_type == DocumentType.PLACEMENT_AGREEMENT:
        return "pp"
    return f"register:{document_type}"


def pattern_for(office: LabourOffice, document_type: str) -> str:
    """The office's format for this type, or the national default."""
    own = RegisterFormat.objects.filter(office=office, document_type=document_type).values_list("pattern", flat=True)
    return next(iter(own), None) or numbering.DEFAULT_PATTERNS[DocumentType(document_type)]


def government_line(office: LabourOffice) -> str:
    """The first line of the letterhead: "PEMERINTAH KOTA DEPOK", "PEMERINTAH KABUPATEN TABALONG",
    "PEMERINTAH PROVINSI JAWA BARAT"."""
    name = office.region.name.strip()
    if office.level == OfficeLevel.PROVINCE:
        return f"PEMERINTAH PROVINSI {name}".upper()
    if name.lower().startswith("kab. "):
        name = "Kabupaten " + name[5:]
    return f"PEMERINTAH {name}".upper()


def office_snapshot(office: LabourOffice) -> dict:
    return {
        "id": office.pk,
        "name": office.name,
        "address": office.address,
        "phone": office.phone,
        "email": office.email,
        "website": office.website,
        "region": office.region.name,
        "region_code": office.region_id,
        "level": office.level,
        "government": government_line(office),
    }


def signer_snapshot(signer, office: LabourOffice, authority: str) -> dict:
    assignment = staff_assignment_of(signer)
    if assignment is None or assignment.office_id != office.pk:
        raise ServiceError(
            "signer_invalid", _("Penandatangan harus pejabat dinas yang menerbitkan dokumen ini."), field="signer"
        )
    with translation.override("id"):
        position = str(StaffPosition(assignment.position).label)
    return {
        "id": signer.pk,
        "name": signer.full_name,
        "position": position,
        "nip": assignment.nip,
        "rank": assignment.rank,
        "authority": authority,
    }


def _facts(facts: dict | None) -> dict:
    facts = dict(facts or {})
    unknown = set(facts) - set(FACT_KEYS)
    if unknown:
        raise ValueError(f"unknown document facts: {sorted(unknown)}")
    cleaned = {
        "agency_id": int(facts["agency_id"]) if facts.get("agency_id") is not None else None,
        "agency_name": str(facts.get("agency_name") or "")[:200],
        "country": str(facts.get("country") or "")[:100],
        "sex": str(facts.get("sex") or "").upper(),
        "sector": str(facts.get("sector") or "")[:100],
        "candidate_id": int(facts["candidate_id"]) if facts.get("candidate_id") is not None else None,
    }
    if cleaned["sex"] not in ("L", "P", ""):
        raise ValueError(f"sex must be 'L', 'P' or '', not {cleaned['sex']!r}")
    return cleaned


def _timestamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _json_value(value):
    """Dates and amounts in a body become the strings a document prints."""
    if isinstance(value, datetime.datetime):
        return _timestamp(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} cannot go into a document snapshot")


def verification_url(document: IssuedDocument) -> str:
    """The absolute address the document's QR code points to."""
    return settings.SITE_URL.rstrip("/") + reverse("documents:verify", args=[document.verification_code])


# --- the register book -------------------------------------------------------------------------------------


def register_allocate(
    *, office: LabourOffice, document_type: str, actor, subject: str, on_date: datetime.date | None = None
) -> RegisterEntry:
    """The office's next number of this type for the year of `on_date` (today by default), taken under the
    counter's row lock: no gaps, no repeats. Call inside the transaction that uses the number, so a rollback
    gives it back."""
    document_type = _document_type(document_type)
    POLICY.require(POLICY.office_entry(office), actor, "allocate")
    subject = (subject or "").strip()
    if not subject:
        raise ServiceError("subject_required", _("Isi perihal dokumen."), field="subject")
    if len(subject) > SUBJECT_MAX:
        raise ServiceError(
            "subject_too_long", _("Perihal paling panjang %(max)s karakter.") % {"max": SUBJECT_MAX}, field="subject"
        )
    on_date = on_date or timezone.localdate()
    with transaction.atomic():
        sequence = office_sequence_next(office=office, name=sequence_name(document_type), year=on_date.year)
        number = numbering.render(pattern_for(office, document_type), seq=sequence, on_date=on_date, office=office)
        with refused_if_taken(
            "number_taken",
            _("Nomor %(number)s sudah ada di buku register; periksa format nomor dinas.") % {"number": number},
        ):
            entry = RegisterEntry.objects.create(
                office=office,
                document_type=document_type,
                year=on_date.year,
                sequence=sequence,
                number=number,
                entry_date=on_date,
                subject=subject,
                created_by=actor,
            )
        audit_record(
            actor=actor,
            action="document.register_allocate",
            target=entry,
            data={"number": number, "type": str(document_type), "subject": subject},
        )
    return entry


def register_cancel(*, entry: RegisterEntry, actor, reason: str) -> RegisterEntry:
    """Cancel a number that was taken but not used. It stays in the book, marked cancelled with the reason, and is
    never given again. An issued document is revoked instead (`document_revoke`)."""
    with transaction.atomic():
        entry = lock(RegisterEntry, pk=entry.pk)
        POLICY.require(entry, actor, "cancel")
        reason = _reason(reason, "reason_required")
        entry.status = RegisterStatus.CANCELLED
        entry.cancel_reason = reason
        entry.cancelled_at = timezone.now()
        entry.cancelled_by = actor
        entry.save(update_fields=["status", "cancel_reason", "cancelled_at", "cancelled_by"])
        audit_record(
            actor=actor, action="document.register_cancel", target=entry, reason=reason, data={"number": entry.number}
        )
        if entry.created_by_id != actor.pk:
            _notify(
                [entry.created_by],
                notices.NUMBER_CANCELLED(number=entry.number, reason=reason),
                reverse("documents:register_book"),
            )
    return entry


def register_format_set(*, office: LabourOffice, document_type: str, pattern: str, actor) -> RegisterFormat:
    """The office head sets how the office writes numbers of one type. Numbers already given keep their form."""
    document_type = _document_type(document_type)
    POLICY.require(POLICY.office_entry(office), actor, "configure")
    pattern = numbering.validate_pattern(pattern, office=office)
    others = {t: pattern_for(office, t) for t in DocumentType if t != document_type}
    if pattern in others.values():
        raise ServiceError(
            "pattern_shared",
            _("Format ini sudah dipakai jenis dokumen lain; bedakan teksnya agar nomor tidak bertabrakan."),
            field="pattern",
        )
    with transaction.atomic():
        own, _created = RegisterFormat.objects.update_or_create(
            office=office, document_type=document_type, defaults={"pattern": pattern, "updated_by": actor}
        )
        audit_record(
            actor=actor,
            action="document.register_format",
            target=own,
            data={"type": str(document_type), "pattern": pattern},
        )
    return own


# --- issued documents --------------------------------------------------------------------------------------


def document_issue(
    *,
    entry: RegisterEntry,
    body: dict,
    signer,
    authority: str,
    actor,
    facts: dict | None = None,
    issued_on: datetime.date | None = None,
    verification_code: str | None = None,
) -> IssuedDocument:
    """Sign the document numbered by `entry`: a full snapshot (office, signer, body, facts) read now, signed with
    the office's Ed25519 key. `verification_code` is for documents that already carry one (the PP's); a new
    random one otherwise."""
    facts = _facts(facts)
    with transaction.atomic():
        entry = lock(RegisterEntry.objects.select_related("office__region"), pk=entry.pk)
        POLICY.require(entry, actor, "issue")
        office = entry.office
        signer_part = signer_snapshot(signer, office, authority)
        now = timezone.now().replace(microsecond=0)
        issued_on = issued_on or timezone.localdate(now)
        code = verification_code or secrets.token_urlsafe(16)
        with translation.override("id"):
            type_label = str(DocumentType(entry.document_type).label)
        snapshot = {
            "format": SNAPSHOT_FORMAT,
            "type": entry.document_type,
            "type_label": type_label,
            "number": entry.number,
            "date": issued_on.isoformat(),
            "signed_at": _timestamp(now),
            "verification_code": code,
            "office": office_snapshot(office),
            "signer": signer_part,
            "body": body,
            "facts": facts,
        }
        # A round trip through JSON: what is signed is exactly what the database gives back later.
        snapshot = json.loads(json.dumps(snapshot, default=_json_value))
        local = timezone.localtime(now)
        with refused_if_taken("code_taken", _("Kode verifikasi sudah dipakai dokumen lain.")):
            document = IssuedDocument.objects.create(
                entry=entry,
                office=office,
                document_type=entry.document_type,
                verification_code=code,
                snapshot=snapshot,
                signature=signing.sign(snapshot, office.pk),
                key_id=signing.key_id(office.pk),
                signed_by=signer,
                signed_at=now,
                month=local.date().replace(day=1),
                **facts,
            )
        entry.status = RegisterStatus.ISSUED
        entry.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="document.issue",
            target=document,
            data={"number": entry.number, "type": entry.document_type, "signer": signer.pk, "key_id": document.key_id},
        )
    return document


def document_revoke(*, document: IssuedDocument, actor, reason: str) -> IssuedDocument:
    """The office head or division head revokes an issued document; the verification page then says revoked,
    when and why. The document and its number stay in the book."""
    with transaction.atomic():
        document = lock(IssuedDocument.objects.select_related("entry"), pk=document.pk)
        entry = document.entry
        entry.document = document  # the locked row: the policy reads whether it is revoked already
        POLICY.require(entry, actor, "revoke")
        reason = _reason(reason, "reason_required")
        document.revoked_at = timezone.now()
        document.revoked_by = actor
        document.revoke_reason = reason
        document.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        audit_record(
            actor=actor,
            action="document.revoke",
            target=document,
            reason=reason,
            data={"number": document.entry.number},
        )
        if document.signed_by_id != actor.pk:
            _notify(
                [document.signed_by],
                notices.DOCUMENT_REVOKED(number=document.entry.number, reason=reason),
                reverse("documents:register_book"),
            )
    return document
