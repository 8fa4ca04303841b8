"""Signed checkpoints of the sealed audit log, kept outside the database.

After sealing, the newest batch's number, hash and the count of sealed entries are signed with Ed25519
(AUDIT_CHECKPOINT_KEY) and written to the `audit_checkpoints` storage (a folder under var/, or an S3 bucket).
Someone who can write to the database but not to that storage cannot remove the newest entries and rewind
the seal state unnoticed: the checkpoint still names a batch the database no longer holds.
"""

import base64
import json
import logging

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.utils import timezone

from apps.audit import integrity
from apps.audit.models import AuditSeal, AuditSealState

PREFIX = "audit-checkpoint-"
logger = logging.getLogger(__name__)


def _storage():
    return storages["audit_checkpoints"]


def signing_key() -> Ed25519PrivateKey:
    """AUDIT_CHECKPOINT_KEY (PEM); refused when unset (production derives nothing: config.keys)."""
    pem = settings.AUDIT_CHECKPOINT_KEY
    if not pem:
        raise ImproperlyConfigured(
            "AUDIT_CHECKPOINT_KEY is not set (an install that ran without it: manage.py export_derived_keys)"
        )
    key = load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("AUDIT_CHECKPOINT_KEY must be an Ed25519 private key")
    return key


def _name(batch: int) -> str:
    return f"{PREFIX}{batch:012d}.json"


def _names() -> list[str]:
    storage = _storage()
    try:
        _, files = storage.listdir("")
    except FileNotFoundError:
        return []
    return sorted(name for name in files if name.startswith(PREFIX) and name.endswith(".json"))


def checkpoint_write_if_behind() -> str | None:
    """Sign the newest batch unless a checkpoint already names it; keep the newest few.

    Writes nothing while the newest checkpoint disagrees with the database (a rewound log): that checkpoint
    is the evidence, so it must not be pushed out by checkpoints of a rewritten chain.
    """
    state = AuditSealState.objects.filter(pk=1).first()
    if state is None or state.batches == 0:
        return None
    names = _names()
    if names:
        if names[-1] > _name(state.batches):
            logger.error("Audit checkpoint not written: %s names a batch the log does not hold", names[-1])
        if names[-1] >= _name(state.batches):
            return None
        problem = _check(names[-1])
        if problem:
            logger.error("Audit checkpoint not written: %s", problem)
            return None
    seal = AuditSeal.objects.get(number=state.batches)
    body = {
        "batch": seal.number,
        "seal_hash": seal.seal_hash,
        "merkle_root": seal.merkle_root,
        "entries": state.entries,
        "last_id": seal.last_id,
        "sealed_at": seal.sealed_at.isoformat(),
        "written_at": timezone.now().isoformat(),
    }
    signature = signing_key().sign(integrity.canonical_json(body))
    document = {"checkpoint": body, "signature": base64.b64encode(signature).decode()}
    name = _storage().save(_name(seal.number), ContentFile(json.dumps(document, indent=1).encode()))
    for old in _names()[: -settings.AUDIT_CHECKPOINT_KEEP]:
        _storage().delete(old)
    return name


def _read(name: str) -> dict:
    """A checkpoint's content; ValueError when it is unreadable or its signature does not verify."""
    try:
        with _storage().open(name, "rb") as handle:
            document = json.loads(handle.read())
        body = document["checkpoint"]
        signature = base64.b64decode(document["signature"])
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"checkpoint {name} is unreadable")
    try:
        signing_key().public_key().verify(signature, integrity.canonical_json(body))
    except InvalidSignature:
        raise ValueError(f"checkpoint {name} has an invalid signature")
    return body


def _check(name: str) -> str | None:
    try:
        body = _read(name)
    except ValueError as error:
        return str(error)
    seal = AuditSeal.objects.filter(number=body["batch"]).first()
    if seal is None:
        return (
            f"the signed checkpoint of batch {body['batch']} ({body['entries']} entries) names a batch the log "
            "no longer holds: newest entries were removed"
        )
    if seal.seal_hash != body["seal_hash"]:
        return f"batch {body['batch']} differs from its signed checkpoint"
    return None


def checkpoint_check(*, batches: int) -> str | None:
    """None when the database holds everything every kept checkpoint covers, else the first problem."""
    names = _names()
    if not names:
        return "no signed checkpoint exists for the sealed batches" if batches else None
    for name in reversed(names):
        problem = _check(name)
        if problem:
            return problem
    return None
