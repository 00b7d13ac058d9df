"""Stale edits on the ticket screen (issue 7), Pilot at 80x24: a form saved after someone else
changed the ticket is refused in the form ('changed by LOGIN at TIME'), the typed text stays,
the ticket behind refreshes, and the next Enter saves against what is now shown. The other
agent is a second login on the same file, or a real callfloor process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text
from tests.app.test_callbacks_screen import wait_for
from tests.app.test_ticket_screen import messages, open_ticket, type_text
from tests.engines import FloorDb
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal

CALLFLOOR = Path(sys.executable).with_name("callfloor")


def problem_line(app) -> str:
    """What the open form says went wrong (its problem line), as plain text."""
    return str(app.screen.query_one(".modal-problem").visual)


def callfloor_as(floor_db: FloorDb, login: str, at: str, *args: str) -> None:
    """Another agent's callfloor command: its own process and connection to the floor."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER=login, CALLFLOOR_NOW=f"2026-11-20T{at}+08:00", **floor_db.env())
    done = subprocess.run([str(CALLFLOOR), *args], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


async def fill_resolve(pilot, result: str, confirmation: str) -> None:
    await pilot.press("r")
    await pilot.pause()
    await type_text(pilot, result)
    await pilot.press("tab")
    await type_text(pilot, confirmation)


async def test_a_resolve_after_anothers_tier_change_is_refused_then_saved(app_for, queue_floor, clock):
    app = app_for("li")  # T000002 is li's, yellow
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000002")
        seen = screen.seen_version
        await fill_resolve(pilot, "replaced the part", "signed receipt")
        clock.advance(timedelta(minutes=5))
        tickets.change_tier(queue_floor, "T000002", "red", "VIP customer")  # boss, 10:05
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TextEntryModal)  # still open, as typed
        assert form.values() == {"result": "replaced the part", "confirmation": "signed receipt"}
        assert "T000002 was changed by boss at 10:05 (tier)" in problem_line(app)
        assert "changed by boss at 10:05" in messages(app)
        assert screen.detail.tier == "red" and screen.seen_version > seen  # the detail behind caught up
        assert ticket_detail(queue_floor, "T000002").status == "in_progress"
        await pilot.press("enter")  # the agent has seen the change: saves now
        await pilot.pause()
        assert app.screen is screen
        assert "T000002 resolved" in messages(app)
    detail = ticket_detail(queue_floor, "T000002")
    assert (detail.status, detail.resolution, detail.confirmation, detail.tier) == (
        "resolved",
        "replaced the part",
        "signed receipt",
        "red",
    )


async def test_the_tier_form_says_so_in_chinese_and_keeps_the_pick_and_reason(
    app_for, queue_floor, as_wang, clock
):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000002")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("down", "enter")  # yellow -> green, on to the reason
        await type_text(pilot, "客户说不急")
        clock.advance(timedelta(minutes=12))
        tickets.log_contact(as_wang, "T000002", "in", "客户来电补充")  # wang, 10:12
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ChoiceModal)
        assert form.values() == {"choice": "green", "reason": "客户说不急"}
        assert "T000002 在你打开后已被 wang 于 10:12 修改（客户来电）" in problem_line(app)
        assert screen.detail.inbound_contacts == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    assert ticket_detail(queue_floor, "T000002").tier == "green"


async def test_another_process_live_refresh_and_a_refusal_with_the_form_open(app_for, queue_floor, floor_db):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000002")
        seen = screen.seen_version
        # No form open: the live refresh shows the change, and the version follows it.
        callfloor_as(floor_db, "boss", "10:05", "ticket", "tier", "T000002", "red", "--reason", "VIP")
        assert await wait_for(pilot, lambda: screen.detail.tier == "red")
        assert screen.seen_version == seen + 1
        await fill_resolve(pilot, "replaced the part", "signed receipt")
        # The form is open: the change lands while the agent types. The ticket behind the form
        # refreshes live, but the agent has not looked at it: the save is still refused.
        callfloor_as(
            floor_db, "boss", "10:06", "ticket", "category", "T000002", "billing", "--reason", "发票"
        )
        assert await wait_for(pilot, lambda: screen.detail.category == "billing")
        assert screen.seen_version == seen + 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal)
        assert app.screen.values() == {"result": "replaced the part", "confirmation": "signed receipt"}
        assert "changed by boss at 10:06 (category)" in problem_line(app)
        assert screen.detail.category == "billing"
        await pilot.press("escape")  # a look at the change behind the form: the detail shows it
        await pilot.pause()
        assert "Billing" in screen_text(app)
        await pilot.press("r")  # the draft comes back; saved against what is shown now
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    detail = ticket_detail(queue_floor, "T000002")
    assert (detail.status, detail.resolution, detail.category) == ("resolved", "replaced the part", "billing")
