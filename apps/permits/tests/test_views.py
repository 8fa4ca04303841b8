"""The SPR pages: who may open each one, and recording an SPR through the form."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.permits.models import RecruitmentPermit
from testing import factories

OFFICE_PAGE, ADMIN_PAGE, COMPANY_PAGE = "permits:office_permits", "permits:admin_permits", "permits:permits"


def get(client, user, name, *args):
    client.force_login(user)
    return client.get(reverse(name, args=args))


@pytest.mark.parametrize("name", [COMPANY_PAGE, OFFICE_PAGE, ADMIN_PAGE])
def test_anonymous_visitors_are_sent_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["job_seeker", "officer", "central_admin", "agency_staff"])
def test_the_company_page_is_forbidden_to_others(db, client, request, persona):
    # agency_staff: a company account that belongs to no team
    assert get(client, request.getfixturevalue(persona), COMPANY_PAGE).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "office_head"])
def test_the_office_page_opens_for_office_staff(db, client, request, persona):
    assert get(client, request.getfixturevalue(persona), OFFICE_PAGE).status_code == 200


@pytest.mark.parametrize("persona", ["owner", "job_seeker", "central_admin"])
def test_the_office_page_is_forbidden_to_others(db, client, request, persona):
    assert get(client, request.getfixturevalue(persona), OFFICE_PAGE).status_code == 403


def test_the_admin_page_opens_for_the_central_admin_only(client, central_admin, officer, owner):
    assert get(client, central_admin, ADMIN_PAGE).status_code == 200
    assert get(client, officer, ADMIN_PAGE).status_code == 403
    assert get(client, owner, ADMIN_PAGE).status_code == 403


def test_the_spr_page_shows_only_the_companys_own_permits(client, company, owner, other_company):
    factories.permit(agency=company, number="SPR/MILIK/1", quota=5, used=2)
    factories.permit(agency=other_company, number="SPR/LAIN/1")
    page = get(client, owner, "permits:permits").content.decode()
    assert "SPR/MILIK/1" in page and "3 / 5" in page and "SPR/LAIN/1" not in page


def permit_data(company, **overrides):
    today = timezone.localdate()
    data = {
        "agency": company.pk,
        "number": "SPR/DEPOK/1",
        "country": "Taiwan",
        "positions": "Caregiver",
        "regions": ["32.76"],
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
        "quota": "5",
    }
    data.update(overrides)
    return data


def test_an_office_records_an_spr_and_sees_only_its_own(client, officer, other_office_officer, company):
    client.force_login(officer)
    assert client.post(reverse("permits:office_permits"), permit_data(company)).status_code == 302
    permit = RecruitmentPermit.objects.get()
    assert permit.issued_by_office == officer.staff_assignment.office
    assert "SPR/DEPOK/1" in client.get(reverse("permits:office_permits")).content.decode()
    assert "SPR/DEPOK/1" not in get(client, other_office_officer, "permits:office_permits").content.decode()


def test_a_refused_spr_shows_the_message_beside_the_field(client, officer, company):
    client.force_login(officer)
    today = timezone.localdate()
    response = client.post(
        reverse("permits:office_permits"),
        permit_data(company, valid_until=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200 and 'id="valid_until-error"' in response.content.decode()
    assert not RecruitmentPermit.objects.exists()


def test_the_central_admin_records_an_spr(client, central_admin, company):
    client.force_login(central_admin)
    assert client.post(reverse("permits:admin_permits"), permit_data(company)).status_code == 302
    assert RecruitmentPermit.objects.get().issued_by_office is None


def test_the_spr_form_offers_countries_and_a_searchable_region_list(client, officer, company):
    client.force_login(officer)
    page = client.get(reverse("permits:office_permits")).content.decode()
    assert '<select name="country"' in page and '<option value="TW">Taiwan</option>' in page
    assert "data-option-filter" in page and "js/option-filter" in page  # the search box over the regions
    assert client.post(reverse("permits:office_permits"), permit_data(company, country="TW")).status_code == 302
    assert RecruitmentPermit.objects.get().country == "TW"


def test_an_spr_sent_with_a_country_name_is_stored_as_its_code(client, central_admin, company):
    client.force_login(central_admin)
    assert client.post(reverse("permits:admin_permits"), permit_data(company, country="taiwan")).status_code == 302
    assert RecruitmentPermit.objects.get().country == "TW"
