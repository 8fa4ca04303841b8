"""The one way past the database's refusal to UPDATE or DELETE audit rows: maintenance mode on a connection.

PostgreSQL: the triggers let a change through when the session setting `sipmi.audit_maintenance` is 'on'
(`SET sipmi.audit_maintenance = 'on'` in psql). SQLite has no session settings, so the triggers call
`sipmi_audit_maintenance()`, a function SIPMI registers on each of its connections; elsewhere (the sqlite3
shell) the function does not exist and the change fails as well.

Used by `manage.py flush` (the test suite empties tables between transactional tests) and by an operator
removing entries for retention; everything else sees the log as append-only.
"""

from contextlib import contextmanager

from django.db import connections

SETTING = "sipmi.audit_maintenance"
SQLITE_FUNCTION = "sipmi_audit_maintenance"


def register_sqlite_function(sender, connection, **kwargs):
    """connection_created receiver: give SQLite connections the function the triggers ask."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION, 0, lambda: int(getattr(connection, "audit_maintenance", False))
        )


@contextmanager
def audit_maintenance(*, using: str = "default"):
    connection = connections[using]
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', false)", [SETTING])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, '', false)", [SETTING])
    else:
        connection.audit_maintenance = True
        try:
            yield
        finally:
            connection.audit_maintenance = False
