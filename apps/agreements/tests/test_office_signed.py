"""The office's list of the PPs it signed: search, filters, pages; only its own PPs; a fixed number of queries."""

import pytest
from django.urls import reverse

from apps.agreements import services
from apps.agreements.tests import builders
from testing import factories

pytestmark = pytest.mark.django_db
URL = reverse("agreements:office_signed")


def sign_one(company, staff, head, *, name):
    cpmi = builders.candidate(factories.user(full_name=name))
    application = builders.accepted_application(company, cpmi)
    draft = services.agreement_create_draft(application=application, actor=staff)
    submitted = services.agreement_submit(agreement=draft, actor=staff)
    return services.agreement_sign(agreement=submitted, actor=head)


def test_the_office_finds_and_opens_a_pp_it_signed(client, signed, submitted, officer):
    client.force_login(officer)
    page = client.get(URL).content.decode()

    assert signed.number in page
    assert signed.candidate.user.full_name in page
    assert reverse("agreements:review", args=[signed.pk]) in page
    assert client.get(reverse("agreements:review", args=[signed.pk])).status_code == 200


def test_a_pp_waiting_for_signature_is_not_listed_as_signed(client, submitted, officer):
    client.force_login(officer)
    page = client.get(URL).content.decode()

    assert 'data-testid="pp-signed-empty"' in page
    assert submitted.candidate.user.full_name not in page


def test_search_and_filters_narrow_the_list(client, company, company_staff, office_head, officer, signed):
    other = sign_one(company, company_staff, office_head, name="Rina Wulandari")
    client.force_login(officer)

    by_name = client.get(URL, {"q": "rina"}).content.decode()
    assert other.number in by_name and signed.number not in by_name
    by_number = client.get(URL, {"q": signed.number}).content.decode()
    assert signed.number in by_number and other.number not in by_number
    this_year = client.get(URL, {"tahun": signed.signed_at.year, "perusahaan": company.pk}).content.decode()
    assert signed.number in this_year and other.number in this_year
    nothing = client.get(URL, {"tahun": 1999}).content.decode()
    assert "Tidak ada PP yang cocok" in nothing


def test_another_office_does_not_see_these_pps(client, signed, other_office_officer):
    client.force_login(other_office_officer)
    page = client.get(URL).content.decode()

    assert signed.number not in page


def test_the_list_is_paged_and_its_queries_do_not_grow_with_rows(
    client, company, company_staff, office_head, officer, django_assert_max_num_queries, settings
):
    for n in range(4):
        sign_one(company, company_staff, office_head, name=f"CPMI Nomor {n}")
    client.force_login(officer)

    with django_assert_max_num_queries(12):
        page = client.get(URL).content.decode()
    assert page.count('data-testid="pp-signed-row"') == 4


def test_a_second_page_exists_beyond_twenty_five(client, company, company_staff, office_head, officer, monkeypatch):
    from apps.agreements import views

    monkeypatch.setattr(views, "SIGNED_PAGE_SIZE", 2)
    for n in range(3):
        sign_one(company, company_staff, office_head, name=f"CPMI Halaman {n}")
    client.force_login(officer)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"halaman": 2}).content.decode()
    assert first.count('data-testid="pp-signed-row"') == 2
    assert second.count('data-testid="pp-signed-row"') == 1
    assert "Halaman 1 dari 2" in first
