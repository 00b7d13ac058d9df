"""Defect 12, the storage messages: `--db notes.txt` said "damaged, restore the latest backup"
(it is no floor at all, and nothing may be changed in it); another program's SQLite database got
callfloor's tables; a schema version that is not a number was a traceback; and any command
turned an empty file into a new floor. (The other cases of defect 12 are in
test_d12_backup_and_check.py.)"""

from __future__ import annotations

import sqlite3

import pytest

from db.connection import open_database
from db.errors import StorageError
from tests.cli.conftest import Floor
from tests.engines import query

NOTES = "Monday: call 华东贸易 back about the invoice.\nTuesday: nothing yet.\n"


def refusal(done) -> str:
    """Exit 1, one line on stderr, no traceback; returns the line."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("callfloor: "), done.stderr
    return lines[0]


def side_files(path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    return path


@pytest.fixture
def other_program(tmp_path):
    """Another program's SQLite database (rollback journal, as most programs leave it)."""
    path = tmp_path / "contacts.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张伟', '13812345678')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.sqlite_only("a text file given as the SQLite file")
@pytest.mark.parametrize(
    "command", [("ticket", "list"), ("db", "check"), ("db", "backup", "x.db"), ("db", "init")]
)
def test_a_text_file_is_not_a_floor_and_stays_as_it_was(notes, command):
    before = notes.read_bytes()
    line = refusal(Floor(notes).run(*command))
    assert "not a callfloor floor" in line and "not a SQLite database" in line
    assert "damaged" not in line and "restore" not in line
    assert notes.read_bytes() == before and side_files(notes) == []


@pytest.mark.sqlite_only("another program's SQLite file")
@pytest.mark.parametrize("command", [("ticket", "list"), ("db", "init")])
def test_another_program_s_database_gets_no_floor_tables(other_program, command):
    before = other_program.read_bytes()
    line = refusal(Floor(other_program).run(*command))
    assert "not a callfloor floor" in line and "contacts" in line and "restore" not in line
    assert other_program.read_bytes() == before and side_files(other_program) == []


@pytest.mark.sqlite_only("another program's SQLite file")
def test_opening_another_program_s_database_in_code_changes_nothing(other_program):
    before = other_program.read_bytes()
    with pytest.raises(StorageError, match="not a callfloor floor"):
        open_database(other_program, create=True)
    assert other_program.read_bytes() == before


@pytest.mark.parametrize("junk", ["abc", "", "-1", "4.5", "５"])
def test_a_malformed_schema_version_is_a_clear_refusal(cli_floor, junk):
    query(cli_floor.db, "UPDATE schema_meta SET value = ? WHERE key = 'version'", (junk,))
    for command in (("ticket", "list"), ("db", "check")):
        line = refusal(cli_floor.run(*command))
        assert f"schema version is {junk!r}" in line and "not a version number" in line
    with pytest.raises(StorageError, match="not a version number"):
        open_database(**cli_floor.db.where())


@pytest.mark.sqlite_only("an empty file given as the SQLite file")
def test_an_empty_file_is_not_turned_into_a_floor(tmp_path):
    empty = tmp_path / "floor.db"
    empty.touch()
    with pytest.raises(StorageError) as refused:
        open_database(empty)
    assert f"callfloor db init --db {empty}" in str(refused.value)
    line = refusal(Floor(empty).run("agent", "add", "li", "--name", "李娜"))
    assert "is empty, not a floor" in line and "callfloor db init" in line
    assert empty.stat().st_size == 0 and side_files(empty) == []


@pytest.mark.sqlite_only("an empty SQLite file")
def test_an_empty_sqlite_database_is_not_turned_into_a_floor(tmp_path):
    path = tmp_path / "floor.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    before = path.read_bytes()
    line = refusal(Floor(path).run("ticket", "list"))
    assert "is empty, not a floor" in line
    assert path.read_bytes() == before


@pytest.mark.sqlite_only("a SQLite file that is not there")
def test_a_missing_file_is_not_turned_into_a_floor(tmp_path):
    missing = tmp_path / "floor.db"
    line = refusal(Floor(missing).run("ticket", "list"))
    assert "callfloor db init" in line and not missing.exists()


@pytest.mark.sqlite_only("an empty file given as the SQLite file")
def test_db_init_still_makes_a_floor_of_an_empty_file(tmp_path):
    """Only `db init` turns an empty file into a floor."""
    empty = tmp_path / "floor.db"
    empty.touch()
    assert "floor database ready" in Floor(empty).ok("db", "init")
    assert "T000001" not in Floor(empty).ok("ticket", "list")
