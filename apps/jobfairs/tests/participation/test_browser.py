"""In a real browser at phone width: a company asks to join a fair, the organiser accepts it from the fair's
page, the company publishes its vacancy there and writes a question of its stand's FAQ."""

import pytest
from django.urls import reverse

from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_company_joins_is_accepted_publishes_and_writes_its_faq(new_page, fair, owner, organiser, vacancy):
    company = new_page()
    log_in(company, owner)
    company.goto(reverse("jobfairs:company_fairs"))
    company.click(f"text={fair.name}")
    company.click("[data-testid=participation-request]")
    assert company.locator("[data-testid=participation-status]").inner_text() == "Menunggu persetujuan"

    host = new_page(width=1280)
    log_in(host, organiser)
    host.goto(reverse("jobfairs:fair_manage", args=[fair.pk]))
    assert owner_company_name(owner) in host.locator("[data-testid=participation-requests]").inner_text()
    host.click("[data-testid=participation-accept]")
    assert host.locator("[data-testid=companies-quota]").inner_text() == "1 dari 2 perusahaan diterima"

    company.reload()
    assert company.locator("[data-testid=participation-status]").inner_text() == "Diterima"
    company.select_option("#id_vacancy", str(vacancy.pk))
    company.click("[data-testid=fair-vacancy-add]")
    assert "Caregiver" in company.locator("[data-testid=fair-vacancies]").inner_text()
    company.fill("#id_question", "Apakah ada biaya penempatan?")
    company.fill("#id_answer", "Tidak ada biaya.")
    company.click("[data-testid=faq-add]")
    assert "Apakah ada biaya penempatan?" in company.locator("[data-testid=faqs]").inner_text()
    assert company.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(company, "jobfair-company-fair")


def owner_company_name(user) -> str:
    from apps.agencies.selectors import agency_of

    return agency_of(user).name
