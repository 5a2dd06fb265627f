# The one way to run things. `make run` and `make test` work on a fresh machine
# with only Python 3.11 installed (plus npm and Chromium for the browser tests).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install test lint format migrate demo messages check-deploy bench bench-load bench-pages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: browser accessibility tests will be skipped"; fi

migrate: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_communes

demo: migrate
	$(MANAGE) load_demo

run: demo
	@echo ""
	@echo "Serving Cổng Bảo vệ Trẻ em at http://$(HOST):$(PORT)/  (English: /en/, admin: /admin/)"
	@echo "To sign in to the admin, create an account first:  $(BIN)/python manage.py createsuperuser"
	@echo "Background tasks (document imports) run in a db_worker started alongside."
	@echo ""
	$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

test: install node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(MANAGE) makemessages -l vi --ignore=.venv --ignore=node_modules --ignore=tests --ignore=staticfiles
	$(BIN)/python -c "import polib; polib.pofile('site/locale/vi/LC_MESSAGES/django.po').save_as_mofile('site/locale/vi/LC_MESSAGES/django.mo')"

# A throw-away certificate signing key: production refuses to start without one.
check-deploy: install
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-secret-key-value ALLOWED_HOSTS=example.org PUBLIC_BASE_URL=https://example.org \
		CERTIFICATE_SIGNING_KEY=$$($(MANAGE) certificate_signing_key deploy-check | head -1 | cut -d= -f2-) \
		$(MANAGE) check --deploy --fail-level WARNING

# gunicorn (production settings, 4 workers) under 72 simulated people for 60 s.
bench-load: demo
	$(MANAGE) bench_load

bench-pages: install
	$(MANAGE) bench_pages

clean:
	rm -rf $(VENV) node_modules staticfiles .test-media
