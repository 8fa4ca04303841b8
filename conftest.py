"""Shared personas. Tests name people by what they are, so a reader knows who may do what:

- `job_seeker` (Ani): activated job seeker from Kota Depok
- `other_job_seeker` (Budi): another job seeker
- `officer` (Citra): officer of the Kota Depok labour office; `other_office_officer` (Dedi): Kota Bogor
- `office_head` (Eko): head of the Kota Depok labour office
- `agency_staff`, `organiser`, `central_admin`
- `company` (PT Maju Sejahtera) with its `owner` (Indah); `other_company` (PT Lain Jaya); an app's conftest may
  give `company` a fuller setup (an approved P3MI with an SPR) for its own tests
"""

import itertools

import pytest
from django.core.cache import cache

from apps.accounts.models import AccountType
from testing import factories, flush

pytest_plugins = ["testing.browser"]


POSTGRES_ONLY_REASON = (
    "needs PostgreSQL: the test suite's in-memory SQLite fails a second writer at once instead of making it wait, "
    "so races can't be decided the way production decides them; `make test` runs these in its PostgreSQL pass"
)


# Tests that take many seconds each (measured with --durations); with the `browser` and `production` markers,
# these start first within their group, so the two xdist workers end together on short tests instead of one
# waiting for the other's long tail.
SLOW_TESTS = (
    "tests/test_authorisation_sweep.py::test_every_persona_gets_the_expected_answer_from_every_url",
    "apps/cpmi/tests/test_office_views.py::test_queue_",
    "apps/cpmi/tests/test_transitions.py::test_every_",
    "apps/agreements/tests/test_transitions.py::test_every_",
    "apps/demo/tests/test_seed_demo.py::",
    "apps/core/tests/test_api_property.py::",
)


def _slow_first(items):
    """pytest-django runs tests in groups (in a transaction, then transactional, then without the database;
    a regular test after a transactional one would meet emptied tables). Within each group the slow tests go
    first; tests without the database that boot servers go before everything (they touch no test database)."""
    from pytest_django.plugin import validate_django_db

    def group(item):
        marker = item.get_closest_marker("django_db")
        transactional = bool(marker) and any(validate_django_db(marker)[:2])
        transactional = transactional or bool({"transactional_db", "live_server"} & set(item.fixturenames))
        if transactional:
            return 1
        return 0 if marker or "db" in item.fixturenames else 2

    def slow(item):
        return bool(item.get_closest_marker("browser") or item.get_closest_marker("production")) or any(
            item.nodeid.startswith(prefix) for prefix in SLOW_TESTS
        )

    def key(item):
        kind = group(item)
        if kind == 2 and slow(item):
            return (-1, 0)
        return (kind, 0 if slow(item) else 1)

    items.sort(key=key)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres_only` (races on row locks, a PostgreSQL restart) are left out of a SQLite run rather
    than skipped: they run, and must pass, in `make test`'s PostgreSQL pass. The run's header says so
    (with pytest-xdist the workers collect, so the header is the one place that always shows)."""
    from django.db import connection

    _slow_first(items)
    if connection.vendor == "postgresql":
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgres_only")]
    if postgres_only:
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgres_only")]


def pytest_configure(config):
    flush.install()


def pytest_report_header(config):
    from django.db import connection

    if connection.vendor != "postgresql":
        return f"tests marked postgres_only are left out of this SQLite run: {POSTGRES_ONLY_REASON}"
    return None


@pytest.fixture
def company(db):
    return factories.agency(name="PT Maju Sejahtera")


@pytest.fixture
def owner(company):
    return factories.agency_member(agency=company, role="owner", full_name="Indah Pemilik")


@pytest.fixture
def other_company(db):
    return factories.agency(name="PT Lain Jaya")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


_media_numbers = itertools.count()


@pytest.fixture(scope="session")
def _media_roots(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def media_root(settings, _media_roots):
    """Uploaded and issued files go to a temporary folder of this test's own, never to var/. The folder is
    made by the storage at the first file saved (most tests save none: no folder made for each of them)."""
    root = _media_roots / str(next(_media_numbers))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(root)},
        },
    }
    return root


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Regions and offices come from migrations; a transactional test flushes them when it ends, so the
    next transactional test on the same worker loads them again (idempotent, about a second) unless the flush
    kept them because they were exactly as the test found them (testing/flush.py)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        if not flush.reference_data_kept():
            factories.reference_data()
        flush.remember_reference_data()


@pytest.fixture
def job_seeker(db):
    return factories.user(full_name="Ani Lestari")


@pytest.fixture
def other_job_seeker(db):
    return factories.user(full_name="Budi Santoso")


@pytest.fixture
def officer(db):
    return factories.staff(position="officer", full_name="Citra Officer")


@pytest.fixture
def other_office_officer(db):
    return factories.staff(position="officer", regency_code="32.71", full_name="Dedi Bogor")


@pytest.fixture
def office_head(db):
    return factories.staff(position="office_head", full_name="Eko Kadis")


@pytest.fixture
def agency_staff(db):
    return factories.user(account_type=AccountType.AGENCY_STAFF, full_name="Fajar P3MI")


@pytest.fixture
def organiser(db):
    return factories.user(account_type=AccountType.JOBFAIR_ORGANISER, full_name="Gita Penyelenggara")


@pytest.fixture
def central_admin(db):
    return factories.user(account_type=AccountType.CENTRAL_ADMIN, full_name="Hadi Admin", is_staff=True)


@pytest.fixture
def password():
    return factories.PASSWORD
