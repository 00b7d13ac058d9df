"""callfloor db copy: a floor moved from its SQLite file into PostgreSQL and back, checked.

The floor copied is always a SQLite file, made with the real commands whatever engine the
suite runs on: a week of work (2026-W47, Mon 11-16 .. Sun 11-22, Shanghai) with live tickets,
a handoff, a waiting ticket, imported history and callbacks, a loaded policy and scripts, and
an audited refusal, so every table holds rows. Every command after it runs on Tuesday 11-24
09:00, where `report` shows W47 and the week under way is W48.

The copies go into new databases on the test server (tests/engines.py new_floor_db), dropped
after each test: those tests are skipped without CALLFLOOR_TEST_DB_URL (`make test-pg`). The
refusals that need no server run on every engine.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.cli.conftest import Floor
from tests.cli.test_report_commands import write_csv
from tests.engines import ON_POSTGRES, FloorDb, new_floor_db

needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="db copy's target is a PostgreSQL database: set CALLFLOOR_TEST_DB_URL (make test-pg)",
)

TUESDAY = "2026-11-24T09:00+08:00"
SCRIPTS = Path(__file__).resolve().parents[2] / "core" / "callbacks" / "scripts_default"
COMPARED = [  # what each side must print byte for byte
    ("report", "--json"),
    ("report", "--week", "2026-W48", "--json"),
    ("report", "--month", "2026-11", "--json"),
    ("ticket", "list", "--json"),
    ("ticket", "show", "T000004", "--json"),  # the handoff
    ("ticket", "show", "T000005", "--json"),  # waiting, its clock paused
    ("handoff", "list", "--all", "--json"),
    ("callbacks", "list", "--all", "--json"),
    ("audit", "--json"),
    ("agent", "list", "--json"),
    ("dept", "list", "--json"),
    ("script", "list", "--json"),
    ("policy", "show", "--as-loaded"),
    ("action", "show", "1", "--json"),
]
TABLES = (
    "schema_meta",
    "agent",
    "customer",
    "ticket",
    "timeline_event",
    "department",
    "handoff",
    "floor_setting",
    "script",
    "callback",
    "callback_purpose",
    "callback_answer",
    "callback_attempt",
    "audit_event",
    "ticket_alert",
    "board_link",
    "board_visit",
    "improvement_action",
    "action_ticket",
    "action_event",
)


def at(when: str) -> dict:
    return {"CALLFLOOR_NOW": when}


def build_week(floor: Floor, folder: Path) -> None:
    """The week above, every row written by a command."""
    floor.ok("db", "init", env=at("2026-11-16T08:00+08:00"))
    floor.ok("agent", "add", "li", "--name", "李娜")
    floor.ok("agent", "add", "wang", "--name", "王伟")
    floor.ok(
        "customer", "add", "C001", "--name", "华东贸易有限公司", "--phone", "13812345678", "--type", "vip"
    )
    policy = folder / "policy.toml"
    policy.write_text(floor.ok("policy", "show"), encoding="utf-8")
    floor.ok("policy", "load", str(policy))
    floor.ok("script", "load", str(SCRIPTS))
    floor.ok(
        "import",
        "customers",
        write_csv(
            folder,
            "customers.csv",
            [
                ["code", "name", "phone", "type"],
                ["C002", "乙公司", "13900001111", "old"],
                ["C003", "Delta", "", "vip"],
            ],
        ),
    )
    floor.ok(
        "import",
        "tickets",
        write_csv(
            folder,
            "tickets.csv",
            [
                ["ref", "received_at", "channel", "customer_code", "description", "category", "tier", "owner"]
                + ["first_response_at", "resolved_at", "closed_at", "reopened", "customer_contacts"],
                ["K1", "2026-11-15 23:59", "phone", "C001", "上周的工单", "other", "yellow", "li"]
                + ["2026-11-16 00:30", "2026-11-16 02:00", "", "", ""],
                ["K2", "2026-11-16 10:00", "online_ticket", "C002", "订单 漏发两件", "quality", "red", "wang"]
                + ["2026-11-16 10:30", "2026-11-16 15:00", "2026-11-17 09:00", "是", "2"],
            ],
        ),
    )
    # T000003 (K1 and K2 took ids 1 and 2): answered in target by li, resolved
    t1 = floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "发票抬头开错了",
        env=at("2026-11-16T09:00+08:00"),
    ).strip()  # fmt: skip
    floor.ok("ticket", "claim", t1, user="li", env=at("2026-11-16T09:05+08:00"))
    floor.ok("ticket", "contact", t1, "out", "已回电", user="li", env=at("2026-11-16T09:10+08:00"))
    floor.ok(
        "ticket", "status", t1, "resolved", "--note", "重开发票", user="li", env=at("2026-11-16T11:00+08:00")
    )
    # T000004: red, wang, a handoff to the warehouse answered and synced, resolved and closed
    t2 = floor.ok(
        "ticket", "add", "--customer", "C002", "--channel", "online_chat", "--text", "漏发一件货",
        "--tier", "red", env=at("2026-11-17T10:00+08:00"),
    ).strip()  # fmt: skip
    floor.ok("ticket", "claim", t2, user="wang", env=at("2026-11-17T10:20+08:00"))
    handoff = floor.ok(
        "handoff", "add", t2, "--dept", "warehouse", "--need", "核对库存", "--due", "+2h",
        user="wang", env=at("2026-11-17T10:30+08:00"),
    ).strip()  # fmt: skip
    floor.ok("handoff", "answer", handoff, "有货", user="wang", env=at("2026-11-17T11:00+08:00"))
    floor.ok("handoff", "synced", handoff, user="wang", env=at("2026-11-17T11:10+08:00"))
    floor.ok(
        "ticket", "status", t2, "resolved", "--note", "已补发", user="wang", env=at("2026-11-17T15:00+08:00")
    )
    floor.ok("ticket", "status", t2, "closed", user="wang", env=at("2026-11-18T09:00+08:00"))
    # T000005: li, waiting on the customer (its solution clock paused); T000006: nobody's
    t3 = floor.ok(
        "ticket", "add", "--customer", "C003", "--channel", "email", "--text", "How do I export?",
        "--tier", "green", env=at("2026-11-18T14:00+08:00"),
    ).strip()  # fmt: skip
    floor.ok("ticket", "claim", t3, user="li", env=at("2026-11-18T15:30+08:00"))
    floor.ok(
        "ticket",
        "status",
        t3,
        "waiting",
        "--note",
        "请客户发截图",
        user="li",
        env=at("2026-11-18T15:40+08:00"),
    )
    floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "建议增加夜间服务",
        env=at("2026-11-19T09:00+08:00"),
    )  # fmt: skip
    # T000007: received Monday of the week under way
    floor.ok(
        "ticket", "add", "--customer", "C002", "--channel", "phone", "--text", "咨询开票流程",
        env=at("2026-11-23T08:00+08:00"),
    )  # fmt: skip
    floor.ok(
        "import",
        "callbacks",
        write_csv(
            folder,
            "callbacks.csv",
            [
                ["customer_code", "ticket_ref", "done_at", "method", "agent", "overall", "warm", "feedback"],
                ["C001", "", "2026-11-13 10:00", "电话", "li", "3", "", ""],
                ["C001", "K1", "2026-11-17 10:00", "电话", "li", "5", "是", "很满意"],
                ["C002", "K2", "2026-11-18 16:00", "电话", "wang", "2", "否", "太慢"],
            ],
        ),
    )
    floor.ok("callbacks", "schedule", env=at(TUESDAY))
    refused = floor.run("policy", "load", str(policy), user="li", env=at(TUESDAY))  # audited
    assert refused.returncode == 1
    # links to the served wall board (schema 11): one live, one revoked
    floor.ok("serve-board", "--new-token", "--label", "TV by the door", env=at(TUESDAY))
    floor.ok("serve-board", "--new-token", "--label", "门口电视", env=at(TUESDAY))
    floor.ok("serve-board", "--revoke", "1", env=at(TUESDAY))
    # an improvement action (schema 12) on two tickets, started by its owner
    floor.ok(
        "action", "add", "--title", "夜间服务试点", "--dept", "tech", "--owner", "li", "--due", "10",
        "--expect", "count below 2", "--phrase", "夜间服务", "--tickets", "T000006", "T000007",
        env=at(TUESDAY),
    )  # fmt: skip
    floor.ok(
        "action", "update", "1", "--status", "in_progress", "--note", "排班中", user="li", env=at(TUESDAY)
    )


@pytest.fixture(scope="module")
def week_file(tmp_path_factory) -> Path:
    """The week's floor file, built once; each test copies it (week_floor)."""
    folder = tmp_path_factory.mktemp("week")
    floor = Floor(folder / "week.db")
    build_week(floor, folder)
    return folder / "week.db"


