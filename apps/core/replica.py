"""Reports and exports read from a read replica (REPLICA_DATABASE_URL) when one is configured.

A view decorated with `reads_from_replica` runs with its reads routed to the `replica` alias; everything else,
and every write, uses the primary (`default`). Without a replica configured the decorator changes nothing.
A replica lags the primary by a moment: only pages that tolerate that (monthly reports, archives, CSV exports)
are marked; a page that reads what its own request has just written must stay on the primary.
"""

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_on_replica: ContextVar[bool] = ContextVar("reads_on_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """Within the block, reads go to the replica (when there is one)."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def reads_from_replica(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        with replica_reads():
            return view(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """Reads inside `replica_reads()` go to the replica; writes and migrations to the primary only."""

    def db_for_read(self, model, **hints):
        if _on_replica.get() and replica_configured():
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
