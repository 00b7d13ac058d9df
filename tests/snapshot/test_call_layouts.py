"""The call screen (a callback, 回访) at the agent's 80x24, in English and Chinese: the second
question of the resolved ticket's script, the first one answered; and its closing, every
question answered (the answers listed by what they measure or the start of their words, a
typed one cut). Update on purpose only (pytest tests/snapshot --snapshot-update), then look at
the SVGs under __snapshots__/."""

from __future__ import annotations

import pytest

from core.callbacks.calls import answer_question, start_call
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import set_callback_preferences
from core.tickets.lifecycle import claim, set_status
from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.screens.call import CallScreen


@pytest.fixture(autouse=True)
def keep_language():
    """make_app sets the process-wide language; put it back for the tests that follow."""
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.fixture
def call_floor(floor, as_li, new_ticket):
    """C001 (prefers 14:00-17:00) with T000001 resolved by li at 10:00 and its callback (due by
    Monday 12:00, the next working morning), which li has started and whose overall score (4)
    is given: the screen opens on question 2."""
    set_callback_preferences(floor, "C001", call_time="14:00-17:00")
    ref = new_ticket(description="发票抬头开错了")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "重开发票")
    [task] = schedule_callbacks(floor)
    floor.clock.set(task.due_from)  # 14:00, the afternoon C001 prefers: the call may begin
    start_call(as_li, task.id)
    answer_question(as_li, task.id, "overall", "4")
    return task.id


@pytest.mark.parametrize("language", ["en", "zh"])
def test_call_question_layout(snap_compare, floor, call_floor, language):
    app = make_app(floor.as_login("li"), language, DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        app.push_screen(CallScreen(call_floor))
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and app.screen.position == 1
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)


CLOSING_ANSWERS = {
    "efficiency": "5",
    "solving": "3",
    "attitude": "5",
    "improve": "物流响应慢，送货可以再快一点，包装也要结实",
    "slow_step": "等快递",
    "further_need": "yes",
    "warmth": "no",
}
"""The rest of the resolved script answered ("响应慢" asks the probe, slow_step)."""


@pytest.mark.parametrize("language", ["en", "zh"])
def test_call_closing_layout(snap_compare, floor, as_li, call_floor, language):
    for question, answer in CLOSING_ANSWERS.items():
        answer_question(as_li, call_floor, question, answer)
    app = make_app(floor.as_login("li"), language, DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        app.push_screen(CallScreen(call_floor))
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and app.screen.question is None
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)
