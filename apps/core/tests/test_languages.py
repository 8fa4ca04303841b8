"""Indonesian by default; English when the user picks it with the language switch; a complete English catalogue."""

import gettext
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from testing import factories

pytestmark = pytest.mark.django_db

CATALOGUE_DIR = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|<[^>]+>")


@pytest.fixture(autouse=True)
def _restore_active_language():
    """The middleware activates the chosen language for the thread and nothing resets it after the response;
    without this, English would leak into later tests that render lazy messages outside a request."""
    language = translation.get_language()
    yield
    if language:
        translation.activate(language)
    else:
        translation.deactivate()


@pytest.fixture
def english_client(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_the_site_is_indonesian_even_when_the_browser_asks_for_english(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert '<html lang="id"' in page
    assert "Daftar sekarang" in page
    assert "Register now" not in page


def test_the_language_switch_turns_home_registration_and_login_into_english(english_client):
    home = english_client.get("/").content.decode()
    assert '<html lang="en"' in home
    assert "Register now" in home
    assert "One account for migrant worker placement services" in home
    assert "Daftar sekarang" not in home

    register = english_client.get(reverse("accounts:register")).content.decode()
    assert "NIK (KTP number)" in register
    # The second step, after the civil registry answered for the NIK.
    person = factories.registry_person()
    english_client.post(
        reverse("accounts:register"),
        {"action": "identity_check", "nik": person.nik, "parent": "mother", "parent_name": person.mother_maiden_name},
    )
    register = english_client.get(reverse("accounts:register")).content.decode()
    for label in ("Full name", "Mobile number", "Confirm password", "Province"):
        assert label in register
    assert "— choose —" in register
    assert "Nama lengkap" not in register

    login = english_client.get(reverse("accounts:login")).content.decode()
    for text in ("Log in", "E-mail or NIK", "Password", "Forgot password?"):
        assert text in login
    assert "Kata sandi" not in login


def test_switching_back_to_indonesian_restores_it(english_client):
    english_client.post(reverse("set_language"), {"language": "id", "next": "/"})
    page = english_client.get("/").content.decode()
    assert '<html lang="id"' in page
    assert "Daftar sekarang" in page


def test_a_service_error_is_shown_in_the_chosen_language(english_client, job_seeker):
    english_client.force_login(job_seeker)
    response = english_client.post(
        reverse("accounts:settings"),
        {"action": "password", "old_password": "salah", "new_password1": "x", "new_password2": "x"},
    )
    page = response.content.decode()
    assert "The old password is incorrect." in page
    assert "Kata sandi lama salah." not in page


# The catalogue ------------------------------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    assert text.startswith('"') and text.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(path):
    """Entries of a .po file as dicts: flags, msgctxt, msgid, msgid_plural, msgstr ({index: text}); obsolete skipped."""
    entries, entry, field = [], None, None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = _unquote(line)
            if isinstance(field, tuple):
                entry["msgstr"][field[1]] += value
            else:
                entry[field] += value
        else:
            keyword, _space, rest = line.partition(" ")
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if match:
                field = ("msgstr", int(match.group(1)))
                entry["msgstr"][field[1]] = _unquote(rest)
            elif keyword == "msgstr":
                field = ("msgstr", 0)
                entry["msgstr"][0] = _unquote(rest)
            else:
                assert keyword in ("msgctxt", "msgid", "msgid_plural"), raw
                field = keyword
                entry[keyword] = _unquote(rest)
    finish()
    return entries


@pytest.fixture(scope="module")
def po_entries():
    entries = parse_po(CATALOGUE_DIR / "django.po")
    header = [e for e in entries if e["msgid"] == "" and e["msgctxt"] is None]
    assert len(header) == 1
    assert "Language: en\n" in header[0]["msgstr"][0]
    assert "charset=UTF-8" in header[0]["msgstr"][0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header[0]["msgstr"][0]
    return [e for e in entries if e is not header[0]]


def test_every_english_message_is_translated_and_none_is_fuzzy(po_entries):
    assert len(po_entries) > 100
    untranslated = [e["msgid"] for e in po_entries if not e["msgstr"] or not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in po_entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    for e in po_entries:
        if e["msgid_plural"] is not None:
            assert sorted(e["msgstr"]) == [0, 1], e["msgid"]


def test_translations_keep_every_placeholder_and_tag(po_entries):
    wrong = [
        e["msgid"]
        for e in po_entries
        for text in e["msgstr"].values()
        if sorted(PLACEHOLDER.findall(e["msgid"])) != sorted(PLACEHOLDER.findall(text))
    ]
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file(po_entries):
    with open(CATALOGUE_DIR / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    # Plural messages are stored once per form as (msgid, n); contexts as "context\x04msgid".
    compiled_ids = {key[0] if isinstance(key, tuple) else key for key in catalogue} - {""}

    def key_of(entry):
        return f"{entry['msgctxt']}\x04{entry['msgid']}" if entry["msgctxt"] is not None else entry["msgid"]

    po_ids = {key_of(e) for e in po_entries}
    assert len(compiled_ids) == len(po_entries)
    assert compiled_ids == po_ids
    for e in po_entries:
        if e["msgid_plural"] is None:
            assert catalogue[key_of(e)] == e["msgstr"][0], e["msgid"]
        else:
            for index, text in e["msgstr"].items():
                assert catalogue[(key_of(e), index)] == text, e["msgid"]
