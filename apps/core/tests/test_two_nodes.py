"""SIPMI on more than one node: two gunicorn nodes behind HAProxy share one PostgreSQL, one Redis and one
S3-compatible bucket (moto's server mode stands in for object storage), and keep nothing of their own.

A job seeker logs in on one node, uploads a document through the other, and reads it back through the first;
the load balancer's health check sees every service of each node.
"""

import contextlib
import http.client
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import boto3
import pytest
import redis
from django.urls import reverse

from apps.core.tests.servers import (
    PYTHON,
    SECRET_NAMES,
    free_port,
    gunicorn,
    manage,
    prepare_site,
    production_env,
    throwaway_database_url,
)
from apps.cpmi.models import DocumentKind
from apps.cpmi.tests.builders import PDF_BYTES

pytestmark = [
    pytest.mark.production,
    pytest.mark.postgres_only(reason="two nodes share one PostgreSQL; runs in make test's PostgreSQL pass"),
]

REDIS_DB = 14  # a database of its own on the shared Redis at 127.0.0.1:6379
PASSWORD = "Dua-Node-Rahasia-2026"
EMAIL = "dua.node@contoh.id"
BUCKET = "sipmi-two-nodes"
SEED = f"""
from testing import factories
from apps.cpmi.tests.builders import complete_profile
person = factories.user(email="{EMAIL}")
person.set_password("{PASSWORD}")
person.save()
complete_profile(person)
"""


def wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"port {port} did not answer:\n{log.read_text()}")


@contextlib.contextmanager
def background(command: list[str], log: Path, port: int):
    with open(log, "w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            wait_for_port(port, process, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


HAPROXY_CONFIG = """
global
    maxconn 256
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend sipmi
    bind 127.0.0.1:{port}
    default_backend nodes
backend nodes
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz/ ver HTTP/1.1 hdr Host 127.0.0.1 hdr X-Forwarded-Proto https
    http-check expect status 200
    http-request set-header X-Forwarded-Proto https
    timeout check 10s
    server a 127.0.0.1:{a} check inter 2s rise 1 fall 3
    server b 127.0.0.1:{b} check inter 2s rise 1 fall 3
"""


def wait_until_both_nodes_are_up(port: int, log: Path, timeout: float = 20) -> None:
    """HAProxy routes only to nodes whose /healthz/ has answered 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
        connection.request("GET", "/healthz/", headers={"Host": "127.0.0.1"})
        if connection.getresponse().status == 200:
            return
        time.sleep(0.2)
    raise AssertionError(f"HAProxy found no healthy node:\n{log.read_text()}")


class Browser:
    """One person's cookies across nodes: the session lives in the shared database, not in a node."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port, path, *, method="GET", body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(
            method,
            path,
            body=body,
            headers={
                "Host": "127.0.0.1",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "203.0.113.7",
                "Origin": "https://127.0.0.1",
                **({"Cookie": cookie} if cookie else {}),
                **(headers or {}),
            },
        )
        response = connection.getresponse()
        content = response.read()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response, content

    def csrf_token(self, html: bytes) -> str:
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def redis_url():
    url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis must answer at 127.0.0.1:6379 (make test starts one)")
    client.flushdb()
    yield url
    client.flushdb()


@pytest.fixture
def object_storage(tmp_path):
    """moto's S3 server on loopback with an empty bucket; yields its endpoint URL."""
    port = free_port()
    command = [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    with background(command, tmp_path / "moto.log", port):
        endpoint = f"http://127.0.0.1:{port}"
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        s3.create_bucket(Bucket=BUCKET)
        yield endpoint, s3


def test_two_nodes_behind_a_load_balancer_share_sessions_files_and_queue(tmp_path, redis_url, object_storage):
    endpoint, s3 = object_storage
    with throwaway_database_url(tmp_path, "twonodes") as database_url:
        # Given one PostgreSQL, one Redis and one bucket, and two app nodes with their own var/ folders
        shared = {
            "REDIS_URL": redis_url,
            "STORAGE_BACKEND": "s3",
            "AWS_STORAGE_BUCKET_NAME": BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "LOG_LEVEL": "WARNING",
        }
        env_a = production_env(tmp_path / "var-a", database_url, **shared)
        secrets_of_a = {name: env_a[name] for name in SECRET_NAMES}  # one site: the same keys on every node
        env_b = {**production_env(tmp_path / "var-b", database_url, **shared), **secrets_of_a}
        prepare_site(env_a)
        shutil.copytree(tmp_path / "var-a" / "static", tmp_path / "var-b" / "static")  # the same release
        seeded = manage(env_a, "shell", "-c", SEED)
        assert seeded.returncode == 0, seeded.stderr

        with (
            gunicorn(env_a, tmp_path / "node-a.log") as node_a,
            gunicorn(env_b, tmp_path / "node-b.log") as node_b,
        ):
            balancer = free_port()
            config = tmp_path / "haproxy.cfg"
            config.write_text(HAPROXY_CONFIG.format(port=balancer, a=node_a, b=node_b))
            with background(["haproxy", "-db", "-f", str(config)], tmp_path / "haproxy.log", balancer):
                person = Browser()
                wait_until_both_nodes_are_up(balancer, tmp_path / "haproxy.log")

                # When the job seeker logs in on node A
                _, page = person.request(node_a, reverse("accounts:login"))
                body = f"csrfmiddlewaretoken={person.csrf_token(page)}&identifier={EMAIL}&password={PASSWORD}"
                login, _ = person.request(
                    node_a,
                    reverse("accounts:login"),
                    method="POST",
                    body=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"},
                )
                assert login.status == 302, login.status

                # And uploads a health certificate through node B (signed in there too)
                form_page, html = person.request(node_b, reverse("cpmi:form"))
                assert form_page.status == 200, html[:1000]
                payload, content_type = multipart(
                    {"csrfmiddlewaretoken": person.csrf_token(html), "action": "save"},
                    {f"file_{DocumentKind.HEALTH_CERTIFICATE}": ("sehat.pdf", PDF_BYTES, "application/pdf")},
                )
                saved, _ = person.request(
                    node_b, reverse("cpmi:form"), method="POST", body=payload, headers={"Content-Type": content_type}
                )
                assert saved.status == 302

                # Then node A lists it and serves the very same bytes
                _, html = person.request(node_a, reverse("cpmi:form"))
                link = re.search(rb"/cpmi/dokumen/(\d+)/", html)
                assert link, html[:2000]
                download, content = person.request(node_a, link.group().decode())
                assert download.status == 200
                assert content == PDF_BYTES

                # And the file is in the shared bucket, not on either node's disk
                keys = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
                assert any(key.endswith(".pdf") for key in keys), keys
                assert not list((tmp_path / "var-b" / "media").rglob("*.pdf"))

                # And through the load balancer both nodes report their database, cache, storage and queue healthy
                for _ in range(2):
                    health, text = person.request(balancer, reverse("core:healthz"))
                    assert health.status == 200, text
                    assert b'"status": "ok"' in text

        for node in ("node-a.log", "node-b.log"):
            assert "Traceback" not in (tmp_path / node).read_text()
