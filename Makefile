# csma — two commands for a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
export PATH := $(CURDIR)/.venv/bin:$(PATH)

.PHONY: fonts run test test-sqlite test-postgres lint format bench venv venv-dev system-test messages compilemessages demo clean

run: venv compilemessages fonts ## Set up, migrate, load demo data, start web + worker + beat on SQLite
	@scripts/run.sh

test: system-test venv-dev compilemessages fonts ## Install what the tests need, start their servers, run the suite
	@scripts/test.sh

test-sqlite: venv-dev compilemessages fonts
	@$(PY) -m pytest -q

test-postgres: venv-dev compilemessages fonts
	@scripts/with-servers.sh $(PY) -m pytest -q -m "not browser"

fonts: venv ## The embedded PDF fonts (Noto Sans TC instanced into var/fonts, AR PL UMing fallback)
	@scripts/fonts.sh

venv:
	@scripts/venv.sh requirements.txt

venv-dev:
	@scripts/venv.sh requirements-dev.txt

system-test:
	@scripts/apt.sh chromium fonts-arphic-uming fonts-arphic-ukai poppler-utils gettext redis-server postgresql

compilemessages:
	@command -v msgfmt >/dev/null || scripts/apt.sh gettext
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

messages: venv-dev ## Refresh locale/zh_Hant/LC_MESSAGES/django.po from the source
	@$(PY) manage.py makemessages -l zh_Hant --ignore=.venv --ignore=var --no-obsolete -v 0

lint: venv-dev
	@.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports

format: venv-dev
	@.venv/bin/ruff check --fix . && .venv/bin/ruff format .

bench: venv-dev compilemessages fonts ## Speed figures (see bench/README.md)
	@scripts/bench-weasyprint.sh || echo "WeasyPrint could not be installed: bench_reports.py skips it"
	@$(PY) bench/run_all.py

clean:
	rm -rf var .pytest_cache
