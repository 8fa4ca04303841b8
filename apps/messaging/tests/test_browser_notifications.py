"""A notice written for a signed-in user shows in the bell without a reload (htmx polls it every minute), is
listed on the notifications page, and opening it leads to its page and clears the badge. Set
SIPMI_SCREENSHOTS=<folder> to save the pages at 360 and 1280 px."""

import re

import pytest

from apps.messaging.models import Notification
from apps.messaging.notices import Notice
from apps.messaging.services import notify_user
from testing import factories
from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_new_notice_shows_in_the_bell_and_on_the_page(new_page, width):
    seeker = factories.user(full_name="Ani Lestari")
    notify_user(
        user=seeker, notice=Notice(title="Selamat datang", body="Akun Anda aktif.")(), url="", sms=False, email=False
    )
    page = new_page(width=width)
    page.clock.install()  # the test moves the clock on instead of waiting a minute for the poll
    log_in(page, seeker)

    # The bell is in the top bar, visible without opening the collapsed menu on a phone.
    bell = page.get_by_role("link", name="1 notifikasi belum dibaca")
    assert bell.is_visible()
    assert page.get_by_test_id("notification-count").inner_text() == "1"

    # A notice written while the page is open shows at the next poll, without a reload.
    notify_user(
        user=seeker,
        notice=Notice(title="Lamaran Anda diproses", body="PT Maju Jaya sedang memproses lamaran Anda.")(),
        url="/profil/",
        sms=False,
        email=False,
    )
    page.clock.fast_forward("01:05")
    page.get_by_role("link", name="2 notifikasi belum dibaca").wait_for()
    assert page.get_by_test_id("notification-count").inner_text() == "2"
    shoot(page, "notifications-01-bell")

    # The page lists both, newest first, unread highlighted.
    page.get_by_role("link", name="2 notifikasi belum dibaca").click()
    page.wait_for_url("**/notifikasi/")
    items = page.get_by_test_id("notification")
    assert items.count() == 2
    assert "Lamaran Anda diproses" in items.nth(0).inner_text()
    assert page.locator(".notification-unread").count() == 2
    shoot(page, "notifications-02-page")

    # Opening the newest marks it read and follows its link.
    page.get_by_role("button", name=re.compile(r"^Buka\s*:\s*Lamaran Anda diproses$")).click()
    page.wait_for_url("**/profil/")
    assert page.get_by_test_id("notification-count").inner_text() == "1"
    assert Notification.objects.filter(user=seeker, read_at__isnull=True).count() == 1

    # "Mark all as read" clears the badge.
    page.get_by_role("link", name="1 notifikasi belum dibaca").click()
    page.get_by_role("button", name="Tandai semua sudah dibaca").click()
    page.get_by_text("Semua notifikasi ditandai sudah dibaca.").wait_for()
    assert page.get_by_role("link", name="Notifikasi, tidak ada yang belum dibaca").is_visible()
    assert page.get_by_test_id("notification-count").count() == 0
    assert page.locator(".notification-unread").count() == 0
    shoot(page, "notifications-03-all-read")


NAV_HEIGHT = "document.querySelector('nav.navbar').offsetHeight"


@pytest.mark.parametrize(
    "make_user",
    [
        lambda: factories.staff(position="officer", full_name="Citra Petugas"),
        lambda: factories.agency_member(agency=factories.agency(), full_name="Fajar P3MI"),
        lambda: factories.user(full_name="Ani Lestari"),
        lambda: factories.user(account_type="jobfair_organiser", full_name="Gita Penyelenggara"),
        lambda: factories.user(account_type="central_admin", full_name="Hadi Admin", is_staff=True),
    ],
    ids=["office-staff", "company", "job-seeker", "organiser", "central-admin"],
)
def test_the_bell_with_its_widest_badge_keeps_every_bar_on_one_line(new_page, make_user):
    user = make_user()
    Notification.objects.bulk_create(Notification(user=user, title="Pemberitahuan", body="Isi.") for _ in range(120))
    heights = {}
    for width in (360, 768, 992, 1200, 1280, 1400):
        page = new_page(width=width)
        log_in(page, user)
        bell = page.get_by_role("link", name="120 notifikasi belum dibaca")
        assert bell.is_visible()  # in the top bar, folded menu or not
        assert page.get_by_test_id("notification-count").inner_text() == "99+"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        heights[width] = page.evaluate(NAV_HEIGHT)
    assert len(set(heights.values())) == 1, heights
