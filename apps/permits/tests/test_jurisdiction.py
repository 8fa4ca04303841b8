"""An SPR's regions and quota are the issuing office's to set: the office is the recorder's own, its regions lie
within that office's jurisdiction, and its quota is a positive number within a sane bound."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.permits import services
from apps.permits.models import RecruitmentPermit
from apps.regions.models import Region
from testing import factories

TODAY = timezone.localdate()


def record(actor, agency, regions=("32.76",), **overrides):
    values = {
        "number": "SPR/JUR/1",
        "country": "Taiwan",
        "positions": "Caregiver",
        "regions": [Region.objects.get(pk=code) for code in regions],
        "valid_from": TODAY,
        "valid_until": TODAY + datetime.timedelta(days=90),
        "quota": 10,
    }
    values.update(overrides)
    return services.permit_record(actor=actor, agency=agency, **values)


def refused(code, call):
    with pytest.raises(ServiceError) as refusal:
        call()
    assert refusal.value.code == code
    assert not RecruitmentPermit.objects.exists()
    assert not AuditEvent.objects.filter(action="agency.permit_record").exists()
    return refusal.value


@pytest.fixture
def west_java_officer(db):
    """An officer of the Jawa Barat provincial office."""
    return factories.staff(regency_code="32", full_name="Gita Provinsi")


# --- who records, and for which office ---------------------------------------------------------------------


@pytest.mark.parametrize("position", ["officer", "division_head", "secretary", "office_head"])
def test_each_position_of_the_office_records_its_own_spr_with_an_audit_row(company, position):
    staff = factories.staff(position=position)
    permit = record(staff, company)

    depok = staff.staff_assignment.office
    assert permit.issued_by_office == depok and permit.recorded_by == staff
    event = AuditEvent.objects.get(action="agency.permit_record", object_id=str(permit.pk))
    assert event.actor == staff
    assert event.data == {"agency": company.pk, "office": depok.pk, "quota": 10, "regions": ["32.76"]}


def test_an_office_cannot_record_for_another_offices_regency(other_office_officer, company):
    # Given Dedi of the Kota Bogor office, when he records an SPR for Kota Depok, then it is refused
    error = refused("region_outside_jurisdiction", lambda: record(other_office_officer, company, regions=("32.76",)))
    assert error.field == "regions" and "Kota Depok" in error.message


def test_a_regency_office_cannot_record_for_its_whole_province_or_another_province(officer, company):
    refused("region_outside_jurisdiction", lambda: record(officer, company, regions=("32",)))
    refused("region_outside_jurisdiction", lambda: record(officer, company, regions=("32.76", "33.01")))


def test_a_provincial_office_records_for_its_province_and_its_regencies(west_java_officer, company):
    permit = record(west_java_officer, company, regions=("32", "32.71", "32.76"))
    assert sorted(permit.regions.values_list("code", flat=True)) == ["32", "32.71", "32.76"]


def test_a_provincial_office_cannot_record_for_another_province(west_java_officer, company):
    refused("region_outside_jurisdiction", lambda: record(west_java_officer, company, regions=("33.01",)))


def test_the_central_admin_records_for_any_region_without_an_office(central_admin, company):
    permit = record(central_admin, company, regions=("11", "32.76"))
    assert permit.issued_by_office is None


# --- the quota ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quota", "code"),
    [
        (0, "quota_invalid"),
        (-5, "quota_invalid"),
        (None, "quota_invalid"),
        (True, "quota_invalid"),
        (services.PERMIT_QUOTA_MAX + 1, "quota_too_large"),
        (10**9, "quota_too_large"),
    ],
)
def test_a_quota_must_be_positive_and_within_the_bound(officer, company, quota, code):
    error = refused(code, lambda: record(officer, company, quota=quota))
    assert error.field == "quota"


def test_the_largest_quota_allowed_is_recorded(officer, company):
    assert record(officer, company, quota=services.PERMIT_QUOTA_MAX).quota == services.PERMIT_QUOTA_MAX


# --- the page ----------------------------------------------------------------------------------------------


def test_the_office_page_offers_only_regions_within_its_jurisdiction(client, officer):
    client.force_login(officer)
    offered = client.get(reverse("permits:office_permits")).context["form"].fields["regions"].queryset
    assert list(offered.values_list("code", flat=True)) == ["32.76"]


def test_the_office_is_the_recorders_own_whatever_the_form_says(client, other_office_officer, officer, company):
    # Given Dedi of Kota Bogor posting an SPR for Kota Bogor with another office named in the request
    client.force_login(other_office_officer)
    depok = officer.staff_assignment.office
    response = client.post(
        reverse("permits:office_permits"),
        {
            "agency": company.pk,
            "number": "SPR/BOGOR/1",
            "country": "Taiwan",
            "positions": "Caregiver",
            "regions": ["32.71"],
            "valid_from": TODAY.isoformat(),
            "valid_until": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "quota": "5",
            "issued_by_office": depok.pk,
            "office": depok.pk,
        },
    )
    # Then the SPR is Kota Bogor's
    assert response.status_code == 302
    assert RecruitmentPermit.objects.get().issued_by_office == other_office_officer.staff_assignment.office


def test_posting_a_region_outside_the_jurisdiction_is_refused_beside_the_field(client, other_office_officer, company):
    client.force_login(other_office_officer)
    response = client.post(
        reverse("permits:office_permits"),
        {
            "agency": company.pk,
            "number": "SPR/BOGOR/2",
            "country": "Taiwan",
            "positions": "Caregiver",
            "regions": ["32.76"],
            "valid_from": TODAY.isoformat(),
            "valid_until": (TODAY + datetime.timedelta(days=30)).isoformat(),
            "quota": "5",
        },
    )
    assert response.status_code == 200 and "regions" in response.context["form"].errors
    assert not RecruitmentPermit.objects.exists()
