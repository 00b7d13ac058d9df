"""Live refresh on PostgreSQL as cheap as on SQLite (issue 19): the change signal a running
session asks twice a second, measured on both engines, while nothing is written and while
another connection writes.

    python -m tests.pg_server -- python -m pytest -m bench -s \
        tests/bench/test_change_signal_engines.py

Without CALLFLOOR_TEST_DB_URL only SQLite is measured.
"""

from __future__ import annotations

import time

import pytest

from core.floor import changes_since
from db.connection import change_counter
from tests.engines import TEST_DB_URL, FloorDb, connect, new_floor_db

pytestmark = pytest.mark.bench

POLLS = 20_000
BUDGET_US = 50.0
"""Microseconds a poll may cost while nothing changed (SQLite's data_version: about 4)."""


def _floors(tmp_path) -> list[FloorDb]:
    floors = [FloorDb(path=tmp_path / "floor.db")]
    if TEST_DB_URL:
        floors.append(new_floor_db(tmp_path, "server"))
    return floors


def test_the_change_signal_costs_microseconds_on_every_engine(tmp_path, clock):
    from core.people.agents import ensure_first_supervisor

    lines = []
    for floor_db in _floors(tmp_path):
        session = floor_db.open(login="boss", clock=clock, create=True)
        try:
            ensure_first_supervisor(session, "老板")
            change_counter(session.db)
            started = time.perf_counter()
            for _ in range(POLLS):
                change_counter(session.db)
            idle_us = (time.perf_counter() - started) / POLLS * 1e6
            last, _ = changes_since(session, None)
            other = connect(floor_db)  # another program's writes, each in its own transaction
            writes, started = 50, time.perf_counter()
            mark = "?" if floor_db.path is not None else "%s"
            for n in range(writes):
                other.execute(
                    f"INSERT INTO customer (code, name, type, created_at, churn_risk) "
                    f"VALUES ({mark}, {mark}, 'new', {mark}, {'0' if floor_db.path else 'false'})",
                    (f"C{n:03d}", f"Customer {n}", "2026-11-20 02:00:00"),
                )
                other.commit()
            write_ms = (time.perf_counter() - started) / writes * 1000
            other.close()
            time.sleep(0.2)
            started = time.perf_counter()
            change_counter(session.db)
            last, seen = changes_since(session, last)
            look_ms = (time.perf_counter() - started) * 1000
            lines.append(
                f"{'postgresql' if floor_db.url else 'sqlite':<11} poll while idle {idle_us:6.1f} us "
                f"(budget {BUDGET_US:g}); a look after {writes} writes reads {len(seen.rows)} changes "
                f"in {look_ms:.2f} ms; a raw insert {write_ms:.2f} ms"
            )
            assert idle_us <= BUDGET_US
            assert not seen.everything and len([c for c in seen.rows if c.kind == "customer"]) == writes
        finally:
            session.close()
            floor_db.drop()
    print("\n" + "\n".join(lines))
