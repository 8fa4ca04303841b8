"""`lock()` locks the row it names and nothing it joins: a second connection can still lock the related office
and company rows while the first transaction holds the lock. PostgreSQL only: SQLite has no row locks."""

import pytest
from django.db import DatabaseError, transaction

from apps.agencies.models import AgencyMember, PlacementAgency
from apps.core.locking import for_update, lock
from apps.offices.models import LabourOffice, StaffAssignment
from testing import factories
from testing.concurrency import run_together

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres_only(reason="row locks exist only on PostgreSQL"),
]


def try_lock(model, pk) -> str:
    """From another connection: "locked" if the row is free to lock now, "busy" if someone holds it."""
    with transaction.atomic():
        try:
            model.objects.select_for_update(nowait=True).get(pk=pk)
        except DatabaseError:
            return "busy"
    return "locked"


def test_lock_with_select_related_leaves_the_office_row_free(officer):
    assignment = officer.staff_assignment

    with transaction.atomic():
        held = lock(StaffAssignment.objects.select_related("office", "user"), pk=assignment.pk)
        assert held.office.name  # the joined row is read
        own, office = run_together(
            lambda: try_lock(StaffAssignment, assignment.pk),
            lambda: try_lock(LabourOffice, assignment.office_id),
        )

    assert own == "busy"
    assert office == "locked"


def test_for_update_with_select_related_leaves_the_company_row_free(db):
    staff = factories.agency_member()
    member = AgencyMember.objects.get(user=staff)

    with transaction.atomic():
        rows = list(for_update(AgencyMember.objects.select_related("agency")).filter(pk=member.pk))
        assert rows[0].agency.name
        own, company = run_together(
            lambda: try_lock(AgencyMember, member.pk),
            lambda: try_lock(PlacementAgency, member.agency_id),
        )

    assert own == "busy"
    assert company == "locked"
