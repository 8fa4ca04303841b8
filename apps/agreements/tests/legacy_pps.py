"""PPs as the code before one signing scheme stored them, for the tests that they keep verifying.

Before issue 18, `agreements.signing` signed a PP itself over its snapshot (format 1-3) under DOCUMENT_SIGNING_KEY:
first with HMAC-SHA256 (64 hex digits), later with Ed25519 (the key in PEM, or seeded by SHA-256 of
"sipmi-document-signing" NUL secret). Since the register book, the PP was also issued in the book as a second
document signed with the office's key: its body the PP's essentials and the PP's own signature. Only the tests
make such signatures; the application can no longer (`documents.legacy` only verifies).
"""

import base64
import hashlib
import hmac

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.agreements.snapshot import agreement_snapshot
from apps.documents.models import DocumentType
from apps.documents.services import document_issue, register_allocate
from apps.documents.signing import canonical


def old_ed25519(content: dict, secret: str) -> str:
    if secret.lstrip().startswith("-----BEGIN"):
        key = load_pem_private_key(secret.encode("ascii"), password=None)
    else:
        key = Ed25519PrivateKey.from_private_bytes(
            hashlib.sha256(b"sipmi-document-signing\x00" + secret.encode("utf-8")).digest()
        )
    return "ed25519:" + base64.urlsafe_b64encode(key.sign(canonical(content))).rstrip(b"=").decode("ascii")


def old_hmac(content: dict, secret: str) -> str:
    return hmac.new(secret.encode("utf-8"), canonical(content), hashlib.sha256).hexdigest()


SCHEMES = {"ed25519": old_ed25519, "hmac": old_hmac}


def old_format(content: dict, snapshot_format: int = 3) -> dict:
    """The snapshot of a PP signed in format 3 (or 2: no letterhead lines, no NIP or rank)."""
    content = {key: value for key, value in content.items() if key != "sector"}
    content["format"] = snapshot_format
    if snapshot_format == 2:
        office = content["office"]
        content["office"] = {
            "id": office["id"],
            "name": office["name"],
            "address": office["address"],
            "region": office["region_code"],
        }
        content["signer"] = {key: content["signer"][key] for key in ("id", "name", "position")}
    return content


def resign(agreement: PlacementAgreement, content: dict, scheme: str) -> PlacementAgreement:
    """Store `content` with the old scheme's signature of it, as an old PP row holds them."""
    signature = SCHEMES[scheme](content, settings.DOCUMENT_SIGNING_KEY)
    PlacementAgreement.objects.filter(pk=agreement.pk).update(signed_content=content, signature=signature)
    return PlacementAgreement.objects.get(pk=agreement.pk)


def old_scheme_pp(agreement: PlacementAgreement, signer, *, scheme: str, register: bool) -> PlacementAgreement:
    """Sign a submitted PP as the old `agreement_sign` did: with `register`, as since the register book (a number
    from the book and a second, office-signed document of its essentials); without, as before it (no document)."""
    office = agreement.office
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        if register:
            entry = register_allocate(
                office=office, document_type=DocumentType.PLACEMENT_AGREEMENT, actor=signer, subject="PP lama"
            )
            number = entry.number
        else:
            number = f"PP/{office.region_id.replace('.', '')}/{now.year}/9{agreement.pk:05d}"
        agreement.status = AgreementStatus.VERIFIED
        agreement.number = number
        agreement.signed_by = signer
        agreement.signer_name = signer.full_name
        agreement.signer_position = "Kepala Dinas"
        agreement.signing_authority = f"Kepala {office.name}"
        agreement.signed_at = now
        agreement.signed_content = old_format(agreement_snapshot(agreement))
        agreement.signature = SCHEMES[scheme](agreement.signed_content, settings.DOCUMENT_SIGNING_KEY)
        agreement.save()
        if register:
            content = agreement.signed_content
            document_issue(
                entry=entry,
                body={
                    "agreement_id": agreement.pk,
                    "candidate": {key: content["candidate"][key] for key in ("name", "nik", "registration_number")},
                    "agency": {"name": content["agency"]["name"], "sip2mi_number": content["agency"]["sip2mi_number"]},
                    "position": content["terms"]["position"],
                    "country": content["terms"]["country"],
                    "signed_content_signature": agreement.signature,
                },
                signer=signer,
                authority=agreement.signing_authority,
                actor=signer,
                verification_code=str(agreement.verification_code),
            )
    return PlacementAgreement.objects.get(pk=agreement.pk)
