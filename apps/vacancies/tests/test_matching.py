"""Certificate matching: every required line must be one of the CPMI's current competency certificates."""

import pytest
from django.utils import timezone

from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.vacancies import selectors
from apps.vacancies.tests.builders import make_vacancy, verified_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidate(job_seeker, officer):
    """Holds "Perawat lansia" (from the builder), "Bahasa Mandarin" and "Pertolongan Pertama"."""
    return verified_candidate(job_seeker, officer, schemes=("Bahasa Mandarin", "Pertolongan  Pertama"))


def missing(candidate, staff, spr, required):
    return selectors.missing_certificates(candidate, make_vacancy(staff, spr, required_certificates=required))


def test_all_required_certificates_held(candidate, company_staff, spr):
    assert missing(candidate, company_staff, spr, "Perawat lansia\nBahasa Mandarin") == []


def test_missing_certificates_are_listed_as_written(candidate, company_staff, spr):
    assert missing(candidate, company_staff, spr, "Perawat lansia\nJuru Masak\nOperator Forklift") == [
        "Juru Masak",
        "Operator Forklift",
    ]


def test_matching_ignores_case_and_extra_spaces(candidate, company_staff, spr):
    required = "  PERAWAT   LANSIA \nbahasa mandarin\npertolongan pertama"
    assert missing(candidate, company_staff, spr, required) == []


def test_a_part_of_a_scheme_is_not_a_match(candidate, company_staff, spr):
    assert missing(candidate, company_staff, spr, "Perawat") == ["Perawat"]


def test_replaced_or_withdrawn_certificates_do_not_count(candidate, company_staff, spr):
    CpmiDocument.objects.filter(
        registration=candidate.registration,
        kind=DocumentKind.COMPETENCY_CERTIFICATE,
        certificate_scheme="Bahasa Mandarin",
    ).update(withdrawn_at=timezone.now())
    assert missing(candidate, company_staff, spr, "Bahasa Mandarin") == ["Bahasa Mandarin"]


def test_the_detail_page_explains_what_is_missing_instead_of_the_button(client, candidate, company_staff, spr):
    vacancy = make_vacancy(company_staff, spr, required_certificates="Perawat lansia\nJuru Masak")
    client.force_login(candidate.user)
    response = client.get(f"/lowongan/{vacancy.pk}/")
    html = response.content.decode()
    assert response.context["state"] == "missing"
    assert 'data-testid="missing-certificates"' in html
    assert "Juru Masak" in html
    assert 'data-testid="apply-button"' not in html


def test_a_matching_cpmi_sees_the_apply_button(client, candidate, company_staff, spr):
    vacancy = make_vacancy(company_staff, spr, required_certificates="bahasa  MANDARIN")
    client.force_login(candidate.user)
    response = client.get(f"/lowongan/{vacancy.pk}/")
    assert 'data-testid="apply-button"' in response.content.decode()
