"""`db check` and `db backup` on a floor on a PostgreSQL server (docs/postgresql.md): check looks at
the catalog (tables, keys, the record's and the change log's triggers) and says each problem on
a line; backup makes no copy itself but shows the pg_dump and pg_restore commands for this
floor, with no password, and those commands work. Needs the PostgreSQL test server
(CALLFLOOR_TEST_DB_URL, `make test-pg`); skipped without it."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.cli.conftest import Floor
from tests.engines import ON_POSTGRES, FloorDb, with_database

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="a floor on a server: set CALLFLOOR_TEST_DB_URL (make test-pg)"
)


def execute(floor: Floor, *statements: str) -> None:
    """Statements run on the floor's database as the test server's superuser."""
    import psycopg

    with psycopg.connect(str(floor.db.url), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def test_a_new_server_floor_checks_ok(cli_floor):
    out = cli_floor.ok("db", "check")
    assert out.strip().endswith("ok") and "problem" not in out


def test_check_names_each_problem_on_its_line(cli_floor):
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    execute(
        cli_floor,
        "ALTER TABLE timeline_event DISABLE TRIGGER timeline_event_no_change",
        "DROP TRIGGER audit_event_no_truncate ON audit_event",
        "ALTER TABLE handoff DROP CONSTRAINT handoff_ticket_id_fkey",
        "ALTER TABLE handoff ADD CONSTRAINT handoff_ticket_id_fkey FOREIGN KEY (ticket_id) "
        "REFERENCES ticket (id) ON DELETE RESTRICT NOT VALID",
        "DROP INDEX customer_code",
        "ALTER TABLE callback DISABLE TRIGGER callback_change",
        "ALTER TABLE agent DROP COLUMN team",
    )
    done = cli_floor.run("db", "check")
    assert done.returncode == 1, done.stdout + done.stderr
    problems = [
        line.removeprefix("problem: ") for line in done.stdout.splitlines() if line.startswith("problem: ")
    ]
    expected = [
        "column agent.team is missing",
        "foreign key handoff_ticket_id_fkey (handoff.ticket_id -> ticket.id) is not validated",
        "unique index on customer(code) is missing",
        "trigger timeline_event_no_change on timeline_event is disabled: the record could be rewritten; "
        "the floor's owner enables it: ALTER TABLE timeline_event ENABLE TRIGGER timeline_event_no_change",
        "trigger audit_event_no_truncate is missing: the record could be rewritten",
        "trigger callback_change on callback is disabled: running screens would not see some changes",
    ]
    assert len(problems) == len(expected), done.stdout
    for problem, start in zip(problems, expected, strict=True):
        assert problem.startswith(start), (problem, start)
    assert done.stdout.strip().endswith(f"{len(expected)} problem(s)")


def test_check_finds_rows_pointing_at_a_missing_parent(cli_floor):
    """Foreign keys are enforced by triggers on a server; with those switched off (by a superuser,
    as a careless restore does) a row can point at nothing, and check says which, as on SQLite."""
    execute(
        cli_floor,
        "ALTER TABLE timeline_event DISABLE TRIGGER ALL",
        "INSERT INTO timeline_event (ticket_id, at, actor, kind) VALUES (4242, now(), 'li', 'note')",
    )
    done = cli_floor.run("db", "check")
    assert done.returncode == 1
    assert "problem: foreign key: timeline_event row 1 points at a missing ticket" in done.stdout
    assert (
        "(timeline_event.ticket_id -> ticket.id) is not enforced (its triggers are disabled)" in done.stdout
    )


def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


def _commands(stderr: str) -> dict[str, list[str]]:
    """The commands shown, by tool; the dump's "(umask 077; ...)" wrapper taken off."""
    lines = [line.strip() for line in stderr.splitlines()]
    lines = [line[len("(umask 077; ") : -1] if line.startswith("(umask 077; ") else line for line in lines]
    return {
        line.split()[0]: shlex.split(line)
        for line in lines
        if line.startswith("pg_dump ") or line.startswith("pg_restore ")
    }


def test_backup_shows_the_pg_dump_command_without_the_password(cli_floor, tmp_path):
    assert cli_floor.db.url is not None
    floor = Floor(FloorDb(url=_with_password(cli_floor.db.url, "s3cret-Pa55"), name=cli_floor.db.name))
    done = floor.run("db", "backup", str(tmp_path / "floor-backup.db"))
    assert done.returncode == 1 and done.stdout == ""
    assert "s3cret" not in done.stderr
    assert done.stderr.startswith("callfloor: a floor on a PostgreSQL server is backed up with pg_dump")
    assert "no backup was written" in done.stderr and "PGPASSWORD or ~/.pgpass" in done.stderr
    pg_dump = _commands(done.stderr)["pg_dump"]
    assert pg_dump[:2] == ["pg_dump", "--format=custom"]
    assert re.fullmatch(rf"--file={re.escape(str(tmp_path))}/floor-\d{{8}}-\d{{4}}\.dump", pg_dump[2])
    assert pg_dump[3:] == [cli_floor.db.url]  # no password at all: *** pasted would be taken as one
    assert "  (umask 077; pg_dump " in done.stderr  # the dump holds the customers' details
    assert not list(tmp_path.iterdir())  # nothing was written


def test_an_agent_asking_for_a_server_backup_is_refused_as_on_a_file(cli_floor, tmp_path):
    done = cli_floor.run("db", "backup", str(tmp_path / "x.dump"), user="li")
    assert done.returncode == 1 and "only a supervisor backs up the floor" in done.stderr


NO_PG_DUMP = shutil.which("pg_dump") is None and not list(Path("/usr/lib/postgresql").glob("*/bin/pg_dump"))


@pytest.mark.skipif(NO_PG_DUMP, reason="no pg_dump here")
def test_the_commands_shown_back_up_and_restore_the_floor(cli_floor, tmp_path):
    from tests.pg_server import server_bin

    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    dump = tmp_path / "nightly.dump"
    commands = _commands(cli_floor.run("db", "backup", str(dump)).stderr)
    assert f"--file={dump}" in commands["pg_dump"]
    tools = server_bin()
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    shown = next(
        line.strip()
        for line in cli_floor.run("db", "backup", str(dump)).stderr.splitlines()
        if line.startswith("  (umask 077; pg_dump ")
    )
    env["PATH"] = f"{tools}:{env['PATH']}"
    subprocess.run(["bash", "-c", shown], check=True, env=env, timeout=120)  # as pasted
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    assert cli_floor.db.url is not None and cli_floor.db.name
    name = f"{cli_floor.db.name}_restored"
    restored = FloorDb(url=with_database(cli_floor.db.url, name), name=name)
    execute(cli_floor, f'CREATE DATABASE "{restored.name}"')
    try:
        subprocess.run(
            [str(tools / "pg_restore"), *commands["pg_restore"][1:]], check=True, env=env, timeout=120
        )
        copy = Floor(restored)
        assert copy.ok("db", "check").strip().endswith("ok")
        assert "货物破损" in copy.ok("ticket", "show", "T000001")
    finally:
        restored.drop()
