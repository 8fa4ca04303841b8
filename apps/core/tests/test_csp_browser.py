"""In a real browser, pages work under the Content-Security-Policy and the browser reports no violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def open_recording(new_page):
    page = new_page(width=1280)
    page.add_init_script(RECORD_VIOLATIONS)
    return page


def test_the_language_menu_switches_at_once_without_an_inline_handler(new_page):
    page = open_recording(new_page)
    page.goto("/")

    page.select_option("#language-select", "en")
    page.wait_for_selector("html[lang=en]")

    assert page.evaluate("window.cspViolations") == []


def test_swagger_ui_renders_the_schema_from_our_own_files(new_page):
    page = open_recording(new_page)
    requested = []
    page.on("requestfinished", lambda request: requested.append(request.url))

    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")

    assert "SIPMI API" in page.inner_text(".swagger-ui .info .title")
    assert page.evaluate("window.cspViolations") == []
    site = page.url.split("/api/")[0]
    assert requested and [url for url in requested if not url.startswith(site)] == []


def test_redoc_renders_the_schema_from_our_own_files(new_page):
    page = open_recording(new_page)
    requested = []
    page.on("requestfinished", lambda request: requested.append(request.url))

    page.goto("/api/redoc/")
    page.wait_for_selector("h1:has-text('SIPMI API')")

    # ReDoc's "powered by" logo comes from its CDN: the policy keeps it out and ReDoc hides the empty image.
    assert all(v.startswith("img-src https://") for v in page.evaluate("window.cspViolations"))
    site = page.url.split("/api/")[0]
    assert [url for url in requested if not url.startswith((site, f"blob:{site}"))] == []
