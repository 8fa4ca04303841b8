#!/usr/bin/env bash
# The whole suite on SQLite, then again on PostgreSQL when one is reachable. Says which ran.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DJANGO_SETTINGS_MODULE=config.test_settings
unset DATABASE_URL
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/sipmi}
WORKERS=${TEST_WORKERS:-2}

$BIN/ruff check . && $BIN/lint-imports || exit 1

echo "=== Test suite on SQLite ==="
$BIN/pytest -n "$WORKERS" -q "$@"
sqlite_status=$?

if $BIN/python -c "import psycopg, sys; psycopg.connect('${PG_URL%/*}/postgres', connect_timeout=3).close()" 2>/dev/null; then
  echo "=== Test suite on PostgreSQL (${PG_URL}) ==="
  DATABASE_URL=$PG_URL $BIN/pytest -n "$WORKERS" -q "$@"
  pg_status=$?
  pg_ran=yes
else
  echo "=== PostgreSQL not reachable at ${PG_URL}: suite ran on SQLite only ==="
  pg_status=0
  pg_ran=no
fi

echo "Summary: SQLite exit ${sqlite_status}; PostgreSQL ran: ${pg_ran}, exit ${pg_status}"
[ "$sqlite_status" -eq 0 ] && [ "$pg_status" -eq 0 ]
