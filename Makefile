# Two commands: `make run` (demo on http://127.0.0.1:8000) and `make test` (full suite on
# PostgreSQL + Redis, started on loopback when missing). Debian 12, run as root.
SHELL := /bin/bash
export UV_LINK_MODE := copy
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY := $(UV) run --frozen python
TEST_DATABASE_URL ?= postgres://skill:skill@127.0.0.1:5432/skill
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
TEST_DEBS := $(RUN_DEBS) postgresql redis-server chromium poppler-utils

.PHONY: run test install sysdeps-run sysdeps-test lint bench services stop-services clean

install:
	@command -v uv >/dev/null 2>&1 || python3 -m pip install -q uv
	$(UV) sync --frozen

sysdeps-run:
	@.ci/apt-ensure $(RUN_DEBS)

sysdeps-test:
	@.ci/apt-ensure $(TEST_DEBS)

run: sysdeps-run install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(UV) run --frozen ruff check .

test: sysdeps-test install
	@.ci/services start
	@set -e; trap '.ci/services stop' EXIT; \
	export DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL); \
	$(UV) run --frozen ruff check .; \
	$(UV) run --frozen bandit -q -r config orgs catalog calls declare quotas review documents \
	  projects audit uploads -x '*/migrations/*' -ll; \
	$(PY) manage.py makemigrations --check --dry-run; \
	$(PY) manage.py check; \
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=ci-check-$$RANDOM-not-a-real-secret-key-0123456789abcdefghijkl \
	  FIELD_ENCRYPTION_KEY=$$($(PY) -c 'import base64,os;print(base64.urlsafe_b64encode(os.urandom(32)).decode())') \
	  DJANGO_ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING; \
	$(UV) run --frozen pytest $(PYTEST_ARGS)

# Databases <name>_bench and <name>_bench_tpl next to TEST_DATABASE_URL's; its own Redis db
# (flushed). Stops PostgreSQL/Redis on exit only when this run had to start them.
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/6
bench: sysdeps-test install
	@set -e; \
	if pg_isready -q -h 127.0.0.1 -p 5432 && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; \
	then .ci/services start; echo "bench: PostgreSQL and Redis were running; left running"; \
	else .ci/services start; trap '.ci/services stop' EXIT; fi; \
	export DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL); \
	$(PY) -m bench

services:
	@.ci/services start

stop-services:
	@.ci/services stop

clean:
	rm -rf var db.sqlite3
