import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from apps.registry.adapters import (
    HttpRegistry,
    HttpWlkp,
    LocalRegistry,
    LocalWlkp,
    Parent,
    RegistryIdentity,
    RegistryUnavailable,
    RegistryVerdict,
    normalise_name,
    population_registry,
    wlkp_register,
)
from apps.registry.models import DemoWlkpCompany
from testing import factories


def test_names_compare_without_case_accents_or_extra_spaces():
    assert normalise_name("  Sítí   ÁMINAH ") == normalise_name("siti aminah")
    assert normalise_name("Siti Aminah") != normalise_name("Siti Amina")


@pytest.mark.django_db
def test_the_local_registry_matches_nik_and_mothers_name():
    person = factories.registry_person(mother="Siti Aminah")
    registry = LocalRegistry()
    assert registry.check(nik=person.nik, parent_name="SITI  aminah") == RegistryVerdict.MATCH
    assert registry.check(nik=person.nik, parent_name="Sri Wahyuni") == RegistryVerdict.MISMATCH
    assert registry.check(nik="3276010101900999", parent_name="Siti Aminah") == RegistryVerdict.NOT_FOUND


@pytest.mark.django_db
def test_the_local_registry_matches_the_fathers_name_when_the_person_chooses_it():
    person = factories.registry_person(mother="Siti Aminah", father="Bambang Sutrisno")
    registry = LocalRegistry()
    assert registry.check(nik=person.nik, parent_name="bambang sutrisno", parent=Parent.FATHER) == RegistryVerdict.MATCH
    # Each name is compared with the parent chosen, not with either.
    assert registry.check(nik=person.nik, parent_name="Siti Aminah", parent=Parent.FATHER) == RegistryVerdict.MISMATCH
    assert registry.check(nik=person.nik, parent_name="Bambang Sutrisno") == RegistryVerdict.MISMATCH


@pytest.mark.django_db
def test_a_registry_row_without_a_fathers_name_never_matches_an_empty_one():
    person = factories.registry_person(father="")
    assert LocalRegistry().check(nik=person.nik, parent_name="", parent="father") == RegistryVerdict.MISMATCH


class _Gateway(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append((body, self.headers["Authorization"]))
        if "wlkp_code" in body:
            found = body["wlkp_code"] == "WLKP-1"
            company = {"name": "PT Jauh", "nib": "8120009000099", "address": "Jl. Jauh 1", "regency_code": "32.76"}
            answer = {"found": found, "company": company if found else None}
        else:
            expected = {"mother": "Ibu", "father": "Bapak"}[body["parent"]]
            answer = {
                "found": body["nik"] == "3276011403950001",
                "parent_name_matches": body["parent_name"] == expected,
            }
            if answer["found"] and answer["parent_name_matches"]:
                person = {"full_name": "Budi  Santoso", "birth_place": "Depok", "birth_date": "1995-03-14", "sex": "L"}
                answer["person"] = person
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    server = HTTPServer(("127.0.0.1", 0), _Gateway)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def test_the_http_registry_asks_the_gateway(gateway, settings):
    settings.POPULATION_REGISTRY_BACKEND = "http"
    settings.POPULATION_REGISTRY_URL = f"http://127.0.0.1:{gateway.server_port}/check"
    settings.POPULATION_REGISTRY_TOKEN = "rahasia"
    registry = population_registry()
    assert isinstance(registry, HttpRegistry)
    assert registry.check(nik="3276011403950001", parent_name="Ibu") == RegistryVerdict.MATCH
    assert registry.check(nik="3276011403950001", parent_name="Lain") == RegistryVerdict.MISMATCH
    assert registry.check(nik="3276011403950001", parent_name="Bapak", parent="father") == RegistryVerdict.MATCH
    assert registry.check(nik="3276011403950009", parent_name="Ibu") == RegistryVerdict.NOT_FOUND
    assert gateway.seen[0] == ({"nik": "3276011403950001", "parent": "mother", "parent_name": "Ibu"}, "Bearer rahasia")
    assert gateway.seen[2][0]["parent"] == "father"


def test_the_http_registry_returns_the_registrys_identity_on_a_match(gateway, settings):
    settings.POPULATION_REGISTRY_BACKEND = "http"
    settings.POPULATION_REGISTRY_URL = f"http://127.0.0.1:{gateway.server_port}/check"
    answer = population_registry().identify(nik="3276011403950001", parent_name="Ibu")
    assert answer.verdict == RegistryVerdict.MATCH
    assert answer.identity == RegistryIdentity(
        nik="3276011403950001",
        full_name="Budi Santoso",
        birth_place="Depok",
        birth_date=datetime.date(1995, 3, 14),
        sex="L",
    )
    assert population_registry().identify(nik="3276011403950001", parent_name="Lain").identity is None


def test_the_local_registry_returns_the_demo_persons_identity(db):
    person = factories.registry_person(name="Sri  Rahayu", sex="P", mother="Siti Aminah")
    answer = LocalRegistry().identify(nik=person.nik, parent_name="siti aminah")
    assert answer.identity.full_name == "Sri Rahayu" and answer.identity.sex == "P"
    assert answer.identity.birth_date == person.birth_date


def test_an_unreachable_registry_is_reported_as_unavailable(settings):
    settings.POPULATION_REGISTRY_URL = "http://127.0.0.1:9/check"
    assert HttpRegistry().check(nik="3276011403950001", parent_name="Ibu") == RegistryVerdict.UNAVAILABLE


@pytest.mark.django_db
def test_the_local_wlkp_register_finds_a_company_by_its_code_whatever_the_case_and_spaces():
    DemoWlkpCompany.objects.create(
        wlkp_code="WLKP-3276-0001", name="PT Sinar", nib="8120001000011", address="Jl. A 1", regency_code="32.76"
    )
    found = LocalWlkp().lookup(" wlkp-3276- 0001 ")
    assert (found.wlkp_code, found.name, found.nib, found.regency_code) == (
        "WLKP-3276-0001",
        "PT Sinar",
        "8120001000011",
        "32.76",
    )
    assert LocalWlkp().lookup("WLKP-0000") is None


def test_the_http_wlkp_register_asks_the_gateway(gateway, settings):
    settings.WLKP_BACKEND = "http"
    settings.WLKP_URL = f"http://127.0.0.1:{gateway.server_port}/company"
    settings.WLKP_TOKEN = "kunci"
    register = wlkp_register()
    assert isinstance(register, HttpWlkp)
    found = register.lookup("wlkp-1")
    assert (found.wlkp_code, found.name, found.nib, found.sector) == ("WLKP-1", "PT Jauh", "8120009000099", "")
    assert register.lookup("WLKP-2") is None
    assert gateway.seen[0] == ({"wlkp_code": "WLKP-1"}, "Bearer kunci")


def test_an_unreachable_wlkp_register_raises(settings):
    settings.WLKP_URL = "http://127.0.0.1:9/company"
    with pytest.raises(RegistryUnavailable):
        HttpWlkp().lookup("WLKP-1")


def test_an_unknown_backend_is_a_configuration_error(settings):
    settings.WLKP_BACKEND = "ftp"
    with pytest.raises(ValueError):
        wlkp_register()
