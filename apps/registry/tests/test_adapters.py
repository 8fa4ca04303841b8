import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from apps.registry.adapters import HttpRegistry, LocalRegistry, RegistryVerdict, normalise_name, population_registry
from testing import factories


def test_names_compare_without_case_accents_or_extra_spaces():
    assert normalise_name("  Sítí   ÁMINAH ") == normalise_name("siti aminah")
    assert normalise_name("Siti Aminah") != normalise_name("Siti Amina")


@pytest.mark.django_db
def test_the_local_registry_matches_nik_and_mothers_name():
    person = factories.registry_person(mother="Siti Aminah")
    registry = LocalRegistry()
    assert registry.check(nik=person.nik, mother_name="SITI  aminah") == RegistryVerdict.MATCH
    assert registry.check(nik=person.nik, mother_name="Sri Wahyuni") == RegistryVerdict.MISMATCH
    assert registry.check(nik="3276010101900999", mother_name="Siti Aminah") == RegistryVerdict.NOT_FOUND


class _Gateway(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.seen.append((body, self.headers["Authorization"]))
        answer = {"found": body["nik"] == "3276011403950001", "mother_name_matches": body["mother_name"] == "Ibu"}
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
    assert registry.check(nik="3276011403950001", mother_name="Ibu") == RegistryVerdict.MATCH
    assert registry.check(nik="3276011403950001", mother_name="Lain") == RegistryVerdict.MISMATCH
    assert registry.check(nik="3276011403950009", mother_name="Ibu") == RegistryVerdict.NOT_FOUND
    assert gateway.seen[0][1] == "Bearer rahasia"


def test_an_unreachable_registry_is_reported_as_unavailable(settings):
    settings.POPULATION_REGISTRY_URL = "http://127.0.0.1:9/check"
    assert HttpRegistry().check(nik="3276011403950001", mother_name="Ibu") == RegistryVerdict.UNAVAILABLE
