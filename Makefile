# Clinic Desk: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
# `make run` serves on PORT (5000 when unset), `make serve` on PORT (8000 when unset).
RUN_PORT = $(or $(PORT),5000)
SERVE_PORT = $(or $(PORT),8000)
PYTEST_WORKERS ?= auto
# Where `make test` builds the documentation to check it; removed afterwards. (Not --quiet:
# it hides the warnings that --strict counts.) Material's notice about its successor is silenced.
DOCS_CHECK_DIR := $(VENV)/docs-check
export NO_MKDOCS_2_WARNING := 1

.PHONY: install run serve test lint format clean check-live screenshots bench bench-fastpaths spam-eval bench-slow-clients bench-api translations docs check-container

# Compiled catalogs (.mo) are built from the .po files, not committed; the axe-core
# accessibility checker for the browser tests comes from npm into tests/e2e/node_modules.
CATALOGS := service/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(CATALOGS)/*/LC_MESSAGES/messages.po))
AXE := tests/e2e/node_modules/axe-core/axe.min.js
# A real OpenID Provider for the single sign-on tests, run by Node from tests/oidc/provider.mjs.
OIDC_PROVIDER := tests/oidc/node_modules/oidc-provider/package.json
# Swagger UI for /api/docs, served from our own origin: from npm into a gitignored folder.
SWAGGER_UI := service/static/vendor/swagger-ui
SWAGGER_UI_FILES := swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE

install: $(STAMP) $(MO_FILES) $(AXE) $(OIDC_PROVIDER) $(SWAGGER_UI)/.installed

$(CATALOGS)/%/LC_MESSAGES/messages.mo: $(CATALOGS)/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/axe-core/axe.min.js; \
	else \
		echo "npm not found: the accessibility checks will be skipped (they fail under CI=true)"; \
	fi

$(OIDC_PROVIDER): tests/oidc/package.json tests/oidc/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/oidc-provider/package.json; \
	else \
		echo "npm not found: the single sign-on tests will be skipped (they fail under CI=true)"; \
	fi

# --ignore-scripts: swagger-ui-dist's dependency would otherwise run an install-time ping.
$(SWAGGER_UI)/.installed: vendor/package.json vendor/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd vendor && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && cd .. && \
		mkdir -p $(SWAGGER_UI) && \
		for f in $(SWAGGER_UI_FILES); do cp vendor/node_modules/swagger-ui-dist/$$f $(SWAGGER_UI)/; done && \
		touch $@; \
	else \
		echo "npm not found: /api/docs will have no viewer (its tests fail under CI=true)"; \
	fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,docs]"
	touch $(STAMP)

run: install
	$(FLASK) db upgrade
	PORT=$(RUN_PORT) $(FLASK) demo load
	PORT=$(RUN_PORT) $(FLASK) run --host 127.0.0.1 --port $(RUN_PORT)

serve: install
	$(FLASK) db upgrade
	HOST=$(HOST) PORT=$(SERVE_PORT) APP_ENV=$${APP_ENV:-production} \
		$(BIN)/gunicorn --config gunicorn.conf.py "wsgi:app"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mkdocs build --strict --site-dir $(DOCS_CHECK_DIR)
	rm -rf $(DOCS_CHECK_DIR)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The documentation site (mkdocs.yml, pages in docs/) into site/; --strict turns a broken link,
# a missing anchor or a page left out of the navigation into a failure. `make test` builds it too.
docs: install
	$(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/node_modules vendor/node_modules $(SWAGGER_UI) site
	rm -f $(MO_FILES)

# Extract every marked text into the template, merge it into each language, compile.
translations: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --sort-by-file --project "Clinic Desk" \
		--copyright-holder "Clinic Desk" -o $(CATALOGS)/messages.pot .
	$(BIN)/pybabel update -i $(CATALOGS)/messages.pot -d $(CATALOGS) --width 100
	$(BIN)/pybabel compile --statistics -d $(CATALOGS)

# The hostile-input sweep against gunicorn on SQLite and PostgreSQL, pre and auto mode.
check-live: install
	$(BIN)/python scripts/check_live.py

# Screenshots of the queue, an inquiry and the dashboard into docs/ (not part of `make test`).
screenshots: install
	$(BIN)/python scripts/screenshots.py

# Side by side with Isso and bare Flask apps; prints one table (not part of `make test`).
bench: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/run_bench.py $(BENCH_ARGS)

# Each device that bypasses the framework, switched on and off by its setting, in one run of
# interleaved slices (about 5 minutes): `make bench-fastpaths FASTPATHS_ARGS="--rounds 8"`.
bench-fastpaths: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/fastpaths.py $(FASTPATHS_ARGS)

# The spam filter beside TF-IDF baselines on dev folds, the frozen test split and the fresh set
# (needs ../shared/data/spam; not part of `make test`): `make spam-eval SPAM_EVAL_ARGS=--quick`.
spam-eval: install
	$(BIN)/python bench/spam_eval.py $(SPAM_EVAL_ARGS)

# Slow clients against sync and threaded gunicorn workers and behind nginx; prints one table.
bench-slow-clients: install
	$(BIN)/python bench/slow_clients.py

# What declaring the API's shapes costs per request: our pydantic shapes beside spectree.
bench-api: install
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python bench/api_overhead.py $(BENCH_API_ARGS)

# Build the container image with buildah on a Debian base made by mmdebstrap (no registry, no
# daemon) and run it against PostgreSQL and Redis (tests/container; not part of `make test`).
check-container: install
	CLINIC_DESK_CONTAINER_TEST=1 $(BIN)/pytest -p no:cacheprovider -s tests/container $(PYTEST_ARGS)
