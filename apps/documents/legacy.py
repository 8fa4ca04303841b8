"""Verify-only: the signatures of PPs signed before the PP was issued through `documents`.

Those PPs were signed by `agreements` itself over their snapshot (`PlacementAgreement.signed_content`, canonical
JSON as in `signing.canonical`), in one of two ways, both under `DOCUMENT_SIGNING_KEY` itself (not an office key):

- `ed25519:<base64url>`: Ed25519 with the key in PEM, or with the key whose seed is
  SHA-256("sipmi-document-signing" NUL secret) when the setting is a secret string;
- 64 hex digits: HMAC-SHA256 keyed with the secret (the first PPs).

Issued documents are never edited or re-signed, so these keep verifying for good. Nothing here makes a
signature: every new signature, the PP's included, is an office's Ed25519 signature made by
`services.document_issue` (`signing`). The module's public names are the check and the public key only.
"""

import base64
import binascii
import hashlib
import hmac

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from apps.documents.signing import canonical, is_pem, master_key_setting, pem_private_key

__all__ = ["public_key_pem", "verify_placement_agreement"]

_ED25519 = "ed25519:"
_HMAC_LENGTH = 64


def _public_key(secret: str) -> Ed25519PublicKey:
    if is_pem(secret):
        return pem_private_key(secret).public_key()
    seed = hashlib.sha256(b"sipmi-document-signing\x00" + secret.encode("utf-8")).digest()
    return Ed25519PrivateKey.from_private_bytes(seed).public_key()


def public_key_pem() -> str:
    """The public key that checks the Ed25519 signatures of PPs signed before the office keys."""
    key = _public_key(master_key_setting())
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def verify_placement_agreement(content: dict, signature: str) -> bool:
    """True when `signature` is the earlier scheme's signature of `content` under DOCUMENT_SIGNING_KEY."""
    if not isinstance(content, dict) or not isinstance(signature, str):
        return False
    secret = master_key_setting()
    if signature.startswith(_ED25519):
        encoded = signature.removeprefix(_ED25519)
        try:
            raw = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
            _public_key(secret).verify(raw, canonical(content))
        except (binascii.Error, ValueError, InvalidSignature):
            return False
        return True
    if len(signature) != _HMAC_LENGTH or not signature.isascii():
        return False
    expected = hmac.new(secret.encode("utf-8"), canonical(content), hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
