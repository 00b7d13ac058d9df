"""Issue 13, defect 12 (backup and check): a backup onto a full disk left its partial files
(`.partial-journal`) behind and said "what you typed is kept" as if a save had failed; and
`db check` and `db backup` upgraded an old floor before looking at it, so no backup of the floor
as it was before an upgrade could be made, and check never saw the old schema. Now a failed
backup leaves no file and says the disk is full; check and backup take the file as it is."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Floor
from tests.faults.conftest import one_line_refusal

SCHEMA1 = Path(__file__).parent.parent / "fixtures" / "schema1.db"

pytestmark = pytest.mark.sqlite_only("db backup of the SQLite file, and the first release's SQLite file")


def schema_version(path) -> str:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT value FROM schema_meta WHERE key = 'version'").fetchone()[0]


def test_a_backup_onto_a_full_disk_leaves_no_partial_file(cli_floor, tiny_disk):
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    tiny_disk.fill()
    dest = tiny_disk.path / "floor-backup.db"
    done = cli_floor.run("db", "backup", str(dest))
    assert sorted(p.name for p in tiny_disk.path.iterdir()) == ["filler"]
    line = one_line_refusal(done)
    assert "is full" in line and "no backup was written" in line and "what you typed" not in line
    tiny_disk.free()
    cli_floor.ok("db", "backup", str(dest))  # with room again, the same backup goes through
    assert Floor(dest).ok("db", "check").strip().endswith("ok")


def test_db_check_looks_at_an_old_floor_as_it_is(tmp_path):
    old = Floor(tmp_path / "old.db")
    shutil.copyfile(SCHEMA1, old.path)
    done = old.run("db", "check")
    assert done.returncode == 1
    assert "schema version 1 (latest" in done.stdout and "problem: schema version is 1" in done.stdout
    assert schema_version(old.path) == "1"


def test_db_backup_copies_an_old_floor_before_its_upgrade(tmp_path):
    old = Floor(tmp_path / "old.db")
    shutil.copyfile(SCHEMA1, old.path)
    dest = tmp_path / "before-upgrade.db"
    assert "backup written" in old.ok("db", "backup", str(dest))
    assert schema_version(old.path) == schema_version(dest) == "1"
    with sqlite3.connect(dest) as copy, sqlite3.connect(old.path) as floor:
        query = "SELECT ref, description FROM ticket ORDER BY id"
        assert copy.execute(query).fetchall() == floor.execute(query).fetchall() != []
    # The first ordinary command upgrades the floor; the backup stays as it was.
    old.ok("ticket", "list")
    assert schema_version(old.path) != "1" and schema_version(dest) == "1"


def test_an_agent_cannot_back_up_an_old_floor_either(tmp_path):
    old = Floor(tmp_path / "old.db")
    shutil.copyfile(SCHEMA1, old.path)
    line = one_line_refusal(old.run("db", "backup", str(tmp_path / "copy.db"), user="li"))
    assert "only a supervisor backs up the floor" in line
    assert not (tmp_path / "copy.db").exists() and schema_version(old.path) == "1"
