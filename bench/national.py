"""SIPMI at national scale: seed PostgreSQL in bulk, serve it with gunicorn (production settings, 2 sync workers)
and load the key pages with wrk, each against a hello-world Django view served the same way in the same run.
Run by hand (`make bench SCALE=10k`), never by `make test`.

    .venv/bin/python bench/national.py --scale 10k|100k|1m [--database-url URL] [--seconds 10] [--connections 16]

The database (default postgres://postgres@127.0.0.1:5432/sipmi_bench_national, or BENCH_DATABASE_URL) is DROPPED
and created again. At `--scale 1m`: 1,000,000 published vacancies of 500 companies in 40 destination countries,
1,000,000 job-seeker accounts and 100,000 CPMI registrations submitted to every labour office; 10k and 100k scale
the counts down (companies: one per 2,000 vacancies, at least 5). The rows are written by INSERT ... SELECT over
generate_series, each cloned from one row made through the factories (so a column added later is filled from that
row), then ANALYZEd. Prints, per page, requests/s and p50/p95/p99 under `--connections` connections, the ratio to
hello-world, one client's p95 of the search, and the audit log's appends/s with 16 concurrent writers
(bench/audit_append.py on its own throw-away database next to this one).
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
SCALES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
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


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=SCALES, default="10k")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per page (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections (default 16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--port", type=int, default=8106)
    parser.add_argument("--skip-seed", action="store_true", help="reuse the database a previous run seeded")
    parser.add_argument("--skip-audit", action="store_true", help="leave out the audit-append benchmark")
    parser.add_argument("--json", help="also write the figures to this file")
    return parser.parse_args()


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


def columns(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id' "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",  # a generated column (search_document) computes itself
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


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


def sql_array(values: list[str]) -> str:
    return "ARRAY[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


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
                cursor, PlacementAgency, first_agency.pk, f"generate_series(2, {companies}) g",
                {"name": "'PT Bench Penempatan ' || g", "nib": "'77' || lpad(g::text, 11, '0')",
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
                f"generate_series(2, {total}) g JOIN (SELECT id AS permit_id, agency_id, "
                f"row_number() OVER (ORDER BY id) - 1 AS k FROM {RecruitmentPermit._meta.db_table}) p "
                f"ON p.k = g % {companies}",
                {
                    "agency_id": "p.agency_id", "permit_id": "p.permit_id",
                    "country": f"({sql_array(COUNTRIES)})[1 + g % {len(COUNTRIES)}]",
                    "position": f"({sql_array(POSITIONS)})[1 + (g / 7) % {len(POSITIONS)}]",
                    "employer_name": f"'Keluarga ' || ({sql_array(SURNAMES)})[1 + (g / 3) % 10] || ' ' || g",
                    "sector": "(ARRAY['care', 'manufacturing', 'hospitality', 'construction'])[1 + g % 4]",
                    "salary": "15000 + (g % 20) * 500",
                    "published_at": "now() - make_interval(secs => g)",
                    "closing_date": "current_date + 1 + g % 90",
                },
            )  # fmt: skip
            timings["vacancies"] = time.monotonic() - started
            # Job-seeker accounts: same password, address and registry check as the template one.
            started = time.monotonic()
            clone(
                cursor, User, seeker.pk, f"generate_series(2, {total}) g",
                {"email": "'seeker' || g || '@bench.sipmi.id'", "nik": "'9' || lpad(g::text, 15, '0')",
                 "phone": "'+6289' || lpad(g::text, 10, '0')", "full_name": "'Pencaker Bench ' || g"},
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
                 "submitted_at": "now() - make_interval(mins => (u.g % 43200)::int)",
                 "created_at": "now() - make_interval(mins => (u.g % 43200)::int)"},
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


def pages(seeded: dict) -> list[tuple[str, str, str]]:
    """(label, path, persona) of every page measured, hello-world first."""
    from django.urls import reverse

    return [
        ("hello-world Django view", "/bench/hello/", ""),
        ("public vacancy list", reverse("vacancies:list"), ""),
        ("vacancy search + country", f"{reverse('vacancies:list')}?{urlencode(SEARCH)}", ""),
        ("vacancy detail", reverse("vacancies:detail", args=[seeded["vacancy"]]), ""),
        # Signed in, the public pages are not cached: these rows measure the queries and the rendering.
        ("public vacancy list, signed in (no cache)", reverse("vacancies:list"), "seeker"),
        (
            "vacancy search + country, signed in (no cache)",
            f"{reverse('vacancies:list')}?{urlencode(SEARCH)}",
            "seeker",
        ),
        ("list page 50 (the deepest), signed in", f"{reverse('vacancies:list')}?halaman=50", "seeker"),
        ("job-seeker dashboard", reverse("dashboards:dashboard_job_seeker"), "seeker"),
        ("officer CPMI queue", reverse("cpmi:queue"), "officer"),
        ("company applicants", reverse("vacancies:applicants", args=[seeded["vacancy"]]), "owner"),
        ("job fair's vacancies", reverse("jobfairs:attend", args=[seeded["fair"]]), "seeker"),
    ]


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


def audit_appends(database_url: str) -> str:
    """bench/audit_append.py (16 writer threads, 5 s) on its own throw-away database beside the bench one."""
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env["DATABASE_URL"] = database_url
    result = subprocess.run(  # noqa: S603
        [PYTHON, str(BASE_DIR / "bench" / "audit_append.py"), "--threads", "--writers", "16"],
        capture_output=True, text=True, env=env, cwd=BASE_DIR, check=False,
    )  # fmt: skip
    line = re.search(r"audit_record.*=\s*([\d.]+)/s", result.stdout)
    return line.group(1) if line else f"failed: {result.stdout[-300:]} {result.stderr[-500:]}"


def main():
    args = parse_args()
    total = SCALES[args.scale]
    work = Path(tempfile.mkdtemp(prefix="sipmi-national-"))
    env = production_env(work / "var", args.database_url)
    os.environ.update(env)  # this process seeds with the same settings the server runs under

    import django

    if not args.skip_seed:
        servers.recreate_database(args.database_url)
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    started = time.monotonic()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    print(f"migrated and static built in {time.monotonic() - started:.0f} s")
    started = time.monotonic()
    if args.skip_seed:
        sys.exit("--skip-seed needs the seed's ids; not kept between runs yet: seed again")
    seeded = seed(total)
    connection.close()
    counts = ", ".join(f"{value:,} {key}" for key, value in seeded["counts"].items())
    steps = ", ".join(f"{key} {value:.0f} s" for key, value in seeded["timings"].items())
    print(f"seeded {counts} in {time.monotonic() - started:.0f} s ({steps})")

    log = work / "gunicorn.log"
    with open(log, "w") as log_handle:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter
            [PYTHON, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{args.port}",
             f"--workers={args.workers}", "--timeout=120", "--backlog=2048"],
            cwd=BASE_DIR, env=env, stdout=log_handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    rows = []
    try:
        from jobfair_peak import wait_until_answering

        wait_until_answering(args.port, server, log)
        for label, path, persona in pages(seeded):
            cookie = seeded["cookies"].get(persona, "")
            for _ in range(args.workers * 3):  # every worker loads its code and templates before the clock
                status = fetch_status(args.port, path, cookie)
            if status != 200:
                sys.exit(f"{label} {path} answered {status}, not 200: see {log}")
            result = wrk(args.port, path, cookie, connections=args.connections, seconds=args.seconds)
            rows.append({"page": label, "path": path, **result})
            print(f"  {label}: {result['rps']:.0f} req/s", flush=True)
        search_path = pages(seeded)[2][1]
        one_client = wrk(args.port, search_path, "", connections=1, seconds=args.seconds, threads=1)
        one_client_signed_in = wrk(
            args.port, search_path, seeded["cookies"]["seeker"], connections=1, seconds=args.seconds, threads=1
        )
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    appends = "not run" if args.skip_audit else audit_appends(args.database_url)

    hello = rows[0]["rps"]
    print()
    print(f"## {args.scale}: {counts}; gunicorn {args.workers} sync workers, wrk {args.connections} connections, "
          f"{args.seconds} s per page")  # fmt: skip
    print()
    print("| page | req/s | p50 ms | p95 ms | p99 ms | vs hello-world | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['page']} | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} "
            f"| {100 * row['rps'] / hello:.1f} % | {row['errors']} |"
        )
    print()
    print(f"vacancy search ({urlencode(SEARCH)}), one client: p95 {one_client['p95']:.1f} ms, "
          f"p50 {one_client['p50']:.1f} ms, {one_client['rps']:.0f} req/s")  # fmt: skip
    print(f"the same, signed in (no cache), one client: p95 {one_client_signed_in['p95']:.1f} ms, "
          f"p50 {one_client_signed_in['p50']:.1f} ms, {one_client_signed_in['rps']:.0f} req/s")  # fmt: skip
    print(f"audit appends, 16 writer threads (bench/audit_append.py --threads): {appends}/s")
    tracebacks = log.read_text().count("Traceback")
    print(f"server log {log}: {tracebacks} tracebacks")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"scale": args.scale, "counts": seeded["counts"], "timings": seeded["timings"],
                        "pages": rows, "search_one_client": one_client,
                        "search_one_client_signed_in": one_client_signed_in, "audit_appends_per_s": appends}, indent=2)
        )  # fmt: skip


if __name__ == "__main__":
    main()
