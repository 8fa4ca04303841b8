"""In a real browser at 360 px: the organiser completes the profile (region picker), creates a fair in WITA and
submits it; the central admin verifies it; the organiser publishes it and it is on the home page."""

import pytest

from apps.accounts.models import AccountType
from apps.jobfairs.models import FairStatus, JobFair
from testing import factories
from testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_organiser_to_admin_to_home_page(new_page):
    organiser = factories.user(account_type=AccountType.JOBFAIR_ORGANISER, full_name="Gita Penyelenggara")
    admin = factories.user(account_type=AccountType.CENTRAL_ADMIN, full_name="Hadi Admin", is_staff=True)

    page = new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, organiser)
    page.click("[data-testid=complete-profile]")
    page.fill("#id_institution", "Universitas Hasanuddin")
    page.select_option("#id_kind", "education")
    page.fill("#id_address", "Jl. Perintis Kemerdekaan Km. 10")
    page.select_option("#id_address_province", "32")
    page.wait_for_selector("#id_address_regency option[value='32.76']", state="attached")
    page.select_option("#id_address_regency", "32.76")
    page.fill("#id_phone", "0411586200")
    page.fill("#id_email", "karier@unhas.ac.id")
    page.click("main button[type=submit]")
    page.wait_for_url("**/penyelenggara/job-fair/")

    page.click("[data-testid=fair-create]")
    page.fill("#id_name", "Job Fair Unhas")
    page.fill("#id_description", "Bursa kerja kampus.")
    page.select_option("#id_time_zone", "Asia/Makassar")
    page.fill("#id_starts_at", "2027-03-01T09:00")
    page.fill("#id_ends_at", "2027-03-01T16:00")
    page.check("#id_mode_1")
    page.fill("#id_venue", "Baruga Andi Pangerang Pettarani")
    page.click("main button[type=submit]")
    page.wait_for_selector("[data-testid=fair-submit]")
    assert "16:00 WITA" in page.inner_text("main")
    page.click("[data-testid=fair-submit]")
    page.wait_for_selector("text=Menunggu verifikasi admin pusat.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    admin_page = new_page(width=1280)
    log_in(admin_page, admin)
    admin_page.click("[data-testid=fairs-to-verify] a >> text=Job Fair Unhas")
    admin_page.click("[data-testid=fair-verify]")
    admin_page.wait_for_selector("text=Job fair terverifikasi.")

    page.reload()
    page.click("[data-testid=fair-publish]")
    page.wait_for_selector("text=Job fair diterbitkan")
    assert JobFair.objects.get(name="Job Fair Unhas").status == FairStatus.PUBLISHED
    page.goto("/")
    assert "Job Fair Unhas" in page.inner_text("[data-testid=home-fairs]")
    assert page.evaluate("window.cspViolations") == []
