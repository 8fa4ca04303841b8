"""Audit-log appends from many writers at once, then sealing and verification. Not run by `make test`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sipmi .venv/bin/python bench/audit_append.py
    (options: --writers 16 --seconds 5 --baseline)

Creates a throw-away test database (test_<name>), measures, and drops it. Each writer thread has its own
connection and appends one entry per transaction (autocommit), as a request outside a transaction does, so
every append waits for its own commit (PostgreSQL groups the WAL flushes of concurrent commits).
`--baseline` first measures the same number of threads sending a bare INSERT of the same row through
psycopg: the ceiling the database and disk allow at that moment, to read the SIPMI figure against.
"""

import argparse
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("AUDIT_CHECKPOINT_STORAGE", tempfile.mkdtemp(prefix="sipmi-bench-checkpoints-"))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402


def report(label, count, elapsed, note=""):
    print(f"{label:45} {count:7d} in {elapsed:7.3f} s  = {count / elapsed:9.0f}/s  {note}")


def run_writers(args, make_call):
    """Run make_call(index)() in a loop in each of args.writers writers for args.seconds; return (calls, s).

    A writer is a process with its own connection, as each gunicorn worker is: threads of one interpreter would
    measure the interpreter lock rather than the log (`--threads` shows that difference)."""
    if args.threads:
        start, stop = threading.Barrier(args.writers + 1), threading.Event()
        counts = [0] * args.writers
        spawn = threading.Thread
    else:
        context = multiprocessing.get_context("fork")
        start, stop = context.Barrier(args.writers + 1), context.Event()
        counts = context.Array("q", args.writers)
        spawn = context.Process
        connection.close()  # each forked writer opens its own connection

    def writer(index):
        call = make_call(index)
        try:
            start.wait()
            done = 0
            while not stop.is_set():
                call()
                done += 1
            counts[index] = done
        finally:
            connection.close()

    workers = [spawn(target=writer, args=(i,)) for i in range(args.writers)]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter()
    time.sleep(args.seconds)
    stop.set()
    for worker in workers:
        worker.join()
    return sum(counts), time.perf_counter() - began


def bare_insert(actor_id):
    import psycopg

    settings = connection.settings_dict
    raw = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        password=settings["PASSWORD"],
        autocommit=True,
    )
    sql = (
        "INSERT INTO audit_auditevent (created_at, actor_id, actor_label, action, object_type, object_id, reason, "
        "ip_address, data, entry_hmac) VALUES (now(), %s, 'x', 'bench.append', 'accounts.user', '1', '', "
        "'2001:db8::1', '{}', %s) RETURNING id"
    )
    return lambda: raw.execute(sql, [actor_id, "0" * 64]).fetchone()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--threads", action="store_true", help="writers as threads of this process")
    args = parser.parse_args()
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from apps.audit.models import AuditEvent
        from apps.audit.services import audit_record, audit_seal_pending, audit_verify_chain
        from testing import factories

        people = [factories.user() for _ in range(args.writers)]  # each writer serves another person
        kind = "threads" if args.threads else "processes"
        print(f"{connection.vendor}, {args.writers} writer {kind}, {args.seconds:.1f} s each run")
        if args.baseline and connection.vendor == "postgresql":
            inserted, elapsed = run_writers(args, lambda index: bare_insert(people[index].pk))
            report("bare psycopg INSERT (the ceiling)", inserted, elapsed)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET sipmi.audit_maintenance = 'on'; DELETE FROM audit_auditevent; RESET sipmi.audit_maintenance"
                )

        def append(index):
            user = people[index]
            return lambda: audit_record(actor=user, action="bench.append", target=user, ip_address="2001:DB8::1")

        appended, elapsed = run_writers(args, append)
        report("audit_record (one INSERT, no shared lock)", appended, elapsed)

        began = time.perf_counter()
        seals = audit_seal_pending()
        elapsed = time.perf_counter() - began
        report("audit_seal_pending", appended, elapsed, f"({len(seals)} batches)")

        began = time.perf_counter()
        result = audit_verify_chain()
        elapsed = time.perf_counter() - began
        report("audit_verify_chain", result.entries, elapsed)
        assert result.intact, result.problem
        assert result.entries == AuditEvent.objects.count() == appended
        print("verification: intact, every entry sealed")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
