# Two commands set everything up (README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs on both cores (pytest-xdist); each worker has its own test database.
TEST_WORKERS ?= 2
# Every extra of pyproject.toml: the portal, its importers, both search clients and the
# production stack are exercised by `make run`, `make test` and `make stack`.
EXTRAS := dev,importers,elasticsearch,production,portal,stats

.DEFAULT_GOAL := help
.PHONY: help venv converters chromium run migrate demo test e2e screenshots lint format messages clean \
	stack stack-stop corpus province bench

help: ## List the commands
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

venv: $(STAMP) ## Create or update the virtualenv in .venv

migrate: venv ## Apply database migrations, then the set-up data (roles, workflow, home page)
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_portal

demo: migrate ## Load the demo portal (idempotent)
	$(MANAGE) load_demo --port $(PORT)

run: converters demo ## Install, migrate, load demo content and serve on http://127.0.0.1:8000 (SQLite)
	$(MANAGE) runserver $(HOST):$(PORT)

test: venv converters ## Run the whole test suite (DATABASE_URL selects SQLite or PostgreSQL)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Programs the importers run (core.reading): LibreOffice Writer for Word 97-2003 .doc,
# Tesseract with its Vietnamese model for scanned PDFs. Installed from Debian when missing
# (as root); otherwise the check `manage.py check` reports says what is absent, and such
# files are refused with a Vietnamese message saying so.
CONVERTERS := libreoffice-writer-nogui tesseract-ocr tesseract-ocr-vie
converters:
	@(command -v soffice >/dev/null && command -v tesseract >/dev/null \
		&& tesseract --list-langs 2>/dev/null | grep -qx vie) \
		|| (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends $(CONVERTERS) >/dev/null) \
		|| echo "LibreOffice or Tesseract could not be installed: .doc files and scanned PDFs will be refused."

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium) \
		|| echo "Chromium could not be installed: the browser tests will be skipped."

e2e: venv chromium ## Real-browser and accessibility tests (Playwright + Debian Chromium)
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

# The public page types go to screenshots/ (git-ignored, for a reviewer); the editor's
# guide's screenshots go to editorial/guide/anh/, committed with the guide: run it again
# after a change to the admin screens the guide shows, and commit the new images.
screenshots: venv chromium ## Screenshots: public page types into screenshots/, the editor's guide's into editorial/guide/anh/
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/guide_screenshots.py

N ?= 10000
LABEL ?= run
stack: venv ## Production stack on loopback without Docker (nginx → gunicorn → PostgreSQL, Redis)
	deploy/stack.sh start

stack-stop: ## Stop the loopback stack
	deploy/stack.sh stop

corpus: venv ## Add N generated documents to the stack's database (N=10000)
	set -a; . var/stack.env; set +a; $(MANAGE) generate_corpus --documents $(N)

province: venv ## Generate a province in the stack's database: 187 bodies, N items (N=1000000), WORKERS processes (2), resumable
	set -a; . var/stack.env; set +a; $(MANAGE) generate_province --items $(or $(N),1000000) --skip-search-backend --workers $(or $(WORKERS),2)

bench: venv ## Serving benchmark of the loopback stack (writes bench/results/$(LABEL).json)
	$(BIN)/python bench/serve.py --label $(LABEL)

lint: venv ## ruff check + format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv ## Format the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Each app keeps its own catalogue (<app>/locale/vi), holding the strings of its code and
# templates, so that it travels with the app in the wheel; the portal (nhuxuan_site) keeps
# its own, and locale_wagtail/ completes Wagtail's. Run in the app's folder without settings,
# makemessages reads only that folder and writes only its locale/.
I18N_APPS := core home editorial news projects legal procedures consultation search stats budget opendata subscriptions nhuxuan_site
messages: venv ## Update and compile the Vietnamese catalogue of every app (<app>/locale/vi)
	@for app in $(I18N_APPS); do \
		echo "$$app:"; mkdir -p $$app/locale && \
		(cd $$app && env -u DJANGO_SETTINGS_MODULE ../$(BIN)/django-admin makemessages -l vi \
			--no-obsolete --no-location -i "demo/*" -i "locale_wagtail/*") || exit 1; \
	done
	$(MANAGE) compilemessages -l vi -i ".venv" -i "var"

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
