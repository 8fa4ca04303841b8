"""The electronic signature of a placement agreement: an Ed25519 signature over a canonical JSON snapshot of the
whole document.

At signing, `agreement_snapshot` copies everything the document shows (number, verification code, the office's
name and address, the company, the CPMI, every term, the signer, the signing authority and the time of signing)
into `signed_content`; the signature covers exactly that copy. The PDF and the public verification page are
rendered from it, so renaming the office, the company or a person afterwards changes neither the document nor
the validity of its signature.

The private key comes from `settings.DOCUMENT_SIGNING_KEY` (or `DOCUMENT_SIGNING_KEY_FILE`): an Ed25519 private
key in PEM, or any other secret string, from which a key is derived (development default: `SECRET_KEY`). The
public key (`public_key_pem`, `manage.py document_public_key`) lets anyone check a signature without it.
Signatures are stored as `ed25519:<base64url>`; PPs signed earlier carry an HMAC-SHA256 (64 hex digits) under
the same key and are still checked that way.

`signature_is_valid` recomputes over the stored copy and checks that the agreement's own signed columns
(number, terms, signer, time) still say what the copy says: editing either makes it false, which the public
verification page shows.
"""

import base64
import binascii
import datetime
import functools
import hashlib
import hmac
import json
from decimal import Decimal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

from apps.documents.services import office_snapshot
from apps.offices.selectors import staff_assignment_of

ALGORITHM = "ed25519"

# 3: the office as every official document records it (`documents.services.office_snapshot`: government line,
# phone, e-mail, website, region name) and the signer's NIP and rank, so the letterhead and the ratification print
# them; 2: the whole document (addresses, office name and address, signer's account); 1 (no "format" key): the
# parties but not the office's address. Every format is verified the same way: the signature covers the stored copy.
SNAPSHOT_FORMAT = 3


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


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


@functools.cache
def _private_key(secret: str) -> Ed25519PrivateKey:
    if secret.lstrip().startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(secret.encode("ascii"), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError("DOCUMENT_SIGNING_KEY must be an Ed25519 private key")
        return key
    seed = hashlib.sha256(b"sipmi-document-signing\x00" + secret.encode("utf-8")).digest()
    return Ed25519PrivateKey.from_private_bytes(seed)


def private_key() -> Ed25519PrivateKey:
    return _private_key(settings.DOCUMENT_SIGNING_KEY)


def public_key() -> Ed25519PublicKey:
    return private_key().public_key()


def public_key_pem() -> str:
    """The public key that checks every PP signature, to publish for anyone who wants to check offline."""
    return (
        public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    )


def sign(payload: dict) -> str:
    """`ed25519:` and the 64-byte signature in unpadded base64url (94 characters)."""
    signature = private_key().sign(canonical(payload))
    return f"{ALGORITHM}:{base64.urlsafe_b64encode(signature).rstrip(b'=').decode('ascii')}"


def _legacy_hmac(payload: dict) -> str:
    """How PPs were signed before Ed25519: HMAC-SHA256 under the same secret, 64 hex digits."""
    key = settings.DOCUMENT_SIGNING_KEY.encode("utf-8")
    return hmac.new(key, canonical(payload), hashlib.sha256).hexdigest()


def signature_matches(payload: dict, signature: str) -> bool:
    if signature.startswith(f"{ALGORITHM}:"):
        encoded = signature.removeprefix(f"{ALGORITHM}:")
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            public_key().verify(raw, canonical(payload))
        except (binascii.Error, ValueError, InvalidSignature):
            return False
        return True
    return hmac.compare_digest(_legacy_hmac(payload), signature)


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
    """True when the signature matches the stored snapshot and the agreement's own
    columns still say what that snapshot says. Names of the office, company and people are read from the
    snapshot only, never live."""
    stored = agreement.signed_content
    if not agreement.signature or not agreement.number or agreement.signed_at is None or not stored:
        return False
    if not signature_matches(stored, agreement.signature):
        return False
    return _own_fields_match(agreement, stored)