@pytest.fixture
def week_floor(week_file, tmp_path) -> Floor:
    """A copy of the week's floor file of this test's own, every command on Tuesday 09:00."""
    path = tmp_path / "floor.db"
    source = sqlite3.connect(week_file)
    target = sqlite3.connect(path)
    source.backup(target)
    target.close()
    source.close()
    os.chmod(path, 0o660)
    return Tuesday(path)


class Tuesday(Floor):
    """The command line with the clock at Tuesday 2026-11-24 09:00 unless told otherwise."""

    def run(self, *args: str, env: dict | None = None, **kwargs):
        return super().run(*args, env={**at(TUESDAY), **(env or {})}, **kwargs)


@pytest.fixture
def server_db(tmp_path):
    """A new empty database on the test server, dropped after the test."""
    target = new_floor_db(tmp_path, "copy")
    yield target
    target.drop()


def on_server(where: FloorDb) -> Tuesday:
    return Tuesday(where)


def server_counts(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        present = {
            row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
        return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in sorted(present)}


def file_rows(path: Path, table: str) -> list[tuple]:
    """Every row as stored, each value with its SQLite type."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [
            tuple((type(value).__name__, value) for value in row)
            for row in conn.execute(f'SELECT * FROM "{table}" ORDER BY 1')
        ]
    finally:
        conn.close()


# On the server ---------------------------------------------------------------------------------


@needs_postgres
def test_the_week_copied_to_postgresql_reports_byte_for_byte_the_same(week_floor, server_db):
    done = week_floor.ok("db", "copy", "--to-url", server_db.url)
    lines = done.splitlines()
    assert lines[0].startswith(f"copied the floor {week_floor.path} into {server_db.url} in ")
    rows = {line.split()[0]: int(line.split()[1]) for line in lines[2:] if len(line.split()) == 2}
    assert rows["ticket"] == 7 and rows["timeline_event"] >= 20 and rows["audit_event"] == 1
    assert set(rows) == set(TABLES)
    # every table came with rows but those the command line cannot fill (answers: the call screen)
    # (alerts: the week's floor has none due at its clock; visits: a served board's browsers)
    assert [table for table in TABLES if not rows[table]] == [
        "callback_purpose",
        "callback_answer",
        "ticket_alert",
        "board_visit",
    ]
    assert "row counts match on both sides" in lines
    assert "report figures match (2026-W47, 2026-W48 as of 2026-11-24 09:00 floor time)" in lines
    # the change log is the new floor's own: it does not hold the copy's rows
    assert server_counts(str(server_db.url))["floor_change"] == 0
    copy = on_server(server_db)
    for command in COMPARED:
        assert copy.ok(*command) == week_floor.ok(*command), command
    # the ids go on where the floor's left off: the next ticket is the same on both sides
    new = ("ticket", "add", "--customer", "C003", "--channel", "phone", "--text", "新的反馈")
    assert copy.ok(*new) == week_floor.ok(*new) == "T000008\n"
    shown = ("ticket", "show", "T000008", "--json")
    assert copy.ok(*shown) == week_floor.ok(*shown)


@needs_postgres
def test_and_back_into_a_new_file_row_for_row(week_floor, server_db, tmp_path):
    # a callback that follows one made after it (an import can do that): the copy keeps the link
    conn = sqlite3.connect(week_floor.path)
    with conn:
        conn.execute(
            "UPDATE callback SET follows_id = (SELECT MAX(id) FROM callback) "
            "WHERE id = (SELECT MIN(id) FROM callback)"
        )
    conn.close()
    week_floor.ok("db", "copy", "--to-url", server_db.url)
    back = tmp_path / "back" / "floor.db"
    back.parent.mkdir()
    done = Tuesday(back).run("db", "copy", "--from-url", str(server_db.url))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"copied the floor {server_db.url} into {back} in ")
    assert "report figures match (2026-W47, 2026-W48 as of 2026-11-24 09:00 floor time)" in done.stdout
    assert f"created {back} with mode 0660" in done.stdout
    assert stat.S_IMODE(back.stat().st_mode) == 0o660
    assert [p.name for p in back.parent.iterdir() if not p.name.startswith("floor.db")] == []  # no leftovers
    for table in TABLES:
        assert file_rows(back, table) == file_rows(week_floor.path, table), table
    returned = Tuesday(back)
    for command in COMPARED:
        assert returned.ok(*command) == week_floor.ok(*command), command
    assert returned.ok("db", "check").strip().endswith("ok")
    again = Tuesday(back).run("db", "copy", "--from-url", str(server_db.url))
    assert again.returncode == 1 and "already exists" in again.stderr


@needs_postgres
def test_a_target_that_is_not_empty_is_refused_and_left_as_it_was(week_floor, server_db):
    week_floor.ok("db", "copy", "--to-url", server_db.url)
    week_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "复制之后的反馈")
    report = on_server(server_db).ok("report", "--json")  # (it keeps the week's phrases: first)
    before = server_counts(str(server_db.url))
    done = week_floor.run("db", "copy", "--to-url", server_db.url)
    assert done.returncode == 1 and "Traceback" not in done.stderr and done.stdout == ""
    assert done.stderr.startswith(
        f"callfloor: the target {server_db.url} already holds 7 tickets, 3 customers, 3 people, "
    )
    assert "1 audit record, " in done.stderr and "1 improvement action, " in done.stderr
    assert "timeline events" in done.stderr and "nothing was copied" in done.stderr
    assert server_counts(str(server_db.url)) == before
    assert on_server(server_db).ok("report", "--json") == report
    chinese = week_floor.run("--lang", "zh", "db", "copy", "--to-url", server_db.url)
    assert chinese.returncode == 1 and "7 张工单" in chinese.stderr and "未复制任何内容" in chinese.stderr


@needs_postgres
def test_a_database_with_other_tables_is_refused_untouched(week_floor, server_db):
    import psycopg

    with psycopg.connect(str(server_db.url)) as conn:
        conn.execute("CREATE TABLE orders (id integer)")
    done = week_floor.run("db", "copy", "--to-url", server_db.url)
    assert done.returncode == 1
    assert "already holds tables that are not a callfloor floor's (orders)" in done.stderr
    assert server_counts(str(server_db.url)) == {"orders": 0}  # not even migrated


@needs_postgres
def test_passwords_are_never_printed(week_floor, server_db, tmp_path):
    secret = "&password=s3cret-pw"  # the test server trusts its socket: the password is not needed
    done = week_floor.ok("db", "copy", "--to-url", f"{server_db.url}{secret}")
    assert "s3cret" not in done and f"into {server_db.url}&password=*** in " in done
    fresh = new_floor_db(tmp_path, "fresh")
    try:
        made = Floor(FloorDb(url=f"{fresh.url}{secret}")).run("db", "init")
        assert made.returncode == 0, made.stderr
        assert "s3cret" not in made.stdout + made.stderr
        assert made.stdout.startswith(f"floor database ready at {fresh.url}&password=*** (schema ")
    finally:
        fresh.drop()


@needs_postgres
def test_figures_that_differ_roll_the_copy_back(week_floor, server_db):
    """The check that keeps a copy: here the figures read from each side differ on purpose."""
    from core.admin.copy import copy_floor
    from core.basics import FrozenClock, StorageProblem
    from tests.conftest import sh

    def engine_named(session):
        return {"2026-W47": {"engine": type(session.db).__name__}}

    with pytest.raises(StorageProblem) as refused:
        copy_floor(
            week_floor.path,
            to_url=str(server_db.url),
            login="boss",
            clock=FrozenClock(sh(2026, 11, 24, 9)),
            figures=engine_named,
        )
    assert refused.value.code == "admin.copy.figures_differ"
    assert "the weekly report 2026-W47 read from the copy" in str(refused.value)
    counts = server_counts(str(server_db.url))
    assert counts["ticket"] == counts["agent"] == counts["floor_change"] == 0


# Anywhere: refused before any server is reached -------------------------------------------------


@pytest.fixture
def cli_floor_file(tmp_path) -> Floor:
    """A small floor in a SQLite file whatever the engine (a copy's source is one)."""
    floor = Floor(tmp_path / "floor.db")
    floor.ok("db", "init")
    floor.ok("agent", "add", "li", "--name", "李娜")
    return floor


def test_an_agent_may_not_copy_the_floor_and_is_audited(cli_floor_file):
    done = cli_floor_file.run("db", "copy", "--to-url", "postgresql://floor@127.0.0.1:9/nowhere", user="li")
    assert done.returncode == 1
    assert done.stderr == (
        "callfloor: only a supervisor copies the floor (the copy holds every customer's phone in "
        "clear); li is an agent\n"
    )
    audit = json.loads(cli_floor_file.ok("audit", "--json"))
    assert audit[0]["login"] == "li" and audit[0]["action"] == "copy the floor"


def test_the_password_of_a_server_that_cannot_be_reached_is_not_printed(cli_floor_file):
    done = cli_floor_file.run(
        "db", "copy", "--to-url", "postgresql://copier:s3cret@127.0.0.1:9/nowhere",
        env={"CALLFLOOR_BUSY_TIMEOUT": "1"},
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "s3cret" not in done.stdout + done.stderr and "127.0.0.1" in done.stderr
    other = cli_floor_file.run("db", "copy", "--to-url", "mysql://copier@db/floor?password=s3cret")
    assert other.returncode == 1 and "s3cret" not in other.stderr
    assert "mysql://copier@db/floor?password=*** is neither" in other.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--to-url", "sqlite:///other.db"), "--to-url: sqlite:///other.db is not a PostgreSQL database"),
        (("--to-url", "other.db"), "--to-url: other.db is not a PostgreSQL database"),
        (("--to-url", "postgresql://h/x", "--group", "floor"), "--group: a floor group applies to a SQLite"),
    ],
)
def test_targets_that_are_no_postgresql_database_are_refused(cli_floor_file, args, said):
    done = cli_floor_file.run("db", "copy", *args)
    assert done.returncode == 1 and done.stderr.startswith(f"callfloor: {said}"), done.stderr


def test_the_new_file_of_a_copy_back_must_be_new_and_named(cli_floor_file, tmp_path):
    server = "postgresql://floor:pw@127.0.0.1:9/nowhere"
    done = cli_floor_file.run("db", "copy", "--from-url", server)  # --db names an existing floor
    assert done.returncode == 1
    assert f"--db: {cli_floor_file.path} already exists; db copy makes a new floor file" in done.stderr
    new = Floor(tmp_path / "new.db")
    from_env = new.run("db", "copy", "--from-url", server, db=False, env={"CALLFLOOR_DB": str(new.path)})
    assert from_env.returncode == 1  # a floor named by CALLFLOOR_DB is never taken for the new file
    assert "--db: --from-url copies the floor into a new SQLite file" in from_env.stderr
    from_file = new.run("db", "copy", "--from-url", f"sqlite:///{cli_floor_file.path}")
    assert from_file.returncode == 1 and "is not a PostgreSQL database: --from-url names" in from_file.stderr
    neither = cli_floor_file.run("db", "copy")
    assert (
        neither.returncode == 2 and "one of the arguments --to-url --from-url is required" in neither.stderr
    )
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "nowhere.db")
    linked = Floor(link).run("db", "copy", "--from-url", server)
    assert linked.returncode == 1 and "already exists" in linked.stderr
    assert not new.path.exists() and not (tmp_path / "nowhere.db").exists()
    assert [p.name for p in tmp_path.iterdir() if ".copy-" in p.name] == []


def test_the_same_server_database_spelled_twice_is_refused_before_anything_opens():
    floor = Floor(FloorDb(url="postgresql://floor:first-pw@127.0.0.1:9/callfloor"))
    done = floor.run(
        "db", "copy", "--to-url", "postgresql://floor:other-pw@localhost:9/callfloor?sslmode=prefer"
    )
    assert done.returncode == 1 and "-pw" not in done.stderr
    assert done.stderr == (
        "callfloor: the floor and the target are the same database "
        "(postgresql://floor:***@localhost:9/callfloor?sslmode=prefer); copy into another, empty database\n"
    )
