"""A floor on a server, worked through a role that is not its owner (docs/postgresql.md): the
grants the page gives are enough to work the floor, and the append-only record holds against
such a role, even one granted more than the page says.

The floor is made by an owner role that is no superuser, as the page sets it up; the agents'
role gets exactly the page's grant block. Needs the PostgreSQL test server
(CALLFLOOR_TEST_DB_URL, `make test-pg`); skipped without it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from core.basics import NotAllowed, StorageProblem
from core.customers.records import CustomerForm, add_customer
from core.floor.session import open_session
from core.people.agents import add_agent, ensure_first_supervisor
from core.tickets.lifecycle import NewTicket, add_note, claim, intake
from db.postgres import APPEND_ONLY_SQLSTATE
from tests.engines import ON_POSTGRES, TEST_DB_URL, FloorDb, new_floor_db

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="about database roles on a server: set CALLFLOOR_TEST_DB_URL (make test-pg)"
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "postgresql.md"
INSUFFICIENT_PRIVILEGE = "42501"


def documented_grants() -> str:
    """The grant block of docs/postgresql.md, as written there (roles callfloor_agents, database floor)."""
    blocks = re.findall(r"^```sql\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.M | re.S)
    found = [block for block in blocks if "GRANT CONNECT ON DATABASE" in block]
    assert len(found) == 1, "docs/postgresql.md has one grant block"
    return found[0]


def as_role(url: str, role: str, database: str | None = None) -> str:
    """url connecting as role (the test server trusts any role that may log in)."""
    parts = urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    path = f"/{database}" if database else parts.path
    return urlunsplit(parts._replace(netloc=f"{role}@{host}", path=path))


def connect(url: str):
    import psycopg

    return psycopg.connect(url, autocommit=True)


@dataclass
class ServerFloor:
    floor: FloorDb
    owner: str
    agents: str
    """The group role holding the documented grants."""
    agent: str
    """A login role in the group, as one role per agent gives it."""

    def url(self, role: str) -> str:
        assert self.floor.url is not None
        return as_role(self.floor.url, role)


@pytest.fixture
def server_floor(tmp_path, clock) -> Iterator[ServerFloor]:
    """A floor made by a non-superuser owner, with boss (supervisor), li (agent), customer C001
    and ticket T000001; the agents' role granted exactly what docs/postgresql.md gives."""
    assert TEST_DB_URL is not None
    tag = secrets.token_hex(4)
    owner, agents, agent = f"cf_owner_{tag}", f"cf_agents_{tag}", f"cf_li_{tag}"
    floor = new_floor_db(tmp_path)
    admin = connect(as_role(TEST_DB_URL, "postgres", "postgres"))
    try:
        admin.execute(f'CREATE ROLE "{owner}" LOGIN')
        admin.execute(f'CREATE ROLE "{agents}" NOLOGIN')
        admin.execute(f'CREATE ROLE "{agent}" LOGIN IN ROLE "{agents}"')
        admin.execute(f'ALTER DATABASE "{floor.name}" OWNER TO "{owner}"')
        admin.execute(f'REVOKE ALL ON DATABASE "{floor.name}" FROM PUBLIC')
        with connect(as_role(TEST_DB_URL, "postgres", floor.name)) as conn:
            conn.execute(f'ALTER SCHEMA public OWNER TO "{owner}"')
            conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
        made = ServerFloor(floor, owner, agents, agent)
        session = open_session(url=made.url(owner), login="boss", clock=clock, create=True)
        try:
            ensure_first_supervisor(session, "老板")
            add_agent(session, "li", "李娜")
            add_customer(session, CustomerForm(code="C001", name="华东贸易有限公司", phone="13812345678"))
            intake(
                session, NewTicket(customer_code="C001", channel="phone", description="客户询问发票开具流程")
            )
        finally:
            session.close()
        grants = re.sub(r"\bcallfloor_agents\b", f'"{agents}"', documented_grants())
        grants = re.sub(r"ON DATABASE floor\b", f'ON DATABASE "{floor.name}"', grants)
        with connect(made.url(owner)) as conn:
            conn.execute(grants)  # as the owner, as the page says
            # no EXECUTE on the floor's functions for anyone: the triggers run without it
            conn.execute("REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC")
        yield made
    finally:
        floor.drop()  # first: the roles own and are granted things in it
        for role in (agent, agents, owner):
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


def test_the_agents_role_is_not_the_owner_and_has_no_delete_on_the_record(server_floor):
    with connect(server_floor.url(server_floor.agent)) as conn:
        rows = conn.execute(
            "SELECT c.relname::text, pg_has_role(current_user, c.relowner, 'MEMBER'), "
            "has_table_privilege(c.oid, 'DELETE'), has_table_privilege(c.oid, 'TRUNCATE') "
            "FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace"
        ).fetchall()
    assert rows and not any(owns for _, owns, _, _ in rows)
    assert {table for table, _, deletes, _ in rows if deletes} == {"callback_answer", "floor_change"}
    assert not any(truncates for *_, truncates in rows)


