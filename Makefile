# Two ways in: `make demo` opens the app on a demo floor, `make test` runs the whole suite.
# Both install into .venv first (only Python 3.11+, pip and make are needed).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db
DEMO_TICKETS ?= 5000

.PHONY: demo test test-pg test-office test-browser lint fmt bench drill capacity install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	@# The terminal tests run the real program in tmux.
	command -v tmux >/dev/null || { apt-get update -qq && apt-get install -y -qq tmux; }
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	$(BIN)/callfloor demo --db $(DEMO_DB) --tickets $(DEMO_TICKETS) --seed 7

# The gate: lint first, then the whole suite, on two workers (pytest-xdist: the tests wait on
# processes and terminals more than they compute; every test has its own folder and tmux socket).
test: lint
	$(BIN)/python -m pytest -n 2

# The same suite on PostgreSQL (issue 19): a throwaway server (installed with apt-get when
# missing, as tmux is) started as a non-root user on a Unix socket in a temp folder, a new
# database per test, stopped whatever happens (tests/pg_server.py). Tests about SQLite files
# are marked sqlite_only and skipped there.
test-pg: $(VENV)/.installed-test
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null || \
		{ apt-get update -qq && apt-get install -y -qq postgresql; }
	$(BIN)/python -m tests.pg_server -- $(BIN)/python -m pytest -n 2

# The workbooks as LibreOffice prints them (issue 21): installs LibreOffice Calc, poppler-utils
# and the CJK fonts when soffice is missing, then runs the office tests (in `make test` they run
# when LibreOffice is there and skip with the reason otherwise).
# The served wall board in a real browser (issue 22): Debian's headless Chromium and CJK fonts,
# installed when missing (a minute in CI; outside `make test`, which has a ten-minute budget).
test-browser: $(VENV)/.installed-test
	command -v chromium-headless-shell >/dev/null || command -v chromium >/dev/null || \
		{ apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends chromium-headless-shell fonts-noto-cjk; }
	CALLFLOOR_BROWSER_REQUIRED=1 $(BIN)/python -m pytest -n 2 -m browser tests/browser

test-office: $(VENV)/.installed-test
	command -v soffice >/dev/null && command -v pdftoppm >/dev/null && command -v pdftotext >/dev/null || \
		{ apt-get update -qq && \
		apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui poppler-utils fonts-noto-cjk; }
	CALLFLOOR_OFFICE_REQUIRED=1 $(BIN)/python -m pytest -n 2 -m office tests/office

# ruff (lint and format), mypy (core, db and tui, all clean) and the import-linter contracts
# (layers, no circles, no screen importing another).
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports pyproject.toml

fmt: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m bench -s tests/bench

# Issue 7's drills at full size, each printing its figures and exiting 1 on a missed target.
drill: $(VENV)/.installed-test
	rm -rf /tmp/callfloor-drill && mkdir -p /tmp/callfloor-drill
	$(BIN)/python -m tests.bench.floor_sim --agents 50 --seconds 60 --db /tmp/callfloor-drill/load.db
	$(BIN)/python -m tests.bench.crash_drill --rounds 100
	$(BIN)/python -m tests.bench.backup_drill

# Issue 15's capacity bench: N real sessions in tmux on a 100,000-ticket floor writing 30/s,
# after one idle queue session on a floor writing 10/s; prints the figures beside the budgets.
capacity: $(VENV)/.installed-test
	$(BIN)/python -m tests.bench.capacity --sessions 20 50 100 200 --writes 30 --seconds 60

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
