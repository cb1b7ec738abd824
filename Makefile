# Newsroom: `make run` serves the demo site, `make test` runs the whole suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
# Local development runs with DEBUG on; production sets its own environment.
LOCAL := DEBUG=1

.PHONY: setup run serve test lint format browser benchmark clean cluster cluster-packages cluster-check cluster-load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The demo: articles, staff and comments, then a Reuters drop folder for the wire desk (an
# updated story and a killed one among them).
setup: $(VENV)/.installed
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_demo
	$(LOCAL) $(BIN)/python manage.py ingest_wire --provider reuters --credit Reuters \
		--folder $(CURDIR)/wire/demo/reuters
	$(LOCAL) $(BIN)/python manage.py make_renditions

run: setup
	$(LOCAL) $(BIN)/python manage.py runserver 127.0.0.1:8000

# The production configuration, locally: DEBUG off, collected static files, gunicorn with
# WEB_CONCURRENCY workers on BIND. PostgreSQL and Redis when DATABASE_URL and REDIS_URL are
# set. Without SECRET_KEY a key of this checkout's own is made once and kept in .secret-key;
# cookies go over plain HTTP here unless SECURE_COOKIES=1.
SERVE := DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_COOKIES="$${SECURE_COOKIES:-0}"

.secret-key:
	umask 077 && $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

# Mail about comments is queued in the database and sent by the task worker beside gunicorn
# (`manage.py db_worker`), which also polls the wire providers; it stops with the server.
# Mail a stopped worker left unsent is queued again first (`send_waiting_mail`), so a
# killed worker loses none.
serve: $(VENV)/.installed .secret-key
	$(SERVE) $(BIN)/python manage.py migrate --noinput
	$(SERVE) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(SERVE) NEWSROOM_TASK_WORKER=1 $(BIN)/python manage.py send_waiting_mail
	$(SERVE) NEWSROOM_TASK_WORKER=1 $(BIN)/python manage.py ingest_wire --schedule
	$(SERVE) NEWSROOM_TASK_WORKER=1 $(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker' EXIT INT TERM; \
	$(SERVE) NEWSROOM_TASK_WORKER=1 $(BIN)/gunicorn -c python:newsroom.gunicorn_conf newsroom.wsgi

# The browser tests drive the distribution's Chromium; Playwright cannot download its own here.
# The fault tests put nginx in front of two app servers, as a load balancer during a restart.
TEST_PACKAGES := chromium nginx-light
browser:
	@test -x $(CHROMIUM) && test -x /usr/sbin/nginx || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(TEST_PACKAGES); \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $(TEST_PACKAGES); fi; }

# Load test under gunicorn and wrk (docs/benchmark.py); wrk comes from Debian.
benchmark: $(VENV)/.installed
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq wrk; fi; }
	$(BIN)/python docs/benchmark.py load $(BENCHMARK_ARGS)

# The production shape on this machine (ops/cluster.py, docs/deploy.md): a PostgreSQL primary
# and a streaming replica of its own, moto's S3 holding the media bucket, Redis, two gunicorn
# servers and the task worker with pooled connections, Varnish in front purged by surrogate
# key. Ctrl-C stops it all. Varnish, its modules, PostgreSQL 15, wrk and nginx from Debian.
CLUSTER_PACKAGES := varnish varnish-modules postgresql-15 wrk nginx-light
cluster-packages:
	@command -v varnishd >/dev/null && command -v wrk >/dev/null && command -v nginx >/dev/null \
		&& dpkg -s varnish-modules >/dev/null 2>&1 \
		&& test -x /usr/lib/postgresql/15/bin/pg_basebackup || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(CLUSTER_PACKAGES); \
		else sudo apt-get update -qq && sudo apt-get install -y -qq $(CLUSTER_PACKAGES); fi; }

cluster: $(VENV)/.installed cluster-packages
	$(BIN)/python -m ops.cluster $(CLUSTER_ARGS)

# The cluster tests (tests/cluster, marker `cluster`): each part for real, in one process.
cluster-check: $(VENV)/.installed cluster-packages
	$(BIN)/pytest tests/cluster -m cluster -p no:randomly \
		$$($(BIN)/python -c 'import xdist' 2>/dev/null && echo '-n 0')

# Load through Varnish against nginx serving the same bytes, and a stream of edits with the
# readers bounded, then unbounded (ops/load.py; e.g. LOAD_ARGS='--reader-rate 1600 --no-saturated').
cluster-load: $(VENV)/.installed cluster-packages
	$(BIN)/python -m ops.load $(LOAD_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs in one process per core (pytest-xdist); each has its own test database,
# cache key prefix and media folder. TEST_WORKERS=0 runs it in this process alone.
TEST_WORKERS ?= auto
test: setup browser lint
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n $(TEST_WORKERS)

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .secret-key
