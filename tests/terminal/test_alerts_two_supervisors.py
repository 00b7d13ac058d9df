"""Issue 20's must-show for alerts: two supervisors' sessions at the same instant, five minutes
before an unclaimed red ticket's response target. One is the real program in tmux (its own
process and connection, the floor's clock frozen by CALLFLOOR_NOW), the other a Pilot app in
this process with a FrozenClock at the same instant. Both check at start; whichever fires first,
the alert fires once: both sessions show it once, the ticket's timeline has one alert event and
ticket_alert one row. No timing is asserted: the waits are deadlines a loaded machine stays within."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from core.people.agents import add_agent
from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE
from tests.app.test_alerts import UNCLAIMED, alerts
from tests.conftest import sh
from tests.engines import query
from tests.terminal.test_workspace_in_tmux import CALLFLOOR
from tests.terminal.tmux import TMUX, Terminal
from tui.app import make_app

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")

AT = "2026-11-20T10:10+08:00"
"""Five minutes before T000001's response target (taken in at 10:00, red: due 10:15)."""
SHOWN = "T000001 (red, 华东贸易) is"
"""The start of the alert's words: a line of the toast however the 80 columns wrap the rest."""
DEADLINE = 20.0


async def until(pilot, done, seconds: float = DEADLINE) -> bool:
    """Poll done() while the Pilot app runs on, until it holds or the deadline passes."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)
    return True


async def test_two_supervisors_sessions_hear_one_alert_fired_once(floor, floor_db, clock):
    add_agent(floor, "boss2", "二号主管", role="supervisor")
    ref = tickets.intake(floor, tickets.NewTicket("C001", "phone", "货物破损, 今天必须处理"))
    assert ref == "T000001"
    clock.set(sh(2026, 11, 20, 10, 10))
    env = {
        "CALLFLOOR_USER": "boss2",
        "CALLFLOOR_NOW": AT,
        **floor_db.env(),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    app = make_app(floor.as_login("boss"), "en")
    with Terminal([CALLFLOOR, "--lang", "en"], env, 80, 24) as term:
        async with app.run_test(size=SIZE) as pilot:  # both start (and check) at once
            in_tmux = lambda: SHOWN in term.screen()  # noqa: E731
            assert await until(pilot, lambda: in_tmux() and alerts(app) != []), term.screen()
            assert alerts(app) == [UNCLAIMED]
            app.check_alerts_now()  # again, at the same instant: nothing new
            await pilot.pause()
            await asyncio.sleep(1.0)  # time for a second alert to arrive, if one were fired
            await pilot.pause()
            assert len(alerts(app)) == 1
            screen = term.screen()
            assert screen.count(SHOWN) == 1, screen
            assert "Before a breach" in screen
    [event] = [e for e in ticket_detail(floor, ref).events if e.kind == "alert"]
    assert event.after["alert"] == "unclaimed"
    rows = query(floor_db, "SELECT key, fired_by FROM ticket_alert")
    assert len(rows) == 1 and rows[0][0].startswith("unclaimed:")
    assert rows[0][1] in ("boss", "boss2")  # whichever session checked first
