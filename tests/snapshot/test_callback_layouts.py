"""The callbacks (key 4) as an agent sees them at 80x24, in English and Chinese: one overdue,
today's (one not reached once, tried again at 11:30, with preferred hours; one the customer
asked to be called at 15:30, which also covers C003's new-customer call: "Resolved+1") and
upcoming (the supervisor's low-score follow-up first, high priority and already boss's, and a
complaint). Issue 17: a window that merely opened is upcoming, a customer's routine reasons
share one call, a follow-up is assigned at once. Update on purpose only (--snapshot-update),
then look at the SVGs."""

from __future__ import annotations

import pytest

from core.callbacks.calls import (
    customer_busy,
    customer_unreachable,
    finish_call,
    list_callbacks,
    start_call,
)
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import set_callback_preferences
from core.tickets.lifecycle import NewTicket, claim, intake, set_status
from tests.callback_calls import answer_every_question
from tests.conftest import FLOOR_MORNING, sh
from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.screens.callbacks import CallbacksScreen


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


def _resolve(session, ref: str, login: str) -> None:
    by = session.as_login(login)
    if ref != "T000001" and ref != "T000004":  # li owns T000001, wang T000004 already
        claim(by, ref)
    set_status(by, ref, "resolved", "已处理")


@pytest.fixture
def callback_floor(snapshot_floor, clock):
    """snapshot_floor's tickets, some resolved, and the callbacks they call for (plus C003's,
    a new customer delivered on 11-16), clock back at Friday 10:00."""
    floor = snapshot_floor
    clock.set(sh(2026, 11, 18, 15))  # Wednesday: due Thursday 15:00, overdue now
    late = intake(floor, NewTicket("C002", "email", "Delivery note missing from the parcel"))
    _resolve(floor, late, "li")
    clock.set(sh(2026, 11, 20, 9, 30))
    set_callback_preferences(floor, "C004", call_time="14:00-17:00")
    for ref, login in (("T000001", "li"), ("T000004", "wang"), ("T000006", "wang")):
        _resolve(floor, ref, login)
    complaint = intake(floor, NewTicket("C002", "phone", "I want to file a complaint about the courier"))
    _resolve(floor, complaint, "li")
    schedule_callbacks(floor)
    # li calls T000001's customer: scored 2, so the supervisor follows up (high priority; boss,
    # the only supervisor, owns it at once).
    as_li = floor.as_login("li")
    [task] = [v for v in list_callbacks(floor) if v.ticket_ref == "T000001"]
    answer_every_question(as_li, task.id, overall="2", score="3", yes_no="no", text="发货太慢")
    assert finish_call(as_li, task.id).low_score
    # In the afternoon C004 prefers (its calls' windows open then), wang did not reach T000004's
    # customer: tried again after 2 working hours.
    clock.set(sh(2026, 11, 20, 14, 5))
    as_wang = floor.as_login("wang")
    [missed] = [v for v in list_callbacks(floor) if v.ticket_ref == "T000004"]
    start_call(as_wang, missed.id)
    customer_unreachable(as_wang, missed.id)
    # and reached T000006's, who asked to be called back at 15:30.
    [busy] = [v for v in list_callbacks(floor) if v.ticket_ref == "T000006"]
    start_call(as_wang, busy.id)
    customer_busy(as_wang, busy.id, "15:30")
    clock.set(FLOOR_MORNING)
    return floor


@pytest.mark.parametrize("language", ["en", "zh"])
def test_callback_layout(snap_compare, callback_floor, language):
    app = make_app(callback_floor.as_login("li"), language, DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, CallbacksScreen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)
