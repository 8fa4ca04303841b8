"""SIPMI at national scale: seed PostgreSQL (or SQLite) in bulk, serve it with gunicorn (production settings, 2 sync
workers) and load the key pages with wrk, each against a hello-world Django view served the same way in the same
run. Run by hand (`make bench SCALE=10k`, or all scales at once with bench/report.py), never by `make test`.

    .venv/bin/python bench/national.py --scale 300|10k|100k|1m [--database postgresql|sqlite] [--database-url URL]
        [--seconds 10] [--connections 16] [--pages hello,list,...] [--one-client search,...] [--work DIR] [--json FILE]

The PostgreSQL database (default postgres://postgres@127.0.0.1:5432/sipmi_bench_national, or BENCH_DATABASE_URL) is
DROPPED and created again; `--database sqlite` uses a new SQLite file in the run's folder instead. At `--scale 1m`:
1,000,000 published vacancies of 500 companies in 40 destination countries, 1,000,000 job-seeker accounts and
100,000 CPMI registrations submitted to every labour office; 300, 10k and 100k scale the counts down (companies: one
per 2,000 vacancies, at least 5). The rows are written by INSERT ... SELECT over a series of numbers
(generate_series on PostgreSQL, a recursive CTE on SQLite), each cloned from one row made through the factories (so
a column added later is filled from that row), then ANALYZEd. Prints, per page, requests/s and p50/p95/p99 under
`--connections` connections, the ratio to hello-world, one client's p95 of some pages, EXPLAIN ANALYZE of the
list's queries (written to the run's folder), and the audit log's appends/s with 16 concurrent writers beside a
bare INSERT's (bench/audit_append.py --baseline on its own throw-away database next to this one; PostgreSQL only).
"""
# ruff: noqa: S608 - the SQL below is built from this file's constants, integers and table names only

import argparse
import datetime
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from apps.core.tests import servers  # noqa: E402 - after the project root is on the path

PYTHON = sys.executable
DEFAULT_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sipmi_bench_national")
SCALES = {"300": 300, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
# ISO 3166-1 alpha-2 codes, as Vacancy.country stores them (Taiwan, Hong Kong, Malaysia, … Cambodia).
COUNTRIES = [
    "TW", "HK", "MY", "SG", "JP", "KR", "SA", "AE", "QA", "KW", "OM", "BH", "BN", "TR", "PL", "DE", "NL", "IT",
    "ES", "FR", "GB", "IE", "NZ", "AU", "CA", "US", "RO", "HU", "CZ", "SK", "HR", "MV", "FJ", "MU", "SC", "MO",
    "TH", "PH", "VN", "KH",
]  # fmt: skip
POSITIONS = ["Caregiver", "Perawat Lansia", "Operator Produksi", "Juru Masak", "Pekerja Konstruksi",
             "Anak Buah Kapal", "Pelayan Restoran", "Petugas Kebersihan", "Teknisi Las", "Pemetik Buah"]  # fmt: skip
SURNAMES = ["Chen", "Wong", "Tan", "Lim", "Sato", "Kim", "Al-Rashid", "Schmidt", "Novak", "Rossi"]
SEARCH = {"q": "perawat", "negara": "TW"}
API_SEARCH = {"q": SEARCH["q"], "country": SEARCH["negara"]}
# The pages --pages and --one-client choose from (see pages()).
PAGE_KEYS = ["hello", "list", "search", "detail", "list-signed-in", "search-signed-in", "api-search", "deep",
             "dashboard", "queue", "applicants", "fair"]  # fmt: skip
ONE_CLIENT = "search,search-signed-in,api-search,list-signed-in,queue"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="10k")
    parser.add_argument(
        "--database", choices=["postgresql", "sqlite"], default="postgresql", help="sqlite: a file in the run's folder"
    )
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL, help="PostgreSQL's (or a sqlite:/// file's)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per page (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the database a previous run seeded")
    parser.add_argument("--skip-audit", action="store_true", help="leave out the audit-append benchmark")
    parser.add_argument(
        "--pages", default=",".join(PAGE_KEYS), help=f"pages under load, of {','.join(PAGE_KEYS)} (hello always)"
    )
    parser.add_argument("--one-client", default=ONE_CLIENT, help="pages also loaded by one client")
    parser.add_argument("--skip-explain", action="store_true", help="leave out EXPLAIN ANALYZE of the list's queries")
    parser.add_argument("--work", help="the run's folder (default: a new temporary one)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    for option in ("pages", "one_client"):
        keys = [key for key in getattr(args, option).split(",") if key]
        unknown = set(keys) - set(PAGE_KEYS)
        if unknown:
            parser.error(f"--{option.replace('_', '-')}: no page {', '.join(sorted(unknown))}")
        setattr(args, option, keys)
    if "hello" not in args.pages:
        args.pages.insert(0, "hello")  # every figure is read against it
    return args


def production_env(var_dir: Path, database_url: str) -> dict:
    """The production test's environment (README, Production deployment), quieter and with the bench's URLs."""
    return servers.production_env(
        var_dir,
        database_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(50)),
        LOG_LEVEL="WARNING",
    )


