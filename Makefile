# Clinic Desk: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= auto

.PHONY: install run serve test lint format clean check-live screenshots bench spam-eval bench-slow-clients bench-api translations

# Compiled catalogs (.mo) are built from the .po files, not committed; the axe-core
# accessibility checker for the browser tests comes from npm into tests/e2e/node_modules.
CATALOGS := service/translations
MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(CATALOGS)/*/LC_MESSAGES/messages.po))
AXE := tests/e2e/node_modules/axe-core/axe.min.js
# Swagger UI for /api/docs, served from our own origin: from npm into a gitignored folder.
SWAGGER_UI := service/static/vendor/swagger-ui
SWAGGER_UI_FILES := swagger-ui-bundle.js swagger-ui.css LICENSE NOTICE

install: $(STAMP) $(MO_FILES) $(AXE) $(SWAGGER_UI)/.installed

$(CATALOGS)/%/LC_MESSAGES/messages.mo: $(CATALOGS)/%/LC_MESSAGES/messages.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/axe-core/axe.min.js; \
	else \
		echo "npm not found: the accessibility checks will be skipped (they fail under CI=true)"; \
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
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: install
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(FLASK) run --host 127.0.0.1 --port 5000

serve: install
	$(FLASK) db upgrade
	HOST=$(HOST) PORT=$(PORT) APP_ENV=$${APP_ENV:-production} \
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
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/e2e/node_modules vendor/node_modules $(SWAGGER_UI)
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
