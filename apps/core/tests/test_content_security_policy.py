"""Every page carries the Content-Security-Policy; templates hold nothing the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

REQUIRED_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]

PAGES = {
    None: ["core:home", "vacancies:list", "accounts:login", "accounts:register", "api-docs", "api-redoc"],
    "job_seeker": ["dashboards:dashboard", "profiles:overview", "cpmi:status", "vacancies:my_applications"],
    "officer": ["dashboards:dashboard", "cpmi:queue", "agreements:office_queue", "permits:office_permits"],
    "central_admin": ["dashboards:dashboard", "agencies:admin_agencies"],
}


def policy_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("persona", list(PAGES), ids=lambda p: p or "anonymous")
def test_every_page_carries_the_policy(client, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    for name in PAGES[persona]:
        response = client.get(reverse(name), follow=True)

        assert response.status_code == 200, name
        policy = policy_of(response)
        for directive in REQUIRED_DIRECTIVES:
            assert policy[directive.split()[0]] == directive, (name, directive)
        assert (
            "unsafe-inline" not in policy.get("script-src", "")
            and "unsafe-eval" not in response["Content-Security-Policy"]
        )


def test_error_pages_and_redirects_carry_the_policy_too(client):
    assert "default-src 'self'" in client.get("/tidak-ada/")["Content-Security-Policy"]
    assert "default-src 'self'" in client.get(reverse("dashboards:dashboard"))["Content-Security-Policy"]


def test_htmx_is_told_not_to_inject_its_indicator_styles(client):
    html = client.get(reverse("core:home")).content.decode()

    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false' in html
    assert ".htmx-indicator" in Path(finders.find("css/sipmi.css")).read_text()


# --- templates -------------------------------------------------------------------------------------------

FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "style element": re.compile(r"<style\b", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "htmx inline handler": re.compile(r"\shx-on", re.IGNORECASE),
}
DJANGO_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)


def project_templates() -> list[Path]:
    folders = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    folders += sorted(Path(settings.BASE_DIR, "apps").glob("*/templates"))
    return sorted(path for folder in folders for path in folder.rglob("*.html"))


def test_no_template_holds_inline_scripts_handlers_or_styles():
    templates = project_templates()
    found = []
    for path in templates:
        text = DJANGO_COMMENT.sub("", path.read_text())
        found += [
            f"{path.relative_to(settings.BASE_DIR)}: {what}" for what, rule in FORBIDDEN.items() if rule.search(text)
        ]

    assert len(templates) > 50  # the scan really looked at the project's templates
    assert found == []


def test_the_scan_would_notice_each_forbidden_thing():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "style element": "<style>p{}</style>",
        "event handler attribute": '<select onchange="this.form.submit()">',
        "style attribute": '<div style="width: 5%">',
        "javascript: URL": '<a href="javascript:void(0)">',
        "htmx inline handler": '<button hx-on:click="x()">',
    }
    for what, sample in samples.items():
        assert FORBIDDEN[what].search(sample), what
    assert not FORBIDDEN["inline script"].search('<script src="/static/js/sipmi.js" defer></script>')


# --- API documentation ----------------------------------------------------------------------------------

ASSET = re.compile(r'(?:src|href)="([^"]*)"')


@pytest.mark.parametrize("name", ["api-docs", "api-redoc"])
def test_api_docs_load_only_our_own_files(client, name):
    html = client.get(reverse(name)).content.decode()

    assets = ASSET.findall(html)
    assert assets and all(url.startswith("/") and not url.startswith("//") for url in assets), assets
    assert "http://" not in html and "https://" not in html
    for url in assets:
        if url.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/") else "/" + settings.STATIC_URL):
            assert finders.find(url.split("/static/", 1)[1]), url  # the file ships with the project


def test_swagger_ui_loads_its_start_script_from_our_own_url_with_the_schema(client):
    html = client.get(reverse("api-docs")).content.decode()
    script_url = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html).group(1)

    script = client.get(script_url.replace("&amp;", "&"))

    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert f'url: "{reverse("api-schema")}"' in script.content.decode()


def test_redoc_points_at_the_schema(client):
    html = client.get(reverse("api-redoc")).content.decode()

    assert f'<redoc spec-url="{reverse("api-schema")}">' in html
    assert "'unsafe-inline'" not in policy_of(client.get(reverse("api-redoc")))["script-src"]
