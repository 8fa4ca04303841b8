"""Playwright fixtures: Debian's Chromium, headless, against pytest-django's live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
    # itself (reading the database to check results) are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (separate cookies), phone-sized by default."""
    contexts = []

    def open_page(width=360, height=780):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url, locale="id-ID"
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, user, password=None):
    from testing.factories import PASSWORD

    page.goto("/masuk/")
    page.fill("#id_identifier", user.email)
    page.fill("#id_password", password or PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/dasbor/**")


def shoot(page, name):
    """With SIPMI_SCREENSHOTS=<folder>, save the page at phone and desktop width for a person to look at."""
    folder = os.environ.get("SIPMI_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
    page.set_viewport_size(original)


def sign_up_identity(page, person, *, parent_name, parent="mother"):
    """The first step of every sign-up: NIK and a parent's name; the registry's name comes back to confirm."""
    page.fill("#id_nik", person.nik)
    page.select_option("#id_parent", parent)
    page.fill("#id_parent_name", parent_name)
    page.click("text=Periksa data Dukcapil")
    assert page.locator("[data-testid=registry-name]").inner_text() == person.full_name


def sign_up_contact(page, *, email, phone, village, marital_status="married", street="Jl. Kenari 8"):
    """The second step of every sign-up: contact details, password and the KTP address (the region selects
    fill one after another through htmx)."""
    page.fill("#id_email", email)
    page.fill("#id_phone", phone)
    page.fill("#id_password1", "Kopi-Tubruk-77")
    page.fill("#id_password2", "Kopi-Tubruk-77")
    page.select_option("#id_marital_status", marital_status)
    regency = village.parent_id.rsplit(".", 1)[0]
    page.select_option("#id_address_province", regency.split(".")[0])
    page.wait_for_selector(f"#id_address_regency option[value='{regency}']", state="attached")
    page.select_option("#id_address_regency", regency)
    page.wait_for_selector(f"#id_address_district option[value='{village.parent_id}']", state="attached")
    page.select_option("#id_address_district", village.parent_id)
    page.wait_for_selector(f"#id_address_village option[value='{village.code}']", state="attached")
    page.select_option("#id_address_village", village.code)
    page.fill("#id_address_street", street)
