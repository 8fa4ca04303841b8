"""In a real browser: office staff and companies find "Layanan dinas" in the menu, behind the menu button on a
phone and on one line with their other entries (and the language choice and "Keluar") on wider screens."""

import pytest
from django.urls import reverse

from testing import factories
from testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAV_ONE_LINE = "document.querySelector('nav.navbar').offsetHeight"


@pytest.mark.parametrize(
    "make_user, target",
    [
        (lambda: factories.staff(position="officer", full_name="Citra Petugas"), "officeservices:office_queue"),
        (
            lambda: factories.agency_member(agency=factories.agency(), full_name="Fajar P3MI"),
            "officeservices:company_requests",
        ),
    ],
    ids=["office-staff", "company"],
)
def test_the_services_entry_is_in_the_menu_at_every_width(new_page, make_user, target):
    user = make_user()
    heights = {}
    for width in (360, 768, 992, 1200, 1280):
        page = new_page(width=width)
        log_in(page, user)
        entry = page.locator(f"nav.navbar a.nav-link[href='{reverse(target)}']")
        heights[width] = page.evaluate(NAV_ONE_LINE)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if page.locator(".navbar-toggler").is_visible():  # the menu opens from its button
            assert not entry.is_visible()
            page.click(".navbar-toggler")
        entry.wait_for(state="visible")
        assert entry.inner_text() == "Layanan dinas"
        entry.click()
        page.wait_for_url(f"**{reverse(target)}")
    # Collapsed or expanded, the closed bar stays one line high: no entry or button wraps under another.
    assert len(set(heights.values())) == 1, heights


def test_a_job_seekers_bar_stays_inside_a_tablet_screen(new_page):
    user = factories.user(full_name="Ani Lestari")
    for width in (768, 992):
        page = new_page(width=width)
        log_in(page, user)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate(NAV_ONE_LINE) < 70