def test_an_agent_works_the_floor_through_the_documented_grants(server_floor, clock):
    with connect(server_floor.url(server_floor.owner)) as conn:
        # the next change-log row trims the log: the trigger deletes with the writer's grants
        conn.execute("SELECT setval(pg_get_serial_sequence('floor_change', 'id'), 1999)")
    li = open_session(url=server_floor.url(server_floor.agent), login="li", clock=clock)
    try:
        claim(li, "T000001")
        add_note(li, "T000001", "客户已收到发票")
        ref = intake(li, NewTicket(customer_code="C001", channel="phone", description="漏发一件"))
        with pytest.raises(NotAllowed):
            add_agent(li, "zhao", "赵六")  # a supervisor's move: refused, and audited
    finally:
        li.close()
    with connect(server_floor.url(server_floor.owner)) as conn:
        kinds = conn.execute(
            "SELECT e.kind FROM timeline_event e JOIN ticket t ON t.id = e.ticket_id "
            "WHERE t.ref = 'T000001' ORDER BY e.id"
        ).fetchall()
        assert [kind for (kind,) in kinds][-2:] == ["claimed", "note"]
        assert conn.execute("SELECT count(*) FROM ticket WHERE ref = %s", (ref,)).fetchone() == (1,)
        assert conn.execute("SELECT login, action FROM audit_event").fetchall() == [("li", "add an agent")]
        assert conn.execute("SELECT min(id) > 0 FROM floor_change").fetchone() == (True,)


RECORD = ("timeline_event", "audit_event")


def _refused(conn, sql: str) -> str:
    """The SQLSTATE sql is refused with (the test fails when it runs)."""
    import psycopg

    with pytest.raises(psycopg.Error) as refused:
        conn.execute(sql)
    return refused.value.sqlstate or ""


def _record_of(conn) -> list[tuple]:
    return [
        *conn.execute("SELECT id, kind, text FROM timeline_event ORDER BY id").fetchall(),
        *conn.execute("SELECT id, login, reason FROM audit_event ORDER BY id").fetchall(),
    ]


def _with_an_audit_row(server_floor, clock) -> None:
    li = open_session(url=server_floor.url(server_floor.agent), login="li", clock=clock)
    try:
        with pytest.raises(NotAllowed):
            add_agent(li, "zhao", "赵六")
    finally:
        li.close()


def test_the_record_cannot_be_rewritten_by_the_agents_role(server_floor, clock):
    _with_an_audit_row(server_floor, clock)
    with connect(server_floor.url(server_floor.owner)) as conn:
        before = _record_of(conn)
    assert len(before) >= 2
    with connect(server_floor.url(server_floor.agent)) as conn:
        for table in RECORD:
            for sql in (
                f"UPDATE {table} SET id = id",
                f"DELETE FROM {table}",
                f"TRUNCATE {table}",
                f"DROP TRIGGER {table}_no_change ON {table}",
                f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_change",
                f"ALTER TABLE {table} DISABLE TRIGGER ALL",
                f"DROP TABLE {table}",
                f"CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
            ):
                assert _refused(conn, sql) == INSUFFICIENT_PRIVILEGE, sql
        assert _refused(conn, "SET session_replication_role = replica") == INSUFFICIENT_PRIVILEGE
    with connect(server_floor.url(server_floor.owner)) as conn:
        assert _record_of(conn) == before
        states = conn.execute(
            "SELECT tgname::text, tgenabled::text FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid IN ('timeline_event'::regclass, 'audit_event'::regclass) AND tgname LIKE '%no_%'"
        ).fetchall()
    assert sorted(states) == sorted(
        (f"{t}_no_{verb}", "O") for t in RECORD for verb in ("change", "truncate")
    )


def test_a_role_granted_too_much_is_still_refused_by_the_triggers(server_floor, clock):
    """A careless GRANT ALL gives UPDATE, DELETE and TRUNCATE: without ownership the triggers
    stay, and refuse with the floor's own error code."""
    _with_an_audit_row(server_floor, clock)
    with connect(server_floor.url(server_floor.owner)) as conn:
        conn.execute(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{server_floor.agents}"')
        before = _record_of(conn)
    with connect(server_floor.url(server_floor.agent)) as conn:
        for table in RECORD:
            for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}", f"TRUNCATE {table}"):
                assert _refused(conn, sql) == APPEND_ONLY_SQLSTATE, sql
            assert _refused(conn, f"ALTER TABLE {table} DISABLE TRIGGER ALL") == INSUFFICIENT_PRIVILEGE
    with connect(server_floor.url(server_floor.owner)) as conn:
        assert _record_of(conn) == before


def test_an_agent_cannot_upgrade_the_floor_and_is_told_so(server_floor, clock):
    """Only the owner changes the schema: an agent's session opening a floor that waits for its
    upgrade is refused as a login that may only read (docs/postgresql.md, Upgrades)."""
    with connect(server_floor.url(server_floor.owner)) as conn:
        conn.execute("UPDATE schema_meta SET value = '8' WHERE key = 'version'")
    with pytest.raises(StorageProblem) as refused:
        open_session(url=server_floor.url(server_floor.agent), login="li", clock=clock)
    assert refused.value.code == "storage.read_only"
    assert "can only be read by this login" in refused.value.params["detail"]
