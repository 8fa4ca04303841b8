"""Recruitment permits (SPR): recording by an office or the central admin, checking, and using the quota."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.permits import services
from apps.permits.models import RecruitmentPermit
from apps.regions.models import Region
from testing import factories

TODAY = timezone.localdate()


def record(actor, agency, **overrides):
    values = {
        "number": "SPR/001/2026",
        "country": "Taiwan",
        "positions": "Caregiver\nPerawat Lansia",
        "regions": [Region.objects.get(pk="32.76")],
        "valid_from": TODAY,
        "valid_until": TODAY + datetime.timedelta(days=90),
        "quota": 10,
    }
    values.update(overrides)
    return services.permit_record(actor=actor, agency=agency, **values)


# --- permit_record -----------------------------------------------------------------------------------------


def test_an_office_officer_records_an_spr_for_their_office(officer, company):
    permit = record(officer, company)

    assert permit.issued_by_office == officer.staff_assignment.office and permit.recorded_by == officer
    assert permit.position_list() == ["Caregiver", "Perawat Lansia"] and permit.remaining == 10
    assert list(permit.regions.values_list("code", flat=True)) == ["32.76"]
    assert AuditEvent.objects.filter(action="agency.permit_record", object_id=str(permit.pk)).exists()


def test_the_central_admin_records_an_spr_without_an_office(central_admin, company):
    assert record(central_admin, company).issued_by_office is None


@pytest.mark.parametrize("persona", ["owner", "job_seeker", "organiser"])
def test_others_cannot_record_an_spr(request, company, persona):
    with pytest.raises(PermissionDenied):
        record(request.getfixturevalue(persona), company)
    assert not RecruitmentPermit.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"valid_until": TODAY - datetime.timedelta(days=1)}, "dates_invalid"),
        # Called directly (the API, seed_demo), the dates are bounded as the form's VALID_FROM / VALID_UNTIL.
        ({"valid_from": datetime.date(1, 1, 1)}, "date_too_early"),
        ({"valid_until": datetime.date(9999, 12, 31)}, "date_too_late"),
        ({"quota": 0}, "quota_invalid"),
        ({"number": " "}, "number_missing"),
        ({"positions": "\n"}, "positions_missing"),
        ({"regions": []}, "regions_missing"),
    ],
)
def test_permit_record_refuses_invalid_data(officer, company, overrides, code):
    with pytest.raises(ServiceError) as refused:
        record(officer, company, **overrides)
    assert refused.value.code == code
    assert not RecruitmentPermit.objects.exists()
    assert not AuditEvent.objects.filter(action="agency.permit_record").exists()


def test_an_spr_number_is_recorded_once(officer, central_admin, company, other_company):
    record(officer, company)
    with pytest.raises(ServiceError) as refused:
        record(central_admin, other_company, number="spr/001/2026")
    assert refused.value.code == "number_taken"


# --- permit_check ------------------------------------------------------------------------------------------


@pytest.fixture
def spr(company):
    return factories.permit(agency=company, country="Taiwan", positions="Caregiver\nOperator Pabrik", regions=("32",))


def test_a_matching_spr_passes(spr, company):
    depok_village = factories.village()
    services.permit_check(
        permit=spr, agency=company, country="taiwan", position="caregiver", region=Region.objects.get(pk="32.76")
    )
    services.permit_check(permit=spr, agency=company, region=depok_village)  # a village of a covered province


def test_spr_of_another_company(spr, other_company):
    with pytest.raises(ServiceError) as refused:
        services.permit_check(permit=spr, agency=other_company)
    assert refused.value.code == "permit_other_agency"


@pytest.mark.parametrize("on_date", [TODAY - datetime.timedelta(days=2), TODAY + datetime.timedelta(days=181)])
def test_spr_outside_its_validity(spr, company, on_date):
    with pytest.raises(ServiceError) as refused:
        services.permit_check(permit=spr, agency=company, on_date=on_date)
    assert refused.value.code == "permit_expired" and "SPR sudah tidak berlaku" in refused.value.message


def test_spr_expired_today(company):
    expired = factories.permit(
        agency=company, valid_from=TODAY - datetime.timedelta(days=30), valid_until=TODAY - datetime.timedelta(days=1)
    )
    with pytest.raises(ServiceError) as refused:
        services.permit_check(permit=expired, agency=company)
    assert refused.value.code == "permit_expired"


def test_spr_with_its_quota_used_up(company):
    full = factories.permit(agency=company, quota=3, used=3)
    with pytest.raises(ServiceError) as refused:
        services.permit_check(permit=full, agency=company)
    assert refused.value.code == "permit_exhausted" and "Kuota SPR sudah habis" in refused.value.message


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"country": "Hong Kong"}, "permit_country_mismatch"),
        ({"position": "Pengasuh Bayi"}, "permit_position_mismatch"),
        ({"region": "33.01"}, "permit_region_mismatch"),
        ({"region": "3"}, "permit_region_mismatch"),
    ],
)
def test_spr_that_does_not_match(spr, company, kwargs, code):
    if "region" in kwargs:
        kwargs = {"region": Region.objects.filter(pk__startswith=kwargs["region"]).exclude(pk__startswith="32").first()}
    with pytest.raises(ServiceError) as refused:
        services.permit_check(permit=spr, agency=company, **kwargs)
    assert refused.value.code == code


def test_a_regency_spr_covers_its_districts_only(company):
    depok_spr = factories.permit(agency=company, regions=("32.76",))

    services.permit_check(permit=depok_spr, agency=company, region=Region.objects.get(pk="32.76.01"))
    with pytest.raises(ServiceError) as refused:
        services.permit_check(permit=depok_spr, agency=company, region=Region.objects.get(pk="32.71"))
    assert refused.value.code == "permit_region_mismatch"


# --- permit_consume ----------------------------------------------------------------------------------------


def uses(count: int) -> list[SimpleNamespace]:
    """Stand-ins for accepted applications: the permit only records their keys in the audit row."""
    return [SimpleNamespace(pk=1000 + n) for n in range(count)]


def test_permit_consume_takes_one_unit_per_application(company):
    permit = factories.permit(agency=company, quota=2)
    first, second, third = uses(3)

    services.permit_consume(permit=permit, application=first)
    services.permit_consume(permit=permit, application=second)

    permit.refresh_from_db()
    assert permit.used == 2 and permit.remaining == 0
    audit = AuditEvent.objects.filter(action="agency.permit_use").order_by("id")
    assert [event.data["application"] for event in audit] == [first.pk, second.pk]
    with pytest.raises(ServiceError) as exhausted:
        services.permit_consume(permit=permit, application=third)
    assert exhausted.value.code == "permit_exhausted"


def test_permit_consume_refuses_an_expired_spr(company):
    permit = factories.permit(agency=company)
    RecruitmentPermit.objects.filter(pk=permit.pk).update(valid_until=TODAY - datetime.timedelta(days=1))
    with pytest.raises(ServiceError) as expired:
        services.permit_consume(permit=permit, application=uses(1)[0])
    assert expired.value.code == "permit_expired"
    permit.refresh_from_db()
    assert permit.used == 0


def test_an_spr_is_not_recorded_for_a_company_that_is_not_a_p3mi(officer, company):
    type(company).objects.filter(pk=company.pk).update(kind="other", sip2mi_number=None, sip2mi_valid_until=None)
    company.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        record(officer, company)
    assert (refused.value.code, refused.value.field) == ("not_p3mi", "agency")
    assert "SIP2MI yang berlaku" in refused.value.message
    assert not RecruitmentPermit.objects.exists()
