import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

DASHBOARDS = {
    "job_seeker": "dashboards:dashboard_job_seeker",
    "officer": "dashboards:dashboard_office",
    "office_head": "dashboards:dashboard_office",
    "agency_staff": "dashboards:dashboard_agency",
    "organiser": "dashboards:dashboard_organiser",
    "central_admin": "dashboards:dashboard_central_admin",
}


@pytest.mark.parametrize("persona", DASHBOARDS)
def test_each_role_lands_on_its_own_dashboard(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("dashboards:dashboard"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse(DASHBOARDS[persona])


@pytest.mark.parametrize("persona", DASHBOARDS)
@pytest.mark.parametrize("url_name", sorted(set(DASHBOARDS.values())))
def test_other_roles_get_403_on_a_dashboard(client, request, persona, url_name):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(url_name))
    expected = 200 if DASHBOARDS[persona] == url_name else 403
    assert response.status_code == expected


@pytest.mark.parametrize("url_name", sorted(set(DASHBOARDS.values())))
def test_anonymous_visitors_are_sent_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_office_dashboard_names_the_office_and_its_staff(client, officer, office_head):
    client.force_login(officer)
    page = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert "Dinas Tenaga Kerja Kota Depok" in page
    assert "Eko Kadis" in page


def test_the_job_seeker_dashboard_shows_profile_completeness(client, job_seeker):
    client.force_login(job_seeker)
    page = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert 'data-testid="profile-percent">0%' in page
    assert "Lengkapi Profil" in page


def test_the_office_dashboard_leads_to_unlocking_a_nik(client, officer):
    client.force_login(officer)
    page = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert f'href="{reverse("accounts:nik_unlock")}"' in page
