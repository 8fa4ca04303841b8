"""Every address a person sees is Indonesian (`/profil/langkah/foto/`, not `/profile/step/photo/`): walk every URL
pattern and fail on English path words. The machine interfaces keep their names: the REST API (`/api/`), Django's
own admin and language switch, and the health check."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ENGLISH_WORDS = {
    "account", "add", "agreement", "agreements", "application", "applications", "apply", "approve",
    "cancel", "certificate", "company", "complaint", "create", "dashboard", "delete", "detail", "document",
    "documents", "download", "edit", "education", "experience", "file", "files", "form", "list", "login",
    "logout", "message", "messages", "new", "office", "password", "personal", "photo", "profile", "queue",
    "reject", "signup", "review", "search", "settings", "sign", "skills", "step", "steps", "training",
    "upload", "vacancies", "vacancy", "verify", "verification",
}  # fmt: skip
MACHINE_PREFIXES = ("api/", "django-admin/", "i18n/", "healthz/")


def _routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _english_words(route: str) -> set[str]:
    literal = re.sub(r"<[^>]+>", "", route)  # path converters are not words a person reads
    literal = re.sub(r"\(\?P<[^>]+>[^)]*\)", "", literal)
    return {word for word in re.split(r"[^a-z]+", literal.lower()) if word in ENGLISH_WORDS}


def test_no_url_a_person_sees_has_english_words():
    offending = {
        route: sorted(_english_words(route))
        for route in _routes()
        if not route.lstrip("^").startswith(MACHINE_PREFIXES) and _english_words(route)
    }

    assert offending == {}


def test_the_walk_sees_every_app_and_would_catch_an_english_word():
    routes = list(_routes())

    assert "profil/langkah/<profile_step:key>/" in routes
    assert _english_words("profile/step/<str:key>/") == {"profile", "step"}


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("photo", "/profil/langkah/foto/"),
        ("personal", "/profil/langkah/data-diri/"),
        ("skills", "/profil/langkah/keahlian/"),
    ],
)
def test_profile_steps_have_indonesian_addresses_and_keep_their_names(key, path):
    assert reverse("profiles:step", args=[key]) == path


@pytest.mark.django_db
def test_the_english_step_address_is_gone(client):
    assert client.get("/profil/langkah/photo/").status_code == 404
