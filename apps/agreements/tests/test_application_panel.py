"""The PP on the CPMI's own pages (the agreements app adds it; vacancies does not import it): from acceptance the
status reads "Menunggu Verifikasi PP" (seed 000), once signed "PP Telah Diverifikasi" with the download."""

import pytest
from django.urls import reverse

from apps.vacancies.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db

WAITING = "Menunggu Verifikasi PP"
SIGNED = "PP Telah Diverifikasi"


def page_of(client, user, name, *args) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_no_pp_panel_before_acceptance(client, job_seeker, application):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.INTERVIEW)
    page = page_of(client, job_seeker, "vacancies:my_application", application.pk)
    assert 'data-testid="agreement"' not in page
    assert WAITING not in page


def test_from_acceptance_the_cpmi_reads_waiting_for_pp_verification(client, job_seeker, application):
    # Accepted, the company has not drafted the PP yet.
    page = page_of(client, job_seeker, "vacancies:my_application", application.pk)
    assert 'data-testid="agreement"' in page
    assert page.count(WAITING) >= 2  # the application's status and the PP panel
    assert ">Diterima<" not in page
    assert "akan menyiapkan" not in page
    assert 'data-testid="agreement-download"' not in page


@pytest.mark.parametrize("pp", ["draft", "submitted"])
def test_while_the_pp_is_drafted_or_checked_the_status_stays_waiting(client, job_seeker, request, pp):
    agreement = request.getfixturevalue(pp)
    for name, args in (("vacancies:my_application", [agreement.application_id]), ("vacancies:my_applications", [])):
        page = page_of(client, job_seeker, name, *args)
        assert WAITING in page
        assert SIGNED not in page
    assert "Draf" not in page_of(client, job_seeker, "dashboards:dashboard_job_seeker")


def test_once_signed_the_cpmi_sees_the_status_the_number_and_the_download(client, job_seeker, signed):
    page = page_of(client, job_seeker, "vacancies:my_application", signed.application_id)
    assert SIGNED in page
    assert WAITING not in page
    assert signed.number in page
    download = reverse("agreements:download", args=[signed.pk])
    assert download in page
    assert client.get(download).status_code == 200

    listing = page_of(client, job_seeker, "vacancies:my_applications")
    assert SIGNED in listing


def test_the_dashboard_card_shows_the_same_words(client, job_seeker, application, signed):
    # `signed` follows `application`: the same CPMI, the same application.
    page = page_of(client, job_seeker, "dashboards:dashboard_job_seeker")
    assert 'data-testid="agreements-card"' in page
    assert SIGNED in page
    assert reverse("agreements:download", args=[signed.pk]) in page


def test_the_dashboard_card_lists_an_accepted_application_without_a_pp_as_waiting(client, job_seeker, application):
    page = page_of(client, job_seeker, "dashboards:dashboard_job_seeker")
    assert 'data-testid="agreements-card"' in page
    assert WAITING in page


def test_the_company_still_reads_accepted(client, company_staff, submitted):
    page = page_of(client, company_staff, "vacancies:company_application", submitted.application_id)
    assert "Diterima" in page
    assert WAITING not in page.split('data-testid="application-status"')[1][:80]
