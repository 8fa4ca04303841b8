"""Every figure of the national-scale table in one command: runs bench/national.py on fresh databases, one after the
other, and prints the table (what | SIPMI | reference in the same run) and the targets, each marked met or not met.
Run by hand (`make bench-report`), never by `make test`.

    .venv/bin/python bench/report.py [--seconds 10] [--scales sqlite-300,sqlite-10k,pg-10k,pg-100k,pg-1m]
        [--portal-dir DIR] [--database-url URL] [--port 8106] [--out DIR] [--keep-database]

Runs (each on a new database: a SQLite file in its folder, or the PostgreSQL database at --database-url, default
BENCH_DATABASE_URL, DROPPED and created again, and dropped at the end unless --keep-database):
- sqlite-300, sqlite-10k: the public list under 16 connections, anonymous (page cache) and signed in (own layout),
  beside hello-world; with --portal-dir (or BENCH_PORTAL_DIR), the reference job portal checked out there serves
  its own job list with as many rows (bench/reference_portal.py), loaded with the same wrk settings;
- pg-10k, pg-100k, pg-1m: every page of national.py under 16 connections, one client's p95 of the search, the plain
  list and the officer queue, EXPLAIN ANALYZE of the list's queries, audit appends with 16 writers.
1m seeds in about 90 s; the whole report takes about 20 minutes on 2 cores with the default 10 s per page.
The report (report.md), each run's figures (<run>.json) and folder (query plans, server log) stay in --out.
"""

import argparse
import datetime
import importlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BENCH_DIR))
import national  # noqa: E402 - after bench/ is on the path (as when national.py runs itself)

# run -> (database, national.py's scale)
RUNS = {
    "sqlite-300": ("sqlite", "300"),
    "sqlite-10k": ("sqlite", "10k"),
    "pg-10k": ("postgresql", "10k"),
    "pg-100k": ("postgresql", "100k"),
    "pg-1m": ("postgresql", "1m"),
}
SQLITE_PAGES = "hello,list,list-signed-in"
ONE_CLIENT = national.ONE_CLIENT
PORTAL_PAGE_SIZE = 20  # SIPMI's PAGE_SIZE; the reference portal is seeded to list as many per page


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10, help="wrk's duration per page (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--scales", default=",".join(RUNS), help=f"runs, of {','.join(RUNS)} (default: all)")
    parser.add_argument("--portal-dir", default=os.environ.get("BENCH_PORTAL_DIR"), help="reference job portal")
    parser.add_argument("--database-url", default=national.DEFAULT_DATABASE_URL)
    parser.add_argument("--port", type=int, default=8106, help="SIPMI's port; the reference portal's is the next one")
    parser.add_argument("--out", help="the report's folder (default: a new temporary one)")
    parser.add_argument("--skip-audit", action="store_true", help="leave out the audit appends")
    parser.add_argument("--keep-database", action="store_true", help="keep the last PostgreSQL run's database")
    args = parser.parse_args()
    args.scales = [run for run in args.scales.split(",") if run]
    unknown = set(args.scales) - set(RUNS)
    if unknown:
        parser.error(f"--scales: no run {', '.join(sorted(unknown))} (runs: {', '.join(RUNS)})")
    return args


def run_national(run: str, args, out: Path) -> dict:
    database, scale = RUNS[run]
    figures = out / f"{run}.json"
    command = [
        national.PYTHON, str(BENCH_DIR / "national.py"), "--scale", scale, "--database", database,
        "--seconds", str(args.seconds), "--connections", str(args.connections),
        "--port", str(args.port), "--work", str(out / run), "--json", str(figures),
    ]  # fmt: skip
    if database == "sqlite":
        command += ["--pages", SQLITE_PAGES, "--one-client", ""]
    else:
        command += ["--database-url", args.database_url, "--one-client", ONE_CLIENT]
        if args.skip_audit:
            command.append("--skip-audit")
    print(f"\n### {run}: {' '.join(command[1:])}", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=BASE_DIR, check=False)  # noqa: S603 - our own interpreter and script
    if result.returncode != 0 or not figures.exists():
        return {"error": f"national.py exited with {result.returncode}"}
    data = json.loads(figures.read_text())
    data["minutes"] = (time.monotonic() - started) / 60
    return data


