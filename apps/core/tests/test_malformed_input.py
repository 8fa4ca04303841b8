"""Property tests: arbitrary text at the public pages' parameters never answers a server error.

The values are sent as the raw bytes a client could send (lone surrogates too, as the UTF-8-like bytes Django
must decode), both in query strings and in the login form's body. Examples are few and derandomized so a CI run
is quick and always tries the same inputs; run on PostgreSQL too, which refuses NUL bytes that SQLite accepts.
"""

import string
from urllib.parse import quote_from_bytes

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testing import factories
from testing.signup import registry_step

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,  # nothing written to disk: every run tries the same examples
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as an attacker would send it: any code point (NUL and lone surrogates included), numbers far beyond any
# column, and the shapes the parameters expect with something wrong appended.
nasty_text = st.one_of(
    st.text(st.characters(exclude_categories=()), max_size=40),
    st.text(st.sampled_from("\x00\ud800\udfff\u202e\ufeff%'\"<>;\\/.-_ 0123456789"), max_size=20),
    st.integers(min_value=-(10**60), max_value=10**60).map(str),
    st.sampled_from(["9" * 5000, "1e999", "NaN", "-Infinity", "0x1F", "32.76\x00", "2026-02-31", "99999-01-01"]),
)


def encode(value: str) -> str:
    return quote_from_bytes(value.encode("utf-8", "surrogatepass"))


def query_string(params: dict[str, str]) -> str:
    return "&".join(f"{encode(name)}={encode(value)}" for name, value in params.items())


def params_for(names):
    """Some of `names` with nasty values, plus now and then a nasty parameter name."""
    known = st.dictionaries(st.sampled_from(names), nasty_text, max_size=len(names))
    unknown = st.dictionaries(st.text(string.ascii_letters + "\x00_", min_size=1, max_size=8), nasty_text, max_size=2)
    return st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})


def assert_answers(client, path: str, params: dict[str, str]):
    response = client.get(path, QUERY_STRING=query_string(params))
    assert response.status_code < 500, (path, params)
    return response


VACANCY_FILTERS = ["q", "negara", "sektor", "jabatan", "gaji_min", "gaji_maks", "segera_tutup", "halaman"]


@PROPERTY
@given(params=params_for(["next", "lang", "halaman", "q"]))
def test_home(client, params):
    assert_answers(client, reverse("core:home"), params)


@PROPERTY
@given(params=params_for(VACANCY_FILTERS))
def test_vacancy_list_filters(client, params):
    assert_answers(client, reverse("vacancies:list"), params)


@PROPERTY
@given(
    source=st.one_of(st.sampled_from(["address_province", "address_regency", "address_district"]), nasty_text),
    parent=st.one_of(st.sampled_from(["32", "32.76", "32.76.01", ""]), nasty_text),
    clear=st.one_of(st.just("address_district,address_village"), nasty_text),
)
def test_region_options(client, source, parent, clear):
    response = assert_answers(client, reverse("regions:options"), {"source": source, source: parent, "clear": clear})
    assert response.status_code in (200, 400)


@PROPERTY
@given(parent=nasty_text)
def test_region_api(client, parent):
    response = assert_answers(client, reverse("api-regions"), {"parent": parent})
    assert response.status_code in (200, 400)


@PROPERTY
@given(code=nasty_text)
def test_verification_page_code(client, code):
    response = client.get("/verifikasi/pp/" + encode(code) + "/")
    assert response.status_code < 500, code


