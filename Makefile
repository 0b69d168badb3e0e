# The two commands: `make run` (demo on SQLite, eager Celery) and `make test`.
# Both set everything up from a clean clone; Python 3.11+ and make are all they need.

UV_VERSION := 0.13.9
UV := .uv/bin/uv
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv
MANAGE := $(UV) run --frozen python manage.py

.PHONY: run test setup lint format messages check-deploy compose-check clean

$(UV):
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed as python3."; exit 1; }
	python3 -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Two stamps, one environment: `run` syncs without the dev group (no test tools), every other
# target with it. Each sync removes the other's stamp, so switching reinstalls what is missing.
.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	@rm -f .venv/.synced-run
	@touch $@

.venv/.synced-run: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --no-dev
	@rm -f .venv/.synced
	@touch $@

setup: .venv/.synced

RUN_MANAGE := $(UV) run --frozen --no-dev python manage.py

run: .venv/.synced-run
	DEBUG=$${DEBUG:-1} $(RUN_MANAGE) migrate --noinput
	DEBUG=$${DEBUG:-1} $(RUN_MANAGE) seed_demo
	@echo "Open http://127.0.0.1:$(PORT)/ and sign in with one of the logins above."
	DEBUG=$${DEBUG:-1} SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(RUN_MANAGE) runserver 127.0.0.1:$(PORT)

test: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(UV) run --frozen pytest $(PYTEST_ARGS)

lint: setup
	$(UV) run --frozen ruff check .

format: setup
	$(UV) run --frozen ruff check --fix .
	$(UV) run --frozen ruff format .

# Refresh the Hebrew and Arabic catalogs after changing strings; commit the .po and .mo files.
messages: setup
	DEBUG=1 $(MANAGE) makemessages -l he -l ar --no-obsolete --ignore=.venv --ignore=.uv --ignore=staticfiles --ignore=tests
	DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=.uv

check-deploy: setup
	DEBUG=0 SECRET_KEY=$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=sheatufim.example.org $(MANAGE) check --deploy --fail-level WARNING

compose-check:
	SECRET_KEY=$${SECRET_KEY:-only-for-validation} docker-compose -f docker-compose.yml config -q

clean:
	rm -rf .venv .uv staticfiles .pytest_cache .ruff_cache

# Benchmarks of issue 3 on PostgreSQL: a throwaway database bench_<pid> on
# postgres://postgres@127.0.0.1:5432 unless DATABASE_URL is set; eager Celery. See bench/run.py.
.PHONY: bench
bench: setup
	DEBUG=1 $(UV) run --frozen python -m bench.run

# Fault and load checks (faults/README.md): each on a private PostgreSQL cluster and a private
# Redis (FAULT_PG_PORT 55439, FAULT_REDIS_PORT 56391; never the shared 5432/6379), bounded in
# time, printing their figures. They need redis-server and PostgreSQL 15's initdb/pg_ctl.
.PHONY: fault-redis fault-postgres fault-worker load
fault-redis: setup
	timeout 300 .venv/bin/python -m faults.redis_outage

fault-postgres: setup
	timeout 300 .venv/bin/python -m faults.postgres_outage

fault-worker: setup
	timeout 400 .venv/bin/python -m faults.worker_outage

# 50 users for 60 s (partners submitting, staff reviewing, viewers reading) on the same private
# services: errors, requests/s, p50/p95 per kind, and "lost values: 0".
load: setup
	timeout 300 .venv/bin/python -m faults.load