def wait_for_port(port: int, process, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the portal's server exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the portal's server did not answer on port {port} within {timeout:.0f} s")


def run_portal(portal_dir: Path, rows: int, args, out: Path) -> dict:
    """The reference portal's job list with `rows` jobs, under the same wrk settings as SIPMI's list."""
    try:
        portal = importlib.import_module("bench.reference_portal")
        work = out / f"portal-{rows}"
        work.mkdir(parents=True, exist_ok=True)
        port = args.port + 1
        print(f"\n### reference portal, {rows:,} jobs: {portal_dir}", flush=True)
        process, path = portal.prepare_and_start(portal_dir, rows, port, work)
        try:
            wait_for_port(port, process)
            for _ in range(6):  # warm every worker, as for SIPMI's pages
                status = national.fetch_status(port, path, "")
            if status != 200:
                raise RuntimeError(f"{path} answered {status}, not 200")
            result = national.wrk(port, path, "", connections=args.connections, seconds=args.seconds)
        finally:
            portal.stop(process)
        print(f"  reference portal's job list ({path}): {result['rps']:.0f} req/s", flush=True)
        return {"path": path, **result}
    except Exception as error:  # noqa: BLE001 - the report goes on without the reference; the cause is printed
        print(f"  reference portal failed: {error!r}", flush=True)
        return {"error": f"{type(error).__name__}: {error}"}


def drop_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


# --- the report -------------------------------------------------------------------------------------------


def number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.1f}"


def times(value: float) -> str:
    """A ratio: two decimals below 1 (0.06×), one above (12.3×)."""
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×"


def page(run: dict, key: str) -> dict | None:
    return next((row for row in run.get("pages", []) if row["key"] == key), None)


def hello(run: dict) -> float:
    return page(run, "hello")["rps"]


def mark(met: bool | None) -> str:
    return {True: "**met**", False: "**not met**", None: "not measured"}[met]


def list_row(name: str, run: dict | None, portal: dict | None, portal_note: str) -> tuple[str, str, str]:
    database, scale = RUNS[name]
    what = f"public vacancy list, {national.SCALES[scale]:,} rows, SQLite, {{c}} connections"
    if not run or "error" in run:
        return what, f"not run ({run['error'] if run else 'not in --scales'})", ""
    anonymous, signed_in = page(run, "list"), page(run, "list-signed-in")
    sipmi = (
        f"**{number(anonymous['rps'])} req/s** anonymous (page cache); "
        f"{number(signed_in['rps'])} req/s signed in (own layout, shared body)"
    )
    reference = (
        f"hello-world {number(hello(run))} req/s (SIPMI {100 * anonymous['rps'] / hello(run):.1f} %, "
        f"signed in {100 * signed_in['rps'] / hello(run):.1f} %); "
    )
    if portal is None:
        reference += f"reference portal: {portal_note}"
    elif "error" in portal:
        reference += f"reference portal: failed ({portal['error']})"
    else:
        reference += (
            f"reference portal at {PORTAL_PAGE_SIZE} rows per page {number(portal['rps'])} req/s (SIPMI "
            f"**{times(anonymous['rps'] / portal['rps'])}**, signed in {times(signed_in['rps'] / portal['rps'])})"
        )
    return what, sipmi, reference


