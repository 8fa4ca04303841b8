"""The PP panel on the CPMI's own application page (the agreements app adds it; vacancies does not import it)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_application_page_shows_no_pp_panel_before_a_draft(client, job_seeker, application):
    client.force_login(job_seeker)
    page = client.get(reverse("vacancies:my_application", args=[application.pk])).content.decode()
    assert 'data-testid="agreement"' not in page


def test_the_application_page_shows_the_pp_and_its_status(client, job_seeker, submitted):
    client.force_login(job_seeker)
    page = client.get(reverse("vacancies:my_application", args=[submitted.application_id])).content.decode()
    assert 'data-testid="agreement"' in page
    assert str(submitted.get_status_display()) in page
