"""Issue 13, defect 6: `db backup` had no role check and wrote world-readable files. A backup
holds every customer's phone in clear, so it is a supervisor's move: an agent is refused in one
line and the refusal is audited like the others; the copy and its partial file are 0660 for the
floor's group (the floor file's group), whatever the umask of whoever runs it."""

from __future__ import annotations

import grp
import json
import os
import sqlite3
import stat
import subprocess

import pytest

from db import maintenance
from db.connection import open_database
from tests.cli.conftest import CALLFLOOR, NOW, Floor
from tests.faults.conftest import one_line_refusal

pytestmark = pytest.mark.sqlite_only("db backup copies the SQLite file; its mode and group")


def run_with_umask(floor: Floor, umask: int, *args: str, user: str = "boss"):
    """Floor.run with the child's umask set (the parent's is left alone)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER=user, CALLFLOOR_NOW=NOW)
    return subprocess.run(
        [CALLFLOOR, *args, "--db", str(floor.path)],
        env=env,
        capture_output=True,
        text=True,
        umask=umask,
        timeout=120,
    )


def another_group() -> int | None:
    """A group this user may give files to other than the one it creates files with, if any."""
    usable = [g.gr_gid for g in grp.getgrall()] if os.geteuid() == 0 else os.getgroups()
    return next((gid for gid in usable if gid != os.getegid()), None)


@pytest.fixture
def floor_group(cli_floor) -> int:
    """The floor file's group: another group than the caller's where one is usable, so the
    backup's group must come from the floor file, not from who ran it."""
    gid = another_group()
    if gid is not None:
        os.chown(cli_floor.path, -1, gid)
    return os.stat(cli_floor.path).st_gid


def test_an_agent_is_refused_in_one_line_and_the_refusal_is_audited(cli_floor, tmp_path):
    dest = tmp_path / "li-copy.db"
    line = one_line_refusal(cli_floor.run("db", "backup", str(dest), user="li"))
    assert "only a supervisor backs up the floor" in line and "li is an agent" in line
    assert not dest.exists() and not list(tmp_path.glob("li-copy.db*"))
    [row] = json.loads(cli_floor.ok("audit", "--json"))
    assert (row["login"], row["action"], row["target"]) == ("li", "back up the floor", str(dest))
    assert row["reason"] in line


def test_a_login_not_on_the_floor_is_refused_too(cli_floor, tmp_path):
    line = one_line_refusal(cli_floor.run("db", "backup", str(tmp_path / "x.db"), user="stranger"))
    assert "'stranger' is not an agent on this floor" in line
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_the_supervisor_s_backup_is_0660_for_the_floor_group_whatever_the_umask(
    cli_floor, floor_group, tmp_path, umask
):
    dest = tmp_path / f"copy-{umask:03o}.db"
    done = run_with_umask(cli_floor, umask, "db", "backup", str(dest))
    assert done.returncode == 0, done.stderr
    info = os.stat(dest)
    assert (stat.S_IMODE(info.st_mode), info.st_gid) == (0o660, floor_group)
    assert Floor(dest).ok("db", "check").strip().endswith("ok")


def test_the_partial_file_is_0660_for_the_floor_group_while_it_is_written(
    cli_floor, floor_group, tmp_path, monkeypatch
):
    """The partial file is looked at the moment SQLite has opened it to write the copy."""
    seen = []
    connect = sqlite3.connect

    def watching(target, *args, **kwargs):
        opened = connect(target, *args, **kwargs)
        if str(target).endswith(".partial"):
            info = os.stat(target)
            seen.append((stat.S_IMODE(info.st_mode), info.st_gid))
        return opened

    db = open_database(cli_floor.path)
    monkeypatch.setattr(maintenance.sqlite3, "connect", watching)
    old = os.umask(0o000)
    try:
        maintenance.backup(db, tmp_path / "copy.db")
    finally:
        os.umask(old)
        db.close()
    assert seen == [(0o660, floor_group)]
    assert stat.S_IMODE(os.stat(tmp_path / "copy.db").st_mode) == 0o660
