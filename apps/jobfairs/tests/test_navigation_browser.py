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
        (AccountType.JOB_SEEKER, "jobfairs:list", "Job Fair"),
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
