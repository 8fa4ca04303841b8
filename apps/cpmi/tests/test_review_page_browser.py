"""The officer's review page in Chromium: an error banner goes once a later decision succeeds, and the PDF
preview opens from a button that says what it does."""

import pytest
from django.urls import reverse

from testing.a11y import new_axe_page
from testing.browser import shoot
from testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_error_banner_goes_after_the_next_decision_and_the_pdf_button_says_what_it_does(browser, live_server):
    from apps.cpmi import services
    from apps.cpmi.tests.builders import ready_registration
    from testing import factories

    officer = factories.staff(position="officer", full_name="Citra Officer")
    registration = ready_registration(factories.user(full_name="Wati Menunggu"))
    registration = services.registration_submit(registration=registration, actor=registration.applicant)
    page = new_axe_page(browser, live_server, width=360, height=780)
    page.goto("/masuk/")
    page.fill("#id_identifier", officer.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dasbor/**")
    page.goto(reverse("cpmi:review", args=[registration.pk]))

    # Verifying before every document was checked is refused with a banner.
    page.click("main button[name=action][value=verify]")
    page.wait_for_load_state()
    banner = page.locator("main > [data-flash=error]")
    assert banner.count() == 1
    shoot(page, "review-refused-banner")

    # The officer accepts a document (htmx): the banner, now stale, goes.
    page.wait_for_function("() => window.htmx !== undefined")
    section = page.locator("[data-testid=review-document]").first
    with page.expect_response(lambda r: "/dokumen/" in r.url and r.request.method == "POST"):
        section.locator("button[value=accept]").click()
    page.wait_for_function("() => !document.querySelector(\"main > [data-flash='error']\")")

    # The PDF preview opens from a button reading "Tampilkan PDF ...", then "Sembunyikan PDF".
    toggle = page.locator("[data-testid=pdf-toggle]").first
    assert toggle.inner_text().startswith("Tampilkan PDF")
    assert toggle.evaluate("e => getComputedStyle(e).display") != "list-item"  # no disclosure triangle
    toggle.click()
    assert toggle.inner_text() == "Sembunyikan PDF"
    shoot(page, "review-pdf-open")
    page.context.close()
