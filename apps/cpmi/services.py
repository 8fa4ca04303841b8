"""CPMI registration life cycle. One function per transition: lock, check, change, audit, notify on commit.

draft ──submit──▶ submitted ──verify──▶ verified (MigrantCandidate + number)
                      │
                      └──reject──▶ rejected ──revise──▶ revising ──submit──▶ submitted …
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import ServiceError
from apps.core.locking import lock
from apps.core.uploads import DOCUMENT_KINDS, random_name, safe_display_name, validate_upload
from apps.cpmi import notices
from apps.cpmi.models import (
    MULTIPLE_KINDS,
    CpmiDecision,
    CpmiDocument,
    CpmiRegistration,
    DocumentKind,
    MigrantCandidate,
    RegistrationStatus,
    ReviewStatus,
)
from apps.cpmi.permissions import REGISTRATIONS
from apps.cpmi.policy import (  # noqa: F401  (the rules' names, still read as services.X by pages and tests)
    AK1_FIELDS,
    HEALTH_FIELDS,
    POLICY,
    REQUIRED_KINDS,
    is_accepted,
    is_applicant,
    is_reviewer,
    required_kinds,
    start_refusal,
    submit_blockers,
    too_young,
)
from apps.cpmi.selectors import applicant_marital_status, current_documents  # noqa: F401
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.offices.models import LabourOffice
from apps.offices.services import office_has_staff, office_sequence_next
from apps.profiles.models import Certification

PERMISSION_FIELDS = (
    "permission_letter_number",
    "permission_letter_date",
    "village_head_name",
    "guardian_nik",
    "guardian_name",
)
# The text fields that describe a document: once the office accepted the document, they are locked with it.
DOCUMENT_FIELDS = {
    DocumentKind.PERMISSION_LETTER: PERMISSION_FIELDS,
    DocumentKind.HEALTH_CERTIFICATE: HEALTH_FIELDS,
    DocumentKind.AK1_CARD: AK1_FIELDS,
}


# --- permission checks -------------------------------------------------------------------------------------
# Who may do what, when, is `apps.cpmi.policy.POLICY` (the REGISTRATIONS table, the relation and the facts).


def _accepted_document(field: str | None = None) -> ServiceError:
    return ServiceError(
        "document_accepted", _("Dokumen ini sudah diterima petugas dan tidak perlu diganti."), field=field
    )


def _move(registration: CpmiRegistration, action: str, actor) -> None:
    """Take `action` if the policy lets the actor take it now (the registration's row is locked)."""
    POLICY.require(registration, actor, action)
    registration.status = REGISTRATIONS.target(action)


def _locked(registration: CpmiRegistration) -> CpmiRegistration:
    return lock(CpmiRegistration, pk=registration.pk)


def _notify_on_commit(registration: CpmiRegistration, notice: BoundNotice) -> None:
    """After commit, in the applicant's language; robust, so a failing notification never turns a saved decision
    into an error."""
    user = registration.applicant
    transaction.on_commit(lambda: notify_user(user=user, notice=notice, url=reverse("cpmi:status")), robust=True)


# --- the applicant's side ---------------------------------------------------------------------------------


def _require_can_start(actor) -> None:
    refusal = start_refusal(actor)
    if refusal is not None:
        raise refusal


def registration_for_form(*, actor) -> CpmiRegistration:
    """Read only, for showing the form: the job seeker's registration, or an unsaved empty draft when there is
    none yet (the draft is created by the first save, `registration_form_save`). Refuses as `registration_start`
    does when the job seeker may not start one."""
    existing = CpmiRegistration.objects.filter(applicant=actor).first()
    if existing:
        return existing
    _require_can_start(actor)
    return CpmiRegistration(applicant=actor)


def registration_start(*, actor) -> CpmiRegistration:
    """The job seeker's registration, created as a draft on first use. The profile must be complete.

    Two first saves at the same moment (two tabs) get the same draft: the applicant is unique, and
    `get_or_create` returns the row the other transaction inserted when its own insert is refused.
    """
    existing = CpmiRegistration.objects.filter(applicant=actor).first()
    if existing:
        return existing
    _require_can_start(actor)
    with transaction.atomic():
        registration, created = CpmiRegistration.objects.get_or_create(applicant=actor)
        if created:
            audit_record(actor=actor, action="cpmi.start", target=registration)
    return registration


@dataclass
class RegistrationDetails:
    permission_letter_number: str = ""
    permission_letter_date: datetime.date | None = None
    village_head_name: str = ""
    guardian_nik: str = ""
    guardian_name: str = ""
    health_certificate_number: str = ""
    health_clinic: str = ""
    health_doctor: str = ""
    health_certificate_date: datetime.date | None = None
    ak1_number: str = ""
    ak1_valid_until: datetime.date | None = None


# Each date of the form with the range its form field uses (`forms.DATE_RANGES`) and the code refusing it.
DETAIL_DATES = {
    "permission_letter_date": (dates.LETTER_DATE, "letter_date_future"),
    "health_certificate_date": (dates.LETTER_DATE, "health_date_future"),
    "ak1_valid_until": (dates.VALID_UNTIL, "ak1_date_invalid"),
}


def _detail_refusals(details: RegistrationDetails, registration: CpmiRegistration | None = None) -> list[ServiceError]:
    """Every refused text field, each with the field it belongs beside. A date the registration already holds is
    not judged again (a letter accepted last year stays valid as stored); only a changed date is."""
    refusals = []
    for name, (date_range, code) in DETAIL_DATES.items():
        value = getattr(details, name)
        if registration is not None and value == getattr(registration, name):
            continue
        refusal = date_range.refusal(value, field=name, code=code)
        if refusal is not None:
            refusals.append(refusal)
    nik = details.guardian_nik.strip()
    if nik and (len(nik) != 16 or not nik.isdigit()):
        refusals.append(ServiceError("guardian_nik", _("NIK harus terdiri dari 16 digit angka."), field="guardian_nik"))
    return refusals


def _check_details(details: RegistrationDetails, registration: CpmiRegistration) -> None:
    refusals = _detail_refusals(details, registration)
    if refusals:
        raise refusals[0]


def locked_fields(registration: CpmiRegistration) -> set[str]:
    """The text fields of the documents the office accepted: they stay as accepted in a revision."""
    accepted = set(
        current_documents(registration)
        .filter(review_status=ReviewStatus.ACCEPTED, kind__in=list(DOCUMENT_FIELDS))
        .values_list("kind", flat=True)
    )
    return {name for kind in accepted for name in DOCUMENT_FIELDS[kind]}


def _locked_field_refusal(name: str) -> ServiceError:
    kind = next(kind for kind, names in DOCUMENT_FIELDS.items() if name in names)
    return ServiceError(
        "document_accepted_fields",
        _("%(document)s sudah diterima petugas; datanya tidak dapat diubah lagi.")
        % {"document": DocumentKind(kind).label},
        field=name,
    )


def registration_save_details(*, registration: CpmiRegistration, actor, details: RegistrationDetails):
    """Save the form's text fields (a draft can be saved and finished later). The fields of a document the
    office accepted cannot change: a change is refused, naming the document."""
    with transaction.atomic():
        registration = _locked(registration)
        POLICY.require(registration, actor, "edit")
        _check_details(details, registration)
        locked = locked_fields(registration)
        changed = []
        for name, value in vars(details).items():
            value = value.strip() if isinstance(value, str) else value
            if getattr(registration, name) != value:
                if name in locked:
                    raise _locked_field_refusal(name)
                setattr(registration, name, value)
                changed.append(name)
        if changed:
            registration.save(update_fields=[*changed, "updated_at"])
            audit_record(actor=actor, action="cpmi.save_details", target=registration, data={"fields": changed})
    return registration


def document_upload(
    *,
    registration: CpmiRegistration,
    actor,
    kind: str,
    uploaded,
    certificate_number: str = "",
    certificate_scheme: str = "",
    replaces: CpmiDocument | None = None,
) -> CpmiDocument:
    """Store a new document. For single-document kinds it replaces the current one, which is kept.

    During a revision only rejected documents may be replaced; accepted ones stay as they are.
    """
    field = f"file_{kind}"
    if kind not in DocumentKind.values:
        raise ServiceError("unknown_kind", _("Jenis dokumen tidak dikenal."))
    if kind == DocumentKind.COMPETENCY_CERTIFICATE and not certificate_number.strip():
        raise ServiceError(
            "certificate_number_missing",
            _("Isi nomor sertifikat BNSP untuk setiap sertifikat kompetensi."),
            field="certificate_number",
        )
    detected = validate_upload(uploaded, allowed=DOCUMENT_KINDS, field=field)
    with transaction.atomic():
        registration = _locked(registration)
        POLICY.require(registration, actor, "edit")
        current = current_documents(registration).filter(kind=kind)
        if replaces is not None:
            previous = current.filter(pk=replaces.pk).first()
            if previous is None:
                raise ServiceError("replace_unknown", _("Dokumen yang akan diganti tidak ditemukan."))
        elif kind not in MULTIPLE_KINDS:
            previous = current.first()
        else:
            previous = None
        if previous is not None and is_accepted(previous):
            raise _accepted_document(field)
        document = CpmiDocument(
            registration=registration,
            kind=kind,
            original_name=safe_display_name(uploaded.name),
            content_type=detected.mime,
            size=uploaded.size,
            certificate_number=certificate_number.strip(),
            certificate_scheme=certificate_scheme.strip(),
            round=registration.round,
            uploaded_by=actor,
        )
        document.file.save(random_name(f"cpmi/{registration.pk}", detected), uploaded, save=False)
        document.save()
        if previous is not None:
            previous.replaced_by = document
            previous.save(update_fields=["replaced_by"])
        audit_record(
            actor=actor,
            action="cpmi.document_upload",
            target=document,
            data={"kind": kind, "replaces": previous.pk if previous else None},
        )
    return document


def document_withdraw(*, document: CpmiDocument, actor) -> CpmiDocument:
    """Take a document out of a draft or revision (the file is kept in the history)."""
    registration = document.registration
    with transaction.atomic():
        registration = _locked(registration)
        document = lock(CpmiDocument, pk=document.pk)
        POLICY.require(registration, actor, "withdraw_document")
        if not document.is_current:
            raise ServiceError("not_editable", _("Dokumen ini tidak dapat dihapus."))
        if is_accepted(document):
            raise _accepted_document()
        document.withdrawn_at = timezone.now()
        document.save(update_fields=["withdrawn_at"])
        audit_record(actor=actor, action="cpmi.document_withdraw", target=document)
    return document


def certificate_from_profile(*, registration: CpmiRegistration, actor, certification_id: int) -> CpmiDocument:
    """Take a certificate of the profile into the registration: its BNSP number, its name as the scheme, and a copy
    of its file as a new document version owned by the registration (the profile's file stays the profile's)."""
    from django.core.files import File

    item = Certification.objects.filter(pk=certification_id, profile__user=actor).first()
    if item is None:
        raise ServiceError("certificate_unknown", _("Sertifikat profil tidak ditemukan."), field="profile_certificates")
    if not item.bnsp_number or not item.file:
        raise ServiceError(
            "certificate_incomplete",
            _("Sertifikat %(name)s di profil belum memiliki nomor BNSP dan berkas.") % {"name": item.name},
            field="profile_certificates",
        )
    with item.file.open("rb") as handle:
        copy = File(handle, name=item.original_name or item.file.name.rsplit("/", 1)[-1])
        return document_upload(
            registration=registration,
            actor=actor,
            kind=DocumentKind.COMPETENCY_CERTIFICATE,
            uploaded=copy,
            certificate_number=item.bnsp_number,
            certificate_scheme=item.name,
        )


@dataclass
class FormSaveResult:
    """What `registration_form_save` stored and what it refused, for the form to show."""

    registration: CpmiRegistration
    refusals: list[ServiceError] = field(default_factory=list)  # each beside its field (None: top of the form)
    replace_refusals: dict[int, str] = field(default_factory=dict)  # by the id of the certificate to replace
    certificate_saved: bool = False


def _beside(error: ServiceError, field_name: str) -> ServiceError:
    if error.field is None:
        error.field = field_name
    return error


def registration_form_save(
    *,
    actor,
    details: RegistrationDetails,
    files: dict | None = None,
    certificate=None,
    certificate_number: str = "",
    certificate_scheme: str = "",
    replacements: dict | None = None,
    profile_certificates: list[int] | None = None,
) -> FormSaveResult:
    """The CPMI form's save: start the draft on the first save, then store every acceptable text field and each
    chosen file on its own, so one refused value never loses the rest of the form.

    `files` maps a document kind to its upload; `certificate` is a new competency certificate with its number
    and scheme; `replacements` maps the id of a current certificate to the file replacing it;
    `profile_certificates` are ids of the profile's certificates to take in (typed once, in the profile).
    """
    registration = registration_start(actor=actor)
    result = FormSaveResult(registration=registration, refusals=_detail_refusals(details, registration))
    for name in sorted(locked_fields(registration)):
        value = getattr(details, name)
        value = value.strip() if isinstance(value, str) else value
        if value != getattr(registration, name):
            result.refusals.append(_locked_field_refusal(name))
    refused = {error.field for error in result.refusals}
    kept = {name: getattr(registration, name) if name in refused else value for name, value in vars(details).items()}
    try:
        result.registration = registration_save_details(
            registration=registration, actor=actor, details=RegistrationDetails(**kept)
        )
    except ServiceError as error:
        result.refusals.append(error)
    for kind, uploaded in (files or {}).items():
        try:
            document_upload(registration=registration, actor=actor, kind=kind, uploaded=uploaded)
        except ServiceError as error:
            result.refusals.append(_beside(error, f"file_{kind}"))

    kind = DocumentKind.COMPETENCY_CERTIFICATE
    if certificate is not None:
        try:
            document_upload(
                registration=registration,
                actor=actor,
                kind=kind,
                uploaded=certificate,
                certificate_number=certificate_number,
                certificate_scheme=certificate_scheme,
            )
        except ServiceError as error:
            result.refusals.append(_beside(error, f"file_{kind}"))
        else:
            result.certificate_saved = True
    elif certificate_number.strip() or certificate_scheme.strip():
        result.refusals.append(
            ServiceError(
                "certificate_file_missing",
                _("Pilih berkas sertifikat untuk nomor sertifikat ini."),
                field=f"file_{kind}",
            )
        )

    for certification_id in profile_certificates or []:
        try:
            certificate_from_profile(registration=registration, actor=actor, certification_id=certification_id)
        except ServiceError as error:
            result.refusals.append(_beside(error, "profile_certificates"))

    replacements = replacements or {}
    for document in current_documents(registration).filter(kind=kind, pk__in=list(replacements)):
        try:
            document_upload(
                registration=registration,
                actor=actor,
                kind=kind,
                uploaded=replacements[document.pk],
                certificate_number=document.certificate_number,
                certificate_scheme=document.certificate_scheme,
                replaces=document,
            )
        except ServiceError as error:
            result.replace_refusals[document.pk] = error.message
    return result


def registration_missing(registration: CpmiRegistration) -> list[str]:
    """What still stops the registration from being sent, as messages for the applicant (the policy's list)."""
    return [blocker.message for blocker in submit_blockers(registration)]


def _route(registration: CpmiRegistration) -> tuple[LabourOffice, bool]:
    village = registration.applicant.address_village
    if village is None:
        raise ServiceError("no_address", _("Alamat KTP Anda belum lengkap; perbarui data akun Anda."))
    regency_code = village.ancestor_code(2)
    office = LabourOffice.objects.get(region_id=regency_code)
    if office_has_staff(office):
        return office, False
    return LabourOffice.objects.get(region_id=village.ancestor_code(1)), True


def registration_submit(*, registration: CpmiRegistration, actor) -> CpmiRegistration:
    """Send the form to the labour office of the KTP regency/city (or its province office when that has no staff)."""
    with transaction.atomic():
        registration = _locked(registration)
        _move(registration, "submit", actor)  # the policy: the applicant, old enough, nothing missing
        if registration.office_id is None or registration.round == 1:
            registration.office, registration.routed_to_province = _route(registration)
        registration.submitted_at = timezone.now()
        registration.decided_at, registration.decided_by = None, None
        registration.save(
            update_fields=[
                "status",
                "office",
                "routed_to_province",
                "submitted_at",
                "decided_at",
                "decided_by",
                "updated_at",
            ]
        )
        audit_record(
            actor=actor,
            action="cpmi.submit",
            target=registration,
            data={"round": registration.round, "office": registration.office_id},
        )
        _notify_on_commit(registration, notices.SUBMITTED(office=registration.office.name))
    return registration


def registration_revise(*, registration: CpmiRegistration, actor) -> CpmiRegistration:
    """ "Revisi Pengajuan": reopen a rejected registration so the applicant can replace what was refused."""
    with transaction.atomic():
        registration = _locked(registration)
        _move(registration, "revise", actor)
        registration.round += 1
        registration.save(update_fields=["status", "round", "updated_at"])
        audit_record(actor=actor, action="cpmi.revise", target=registration, data={"round": registration.round})
    return registration


# --- the office's side ------------------------------------------------------------------------------------


def document_review(*, document: CpmiDocument, actor, accepted: bool, reason: str = "") -> CpmiDocument:
    """Mark one document accepted, or rejected with a reason the applicant will read."""
    registration = document.registration
    reason = reason.strip()
    if not accepted and not reason:
        raise ServiceError("reason_required", _("Tulis alasan penolakan dokumen ini."), field="reason")
    with transaction.atomic():
        registration = _locked(registration)
        POLICY.require(registration, actor, "review_document")
        document = lock(CpmiDocument, pk=document.pk)
        if not document.is_current:
            raise ServiceError("document_old", _("Ini versi lama dokumen; periksa versi terbaru."))
        document.review_status = ReviewStatus.ACCEPTED if accepted else ReviewStatus.REJECTED
        document.review_reason = "" if accepted else reason
        document.reviewed_by = actor
        document.reviewed_at = timezone.now()
        document.save(update_fields=["review_status", "review_reason", "reviewed_by", "reviewed_at"])
        audit_record(
            actor=actor,
            action="cpmi.document_accept" if accepted else "cpmi.document_reject",
            target=document,
            reason=reason,
        )
    return document


def _decision_items(documents) -> list[dict]:
    return [
        {
            "document": d.pk,
            "kind": d.kind,
            "name": str(d.get_kind_display()),
            "file": d.original_name,
            "status": d.review_status,
            "reason": d.review_reason,
        }
        for d in documents
    ]


def registration_verify(*, registration: CpmiRegistration, actor) -> MigrantCandidate:
    """Every document accepted: the person becomes a CPMI with a registration number of this office."""
    with transaction.atomic():
        registration = _locked(registration)
        _move(registration, "verify", actor)
        documents = list(current_documents(registration))
        if any(d.review_status != ReviewStatus.ACCEPTED for d in documents):
            raise ServiceError(
                "items_not_accepted",
                _(
                    "Semua dokumen harus diterima sebelum pengajuan diverifikasi. "
                    "Tolak pengajuan bila ada yang tidak sesuai."
                ),
            )
        now = timezone.now()
        year = timezone.localdate().year
        number = office_sequence_next(office=registration.office, name="cpmi", year=year)
        candidate = MigrantCandidate.objects.create(
            user=registration.applicant,
            registration=registration,
            office=registration.office,
            registration_number=f"CPMI-{registration.office.region_id.replace('.', '')}-{year}-{number:06d}",
            verified_at=now,
        )
        registration.decided_at, registration.decided_by = now, actor
        registration.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        CpmiDecision.objects.create(
            registration=registration,
            round=registration.round,
            outcome=RegistrationStatus.VERIFIED,
            items=_decision_items(documents),
            decided_by=actor,
            decided_at=now,
        )
        audit_record(
            actor=actor, action="cpmi.verify", target=registration, data={"number": candidate.registration_number}
        )
        _notify_on_commit(registration, notices.VERIFIED(number=candidate.registration_number))
    return candidate


def registration_reject(*, registration: CpmiRegistration, actor, note: str = "") -> CpmiDecision:
    """At least one document rejected: the applicant sees every reason and can revise."""
    with transaction.atomic():
        registration = _locked(registration)
        _move(registration, "reject", actor)
        documents = list(current_documents(registration))
        if not any(d.review_status == ReviewStatus.REJECTED for d in documents):
            raise ServiceError("no_rejected_item", _("Tandai minimal satu dokumen yang ditolak beserta alasannya."))
        now = timezone.now()
        registration.decided_at, registration.decided_by = now, actor
        registration.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        decision = CpmiDecision.objects.create(
            registration=registration,
            round=registration.round,
            outcome=RegistrationStatus.REJECTED,
            items=_decision_items(documents),
            decided_by=actor,
            decided_at=now,
            note=note.strip(),
        )
        audit_record(actor=actor, action="cpmi.reject", target=registration, reason=note.strip())
        _notify_on_commit(registration, notices.REJECTED())
    return decision
