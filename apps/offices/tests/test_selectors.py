"""The one answer to "is this person staff of office X"."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.offices.models import StaffAssignment
from apps.offices.selectors import is_staff_of, office_of, staff_assignment_of
from testing import factories

pytestmark = pytest.mark.django_db


def test_staff_of_their_own_office_only(officer, other_office_officer):
    depok = officer.staff_assignment.office
    assert is_staff_of(officer, depok) and is_staff_of(officer, depok.pk)
    assert not is_staff_of(other_office_officer, depok)
    assert office_of(officer) == depok


def test_positions_narrow_the_answer(officer, office_head):
    depok = office_head.staff_assignment.office
    assert is_staff_of(office_head, depok, positions={"office_head"})
    assert not is_staff_of(officer, depok, positions={"office_head", "secretary"})


@pytest.mark.parametrize("persona", ["job_seeker", "agency_staff", "central_admin"])
def test_other_accounts_are_nobodys_staff(request, persona):
    person = request.getfixturevalue(persona)
    assert staff_assignment_of(person) is None and office_of(person) is None
    assert not is_staff_of(person, factories.office())


def test_anonymous_visitors_and_unassigned_staff_are_nobodys_staff(officer):
    office = officer.staff_assignment.office
    StaffAssignment.objects.filter(user=officer).delete()
    officer.refresh_from_db()
    assert not is_staff_of(officer, office) and office_of(officer) is None
    assert not is_staff_of(AnonymousUser(), office)
    assert not is_staff_of(officer, None)
