"""The `body` of each output, as `officeservices.pdf` prints it: a snapshot of the request, its company, SPR,
recruiting officer and CPMI at the time of issue. Values are strings (dates ISO), in Indonesian."""

import datetime

from django.utils import timezone, translation

from apps.accounts.models import MaritalStatus
from apps.documents.models import DocumentType
from apps.offices.catalogue import SERVICES
from apps.officeservices.models import InterviewOutcome, RequestDocument, ServiceRequest

# How long a passport recommendation may be used (a working assumption; the seeds give no period).
RECOMMENDATION_VALID_DAYS = 90


def _iso(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat()


def _address(user) -> str:
    parts = [user.address_street] if user.address_street else []
    region = user.address_village
    while region is not None:
        parts.append(region.name)
        region = region.parent
    return ", ".join(part for part in parts if part)


def _education(user) -> str:
    profile = getattr(user, "job_seeker_profile", None)
    if profile is None:
        return ""
    education = profile.educations.order_by("-graduation_year", "-id").first()
    return education.get_level_display() if education else ""


def candidate_body(rc) -> dict:
    candidate = rc.candidate
    user = candidate.user
    profile = getattr(user, "job_seeker_profile", None)
    marital = (profile.marital_status if profile else "") or user.marital_status
    registration = candidate.registration
    return {
        "name": user.full_name,
        "nik": user.nik or "",
        "sex": user.sex or "",
        "birth_place": user.birth_place or "",
        "birth_date": _iso(user.birth_date),
        "address": _address(user),
        "marital_status": str(MaritalStatus(marital).label) if marital in MaritalStatus.values else "",
        "education": _education(user),
        "phone": user.phone or "",
        "registration_number": candidate.registration_number,
        "photo": profile.photo.name if profile is not None and profile.photo else "",
        "guardian_name": registration.guardian_name if registration else "",
    }


def agency_body(agency) -> dict:
    return {
        "name": agency.name,
        "address": agency.address,
        "sip2mi_number": agency.sip2mi_number,
        "phone": agency.phone,
        "email": agency.email,
    }


def permit_body(permit) -> dict:
    if permit is None:
        return {}
    return {
        "number": permit.number,
        "valid_from": _iso(permit.valid_from),
        "valid_until": _iso(permit.valid_until),
        "country": permit.country_name,
        "quota": str(permit.quota),
    }


def recruiting_officer_body(officer) -> dict:
    if officer is None:
        return {}
    return {
        "name": officer.full_name,
        "nik": officer.nik,
        "phone": officer.phone,
        "assignment_letter": officer.assignment_letter_number,
    }


def _vacancy(rc):
    return rc.application.vacancy if rc.application_id else None


def sector_label(vacancy) -> str:
    """The sector's Indonesian name: what the document shows and what the monthly report counts by."""
    if vacancy is None:
        return ""
    with translation.override("id"):
        return str(vacancy.get_sector_display())


def _employer(vacancy) -> dict:
    return {"name": vacancy.employer_name, "address": f"{vacancy.city}, {vacancy.country_name}"} if vacancy else {}


def _interview(request: ServiceRequest, rc=None) -> dict:
    interviews = request.interviews.select_related("interviewer").order_by("-interviewed_at", "-id")
    if rc is not None:
        interviews = interviews.filter(request_candidate=rc)
    interview = interviews.first()
    if interview is None:
        return {}
    moment = timezone.localtime(interview.interviewed_at)
    return {
        "date": moment.date().isoformat(),
        "time": moment.strftime("%H:%M"),
        "interviewer": interview.interviewer.full_name,
        "outcome": "Memenuhi syarat" if interview.outcome == InterviewOutcome.PASSED else "Tidak memenuhi syarat",
        "notes": interview.note,
    }


def body_for(request: ServiceRequest, row: RequestDocument, numbers: dict) -> tuple[dict, dict]:
    """(body, report facts) of one output. `numbers` holds the numbers already issued in this approval."""
    agency = request.agency
    candidates = [
        rc
        for rc in request.candidates.select_related(
            "candidate__user__job_seeker_profile",
            "candidate__registration",
            "candidate__user__address_village",
            "application__vacancy",
        )
        if not rc.excluded
    ]
    first_vacancy = _vacancy(candidates[0]) if candidates else None
    common = {
        "agency": agency_body(agency),
        "permit": permit_body(request.permit),
        "recruiting_officer": recruiting_officer_body(request.recruiting_officer),
        "destination_country": request.country,
        "request_reference": request.reference,
        "service": str(SERVICES[request.service].name),
    }
    facts = {"agency_id": agency.pk, "agency_name": agency.name, "country": request.country}
    if row.document_type == DocumentType.SELECTION_MINUTES:
        body = {
            **common,
            "selection_date": _iso(request.selection_date),
            "selection_place": request.selection_place,
            "position": first_vacancy.position if first_vacancy else "",
            "employer": _employer(first_vacancy),
            "interview": _interview(request),
            "candidates": [
                {**candidate_body(rc), "position": _vacancy(rc).position if _vacancy(rc) else "", "outcome": "Lulus"}
                for rc in candidates
            ],
        }
        if first_vacancy:
            facts["sector"] = sector_label(first_vacancy)
        return body, facts
    if row.document_type == DocumentType.HANDOVER_MINUTES:
        signer = request.handover_signed_by
        documents_list = [
            f"{DocumentType(other.document_type).label} Nomor {other.entry.number}"
            for other in request.documents.select_related("entry").order_by("id")
            if other.document_type != DocumentType.HANDOVER_MINUTES
        ]
        body = {
            **common,
            "handover_date": _iso(request.handover_signed_at or timezone.now()),
            "handover_place": request.office.address,
            "recipient": {
                "name": signer.full_name if signer else "",
                "position": "Staf P3MI",
                "signed_in_app_at": timezone.localtime(request.handover_signed_at).isoformat()
                if request.handover_signed_at
                else "",
            },
            "position": first_vacancy.position if first_vacancy else "",
            "candidates": [candidate_body(rc) for rc in candidates],
            "documents": documents_list,
        }
        return body, facts
    rc = row.request_candidate
    vacancy = _vacancy(rc)
    user = rc.candidate.user
    facts.update({"candidate_id": rc.candidate_id, "sex": user.sex or "", "sector": sector_label(vacancy)})
    body = {
        **common,
        "candidate": candidate_body(rc),
        "position": vacancy.position if vacancy else "",
        "sector": sector_label(vacancy),
        "employer": _employer(vacancy),
    }
    if row.document_type == DocumentType.PASSPORT_RECOMMENDATION:
        body.update(
            {
                "immigration_office": request.immigration_office,
                "immigration_city": request.immigration_city,
                "application_letter": {"number": request.letter_number, "date": _iso(request.letter_date)},
                "selection_minutes_number": numbers.get((DocumentType.SELECTION_MINUTES, None), ""),
                "valid_until": _iso(timezone.localdate() + datetime.timedelta(days=RECOMMENDATION_VALID_DAYS)),
            }
        )
    elif row.document_type == DocumentType.KITKI:
        body["id_cpmi_number"] = rc.candidate.registration_number
    elif row.document_type == DocumentType.ID_CPMI:
        agreement = rc.agreement
        if agreement is not None and agreement.number:
            body["placement_agreement"] = {"number": agreement.number, "date": _iso(agreement.signed_at)}
    return body, facts
