#!/usr/bin/env bash
# The whole suite on SQLite, then on PostgreSQL. PostgreSQL is the one at TEST_POSTGRES_URL when it answers,
# otherwise a throw-away cluster under var/ (Debian's `postgresql` package; `make test` installs it), stopped
# at exit. Fails when the PostgreSQL pass did not run: the race tests only run there.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=config.test_settings
unset DATABASE_URL
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/sipmi}
WORKERS=${TEST_WORKERS:-2}
# Small batches to the workers: the slow tests collected first (conftest.py) are shared between them instead of
# all going to the first worker's opening batch of a quarter of the suite.
XDIST="-n ${WORKERS} --maxschedchunk=4"
CLUSTER=var/pg-test

$BIN/ruff check . && $BIN/ruff format --check --quiet . && $BIN/lint-imports || exit 1

answers() {
  $BIN/python -c "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "${1%/*}/postgres" 2>/dev/null
}

# Redis at 127.0.0.1:6379 for the two-node and scheduler tests (they use their own database numbers): a
# throw-away one (no persistence) when none answers there.
cleanup() { :; }
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "=== No Redis answers at 127.0.0.1:6379: starting a throw-away one ==="
  mkdir -p var
  redis-server --bind 127.0.0.1 --port 6379 --save "" --appendonly no --daemonize yes \
    --pidfile "$PWD/var/redis-test.pid" --logfile "$PWD/var/redis-test.log" || exit 1
  cleanup() { redis-cli -h 127.0.0.1 -p 6379 shutdown nosave >/dev/null 2>&1; }
  trap cleanup EXIT
fi

if answers "$PG_URL"; then
  pg_source="at ${PG_URL}"
else
  port=$($BIN/python -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
  echo "=== No PostgreSQL answers at ${PG_URL}: starting a throw-away one under ${CLUSTER} (port ${port}) ==="
  scripts/pg-cluster.sh stop "$CLUSTER"  # what an interrupted run left behind
  trap 'scripts/pg-cluster.sh stop "$CLUSTER"; cleanup' EXIT
  if ! scripts/pg-cluster.sh start "$CLUSTER" "$port" fsync=off synchronous_commit=off full_page_writes=off; then
    echo "FAILED: could not start a throw-away PostgreSQL (is Debian's postgresql package installed?)" >&2
    exit 1
  fi
  PG_URL="postgres://postgres@127.0.0.1:${port}/sipmi"
  pg_source="throw-away under ${CLUSTER}"
fi

echo "=== Test suite on SQLite (tests marked postgres_only are left out: they run in the PostgreSQL pass) ==="
$BIN/pytest $XDIST -q -rs "$@"
sqlite_status=$?

echo "=== Test suite on PostgreSQL (${pg_source}) ==="
DATABASE_URL=$PG_URL $BIN/pytest $XDIST -q -rs "$@"
pg_status=$?

echo "Summary: SQLite exit ${sqlite_status}; PostgreSQL (${pg_source}) exit ${pg_status}"
[ "$sqlite_status" -eq 0 ] && [ "$pg_status" -eq 0 ]
