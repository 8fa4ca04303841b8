"""Row locks that lock only the row they name, and unique-constraint races turned into a clear refusal.

Every `select_for_update` in the project goes through here. Two rules are built in:

- `of=("self",)`: with `select_related`, PostgreSQL's plain `FOR UPDATE` also locks every joined row (the
  vacancy's company, the application's candidate and office…), so two unrelated workflows touching the same
  office or company would queue behind each other. Only the named model's row is locked; joined rows are
  read as they are.
- `no_key=True` (`FOR NO KEY UPDATE`) by default: we never change primary keys, and this lock still excludes
  every other `lock()` on the same row (so read-check-write under it is serialised), but it does not block
  the `FOR KEY SHARE` lock PostgreSQL takes on a parent row when a child row referencing it is inserted or
  updated elsewhere (an audit row, a notice, an application pointing at a locked vacancy). Pass
  `no_key=False` only when a child must not be attached to the row while it is held (e.g. before deleting it).

On SQLite (development, most tests) `select_for_update` is ignored and the database's single writer lock
serialises writes instead.
"""

from contextlib import contextmanager

from django.db import IntegrityError, models, transaction

from apps.core.errors import ServiceError


def for_update(queryset_or_model, *, no_key: bool = True) -> models.QuerySet:
    """The queryset (or the model's default queryset) marked to lock, within the current transaction, only the
    rows of its own model that it returns; `select_related` stays usable for reading the joined rows."""
    if isinstance(queryset_or_model, models.QuerySet):
        queryset = queryset_or_model
    else:
        queryset = queryset_or_model._default_manager.all()
    return queryset.select_for_update(of=("self",), no_key=no_key)


def lock(queryset_or_model, *, no_key: bool = True, **lookup):
    """The one row matching `lookup`, locked until the end of the current transaction (`DoesNotExist` if none)."""
    return for_update(queryset_or_model, no_key=no_key).get(**lookup)


@contextmanager
def refused_if_taken(code: str, message, *, field: str | None = None):
    """Run the block in a savepoint; when the database refuses it for a unique constraint (someone else took
    the value between our check and our write), raise `ServiceError(code, message)` instead of a 500.

    The check before the write still gives the usual message in the usual case; this covers the race.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise ServiceError(code, message, field=field) from None
