"""Error pages in production mode (DEBUG off): Indonesian, in the site's layout, with a way back."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_mode(settings):
    settings.DEBUG = False


def assert_error_page(response, status, heading):
    page = response.content.decode()
    assert response.status_code == status
    assert 'data-testid="error-page"' in page, page[:500]
    assert heading in page
    # the site's layout: the menu bar, the skip link and the footer
    assert "navbar-brand" in page and "Lewati ke isi" in page and "<footer" in page
    # and a way back
    assert f'href="{reverse("core:home")}"' in page and "Ke beranda" in page
    assert "Forbidden" not in page and "Not Found" not in page and "Server Error" not in page
    return page


def test_a_job_seeker_opening_an_officer_page_reads_an_indonesian_403_with_a_way_to_the_dashboard(client, job_seeker):
    client.force_login(job_seeker)

    response = client.get(reverse("cpmi:queue"))

    page = assert_error_page(response, 403, "Akses ditolak")
    assert "Halaman ini tidak untuk akun Anda." in page
    assert f'href="{reverse("dashboards:dashboard")}"' in page


def test_an_unknown_address_reads_an_indonesian_404(client):
    response = client.get("/tidak-ada-halaman-ini/")

    assert_error_page(response, 404, "Halaman tidak ditemukan")


def test_a_failing_page_reads_an_indonesian_500_that_needs_no_database(settings, django_assert_num_queries):
    settings.ROOT_URLCONF = "apps.core.tests.error_urls"
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get("/rusak/")

    page = assert_error_page(response, 500, "Terjadi kesalahan pada server")
    assert "sudah tercatat" in page


def test_a_form_sent_without_its_csrf_token_reads_an_indonesian_page_with_a_way_back(job_seeker, password):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"identifier": job_seeker.email, "password": password})

    page = assert_error_page(response, 403, "Formulir kedaluwarsa")
    assert "kirim ulang" in page


def test_a_wrong_pp_verification_code_reads_document_not_found_or_not_valid_in_the_layout(client):
    response = client.get(reverse("agreements:verify", args=[uuid.uuid4()]))

    page = response.content.decode()
    assert response.status_code == 404
    assert "DOKUMEN TIDAK DITEMUKAN / TIDAK SAH" in page
    assert "navbar-brand" in page and f'href="{reverse("core:home")}"' in page
    assert response["X-Robots-Tag"] == "noindex"


def test_a_wrong_document_verification_code_reads_document_not_found_or_not_valid_in_the_layout(client):
    response = client.get(reverse("documents:verify", args=["KODE-PALSU-123"]))

    page = response.content.decode()
    assert response.status_code == 404
    assert "DOKUMEN TIDAK DITEMUKAN / TIDAK SAH" in page
    assert "navbar-brand" in page


def test_an_address_with_a_control_character_reads_an_indonesian_400(client):
    response = client.get("/verifikasi/dokumen/ABC%00/")

    page = assert_error_page(response, 400, "Permintaan tidak dapat dibaca")
    assert "karakter yang tidak dapat diproses" in page
