# Ombud — the two commands a new user needs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# This checkout's manage.py, not the installed `ombud` script: a .venv shared between
# checkouts (git worktrees) would otherwise run the code of the checkout that installed it.
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Development and test runs need no secrets; `make run` keeps its own in data/ (see below).
export DEBUG ?= true

.PHONY: run serve test test-fast test-browser lint typecheck check migrations-check messages bench demo clean vendor lock

$(STAMP): requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Ombud needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing python3-venv with apt-get ..."; \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	  else echo "Cannot create a virtual environment. Install it first: sudo apt-get install python3-venv"; exit 1; fi; }
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $(STAMP)

# Install, migrate, load the demo municipality on a new database, serve. Runs like production
# (DEBUG off: no tracebacks shown to users) with keys generated once into data/.
run: export DEBUG = false
run: export SECURE_COOKIES = false
run: export OMBUD_DEMO_MODE = true
run: export SECRET_KEY_FILE = $(CURDIR)/data/secret_key
run: export FIELD_ENCRYPTION_KEY_FILE = $(CURDIR)/data/field_encryption_key
# Links in e-mails (reply links, chief notices) point where this server really listens, unless
# OMBUD_BASE_URL is set already. A server on every interface (0.0.0.0) is reached as 127.0.0.1.
run: export OMBUD_BASE_URL ?= http://$(if $(filter 0.0.0.0,$(HOST)),127.0.0.1,$(HOST)):$(PORT)
run: $(STAMP)
	@mkdir -p data
	@test -s data/secret_key || $(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))' > data/secret_key
	@test -s data/field_encryption_key || $(BIN)/python -c 'import secrets; print(secrets.token_hex(32))' > data/field_encryption_key
	$(MANAGE) migrate --noinput
	$(MANAGE) collectstatic --noinput -v0
	$(MANAGE) load_demo --if-empty
	@echo
	@echo "  Ombud runs on http://$(HOST):$(PORT)/ (links in e-mails: $$OMBUD_BASE_URL)"
	@echo "  Demo login: demo / demo-ombud-2026 (two-factor is pre-enrolled; the login page shows the code)"
	@echo
	@# The background worker (reminders, digests, waiting lists) runs beside the web server and
	@# stops with it (Ctrl-C or any exit).
	@$(MANAGE) worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

serve: run

demo: $(STAMP)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

# The whole suite: lint, types, migrations check, unit/integration tests and browser tests.
test: $(STAMP) check
	@if ! command -v chromium >/dev/null && ! [ -x /usr/bin/chromium ]; then \
	  echo; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!! No Chromium found: the browser tests will be SKIPPED.                  !!"; \
	  echo "!! Install it with: sudo apt-get install chromium                          !!"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; echo; fi
	$(BIN)/pytest

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser" -x -q

test-browser: $(STAMP)
	$(BIN)/pytest -m browser

check: lint typecheck migrations-check messages-check

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy config ombud

migrations-check: $(STAMP)
	$(MANAGE) makemigrations --check --dry-run

# Rebuild the Danish catalogue from scratch: collect strings, take every translation from
# locale/da/parts/*.po (the source of truth), compile. Needs GNU gettext (apt-get install gettext); the compiled .mo is committed.
messages: $(STAMP)
	rm -f locale/da/LC_MESSAGES/django.po
	$(MANAGE) makemessages -l da --no-location --ignore=.venv --ignore=static --ignore=bench
	@# The definitions file is the header only: with django.po itself, msgmerge keeps its empty
	@# plural entries and never takes the plural translations from the parts.
	@if ls locale/da/parts/*.po >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && \
	  msgcat --use-first -o $$tmp/parts.po locale/da/parts/*.po && \
	  sed '/^$$/q' locale/da/LC_MESSAGES/django.po > $$tmp/header.po && \
	  msgmerge --quiet --no-fuzzy-matching --no-location -C $$tmp/parts.po -o locale/da/LC_MESSAGES/django.po $$tmp/header.po locale/da/LC_MESSAGES/django.po; \
	  status=$$?; rm -rf $$tmp; exit $$status; fi
	$(MANAGE) compilemessages -l da --ignore=.venv
	@$(BIN)/python -m ombud.lib.po_check locale/da/LC_MESSAGES/django.po

# Fails when a user-facing string has no Danish translation. Needs GNU gettext; skipped without.
messages-check: $(STAMP)
	@if ! command -v xgettext >/dev/null; then echo "GNU gettext not installed: Danish catalogue not checked (apt-get install gettext)"; exit 0; fi; \
	backup=$$(mktemp); cp locale/da/LC_MESSAGES/django.po $$backup; \
	$(MANAGE) makemessages -l da --no-location --ignore=.venv --ignore=static --ignore=bench >/dev/null; \
	$(BIN)/python -m ombud.lib.po_check --strict locale/da/LC_MESSAGES/django.po; status=$$?; \
	cp $$backup locale/da/LC_MESSAGES/django.po; rm -f $$backup; \
	if [ $$status != 0 ]; then echo "Some strings have no Danish translation: add them to locale/da/parts/*.po and run make messages."; fi; \
	exit $$status

bench: $(STAMP)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

vendor:
	@echo "Vendored assets live in static/vendor (see its README). To update: npm pack dkfds htmx.org@2 axe-core vega vega-lite@<Altair's schema version> vega-interpreter and copy the dist files (vega-interpreter is wrapped as static/vendor/README.md says)."

# Re-pin the dependencies after a change to requirements*.in (uv is fetched into .venv for it).
lock: $(STAMP)
	$(BIN)/python -m uv --version >/dev/null 2>&1 || $(BIN)/pip install --quiet uv
	$(BIN)/python -m uv pip compile -q --python-version 3.11 requirements.in -o requirements.lock
	$(BIN)/python -m uv pip compile -q --python-version 3.11 requirements-dev.in -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache staticfiles
