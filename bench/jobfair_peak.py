"""A job fair's opening minute: N job seekers log in, check in, list the fair's vacancies and apply, at once,
against the real server (gunicorn, production settings, PostgreSQL). Run by hand, never by `make test`.

    .venv/bin/python bench/jobfair_peak.py [DATABASE_URL] [--users 500] [--spawn-rate 50] [--workers 4]

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/sipmi_bench; that database is DROPPED and created
again. The script migrates it, builds the static manifest with DEBUG off, seeds in bulk a running published fair
with a few accepted companies and their fair vacancies and N verified CPMIs who follow the fair (not checked in),
starts gunicorn (config.wsgi, production settings) and runs locust headless (bench/jobfair_locust.py). It prints
locust's figures per step (requests/s, p50/p95/p99, failures) and per phase (the login phase apart from the fair's
opening: check-in, list, apply, started once everyone has logged in), then checks in the database that each job seeker
has exactly one application: none lost, none duplicated.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from apps.core.tests import servers  # noqa: E402 - after the project root is on the path

PYTHON = sys.executable
BIN = Path(PYTHON).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/sipmi_bench"
PASSWORD = "Bench-Rahasia-2026"
COMPANIES = 3
VACANCIES_PER_COMPANY = 2


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database_url", nargs="?", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--users", type=int, default=500, help="concurrent job seekers (default 500)")
    parser.add_argument("--spawn-rate", type=float, default=50, help="users started per second (default 50)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--run-time", default="10m", help="locust's ceiling; the run stops when all users are done")
    parser.add_argument("--port", type=int, default=8791)
    return parser.parse_args()


def production_env(var_dir: Path, database_url: str) -> dict:
    """The production test's environment (README, Production deployment), quieter."""
    return servers.production_env(var_dir, database_url, LOG_LEVEL="WARNING")


def seed(users: int):
    """A running published fair, COMPANIES accepted P3MIs with VACANCIES_PER_COMPANY fair vacancies each (no
    certificate required, openings for everyone), and `users` verified CPMIs following the fair, not checked in.
    The people are written with bulk_create; the password is hashed once."""
    from decimal import Decimal

    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from apps.accounts.models import AccountType, User
    from apps.cpmi.models import CpmiRegistration, MigrantCandidate, RegistrationStatus
    from apps.jobfairs.models import FairFollower, FairParticipation, FairVacancy, ParticipationStatus
    from apps.vacancies.models import Vacancy, VacancyStatus
    from testing import factories

    now = timezone.now()
    organiser = factories.user(account_type=AccountType.JOBFAIR_ORGANISER, email="organiser@bench.sipmi.id")
    factories.organiser_profile(organiser)
    fair = factories.running_fair(organiser=organiser, name="Job Fair Puncak Depok", max_companies=COMPANIES)
    office = factories.office()
    for c in range(COMPANIES):
        agency = factories.agency(name=f"PT Bench Penempatan {c + 1}")
        factories.approved_officer(agency=agency, office=office)
        staff = factories.agency_member(agency=agency, email=f"company{c}@bench.sipmi.id")
        permit = factories.permit(agency=agency, quota=users)
        participation = FairParticipation.objects.create(
            fair=fair, agency=agency, status=ParticipationStatus.ACCEPTED, requested_by=staff, decided_at=now
        )
        for v in range(VACANCIES_PER_COMPANY):
            vacancy = Vacancy.objects.create(
                agency=agency,
                permit=permit,
                position=f"Caregiver {c + 1}.{v + 1}",
                sector="care",
                country="Taiwan",
                city="Taipei",
                employer_name=f"Keluarga Chen {c + 1}.{v + 1}",
                salary=Decimal("20000.00"),
                currency="TWD",
                contract_months=36,
                openings=users,
                closing_date=timezone.localdate() + datetime.timedelta(days=30),
                required_certificates="",
                description="Merawat lansia di rumah.",
                status=VacancyStatus.PUBLISHED,
                published_at=now,
                created_by=staff,
            )
            FairVacancy.objects.create(fair=fair, participation=participation, vacancy=vacancy)

    village = factories.village()
    password = make_password(PASSWORD)
    people = User.objects.bulk_create(
        [
            User(
                email=f"seeker{i}@bench.sipmi.id",
                password=password,
                full_name=f"Pencaker Bench {i}",
                nik=f"3276011403{95:02d}{i:04d}"[:16] if i < 10000 else None,
                phone=f"+62819{i:08d}",
                birth_date=datetime.date(1995, 3, 14),
                birth_place="Depok",
                sex="L",
                address_village=village,
                address_street="Jl. Margonda No. 1",
                account_type=AccountType.JOB_SEEKER,
                registry_verified_at=now,
                activated_at=now,
            )
            for i in range(users)
        ]
    )
    registrations = CpmiRegistration.objects.bulk_create(
        [
            CpmiRegistration(
                applicant=person, status=RegistrationStatus.VERIFIED, office=office, submitted_at=now, decided_at=now
            )
            for person in people
        ]
    )
    MigrantCandidate.objects.bulk_create(
        [
            MigrantCandidate(
                user=person,
                registration=registration,
                office=office,
                registration_number=f"CPMI-3276-2026-{person.pk:06d}",
                verified_at=now,
            )
            for person, registration in zip(people, registrations, strict=True)
        ]
    )
    FairFollower.objects.bulk_create([FairFollower(fair=fair, user=person) for person in people])
    return fair