# --- seeding ----------------------------------------------------------------------------------------------


# The few SQL expressions that differ between PostgreSQL and SQLite; everything else is written once for both.
COLUMNS_SQL = {
    # A generated column (search_document, PostgreSQL only) computes itself.
    "postgresql": "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id' "
    "AND is_generated = 'NEVER' ORDER BY ordinal_position",
    "sqlite": "SELECT name FROM pragma_table_xinfo(%s) WHERE name <> 'id' AND hidden = 0 ORDER BY cid",
}


def columns(cursor, table: str) -> list[str]:
    from django.db import connection

    cursor.execute(COLUMNS_SQL[connection.vendor], [table])
    return [row[0] for row in cursor.fetchall()]


def numbers(first: int, last: int) -> str:
    """A FROM item `g` yielding the integers first..last as its column g."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"generate_series({int(first)}, {int(last)}) g"
    return (
        f"(WITH RECURSIVE s(g) AS (SELECT {int(first)} WHERE {int(first)} <= {int(last)} "
        f"UNION ALL SELECT g + 1 FROM s WHERE g < {int(last)}) SELECT g FROM s) g"
    )


def padded(expression: str, width: int) -> str:
    """The integer `expression` as text, zero-padded to `width` digits."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"lpad(({expression})::text, {int(width)}, '0')"
    return f"printf('%0{int(width)}d', {expression})"


