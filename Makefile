# Two commands: `make run` (demo on http://127.0.0.1:8000) and `make test` (full suite on
# PostgreSQL + Redis, started on loopback when missing). Debian 12, run as root.
SHELL := /bin/bash
export UV_LINK_MODE := copy
UV ?= $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY := $(UV) run --frozen python
TEST_DATABASE_URL ?= postgres://skill:skill@127.0.0.1:5432/skill
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0
# make test logs in as production's two roles (docs/operations.md), made by .ci/services: the
# test databases are created, migrated and dropped as the owner, the tests run as the app's
# restricted role. (make bench keeps TEST_DATABASE_URL's superuser.)
TEST_APP_DATABASE_URL ?= postgres://skill_app:skill_app@127.0.0.1:5432/skill
TEST_OWNER_DATABASE_URL ?= postgres://skill_owner:skill_owner@127.0.0.1:5432/skill

RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
TEST_DEBS := $(RUN_DEBS) postgresql redis-server chromium poppler-utils gettext

.PHONY: fuzz run test install sysdeps-run sysdeps-test a11y-deps lint audit bench services \
	stop-services clean backup restore bench-peer bench-pages

install:
	@command -v uv >/dev/null 2>&1 || python3 -m pip install -q uv
	$(UV) sync --frozen

sysdeps-run:
	@.ci/apt-ensure $(RUN_DEBS)

sysdeps-test:
	@.ci/apt-ensure $(TEST_DEBS)
	@command -v npm >/dev/null 2>&1 || .ci/apt-ensure nodejs npm

# axe-core for the accessibility tests, from the npm registry at the version locked in
# tests/a11y/package-lock.json, into the git-ignored tests/a11y/node_modules (again when the
# lock changes). tests/e2e/test_accessibility.py runs this target too when it is missing.
A11Y_AXE := tests/a11y/node_modules/axe-core/axe.min.js
a11y-deps: $(A11Y_AXE)
$(A11Y_AXE): tests/a11y/package.json tests/a11y/package-lock.json
	npm ci --prefix tests/a11y --no-audit --no-fund --loglevel=error
	@touch $@

run: sysdeps-run install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(UV) run --frozen ruff check .

# pip-audit of the locked dependencies: known vulnerabilities fail; a vulnerability service that
# cannot be reached (offline CI, a PyPI mirror without vulnerability data) only warns.
audit:
	@mkdir -p var; $(UV) export --frozen --no-hashes --no-emit-project -q -o var/audit-requirements.txt
	@rc=0; timeout 300 $(UV) run --frozen --with pip-audit pip-audit --no-deps --disable-pip \
	  --progress-spinner off -r var/audit-requirements.txt >var/audit.log 2>&1 || rc=$$?; \
	if grep -Eq "Found [0-9]+ known vulnerabilit" var/audit.log; then cat var/audit.log; exit 1; \
	elif [ $$rc -ne 0 ]; then echo "audit: WARNING 漏洞库服务不可达，依赖未审计（详见 var/audit.log）"; \
	elif grep -q "could not be audited" var/audit.log; then \
	  echo "audit: WARNING $$(grep -c 'could not be audited' var/audit.log) 个依赖未能审计（漏洞库不可达或镜像无漏洞数据，详见 var/audit.log）"; \
	else echo "audit: no known vulnerabilities"; fi

test: sysdeps-test install a11y-deps
	@.ci/services start
	@set -e; trap '.ci/services stop' EXIT; \
	export DATABASE_URL=$(TEST_APP_DATABASE_URL) DATABASE_OWNER_URL=$(TEST_OWNER_DATABASE_URL) \
	  REDIS_URL=$(TEST_REDIS_URL); \
	$(UV) run --frozen ruff check .; \
	$(UV) run --frozen bandit -q -r config orgs catalog calls declare quotas review documents \
	  projects audit uploads backups ops workdays verify core notify public -x '*/migrations/*' -ll; \
	$(MAKE) --no-print-directory audit; \
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

# Only the in-process queries and CPU per page at N=1 (a minute or two), for one change before
# and after: BENCH_PAGES_ARGS=--reuse keeps the seeded bench database; PROFILE=page prints that
# page's cProfile (bench/profile.py). PostgreSQL and Redis must be running (.ci/services start).
bench-pages: install
	@export DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL); \
	$(PY) -m bench.pages $(BENCH_PAGES_ARGS) $(if $(PROFILE),--profile=$(PROFILE))

# Our pages beside pretalx 2025.2.2's (the closest Django CfP + review peer), in one run: pretalx
# from PyPI in its own git-ignored virtualenv var/peer/venv, database peer_pretalx; ours in
# <db>_peer_bench (not make bench's). Optional, not part of test or bench. docs/bench-peer.md
PEER_REDIS_URL ?= redis://127.0.0.1:6379/5
bench-peer: sysdeps-test install
	@.ci/services start
	@export DATABASE_URL=$(TEST_DATABASE_URL)_peer REDIS_URL=$(PEER_REDIS_URL); \
	$(PY) -m bench.peer

# Backup and restore (docs/operations.md 备份与恢复) with the settings of .env / the environment:
# DATABASE_URL and DATABASE_OWNER_URL, BACKUP_ENCRYPTION_KEY, BACKUP_DIR, BACKUP_COPY_DIR.
backup:
	$(PY) manage.py backup

restore:
	@test -n "$(BACKUP)" || { echo "用法：make restore BACKUP=var/backups/skill-<时间>.skbk（恢复到空数据库）"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"

services:
	@.ci/services start

stop-services:
	@.ci/services stop

clean:
	rm -rf var db.sqlite3

# The form fuzzer with fresh random inputs (make test uses a fixed seed).
fuzz:
	$(MAKE) test HYPOTHESIS_PROFILE=explore PYTEST_ARGS="tests/test_fuzz_forms.py tests/test_hostile_input.py"
