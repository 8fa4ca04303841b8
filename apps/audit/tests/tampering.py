"""What an attacker with database access does, bypassing the application (and, with the owner's rights,
the triggers: here through maintenance mode)."""

import hashlib
import json

from django.db import connection

from apps.audit.maintenance import audit_maintenance


def tamper(sql, params=()):
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def rewrite_with_plain_sha256(event, **changes):
    """Change columns of an entry and store a fresh SHA-256 of the new content, as the old chain allowed."""
    content = {"id": event.pk, "reason": event.reason, **changes}
    forged = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    assignments = ", ".join(f"{column} = %s" for column in changes)
    tamper(
        f"UPDATE audit_auditevent SET {assignments}, entry_hmac = %s WHERE id = %s",  # noqa: S608 - test columns
        [*changes.values(), forged, event.pk],
    )
