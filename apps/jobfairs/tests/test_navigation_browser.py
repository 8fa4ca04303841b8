"""In a real browser: the job-fair entries keep the menu bar on one line inside tablet and desktop screens."""

import pytest
from django.urls import reverse

from apps.accounts.models import AccountType
from testing import factories
from testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("account_type", "target", "label"),
    [
        (AccountType.JOBFAIR_ORGANISER, "jobfairs:organiser_fairs", "Job fair saya"),
        (AccountType.CENTRAL_ADMIN, "jobfairs:admin_queue", "Verifikasi job fair"),
        (AccountType.JOB_SEEKER, "jobfairs:list", "Job fair"),
    ],
)
def test_the_job_fair_entry_fits_the_menu(new_page, account_type, target, label):
    user = factories.user(account_type=account_type, full_name="Gita")
    for width in (768, 992, 1280):
        page = new_page(width=width)
        log_in(page, user)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate("document.querySelector('nav.navbar').offsetHeight") < 70
        entry = page.locator(f"nav.navbar a.nav-link[href='{reverse(target)}']")
        assert entry.inner_text() == label


@pytest.mark.parametrize("who", ["company_owner", "officer", "job_seeker"])
def test_the_bell_never_covers_the_logout_button(new_page, who):
    """The roles with the longest menus: wherever the menu is expanded, the bell sits beside "Keluar", inside the
    screen, not on top of it."""
    user = {
        "company_owner": lambda: factories.agency_member(role="owner", full_name="Fajar"),
        "officer": lambda: factories.staff(full_name="Citra"),
        "job_seeker": lambda: factories.user(full_name="Ani"),
    }[who]()
    for width in (1280, 1440):
        page = new_page(width=width)
        log_in(page, user)
        bell = page.locator("[data-testid=notification-bell]").bounding_box()
        logout = page.get_by_role("button", name="Keluar")
        if not logout.is_visible():
            continue  # the menu is collapsed at this width: "Keluar" is inside it
        button = logout.bounding_box()
        assert bell["x"] >= button["x"] + button["width"] or bell["x"] + bell["width"] <= button["x"]
        assert bell["x"] + bell["width"] <= width