def build_report(args, runs: dict, portals: dict, started: datetime.datetime, loads: list) -> str:
    lines = []
    add = lines.append
    postgres = [(name, runs[name]) for name in RUNS if name.startswith("pg-") and "pages" in runs.get(name, {})]
    portal_note = "not run (--portal-dir not given)" if not args.portal_dir else "not run"
    add(f"# National-scale benchmark, {started:%Y-%m-%d %H:%M} UTC")
    add("")
    add(
        f"{os.cpu_count()} cores; gunicorn 2 sync workers (production settings); wrk {args.connections} connections, "
        f"{args.seconds} s per page; load average {loads[0]:.1f} before, {loads[-1]:.1f} after. Runs: "
        + ", ".join(
            f"{name} ({run['minutes']:.0f} min)" if "minutes" in run else f"{name} (failed)"
            for name, run in runs.items()
        )
        + "."
    )
    add("")
    add("| what | SIPMI | reference in the same run |")
    add("|---|---|---|")
    for name in ("sqlite-300", "sqlite-10k"):
        rows = national.SCALES[RUNS[name][1]]
        what, sipmi, reference = list_row(name, runs.get(name), portals.get(rows), portal_note)
        add(f"| {what.format(c=args.connections)} | {sipmi} | {reference} |")

    def by_scale(values: list[str]) -> str:
        return "; ".join(values) if values else "not run"

    search, plain, queue, queue_load, audit, ceiling = [], [], [], [], [], []
    for name, run in postgres:
        scale = RUNS[name][1]
        one = run["one_client"]
        if "search" in one and "search-signed-in" in one:
            search.append(
                f"{scale}: **{number(one['search-signed-in']['p95'])} ms** signed in, "
                f"{number(one['search']['p95'])} ms anonymous"
                + (f", {number(one['api-search']['p95'])} ms API (no cache)" if "api-search" in one else "")
            )
        if "list-signed-in" in one:
            plain.append(f"{scale}: {number(one['list-signed-in']['p95'])} ms")
        if "queue" in one:
            queue.append(
                f"{run['counts']['registrations']:,} registrations ({scale}): **{number(one['queue']['p95'])} ms**"
            )
        row = page(run, "queue")
        if row:
            queue_load.append(
                f"{scale}: {number(row['rps'])} req/s under {args.connections} connections "
                f"({100 * row['rps'] / hello(run):.1f} % of hello-world)"
            )
        appends = run.get("audit_appends", {})
        if appends.get("audit_record"):
            audit.append(f"{scale}: **{appends['audit_record']:,.0f}/s**")
            ceiling.append(f"{scale}: {appends['bare_insert'] or 0:,.0f}/s")
    add(
        f"| vacancy search (keyword + country), PostgreSQL, one client, p95 | {by_scale(search)} "
        f"| plain list, signed in, one client, p95: {by_scale(plain)} |"
    )
    add(f"| officer CPMI queue, one client, p95 | {by_scale(queue)} | {by_scale(queue_load)} |")
    add(
        f"| audit appends, 16 writer threads, PostgreSQL | {by_scale(audit)} "
        f"| bare psycopg INSERT of the same row: {by_scale(ceiling)} |"
    )
    add("")
    add("## Targets")
    add("")
    for line in targets(args, runs, portals, postgres):
        add(f"- {line}")
    add("")
    add("## Runs")
    for name, run in runs.items():
        add("")
        if "pages" not in run:
            add(f"### {name}: {run.get('error', 'failed')}")
            continue
        counts = ", ".join(f"{value:,} {key}" for key, value in run["counts"].items())
        add(f"### {name}: {counts}")
        add("")
        add("| page | req/s | p50 / p95 / p99 ms | vs hello-world | errors |")
        add("|---|---:|---|---:|---:|")
        for row in run["pages"]:
            add(
                f"| {row['page']} | {number(row['rps'])} | {row['p50']:.0f} / {row['p95']:.0f} / {row['p99']:.0f} "
                f"| {100 * row['rps'] / hello(run):.1f} % | {row['errors']} |"
            )
        add("")
        for result in run["one_client"].values():
            add(f"- one client, {result['page']}: p50 {result['p50']:.1f} ms, p95 {result['p95']:.1f} ms")
        for key, plan in run.get("explain", {}).items():
            each = " + ".join(f"{ms:.1f}" for ms in plan["each_ms"])
            add(f"- EXPLAIN, {key}: {plan['queries']} queries on the vacancy table, {plan['ms']:.1f} ms ({each})")
        add(f"- query plans and server log ({run['tracebacks']} tracebacks): {run['work']}")
    return "\n".join(lines) + "\n"


