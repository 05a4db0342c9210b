# Koppel: `make` lists the targets. Everything runs from the virtualenv in .venv, which `make install`
# creates and keeps in step with pyproject.toml and requirements/constraints.txt.

.DEFAULT_GOAL := help
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --no-print-directory

VENV        := .venv
BIN         := $(VENV)/bin
CONSTRAINTS := requirements/constraints.txt
STAMP       := $(VENV)/.koppel-installed
PYTEST      := $(BIN)/pytest

# The Django projects. Each has its own settings module and database, and pytest runs once per
# project: tests/<project> with --ds=koppel.<project>.settings.
DJANGO_PROJECTS := las ea

# Throwaway secrets for test runs, so no real ones are ever needed there.
TEST_ENV := KOPPEL_LAS_SECRET_KEY=test-only-not-secret KOPPEL_KEY_PEPPER=test-only-pepper \
	KOPPEL_EA_SECRET_KEY=test-only-not-secret-ea

.PHONY: help install lock lint format test test-uwlr postgres browser redis demo screenshots bench \
	clean distclean
# (test-<project>-sqlite/-postgres are pattern rules, which make skips for .PHONY targets.)

help: ## Show this help
	@echo "Usage: make <target>"
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z0-9_%-]+:.*## / {printf "  \033[36m%-20s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## Create .venv and install koppel with its dev tools, pinned by the constraints file
	@:

$(STAMP): pyproject.toml $(CONSTRAINTS)
	scripts/ensure-venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c $(CONSTRAINTS) -e '.[dev]'
	touch $@

lock: ## Rewrite the constraints file from what is installed in .venv now
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	{ echo "# Pinned versions of everything koppel installs (make install: pip install -c)."; \
	  echo "# Regenerate with 'make lock' after changing dependencies in pyproject.toml."; \
	  $(BIN)/python -m pip freeze --exclude-editable --disable-pip-version-check; } > $(CONSTRAINTS)
	touch $(STAMP)

lint: install ## ruff check and format check, mypy --strict on koppel.uwlr, import contracts
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	KOPPEL_DEBUG=1 $(BIN)/mypy
	KOPPEL_DEBUG=1 $(BIN)/mypy --config-file config/mypy-ea.toml
	$(BIN)/lint-imports --no-cache

format: install ## Apply ruff's fixes and formatting
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

test: install postgres browser redis ## Everything CI runs: lint, the library tests, each Django project on SQLite and PostgreSQL
	$(MAKE) lint
	$(MAKE) test-uwlr
	$(MAKE) test-demo
	$(MAKE) $(DJANGO_PROJECTS:%=test-%-sqlite)
	$(MAKE) $(DJANGO_PROJECTS:%=test-%-postgres)

test-uwlr: install ## Run the koppel.uwlr tests (no Django)
	$(PYTEST) tests/uwlr

test-demo: install browser ## Click through the README's demo walkthrough against scripts/demo itself
	$(PYTEST) tests/demo

test-%-sqlite: install ## Run tests/<project> on SQLite, e.g. make test-las-sqlite
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	env $(TEST_ENV) KOPPEL_VAR_DIR="$$tmp" DATABASE_URL="sqlite:///$$tmp/$*.sqlite3" \
	    $(PYTEST) tests/$* --ds=koppel.$*.settings

test-%-postgres: install postgres ## Run tests/<project> on a throwaway PostgreSQL server
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	scripts/with-postgres -- env $(TEST_ENV) KOPPEL_VAR_DIR="$$tmp" \
	    $(PYTEST) tests/$* --ds=koppel.$*.settings -p no:cacheprovider

postgres: ## Install PostgreSQL with apt-get if no initdb can be found
	@scripts/with-postgres --find >/dev/null || scripts/apt-install postgresql

browser: ## Install Debian's chromium with apt-get for the browser tests if /usr/bin/chromium is missing
	@test -x /usr/bin/chromium || scripts/apt-install chromium

redis: ## Install Debian's redis-server with apt-get for the Celery tests if /usr/bin/redis-server is missing
	@test -x /usr/bin/redis-server || scripts/apt-install redis-server

demo: install ## Start the demo LAS on :8001 (manual step 1) and EA test centre on :8002 (steps 2-4)
	scripts/demo

screenshots: install browser ## Regenerate docs/screenshots/ with chromium
	$(BIN)/python scripts/screenshots

bench: install ## Run every benchmark in bench/ one after another (bench/_*.py are helpers)
	@shopt -s nullglob; failed=0; ran=0; \
	for script in bench/[!_]*.py; do \
	    echo "== $$script"; ran=1; \
	    $(BIN)/python "$$script" || { echo "!! $$script failed"; failed=1; }; \
	done; \
	(( ran )) || echo "no benchmarks in bench/"; \
	exit $$failed

clean: ## Remove caches, build output and the demo data (keeps .venv and var/)
	rm -rf build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis \
	    .import_linter_cache bench/results var/demo
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean ## Also remove .venv and var/
	rm -rf $(VENV) var
