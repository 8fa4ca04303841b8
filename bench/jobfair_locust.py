"""Locust scenario of bench/jobfair_peak.py: one job seeker at a fair's opening minute. Started by that script.

Each simulated user takes the next seeded account (seeker<i>@bench.sipmi.id), then once: opens the login page and
logs in (the login phase); waits until every user has logged in; then opens the fair room, checks in, lists the
fair's vacancies, applies to vacancy i mod (number of vacancies), and stops (the opening phase). The last user to
finish stops the run. The two phases are timed apart, so the opening minute's figures are not those of password
hashing. Environment: BENCH_FAIR (fair pk), BENCH_PASSWORD, BENCH_USERS (how many users in all), BENCH_RESULTS (a
JSON file the figures are written to).
"""

import itertools
import json
import os
import re
import time

from gevent.event import Event
from locust import HttpUser, events, task
from locust.exception import StopUser

FAIR = int(os.environ["BENCH_FAIR"])
PASSWORD = os.environ["BENCH_PASSWORD"]
USERS = int(os.environ["BENCH_USERS"])
RESULTS = os.environ.get("BENCH_RESULTS", "")
_next_index = itertools.count()
_finished = itertools.count(1)
_logged_in = itertools.count(1)
_everyone_logged_in = Event()
LOGIN_WAIT_SECONDS = 600
LOGIN_STEPS = ("1 login page", "2 log in")
# Response times (ms) per phase, and when each phase began and ended (monotonic seconds).
_phase_times: dict[str, list[float]] = {"login": [], "opening": []}
_phase_failures = {"login": 0, "opening": 0}
_phase_clock = {"login_start": None, "login_end": None, "opening_end": None}

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
APPLY = re.compile(rf'action="(/job-fair/{FAIR}/lowongan/\d+/lamar/)"')
CHECK_IN_DONE = "Check-in berhasil"


class JobSeeker(HttpUser):
    # One pass each; no think time: everyone arrives in the same minute.
    wait_time = staticmethod(lambda: 0)

    def on_start(self):
        self.index = next(_next_index)
        # What the proxy adds (README, Production deployment); one address per person, as on a real network.
        self.client.headers.update(
            {
                "Host": "127.0.0.1",
                "Origin": "https://127.0.0.1",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"10.{self.index // 65536 % 256}.{self.index // 256 % 256}.{self.index % 256}",
            }
        )

    def _behind_the_proxy(self):
        """The TLS proxy in front of gunicorn speaks HTTPS to the browser and plain HTTP to gunicorn; the load
        tool stands where the proxy is, so it sends the session and CSRF cookies (marked Secure) over HTTP."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def _token(self, response, step) -> str | None:
        self._behind_the_proxy()  # every page with a form sets the CSRF cookie again
        found = TOKEN.search(response.text)
        if not found:
            response.failure(f"{step}: no CSRF token on the page")
            return None
        return found.group(1)

    def _post(self, url, name, data, expect_location):
        """A form post; the answer must be the redirect the view gives on its way back (not followed: the next
        step opens the page)."""
        with self.client.post(url, data=data, name=name, allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            self._behind_the_proxy()
            if response.status_code != 302 or not location.startswith(expect_location):
                response.failure(f"{response.status_code} to {location or '-'}")
                return False
        return True

    @task
    def opening_minute(self):
        try:
            self._flow()
        finally:
            if next(_finished) >= USERS:
                self.environment.runner.quit()
        raise StopUser()

    def _log_in(self) -> bool:
        with self.client.get("/masuk/", name="1 login page", catch_response=True) as page:
            token = self._token(page, "login page")
        if not token:
            return False
        credentials = {
            "csrfmiddlewaretoken": token,
            "identifier": f"seeker{self.index}@bench.sipmi.id",
            "password": PASSWORD,
        }
        return self._post("/masuk/", "2 log in", credentials, "/dasbor")

    def _flow(self):
        room = f"/job-fair/{FAIR}/ruang/"
        try:
            logged_in = self._log_in()
        finally:
            # The opening phase starts when the last user is through the login (done or failed), for everyone.
            if next(_logged_in) >= USERS:
                _phase_clock["login_end"] = time.monotonic()
                _everyone_logged_in.set()
        _everyone_logged_in.wait(LOGIN_WAIT_SECONDS)
        if not logged_in:
            return
        with self.client.get(room, name="3 fair room", catch_response=True) as page:
            token = self._token(page, "fair room")
        if not token or not self._post(
            f"/job-fair/{FAIR}/check-in/", "4 check in", {"csrfmiddlewaretoken": token}, room
        ):
            return
        with self.client.get(room, name="5 list vacancies", catch_response=True) as page:
            targets = APPLY.findall(page.text)
            if CHECK_IN_DONE not in page.text:
                page.failure("check-in not confirmed")
                return
            if not targets:
                page.failure("no vacancy to apply to")
                return
            token = self._token(page, "vacancies")
        if token:
            self._post(targets[self.index % len(targets)], "6 apply", {"csrfmiddlewaretoken": token}, room)


_started = time.monotonic()


@events.test_start.add_listener
def _test_start(environment, **kwargs):
    global _started
    _started = time.monotonic()
    _phase_clock["login_start"] = _started


@events.request.add_listener
def _per_phase(name, response_time, exception, **kwargs):
    phase = "login" if name in LOGIN_STEPS else "opening"
    _phase_times[phase].append(response_time)
    if exception is not None:
        _phase_failures[phase] += 1


def _percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered) + 0.5) - 1))]


def _phase_figures(phase: str, seconds: float) -> dict:
    values = _phase_times[phase]
    return {
        "phase": phase,
        "seconds": seconds,
        "requests": len(values),
        "failures": _phase_failures[phase],
        "rps": len(values) / seconds if seconds > 0 else 0.0,
        "p50": _percentile(values, 0.50),
        "p95": _percentile(values, 0.95),
        "p99": _percentile(values, 0.99),
        "max": max(values, default=0.0),
    }


@events.quitting.add_listener
def _write_results(environment, **kwargs):
    """Per step: requests, failures, requests/s over the whole run, p50/p95/p99/max; and the failures."""
    if not RESULTS:
        return
    elapsed = time.monotonic() - _started
    stats = environment.stats

    def figures(name, entry):
        return {
            "step": name,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.num_requests / elapsed if elapsed else 0.0,
            "p50": entry.get_response_time_percentile(0.50),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "max": entry.max_response_time or 0,
        }

    steps = [figures(name, entry) for (name, _method), entry in sorted(stats.entries.items())]
    steps.append(figures("all steps", stats.total))
    errors = [{"step": e.name, "error": str(e.error), "count": e.occurrences} for e in stats.errors.values()]
    now = time.monotonic()
    login_end = _phase_clock["login_end"] or now
    phases = [
        _phase_figures("login", login_end - (_phase_clock["login_start"] or _started)),
        _phase_figures("opening", now - login_end),
    ]
    with open(RESULTS, "w") as handle:
        json.dump({"seconds": elapsed, "steps": steps, "phases": phases, "errors": errors}, handle, indent=1)
