"""An app session carries no library it does not use (issue 15: 60 MB a session, 200 sessions
on one host): the PostgreSQL driver, the xlsx writer and reader, and the Chinese word cutter
load only when a floor on PostgreSQL opens, an export is written, a file is imported or the
report's phrases are counted."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("psycopg", "xlsxwriter", "openpyxl", "jieba", "pkg_resources", "holidays")


def loaded_after(code: str) -> list[str]:
    script = f"import sys, json\n{code}\nprint(json.dumps(sorted(set(m.split('.')[0] for m in sys.modules))))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_the_app_loads_none_of_the_heavy_libraries():
    loaded = loaded_after("import tui.cli.main, tui.app")
    assert [name for name in HEAVY if name in loaded] == []


def test_peewee_takes_psycopg_when_a_postgresql_floor_opens():
    # no server needed: making the database object hands peewee the driver
    code = (
        "import tui.cli.main\n"
        "import peewee\n"
        "assert peewee.psycopg is None\n"
        "from db.postgres import FloorPostgresDatabase\n"
        "FloorPostgresDatabase('postgresql://nobody@localhost:1/nothing', busy_timeout=1)\n"
        "assert peewee.psycopg is not None\n"
        "assert peewee.Psycopg3Adapter.txn_idle is not None"
    )
    assert "psycopg" in loaded_after(code)


def test_a_driver_error_is_caught_as_one_once_psycopg_is_loaded():
    code = (
        "import tui.cli.main\n"
        "from db.connection import driver_errors\n"
        "assert not any(c.__module__.startswith('psycopg') for c in driver_errors())\n"
        "import psycopg\n"
        "assert psycopg.Error in driver_errors()"
    )
    loaded_after(code)
