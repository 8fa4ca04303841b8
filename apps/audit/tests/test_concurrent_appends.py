"""Appends under real concurrency: each thread has its own PostgreSQL connection.

Skipped on SQLite: it has one writer at a time by design, and the in-memory test database fails a second
writer at once instead of letting it wait, so appends cannot run side by side there.
"""

import threading

import pytest
from django.db import connection, transaction

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, audit_seal_pending, audit_verify_chain

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only(reason="SQLite admits one writer at a time; concurrency is PostgreSQL's"),
]


class OpenTransaction(threading.Thread):
    """Appends one entry in a transaction that stays open until `finish` is set, as a slow request does."""

    def __init__(self, actor):
        super().__init__()
        self.actor = actor
        self.appended = threading.Event()
        self.finish = threading.Event()
        self.event = None
        self.error = None

    def run(self):
        try:
            with transaction.atomic():
                self.event = audit_record(actor=self.actor, action="profile.view", reason="slow request")
                self.appended.set()
                assert self.finish.wait(30), "the test never let the transaction finish"
        except Exception as error:  # the test reads it
            self.error = error
            self.appended.set()
        finally:
            connection.close()


def _in_thread(call, timeout):
    outcome = {}

    def body():
        try:
            outcome["value"] = call()
        finally:
            connection.close()

    thread = threading.Thread(target=body)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the call waited on another transaction"
    return outcome["value"]


def test_an_append_does_not_wait_for_another_requests_open_transaction(job_seeker):
    # Given a request that has appended an entry and not committed yet
    slow = OpenTransaction(job_seeker)
    slow.start()
    assert slow.appended.wait(10) and slow.error is None

    try:
        # When another request appends meanwhile, and the sealer runs
        quick = _in_thread(lambda: audit_record(actor=job_seeker, action="account.login"), timeout=5)
        seals = _in_thread(audit_seal_pending, timeout=5)
    finally:
        slow.finish.set()
        slow.join(10)

    # Then neither waited; the quick entry, with the higher id, is sealed first
    assert slow.error is None and slow.event.pk < quick.pk
    assert seals[0].id_ranges == [[quick.pk, quick.pk]]

    # And the slow entry, committed late with its lower id, goes into the next batch
    late_seal = audit_seal_pending()[0]
    assert late_seal.id_ranges == [[slow.event.pk, slow.event.pk]]
    assert audit_verify_chain().intact


def test_many_writers_and_the_sealer_at_once_leave_a_complete_verified_log(job_seeker):
    writers, per_writer = 8, 40
    start = threading.Barrier(writers + 1)
    errors = []

    def write():
        try:
            start.wait(10)
            for number in range(per_writer):
                audit_record(actor=job_seeker, action="profile.view", data={"n": number})
        except Exception as error:  # the test reads it
            errors.append(error)
        finally:
            connection.close()

    def seal_while_writing():
        try:
            start.wait(10)
            while any(thread.is_alive() for thread in threads):
                audit_seal_pending(batch_size=50)
        except Exception as error:  # the test reads it
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    sealer = threading.Thread(target=seal_while_writing)
    for thread in [*threads, sealer]:
        thread.start()
    for thread in [*threads, sealer]:
        thread.join(60)

    assert errors == []
    audit_seal_pending()
    assert AuditEvent.objects.count() == writers * per_writer
    assert not AuditEvent.objects.filter(seal__isnull=True).exists()
    result = audit_verify_chain()
    assert result.intact, result.problem
    assert result.entries == writers * per_writer
