"""Placement agreement (PP) life cycle and the signing delegations. One function per transition:
lock, check, change, audit, notify on commit.

draft ──submit──▶ submitted ──sign──▶ verified (number, signature, PDF)
  ▲                   │
  └── returned ◀──return (reason)
      returned ──submit──▶ submitted …

Who signs (seed 001, warning 2): the head of the CPMI's office, or its secretary / division head holding
an unrevoked delegation decree (SK pendelegasian) valid on the day of signing. Nobody else.
"""

import datetime
import logging
import uuid
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.agencies.services import notify_members
from apps.agreements import notices, pdf
from apps.agreements.models import AgreementStatus, PlacementAgreement, SignatureDelegation
from apps.agreements.permissions import AGREEMENTS, SIGNER_RULE
from apps.agreements.policy import (  # noqa: F401  (read as services.X by the pages, the forms and the tests)
    DELEGABLE_POSITIONS,
    POLICY,
    SigningRight,
    can_sign,
    delegations_refusal,
    is_candidate,
    is_office_head,
    valid_delegation,
)
from apps.agreements.snapshot import agreement_snapshot
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.formatting import date_id
from apps.core.locking import lock
from apps.documents.models import DocumentType
from apps.documents.services import document_issue, register_allocate
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.offices.models import StaffAssignment, StaffPosition
from apps.offices.selectors import is_staff_of
from apps.vacancies.models import Application
from apps.vacancies.policy import APPLICATION_POLICY

logger = logging.getLogger(__name__)

EDITABLE_TERMS = (
    "position",
    "employer_name",
    "employer_address",
    "country",
    "city",
    "salary",
    "currency",
    "contract_months",
    "placement_costs",
    "rights_and_duties",
)
MAX_CONTRACT_MONTHS = 120

# The document's own language is Indonesian whatever the UI language, so these are not translated.
DEFAULT_PLACEMENT_COSTS = (
    "Biaya penempatan ditanggung oleh PIHAK PERTAMA dan/atau pemberi kerja sesuai ketentuan peraturan "
    "perundang-undangan. PIHAK KEDUA tidak dibebani biaya penempatan.\n"
    "Biaya yang ditanggung pemberi kerja/PIHAK PERTAMA meliputi: tiket keberangkatan dan kepulangan, visa kerja, "
    "legalisasi perjanjian kerja, jasa perusahaan, akomodasi selama di penampungan, dan pemeriksaan kesehatan "
    "lanjutan di negara tujuan.\n"
    "Biaya yang ditanggung PIHAK KEDUA (bila ada menurut peraturan perundang-undangan): pembuatan paspor, "
    "surat keterangan catatan kepolisian dan pemeriksaan kesehatan di dalam negeri."
)
DEFAULT_RIGHTS_AND_DUTIES = (
    "Hak PIHAK PERTAMA: memperoleh dokumen dan data PIHAK KEDUA yang benar untuk keperluan penempatan.\n"
    "Kewajiban PIHAK PERTAMA: menempatkan PIHAK KEDUA sesuai jabatan, negara dan gaji dalam perjanjian ini; "
    "mengurus dokumen penempatan; mengikutsertakan PIHAK KEDUA dalam orientasi pra penempatan dan program "
    "jaminan sosial; memantau keberadaan dan melindungi PIHAK KEDUA selama bekerja; serta mengurus kepulangan "
    "PIHAK KEDUA.\n"
    "Hak PIHAK KEDUA: memperoleh informasi yang benar tentang pekerjaan, gaji dan kondisi kerja; gaji sesuai "
    "perjanjian; perlindungan sebelum, selama dan setelah bekerja; memegang sendiri dokumen perjalanan dan "
    "perjanjian kerjanya; serta berkomunikasi dengan keluarga.\n"
    "Kewajiban PIHAK KEDUA: memberikan data yang benar; mengikuti pelatihan dan orientasi pra penempatan; "
    "menaati peraturan perundang-undangan di Indonesia dan di negara tujuan; serta melaksanakan pekerjaan "
    "sesuai perjanjian kerja."
)


# --- who may do what ---------------------------------------------------------------------------------------
# `apps.agreements.policy.POLICY`: the AGREEMENTS table, who the actor is to the PP, and who signs.


def can_download(actor, agreement: PlacementAgreement) -> bool:
    """The CPMI, members of the company and staff of the office; only once the PP is signed (the policy)."""
    return POLICY.may_download(agreement, actor)


# --- helpers -----------------------------------------------------------------------------------------------


def _locked(agreement: PlacementAgreement) -> PlacementAgreement:
    return lock(PlacementAgreement, pk=agreement.pk)


