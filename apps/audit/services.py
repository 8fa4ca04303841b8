"""Writing to the audit log. Call `audit_record` inside the transaction of the change it records."""

from django.db import models, transaction
from django.utils import timezone

from apps.audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from apps.core.locking import for_update
from apps.core.request_context import current_client_ip


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
    with transaction.atomic():
        head, _ = for_update(AuditChainHead).get_or_create(pk=1)
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
            previous_hash=head.last_hash,
        )
        event.entry_hash = event.compute_hash()
        event.save()
        head.last_hash = event.entry_hash
        head.entries += 1
        head.save(update_fields=["last_hash", "entries"])
    return event


def audit_verify_chain() -> tuple[int, AuditEvent | None]:
    """Walk the chain in order. Return (entries checked, first broken entry or None)."""
    expected_previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != expected_previous or event.compute_hash() != event.entry_hash:
            return checked, event
        expected_previous = event.entry_hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.entries != checked or head.last_hash != expected_previous):
        # The newest entries were removed: the chain is intact but shorter than the head says.
        return checked, AuditEvent(action="(missing entries)", previous_hash=expected_previous)
    return checked, None
