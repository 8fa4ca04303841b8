"""The local outbox at 360 px: a long address, subject or link wraps inside its card; the page says it exists
for development and the demo only. Set SIPMI_SCREENSHOTS=<folder> to save it at 360 and 1280 px."""

import pytest

from apps.messaging.services import email_queue
from testing import factories
from testing.browser import log_in, shoot
from testing.outbox import deliver_queued

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_LINK = (
    "https://sipmi.example.go.id/perusahaan/undangan/TokenPanjangTanpaTempatPemutusan0123456789abcdefghijklmnop/"
)


def test_long_links_wrap_inside_the_outbox_cards_on_a_phone(new_page):
    admin = factories.user(account_type="central_admin", full_name="Hadi Admin", is_staff=True)
    email_queue(
        to="kepala.bidang.penempatan.tenaga.kerja.luar.negeri@disnaker-kabupaten-bogor.go.id",
        subject=f"SIPMI: {LONG_LINK}",
        body=f"Buka {LONG_LINK} sekarang.",
    )
    deliver_queued()
    page = new_page(width=360)
    log_in(page, admin)
    page.goto("/admin-pusat/kotak-keluar/")
    assert page.get_by_test_id("local-outbox-notice").is_visible()
    card = page.get_by_test_id("outbox-message").first
    assert LONG_LINK in card.inner_text().replace("\n", "")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert card.evaluate("e => e.scrollWidth <= e.clientWidth")
    shoot(page, "outbox-long-links")
