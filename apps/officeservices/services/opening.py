"""Opening a request: the company online, or an officer at the counter for a walk-in company. The checklist is built
at once and everything the platform already holds is attached; the rest is uploaded before sending.

One open request per CPMI per service: the opening policy refuses a CPMI already on an open request, and the
database refuses the second of two openings that raced past that check (`RequestCandidate.is_open`), which the
loser reads as the same refusal."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from apps.agencies.models import AgencyDocument, AgencyOfficer
from apps.agreements.models import PlacementAgreement
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import ServiceError
from apps.core.locking import refused_if_taken
from apps.cpmi.models import CpmiDocument, MigrantCandidate
from apps.offices.catalogue import SERVICES, Party, Requirement, Service, Source
from apps.offices.models import OfficeChecklistItem
from apps.officeservices import outputs
from apps.officeservices.models import Channel, ChecklistEntry, RequestCandidate, ServiceRequest
from apps.officeservices.policy import OPENING_POLICY, Opening, already_requested
from apps.officeservices.selectors import accepted_application
from apps.officeservices.services.engine import _duplicate_recommendation, _stored, definition

# Marital statuses for which the marriage or divorce certificate is required (seed 004: "Surat Nikah / Cerai").
EVER_MARRIED = frozenset({"married", "divorced", "widowed"})
MAX_CANDIDATES = 50


@dataclass(frozen=True)
class RequestDetails:
    letter_number: str = ""
    letter_date: datetime.date | None = None
    immigration_office: str = ""
    immigration_city: str = ""


def request_open(
    *,
    actor,
    agency,
    service: str,
    candidates: Iterable[MigrantCandidate],
    recruiting_officer: AgencyOfficer,
    details: RequestDetails = RequestDetails(),  # noqa: B008 (frozen, shared safely)
    channel: str = Channel.ONLINE,
) -> ServiceRequest:
    """The company opens a request for its selected CPMI (or an officer does, at the counter of the CPMI's office,
    for a walk-in company). Everything the platform already holds is attached at once."""
    if service not in SERVICES:
        raise ServiceError("service_unknown", _("Pilih layanan."), field="service")
    candidates = list(dict.fromkeys(candidates))
    if not candidates:
        raise ServiceError("no_candidates", _("Pilih paling sedikit satu CPMI."), field="candidates")
    if len(candidates) > MAX_CANDIDATES:
        raise ServiceError(
            "too_many_candidates", _("Paling banyak %(max)s CPMI per permohonan.") % {"max": MAX_CANDIDATES}
        )
    office = candidates[0].office
    counter = channel == Channel.COUNTER
    opening = Opening(agency=agency, office=office if counter else None, service=service, candidates=tuple(candidates))
    OPENING_POLICY.require(opening, actor, "open_counter" if counter else "open")
    if recruiting_officer is None or recruiting_officer.agency_id != agency.pk:
        raise ServiceError(
            "officer_other_agency",
            _("Pilih petugas rekrut dari perusahaan Anda sendiri."),
            field="recruiting_officer",
        )
    details = RequestDetails(
        letter_number=details.letter_number.strip(),
        letter_date=details.letter_date,
        immigration_office=details.immigration_office.strip(),
        immigration_city=details.immigration_city.strip(),
    )
    # The request letter's date is printed into the signed recommendation: bounded as the form's (LETTER_DATE).
    dates.LETTER_DATE.require(details.letter_date, field="letter_date")
    if service == Service.PASSPORT_RECOMMENDATION and not details.immigration_office:
        raise ServiceError(
            "immigration_office_missing",
            _("Isi kantor imigrasi yang dituju rekomendasi paspor."),
            field="immigration_office",
        )
    rows = []
    for candidate in candidates:
        application = accepted_application(candidate, agency)
        if application is None:
            raise ServiceError(
                "candidate_not_selected",
                _("%(name)s bukan CPMI terseleksi perusahaan Anda (belum ada lamaran yang diterima).")
                % {"name": candidate.user.full_name},
                field="candidates",
            )
        rows.append((candidate, application))
    if any(candidate.office_id != office.pk for candidate in candidates):
        raise ServiceError(
            "candidates_other_office",
            _("Semua CPMI dalam satu permohonan harus berasal dari dinas daerah asal yang sama."),
            field="candidates",
        )
    countries = {application.vacancy.country.strip().casefold() for _c, application in rows}
    if len(countries) > 1:
        raise ServiceError(
            "countries_differ",
            _("Semua CPMI dalam satu permohonan harus untuk negara tujuan yang sama."),
            field="candidates",
        )
    country = rows[0][1].vacancy.country_name.strip()  # the name, as the request's documents print it
    if service == Service.PASSPORT_RECOMMENDATION:
        for candidate, _application in rows:
            if outputs.valid_recommendation_exists(candidate, country):
                raise _duplicate_recommendation(candidate, country)
    permits = {application.vacancy.permit_id for _c, application in rows}
    with transaction.atomic():
        request = ServiceRequest.objects.create(
            office=office,
            agency=agency,
            service=service,
            channel=channel,
            country=country,
            permit_id=permits.pop() if len(permits) == 1 else None,
            recruiting_officer=recruiting_officer,
            opened_by=actor,
            letter_number=details.letter_number,
            letter_date=details.letter_date,
            immigration_office=details.immigration_office,
            immigration_city=details.immigration_city,
        )
        for candidate, application in rows:
            agreement = PlacementAgreement.objects.filter(application=application).first()
            # Another request for this CPMI and service opened meanwhile (after the policy's check): the database
            # refuses this row, and the whole opening is undone with the policy's message.
            with refused_if_taken(
                "already_requested", already_requested(candidate, service).message, field="candidates"
            ):
                RequestCandidate.objects.create(
                    request=request, candidate=candidate, application=application, agreement=agreement, service=service
                )
        _build_checklist(request)
        audit_record(
            actor=actor,
            action="service_request.open",
            target=request,
            data={"service": service, "channel": channel, "candidates": [c.pk for c in candidates]},
        )
    return request


def _ever_married(candidate: MigrantCandidate) -> bool:
    user = candidate.user
    profile = getattr(user, "job_seeker_profile", None)
    status = (profile.marital_status if profile else "") or user.marital_status
    return status in EVER_MARRIED


def _build_checklist(request: ServiceRequest) -> None:
    definition_ = definition(request)
    entries = []
    candidates = list(request.candidates.select_related("candidate__user__job_seeker_profile"))
    for item in definition_.checklist:
        owners = [None] if item.party == Party.COMPANY else candidates
        for owner in owners:
            required = item.requirement == Requirement.ALWAYS or (owner is not None and _ever_married(owner.candidate))
            entries.append(
                ChecklistEntry(
                    request=request,
                    request_candidate=owner,
                    code=item.code,
                    label=_stored(item.label),
                    party=item.party,
                    source=item.source,
                    required=required,
                )
            )
    local_items = OfficeChecklistItem.objects.filter(office_id=request.office_id, service=request.service, active=True)
    for local in local_items:
        owners = [None] if local.party == Party.COMPANY else candidates
        for owner in owners:
            entries.append(
                ChecklistEntry(
                    request=request,
                    request_candidate=owner,
                    local_item=local,
                    label=local.label,
                    party=local.party,
                    source=Source.UPLOAD,
                    required=local.required,
                )
            )
    ChecklistEntry.objects.bulk_create(entries)
    _attach_automatic(request)


def _catalogue_key(request: ServiceRequest, code: str) -> str:
    return next((item.key for item in definition(request).checklist if item.code == code), "")


def _attach_automatic(request: ServiceRequest) -> None:
    """Attach to each automatic entry not attached yet what the platform holds now (CPMI file, company documents,
    SPR, recruiting officer, PP, profile photo, the nominee list itself)."""
    now = timezone.now()
    entries = request.checklist.filter(auto_attached_at=None).exclude(source=Source.UPLOAD)
    entries = entries.select_related(
        "request_candidate__candidate__registration",
        "request_candidate__candidate__user__job_seeker_profile",
        "request_candidate__agreement",
    )
    for entry in entries:
        # Stored text is the platform's data language, whoever's session attaches it; labels of national items
        # are translated when shown (`ChecklistEntry.display_label`).
        with translation.override(settings.LANGUAGE_CODE):
            found = _find_automatic(request, entry)
        if found is None:
            continue
        entry.cpmi_document = found.get("cpmi_document")
        entry.agency_document = found.get("agency_document")
        entry.reference = found.get("reference", "")[:200]
        entry.auto_attached_at = now
        entry.save(update_fields=["cpmi_document", "agency_document", "reference", "auto_attached_at"])


def _find_automatic(request: ServiceRequest, entry: ChecklistEntry) -> dict | None:
    key = _catalogue_key(request, entry.code)
    owner = entry.request_candidate
    if entry.source == Source.CPMI_FILE and owner is not None:
        document = (
            CpmiDocument.objects.filter(
                registration_id=owner.candidate.registration_id,
                kind=key,
                replaced_by=None,
                withdrawn_at=None,
            )
            .order_by("-id")
            .first()
        )
        return {"cpmi_document": document, "reference": document.original_name} if document else None
    if entry.source == Source.AGENCY_DOCUMENT:
        document = AgencyDocument.objects.filter(agency_id=request.agency_id, kind=key).order_by("-id").first()
        return {"agency_document": document, "reference": document.original_name} if document else None
    if entry.source == Source.PERMIT:
        permit = request.permit
        return {"reference": _("SPR %(number)s") % {"number": permit.number}} if permit else None
    if entry.source == Source.RECRUITING_OFFICER:
        officer = request.recruiting_officer
        if officer is None:
            return None
        return {
            "reference": _("Surat tugas %(number)s — %(name)s")
            % {"number": officer.assignment_letter_number, "name": officer.full_name}
        }
    if entry.source == Source.AGREEMENT and owner is not None:
        agreement = owner.agreement
        if agreement is None:
            return None
        return {"reference": agreement.number or _("PP %(status)s") % {"status": agreement.get_status_display()}}
    if entry.source == Source.PROFILE_PHOTO and owner is not None:
        profile = getattr(owner.candidate.user, "job_seeker_profile", None)
        if profile is None or not profile.photo:
            return None
        return {"reference": _("Foto profil")}
    if entry.source == Source.GENERATED:
        return {"reference": _("Dibuat dari daftar CPMI permohonan ini")}
    return None
