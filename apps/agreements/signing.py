"""The electronic signature of a placement agreement: an HMAC-SHA256 over a canonical JSON of what was signed.

The key is `settings.DOCUMENT_SIGNING_KEY`. The payload covers the number, both parties, every term, the
signer, the signing authority, the time of signing and the verification code. It is stored with the agreement
(`signed_content`) as it stood at signing, so a later correction of a party's record leaves the issued document
as it was; changing the stored copy or the agreement's own signed fields makes `signature_is_valid` false,
which the public verification page shows.
"""

import datetime
import hashlib
import hmac
import json
from decimal import Decimal

from django.conf import settings


def _timestamp(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _parties(agreement) -> dict:
    agency = agreement.agency
    candidate = agreement.candidate
    person = candidate.user
    return {
        "agency": {"id": agency.pk, "name": agency.name, "sip2mi_number": agency.sip2mi_number},
        "candidate": {
            "id": candidate.pk,
            "registration_number": candidate.registration_number,
            "name": person.full_name,
            "nik": person.nik or "",
            "birth_place": person.birth_place,
            "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        },
    }


def agreement_payload(agreement, *, parties: dict | None = None) -> dict:
    """Everything the signature vouches for, as plain JSON values; `parties` as signed, or as they are now."""
    parties = parties or _parties(agreement)
    return {
        "number": agreement.number or "",
        "verification_code": str(agreement.verification_code),
        "office": {"id": agreement.office_id, "name": agreement.office.name},
        "agency": parties["agency"],
        "candidate": parties["candidate"],
        "terms": {
            "position": agreement.position,
            "employer_name": agreement.employer_name,
            "employer_address": agreement.employer_address,
            "country": agreement.country,
            "city": agreement.city,
            "salary": f"{Decimal(agreement.salary):.2f}",
            "currency": agreement.currency,
            "contract_months": agreement.contract_months,
            "placement_costs": agreement.placement_costs,
            "rights_and_duties": agreement.rights_and_duties,
        },
        "signer": {
            "id": agreement.signed_by_id,
            "name": agreement.signer_name,
            "position": agreement.signer_position,
        },
        "signing_authority": agreement.signing_authority,
        "delegation": agreement.delegation_id,
        "signed_at": _timestamp(agreement.signed_at),
    }


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(payload: dict) -> str:
    """64 hex digits."""
    key = settings.DOCUMENT_SIGNING_KEY.encode("utf-8")
    return hmac.new(key, canonical(payload), hashlib.sha256).hexdigest()


def signature_is_valid(agreement) -> bool:
    """True when the signature matches the signed copy (constant-time compare) and the agreement's own
    fields still say what that copy says."""
    stored = agreement.signed_content
    if not agreement.signature or not agreement.number or agreement.signed_at is None or not stored:
        return False
    if not hmac.compare_digest(sign(stored), agreement.signature):
        return False
    return (
        agreement_payload(agreement, parties={"agency": stored["agency"], "candidate": stored["candidate"]}) == stored
    )
