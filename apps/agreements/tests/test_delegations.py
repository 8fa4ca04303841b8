"""SK pendelegasian: only the head of office records and revokes; only its secretary or division head receive one.
And `can_sign`: the head on own authority, a delegate only while an unrevoked SK is valid, nobody else."""

import datetime

import pytest
from django.utils import timezone

from apps.agreements import services
from apps.agreements.models import SignatureDelegation
from apps.agreements.tests.conftest import make_delegation
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from testing import factories

pytestmark = pytest.mark.django_db


def test_head_records_delegation_to_secretary(office_head, secretary):
    delegation = make_delegation(office_head, secretary)

    assert delegation.office == factories.office()
    assert delegation.delegate == secretary and delegation.recorded_by == office_head
    event = AuditEvent.objects.get(action="agreement.delegation_record")
    assert event.actor == office_head and event.object_id == str(delegation.pk)
    assert event.data["decree_number"] == "800/123/Disnaker/2026"


def test_head_records_delegation_to_division_head(office_head, division_head):
    assert make_delegation(office_head, division_head).delegate == division_head


@pytest.mark.parametrize("recorder", ["officer", "secretary", "division_head", "agency_staff", "central_admin"])
def test_only_the_head_records(request, recorder, secretary, division_head):
    actor = request.getfixturevalue(recorder)

    with pytest.raises(PermissionDenied):
        make_delegation(actor, division_head if recorder == "secretary" else secretary)
    assert not SignatureDelegation.objects.exists()


def test_delegate_must_be_secretary_or_division_head_of_the_same_office(office_head, officer):
    bogor_secretary = factories.staff(position="secretary", regency_code="32.71")

    for delegate in (officer, bogor_secretary, office_head, factories.user()):
        with pytest.raises(ServiceError) as refused:
            make_delegation(office_head, delegate)
        assert refused.value.code == "delegate_invalid" and refused.value.field == "delegate"
    assert not SignatureDelegation.objects.exists()


def test_decree_checks(office_head, secretary):
    today = timezone.localdate()
    base = {"actor": office_head, "delegate": secretary, "decree_number": "SK-1", "decree_date": today}

    with pytest.raises(ServiceError) as refused:
        services.delegation_record(**{**base, "decree_number": "  "}, valid_from=today, valid_until=today)
    assert refused.value.code == "decree_number_required"
    with pytest.raises(ServiceError) as refused:
        services.delegation_record(**base, valid_from=today, valid_until=today - datetime.timedelta(days=1))
    assert refused.value.code == "validity_invalid" and refused.value.field == "valid_until"
    with pytest.raises(ServiceError) as refused:
        services.delegation_record(
            **{**base, "decree_date": today + datetime.timedelta(days=1)}, valid_from=today, valid_until=today
        )
    assert refused.value.code == "decree_date_future"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("decree_date", datetime.date(1900, 1, 1)),  # DECREE_DATE: signed in the last 30 years
        ("valid_from", datetime.date(1900, 1, 1)),  # VALID_FROM
        ("valid_until", datetime.date(9999, 12, 31)),  # VALID_UNTIL: at most 10 years ahead
    ],
)
def test_the_service_bounds_the_decree_dates_as_the_form_does(office_head, secretary, field, value):
    """Called directly (the API, seed_demo, a builder), the service refuses a date outside the form's range."""
    today = timezone.localdate()
    values = {"decree_date": today, "valid_from": today, "valid_until": today, field: value}

    with pytest.raises(ServiceError) as refused:
        services.delegation_record(actor=office_head, delegate=secretary, decree_number="SK-1", **values)

    assert refused.value.field == field
    assert not SignatureDelegation.objects.exists()


def test_head_revokes(office_head, secretary_delegation):
    services.delegation_revoke(delegation=secretary_delegation, actor=office_head)

    secretary_delegation.refresh_from_db()
    assert secretary_delegation.revoked_at is not None
    assert AuditEvent.objects.filter(action="agreement.delegation_revoke", actor=office_head).count() == 1
    with pytest.raises(ServiceError) as refused:
        services.delegation_revoke(delegation=secretary_delegation, actor=office_head)
    assert refused.value.code == "already_revoked"


def test_others_cannot_revoke(secretary_delegation, secretary, officer):
    bogor_head = factories.staff(position="office_head", regency_code="32.71")

    for actor in (secretary, officer, bogor_head):
        with pytest.raises(PermissionDenied):
            services.delegation_revoke(delegation=secretary_delegation, actor=actor)
    secretary_delegation.refresh_from_db()
    assert secretary_delegation.revoked_at is None


# --- can_sign ----------------------------------------------------------------------------------------------


def test_head_signs_on_own_authority(draft, office_head):
    right = services.can_sign(office_head, draft)

    assert right and right.delegation is None and right.position == "office_head"


def test_secretary_needs_a_valid_delegation(draft, office_head, secretary):
    assert services.can_sign(secretary, draft) is None

    delegation = make_delegation(office_head, secretary, days_from=0, days_until=0)

    assert services.can_sign(secretary, draft).delegation == delegation
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert services.can_sign(secretary, draft, on_date=tomorrow) is None


@pytest.mark.parametrize(
    ("days_from", "days_until"),
    [(-30, -1), (1, 30)],
    ids=["expired", "not-yet-valid"],
)
def test_delegation_outside_its_dates_does_not_count(draft, office_head, division_head, days_from, days_until):
    make_delegation(office_head, division_head, days_from=days_from, days_until=days_until)

    assert services.can_sign(division_head, draft) is None


def test_revoked_delegation_does_not_count(draft, office_head, secretary, secretary_delegation):
    services.delegation_revoke(delegation=secretary_delegation, actor=office_head)

    assert services.can_sign(secretary, draft) is None


def test_delegation_is_personal(draft, secretary_delegation, division_head):
    assert services.can_sign(division_head, draft) is None


def test_delegation_of_another_office_does_not_count(draft, secretary):
    bogor = factories.office("32.71")
    today = timezone.localdate()
    SignatureDelegation.objects.create(
        office=bogor,
        delegate=secretary,
        decree_number="SK-BOGOR",
        decree_date=today,
        valid_from=today,
        valid_until=today,
        recorded_by=factories.staff(position="office_head", regency_code="32.71"),
    )

    assert services.can_sign(secretary, draft) is None


def test_officer_and_outsiders_cannot_sign(draft, officer, other_office_officer, company_staff, job_seeker):
    bogor_head = factories.staff(position="office_head", regency_code="32.71")

    for person in (officer, other_office_officer, bogor_head, company_staff, job_seeker):
        assert services.can_sign(person, draft) is None
