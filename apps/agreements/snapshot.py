"""What a placement agreement's signature covers: a snapshot of the whole document, read at signing.

At signing, `agreement_snapshot` copies everything the document shows (number, verification code, the office as
every official document records it, the company, the CPMI, every term, the signer, the signing authority and the
time of signing). The PP is signed like every other issued document: that snapshot is the body of the register's
issued document under the PP's verification code, signed with the office's Ed25519 key by
`documents.services.document_issue`; the agreement keeps the signed body (`signed_content`) and the signature. The
PDF and the public verification page are rendered from it, so renaming the office, the company or a person
afterwards changes neither the document nor the validity of its signature. `agreements` holds no key and makes no
signature; PPs signed earlier (their own Ed25519 or HMAC signature) are checked by `documents.legacy`.

`signature_is_valid` asks `documents` whether the stored copy is the one signed and checks that the agreement's
own signed columns (number, terms, signer, time) still say what the copy says: editing either makes it false,
which the public verification page shows.
"""

import datetime
from decimal import Decimal

from django.utils import translation

from apps.documents.selectors import placement_agreement_signature_is_valid
from apps.documents.services import office_snapshot
from apps.offices.selectors import staff_assignment_of

# 4: signed through `documents` (the body of the PP's issued document), with the sector its public page shows;
# 3: the office as every official document records it (`documents.services.office_snapshot`: government line,
# phone, e-mail, website, region name) and the signer's NIP and rank, so the letterhead and the ratification print
# them; 2: the whole document (addresses, office name and address, signer's account); 1 (no "format" key): the
# parties but not the office's address. Formats 1-3 were signed by the earlier scheme (`documents.legacy`). Every
# format is verified the same way: the signature covers the stored copy.
SNAPSHOT_FORMAT = 4


def _timestamp(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(value: str) -> datetime.datetime | None:
    """The `signed_at` of a snapshot back as an aware datetime."""
    if not value:
        return None
    return datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.UTC)


def address_text(street: str, village) -> str:
    """A street and its region chain, village to province: "Jl. Mawar 1, Beji, Beji, Kota Depok, Jawa Barat"."""
    parts = [street] if street else []
    region = village
    while region is not None:
        parts.append(region.name)
        region = region.parent
    return ", ".join(parts)


def _own_fields(agreement) -> dict:
    """The agreement's own columns that the snapshot repeats: what a later edit of the row must not change."""
    return {
        "number": agreement.number or "",
        "verification_code": str(agreement.verification_code),
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


def _signer_record(agreement) -> dict:
    """The signer's NIP and rank, read now from their post at the office (blank when not recorded)."""
    assignment = staff_assignment_of(agreement.signed_by) if agreement.signed_by_id else None
    if assignment is None or assignment.office_id != agreement.office_id:
        return {"nip": "", "rank": ""}
    return {"nip": assignment.nip, "rank": assignment.rank}


def _sector_label(agreement) -> str:
    """The vacancy's sector in Indonesian, as every issued document and the monthly report name it."""
    with translation.override("id"):
        return str(agreement.application.vacancy.get_sector_display())


def agreement_snapshot(agreement) -> dict:
    """Everything the signed document shows, as plain JSON values read now (at signing)."""
    office = agreement.office
    agency = agreement.agency
    candidate = agreement.candidate
    person = candidate.user
    own = _own_fields(agreement)
    own["signer"].update(_signer_record(agreement))
    return {
        "format": SNAPSHOT_FORMAT,
        **own,
        "sector": _sector_label(agreement),
        "office": office_snapshot(office),
        "agency": {
            "id": agency.pk,
            "name": agency.name,
            "address": address_text(agency.address, agency.region),
            "sip2mi_number": agency.sip2mi_number,
        },
        "candidate": {
            "id": candidate.pk,
            "registration_number": candidate.registration_number,
            "name": person.full_name,
            "nik": person.nik or "",
            "birth_place": person.birth_place,
            "birth_date": person.birth_date.isoformat() if person.birth_date else "",
            "address": address_text(person.address_street, person.address_village),
        },
    }


def _own_fields_match(agreement, stored: dict) -> bool:
    own = _own_fields(agreement)
    # The signer's NIP and rank (format 3) are copies of their post, not columns of the agreement.
    signer = dict(stored.get("signer") or {})
    stored = {**stored, "signer": {key: signer.get(key) for key in own["signer"]} if signer else stored.get("signer")}
    if any(stored.get(name) != value for name, value in own.items()):
        return False
    parties = {"office": agreement.office_id, "agency": agreement.agency_id, "candidate": agreement.candidate_id}
    return all((stored.get(part) or {}).get("id") == pk for part, pk in parties.items())


def signature_is_valid(agreement) -> bool:
    """True when `documents` finds the signature genuine over the stored snapshot and the agreement's own
    columns still say what that snapshot says. Names of the office, company and people are read from the
    snapshot only, never live."""
    stored = agreement.signed_content
    if not agreement.signature or not agreement.number or agreement.signed_at is None or not stored:
        return False
    genuine = placement_agreement_signature_is_valid(
        verification_code=str(agreement.verification_code), content=stored, signature=agreement.signature
    )
    return genuine and _own_fields_match(agreement, stored)