def targets(args, runs: dict, portals: dict, postgres: list) -> list[str]:
    lines = []
    largest = postgres[-1] if postgres else None
    one_m = runs.get("pg-1m") if "pages" in runs.get("pg-1m", {}) else None
    ten_k = runs.get("pg-10k") if "pages" in runs.get("pg-10k", {}) else None

    for key, how in (
        ("search-signed-in", "signed in (own layout, shared body)"),
        ("search", "anonymous (page cache)"),
        ("api-search", "API (no cache)"),
    ):
        if one_m and key in one_m["one_client"]:
            p95 = one_m["one_client"][key]["p95"]
            lines.append(f"Vacancy search p95 < 50 ms at 1M, one client, {how}: {p95:.1f} ms, {mark(p95 < 50)}")
        elif largest and key in largest[1]["one_client"]:
            p95 = largest[1]["one_client"][key]["p95"]
            lines.append(
                f"Vacancy search p95 < 50 ms at 1M, one client, {how}: {mark(None)} (pg-1m not run; "
                f"{RUNS[largest[0]][1]}: {p95:.1f} ms)"
            )
        else:
            lines.append(f"Vacancy search p95 < 50 ms at 1M, one client, {how}: {mark(None)}")

    for key, how in (("list-signed-in", "signed in"), ("list", "anonymous")):
        base = ten_k and page(ten_k, key)
        if base and one_m and page(one_m, key):
            ratio = base["rps"] / page(one_m, key)["rps"]
            lines.append(
                f"Plain list's cost at 1M within 1.5× of 10k, {how}: {times(ratio)} "
                f"({number(base['rps'])} → {number(page(one_m, key)['rps'])} req/s), {mark(ratio <= 1.5)}"
            )
        elif base and largest and largest[0] != "pg-10k" and page(largest[1], key):
            ratio = base["rps"] / page(largest[1], key)["rps"]
            lines.append(
                f"Plain list's cost at 1M within 1.5× of 10k, {how}: {mark(None)} (pg-1m not run; "
                f"{RUNS[largest[0]][1]} vs 10k: {times(ratio)})"
            )
        else:
            lines.append(f"Plain list's cost at 1M within 1.5× of 10k, {how}: {mark(None)} (needs pg-10k and pg-1m)")

    for name in ("sqlite-10k", "pg-10k"):
        run = runs.get(name, {})
        if "pages" in run:
            share = 100 * page(run, "list")["rps"] / hello(run)
            lines.append(
                f"Anonymous vacancy list at 10k rows ≥ 25 % of hello-world ({name}): {share:.1f} %, {mark(share >= 25)}"
            )
        else:
            lines.append(f"Anonymous vacancy list at 10k rows ≥ 25 % of hello-world ({name}): {mark(None)}")

    run, portal = runs.get("sqlite-10k", {}), portals.get(10_000)
    if "pages" in run and portal and "rps" in portal:
        ratio = page(run, "list")["rps"] / portal["rps"]
        lines.append(
            f"Anonymous vacancy list at 10k rows ≥ 10× the reference portal at {PORTAL_PAGE_SIZE} rows per page "
            f"(SQLite): {times(ratio)}, {mark(ratio >= 10)}"
        )
    else:
        why = "--portal-dir not given" if not args.portal_dir else "needs sqlite-10k and the portal's run"
        lines.append(f"Anonymous vacancy list at 10k rows ≥ 10× the reference portal: {mark(None)} ({why})")

    appends = [
        (RUNS[name][1], run["audit_appends"]["audit_record"])
        for name, run in postgres
        if run.get("audit_appends", {}).get("audit_record")
    ]
    if appends:
        figures = ", ".join(f"{scale}: {rate:,.0f}/s" for scale, rate in appends)
        lines.append(
            f"Audit appends ≥ 2,000/s with 16 writers on PostgreSQL: {figures}, "
            f"{mark(all(rate >= 2000 for _, rate in appends))}"
        )
    else:
        lines.append(f"Audit appends ≥ 2,000/s with 16 writers on PostgreSQL: {mark(None)}")
    lines.append("Query counts flat in data size: checked by the test suite (`django_assert_max_num_queries`)")
    return lines


def main():
    args = parse_args()
    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="sipmi-bench-report-"))
    out.mkdir(parents=True, exist_ok=True)
    started = datetime.datetime.now(datetime.UTC)
    loads = [os.getloadavg()[0]]
    runs, portals = {}, {}
    try:
        for name in args.scales:
            runs[name] = run_national(name, args, out)
            database, scale = RUNS[name]
            if database == "sqlite" and args.portal_dir:
                rows = national.SCALES[scale]
                portals[rows] = run_portal(Path(args.portal_dir), rows, args, out)
    finally:
        if any(RUNS[name][0] == "postgresql" for name in runs) and not args.keep_database:
            drop_database(args.database_url)
    loads.append(os.getloadavg()[0])
    report = build_report(args, runs, portals, started, loads)
    (out / "report.md").write_text(report)
    print()
    print(report)
    print(f"written to {out / 'report.md'}")


if __name__ == "__main__":
    main()
