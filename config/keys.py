"""The keys installs used when DOCUMENT_SIGNING_KEY, AUDIT_HMAC_KEY or AUDIT_CHECKPOINT_KEY were not set: each was
derived from SECRET_KEY. Development and the tests still run on them; production must set every key (`manage.py
check --deploy` refuses a missing one, sipmi.E021-E023). An install that ran on them writes them out once with
`manage.py export_derived_keys --out DIR`, so its documents and audit log keep verifying under explicit keys.

Read by config.settings only (before any app is loaded): plain functions of the secret, nothing else.
"""

import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

NAMES = ("DOCUMENT_SIGNING_KEY", "AUDIT_HMAC_KEY", "AUDIT_CHECKPOINT_KEY")


def derived_from(secret_key: str) -> dict[str, str]:
    """Each key as earlier versions derived it from SECRET_KEY when it was unset (do not change: documents and
    audit entries signed under these values must keep verifying)."""
    checkpoint_seed = hashlib.sha256(b"sipmi-audit-checkpoint:" + secret_key.encode()).digest()
    checkpoint_pem = (
        Ed25519PrivateKey.from_private_bytes(checkpoint_seed)
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode("ascii")
    )
    return {
        # The documents' master secret was SECRET_KEY itself.
        "DOCUMENT_SIGNING_KEY": secret_key,
        "AUDIT_HMAC_KEY": hashlib.sha256(b"sipmi-audit-hmac:" + secret_key.encode()).hexdigest(),
        "AUDIT_CHECKPOINT_KEY": checkpoint_pem,
    }
