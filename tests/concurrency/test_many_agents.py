"""Many agents' processes on one floor (a SQLite file, or a database on the test server):
exactly one claim winner, no lost notes."""

from __future__ import annotations

from core.customers import records as customers
from core.people import agents
from core.tickets import lifecycle as tickets
from db.models import TimelineEvent
from tests.concurrency.race import run_together
from tests.concurrency.workers import claim_once, write_notes
from tests.engines import FloorDb


def make_floor(where: FloorDb, logins):
    session = where.open(create=True, login="boss")
    agents.ensure_first_supervisor(session)
    for login in logins:
        agents.add_agent(session, login, login.upper())
    customers.add_customer(session, customers.CustomerForm("C001", "华东贸易有限公司", phone="13812345678"))
    ref = tickets.intake(session, tickets.NewTicket("C001", "phone", "货物破损, 今天必须处理"))
    session.close()
    return ref


def test_twelve_processes_claiming_one_ticket_have_exactly_one_winner(floor_db):
    logins = [f"agent{n:02d}" for n in range(12)]
    ref = make_floor(floor_db, logins)

    outcomes = run_together(claim_once, [(floor_db.spec(), login, ref) for login in logins])

    winners = [login for login, outcome, _ in outcomes if outcome == "won"]
    assert len(winners) == 1
    assert [o for o in outcomes if o[1] == "error"] == []
    # every loser was told who owns it
    assert {owner for _, outcome, owner in outcomes if outcome == "lost"} == {winners[0]}
    floor_db.open(login="boss")  # opens the floor the models read below
    claims = TimelineEvent.select().where(TimelineEvent.kind == "claimed")
    assert [e.actor for e in claims] == winners


def test_twenty_processes_writing_notes_lose_nothing(floor_db):
    logins = [f"agent{n:02d}" for n in range(20)]
    ref = make_floor(floor_db, logins)

    reports = run_together(write_notes, [(floor_db.spec(), login, ref, 25) for login in logins])

    errors = [e for _, _, errs, *_ in reports for e in errs]
    assert errors == []  # no "database is locked" escapes to an agent
    acknowledged = sorted(text for _, acked, *_ in reports for text in acked)
    assert len(acknowledged) == 20 * 25
    floor_db.open(login="boss")
    stored = sorted(e.text for e in TimelineEvent.select().where(TimelineEvent.kind == "note"))
    assert stored == acknowledged
