"""Ed25519 signatures of issued documents, one key per office.

This is the one signing scheme of every new signature, the PP's included. Each office's private key is derived
from `settings.DOCUMENT_SIGNING_KEY` (a secret string, or an Ed25519 private key in PEM; required in production,
see config.keys) with HKDF-SHA256 and the office's id, so no key is stored in the database and one office's
key says nothing about another's. The public key is published on the verification page (PEM and fingerprint)
and by `manage.py office_public_key <office id>`, so anyone can check a document offline with
`manage.py document_verify <file.json>` or any Ed25519 library.

What is signed is the canonical JSON of the document's snapshot (keys sorted, no spaces, UTF-8): the full
content read at signing, so renaming the office or a person later changes nothing that was signed. PPs signed
before the PP was issued through `documents` are checked by `legacy`, which can only verify.
"""

import base64
import binascii
import functools
import hashlib
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

ALGORITHM = "ed25519"
_SALT = b"sipmi-documents-v1"


def canonical(payload: dict) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def master_key_setting() -> str:
    """DOCUMENT_SIGNING_KEY; refused when unset (production derives nothing: config.keys)."""
    secret = settings.DOCUMENT_SIGNING_KEY
    if not secret:
        raise ImproperlyConfigured(
            "DOCUMENT_SIGNING_KEY is not set (an install that ran without it: manage.py export_derived_keys)"
        )
    return secret


def is_pem(value: str) -> bool:
    """Whether a key setting holds a key in PEM rather than a secret string."""
    return value.lstrip().startswith("-----BEGIN")


def pem_private_key(secret: str) -> Ed25519PrivateKey:
    """The Ed25519 private key of a DOCUMENT_SIGNING_KEY given in PEM."""
    key = serialization.load_pem_private_key(secret.encode("ascii"), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("DOCUMENT_SIGNING_KEY must be an Ed25519 private key")
    return key


def _master_secret(secret: str) -> bytes:
    if is_pem(secret):
        return pem_private_key(secret).private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
    return secret.encode("utf-8")


@functools.cache
def _office_private_key(secret: str, office_id: int) -> Ed25519PrivateKey:
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=f"office:{office_id}".encode()).derive(
        _master_secret(secret)
    )
    return Ed25519PrivateKey.from_private_bytes(seed)


def office_private_key(office_id: int) -> Ed25519PrivateKey:
    return _office_private_key(master_key_setting(), int(office_id))


def office_public_key(office_id: int) -> Ed25519PublicKey:
    return office_private_key(office_id).public_key()


def _raw_public(office_id: int) -> bytes:
    return office_public_key(office_id).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def office_public_key_pem(office_id: int) -> str:
    """The office's public key (SubjectPublicKeyInfo PEM), to publish."""
    return (
        office_public_key(office_id)
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode("ascii")
    )


def office_key_fingerprint(office_id: int) -> str:
    """SHA-256 of the raw public key, hex in groups of four: what a reader compares by eye."""
    digest = hashlib.sha256(_raw_public(office_id)).hexdigest()
    return ":".join(digest[i : i + 4] for i in range(0, 32, 4)).upper()


def key_id(office_id: int) -> str:
    """Names the key that signed: the office and the first 16 hex digits of its key's SHA-256."""
    return f"office-{int(office_id)}:{hashlib.sha256(_raw_public(office_id)).hexdigest()[:16]}"


def sign(payload: dict, office_id: int) -> str:
    """`ed25519:` and the 64-byte signature of the canonical payload, unpadded base64url."""
    raw = office_private_key(office_id).sign(canonical(payload))
    return f"{ALGORITHM}:{base64.urlsafe_b64encode(raw).rstrip(b'=').decode('ascii')}"


def signature_matches(payload: dict, signature: str, public_key: Ed25519PublicKey) -> bool:
    if not isinstance(signature, str) or not signature.startswith(f"{ALGORITHM}:"):
        return False
    encoded = signature.removeprefix(f"{ALGORITHM}:")
    try:
        raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        public_key.verify(raw, canonical(payload))
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True


def verify(document) -> bool:
    """True when the signature matches the stored snapshot under the office's current key, and the document's own
    columns (office, type, number, code) still say what the snapshot says. Anything edited: False."""
    snapshot = document.snapshot
    if not isinstance(snapshot, dict) or not document.signature:
        return False
    if document.key_id != key_id(document.office_id):
        return False
    if not signature_matches(snapshot, document.signature, office_public_key(document.office_id)):
        return False
    entry = document.entry
    return (
        snapshot.get("type") == document.document_type == entry.document_type
        and snapshot.get("number") == entry.number
        and snapshot.get("verification_code") == document.verification_code
        and (snapshot.get("office") or {}).get("id") == document.office_id == entry.office_id
    )


def verify_offline(payload: dict, signature: str, public_key_pem: str) -> bool:
    """Check an exported document (its snapshot and signature) against a published public key in PEM."""
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode("ascii"))
    except (ValueError, TypeError):
        return False
    if not isinstance(key, Ed25519PublicKey):
        return False
    return signature_matches(payload, signature, key)
