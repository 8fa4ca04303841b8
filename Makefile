# SIPMI — `make run` starts a demo site, `make test` runs the whole suite (SQLite, then PostgreSQL).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings

.PHONY: run test lint install install-test browser-deps postgres-deps cluster-deps bench bench-report messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# runserver opens a thread, and so a connection, per request: keep none open between requests
# (DB_CONN_MAX_AGE=0), and make links, e-mails and QR codes point at the port it listens on.
run: export DEBUG = 1
run: export DB_CONN_MAX_AGE = 0
run: export SITE_URL = http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "SIPMI: $(SITE_URL)/   (task worker running; Ctrl-C stops both)"
	@$(BIN)/python manage.py run_huey --quiet & HUEY=$$!; \
	trap 'kill $$HUEY 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Debian's Chromium for the Playwright browser tests (browser downloads are not used).
browser-deps:
	@if [ ! -x /usr/lib/chromium/chromium ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	fi

# Debian's PostgreSQL binaries: the test suite starts throw-away clusters under var/ (never the system's).
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; \
	fi

# Debian's HAProxy and Redis for the two-node test (two gunicorn nodes behind a load balancer, one Redis), and
# wrk for bench/national.py. The suite starts its own Redis on 127.0.0.1:6379 when none answers there.
cluster-deps:
	@if ! command -v haproxy >/dev/null || ! command -v redis-server >/dev/null || ! command -v wrk >/dev/null; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq haproxy redis-server wrk >/dev/null; \
	fi

test: install-test browser-deps postgres-deps cluster-deps
	bash scripts/test.sh

# National-scale benchmark (bench/README.md): SCALE=300|10k|100k|1m, on the PostgreSQL at BENCH_DATABASE_URL (dropped
# and created again), or on a new SQLite file with BENCH_DB=sqlite.
SCALE ?= 10k
bench: install-test cluster-deps
	$(BIN)/python bench/national.py --scale $(SCALE) $(if $(BENCH_DB),--database $(BENCH_DB))

# Every figure of the national-scale table in one run (bench/report.py; about 20 minutes with every scale). Optional:
# SCALES=sqlite-300,sqlite-10k,pg-10k,pg-100k,pg-1m BENCH_SECONDS=10 PORTAL_DIR=<a reference job portal's checkout>.
bench-report: install-test cluster-deps
	$(BIN)/python bench/report.py $(if $(SCALES),--scales $(SCALES)) $(if $(BENCH_SECONDS),--seconds $(BENCH_SECONDS)) \
		$(if $(PORTAL_DIR),--portal-dir $(PORTAL_DIR))

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Rebuild the translation catalogues after changing user-facing text (needs gettext).
messages: install
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var
	$(BIN)/python manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) var
