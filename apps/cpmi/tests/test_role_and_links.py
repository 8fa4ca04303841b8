"""No dead ends: the finished profile leads to the CPMI form, and a verified CPMI is called "CPMI"."""

import pytest
from django.urls import reverse

from apps.cpmi import services
from apps.cpmi.tests.builders import filled_registration, review_all

pytestmark = pytest.mark.django_db


def test_the_finished_profile_links_to_the_cpmi_form(client, applicant):
    client.force_login(applicant)
    html = client.get(reverse("profiles:overview")).content.decode()

    assert 'data-testid="register-cpmi"' in html
    assert "Daftar sebagai CPMI" in html
    assert reverse("cpmi:form") in html


def test_once_registered_the_profile_links_to_the_cpmi_status(client, applicant):
    filled_registration(applicant)
    client.force_login(applicant)
    html = client.get(reverse("profiles:overview")).content.decode()

    assert "Daftar sebagai CPMI" not in html
    assert "Lihat status CPMI" in html


def test_an_unfinished_profile_does_not_offer_the_cpmi_form(client, job_seeker):
    client.force_login(job_seeker)
    html = client.get(reverse("profiles:overview")).content.decode()

    assert 'data-testid="register-cpmi"' not in html


def test_a_job_seeker_is_a_job_seeker_until_verified_then_a_cpmi(client, applicant, officer):
    client.force_login(applicant)
    before = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert '<span data-testid="role-label">Pencari kerja</span>' in before

    registration = services.registration_submit(registration=filled_registration(applicant), actor=applicant)
    review_all(registration, officer)
    services.registration_verify(registration=registration, actor=officer)

    after = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert '<span data-testid="role-label">CPMI</span>' in after
    assert "Pencari kerja" not in after
    menu = client.get(reverse("profiles:overview")).content.decode()
    assert "· CPMI</span>" in menu
