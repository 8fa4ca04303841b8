"""Benchmarks for the paths every request or write goes through. Not run by `make test`.

    .venv/bin/python bench/bench_core.py [--entries 5000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sipmi .venv/bin/python bench/bench_core.py

Creates a throw-away test database, measures, and drops it.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
os.environ.setdefault("AUDIT_CHECKPOINT_STORAGE", tempfile.mkdtemp(prefix="sipmi-bench-checkpoints-"))

import django  # noqa: E402

django.setup()

from django.test.utils import setup_databases, setup_test_environment, teardown_databases  # noqa: E402


def timed(label, fn, count):
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    print(f"{label:45} {count:7d} in {elapsed:7.3f} s  = {count / elapsed:9.0f}/s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=2000)
    args = parser.parse_args()
    setup_test_environment()
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from django.test import Client

        from apps.audit.services import audit_record, audit_seal_pending, audit_verify_chain
        from testing import factories

        user = factories.user()
        n = args.entries
        timed(
            "audit_record (one INSERT, one writer)",
            lambda: [audit_record(actor=user, action="bench") for _ in range(n)],
            n,
        )
        timed("audit_seal_pending", audit_seal_pending, n)
        timed("verify_audit_chain", audit_verify_chain, n)
        client = Client()
        pages = 200
        timed("GET /daftar/ (38 provinces, form)", lambda: [client.get("/daftar/") for _ in range(pages)], pages)
        timed(
            "GET /wilayah/pilihan/ (regencies of a province)",
            lambda: [
                client.get("/wilayah/pilihan/", {"source": "address_province", "address_province": "32"})
                for _ in range(pages)
            ],
            pages,
        )
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
