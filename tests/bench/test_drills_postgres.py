"""Issue 19's load drill on PostgreSQL, at the size the ordinary bench run can afford: 50 agent
processes for 30 s with the floor's mix and think time, on a new database of the test server
(CALLFLOOR_TEST_DB_URL, `python -m tests.pg_server -- ...`), dropped afterwards. Marked bench;
skipped without a server. The full drills (200 agents, a minute) run from the command line:

    python -m tests.bench.floor_sim --agents 200 --seconds 60 --db-url URL
"""

from __future__ import annotations

import os

import pytest

from tests.bench import floor_sim
from tests.engines import ON_POSTGRES, new_floor_db

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="the load drill on PostgreSQL needs a server: set CALLFLOOR_TEST_DB_URL "
    "(python -m tests.pg_server -- python -m pytest -m bench tests/bench/test_drills_postgres.py)",
)


def test_the_verifier_reads_a_server_floor_and_reports_what_it_does_not_hold(tmp_path):
    """Not bench: seconds. The drill's verdict on PostgreSQL is no vacuous 0: a write the
    database does not hold, and a claim won by two, are reported as on SQLite."""
    from tests.bench.drill_floor import FloorSize, build_floor
    from tests.bench.drill_verify import db_check, verify

    where = new_floor_db(tmp_path)
    try:
        build_floor(
            None,
            FloorSize(agents=2, customers=3, open_tickets=4, owned_per_agent=1, resolved=0, handoffs=0),
            url=where.url,
        )
        invented: list[dict] = [
            {"op": "note", "ref": "T000001", "token": "[x.agent01#1]", "by": "agent01"},
            {"op": "claim", "ref": "T000001", "won": True, "by": "agent02"},
            {"op": "claim", "ref": "T000003", "won": True, "by": "agent01"},
            {"op": "claim", "ref": "T000003", "won": True, "by": "agent02"},
        ]
        verdict = verify(None, invented, url=where.url)
        checked, said = db_check(None, url=where.url)
    finally:
        where.drop()
    assert verdict.missing == [
        "agent01 note T000001 [x.agent01#1]",
        "agent01 claim T000003",
        "agent02 claim T000003",
    ]
    assert "claim T000001: won by agent02, owned by agent01" in verdict.double_owners
    assert "claim T000003: won by 2 agents" in verdict.double_owners
    assert checked, said


@pytest.mark.bench
def test_load_drill_fifty_agents_on_postgresql(tmp_path):
    where = new_floor_db(tmp_path)
    try:
        figures = floor_sim.run_floor(None, agents=50, seconds=30, logs=str(tmp_path / "logs"), url=where.url)
    finally:
        where.drop()
    print(
        f"\nload drill on PostgreSQL (load average {os.getloadavg()[0]:.2f} when it ended)\n"
        + "\n".join(floor_sim.figure_lines(figures))
    )
    assert figures["lost_writes"] == 0 and figures["double_owners"] == 0
    assert figures["errors"] == {} and figures["read_errors"] == {}
    assert figures["db_check_ok"] and figures["process_failures"] == {}
    assert figures["p99_budget_ms"] == floor_sim.P99_BUDGET_MS_POSTGRES
    assert figures["p99_ms"] <= floor_sim.P99_BUDGET_MS_POSTGRES
