"""Alerts before a breach in the app (issue 20), Pilot at 80x24 with the floor's clock frozen.

The floor is tests/app/conftest's queue_floor (Friday 10:00): T000001 red and unclaimed (response
due 10:15), T000002 yellow and li's (solution due 14:00), T000003 green. The app checks every
30 s; the tests call its check (check_alerts_now) after moving the clock instead of waiting."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace

from core.floor.presence import Whereabouts, new_token, say_here
from core.policy import AlertRules
from core.supervision.alerts import check_alerts
from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, shows
from tests.app.test_callbacks_screen import wait_for
from tests.app.test_stale_edits import CALLFLOOR
from tests.app.test_ticket_screen import open_ticket
from tests.conftest import sh
from tui.i18n import tr
from tui.screens.ticket import TicketScreen

UNCLAIMED = "T000001 (red, 华东贸易) is unclaimed: 5 min to its response target at 10:15"
UNCLAIMED_ZH = "T000001（一级，华东贸易）无人认领：距首响时限 10:15 还剩 5 分钟"


def alerts(app) -> list[str]:
    """The alert notifications the app has shown (and still holds)."""
    return [str(n.message) for n in app._notifications if n.title == tr("alert.title")]


async def test_a_supervisor_hears_an_unclaimed_red_ticket_once_at_five_minutes(app_for, clock):
    clock.set(sh(2026, 11, 20, 10, 9))  # six minutes left: nothing yet
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert alerts(app) == []
        clock.set(sh(2026, 11, 20, 10, 10))
        app.check_alerts_now()
        await pilot.pause()
        assert alerts(app) == [UNCLAIMED]
        assert [n.severity for n in app._notifications] == ["warning"]
        clock.advance(seconds=30)
        app.check_alerts_now()
        await pilot.pause()
        assert alerts(app) == [UNCLAIMED]  # once, however often it checks
        screen = await open_ticket(app, pilot, "T000001")
        assert isinstance(screen, TicketScreen)
        assert shows(app, "alert") and shows(app, "unclaimed red: 5 min to the response target at 10:15")


async def test_in_chinese_with_the_bell_when_the_policy_asks(app_for, queue_floor, clock):
    clock.set(sh(2026, 11, 20, 10, 10))
    app = app_for("boss", "zh")
    app.session.policy = replace(app.session.policy, alerts=AlertRules(bell=True))
    rung = []
    app.bell = lambda: rung.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # the first check, at start, fires it
        assert alerts(app) == [UNCLAIMED_ZH] and rung == [1]
        await open_ticket(app, pilot, "T000001")
        assert shows(app, "超时预警") and shows(app, "一级工单无人认领：距首响时限 10:15 还剩 5 分钟")


async def test_another_sessions_alert_reaches_this_one_through_the_floor_watch(app_for, queue_floor, clock):
    clock.set(sh(2026, 11, 20, 10, 9))
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert alerts(app) == []
        clock.set(sh(2026, 11, 20, 10, 10))
        # wang's session (another terminal) checks at 10:10 and fires it; this app has not checked
        assert len(check_alerts(queue_floor.as_login("wang"))) == 1
        assert await wait_for(pilot, lambda: alerts(app) != [])
        assert alerts(app) == [UNCLAIMED]
        app.check_alerts_now()
        await pilot.pause()
        assert len(alerts(app)) == 1


async def test_several_at_once_are_one_notification(app_for, queue_floor, clock):
    tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", "设备故障, 今天必须处理"))  # T000004
    clock.set(sh(2026, 11, 20, 10, 12))
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert alerts(app) == [
            "2 alerts before a breach:\n"
            "T000001 red unclaimed: 3 min to response at 10:15\n"
            "T000004 red unclaimed: 3 min to response at 10:15"
        ]


async def test_the_owner_hears_theirs_on_coming_back_another_agent_nothing(app_for, queue_floor, clock):
    clock.set(sh(2026, 11, 20, 13, 30))  # T000002, li's, is 30 min from its solution target
    boss = app_for("boss")
    async with boss.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert alerts(boss) == [
            "T000002 (华东贸易) is 30 min from its solution target at 14:00 and its owner 李娜 is away"
        ]
    [event] = [e for e in ticket_detail(queue_floor, "T000002").events if e.kind == "alert"]
    assert event.after["owner"] == "li"
    clock.advance(minutes=5)
    li = app_for("li")  # li comes back to the floor
    async with li.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert alerts(li) == [
            "Your T000002 (华东贸易) is 25 min from its solution target at 14:00; "
            "you were away, so the supervisors were told"
        ]
        li.check_alerts_now()
        await pilot.pause()
        assert len(alerts(li)) == 1
    wang = app_for("wang")
    async with wang.run_test(size=SIZE) as pilot:
        await pilot.pause()
        wang.check_alerts_now()
        await pilot.pause()
        assert alerts(wang) == []


async def test_an_owner_at_work_is_not_away(app_for, queue_floor, clock):
    say_here(queue_floor.as_login("li"), new_token(), Whereabouts("queue"))  # li's app runs elsewhere
    clock.set(sh(2026, 11, 20, 13, 30))
    boss = app_for("boss")
    async with boss.run_test(size=SIZE) as pilot:
        await pilot.pause()
        boss.check_alerts_now()
        await pilot.pause()
        assert alerts(boss) == []


async def test_callfloor_ticket_show_lists_the_alert(queue_floor, floor_db, clock):
    clock.set(sh(2026, 11, 20, 10, 10))
    check_alerts(queue_floor)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER="boss", CALLFLOOR_NOW="2026-11-20T10:10+08:00", **floor_db.env())
    shown = subprocess.run(
        [str(CALLFLOOR), "ticket", "show", "T000001"], env=env, capture_output=True, text=True, timeout=60
    )
    assert shown.returncode == 0, shown.stderr
    [line] = [line for line in shown.stdout.splitlines() if " alert " in line]
    assert line.startswith("2026-11-20 10:10  (callfloor)")
    assert line.endswith(
        "unclaimed red: 5 min to the response target at 10:15; no supervisor was online to tell"
    )