def _move(agreement: PlacementAgreement, action: str, actor) -> None:
    """Take `action` if the policy lets the actor take it now (the agreement's row is locked)."""
    POLICY.require(agreement, actor, action)
    agreement.status = AGREEMENTS.target(action)


def _notify(users, notice: BoundNotice, url: str, *, sms: bool = True, email: bool = True) -> None:
    """After commit, in each recipient's language, and robust: a failing notification never turns a saved action
    into an error."""
    users = list(users)

    def send():
        for user in users:
            notify_user(user=user, notice=notice, url=url, sms=sms, email=email)

    transaction.on_commit(send, robust=True)


def _office_users(office_id: int):
    assignments = StaffAssignment.objects.filter(office_id=office_id).select_related("user")
    return [assignment.user for assignment in assignments]


def _clean_terms(terms: dict) -> dict:
    """Trimmed values, each checked; a refusal names its field."""
    unknown = set(terms) - set(EDITABLE_TERMS)
    if unknown:
        raise ServiceError("unknown_term", _("Isian tidak dikenal: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    cleaned = {}
    for name, value in terms.items():
        if isinstance(value, str):
            value = value.strip()
        if name == "salary":
            try:
                value = Decimal(value)
            except (InvalidOperation, TypeError, ValueError):
                raise ServiceError("salary_invalid", _("Gaji harus berupa angka."), field="salary")
            if not value.is_finite() or value <= 0:
                raise ServiceError("salary_invalid", _("Gaji harus lebih dari nol."), field="salary")
            if value >= Decimal("1e10"):
                raise ServiceError("salary_invalid", _("Gaji terlalu besar."), field="salary")
            value = value.quantize(Decimal("0.01"))
        elif name == "currency":
            value = (value or "").upper()
            if len(value) != 3 or not value.isalpha() or not value.isascii():
                raise ServiceError(
                    "currency_invalid", _("Mata uang ditulis dengan kode 3 huruf, misalnya TWD."), field="currency"
                )
        elif name == "contract_months":
            try:
                value = int(value)
            except (TypeError, ValueError):
                value = 0
            if not 1 <= value <= MAX_CONTRACT_MONTHS:
                raise ServiceError(
                    "contract_months_invalid",
                    _("Lama kontrak antara 1 dan %(max)s bulan.") % {"max": MAX_CONTRACT_MONTHS},
                    field="contract_months",
                )
        elif name != "employer_address" and not value:
            raise ServiceError("term_required", _("Isian ini wajib diisi."), field=name)
        cleaned[name] = value
    return cleaned


# --- delegations -------------------------------------------------------------------------------------------


def delegation_record(
    *,
    actor,
    delegate,
    decree_number: str,
    decree_date: datetime.date,
    valid_from: datetime.date,
    valid_until: datetime.date,
) -> SignatureDelegation:
    """The head of office records an SK delegating PP signing to the office's secretary or a division head."""
    refusal = delegations_refusal(actor)
    if refusal is not None:
        raise refusal
    office_id = actor.staff_assignment.office_id
    if not is_staff_of(delegate, office_id, positions=DELEGABLE_POSITIONS):
        raise ServiceError(
            "delegate_invalid",
            _("Penerima delegasi harus Sekretaris Dinas atau Kepala Bidang di dinas Anda."),
            field="delegate",
        )
    decree_number = (decree_number or "").strip()
    if not decree_number:
        raise ServiceError("decree_number_required", _("Isi nomor SK pendelegasian."), field="decree_number")
    dates.DECREE_DATE.require(decree_date, field="decree_date", code="decree_date_future")
    dates.VALID_FROM.require(valid_from, field="valid_from")
    dates.VALID_UNTIL.require(valid_until, field="valid_until")
    if valid_until < valid_from:
        raise ServiceError(
            "validity_invalid", _("Tanggal akhir berlaku tidak boleh sebelum tanggal mulai."), field="valid_until"
        )
    with transaction.atomic():
        delegation = SignatureDelegation.objects.create(
            office_id=office_id,
            delegate=delegate,
            decree_number=decree_number,
            decree_date=decree_date,
            valid_from=valid_from,
            valid_until=valid_until,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="agreement.delegation_record",
            target=delegation,
            data={
                "delegate": delegate.pk,
                "decree_number": decree_number,
                "decree_date": decree_date.isoformat(),
                "valid_from": valid_from.isoformat(),
                "valid_until": valid_until.isoformat(),
            },
        )
        _notify(
            [delegate],
            notices.DELEGATION_GRANTED(number=decree_number, start=date_id(valid_from), end=date_id(valid_until)),
            reverse("agreements:office_queue"),
            sms=False,
        )
    return delegation


def delegation_revoke(*, delegation: SignatureDelegation, actor) -> SignatureDelegation:
    """The head of the delegation's office revokes it; from now on the delegate can no longer sign."""
    if delegations_refusal(actor, delegation.office_id) is not None:
        raise PermissionDenied(_("Hanya Kepala Dinas yang dapat mencabut SK pendelegasian penandatanganan."))
    with transaction.atomic():
        delegation = lock(SignatureDelegation, pk=delegation.pk)
        if delegation.revoked_at is not None:
            raise ServiceError("already_revoked", _("SK pendelegasian ini sudah dicabut."))
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="agreement.delegation_revoke", target=delegation)
        _notify(
            [delegation.delegate],
            notices.DELEGATION_REVOKED(number=delegation.decree_number),
            reverse("dashboards:dashboard"),
            sms=False,
        )
    return delegation


# --- the company's side ------------------------------------------------------------------------------------


def agreement_create_draft(*, application: Application, actor) -> PlacementAgreement:
    """A draft PP for an accepted application, its terms copied from the vacancy (one PP per application)."""
    with transaction.atomic():
        related = Application.objects.select_related("vacancy__agency", "candidate__office")
        application = lock(related, pk=application.pk)
        APPLICATION_POLICY.require(application, actor, "draft_agreement")  # its company, accepted, overseas
        if PlacementAgreement.objects.filter(application=application).exists():
            raise ServiceError("agreement_exists", _("PP untuk lamaran ini sudah dibuat."))
        vacancy = application.vacancy
        agreement = PlacementAgreement.objects.create(
            application=application,
            agency=vacancy.agency,
            candidate=application.candidate,
            office=application.candidate.office,
            position=vacancy.position,
            employer_name=vacancy.employer_name,
            country=vacancy.country_name,
            city=vacancy.city,
            salary=vacancy.salary,
            currency=vacancy.currency,
            contract_months=vacancy.contract_months,
            placement_costs=DEFAULT_PLACEMENT_COSTS,
            rights_and_duties=DEFAULT_RIGHTS_AND_DUTIES,
        )
        audit_record(actor=actor, action="agreement.create", target=agreement, data={"application": application.pk})
    return agreement


def agreement_update_terms(*, agreement: PlacementAgreement, actor, **terms) -> PlacementAgreement:
    """The company edits the terms of a draft or returned PP."""
    cleaned = _clean_terms(terms)
    with transaction.atomic():
        agreement = _locked(agreement)
        POLICY.require(agreement, actor, "edit")
        changed = []
        for name, value in cleaned.items():
            if getattr(agreement, name) != value:
                setattr(agreement, name, value)
                changed.append(name)
        if changed:
            agreement.save(update_fields=[*changed, "updated_at"])
            audit_record(actor=actor, action="agreement.update_terms", target=agreement, data={"fields": changed})
    return agreement


def agreement_submit(*, agreement: PlacementAgreement, actor) -> PlacementAgreement:
    """Send the PP to the CPMI's home labour office: "Menunggu Verifikasi PP"."""
    with transaction.atomic():
        agreement = _locked(agreement)
        previous = agreement.status
        _move(agreement, "submit", actor)
        _clean_terms({name: getattr(agreement, name) for name in EDITABLE_TERMS})  # nothing left empty
        if previous == AgreementStatus.RETURNED:
            agreement.version += 1
        agreement.submitted_at = timezone.now()
        agreement.save(update_fields=["status", "version", "submitted_at", "updated_at"])
        audit_record(actor=actor, action="agreement.submit", target=agreement, data={"version": agreement.version})
        candidate_user = agreement.candidate.user
        _notify(
            [candidate_user],
            notices.SUBMITTED_FOR_CANDIDATE(agency=agreement.agency.name, office=agreement.office.name),
            reverse("dashboards:dashboard"),
        )
        _notify(
            _office_users(agreement.office_id),
            notices.SUBMITTED_FOR_OFFICE(name=candidate_user.full_name, agency=agreement.agency.name),
            reverse("agreements:review", args=[agreement.pk]),
            sms=False,
            email=False,
        )
    return agreement


# --- the office's side -------------------------------------------------------------------------------------


def agreement_return(*, agreement: PlacementAgreement, actor, reason: str) -> PlacementAgreement:
    """Any staff of the office sends the PP back to the company with a reason it must read."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required", _("Tulis alasan pengembalian PP."), field="reason")
    with transaction.atomic():
        agreement = _locked(agreement)
        _move(agreement, "return", actor)
        agreement.return_reason = reason
        agreement.save(update_fields=["status", "return_reason", "updated_at"])
        audit_record(actor=actor, action="agreement.return", target=agreement, reason=reason)
        notify_members(
            agreement.agency,
            notice=notices.RETURNED(
                name=agreement.candidate.user.full_name, office=agreement.office.name, reason=reason
            ),
            url=reverse("agreements:edit", args=[agreement.pk]),
        )
    return agreement


def _authority(office, right: SigningRight, position_label: str) -> str:
    head = f"Kepala {office.name}"
    if right.delegation is None:
        return head
    delegation = right.delegation
    return (
        f"a.n. {head}, {position_label} berdasarkan SK Nomor {delegation.decree_number} "
        f"tanggal {date_id(delegation.decree_date)}"
    )


def _register_subject(agreement: PlacementAgreement) -> str:
    return f"PP {agreement.candidate.user.full_name} — {agreement.agency.name}, {agreement.country}"[:300]


def _issue(agreement: PlacementAgreement, entry, actor):
    """Sign the PP as every issued document is signed: its snapshot is the body of the register book's document
    under the PP's own verification code, signed with the office's key (`documents.services.document_issue`), so
    the PP's QR code also opens the documents' verification page and the office can revoke it from the book."""
    content = agreement_snapshot(agreement)
    return document_issue(
        entry=entry,
        body=content,
        signer=actor,
        authority=agreement.signing_authority,
        actor=actor,
        facts={
            "agency_id": agreement.agency_id,
            "agency_name": content["agency"]["name"],
            "country": content["terms"]["country"],
            "sex": agreement.candidate.user.sex or "",
            # The report counts by this text: the sector's Indonesian name, as every issued document records it.
            "sector": content["sector"],
            "candidate_id": agreement.candidate_id,
        },
        issued_on=timezone.localtime(agreement.signed_at).date(),
        verification_code=str(agreement.verification_code),
    )


def agreement_sign(*, agreement: PlacementAgreement, actor) -> PlacementAgreement:
    """Verify and sign: the number from the register book, signer, authority, the register's issued document (the
    office's Ed25519 signature over the PP's snapshot) and the PDF, all in one transaction."""
    with transaction.atomic():
        agreement = _locked(agreement)
        _move(agreement, "sign", actor)  # the policy: staff of the PP's office with the right to sign today
        right = can_sign(actor, agreement)
        if right.delegation is not None:
            # Lock the decree so a revocation cannot slip in between the check and the signature.
            locked = lock(SignatureDelegation, pk=right.delegation.pk)
            if locked.revoked_at is not None:
                raise PermissionDenied(SIGNER_RULE)
        office = agreement.office
        now = timezone.now().replace(microsecond=0)
        with translation.override("id"):
            position_label = str(StaffPosition(right.position).label)
        # The number comes from the office's register book (same counter and default format as before).
        entry = register_allocate(
            office=office,
            document_type=DocumentType.PLACEMENT_AGREEMENT,
            actor=actor,
            subject=_register_subject(agreement),
            on_date=timezone.localtime(now).date(),
        )
        agreement.number = entry.number
        agreement.signed_by = actor
        agreement.signer_name = actor.full_name
        agreement.signer_position = position_label
        agreement.signing_authority = _authority(office, right, position_label)
        agreement.delegation = right.delegation
        agreement.signed_at = now
        document = _issue(agreement, entry, actor)
        agreement.signed_content = document.snapshot["body"]  # exactly what was signed
        agreement.signature = document.signature
        try:
            content = pdf.render_agreement_pdf(agreement)
        except Exception:
            logger.exception("PDF of placement agreement %s could not be made", agreement.pk)
            raise ServiceError("pdf_failed", _("Dokumen PP gagal dibuat; PP belum ditandatangani. Coba lagi."))
        name = default_storage.save(f"agreements/{agreement.pk}/{uuid.uuid4().hex}.pdf", ContentFile(content))
        try:
            agreement.pdf.name = name
            agreement.save(
                update_fields=[
                    "status",
                    "number",
                    "signed_by",
                    "signer_name",
                    "signer_position",
                    "signing_authority",
                    "delegation",
                    "signed_at",
                    "signature",
                    "signed_content",
                    "pdf",
                    "updated_at",
                ]
            )
            audit_record(
                actor=actor,
                action="agreement.sign",
                target=agreement,
                data={
                    "number": agreement.number,
                    "delegation": right.delegation.pk if right.delegation else None,
                    "signature": agreement.signature,
                },
            )
        except Exception:
            default_storage.delete(name)  # nothing half-written: no file without its signed row
            raise
        notice = notices.SIGNED(number=agreement.number, office=office.name)
        _notify([agreement.candidate.user], notice, reverse("dashboards:dashboard"))
        notify_members(agreement.agency, notice=notice, url=reverse("agreements:edit", args=[agreement.pk]))
    return agreement
