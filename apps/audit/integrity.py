"""What makes the audit log tamper-evident: normalised content, its HMAC, and Merkle trees over batches.

Every value is normalised to exactly what the database stores and gives back (an IPv6 address as the
`inet`/text column returns it, a datetime as UTC microseconds, JSON through a canonical round trip) before
it is hashed and saved, so a row read back from either database verifies.
"""

import functools
import hashlib
import hmac
import ipaddress
import json
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.ipv6 import clean_ipv6_address

GENESIS_HASH = "0" * 64
HASH_VERSION = "v1"

# Longest values the columns hold; longer text is cut before hashing, so what is hashed is what is stored.
FIELD_LIMITS = {"actor_label": 200, "action": 80, "object_type": 80, "object_id": 64}


def _key() -> bytes:
    """AUDIT_HMAC_KEY; refused when unset (production derives nothing: config.keys)."""
    key = settings.AUDIT_HMAC_KEY
    if not key:
        raise ImproperlyConfigured(
            "AUDIT_HMAC_KEY is not set (an install that ran without it: manage.py export_derived_keys)"
        )
    return key.encode()


def keyed_hash(payload: bytes) -> str:
    return hmac.new(_key(), payload, hashlib.sha256).hexdigest()


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def normalise_text(value, limit: int | None = None) -> str:
    # PostgreSQL text and jsonb refuse NUL; cutting it out here keeps the hash equal to the stored text.
    text = str(value or "").replace("\x00", "\ufffd")
    return text[:limit] if limit else text


@functools.lru_cache(maxsize=4096)
def _normalise_ip(value: str) -> str | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id:
            address = ipaddress.IPv6Address(str(address).split("%", 1)[0])
        return clean_ipv6_address(str(address))
    return str(address)


def normalise_ip(value) -> str | None:
    """The address as the GenericIPAddressField stores it (lower-case, compressed IPv6); None when not an IP."""
    return _normalise_ip(str(value)) if value else None


def normalise_datetime(value: datetime) -> datetime:
    """UTC, whole microseconds: what both databases store."""
    return value.astimezone(UTC)


def _integral_floats_as_int(value):
    # jsonb stores numbers as numeric and gives 1e20 back as an int; write such floats as ints up front.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {normalise_text(key): _integral_floats_as_int(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integral_floats_as_int(item) for item in value]
    if isinstance(value, str):
        return normalise_text(value)
    return value


def normalise_data(value) -> dict:
    """A JSON document as the JSONField gives it back (dates, decimals and UUIDs become strings)."""
    plain = json.loads(json.dumps(value or {}, cls=DjangoJSONEncoder, allow_nan=False))
    return _integral_floats_as_int(plain)


def entry_payload(
    *, created_at, actor_id, actor_label, action, object_type, object_id, reason, ip_address, data
) -> bytes:
    return canonical_json(
        [
            HASH_VERSION,
            normalise_datetime(created_at).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            actor_id,
            actor_label,
            action,
            object_type,
            object_id,
            reason,
            ip_address,
            data,
        ]
    )


def seal_payload(*, number, previous_hash, merkle_root, entries, first_id, last_id, id_ranges, sealed_at) -> bytes:
    return canonical_json(
        [
            HASH_VERSION,
            number,
            previous_hash,
            merkle_root,
            entries,
            first_id,
            last_id,
            id_ranges,
            normalise_datetime(sealed_at).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        ]
    )


def merkle_leaf(entry_id: int, entry_hmac: str) -> bytes:
    # Domain-separated as in RFC 6962 (0x00 leaf, 0x01 node); the id makes the order of rows part of the root.
    return hashlib.sha256(b"\x00" + entry_id.to_bytes(8, "big") + bytes.fromhex(entry_hmac)).digest()


def merkle_root(leaves: list[bytes]) -> str:
    """Root of the tree over the leaves in order; an odd node at the end of a level moves up unpaired."""
    if not leaves:
        return hashlib.sha256(b"").hexdigest()
    level = leaves
    while len(level) > 1:
        paired = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0].hex()


def id_ranges(ids: list[int]) -> list[list[int]]:
    """Sorted ids as runs: [1, 2, 3, 7, 8] → [[1, 3], [7, 8]]."""
    runs: list[list[int]] = []
    for entry_id in ids:
        if runs and entry_id == runs[-1][1] + 1:
            runs[-1][1] = entry_id
        else:
            runs.append([entry_id, entry_id])
    return runs
