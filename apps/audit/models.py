"""An append-only audit log. Each entry carries an HMAC of its own content; a sealer later puts entries into
numbered batches whose Merkle roots are chained by HMAC, and signs a checkpoint of the newest batch outside
the database. The database refuses UPDATE and DELETE on entries (migration 0002), except the sealer setting
an entry's `seal` once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.audit import integrity


class AuditEvent(models.Model):
    created_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Kept beside the foreign key so an entry still says who acted if the account is renamed.
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # HMAC-SHA256 (key AUDIT_HMAC_KEY, outside the database) of the normalised content above.
    entry_hmac = models.CharField(max_length=64)
    # Set once by the sealer (NULL → batch); the only change the database allows on a row. Not indexed (an
    # index fewer on every append): the sealer reads the partial index below, verification the id ranges.
    seal = models.ForeignKey(
        "AuditSeal", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # The sealer's queue: small, because sealed rows leave it.
            models.Index(fields=["id"], condition=models.Q(seal__isnull=True), name="audit_event_unsealed"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only")

    def normalise(self) -> None:
        """Bring every value to the form the database stores, so the HMAC of a reloaded row is the same."""
        self.created_at = integrity.normalise_datetime(self.created_at)
        for name, limit in integrity.FIELD_LIMITS.items():
            setattr(self, name, integrity.normalise_text(getattr(self, name), limit))
        self.reason = integrity.normalise_text(self.reason)
        self.ip_address = integrity.normalise_ip(self.ip_address)
        self.data = integrity.normalise_data(self.data)

    def compute_hmac(self) -> str:
        return integrity.keyed_hash(
            integrity.entry_payload(
                created_at=self.created_at,
                actor_id=self.actor_id,
                actor_label=self.actor_label,
                action=self.action,
                object_type=self.object_type,
                object_id=self.object_id,
                reason=self.reason,
                ip_address=self.ip_address,
                data=self.data,
            )
        )


class AuditSeal(models.Model):
    """A batch of entries sealed together: the Merkle root of their HMACs, chained to the previous batch."""

    number = models.PositiveBigIntegerField(unique=True)
    sealed_at = models.DateTimeField()
    entries = models.PositiveIntegerField()
    first_id = models.PositiveBigIntegerField()
    last_id = models.PositiveBigIntegerField()
    # The member ids as runs [[first, last], ...]: ids skip on rollback, and a late-committing lower id joins
    # a later batch, so the members are named exactly rather than as one range.
    id_ranges = models.JSONField()
    merkle_root = models.CharField(max_length=64)
    previous_hash = models.CharField(max_length=64)
    # HMAC of everything above; the next batch's previous_hash.
    seal_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("segel audit")
        verbose_name_plural = _("segel audit")
        ordering = ["number"]

    def __str__(self):
        return f"batch {self.number}: {self.entries} entries, ids {self.first_id}–{self.last_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit seals are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit seals are append-only")

    def compute_hash(self) -> str:
        return integrity.keyed_hash(
            integrity.seal_payload(
                number=self.number,
                previous_hash=self.previous_hash,
                merkle_root=self.merkle_root,
                entries=self.entries,
                first_id=self.first_id,
                last_id=self.last_id,
                id_ranges=self.id_ranges,
                sealed_at=self.sealed_at,
            )
        )


class AuditSealState(models.Model):
    """One row, locked only by the sealer: the newest batch, so two sealers never build the same number."""

    batches = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=integrity.GENESIS_HASH)
    entries = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("status segel audit")
        verbose_name_plural = _("status segel audit")

    def __str__(self):
        return f"{self.batches} batches, {self.entries} entries sealed"
