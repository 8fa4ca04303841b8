"""Accepting an applicant and withdrawing an application ask first, naming the consequence."""

import pytest
from django.urls import reverse

from apps.vacancies import services
from apps.vacancies.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_accepting_asks_first_naming_the_spr_place_it_uses_and_the_answer_accepts(
    client, application, company_staff, spr
):
    services.application_process(application=application, actor=company_staff)
    client.force_login(company_staff)
    url = reverse("vacancies:company_application", args=[application.pk])

    asked = client.post(url, {"action": "accept"})

    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="confirm-page"' in page
    assert f"satu kuota SPR {spr.number}" in page and application.candidate.user.full_name in page
    assert 'name="action" value="accept"' in page and 'name="confirmed" value="1"' in page
    assert f'href="{url}"' in page  # the way back
    application.refresh_from_db()
    spr.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING and spr.used == 0  # nothing happened yet

    answered = client.post(url, {"action": "accept", "confirmed": "1"})

    assert answered.status_code == 302
    application.refresh_from_db()
    spr.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED and spr.used == 1


def test_the_accept_button_carries_the_consequence_for_the_dialog(client, application, company_staff, spr):
    services.application_process(application=application, actor=company_staff)
    client.force_login(company_staff)

    page = client.get(reverse("vacancies:company_application", args=[application.pk])).content.decode()

    assert f'data-confirm="Menerima pelamar ini memakai satu kuota SPR {spr.number}.' in page


def test_withdrawing_asks_first_and_only_the_answer_withdraws(client, application, cpmi):
    client.force_login(cpmi.user)
    url = reverse("vacancies:withdraw", args=[application.pk])

    asked = client.post(url)

    page = asked.content.decode()
    assert asked.status_code == 200 and "tidak dapat diurungkan" in page
    assert "Ya, batalkan lamaran" in page
    assert f'href="{reverse("vacancies:my_application", args=[application.pk])}"' in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT

    client.post(url, {"confirmed": "1"})

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
