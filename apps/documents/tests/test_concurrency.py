"""The register book under real concurrency: fifty numbers taken at the same moment are exactly 1..50.

The threads race on the office counter's row lock (SELECT ... FOR UPDATE) on PostgreSQL; left out of SQLite runs.
"""

import pytest
from django.db import transaction

from apps.documents import services
from apps.documents.models import DocumentType, RegisterEntry
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_fifty_concurrent_allocations_are_exactly_one_to_fifty():
    # Given an office and its officer
    officer = factories.staff(position="officer")
    office = factories.office()

    def allocate(n):
        def call():
            with transaction.atomic():  # the caller's transaction, as when a workflow issues its document
                return services.register_allocate(
                    office=office, document_type=DocumentType.ID_CPMI, actor=officer, subject=f"CPMI {n}"
                )

        return call

    # When fifty numbers are taken at the same moment
    results = run_together(*[allocate(n) for n in range(50)])

    # Then every call got a number, and the book holds exactly 1..50 with fifty different numbers
    assert all(isinstance(r, RegisterEntry) for r in results), [r for r in results if not isinstance(r, RegisterEntry)]
    sequences = sorted(RegisterEntry.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 51))
    assert RegisterEntry.objects.values("number").distinct().count() == 50
