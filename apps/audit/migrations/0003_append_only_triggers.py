"""The database itself refuses UPDATE, DELETE and TRUNCATE on audit entries and seals.

The one change allowed on an entry is the sealer's: `seal_id` from NULL to a batch, every other column
unchanged. Maintenance mode (apps/audit/maintenance.py) lets `flush` and retention through.

On SQLite, a later migration that alters these tables rebuilds them and drops the triggers: such a migration
must create them again (tests/test_append_only.py fails until it does).
"""

from django.db import migrations

POSTGRESQL_FORWARD = """
CREATE FUNCTION audit_maintenance_on() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('sipmi.audit_maintenance', true), '') = 'on' $$;

CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unchanged audit_auditevent;
BEGIN
    IF audit_maintenance_on() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.seal_id IS NULL AND NEW.seal_id IS NOT NULL THEN
        unchanged := NEW;
        unchanged.seal_id := NULL;
        IF unchanged IS NOT DISTINCT FROM OLD THEN RETURN NEW; END IF;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % on audit entry % refused', TG_OP, OLD.id
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF audit_maintenance_on() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON audit_auditseal
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON audit_auditseal
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
"""

POSTGRESQL_BACKWARD = """
DROP TRIGGER audit_event_append_only ON audit_auditevent;
DROP TRIGGER audit_event_no_truncate ON audit_auditevent;
DROP TRIGGER audit_seal_append_only ON audit_auditseal;
DROP TRIGGER audit_seal_no_truncate ON audit_auditseal;
DROP FUNCTION audit_event_guard();
DROP FUNCTION audit_refuse_change();
DROP FUNCTION audit_maintenance_on();
"""

# Every column but seal_id must stay as it is; a column added to AuditEvent later must be added here too.
EVENT_COLUMNS = [
    "id", "created_at", "actor_id", "actor_label", "action", "object_type", "object_id", "reason",
    "ip_address", "data", "entry_hmac",
]
_unchanged = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in EVENT_COLUMNS)
SQLITE_FORWARD = [
    f"""CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_auditevent
    WHEN NOT sipmi_audit_maintenance()
     AND NOT (OLD.seal_id IS NULL AND NEW.seal_id IS NOT NULL AND {_unchanged})
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE on audit entry refused'); END""",
    """CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_auditevent
    WHEN NOT sipmi_audit_maintenance()
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE on audit entry refused'); END""",
    """CREATE TRIGGER audit_seal_append_only_update BEFORE UPDATE ON audit_auditseal
    WHEN NOT sipmi_audit_maintenance()
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: UPDATE on audit seal refused'); END""",
    """CREATE TRIGGER audit_seal_append_only_delete BEFORE DELETE ON audit_auditseal
    WHEN NOT sipmi_audit_maintenance()
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only: DELETE on audit seal refused'); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER audit_event_append_only_update",
    "DROP TRIGGER audit_event_append_only_delete",
    "DROP TRIGGER audit_seal_append_only_update",
    "DROP TRIGGER audit_seal_append_only_delete",
]


def _run(schema_editor, postgresql, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgresql, params=None)
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement, params=None)


def create_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_FORWARD, SQLITE_FORWARD)


def drop_triggers(apps, schema_editor):
    _run(schema_editor, POSTGRESQL_BACKWARD, SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_sealed_batches")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