def wait_until_answering(port: int, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log.read_text()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"gunicorn did not answer within {timeout} s:\n{log.read_text()}")


def warm_up(port: int, workers: int) -> None:
    """Each worker loads Django on its first request: done before the clock starts, as on a running server."""
    import http.client

    for _ in range(workers * 4):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.request("GET", "/masuk/", headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        connection.getresponse().read()
        connection.close()


def print_stats(results: Path) -> None:
    data = json.loads(results.read_text())
    print(f"{data['seconds']:.0f} s from the first user to the last one's end; req/s over that whole time")
    columns = ("requests", 8), ("errors", 6), ("req/s", 6), ("p50 ms", 7), ("p95 ms", 7), ("p99 ms", 7), ("max ms", 7)
    print(f"{'step':18} " + " ".join(f"{title:>{width}}" for title, width in columns))
    for row in data["steps"]:
        print(
            f"{row['step']:18} {row['requests']:8d} {row['failures']:6d} {row['rps']:6.1f} {row['p50']:7.0f}"
            f" {row['p95']:7.0f} {row['p99']:7.0f} {row['max']:7.0f}"
        )
    print()
    print("by phase (req/s over the phase's own time; opening = check-in, list, apply, after everyone logged in)")
    print(f"{'phase':18} {'seconds':>8} " + " ".join(f"{title:>{width}}" for title, width in columns))
    for row in data.get("phases", []):
        print(
            f"{row['phase']:18} {row['seconds']:8.1f} {row['requests']:8d} {row['failures']:6d} {row['rps']:6.1f}"
            f" {row['p50']:7.0f} {row['p95']:7.0f} {row['p99']:7.0f} {row['max']:7.0f}"
        )
    for error in data["errors"]:
        print(f"  error  {error['step']}: {error['error']} x {error['count']}")


def check_applications(fair, users: int) -> bool:
    from django.db import connection
    from django.db.models import Count

    from apps.jobfairs.models import FairFollower, FairVacancy
    from apps.vacancies.models import Application

    connection.close()  # the server changed the rows since this process last looked
    vacancies = FairVacancy.objects.filter(fair=fair).values_list("vacancy_id", flat=True)
    counts = dict(
        Application.objects.filter(vacancy_id__in=list(vacancies))
        .values_list("applicant_id")
        .annotate(n=Count("pk"))
        .values_list("applicant_id", "n")
    )
    followers = list(FairFollower.objects.filter(fair=fair).values_list("user_id", "checked_in_at"))
    checked_in = sum(1 for _, at in followers if at is not None)
    exactly_one = sum(1 for user_id, _ in followers if counts.get(user_id) == 1)
    none = sum(1 for user_id, _ in followers if user_id not in counts)
    more = sum(1 for user_id, _ in followers if counts.get(user_id, 0) > 1)
    total = sum(counts.values())
    print(f"job seekers {len(followers)}, checked in {checked_in}, applications {total}")
    print(f"exactly one application: {exactly_one}; none (lost or refused): {none}; more than one: {more}")
    ok = exactly_one == users and none == 0 and more == 0
    print("APPLICATIONS OK: none lost, none duplicated" if ok else "APPLICATIONS NOT OK")
    return ok


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="sipmi-jobfair-peak-"))
    env = production_env(work / "var", args.database_url)
    os.environ.update(env)  # this process seeds and checks with the same settings the server runs under
    sys.path.insert(0, str(BASE_DIR))

    started = time.monotonic()
    servers.recreate_database(args.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    fair = seed(args.users)
    connection.close()
    print(f"migrated, static built, seeded {args.users} job seekers in {time.monotonic() - started:.0f} s")

    log = work / "gunicorn.log"
    with open(log, "w") as log_handle:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter
            [PYTHON, "-m", "gunicorn", "config.wsgi", f"--bind=127.0.0.1:{args.port}",
             f"--workers={args.workers}", "--timeout=120", "--backlog=2048"],
            cwd=BASE_DIR, env=env, stdout=log_handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until_answering(args.port, server, log)
        warm_up(args.port, args.workers)
        prefix = work / "locust"
        locust_env = dict(os.environ, BENCH_FAIR=str(fair.pk), BENCH_PASSWORD=PASSWORD, BENCH_USERS=str(args.users))
        locust_env["BENCH_RESULTS"] = str(work / "results.json")
        command = [
            str(BIN / "locust"), "-f", str(BASE_DIR / "bench" / "jobfair_locust.py"), "--headless",
            "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.run_time,
            "-H", f"http://127.0.0.1:{args.port}", "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING",
        ]  # fmt: skip
        print(f"locust: {args.users} users, {args.spawn_rate}/s, gunicorn {args.workers} workers")
        run_started = time.monotonic()
        subprocess.run(command, cwd=BASE_DIR, env=locust_env, check=False)  # noqa: S603
        print(f"run took {time.monotonic() - run_started:.0f} s")
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    print()
    print_stats(work / "results.json")
    print()
    ok = check_applications(fair, args.users)
    tracebacks = log.read_text().count("Traceback")
    print(f"server log {log}: {tracebacks} tracebacks")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
