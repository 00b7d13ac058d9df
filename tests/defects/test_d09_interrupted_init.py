"""Issue 13, defect 9: a `db init` killed between the schema and the first supervisor left a
floor with no supervisor; `db check` called it ok and any login could then make itself its
supervisor. Now the new floor is built in a hidden file beside the path and renamed into place
only once it is whole, so a killed init leaves no floor; a floor with no active supervisor
(left by an older version, or edited by hand) is refused by every command and the app, with
the repair in the message; `db check` reports it; `db init --repair-supervisor` repairs it, for
the OS user who owns the file only."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys

import pytest

from core.admin import setup as admin
from core.basics.clock import FrozenClock
from core.basics.errors import NotAllowed, Refused
from tests.cli.conftest import NOW, Floor
from tests.conftest import FLOOR_MORNING
from tests.engines import FloorDb, query

KILL_AFTER_THE_SCHEMA = """
import os, signal, sys
import core.admin.setup
def killed(*args, **kwargs):  # the schema is there, the first supervisor not yet
    os.kill(os.getpid(), signal.SIGKILL)
core.admin.setup.ensure_first_supervisor = killed
from tui.cli.main import main
sys.exit(main(["db", "init", "--db", sys.argv[1]]))
"""

NO_SUPERVISOR = "has no active supervisor"
REPAIR = "--repair-supervisor"


def env(user: str = "boss") -> dict:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")},
        "CALLFLOOR_USER": user,
        "CALLFLOOR_NOW": NOW,
    }


def schema_without_supervisor(where: FloorDb) -> None:
    """What a killed init of an older version left: the whole schema, no people."""
    where.open(login="boss", create=True).close()
    assert agents(where) == 0


def agents(where: FloorDb) -> int:
    return query(where, "SELECT COUNT(*) FROM agent")[0][0]


NEW_FILE = "db init builds the new SQLite file beside the path and renames it into place"


@pytest.mark.sqlite_only(NEW_FILE)
def test_a_db_init_killed_after_the_schema_leaves_no_floor_at_the_path(tmp_path):
    path = tmp_path / "floor.db"
    done = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_THE_SCHEMA, str(path)],
        env=env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not path.exists()
    # The next db init makes the floor whole, its caller first supervisor.
    floor = Floor(path)
    assert "boss is the floor's first supervisor" in floor.ok("db", "init")
    assert [p["login"] for p in json.loads(floor.ok("agent", "list", "--json"))] == ["boss"]


@pytest.mark.sqlite_only(NEW_FILE)
def test_a_db_init_that_fails_after_the_schema_leaves_nothing_behind(tmp_path, monkeypatch):
    def fails(*args, **kwargs):
        raise RuntimeError("interrupted")

    monkeypatch.setattr(admin, "ensure_first_supervisor", fails)
    with pytest.raises(RuntimeError):
        admin.init_new_floor(tmp_path / "floor.db", login="boss", clock=FrozenClock(FLOOR_MORNING))
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def orphan(floor_db) -> Floor:
    floor = Floor(floor_db)
    schema_without_supervisor(floor.db)
    return floor


@pytest.mark.parametrize(
    "args",
    [
        ("agent", "list"),
        ("ticket", "list"),
        ("customer", "add", "C9", "--name", "x"),
        ("agent", "add", "mallory", "--name", "M", "--role", "supervisor"),  # the takeover
        ("db", "init"),
        ("db", "backup", "copy.db"),
        (),  # the app
    ],
)
def test_every_command_and_the_app_refuse_a_floor_without_supervisor_saying_how_to_repair(orphan, args):
    done = orphan.run(*args, user="mallory")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    # --db path, or --db-url on a server
    assert NO_SUPERVISOR in line and f"callfloor db init {' '.join(orphan.db.args())} {REPAIR}" in line
    assert agents(orphan.db) == 0


def test_db_check_reports_a_floor_without_supervisor(orphan):
    done = orphan.run("db", "check")
    assert done.returncode == 1
    assert "problem: no active supervisor" in done.stdout and REPAIR in done.stdout


def test_the_file_s_owner_repairs_it_and_becomes_its_supervisor(orphan):
    said = orphan.ok("db", "init", REPAIR, user="chen")
    assert "chen is now its supervisor" in said
    assert json.loads(orphan.ok("agent", "list", "--json", user="chen"))[0]["role"] == "supervisor"
    assert orphan.ok("db", "check").strip().endswith("ok")
    again = orphan.run("db", "init", REPAIR, user="mallory")
    assert again.returncode == 1 and "has an active supervisor (chen); nothing to repair" in again.stderr


@pytest.mark.sqlite_only("the OS user who owns the SQLite file")
def test_someone_who_does_not_own_the_file_cannot_repair_it(orphan, monkeypatch):
    owner = os.stat(orphan.path).st_uid
    monkeypatch.setattr(os, "geteuid", lambda: owner + 1 if owner + 1 != 0 else owner + 2)
    with pytest.raises(NotAllowed, match="only the OS user who owns"):
        admin.repair_supervisor(orphan.path, login="mallory")
    with sqlite3.connect(orphan.path) as db:
        assert db.execute("SELECT COUNT(*) FROM agent").fetchone()[0] == 0
        [(login, action)] = db.execute("SELECT login, action FROM audit_event").fetchall()
    assert (login, action) == ("mallory", "repair the floor's supervisor")


def test_a_repair_is_refused_on_a_floor_that_has_a_supervisor(cli_floor):
    with pytest.raises(Refused, match="has an active supervisor"):
        admin.repair_supervisor(**cli_floor.db.where(), login="li")
