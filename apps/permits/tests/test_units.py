"""SPR places used and given back outside an application (a labour-office service request): under the SPR's row
lock, audited, never above the quota nor below 0."""

import datetime

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.permits import services
from apps.permits.models import RecruitmentPermit
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def permit(db):
    return factories.permit(agency=factories.agency(), quota=5)


def test_used_places_are_given_back_and_audited(permit, officer):
    services.permit_consume_units(permit=permit, units=3, actor=officer, reference="LYN-1")

    returned = services.permit_release_units(permit=permit, units=2, actor=officer, reference="LYN-1")

    assert returned.used == 1 and permit.used == 1
    assert RecruitmentPermit.objects.get(pk=permit.pk).used == 1
    event = AuditEvent.objects.get(action="agency.permit_release")
    assert event.actor == officer and event.object_id == str(permit.pk)
    assert event.data == {"reference": "LYN-1", "units": 2, "used": 1}


def test_giving_back_more_than_is_used_is_refused_and_changes_nothing(permit, officer):
    services.permit_consume_units(permit=permit, units=1, actor=officer, reference="LYN-1")

    with pytest.raises(ServiceError) as error:
        services.permit_release_units(permit=permit, units=2, actor=officer, reference="LYN-1")

    assert error.value.code == "permit_release_too_many"
    assert "hanya mencatat 1 tempat terpakai" in error.value.message
    assert RecruitmentPermit.objects.get(pk=permit.pk).used == 1
    assert not AuditEvent.objects.filter(action="agency.permit_release").exists()


def test_an_expired_spr_takes_its_places_back(permit, officer):
    today = timezone.localdate()
    RecruitmentPermit.objects.filter(pk=permit.pk).update(
        used=2, valid_from=today - datetime.timedelta(days=60), valid_until=today - datetime.timedelta(days=1)
    )
    assert services.permit_release_units(permit=permit, units=2, actor=officer, reference="LYN-1").used == 0


@pytest.mark.parametrize("units", [0, -1])
def test_units_must_be_positive(permit, officer, units):
    with pytest.raises(ValueError):
        services.permit_release_units(permit=permit, units=units, actor=officer, reference="LYN-1")