def seconds_ago(expression: str) -> str:
    """The time `expression` seconds before now, as the backend stores a DateTimeField."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"now() - make_interval(secs => {expression})"
    return f"strftime('%Y-%m-%d %H:%M:%f', 'now', '-' || ({expression}) || ' seconds')"


def days_ahead(expression: str) -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        return f"current_date + ({expression})"
    return f"date('now', '+' || ({expression}) || ' days')"


def clone(cursor, model, template_id: int, source: str, overrides: dict[str, str]) -> int:
    """INSERT into `table` one row per row of `source` (SQL yielding g and any joined columns), each a copy of the
    template row with `overrides` (column -> SQL expression). Returns the number of rows written."""
    table = model._meta.db_table
    names = columns(cursor, table)
    unknown = set(overrides) - set(names)
    assert not unknown, f"{table} has no column {unknown}"
    select = ", ".join(overrides.get(name, f't."{name}"') for name in names)
    listed = ", ".join(f'"{name}"' for name in names)
    cursor.execute(
        f'INSERT INTO "{table}" ({listed}) SELECT {select} FROM "{table}" t, {source} WHERE t.id = {int(template_id)}'
    )
    return cursor.rowcount


def pick(values: list[str], index: str) -> str:
    """values[index % len(values)] in SQL (a CASE: PostgreSQL's arrays do not exist in SQLite)."""
    whens = " ".join(f"WHEN {i} THEN '{value.replace(chr(39), chr(39) * 2)}'" for i, value in enumerate(values))
    return f"(CASE ({index}) % {len(values)} {whens} END)"


def seed(total: int) -> dict:
    """Returns what the pages need: ids and a session cookie per persona."""
    from django.contrib.sessions.backends.db import SessionStore  # noqa: F401 - loads the session model
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from apps.accounts.models import AccountType, User
    from apps.agencies.models import PlacementAgency
    from apps.cpmi.models import CpmiRegistration, MigrantCandidate, RegistrationStatus
    from apps.jobfairs.models import FairFollower, FairParticipation, FairVacancy, ParticipationStatus
    from apps.offices.models import LabourOffice
    from apps.permits.models import RecruitmentPermit
    from apps.vacancies.models import Application, Vacancy, VacancyStatus
    from testing import factories

    companies = max(5, min(500, total // 2000))
    registrations = total // 10
    now = timezone.now()
    timings = {}
    with transaction.atomic():
        # The templates, through the factories: one company with its SPR and staff, one vacancy, one job seeker
        # with a submitted CPMI registration. Everything else is cloned from them.
        admin = factories.user(account_type=AccountType.CENTRAL_ADMIN, email="admin@bench.sipmi.id")
        first_agency = factories.agency(name="PT Bench Penempatan 1")
        owner = factories.agency_member(agency=first_agency, role="owner", email="owner@bench.sipmi.id")
        template_permit = factories.permit(agency=first_agency, quota=1_000_000, recorded_by=admin)
        offices = list(LabourOffice.objects.order_by("pk").values_list("pk", flat=True))
        office = LabourOffice.objects.get(pk=offices[0])
        officer = factories.staff(regency_code=office.region_id, email="officer@bench.sipmi.id")
        template_vacancy = Vacancy.objects.create(
            agency=first_agency, permit=template_permit, position="Caregiver", sector="care", country="TW",
            city="Taipei", employer_name="Keluarga Chen", salary=20000, currency="TWD", contract_months=36,
            openings=5, closing_date=timezone.localdate() + datetime.timedelta(days=30), required_certificates="",
            description="Merawat lansia di rumah, membantu makan, mandi dan minum obat.",
            status=VacancyStatus.PUBLISHED, published_at=now, created_by=owner,
        )  # fmt: skip
        seeker = factories.user(email="seeker@bench.sipmi.id")
        template_registration = CpmiRegistration.objects.create(
            applicant=seeker, status=RegistrationStatus.SUBMITTED, office=office, submitted_at=now
        )
        started = time.monotonic()
        with connection.cursor() as cursor:
            # Companies, each with an SPR valid for every country.
            clone(
                cursor, PlacementAgency, first_agency.pk, numbers(2, companies),
                {"name": "'PT Bench Penempatan ' || g", "nib": f"'77' || {padded('g', 11)}",
                 "sip2mi_number": "'SIP2MI/BENCH/' || g", "wlkp_code": "NULL"},
            )  # fmt: skip
            clone(
                cursor, RecruitmentPermit, template_permit.pk,
                f"(SELECT id AS agency_id, row_number() OVER (ORDER BY id) AS g FROM {PlacementAgency._meta.db_table} "
                f"WHERE id <> {first_agency.pk}) a",
                {"agency_id": "a.agency_id", "number": "'SPR/BENCH/' || a.g"},
            )  # fmt: skip
            # Vacancies: company k % companies, country g % 40, a position and an employer from short lists.
            clone(
                cursor, Vacancy, template_vacancy.pk,
                f"{numbers(2, total)} JOIN (SELECT id AS permit_id, agency_id, "
                f"row_number() OVER (ORDER BY id) - 1 AS k FROM {RecruitmentPermit._meta.db_table}) p "
                f"ON p.k = g % {companies}",
                {
                    "agency_id": "p.agency_id", "permit_id": "p.permit_id",
                    "country": pick(COUNTRIES, "g"),
                    "position": pick(POSITIONS, "g / 7"),
                    "employer_name": f"'Keluarga ' || {pick(SURNAMES, 'g / 3')} || ' ' || g",
                    "sector": pick(["care", "manufacturing", "hospitality", "construction"], "g"),
                    "salary": "15000 + (g % 20) * 500",
                    "published_at": seconds_ago("g"),
                    "closing_date": days_ahead("1 + g % 90"),
                },
            )  # fmt: skip
            timings["vacancies"] = time.monotonic() - started
            # Job-seeker accounts: same password, address and registry check as the template one.
            started = time.monotonic()
            clone(
                cursor, User, seeker.pk, numbers(2, total),
                {"email": "'seeker' || g || '@bench.sipmi.id'", "nik": f"'9' || {padded('g', 15)}",
                 "phone": f"'+6289' || {padded('g', 10)}", "full_name": "'Pencaker Bench ' || g"},
            )  # fmt: skip
            timings["accounts"] = time.monotonic() - started
            # CPMI registrations, submitted over the last 30 days, to every office in turn.
            started = time.monotonic()
            clone(
                cursor, CpmiRegistration, template_registration.pk,
                f"(SELECT id AS applicant_id, row_number() OVER (ORDER BY id) AS g FROM {User._meta.db_table} "
                f"WHERE email LIKE 'seeker%@bench.sipmi.id' AND id <> {seeker.pk} ORDER BY id "
                f"LIMIT {registrations - 1}) u "
                f"JOIN (SELECT id AS office_id, row_number() OVER (ORDER BY id) - 1 AS k "
                f"FROM {LabourOffice._meta.db_table}) o "
                f"ON o.k = u.g % {len(offices)}",
                {"applicant_id": "u.applicant_id", "office_id": "o.office_id",
                 "submitted_at": seconds_ago("60 * (u.g % 43200)"),
                 "created_at": seconds_ago("60 * (u.g % 43200)")},
            )  # fmt: skip
            timings["registrations"] = time.monotonic() - started

        # The company's applicants: 50 verified CPMIs applied to its first vacancy.
        verified = list(CpmiRegistration.objects.exclude(pk=template_registration.pk).select_related("applicant")[:50])
        CpmiRegistration.objects.filter(pk__in=[r.pk for r in verified]).update(
            status=RegistrationStatus.VERIFIED, decided_at=now
        )
        candidates = MigrantCandidate.objects.bulk_create(
            [
                MigrantCandidate(
                    user=r.applicant, registration=r, office_id=r.office_id, verified_at=now,
                    registration_number=f"CPMI-BENCH-{r.pk:07d}",
                )
                for r in verified
            ]
        )  # fmt: skip
        Application.objects.bulk_create(
            [Application(vacancy=template_vacancy, applicant_id=c.user_id, candidate=c) for c in candidates]
        )

        # A running job fair with the first company's 20 newest vacancies; the job seeker follows it, checked in.
        fair = factories.running_fair(name="Job Fair Nasional Bench", max_companies=companies)
        participation = FairParticipation.objects.create(
            fair=fair, agency=first_agency, status=ParticipationStatus.ACCEPTED, requested_by=owner, decided_at=now
        )
        fair_vacancies = Vacancy.objects.filter(agency=first_agency).order_by("-published_at")[:20]
        FairVacancy.objects.bulk_create(
            [FairVacancy(fair=fair, participation=participation, vacancy=v) for v in fair_vacancies]
        )
        FairFollower.objects.create(fair=fair, user=seeker, checked_in_at=now)

    started = time.monotonic()
    connection.cursor().execute("ANALYZE")
    timings["analyze"] = time.monotonic() - started

    def session(user) -> str:
        client = Client()
        client.force_login(user)
        return f"sessionid={client.cookies['sessionid'].value}"

    return {
        "vacancy": template_vacancy.pk,
        "fair": fair.pk,
        "cookies": {"seeker": session(seeker), "officer": session(officer), "owner": session(owner)},
        "counts": {
            "vacancies": Vacancy.objects.count(),
            "companies": companies,
            "job seekers": total,
            "registrations": CpmiRegistration.objects.count(),
            "offices": len(offices),
        },
        "timings": timings,
    }


# --- load -------------------------------------------------------------------------------------------------


def pages(seeded: dict) -> dict[str, tuple[str, str, str]]:
    """key -> (label, path, persona) of every page that can be measured, hello-world first."""
    from django.urls import reverse

    listing = reverse("vacancies:list")
    search = f"{listing}?{urlencode(SEARCH)}"
    api = reverse("api-vacancies")
    return {
        "hello": ("hello-world Django view", "/bench/hello/", ""),
        "list": ("public vacancy list", listing, ""),
        "search": ("vacancy search + country", search, ""),
        "detail": ("vacancy detail", reverse("vacancies:detail", args=[seeded["vacancy"]]), ""),
        # Signed in, the page is rendered for the visitor (layout, navigation badges) around the list's body, which
        # is shared with everyone through the cache (apps/vacancies/public_cache.py).
        "list-signed-in": ("public vacancy list, signed in (own layout, shared body)", listing, "seeker"),
        "search-signed-in": ("vacancy search + country, signed in (own layout, shared body)", search, "seeker"),
        # The API caches nothing: every request runs the search, reads a keyset page and serialises it.
        "api-search": ("vacancy API search + country (no cache)", f"{api}?{urlencode(API_SEARCH)}", ""),
        "deep": ("list page 50 (the deepest), signed in", f"{listing}?halaman=50", "seeker"),
        "dashboard": ("job-seeker dashboard", reverse("dashboards:dashboard_job_seeker"), "seeker"),
        "queue": ("officer CPMI queue", reverse("cpmi:queue"), "officer"),
        "applicants": ("company applicants", reverse("vacancies:applicants", args=[seeded["vacancy"]]), "owner"),
        "fair": ("job fair's vacancies", reverse("jobfairs:attend", args=[seeded["fair"]]), "seeker"),
    }


def fetch_status(port: int, path: str, cookie: str) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    if cookie:
        headers["Cookie"] = cookie
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def wrk(port: int, path: str, cookie: str, *, connections: int, seconds: int, threads: int = 2) -> dict:
    env = dict(os.environ, WRK_COOKIE=cookie)
    result = subprocess.run(  # noqa: S603 - Debian's wrk
        [shutil.which("wrk") or "/usr/bin/wrk", f"-t{min(threads, connections)}", f"-c{connections}",
         f"-d{seconds}s", "--timeout", "30s", "-s", str(BASE_DIR / "bench" / "wrk_report.lua"), f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    line = re.search(r"WRK_JSON (\{.*\})", result.stdout)
    assert line, result.stdout + result.stderr
    return json.loads(line.group(1))


def audit_appends(database_url: str) -> dict:
    """bench/audit_append.py --baseline (16 writer threads, 5 s) on its own throw-away database beside the bench one:
    audit_record's appends/s and a bare psycopg INSERT's (the ceiling of the database and disk at that moment)."""
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env["DATABASE_URL"] = database_url
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(BASE_DIR / "bench" / "audit_append.py"), "--threads", "--writers", "16", "--baseline"],
        capture_output=True, text=True, env=env, cwd=BASE_DIR, check=False,
    )  # fmt: skip
    figures = {}
    for key, pattern in (
        ("audit_record", r"audit_record.*=\s*([\d.]+)/s"),
        ("bare_insert", r"bare psycopg.*=\s*([\d.]+)/s"),
    ):
        line = re.search(pattern, result.stdout)
        figures[key] = float(line.group(1)) if line else None
    if figures["audit_record"] is None:
        figures["error"] = f"{result.stdout[-300:]} {result.stderr[-500:]}"
    return figures


# --- query plans ------------------------------------------------------------------------------------------


def explain_list(seeded: dict, path: Path) -> dict:
    """EXPLAIN of the queries the list page runs on the vacancy table, plain and searched, signed in: each page is
    rendered through the test client, then once more at another address of the same list (so its body is not in the
    cache, while the countries come from it, as on a warm server), and that request's queries are explained.
    PostgreSQL: EXPLAIN (ANALYZE, BUFFERS), whose execution times are summed; SQLite: EXPLAIN QUERY PLAN, and the
    query run once and timed. Writes the plans to `path`;
    returns {page: {"queries": n, "ms": total, "each_ms": [...]}}."""
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    known = pages(seeded)
    cookie = seeded["cookies"]["seeker"].split("=", 1)
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    summary, text = {}, []
    for key in ("list-signed-in", "search-signed-in"):
        label, url, _ = known[key]
        client = Client(HTTP_HOST="127.0.0.1", headers=headers)
        client.cookies[cookie[0]] = cookie[1]
        assert client.get(url, secure=True).status_code == 200, url
        # Another address for the same list, so its body is not the one the first request left in the cache.
        fresh = f"{url}{'&' if '?' in url else '?'}explain=1"
        with CaptureQueriesContext(connection) as captured:
            response = client.get(fresh, secure=True)
        assert response.status_code == 200, url
        statements = [query["sql"] for query in captured.captured_queries]
        text.append(f"=== {label}: {url} ({len(statements)} queries in all; those on the vacancy table below)")
        times = []
        for index, sql in enumerate(statements):
            if '"vacancies_vacancy"' not in sql or not sql.lstrip().upper().startswith("SELECT"):
                continue
            # A page read in index order is preceded by its SET LOCAL (selectors.CappedPaginator): keep it.
            setting = statements[index - 1] if index and statements[index - 1].startswith("SET LOCAL") else ""
            with transaction.atomic(), connection.cursor() as cursor:
                if setting:
                    cursor.execute(setting)
                if connection.vendor == "postgresql":
                    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                    plan = "\n".join(row[0] for row in cursor.fetchall())
                    found = re.search(r"Execution Time: ([\d.]+) ms", plan)
                    elapsed = float(found.group(1)) if found else 0.0
                else:
                    cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                    plan = "\n".join(" " * 2 * (row[1] > 0) + row[-1] for row in cursor.fetchall())
                    started = time.perf_counter()
                    cursor.execute(sql)
                    cursor.fetchall()
                    elapsed = 1000 * (time.perf_counter() - started)
            times.append(elapsed)
            text.append(
                f"\n--- query {len(times)}: {elapsed:.2f} ms\n{setting + chr(10) if setting else ''}{sql}\n{plan}"
            )
        text.append("")
        summary[key] = {"queries": len(times), "ms": round(sum(times), 2), "each_ms": [round(t, 2) for t in times]}
    path.write_text("\n".join(text))
    return summary


def main():
    args = parse_args()
    total = SCALES[args.scale]
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="sipmi-national-"))
    work.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url
    if args.database == "sqlite" and not database_url.startswith("sqlite"):
        database_url = f"sqlite:///{work / 'bench.sqlite3'}"
    sqlite = database_url.startswith("sqlite")
    env = production_env(work / "var", database_url)
    os.environ.update(env)  # this process seeds with the same settings the server runs under

    import django

    if args.skip_seed:
        sys.exit("--skip-seed needs the seed's ids; not kept between runs yet: seed again")
    if sqlite:
        database_file = Path(database_url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        for stale in (database_file, *database_file.parent.glob(database_file.name + "-*")):
            stale.unlink(missing_ok=True)
    else:
        servers.recreate_database(database_url)
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    print(f"migrated and static built in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    seeded = seed(total)
    counts = ", ".join(f"{value:,} {key}" for key, value in seeded["counts"].items())
    steps = ", ".join(f"{key} {value:.0f} s" for key, value in seeded["timings"].items())
    print(f"seeded {counts} in {time.monotonic() - started:.0f} s ({steps})")
    explained = {}
    if not args.skip_explain:
        explain_file = work / f"explain-{args.scale}-{connection.vendor}.txt"
        explained = explain_list(seeded, explain_file)
        print(f"query plans of the list and the search: {explain_file}")
    connection.close()

    known = pages(seeded)
    log = work / "gunicorn.log"
    with open(log, "w") as log_handle:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter
            [PYTHON, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{args.port}",
             f"--workers={args.workers}", "--timeout=120", "--backlog=2048"],
            cwd=BASE_DIR, env=env, stdout=log_handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    rows, one_client = [], {}
    try:
        from jobfair_peak import wait_until_answering

        wait_until_answering(args.port, server, log)

        def warm(label, path, cookie):
            for _ in range(args.workers * 3):  # every worker loads its code and templates before the clock
                status = fetch_status(args.port, path, cookie)
            if status != 200:
                sys.exit(f"{label} {path} answered {status}, not 200: see {log}")

        for key in args.pages:
            label, path, persona = known[key]
            cookie = seeded["cookies"].get(persona, "")
            warm(label, path, cookie)
            result = wrk(args.port, path, cookie, connections=args.connections, seconds=args.seconds)
            rows.append({"key": key, "page": label, "path": path, **result})
            print(f"  {label}: {result['rps']:.0f} req/s", flush=True)
        for key in args.one_client:
            label, path, persona = known[key]
            cookie = seeded["cookies"].get(persona, "")
            warm(label, path, cookie)
            result = wrk(args.port, path, cookie, connections=1, seconds=args.seconds, threads=1)
            one_client[key] = {"page": label, "path": path, **result}
            print(f"  {label}, one client: p95 {result['p95']:.1f} ms", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    if args.skip_audit or sqlite:
        appends = {"skipped": "SQLite" if sqlite else "--skip-audit"}
    else:
        appends = audit_appends(database_url)

    hello = rows[0]["rps"]
    vendor = "SQLite" if sqlite else "PostgreSQL"
    print()
    print(f"## {args.scale}, {vendor}: {counts}; gunicorn {args.workers} sync workers, wrk {args.connections} "
          f"connections, {args.seconds} s per page")  # fmt: skip
    print()
    print("| page | req/s | p50 ms | p95 ms | p99 ms | vs hello-world | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['page']} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} "
            f"| {100 * row['rps'] / hello:.1f} % | {row['errors']} |"
        )
    print()
    for result in one_client.values():
        print(f"{result['page']}, one client: p95 {result['p95']:.1f} ms, p50 {result['p50']:.1f} ms, "
              f"{result['rps']:.0f} req/s")  # fmt: skip
    for key, plan in explained.items():
        each = " + ".join(f"{ms:.1f}" for ms in plan["each_ms"])
        print(f"{known[key][0]}: {plan['queries']} queries on the vacancy table, {plan['ms']:.1f} ms ({each})")
    if "skipped" in appends:
        print(f"audit appends: not run ({appends['skipped']})")
    elif appends["audit_record"] is None:
        print(f"audit appends: failed: {appends['error']}")
    else:
        print(f"audit appends, 16 writer threads (bench/audit_append.py --threads --baseline): "
              f"{appends['audit_record']:,.0f}/s (bare INSERT: {appends['bare_insert'] or 0:,.0f}/s)")  # fmt: skip
    tracebacks = log.read_text().count("Traceback")
    print(f"server log {log}: {tracebacks} tracebacks")
    if args.json:
        search = {key: one_client[key] for key in ("search", "search-signed-in") if key in one_client}
        Path(args.json).write_text(
            json.dumps({"scale": args.scale, "rows": total, "database": connection.vendor, "counts": seeded["counts"],
                        "timings": seeded["timings"], "seconds": args.seconds, "connections": args.connections,
                        "workers": args.workers, "pages": rows, "one_client": one_client,
                        "search_one_client": search.get("search"),
                        "search_one_client_signed_in": search.get("search-signed-in"), "explain": explained,
                        "audit_appends": appends, "tracebacks": tracebacks, "work": str(work)}, indent=2)
        )  # fmt: skip


if __name__ == "__main__":
    main()
