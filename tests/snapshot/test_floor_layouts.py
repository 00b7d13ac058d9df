"""The supervisor's floor screen (key 5) at an agent's 80x24 and a wall's 240x67, in English and
Chinese, on the board's snapshot floor (tests/snapshot/conftest.py) with more people: online
on a ticket, a board, the callbacks; away with open work (highlighted); away, seen this morning
and off shift; an overdue ticket of their own; unclaimed tickets at risk and overdue; two
STUCK handoffs; an unassigned low-score follow-up.

Presence counts real time: here its clock is fixed (core.floor.presence.presence_now, at the
floor's 10:00) and the app's own beat is off, so the rows and "seen 09:35" are the same on
every run. Update on purpose only: pytest tests/snapshot/test_floor_layouts.py
--snapshot-update, then look at the SVGs."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from core.floor import presence
from core.floor.presence import Whereabouts, new_token, say_here
from core.handoffs import lifecycle as handoffs
from core.people.agents import add_agent
from core.policy import parse_policy
from core.tickets import lifecycle as tickets
from db.models import Agent, Callback, Customer
from tests.conftest import FLOOR_MORNING, sh
from tui import i18n
from tui.app import CallfloorApp, make_app
from tui.screens.floor import FloorScreen

SIZES = {"80x24": (80, 24), "240x67": (240, 67)}
PRESENCE_AT = FLOOR_MORNING.astimezone(UTC)
"""The real time the pictures' presence is judged at: the floor's own 10:00."""
POLICY = """
[sla]
mode = "calendar"

[shifts]
zhao = "mon-fri 13:00-22:00"
dmiller = "workdays 09:00-18:00"
chen = "always"
"""


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.fixture
def fixed_presence(monkeypatch):
    """Presence's clock stands at PRESENCE_AT, and the app says nothing of itself."""
    monkeypatch.setattr(presence, "presence_now", lambda: PRESENCE_AT)
    monkeypatch.setattr(CallfloorApp, "say_where", lambda self: None)


@pytest.fixture
def people_floor(board_snapshot_floor, clock, fixed_presence):
    floor = board_snapshot_floor
    floor.policy = parse_policy(POLICY, "snapshot floor")
    add_agent(floor, "dmiller", "David Miller")
    add_agent(floor, "zhao", "赵敏")
    add_agent(floor, "chen", "陈静怡", role="supervisor")
    add_agent(floor, "sunwei", "孙伟")  # expected (the floor's hours), never seen today
    as_li, as_wang, as_miller = (floor.as_login(who) for who in ("li", "wang", "dmiller"))

    def at(hh: int, mm: int) -> None:
        clock.set(sh(2026, 11, 20, hh, mm))

    def intake(code: str, text: str, **fields) -> str:
        return tickets.intake(floor, tickets.NewTicket(code, "phone", text, **fields))

    # David's morning: one answered in time and resolved, one not answered yet (overdue)
    at(8, 0)
    done = intake(
        "C002", "Order 1023 arrived with a missing cable", category="quality", subtag="missing_item"
    )
    late = intake("C004", "漏发一件，今天必须补发", category="quality", subtag="missing_item")
    tickets.claim(as_miller, done)
    tickets.claim(as_miller, late)
    at(8, 10)
    tickets.log_contact(as_miller, done, "out", "Confirmed the cable ships today")
    at(9, 30)
    tickets.set_status(as_miller, done, "resolved", "Cable delivered by courier")
    # li resolves one today too, and takes the green praise
    at(9, 0)
    praise = intake("C003", "表扬：客服很耐心", category="attitude")
    tickets.claim(as_li, praise)
    at(9, 20)
    tickets.set_status(as_li, praise, "resolved", "已感谢客户")
    tickets.claim(as_li, "T000007")
    # unclaimed and overdue, with a handoff nobody moved since 07:10
    at(7, 0)
    waiting = intake("C002", "Invoice copy requested for the audit", category="billing")
    at(7, 10)
    handoffs.add_handoff(floor, waiting, "warehouse", "Find the signed delivery note", "12:00")
    # li's callback due this afternoon; a low score nobody follows up
    at(10, 0)
    customer = Customer.get(Customer.code == "C003").id
    base = dict(customer=customer, created_at=FLOOR_MORNING, created_by="boss")
    Callback.create(
        key="snap:li",
        group="resolved",
        due_from=sh(2026, 11, 20, 9),
        due_by=sh(2026, 11, 20, 16),
        owner=Agent.get(Agent.login == "li").id,
        **base,
    )
    scored = Callback.create(
        key="snap:scored",
        group="resolved",
        due_from=sh(2026, 11, 19, 9),
        due_by=sh(2026, 11, 19, 18),
        status="done",
        overall=1,
        **base,
    )
    Callback.create(
        key="snap:follow",
        group="low_score_followup",
        due_from=sh(2026, 11, 20, 9),
        due_by=sh(2026, 11, 25, 18),
        follows=scored.id,
        priority="high",
        **base,
    )
    clock.set(FLOOR_MORNING)

    # presence, at the fixed real time
    seen = [
        ("boss", Whereabouts("floor"), 3),
        ("li", Whereabouts("ticket", "T000001"), 5),
        ("dmiller", Whereabouts("callbacks"), 12),
        ("chen", Whereabouts("board"), 20),
        ("wang", Whereabouts("queue"), 25 * 60),  # silent since 09:35, with T000004 open
        ("zhao", Whereabouts("queue"), 110 * 60),  # left at 08:10; her shift starts at 13:00
    ]
    for login, where, ago in seen:
        say_here(floor.as_login(login), new_token(), where, now=PRESENCE_AT - timedelta(seconds=ago))
    return floor


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("size", ["80x24", "240x67"])
def test_floor_layout(snap_compare, people_floor, language, size):
    app = make_app(people_floor.as_login("boss"), language)

    async def reach(pilot) -> None:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, FloorScreen)
        await pilot.pause()
        assert app.screen.view is not None

    assert snap_compare(app, terminal_size=SIZES[size], run_before=reach)
