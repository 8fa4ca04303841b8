"""Accessibility, checked by axe-core in Chromium: the main page of every role and the long forms showing
errors have no serious or critical violation. Tables stay readable on a 360 px phone."""

import pytest
from django.urls import reverse

from testing.a11y import describe, new_axe_page, serious_violations
from testing.browser import shoot
from testing.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(db):
    from tests import scenario

    return scenario.build()


def sign_in(page, user):
    page.goto("/masuk/")
    page.fill("#id_identifier", user.email)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dasbor/**")


ROLES = ("job_seeker", "cpmi", "officer", "office_head", "company_owner", "organiser", "central_admin")


def test_the_main_page_of_every_role_has_no_serious_accessibility_violation(browser, live_server, world):
    found = {}
    for width in (360, 1280):
        page = new_axe_page(browser, live_server, width=width)
        page.goto("/")
        found[f"anonymous home @{width}"] = serious_violations(page)
        page.context.close()
        for role in ROLES:
            page = new_axe_page(browser, live_server, width=width)
            sign_in(page, world.people[role])
            page.goto(reverse("dashboards:dashboard"))
            page.wait_for_load_state()
            found[f"{role} {page.url} @{width}"] = serious_violations(page)
            page.context.close()

    failures = {name: describe(v) for name, v in found.items() if v}
    assert not failures, "\n\n".join(f"{name}\n{text}" for name, text in failures.items())


def test_long_forms_showing_errors_have_no_serious_accessibility_violation(browser, live_server, world):
    from apps.cpmi.tests.builders import complete_profile
    from testing import factories

    applicant = factories.user(full_name="Rina Pemohon")
    complete_profile(applicant)
    found = {}

    def check(name, page):
        summary = page.locator("[data-testid=error-summary]")
        assert summary.count() == 1, f"{name}: no error summary"
        assert page.evaluate("document.activeElement.dataset.testid") == "error-summary", f"{name}: not focused"
        found[name] = serious_violations(page)

    anonymous = new_axe_page(browser, live_server)
    anonymous.goto(reverse("accounts:register"))
    anonymous.locator("main form button[type=submit]").last.click()
    anonymous.wait_for_load_state()
    check("sign-up", anonymous)
    anonymous.goto(reverse("complaints:file"))
    anonymous.locator("main form button[type=submit]").last.click()
    anonymous.wait_for_load_state()
    check("complaint", anonymous)
    anonymous.context.close()

    page = new_axe_page(browser, live_server, width=360)
    sign_in(page, applicant)
    page.goto(reverse("cpmi:form"))
    page.click("main button[value=submit]")
    page.wait_for_load_state()
    check("cpmi form", page)
    shoot(page, "a11y-cpmi-form-errors")
    page.context.close()

    page = new_axe_page(browser, live_server)
    sign_in(page, world.people["job_seeker"])
    page.goto(reverse("profiles:step", args=["experience"]))
    page.click("main button[value=add]")
    page.wait_for_load_state()
    check("profile step", page)
    page.context.close()

    page = new_axe_page(browser, live_server)
    sign_in(page, world.people["company_owner"])
    page.goto(reverse("vacancies:company_vacancy_create"))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    check("vacancy form", page)
    page.goto(reverse("officeservices:request_open"))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    check("office service request", page)
    page.context.close()

    failures = {name: describe(v) for name, v in found.items() if v}
    assert not failures, "\n\n".join(f"{name}\n{text}" for name, text in failures.items())


def test_on_a_phone_the_cpmi_queue_shows_its_status_and_the_audit_log_every_column(browser, live_server, world):
    page = new_axe_page(browser, live_server, width=360, height=780)
    sign_in(page, world.people["officer"])
    page.goto(reverse("cpmi:queue"))
    row = page.locator("[data-testid=queue-row]").first
    status = row.locator("td[data-label=Status] .badge")
    assert status.is_visible()
    box = status.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(page, "tables-cpmi-queue")
    page.context.close()

    page = new_axe_page(browser, live_server, width=360, height=780)
    sign_in(page, world.people["central_admin"])
    page.goto(reverse("audit:log"))
    cells = page.locator("table.table-stack tbody tr").first.locator("td")
    assert cells.count() == 6
    for index in range(6):
        cell = cells.nth(index)
        if not cell.inner_text().strip():
            continue  # an empty cell (no reason given) takes no room on the card
        box = cell.bounding_box()
        assert cell.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 360, (index, box)
    labels = [cells.nth(i).get_attribute("data-label") for i in range(6)]
    assert labels == ["Waktu", "Pelaku", "Tindakan", "Objek", "Alasan", "IP"]
    assert page.evaluate("document.querySelector('table.table-stack').parentElement.scrollWidth") <= 360
    shoot(page, "tables-audit-log")
    page.context.close()
