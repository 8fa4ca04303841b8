"""A faster `flush` between transactional tests (the test suite's only; production's flush is Django's own).

After each transactional test Django empties every table, and the next one loads the regions and labour offices
again (conftest.py). Two savings, the result being the same database as before:

- regions, offices, content types and permissions stay when they are exactly as the test found them (every
  row compared), so they need no deleting and no loading again (about a second on PostgreSQL); the villages
  a test added are deleted. A test that changed, added or removed anything else in them gets all four tables
  emptied and loaded again, as before;
- on PostgreSQL, instead of one TRUNCATE of all ~150 tables (new files for every table and index, about 2 s),
  DELETE only the tables that hold rows, in the same transaction: Django's foreign keys are deferred, so the
  order does not matter, and the audit triggers let the DELETE through as they let TRUNCATE through (the
  flush command runs in audit maintenance mode). Sequences are not reset either way.
"""

import hashlib

from django.db import connections

# Loaded by the migrations (regions, offices) and by their post_migrate signal (content types, permissions).
REFERENCE_TABLES = ("regions_region", "offices_labouroffice", "django_content_type", "auth_permission")
_found: dict[str, str] = {}  # alias -> fingerprint of the reference data when the current test started
_kept: dict[str, bool] = {}  # alias -> the last flush left the reference data in place


# Villages are not loaded by the migrations; factories add a few (testing.factories.village): removed at each flush.
VILLAGES = "level = 4"


def _fingerprint(connection) -> str:
    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for table in REFERENCE_TABLES:
            where = f" WHERE NOT ({VILLAGES})" if table == "regions_region" else ""
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}{where} ORDER BY 1")  # noqa: S608
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


def reference_data_kept(alias: str = "default") -> bool:
    """Whether the flush after the previous transactional test left regions and offices untouched."""
    return _kept.pop(alias, False)


def remember_reference_data(alias: str = "default") -> None:
    """Called when a transactional test starts, with regions and offices as the migrations load them."""
    _found[alias] = _fingerprint(connections[alias])


def _unchanged(connection) -> bool:
    found = _found.pop(connection.alias, None)
    return found is not None and _fingerprint(connection) == found


def install() -> None:
    from django.db.backends.postgresql.base import DatabaseOperations as PostgreSQL
    from django.db.backends.sqlite3.base import DatabaseOperations as SQLite

    for operations in (PostgreSQL, SQLite):
        if not getattr(operations.sql_flush, "keeps_reference_data", False):
            operations.sql_flush = _faster(operations.sql_flush, postgresql=operations is PostgreSQL)


def _faster(django_sql_flush, *, postgresql: bool):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables or reset_sequences or allow_cascade:
            return django_sql_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        tables = list(tables)
        kept = set(REFERENCE_TABLES) <= set(tables) and _unchanged(self.connection)
        _kept[self.connection.alias] = kept
        villages = []
        if kept:
            tables = [table for table in tables if table not in REFERENCE_TABLES]
            villages = [f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name('regions_region')} WHERE {VILLAGES};"]
        if not postgresql:
            return villages + django_sql_flush(self, style, tables)
        quote = self.quote_name
        probe = " UNION ALL ".join(
            f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 - table names, quoted
            for index, table in enumerate(tables)
        )
        with self.connection.cursor() as cursor:
            cursor.execute(probe)
            filled = [tables[index] for (index,) in cursor.fetchall()]
        return villages + [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(quote(table))};" for table in filled]

    sql_flush.keeps_reference_data = True
    return sql_flush
