"""Keys required in production: a missing, example or derived key is a `check --deploy` error, never a silent
derivation; an install that ran on keys derived from SECRET_KEY exports them once and keeps verifying."""

import os
import stat
import subprocess
import sys

import pytest
from django.core.checks import Tags, run_checks
from django.core.management import CommandError, call_command

from apps.audit import checkpoints
from apps.audit.services import audit_record, audit_seal_pending, audit_verify_chain
from apps.core.tests.servers import BASE_DIR, new_ed25519_pem
from apps.documents import selectors, signing
from apps.documents.tests.conftest import issue
from config import keys
from config.env import env_str

pytestmark = pytest.mark.django_db

KEY_CHECKS = {
    "DOCUMENT_SIGNING_KEY": "sipmi.E021",
    "AUDIT_HMAC_KEY": "sipmi.E022",
    "AUDIT_CHECKPOINT_KEY": "sipmi.E023",
}
GOOD = {
    "DOCUMENT_SIGNING_KEY": "a-document-master-secret-of-fifty-characters-0123456",
    "AUDIT_HMAC_KEY": "an-audit-hmac-key-of-fifty-characters-0123456789abc",
    "AUDIT_CHECKPOINT_KEY": new_ed25519_pem(),
}


@pytest.fixture(autouse=True)
def checkpoint_storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "audit_checkpoints": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "audit-checkpoints")},
        },
    }


def key_errors() -> dict[str, str]:
    """The deploy checks' key errors: {id: message}."""
    found = run_checks(include_deployment_checks=True, tags=[Tags.security])
    return {message.id: message.msg for message in found if message.id in KEY_CHECKS.values()}


def run_on_derived_keys(settings, secret_key: str) -> None:
    """As config.settings runs with no key set and DEBUG or the tests on: every key derived from SECRET_KEY."""
    settings.SECRET_KEY = secret_key
    settings.DERIVED_KEYS = keys.derived_from(secret_key)
    for name, value in settings.DERIVED_KEYS.items():
        setattr(settings, name, value)
    signing._office_private_key.cache_clear()


# --- check --deploy ----------------------------------------------------------------------------------------


def test_derived_keys_are_deploy_errors(settings):
    run_on_derived_keys(settings, "an install's secret key")
    errors = key_errors()
    assert set(errors) == set(KEY_CHECKS.values())
    assert all("derived from SECRET_KEY" in message for message in errors.values())


@pytest.mark.parametrize("value", ["", "change-me-too", "dev-only-insecure-key-change-me"])
@pytest.mark.parametrize("name", list(KEY_CHECKS))
def test_a_missing_or_example_key_is_a_deploy_error(settings, name, value):
    settings.DERIVED_KEYS = {}
    for other, good in GOOD.items():
        setattr(settings, other, good)
    setattr(settings, name, value)
    assert set(key_errors()) == {KEY_CHECKS[name]}


def test_explicit_keys_pass_and_a_checkpoint_key_must_be_an_ed25519_pem(settings):
    settings.DERIVED_KEYS = {}
    for name, good in GOOD.items():
        setattr(settings, name, good)
    assert key_errors() == {}
    settings.AUDIT_CHECKPOINT_KEY = "a secret string, not a PEM key"
    assert set(key_errors()) == {"sipmi.E023"}


def _settings_in_a_fresh_process(**env: str) -> str:
    """DOCUMENT_SIGNING_KEY and AUDIT_HMAC_KEY as config.settings sets them in a process with only `env`."""
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    base["SIPMI_VAR_DIR"] = str(BASE_DIR / "var" / "test")
    code = (
        "from config import settings as s; "
        "print(repr((s.DOCUMENT_SIGNING_KEY, s.AUDIT_HMAC_KEY, sorted(s.DERIVED_KEYS))))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [sys.executable, "-c", code], cwd=BASE_DIR, env=base | env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_settings_derive_no_key_while_development_does():
    derived = keys.derived_from("s3cret")
    names = sorted(keys.NAMES)
    assert _settings_in_a_fresh_process(DEBUG="0", SECRET_KEY="s3cret") == repr(("", "", names))
    assert _settings_in_a_fresh_process(DEBUG="1", SECRET_KEY="s3cret") == repr(
        ("s3cret", derived["AUDIT_HMAC_KEY"], names)
    )
    assert _settings_in_a_fresh_process(DEBUG="0", SECRET_KEY="s3cret", AUDIT_HMAC_KEY="own") == repr(
        ("", "own", ["AUDIT_CHECKPOINT_KEY", "DOCUMENT_SIGNING_KEY"])
    )


def test_nothing_is_signed_without_the_key(settings, office, officer, office_head):
    from django.core.exceptions import ImproperlyConfigured

    settings.DOCUMENT_SIGNING_KEY = ""  # production without the key: refused, never derived
    with pytest.raises(ImproperlyConfigured, match="DOCUMENT_SIGNING_KEY is not set"):
        issue(office, officer, office_head)


# --- an install that ran on derived keys -------------------------------------------------------------------


def test_an_install_on_derived_keys_exports_them_once_and_keeps_verifying_after_a_restart(
    settings, tmp_path, monkeypatch, office, officer, office_head, job_seeker
):
    # Given an install that ran on keys derived from its SECRET_KEY: a signed document, audit entries, a checkpoint
    run_on_derived_keys(settings, "the install's secret key")
    document = issue(office, officer, office_head)
    audit_record(actor=job_seeker, action="profile.view")
    audit_seal_pending()
    assert audit_verify_chain().intact and signing.verify(document)

    # When the operator exports the keys it has been using
    out = tmp_path / "secrets"
    call_command("export_derived_keys", "--out", str(out))
    files = {name: out / file for name, file in (("DOCUMENT_SIGNING_KEY", "document_signing_key"),
             ("AUDIT_HMAC_KEY", "audit_hmac_key"), ("AUDIT_CHECKPOINT_KEY", "audit_checkpoint_key.pem"))}  # fmt: skip
    for path in files.values():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    # Then a second export refuses to overwrite them
    written = {name: path.read_bytes() for name, path in files.items()}
    with pytest.raises(CommandError, match="Refusing to overwrite"):
        call_command("export_derived_keys", "--out", str(out))
    assert {name: path.read_bytes() for name, path in files.items()} == written

    # And after a restart with the *_FILE variables set (and even a new SECRET_KEY), every key is explicit
    settings.SECRET_KEY = "a rotated secret key"
    settings.DERIVED_KEYS = {}
    for name, path in files.items():
        monkeypatch.setenv(f"{name}_FILE", str(path))
        setattr(settings, name, env_str(name, ""))
    signing._office_private_key.cache_clear()
    assert key_errors() == {}

    # And the document and the whole audit log, checkpoint included, still verify
    document.refresh_from_db()
    assert signing.verify(document)
    assert selectors.verification_status(document.verification_code).status == selectors.VALID
    assert audit_verify_chain().intact
    assert checkpoints.checkpoint_check(batches=1) is None
    call_command("verify_audit_chain")

    # While keys derived from the new SECRET_KEY (what a restart without the export would give) would not
    run_on_derived_keys(settings, "a rotated secret key")
    assert not signing.verify(document)
    assert not audit_verify_chain().intact


def test_nothing_to_export_when_every_key_is_set(settings, tmp_path, capsys):
    settings.DERIVED_KEYS = {}
    call_command("export_derived_keys", "--out", str(tmp_path / "secrets"))
    assert "Nothing to export" in capsys.readouterr().out
    assert not (tmp_path / "secrets").exists()
