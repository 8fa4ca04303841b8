"""Per-office Ed25519 keys and the offline check."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from apps.core.formatting import mask_name, mask_nik
from apps.documents import signing

PAYLOAD = {"number": "562/0001/PTK/XI/2026", "body": {"name": "Siti Aminah"}}


def test_each_office_has_its_own_key():
    assert signing.office_public_key_pem(1) != signing.office_public_key_pem(2)
    assert signing.office_public_key_pem(1).startswith("-----BEGIN PUBLIC KEY-----")
    assert signing.key_id(1).startswith("office-1:")


def test_keys_follow_the_configured_secret(settings):
    before = signing.office_public_key_pem(1)
    settings.DOCUMENT_SIGNING_KEY = "another secret"
    assert signing.office_public_key_pem(1) != before


def test_a_pem_master_key_is_accepted(settings):
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.DOCUMENT_SIGNING_KEY = pem.decode()
    signature = signing.sign(PAYLOAD, 5)
    assert signing.verify_offline(PAYLOAD, signature, signing.office_public_key_pem(5))


def test_anyone_checks_offline_with_the_published_key():
    signature = signing.sign(PAYLOAD, 3)
    pem = signing.office_public_key_pem(3)
    assert signing.verify_offline(PAYLOAD, signature, pem)
    assert not signing.verify_offline({**PAYLOAD, "number": "562/0002/PTK/XI/2026"}, signature, pem)
    assert not signing.verify_offline(PAYLOAD, signature, signing.office_public_key_pem(4))
    assert not signing.verify_offline(PAYLOAD, signature, "not a key")


def test_the_canonical_form_ignores_key_order_and_keeps_unicode():
    assert signing.canonical({"b": 1, "a": "Ñoño"}) == '{"a":"Ñoño","b":1}'.encode()


@pytest.mark.parametrize(("nik", "masked"), [("3276011403950001", "3276**********01"), ("", ""), ("1234", "****")])
def test_mask_nik(nik, masked):
    assert mask_nik(nik) == masked


def test_mask_name():
    assert mask_name("Siti Aminah") == "S*** A*****"
    assert mask_name("  Ani  ") == "A**"
