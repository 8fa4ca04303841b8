"""Walk test of the office-staff table: every position × account state × power, through the policy and through
the commands that exercise each power (an SPR recorded, a local checklist item added, a delegation recorded)."""

import contextlib
import datetime
import itertools

import pytest
from django.utils import timezone

from apps.access.office_staff import OFFICE_STAFF_POLICY
from apps.accounts.services import nik_is_locked, nik_unlock, registry_identify
from apps.agreements.services import delegation_record
from apps.core.errors import ServiceError
from apps.offices.models import StaffAssignment
from apps.officeservices.services import office_checklist_item_add
from apps.permits.services import permit_record
from testing import factories
from testing.policy_walk import walk

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)
_EVERY_POSITION = {"record_permit", "unlock_nik"}

EXPECTED = {
    "officer": {"active": _EVERY_POSITION},
    "secretary": {"active": _EVERY_POSITION},
    "division_head": {"active": _EVERY_POSITION | {"manage_checklist"}},
    "office_head": {"active": _EVERY_POSITION | {"manage_checklist", "manage_delegations"}},
}


def _make(role, status):
    depok = factories.office()
    if role == "job seeker":
        return None, factories.user()
    head = StaffAssignment.objects.filter(office=depok, position="office_head").first()
    user = head.user if role == "office_head" and head else factories.staff(position=role)
    user.is_active = status == "active"
    user.save(update_fields=["is_active"])
    return StaffAssignment.objects.select_related("user", "office").get(user=user), user


def _record_permit(assignment, actor):
    today = timezone.localdate()
    return permit_record(
        actor=actor,
        agency=factories.agency(),
        number=f"SPR/WALK/{next(_serial)}",
        country="Taiwan",
        positions="Caregiver",
        regions=["32.76"],
        valid_from=today,
        valid_until=today + datetime.timedelta(days=180),
        quota=5,
    )


def _add_checklist_item(assignment, actor):
    return office_checklist_item_add(
        office=factories.office(),
        actor=actor,
        service="passport_recommendation",
        label=f"Surat keterangan {next(_serial)}",
        party="candidate",
    )


def _record_delegation(assignment, actor):
    today = timezone.localdate()
    return delegation_record(
        actor=actor,
        delegate=factories.staff(position="secretary"),
        decree_number=f"800/{next(_serial)}/SK",
        decree_date=today,
        valid_from=today,
        valid_until=today + datetime.timedelta(days=30),
    )


def _locked_nik() -> str:
    """A NIK locked the way sign-up locks one: three wrong mothers' names, each from its own address."""
    nik = factories.registry_person(serial=next(_serial) + 7000).nik
    for n in range(3):
        with contextlib.suppress(ServiceError):
            registry_identify(nik=nik, parent="mother", parent_name=f"Bukan Ibunya {n}", ip=f"100.64.1.{n}")
    assert nik_is_locked(nik)
    return nik


def _unlock_nik(assignment, actor):
    return nik_unlock(actor=actor, nik=_locked_nik(), reason="e-KTP diperiksa di loket")


def test_the_office_staff_walk_matches_the_table_and_the_commands():
    performed = walk(
        OFFICE_STAFF_POLICY,
        expected=EXPECTED,
        make=_make,
        perform={
            "record_permit": _record_permit,
            "manage_checklist": _add_checklist_item,
            "manage_delegations": _record_delegation,
            "unlock_nik": _unlock_nik,
        },
        roles=[*EXPECTED, "job seeker"],
        statuses=["active"],
    )
    assert performed == 4 + 2 + 1 + 4


def test_the_office_staff_walk_of_deactivated_accounts_records_no_permit_and_unlocks_no_nik():
    performed = walk(
        OFFICE_STAFF_POLICY,
        expected=EXPECTED,
        make=_make,
        perform={"record_permit": _record_permit, "unlock_nik": _unlock_nik},
        statuses=["inactive"],
        not_performed={
            # Their services check the position only; a deactivated account cannot sign in to reach them.
            "manage_checklist": "officeservices.services checks the position; its branch rewires it",
            "manage_delegations": "agreements.services checks the position; its branch rewires it",
        },
    )
    assert performed == 0
    inactive = OFFICE_STAFF_POLICY.decide(*_make("officer", "inactive"), "record_permit")
    assert inactive.code == "account_inactive" and inactive.offered
