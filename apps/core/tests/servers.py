"""Small helpers for the tests (and the benchmarks in bench/) that boot SIPMI as it runs in production: gunicorn
with config.settings. Importable before Django is set up: settings are read inside the functions."""

import contextlib
import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

BASE_DIR = Path(__file__).resolve().parents[3]  # the project root
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The secrets a production deployment must set (README, Configuration); nodes of one site share them.
SECRET_NAMES = ("SECRET_KEY", "DOCUMENT_SIGNING_KEY", "AUDIT_HMAC_KEY", "AUDIT_CHECKPOINT_KEY")


def new_ed25519_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


def production_env(var_dir: Path, database_url: str, **extra: str) -> dict:
    """The environment of a production deployment behind a TLS proxy, with a throw-away database and var/."""
    # Only what a process needs from the machine: nothing of the developer's own SIPMI settings leaks in.
    env = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if key in os.environ}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        # Production derives no key from SECRET_KEY: each is its own (check --deploy: sipmi.E021-E023).
        DOCUMENT_SIGNING_KEY=new_ed25519_pem(),
        AUDIT_HMAC_KEY=secrets.token_urlsafe(50),
        AUDIT_CHECKPOINT_KEY=new_ed25519_pem(),
        ALLOWED_HOSTS="127.0.0.1",
        CSRF_TRUSTED_ORIGINS="https://127.0.0.1",
        SITE_URL="https://127.0.0.1",
        SIPMI_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        USE_HTTPS="1",
        TRUSTED_PROXY_COUNT="1",
    )
    env.update(extra)  # may override the above (the benchmarks' settings module, their log level)
    return env


def recreate_database(url: str) -> None:
    """Drop and create the PostgreSQL database `url` names (the benchmarks' own, never the test database)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def prepare_site(env: dict) -> None:
    """Migrate the database and build the static manifest (DEBUG off), at the same time."""
    with ThreadPoolExecutor(2) as pool:
        steps = [
            pool.submit(manage, env, *args)
            for args in (("migrate", "--noinput", "-v0"), ("collectstatic", "--noinput", "-v0"))
        ]
        for step in steps:
            result = step.result()
            assert result.returncode == 0, result.stderr


@contextlib.contextmanager
def gunicorn(env: dict, log_path: Path, *, workers: int = 1, threads: int = 1):
    """config.wsgi under gunicorn on a free port; yields the port. Stopped (and waited for) on exit."""
    port = free_port()
    with open(log_path, "w") as log:
        server = subprocess.Popen(  # noqa: S603
            [PYTHON, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{port}", f"--workers={workers}",
             f"--threads={threads}", "--timeout=30", "--graceful-timeout=5"],
            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait_until_answering(port, server, log_path)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_answering(port: int, server: subprocess.Popen, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, f"gunicorn exited:\n{log_path.read_text()}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"gunicorn did not answer within {timeout} s:\n{log_path.read_text()}")


def fetch(port: int, path: str, *, method: str = "GET", body: str | None = None, headers: dict | None = None):
    """One request as the TLS proxy forwards it (X-Forwarded-Proto: https); returns (response, body bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(
            method,
            path,
            body=body,
            headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
            | (headers or {}),
        )
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def throwaway_database_url(tmp_path: Path, label: str):
    """A database URL like the suite's own: a SQLite file, or a new PostgreSQL database dropped on exit."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        yield f"sqlite:///{tmp_path / 'sipmi.sqlite3'}"
        return
    import psycopg

    name = f"sipmi_{label}_{os.getpid()}"
    credentials = f"{database['USER']}:{database.get('PASSWORD') or ''}@" if database.get("USER") else ""
    server = f"postgres://{credentials}{database.get('HOST') or '127.0.0.1'}:{database.get('PORT') or 5432}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
