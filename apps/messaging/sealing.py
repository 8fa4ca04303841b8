"""Sealing the text of a message that carries a secret (an OTP, a one-time link) until it is delivered.

The key is derived from SECRET_KEY with HKDF-SHA256 (as `apps.documents.signing` derives its keys), so it is
never stored in the database; AES-GCM binds each sealed text to its channel and recipient, so a sealed payload
copied onto another outbox row does not open. Rotating SECRET_KEY makes messages still queued undeliverable
(they fail, and are asked for again), which is what a rotated key should do to a pending OTP.
"""

import base64
import functools
import json
import os

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_SALT = b"sipmi-messaging-v1"
_NONCE_BYTES = 12


@functools.cache
def _key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=b"outbox-seal").derive(secret.encode())


def _aad(channel: str, recipient: str) -> bytes:
    return f"{channel}:{recipient}".encode()


def seal(payload: dict, *, channel: str, recipient: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    data = json.dumps(payload, ensure_ascii=False).encode()
    sealed = AESGCM(_key(settings.SECRET_KEY)).encrypt(nonce, data, _aad(channel, recipient))
    return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")


def unseal(token: str, *, channel: str, recipient: str) -> dict:
    """The payload; cryptography's InvalidTag when the key, channel or recipient differ."""
    raw = base64.urlsafe_b64decode(token.encode("ascii"))
    nonce, sealed = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
    return json.loads(AESGCM(_key(settings.SECRET_KEY)).decrypt(nonce, sealed, _aad(channel, recipient)))
