"""Issue 13, defect 11: `callfloor demo --db F` deleted F and rebuilt it whenever F did not look
"in use" to it (no people, no tickets yet), whoever ran it, and the caller became supervisor of
the new floor: a floor being set up, or another program's SQLite file, was wiped. Now demo
builds a new file beside the path and renames it into place; it replaces only a file an earlier
demo built (marked so in the same transaction), never anything else. `make demo` twice works,
and so does a `make demo` after an interrupted one."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from tests.cli.conftest import NOW, Floor
from tests.engines import ON_POSTGRES, database_rows

MAKE_DEMO = ("demo", "--tickets", "60", "--seed", "7", "--no-ui")  # `make demo`, smaller

KILL_IN_THE_BUILD = """
import os, signal, sys
import core.demo.build
def killed(*args, **kwargs):  # halfway through writing the demo's history
    os.kill(os.getpid(), signal.SIGKILL)
core.demo.build.add_callbacks = killed
from tui.cli.main import main
sys.exit(main(["demo", "--db", sys.argv[1], "--tickets", "60", "--no-ui"]))
"""


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused_and_untouched(floor: Floor, user: str) -> str:
    """The demo refused; the floor's file as it was to the byte (on a server: every row)."""
    untouched = (lambda: digest(floor.path)) if floor.path is not None else (lambda: database_rows(floor.db))
    before = untouched()
    done = floor.run(*MAKE_DEMO, user=user)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert untouched() == before
    return done.stderr


@pytest.mark.parametrize("user", ["boss", "li", "mallory"])
def test_a_real_floor_is_never_replaced_whoever_asks(cli_floor, user):
    said = refused_and_untouched(cli_floor, user)
    if ON_POSTGRES:  # demo builds SQLite files only: a server's database is never its to build
        assert "demo builds a new SQLite file and never touches a database server" in said
    else:
        assert "real floor" in said and "new file name" in said
    assert "li" in cli_floor.ok("agent", "list")


NEW_FILE = "demo --db builds a new SQLite file beside the path and renames it into place"


@pytest.mark.sqlite_only(NEW_FILE)
def test_a_floor_whose_setup_was_interrupted_is_not_wiped_either(tmp_path):
    """No people and no tickets yet: the old demo took that as "not in use" and deleted it."""
    floor = Floor(tmp_path / "floor.db")
    floor.ok("db", "init")
    with sqlite3.connect(floor.path) as db:
        db.execute("DELETE FROM agent")
        db.execute(
            "INSERT INTO floor_setting (key, value, updated_at, updated_by) "
            "VALUES ('policy', '# ours', '2026-11-20 02:00:00', 'boss')"
        )
    refused_and_untouched(floor, "mallory")
    with sqlite3.connect(floor.path) as db:
        assert db.execute("SELECT value FROM floor_setting WHERE key = 'policy'").fetchone() == ("# ours",)


@pytest.mark.sqlite_only("another program's SQLite file")
def test_another_program_s_sqlite_file_is_not_wiped(tmp_path):
    other = tmp_path / "crm.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('王芳')")
    db.close()
    refused_and_untouched(Floor(other), "mallory")
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT name FROM contacts").fetchall() == [("王芳",)]


@pytest.mark.sqlite_only(NEW_FILE)
def test_make_demo_twice_rebuilds_the_demo_it_built(tmp_path):
    demo = Floor(tmp_path / "demo.db")
    assert "60 tickets" in demo.ok(*MAKE_DEMO, user="chen")
    first = demo.ok("ticket", "list", "--json", user="chen")
    assert "60 tickets" in demo.ok(*MAKE_DEMO, user="chen")
    assert demo.ok("ticket", "list", "--json", user="chen") == first
    assert json.loads(demo.ok("agent", "list", "--json", user="chen"))[0]["role"] == "supervisor"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("demo.db")) == []


@pytest.mark.sqlite_only(NEW_FILE)
def test_an_interrupted_demo_leaves_no_floor_and_the_next_one_builds(tmp_path):
    path = tmp_path / "demo.db"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")},
        "CALLFLOOR_USER": "chen",
        "CALLFLOOR_NOW": NOW,
    }
    done = subprocess.run(
        [sys.executable, "-c", KILL_IN_THE_BUILD, str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not path.exists()
    assert "60 tickets" in Floor(path).ok(*MAKE_DEMO, user="chen")
