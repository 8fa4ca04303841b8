"""Writing to the audit log. Call `audit_record` inside the transaction of the change it records.

Appending is one INSERT with no shared lock: the row carries the HMAC of its own content. `audit_seal_pending`
(the worker, every minute) puts unsealed rows into numbered batches chained by HMAC and then writes a signed
checkpoint outside the database. `audit_verify_chain` checks all of it.
"""

import functools
from dataclasses import dataclass

from django.db import connections, models, router, transaction
from django.db.models import F
from django.utils import timezone

from apps.audit import checkpoints, integrity
from apps.audit.models import AuditEvent, AuditSeal, AuditSealState
from apps.core.locking import for_update
from apps.core.request_context import current_client_ip

SEAL_BATCH_MAX_ENTRIES = 10_000


def _describe(actor) -> str:
    if actor is None:
        return "system"
    return f"{actor.pk}:{getattr(actor, 'email', '') or actor}"


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    reason: str = "",
    data: dict | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one entry. `action` is a dotted name such as "account.activate" or "profile.view"."""
    if target is not None:
        object_type = object_type or target._meta.label_lower
        object_id = object_id or str(target.pk)
    event = AuditEvent(
        created_at=timezone.now(),
        actor=actor if actor is not None and actor.pk else None,
        actor_label=_describe(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        reason=str(reason),
        ip_address=ip_address or current_client_ip(),
        data=data or {},
    )
    event.normalise()
    event.entry_hmac = event.compute_hmac()
    _insert(event)
    return event


@functools.cache
def _insert_statement(alias: str) -> str:
    quote = connections[alias].ops.quote_name
    columns = ", ".join(quote(column) for column in INSERT_COLUMNS)
    placeholders = ", ".join(["%s"] * len(INSERT_COLUMNS))
    table = quote(AuditEvent._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names from the model
    if connections[alias].features.can_return_columns_from_insert:
        sql += f" RETURNING {quote('id')}"
    return sql


INSERT_COLUMNS = [
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "reason",
    "ip_address",
    "data",
    "entry_hmac",
]


def _insert(event: AuditEvent) -> None:
    """The same single INSERT as `event.save(force_insert=True)`, with values already normalised, so nothing is
    compiled or converted twice: this is the hottest write path (every audited change and every read of
    personal data)."""
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    params = [
        connection.ops.adapt_datetimefield_value(event.created_at),
        event.actor_id,
        event.actor_label,
        event.action,
        event.object_type,
        event.object_id,
        event.reason,
        event.ip_address,
        integrity.canonical_json(event.data).decode(),
        event.entry_hmac,
    ]
    if connection.vendor == "postgresql":
        # Straight to psycopg with server-side binding: Django's cursor binds the parameters in Python
        # (client-side), which doubled the cost of an append. Same connection, so same transaction; errors
        # are still wrapped into Django's (a database outage still ends in the 503 page).
        connection.ensure_connection()
        with connection.wrap_database_errors:
            event.pk = connection.connection.execute(_insert_statement(alias), params).fetchone()[0]
    else:
        with connection.cursor() as cursor:
            cursor.execute(_insert_statement(alias), params)
            if connection.features.can_return_columns_from_insert:
                event.pk = cursor.fetchone()[0]
            else:  # SQLite before 3.35
                event.pk = connection.ops.last_insert_id(cursor, AuditEvent._meta.db_table, "id")
    event._state.adding = False
    event._state.db = alias


def audit_seal_pending(*, batch_size: int = SEAL_BATCH_MAX_ENTRIES) -> list[AuditSeal]:
    """Seal every committed unsealed entry into batches of at most `batch_size`, then write a checkpoint.

    Entries are taken in id order. On PostgreSQL an entry with a lower id can commit after one with a higher
    id was sealed; it is still unsealed the next time and goes into that batch, since membership is per row.
    """
    seals = []
    while True:
        seal = _seal_one_batch(batch_size=batch_size)
        if seal is None:
            break
        seals.append(seal)
    checkpoints.checkpoint_write_if_behind()
    return seals


def _seal_one_batch(*, batch_size: int) -> AuditSeal | None:
    with transaction.atomic():
        state, _ = for_update(AuditSealState).get_or_create(pk=1)
        rows = list(
            AuditEvent.objects.filter(seal__isnull=True).order_by("id").values_list("id", "entry_hmac")[:batch_size]
        )
        if not rows:
            return None
        ids = [entry_id for entry_id, _ in rows]
        seal = AuditSeal(
            number=state.batches + 1,
            sealed_at=timezone.now(),
            entries=len(rows),
            first_id=ids[0],
            last_id=ids[-1],
            id_ranges=integrity.id_ranges(ids),
            merkle_root=integrity.merkle_root([integrity.merkle_leaf(i, h) for i, h in rows]),
            previous_hash=state.last_hash,
        )
        seal.sealed_at = integrity.normalise_datetime(seal.sealed_at)
        seal.seal_hash = seal.compute_hash()
        seal.save(force_insert=True)
        # By runs of ids this transaction saw, so an entry committed meanwhile is not swept in unhashed.
        for first, last in seal.id_ranges:
            AuditEvent.objects.filter(seal__isnull=True, id__gte=first, id__lte=last).update(seal=seal)
        state.batches = seal.number
        state.last_hash = seal.seal_hash
        state.entries += seal.entries
        state.save(update_fields=["batches", "last_hash", "entries"])
    return seal


@dataclass
class AuditVerification:
    """The outcome of `audit_verify_chain`: entries checked, and the first problem found (None: intact)."""

    entries: int = 0
    batches: int = 0
    problem: str | None = None
    entry_id: int | None = None
    batch_number: int | None = None

    @property
    def intact(self) -> bool:
        return self.problem is None


def audit_verify_chain() -> AuditVerification:
    """Check every entry's HMAC, every batch's Merkle root, members and link, the seal state and the kept
    signed checkpoints. Stops at the first problem and names the entry or batch.

    Runs beside the sealer without a lock: the seal state is read first, so batches sealed meanwhile only
    add to what is checked, and entries sealed meanwhile are skipped this time rather than reported."""
    result = AuditVerification()
    state = AuditSealState.objects.filter(pk=1).first()
    previous_hash = integrity.GENESIS_HASH
    sealed_entries = 0
    at_state = None  # (hash, entries sealed) after the batch the seal state names
    for seal in AuditSeal.objects.order_by("number").iterator(chunk_size=200):
        expected_number = result.batches + 1
        if seal.number != expected_number:
            return _broken(result, f"batch {expected_number} is missing", batch=expected_number)
        if seal.compute_hash() != seal.seal_hash:
            return _broken(result, f"batch {seal.number} was altered", batch=seal.number)
        if seal.previous_hash != previous_hash:
            return _broken(result, f"batch {seal.number} does not follow batch {seal.number - 1}", batch=seal.number)
        problem = _verify_members(seal, result)
        if problem:
            return problem
        previous_hash = seal.seal_hash
        sealed_entries += seal.entries
        result.batches += 1
        if state is not None and seal.number == state.batches:
            at_state = (seal.seal_hash, sealed_entries)
    if state is not None and state.batches and at_state != (state.last_hash, state.entries):
        return _broken(
            result,
            f"the seal state names batch {state.batches}, the log holds {result.batches} batches that do not "
            "end there: newest batches are missing",
            batch=min(state.batches, result.batches + 1),
        )
    stray = (
        AuditEvent.objects.filter(seal__isnull=False)
        .exclude(id__gte=F("seal__first_id"), id__lte=F("seal__last_id"))
        .order_by("id")
        .first()
    )
    if stray is not None:
        return _broken(result, f"entry id={stray.pk} lies outside the ids of its batch", entry=stray.pk)
    for event in AuditEvent.objects.filter(seal__isnull=True).order_by("id").iterator(chunk_size=2000):
        if event.compute_hmac() != event.entry_hmac:
            return _broken(result, f"entry id={event.pk} was altered (not yet sealed)", entry=event.pk)
        result.entries += 1
    problem = checkpoints.checkpoint_check(batches=result.batches)
    if problem:
        return _broken(result, problem)
    return result


def _verify_members(seal: AuditSeal, result: AuditVerification) -> AuditVerification | None:
    expected_ids = [entry_id for first, last in seal.id_ranges for entry_id in range(first, last + 1)]
    events = (
        AuditEvent.objects.filter(seal=seal, id__gte=seal.first_id, id__lte=seal.last_id)
        .order_by("id")
        .iterator(chunk_size=2000)
    )
    leaves = []
    position = 0
    for event in events:
        if position >= len(expected_ids) or event.pk != expected_ids[position]:
            missing = next((i for i in expected_ids[position:] if i < event.pk), None)
            if missing is not None:
                return _broken(result, f"entry id={missing} of batch {seal.number} is missing", entry=missing)
            return _broken(result, f"entry id={event.pk} is not a member of batch {seal.number}", entry=event.pk)
        if event.compute_hmac() != event.entry_hmac:
            return _broken(result, f"entry id={event.pk} was altered (batch {seal.number})", entry=event.pk)
        leaves.append(integrity.merkle_leaf(event.pk, event.entry_hmac))
        position += 1
        result.entries += 1
    if position < len(expected_ids):
        missing = expected_ids[position]
        return _broken(result, f"entry id={missing} of batch {seal.number} is missing", entry=missing)
    if len(leaves) != seal.entries or integrity.merkle_root(leaves) != seal.merkle_root:
        return _broken(result, f"batch {seal.number}'s entries do not match its Merkle root", batch=seal.number)
    return None


def _broken(result: AuditVerification, problem: str, *, entry=None, batch=None) -> AuditVerification:
    result.problem = problem
    result.entry_id = entry
    result.batch_number = batch
    return result
