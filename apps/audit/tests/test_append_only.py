"""The database itself refuses to change or remove audit rows, whatever SQL reaches it."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from apps.audit.maintenance import audit_maintenance
from apps.audit.models import AuditEvent, AuditSeal
from apps.audit.services import audit_record, audit_seal_pending, audit_verify_chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(job_seeker):
    return audit_record(actor=job_seeker, action="profile.view", target=job_seeker)


def refused(sql, params=()):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_raw_sql_cannot_edit_or_delete_an_entry(event):
    refused("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["dibuat-buat", event.pk])
    refused("UPDATE audit_auditevent SET entry_hmac = %s WHERE id = %s", ["0" * 64, event.pk])
    refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    refused("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.get(pk=event.pk).reason == ""
    assert audit_verify_chain().intact


def test_raw_sql_cannot_edit_or_delete_a_seal(event):
    seal = audit_seal_pending()[0]
    refused("UPDATE audit_auditseal SET merkle_root = %s WHERE id = %s", ["0" * 64, seal.pk])
    refused("DELETE FROM audit_auditseal WHERE id = %s", [seal.pk])
    assert AuditSeal.objects.filter(pk=seal.pk).exists()


def test_only_the_sealer_may_set_an_entrys_batch_once(event, job_seeker):
    # The sealer's change (NULL → batch, nothing else) passes; audit_seal_pending made it
    seal = audit_seal_pending()[0]
    assert AuditEvent.objects.get(pk=event.pk).seal_id == seal.pk
    # Moving it to another batch, or unsealing it, is refused
    audit_record(actor=job_seeker, action="profile.view")
    other = audit_seal_pending()[0]
    refused("UPDATE audit_auditevent SET seal_id = %s WHERE id = %s", [other.pk, event.pk])
    refused("UPDATE audit_auditevent SET seal_id = NULL WHERE id = %s", [event.pk])
    # Setting the batch together with another column is refused too
    fresh = audit_record(actor=job_seeker, action="profile.view")
    refused("UPDATE audit_auditevent SET seal_id = %s, reason = 'x' WHERE id = %s", [other.pk, fresh.pk])


@pytest.mark.django_db(transaction=True)
def test_emptying_the_tables_at_once_is_refused(job_seeker):
    # PostgreSQL's TRUNCATE skips row triggers, so a statement trigger refuses it; SQLite's equivalent is an
    # unqualified DELETE, which fires the row triggers.
    audit_record(actor=job_seeker, action="profile.view")
    audit_seal_pending()
    for table in ["audit_auditevent", "audit_auditseal"]:
        if connection.vendor == "postgresql":
            refused(f"TRUNCATE {table} CASCADE")
        else:
            refused(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
    assert AuditEvent.objects.count() == 1 and AuditSeal.objects.count() == 1


def test_maintenance_mode_lets_an_operator_remove_entries(event):
    with audit_maintenance(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert not AuditEvent.objects.filter(pk=event.pk).exists()
    # and it ends with the block
    audit_record(actor=None, action="account.lock")
    refused("DELETE FROM audit_auditevent")


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_log_in_maintenance_mode(job_seeker):
    # Given entries and a seal (the test suite flushes tables like this between transactional tests)
    audit_record(actor=job_seeker, action="profile.view")
    audit_seal_pending()

    # When the database is flushed
    call_command("flush", interactive=False, verbosity=0)

    # Then the log is empty, and outside the flush the triggers refuse again
    assert not AuditEvent.objects.exists() and not AuditSeal.objects.exists()
    audit_record(actor=None, action="account.lock")
    refused("DELETE FROM audit_auditevent")
