"""Production is part of the suite: the static manifest built with DEBUG off, config.settings under gunicorn.

Requests carry X-Forwarded-Proto: https as the TLS proxy in front of SIPMI sends it (README, Production
deployment), so USE_HTTPS keeps its production meaning: HTTPS redirects, secure cookies, HSTS.
"""

import re

import pytest
from django.urls import reverse

from apps.core.tests.servers import fetch, gunicorn, manage, prepare_site, production_env, throwaway_database_url

pytestmark = pytest.mark.production


@pytest.fixture
def production_site(tmp_path):
    """A migrated throw-away database and a collected static manifest; yields (environment, var folder)."""
    with throwaway_database_url(tmp_path, "production") as database_url:
        env = production_env(tmp_path / "var", database_url)
        prepare_site(env)
        yield env, tmp_path


def test_check_deploy_finds_nothing_to_warn_about_with_production_variables(tmp_path):
    # Given the variables of a production deployment (DEBUG off, a real secret key, HTTPS behind a proxy)
    env = production_env(tmp_path / "var", f"sqlite:///{tmp_path / 'unused.sqlite3'}")

    # When the operator runs the deployment checklist
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    # Then it reports no issue at all
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_production_without_its_own_signing_and_audit_keys(tmp_path):
    # Given a production deployment that sets SECRET_KEY but none of the keys earlier versions derived from it
    env = production_env(tmp_path / "var", f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    for name in ("DOCUMENT_SIGNING_KEY", "AUDIT_HMAC_KEY", "AUDIT_CHECKPOINT_KEY"):
        del env[name]

    # When the operator runs the deployment checklist
    result = manage(env, "check", "--deploy")

    # Then each missing key is an error naming the command that exports the keys the install has been using
    assert result.returncode != 0
    for check_id in ("sipmi.E021", "sipmi.E022", "sipmi.E023"):
        assert check_id in result.stderr, result.stderr
    assert "export_derived_keys" in result.stderr


def test_the_production_settings_serve_pages_and_hashed_static_files_under_gunicorn(production_site):
    env, tmp_path = production_site

    # Given SIPMI under gunicorn with the production settings
    with gunicorn(env, tmp_path / "gunicorn.log") as port:
        # When a visitor opens the home page
        home, html = fetch(port, "/")

        # Then it renders, links the stylesheet by its hashed manifest name, and asks browsers to keep HTTPS
        assert home.status == 200, html[:2000]
        stylesheet = re.search(rb"/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css", html)
        assert stylesheet, html[:2000]
        assert "max-age=31536000" in home.headers["Strict-Transport-Security"]

        # And the hashed stylesheet is served, compressed on request and cached for good
        asset, css = fetch(port, stylesheet.group().decode(), headers={"Accept-Encoding": "gzip"})
        assert asset.status == 200
        assert asset.headers["Content-Type"].startswith("text/css")
        assert asset.headers["Content-Encoding"] == "gzip"
        assert "immutable" in asset.headers["Cache-Control"]

        # And the login page and the vacancy list render, with a secure CSRF cookie on the form
        login, login_html = fetch(port, reverse("accounts:login"))
        assert login.status == 200, login_html[:2000]
        assert b'name="csrfmiddlewaretoken"' in login_html
        assert "Secure" in login.headers["Set-Cookie"]
        vacancies, vacancies_html = fetch(port, reverse("vacancies:list"))
        assert vacancies.status == 200, vacancies_html[:2000]

        # And an unknown address is a 404, not a 500
        missing, _ = fetch(port, "/tidak-ada/")
        assert missing.status == 404

        # And a plain-HTTP request (no proxy header) is sent to HTTPS
        redirect, _ = fetch(port, "/", headers={"X-Forwarded-Proto": "http"})
        assert redirect.status == 301
        assert redirect.headers["Location"] == "https://127.0.0.1/"

    assert "Traceback" not in (tmp_path / "gunicorn.log").read_text()