@PROPERTY
@given(fields=params_for(["identifier", "password", "next"]), next_in_query=nasty_text)
def test_login_form_fields(client, fields, next_in_query):
    response = client.post(
        reverse("accounts:login") + "?next=" + encode(next_in_query),
        data=query_string(fields),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500, fields


# --- signed-in pages: filters, search boxes and page numbers -------------------------------------------------

NASTY_VALUES = ["\x00", "Ani\x00", "\ud800", "9" * 5000, "-1", "1e999", "2026-02-31", "'; --", "%", "_"]


def page_or_400(value: str) -> int:
    """A control character answers 400 before the page reads anything (ControlCharactersMiddleware)."""
    return 400 if "\x00" in value else 200


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_office_queue_filters(client, officer, value):
    client.force_login(officer)
    params = {"status": value, "submitted_from": value, "submitted_to": value, "q": value, "halaman": value}

    assert assert_answers(client, reverse("cpmi:queue"), params).status_code == page_or_400(value)


@pytest.mark.parametrize("value", [*NASTY_VALUES, "99999", "10000", "0", "-2026", "9" * 30])
def test_the_signed_agreements_year_and_company_filters(client, office_head, value):
    client.force_login(office_head)
    params = {"tahun": value, "perusahaan": value, "q": value, "halaman": value}

    assert assert_answers(client, reverse("agreements:office_signed"), params).status_code == page_or_400(value)


@pytest.mark.parametrize("value", [*NASTY_VALUES, "0001-01", "9999-12", "2026-13", "99999", "0"])
def test_the_office_archive_month_and_the_monthly_report_year(client, office_head, value):
    client.force_login(office_head)

    archive = assert_answers(client, reverse("dashboards:office_archive"), {"month": value, "q": value})
    monthly = assert_answers(client, reverse("dashboards:office_reports"), {"year": value, "type": value})

    assert archive.status_code == monthly.status_code == page_or_400(value)


@pytest.mark.parametrize("value", ["1900-01-01", "9999-12-31", "0001-01-01", "01-01-1900"])
def test_office_queue_date_filters_out_of_range_are_shown_beside_the_field(client, officer, value):
    client.force_login(officer)

    response = assert_answers(client, reverse("cpmi:queue"), {"submitted_from": value, "q": "Ani"})

    assert response.status_code == 200
    assert "Tanggal paling" in str(response.context["filters"].errors.get("submitted_from"))


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_company_officer_search(client, value):
    company = factories.agency()
    factories.approved_officer(agency=company)  # with an officer the page lists the offices the search narrows
    client.force_login(factories.agency_member(agency=company, role="owner"))

    response = assert_answers(client, reverse("agencies:officers"), {"cari": value})

    assert response.status_code == page_or_400(value)
    assert ("cari-dinas" in response.content.decode()) == (response.status_code == 200)


@pytest.mark.parametrize("value", NASTY_VALUES)
def test_outbox_and_audit_log_search_and_pages(client, central_admin, value):
    client.force_login(central_admin)

    outbox = assert_answers(client, reverse("messaging:outbox"), {"penerima": value, "halaman": value})
    assert outbox.status_code == page_or_400(value)
    assert assert_answers(client, reverse("audit:log"), {"halaman": value}).status_code == page_or_400(value)


# --- control characters in the address: the site's 400 page, before any view reads them -------------------------

CONTROL_CHARACTERS = ["\x00", "\x01", "\x08", "\n", "\r", "\x1b", "\x1f", "\x7f"]


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_document_code_with_a_control_character_answers_400(client, settings, character):
    settings.DEBUG = False

    response = client.get("/verifikasi/dokumen/" + encode(f"ABCD{character}EFGH") + "/")

    assert response.status_code == 400
    assert 'data-testid="error-page"' in response.content.decode() and "Kode kesalahan 400" in response.content.decode()


@pytest.mark.parametrize("character", CONTROL_CHARACTERS)
def test_a_query_parameter_with_a_control_character_answers_400(client, officer, character):
    client.force_login(officer)
    queue = reverse("officeservices:office_queue")

    assert client.get(queue, QUERY_STRING="langkah=" + encode(character)).status_code == 400
    assert client.get(queue, QUERY_STRING=encode(f"langkah{character}") + "=receive").status_code == 400
    assert client.get(queue, QUERY_STRING="milik=saya&langkah=" + encode(f"receive{character}")).status_code == 400
    assert client.get(queue, QUERY_STRING="langkah=receive").status_code == 200


def test_a_tab_in_a_search_text_is_text(client):
    response = client.get(reverse("vacancies:list"), QUERY_STRING="q=" + encode("perawat\tlansia"))

    assert response.status_code == 200


@PROPERTY
@given(code=nasty_text)
def test_document_verification_page_code(client, code):
    response = client.get("/verifikasi/dokumen/" + encode(code) + "/")
    assert response.status_code in (400, 404), code


@pytest.mark.parametrize("value", ["32\x00", "32.76\x00", "\ud800", "9" * 5000])
def test_the_public_registration_form_with_malformed_region_codes(client, value):
    person = factories.registry_person()
    registry_step(client, reverse("accounts:register"), nik=person.nik, parent_name=person.mother_maiden_name)
    fields = {f"address_{level}": value for level in ("province", "regency", "district", "village")}

    response = client.post(
        reverse("accounts:register"), data=query_string(fields), content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert "address_province" in response.context["form"].errors
