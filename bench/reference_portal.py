"""An open-source Django job portal served beside SIPMI, as the reference of the public vacancy list.

The portal is manjurulhoque/django-job-portal (MIT licence), its public job list (`JobListView`,
`jobs/jobs.html`). It is not vendored: fetch it next to this repository and give its folder here.

    git clone https://github.com/manjurulhoque/django-job-portal PORTAL
    git -C PORTAL checkout f6e5efb33e9aac7334a364ee46d6e2ad1321db30
    python3.11 -m venv PORTAL/.venv
    PORTAL/.venv/bin/pip install -r PORTAL/requirements.txt gunicorn
    .venv/bin/python bench/reference_portal.py --portal-dir PORTAL --rows 300 10000 --seconds 5

The list page itself needs Django, django-environ, django-cors-headers, whitenoise, django-prometheus,
social-auth-app-django and Pillow (the figures in bench/README.md were taken with Django 5.2 and these); the
rest of requirements.txt serves the portal's REST API, GraphQL, Elasticsearch and OAuth routes, which its
settings and URLs load at start-up. Where a pinned version does not install on Python 3.11, install the
package unpinned.

For each row count this module, without touching the portal's files:

1. writes into a fresh work folder a settings module that imports the portal's own settings
   (`jobs.settings`) and overrides only what a benchmark run needs: a new SQLite database in the work
   folder, DEBUG off, ALLOWED_HOSTS 127.0.0.1, plain static files storage (wrk fetches the HTML only, so the
   CSS and images it links to need not be collected) and a console-only LOGGING without file handlers;
2. writes a WSGI module that builds the portal's application and sets `JobListView.paginate_by` to the page
   size (default 20: the portal ships 5; SIPMI's list shows 20 rows), the smallest change that gives both lists
   the same page size;
3. migrates with the portal's own migrations, then seeds in bulk through its ORM (`manage.py shell -c`): one
   employer, one company where the model has companies, 8 categories and 10 tags where it has them, and `rows`
   open, published jobs with realistic fields (title, description, location, type, deadline, salary, 3 tags
   each), created over the last 60 days;
4. starts gunicorn (2 sync workers) on 127.0.0.1 for that WSGI module with the portal's interpreter
   (`PORTAL/.venv/bin/python`, or `--portal-python`), waits until the list page answers 200 and warms the
   workers up.

The command line then loads the first page of the list with Debian's wrk (bench/wrk_report.lua, the same
script and headers as bench/national.py) and prints requests/s, p50/p95/p99 and errors.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR / "bench"))
import national  # noqa: E402 - the same wrk settings and report script as SIPMI's pages

PAGE_SIZE = 20
WORKERS = 2

SETTINGS = """\
from jobs.settings import *  # noqa: F401,F403 - the portal's own settings, then the benchmark's overrides

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {database!r}}}}}
STATIC_ROOT = {static!r}
STORAGES = {{
    "default": {{"BACKEND": "django.core.files.storage.FileSystemStorage"}},
    "staticfiles": {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
}}
LOGGING = {{"version": 1, "disable_existing_loggers": False}}
"""

WSGI = """\
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()

from jobsapp.views import JobListView  # noqa: E402 - once the apps are loaded

JobListView.paginate_by = {page_size}
"""

# Runs inside the portal's `manage.py shell -c`: its models, whatever fields its commit has.
SEED = """\
import datetime, os, random
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.apps import apps
from django.contrib.auth import get_user_model

rows = int(os.environ["REFERENCE_PORTAL_ROWS"])
random.seed(12)
Job = apps.get_model("jobsapp", "Job")
fields = {field.name: field for field in Job._meta.get_fields()}
now = timezone.now()
with transaction.atomic():
    employer = get_user_model().objects.create_user(
        email="employer@example.com", password="not-used-0", role="employer", first_name="Rina", last_name="Wijaya"
    )
    company = None
    if "company" in fields and fields["company"].is_relation:
        company = fields["company"].related_model.objects.create(
            user=employer, name="PT Mitra Karya Global", description="Recruiting for manufacturing and care work.",
            website="https://example.com", industry="Manufacturing",
        )
    categories = [None]
    if "category" in fields and fields["category"].is_relation:
        model = fields["category"].related_model
        categories = [
            model.objects.create(name=name, description=name + " jobs")
            for name in ["Manufacturing", "Caregiving", "Hospitality", "Construction", "Agriculture",
                         "Fisheries", "Cleaning services", "Welding"]
        ]
    titles = ["Caregiver", "Production Operator", "Cook", "Construction Worker", "Ship Crew", "Waiter",
              "Cleaner", "Welder", "Fruit Picker", "Warehouse Staff"]
    locations = ["Taipei, Taiwan", "Hong Kong", "Kuala Lumpur, Malaysia", "Singapore", "Osaka, Japan",
                 "Busan, South Korea", "Riyadh, Saudi Arabia", "Dubai, UAE"]
    type_field = fields["type"]
    types = [value for value, _ in type_field.choices] if type_field.choices else ["1"]
    jobs = []
    for number in range(rows):
        title = random.choice(titles)
        values = {
            "user": employer,
            "title": f"{title} {number + 1}",
            "description": f"We are hiring a {title.lower()} for a long-term contract. Accommodation provided; "
                           "two years, renewable. Applicants must be 21-45 and medically fit.",
            "location": random.choice(locations),
            "type": random.choice(types),
            "created_at": now - datetime.timedelta(minutes=random.randint(0, 60 * 24 * 60)),
            "salary": random.randint(800, 2500),
            "vacancy": random.randint(1, 30),
            "filled": False,
            "website": "https://example.com",
        }
        deadline = now + datetime.timedelta(days=random.randint(10, 90))
        optional = {
            "company": company,
            "company_name": "PT Mitra Karya Global",
            "company_description": "Recruiting for manufacturing and care work.",
            "last_date": deadline,
            "application_deadline": deadline,
            "status": "published",
            "slug": f"{title.lower().replace(' ', '-')}-{number + 1}",
            "responsibilities": "Follow the employer's work plan and safety rules.",
            "requirements": "Junior high school or above; basic English or Mandarin.",
            "salary_min": values["salary"],
            "salary_max": values["salary"] + 300,
        }
        values.update({name: value for name, value in optional.items() if name in fields})
        if "category" in fields:
            category = random.choice(categories)
            values["category"] = category if fields["category"].is_relation else title
        jobs.append(Job(**values))
    jobs = Job.objects.bulk_create(jobs, batch_size=2000)
    if "tags" in fields:
        tag_model = fields["tags"].related_model
        tags = [tag_model.objects.create(name=name) for name in
                ["Mandarin", "English", "Caregiving", "Forklift", "Welding", "Cooking", "Cleaning",
                 "Night shift", "Dormitory", "Overtime"]]
        through = Job.tags.through
        links = [through(job_id=job.pk, tag_id=tag.pk) for job in jobs for tag in random.sample(tags, 3)]
        through.objects.bulk_create(links, batch_size=5000)
translation.activate(settings.LANGUAGE_CODE)
print("LIST_PATH=" + reverse("jobs:jobs"))
print("JOBS=%d" % Job.objects.count())
"""


def portal_python(portal_dir: Path, override: str | None = None) -> str:
    python = override or str(portal_dir / ".venv" / "bin" / "python")
    if not Path(python).exists():
        sys.exit(f"{python} does not exist: create the portal's venv (see this module's docstring)")
    return python


def portal_env(portal_dir: Path, work: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    env["PYTHONPATH"] = os.pathsep.join([str(work), str(portal_dir)])
    env["DJANGO_SETTINGS_MODULE"] = "reference_settings"
    env["DEBUG"] = "False"
    return env


def prepare_and_start(
    portal_dir: Path,
    rows: int,
    port: int,
    work: Path,
    *,
    python: str | None = None,
    page_size: int = PAGE_SIZE,
    workers: int = WORKERS,
) -> tuple[subprocess.Popen, str]:
    """A fresh database with `rows` open jobs, the portal served by gunicorn on 127.0.0.1:port; (server, list path)."""
    portal_dir = portal_dir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    database = work / "portal.sqlite3"
    database.unlink(missing_ok=True)
    (work / "reference_settings.py").write_text(SETTINGS.format(database=str(database), static=str(work / "static")))
    (work / "reference_wsgi.py").write_text(WSGI.format(page_size=page_size))
    python = portal_python(portal_dir, python)
    env = portal_env(portal_dir, work)

    def manage(*args: str) -> str:
        result = subprocess.run(  # noqa: S603 - the portal's own interpreter and manage.py
            [python, "manage.py", *args], cwd=portal_dir, env=env, capture_output=True, text=True, check=False
        )
        if result.returncode:
            sys.exit(f"manage.py {args[0]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        return result.stdout

    env["REFERENCE_PORTAL_ROWS"] = str(rows)
    manage("migrate", "--noinput")
    seeded = manage("shell", "-c", SEED)
    list_path = re.search(r"LIST_PATH=(\S+)", seeded).group(1)
    log = work / "gunicorn.log"
    with open(log, "w") as log_handle:
        server = subprocess.Popen(  # noqa: S603 - the portal's own interpreter
            [python, "-m", "gunicorn", "reference_wsgi:application", f"--bind=127.0.0.1:{port}",
             f"--workers={workers}", "--worker-class=sync", "--timeout=120", "--backlog=2048"],
            cwd=portal_dir, env=env, stdout=log_handle, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for_200(port, list_path, server, log)
        for _ in range(workers * 3):  # every worker loads its code and templates before the clock
            wait_for_200(port, list_path, server, log)
    except BaseException:
        stop(server)
        raise
    return server, list_path


def wait_for_200(port: int, path: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    status = None
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn exited with {server.returncode}: see {log}\n{log.read_text()[-3000:]}")
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
                response.read()
                return
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    sys.exit(f"{path} did not answer 200 within {timeout:.0f} s (last status {status}): see {log}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portal-dir", type=Path, required=True, help="a checkout of django-job-portal")
    parser.add_argument("--portal-python", help="its interpreter (default PORTAL/.venv/bin/python)")
    parser.add_argument("--rows", type=int, nargs="+", default=[300, 10_000], help="job counts (default 300 10000)")
    parser.add_argument("--seconds", type=int, default=5, help="wrk's duration (default 5)")
    parser.add_argument("--connections", type=int, default=16, help="wrk's connections (default 16)")
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE, help=f"rows per page (default {PAGE_SIZE})")
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (database, logs)")
    return parser.parse_args()


def main():
    args = parse_args()
    results = []
    for rows in args.rows:
        work = Path(tempfile.mkdtemp(prefix="reference-portal-"))
        started = time.monotonic()
        server, path = prepare_and_start(
            args.portal_dir, rows, args.port, work, python=args.portal_python, page_size=args.page_size
        )
        try:
            print(f"{rows:,} jobs seeded and served in {time.monotonic() - started:.0f} s; loading {path}", flush=True)
            result = national.wrk(args.port, path, "", connections=args.connections, seconds=args.seconds)
            results.append((rows, path, result))
        finally:
            stop(server)
            if args.keep:
                print(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"## reference portal, {args.page_size} rows per page; gunicorn {WORKERS} sync workers, SQLite, DEBUG off, "
          f"wrk {args.connections} connections, {args.seconds} s")  # fmt: skip
    print()
    print("| jobs | page | req/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for rows, path, row in results:
        print(
            f"| {rows:,} | `{path}` | {row['rps']:,.0f} | {row['p50']:.1f} | {row['p95']:.1f} | {row['p99']:.1f} "
            f"| {row['errors']} |"
        )


if __name__ == "__main__":
    main()
