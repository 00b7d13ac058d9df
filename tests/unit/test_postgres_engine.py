"""The floor on a PostgreSQL server behaves as the SQLite floor does (db/postgres.py): one writer
at a time with a lock timeout, faults said by SQLSTATE, a change signal that ignores the
session's own writes and survives a dropped connection, changes read in full when commits land
out of order, migrations once under concurrent openers, refs that never collide.

Most tests need the test server (make test-pg sets CALLFLOOR_TEST_DB_URL) and skip without it;
the translation and NUL tests run everywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.basics import InvalidInput, StorageBusy
from core.basics.errors import WriteCollision
from core.floor import changes_since, retried
from core.floor.storage import storage_problem
from core.tickets import lifecycle as tickets
from core.tickets import queue
from db.connection import change_counter, snapshot, translate
from db.errors import DatabaseBusy, DatabaseUnreachable, DiskFull, ReadOnlyDatabase, WriteConflict
from db.models import FloorChange, Ticket
from db.postgres import FLOOR_WRITE_LOCK
from db.urls import redact_url
from tests.cli.conftest import CALLFLOOR, NOW
from tests.engines import ON_POSTGRES

on_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="needs the PostgreSQL test server (make test-pg)")


def _psycopg_error(name: str, text: str = "boom"):
    import psycopg.errors

    return getattr(psycopg.errors, name)(text)


@pytest.mark.parametrize(
    "error, kind",
    [
        ("LockNotAvailable", DatabaseBusy),
        ("QueryCanceled", DatabaseBusy),
        ("SerializationFailure", WriteConflict),
        ("DeadlockDetected", WriteConflict),
        ("ReadOnlySqlTransaction", ReadOnlyDatabase),
        ("InsufficientPrivilege", ReadOnlyDatabase),
        ("DiskFull", DiskFull),
        ("AdminShutdown", DatabaseUnreachable),
        ("CannotConnectNow", DatabaseUnreachable),
        ("TooManyConnections", DatabaseUnreachable),
    ],
)
def test_server_faults_are_said_by_their_sqlstate(error, kind):
    translated = translate(_psycopg_error(error))
    assert type(translated) is kind
    assert "nothing was changed" in str(translated)


def test_a_collision_is_run_again_and_said_only_when_it_keeps_colliding():
    tries = []

    def collides_twice():
        tries.append(1)
        if len(tries) <= 2:
            raise storage_problem(WriteConflict("collided"))
        return "saved"

    assert retried(collides_twice) == "saved" and len(tries) == 3
    with pytest.raises(WriteCollision):
        retried(lambda: (_ for _ in ()).throw(storage_problem(WriteConflict("again"))))
    assert isinstance(storage_problem(WriteConflict("x")), StorageBusy)


def test_a_password_is_never_shown():
    assert (
        redact_url("postgresql://floor:s3cret@db.example/floor") == "postgresql://floor:***@db.example/floor"
    )
    assert "s3cret" not in redact_url("postgresql://floor@db/floor?password=s3cret&sslmode=require")
    assert redact_url("postgresql://floor@db/floor") == "postgresql://floor@db/floor"


def test_a_nul_character_is_refused_at_input_on_every_engine(floor, new_ticket):
    with pytest.raises(InvalidInput, match="NUL"):
        new_ticket(description="damaged\x00paste")
    assert Ticket.select().count() == 0


# --- on the server ---------------------------------------------------------------------------


def _other_connection(floor_db):
    import psycopg

    return psycopg.connect(floor_db.url, autocommit=True)


@on_postgres
def test_a_held_write_lock_makes_a_save_wait_then_say_busy_and_change_nothing(floor_db, monkeypatch, clock):
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", "1")
    floor = floor_db.open(login="boss", clock=clock, create=True)
    from core.people.agents import ensure_first_supervisor

    ensure_first_supervisor(floor, "老板")
    from core.customers.records import CustomerForm, add_customer

    add_customer(floor, CustomerForm(code="C001", name="华东贸易有限公司"))
    holder = _other_connection(floor_db)
    holder.autocommit = False
    holder.execute("SELECT pg_advisory_xact_lock(%s)", (FLOOR_WRITE_LOCK,))
    try:
        with pytest.raises(StorageBusy, match="stayed locked"):
            tickets.intake(floor, tickets.NewTicket("C001", "phone", "客户询问发票"))
        assert Ticket.select().count() == 0
    finally:
        holder.rollback()
        holder.close()
    assert tickets.intake(floor, tickets.NewTicket("C001", "phone", "客户询问发票")) == "T000001"
    floor.close()


@on_postgres
def test_the_change_signal_moves_for_others_writes_only_and_survives_a_dropped_connection(floor, floor_db):
    start = change_counter(floor.db)
    tickets.intake(floor, tickets.NewTicket("C001", "phone", "客户询问发票"))  # this session's own
    time.sleep(0.2)
    assert change_counter(floor.db) == start
    other = _other_connection(floor_db)
    other.execute("UPDATE customer SET name = name || '!' WHERE code = 'C001'")
    time.sleep(0.2)
    assert change_counter(floor.db) == start + 1
    # The server drops the listening connection (a restart, a network cut): one failed look,
    # then it listens again and counts one change, so every screen reads again.
    other.execute(  # this floor's only: another worker's app (a tmux test) listens on the same server
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'callfloor-watch' AND datname = current_database()"
    )
    time.sleep(0.2)
    with pytest.raises(DatabaseUnreachable, match="cannot be reached"):
        for _ in range(5):  # the look that reads the server's goodbye, then the one that finds it gone
            change_counter(floor.db)
    assert change_counter(floor.db) == start + 2
    other.execute("UPDATE customer SET name = name || '!' WHERE code = 'C001'")
    time.sleep(0.2)
    assert change_counter(floor.db) == start + 3
    other.close()


@on_postgres
def test_a_change_committed_out_of_order_is_still_told(floor, floor_db):
    """Two writers outside callfloor's write lock: the later number commits first; the look in
    between sees only it, the next look tells the earlier one too, and nothing twice."""
    last, _ = changes_since(floor, None)
    first, second = _other_connection(floor_db), _other_connection(floor_db)
    first.autocommit = second.autocommit = False
    first.execute("INSERT INTO floor_change (kind, customer_id) VALUES ('customer', 101)")
    second.execute("INSERT INTO floor_change (kind, customer_id) VALUES ('customer', 102)")
    second.commit()
    last, seen = changes_since(floor, last)
    assert [row.customer_id for row in seen.rows] == [102]
    first.commit()
    last, seen = changes_since(floor, last)
    assert [row.customer_id for row in seen.rows] == [101]
    last, seen = changes_since(floor, last)
    assert seen.rows == () and not seen.everything
    first.close()
    second.close()


_INTAKE = """
import sys
from core.floor.session import open_session
from core.tickets import lifecycle
session = open_session(url=sys.argv[1], login="boss")
print(lifecycle.intake(session, lifecycle.NewTicket("C001", "phone", "客户询问发票 " + sys.argv[2])))
"""


@on_postgres
def test_twelve_intakes_at_once_get_twelve_refs(floor, floor_db):
    env = {**os.environ, "CALLFLOOR_NOW": NOW}

    def intake(n: int) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", _INTAKE, floor_db.url, str(n)], capture_output=True, text=True, env=env
        )

    with ThreadPoolExecutor(12) as pool:
        done = list(pool.map(intake, range(12)))
    assert [d.returncode for d in done] == [0] * 12, [d.stderr for d in done if d.returncode]
    refs = sorted(d.stdout.strip() for d in done)
    assert refs == [f"T{n:06d}" for n in range(1, 13)]


_OPEN = """
import sys
from db.connection import open_database
from db import migrations
db = open_database(url=sys.argv[1], create=True)
print(migrations.current_version(db))
"""


@on_postgres
def test_four_sessions_opening_an_empty_database_at_once_migrate_it_once(floor_db):
    with ThreadPoolExecutor(4) as pool:
        done = list(
            pool.map(
                lambda _: subprocess.run(
                    [sys.executable, "-c", _OPEN, floor_db.url], capture_output=True, text=True
                ),
                range(4),
            )
        )
    from db import migrations

    assert [d.returncode for d in done] == [0] * 4, [d.stderr for d in done]
    assert {d.stdout.strip() for d in done} == {str(migrations.LATEST)}


@on_postgres
def test_a_report_reads_one_snapshot(floor, floor_db):
    other = _other_connection(floor_db)
    with snapshot(floor.db):
        level = floor.db.execute_sql("SHOW transaction_isolation").fetchone()[0]
        before = FloorChange.select().count()
        other.execute("UPDATE customer SET name = name || '!' WHERE code = 'C001'")
        assert FloorChange.select().count() == before  # the other commit is not seen inside
    assert level == "repeatable read"
    assert FloorChange.select().count() == before + 1
    other.close()


@on_postgres
def test_a_read_only_server_and_an_unreachable_one_are_said_plainly(floor, floor_db, tmp_path):
    other = _other_connection(floor_db)
    other.execute(f'ALTER DATABASE "{floor_db.name}" SET default_transaction_read_only = on')
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER="boss", CALLFLOOR_NOW=NOW)
    done = subprocess.run(
        [CALLFLOOR, "customer", "add", "C002", "--name", "Other", "--db-url", floor_db.url],
        capture_output=True,
        text=True,
        env=env,
    )
    other.execute(f'ALTER DATABASE "{floor_db.name}" RESET default_transaction_read_only')
    other.close()
    assert done.returncode == 1 and "can only be read" in done.stderr and "Traceback" not in done.stderr
    gone = f"postgresql://floor:s3cret@/floor?host={tmp_path}"  # no server listens there
    done = subprocess.run(
        [CALLFLOOR, "ticket", "list", "--db-url", gone], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 1 and "cannot be reached" in done.stderr
    assert "s3cret" not in done.stderr + done.stdout and "Traceback" not in done.stderr


@on_postgres
def test_after_the_server_dropped_the_connections_the_next_save_and_read_just_work(floor, floor_db):
    """A restart or a network cut while the session was idle: its connection fails at the first
    statement, before anything was begun, so it is replaced and the statement sent again."""
    from core.customers.records import CustomerForm, add_customer

    other = _other_connection(floor_db)

    def cut() -> None:
        other.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        time.sleep(0.2)

    cut()
    add_customer(floor, CustomerForm(code="C002", name="Other Co"))
    assert other.execute("SELECT count(*) FROM customer WHERE code = 'C002'").fetchone() == (1,)
    cut()
    assert queue.queue_counts(floor).open_by_tier["yellow"] == 0
    cut()
    with snapshot(floor.db):
        assert FloorChange.select().count() > 0
    other.close()


@on_postgres
def test_a_server_that_is_gone_says_so_and_nothing_is_changed(floor, floor_db, monkeypatch):
    from core.basics import StorageProblem
    from core.customers.records import CustomerForm, add_customer

    floor.db.url = "postgresql://postgres@/gone"  # only for the message
    floor.db.close()
    floor.db.connect_params["host"] = "/nonexistent-socket-folder"
    floor.db.database = floor.db.database.replace(floor_db.url.split("?")[0], "postgresql://postgres@/gone")
    with pytest.raises(StorageProblem, match="cannot be reached") as said:
        add_customer(floor, CustomerForm(code="C003", name="Third Co"))
    assert said.value.code == "storage.unreachable"


def test_the_command_line_hides_a_password_in_any_message():
    from core.basics.display import without_passwords

    said = without_passwords(
        "cannot reach postgresql://floor:s3cr@t@db.example/floor?password=xyz&sslmode=require"
    )
    assert "s3cr" not in said and "xyz" not in said
    assert said == "cannot reach postgresql://floor:***@db.example/floor?password=***&sslmode=require"
    assert (
        without_passwords("postgresql://floor@/floor?host=/run/pg")
        == "postgresql://floor@/floor?host=/run/pg"
    )


def test_a_url_that_is_neither_sqlite_nor_postgresql_is_refused_by_name(tmp_path):
    from db.connection import open_database
    from db.errors import StorageError

    for url in ("mysql://floor:s3cret@db/floor", "nonsense"):
        with pytest.raises(StorageError, match="a floor is a SQLite file or a PostgreSQL database") as said:
            open_database(url=url)
        assert "s3cret" not in str(said.value)


@on_postgres
def test_a_misspelt_database_and_an_unknown_login_are_said_as_such(floor_db):
    from db.connection import open_database
    from db.errors import DatabaseMissing, StorageError
    from tests.engines import with_database

    with pytest.raises(DatabaseMissing, match='there is no database "no_such_floor"'):
        open_database(url=with_database(floor_db.url, "no_such_floor"))
    stranger = floor_db.url.replace("postgresql://postgres@", "postgresql://nobody_here:s3cret@", 1)
    with pytest.raises(StorageError, match="refused the login") as said:
        open_database(url=stranger)
    assert "s3cret" not in str(said.value) and 'role "nobody_here" does not exist' in str(said.value)
