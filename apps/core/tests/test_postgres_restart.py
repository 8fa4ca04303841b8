"""PostgreSQL restarts while people use SIPMI: they see the 503 page, never a 500, and lose nothing saved.

A throw-away PostgreSQL cluster of its own (under var/, never the system's), SIPMI under gunicorn with the
production settings and persistent connections, four visitors signing in and opening pages, and the cluster
stopped (pg_ctl stop -m fast) in the middle of it, then started again once every visitor has met the outage.
"""

import glob
import os
import re
import subprocess
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import psycopg
import pytest
from django.urls import reverse

from apps.core.tests.servers import BASE_DIR, fetch, free_port, gunicorn, manage, prepare_site, production_env

pytestmark = [
    pytest.mark.postgres_only(reason="restarts a PostgreSQL cluster under load; runs in make test's PostgreSQL pass"),
    pytest.mark.production,
]

CLUSTER_SCRIPT = str(BASE_DIR / "scripts" / "pg-cluster.sh")
VISITORS = 4
PASSWORD = "Kopi-Tubruk-77"
SECONDS_BEFORE, SECONDS_AFTER = 3, 4


def cluster(*args):
    result = subprocess.run([CLUSTER_SCRIPT, *map(str, args)], capture_output=True, text=True, timeout=120)  # noqa: S603
    assert result.returncode == 0, result.stderr


@pytest.fixture
def restartable_site(tmp_path):
    """SIPMI on gunicorn against its own PostgreSQL cluster; yields (gunicorn port, cluster folder)."""
    assert glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), (
        "Debian's postgresql package is missing (make test installs it)"
    )
    folder = BASE_DIR / "var" / f"pg-restart-{os.getpid()}"
    port = free_port()
    cluster("start", folder, port)
    try:
        with psycopg.connect(f"postgres://postgres@127.0.0.1:{port}/postgres", autocommit=True) as admin:
            admin.execute("CREATE DATABASE sipmi")
        env = production_env(tmp_path / "var", f"postgres://postgres@127.0.0.1:{port}/sipmi")
        prepare_site(env)
        visitors = manage(env, "shell", "-c", _CREATE_VISITORS)
        assert visitors.returncode == 0, visitors.stderr
        with gunicorn(env, tmp_path / "gunicorn.log", threads=VISITORS) as site_port:
            yield site_port, folder
    finally:
        cluster("stop", folder)


_CREATE_VISITORS = f"""
from django.utils import timezone
from apps.accounts.models import User
for n in range({VISITORS}):
    User.objects.create_user(
        f"pengunjung{{n}}@contoh.id", {PASSWORD!r}, full_name=f"Pengunjung {{n}}",
        account_type="jobfair_organiser", activated_at=timezone.now(),
    )
"""


class Visitor(threading.Thread):
    """Signs in, opens their settings page, signs in again...; writes down every answer and every saved sign-in."""

    def __init__(self, port, number, stop):
        super().__init__(daemon=True)
        self.port, self.email, self.stop = port, f"pengunjung{number}@contoh.id", stop
        self.answers = []  # (started at, path, status, Retry-After, answered at)
        self.signed_in = []  # session cookies of sign-ins answered as done

    def requests_since(self, moment):
        return sum(started > moment for started, *_ in list(self.answers))

    def request(self, path, cookies, **kwargs):
        started = time.monotonic()
        headers = kwargs.pop("headers", {})
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        response, body = fetch(self.port, path, headers=headers, **kwargs)
        answer = (started, path, response.status, response.headers.get("Retry-After"), time.monotonic())
        self.answers.append(answer)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.update({key: morsel.value for key, morsel in SimpleCookie(header).items()})
        return response, body

    def run(self):
        login = reverse("accounts:login")
        while not self.stop.is_set():
            cookies = {}
            page, html = self.request(login, cookies)
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html)
            if page.status != 200 or not token:
                continue
            response, _ = self.request(
                login,
                cookies,
                method="POST",
                body=urlencode({"identifier": self.email, "password": PASSWORD, "csrfmiddlewaretoken": token[1]}),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": "https://127.0.0.1",
                    "Referer": "https://127.0.0.1" + login,
                },
            )
            if response.status == 302 and "sessionid" in cookies:
                self.signed_in.append(dict(cookies))
                self.request(reverse("accounts:settings"), cookies)


def test_a_postgresql_restart_answers_503_with_retry_after_and_loses_no_saved_sign_in(restartable_site):
    site_port, folder = restartable_site

    # Given four visitors signing in and opening their settings page, over and over
    stop = threading.Event()
    visitors = [Visitor(site_port, n, stop) for n in range(VISITORS)]
    for visitor in visitors:
        visitor.start()
    time.sleep(SECONDS_BEFORE)

    # When PostgreSQL goes down (until every visitor has met the outage) and comes back
    went_down = time.monotonic()
    cluster("down", folder)
    deadline = went_down + 60
    while time.monotonic() < deadline and not all(v.requests_since(went_down) >= 2 for v in visitors):
        time.sleep(0.1)
    cluster("up", folder)
    came_back = time.monotonic()
    time.sleep(SECONDS_AFTER)
    stop.set()
    for visitor in visitors:
        visitor.join(60)
    answers = sorted(answer for visitor in visitors for answer in visitor.answers)

    # Then nobody got a 500: during the outage the 503 page answered, always with Retry-After
    assert {answer[2] for answer in answers} <= {200, 302, 503}, [a for a in answers if a[2] not in (200, 302)]
    unavailable = [answer for answer in answers if answer[2] == 503]
    assert unavailable, "no request met the outage"
    # (a request sent just before the outage may meet it: what counts is when it was answered)
    assert all(answered_at >= went_down for *_, answered_at in unavailable), unavailable
    assert all(answer[3] == "10" for answer in unavailable), unavailable

    # And every request made after PostgreSQL came back succeeded
    after = [answer for answer in answers if answer[0] >= came_back]
    assert len(after) >= VISITORS, "the visitors stopped making requests"
    assert all(answer[2] in (200, 302) for answer in after), after

    # And every sign-in answered as done is still signed in: its session was saved
    signed_in = [cookies for visitor in visitors for cookies in visitor.signed_in]
    assert signed_in
    for cookies in signed_in:
        page, _ = fetch(
            site_port, reverse("accounts:settings"), headers={"Cookie": f"sessionid={cookies['sessionid']}"}
        )
        assert page.status == 200, f"a saved sign-in was lost ({page.status} {page.headers.get('Location')})"
