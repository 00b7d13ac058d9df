"""A callback call (回访) in the real program at 80x24, by keys alone: the callbacks list
(key 4), Enter on the callback, every question answered by its keys, ended as done; then the
database says the callback is done with the scores typed."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.basics.clock import FrozenClock
from core.callbacks.calls import get_callback, list_callbacks
from tests.terminal.test_workspace_in_tmux import NOW, open_app, run
from tests.terminal.tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")


@pytest.fixture
def callback_floor(floor_db):
    """A floor with one resolved ticket (T000001, C001 华东贸易有限公司, resolved by li at 10:00):
    the callbacks list books its callback when it opens."""
    path = floor_db
    run(path, "db", "init")
    run(path, "agent", "add", "li", "--name", "李娜")
    run(
        path,
        "customer",
        "add",
        "C001",
        "--name",
        "华东贸易有限公司",
        "--short-name",
        "华东贸易",
        "--phone",
        "13812345678",
    )
    run(path, "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "发票抬头开错了")
    run(path, "ticket", "claim", "T000001", user="li")
    run(path, "ticket", "status", "T000001", "resolved", "--note", "重开发票", user="li")
    return path


def read_callbacks(where):
    """The floor's callbacks, read the way core reads them (another process's writes included)."""
    session = where.open(login="li", clock=FrozenClock(datetime.fromisoformat(NOW)))
    try:
        return [get_callback(session, view.id) for view in list_callbacks(session, open_only=False)]
    finally:
        session.close()


def test_a_whole_call_by_keys_alone(callback_floor):
    with open_app(callback_floor) as term:
        term.wait_for("all open:")
        term.keys("4")
        term.wait_for("华东贸易")
        term.keys("Enter")
        screen = term.wait_for("Question 1 of 7")
        assert (
            "13812345678" in screen and "Script: 已解决工单回访 v1" in screen
        )  # the number to dial, in clear
        assert "Opening:" in screen and "李娜" in screen
        for key, next_question in (("4", 2), ("5", 3), ("3", 4), ("5", 5)):
            term.keys(key)
            term.wait_for(f"Question {next_question} of 7")
        term.keys("送货可以再快一点", literal=True)
        term.wait_for("送货可以再快一点")
        term.keys("Enter")
        term.wait_for("Question 6 of 7")
        term.keys("y")
        term.wait_for("Question 7 of 7")
        term.keys("n")
        term.wait_for("Closing")
        term.keys("Enter")
        term.wait_for("How did the call end?")
        term.keys("Enter")
        screen = term.wait_for("done: overall 4")
        assert "Question" not in screen
    [done] = read_callbacks(callback_floor)
    assert (done.status, done.owner, done.group, done.ticket_ref) == ("done", "li", "resolved", "T000001")
    assert (done.overall, done.efficiency, done.solving, done.attitude, done.warm) == (4, 5, 3, 5, False)
    assert done.suggestion == "送货可以再快一点"


def test_answers_typed_ahead_land_on_their_questions(callback_floor):
    """A fast agent over SSH: the scores, the words, Enter, y/n and the two Enters that end
    the call arrive at once; each key still lands on the question (or the menu) it was for."""
    with open_app(callback_floor) as term:
        term.wait_for("all open:")
        term.keys("4")
        term.wait_for("华东贸易")
        term.keys("Enter")
        term.wait_for("Question 1 of 7")
        term.keys("2444slow delivery", literal=True)
        term.keys("Enter")
        term.keys("which step", literal=True)
        term.keys("Enter", "y", "y", "Enter", "Enter")
        term.wait_for("Callback #1 done; score 2")
    by_group = {view.group: view for view in read_callbacks(callback_floor)}
    scored, follow_up = by_group["resolved"], by_group["low_score_followup"]
    assert (scored.status, scored.overall, scored.efficiency, scored.solving, scored.attitude) == (
        "done",
        2,
        4,
        4,
        4,
    )
    assert scored.warm is True and scored.suggestion == "slow delivery"
    assert "which step" in scored.feedback  # the probe "slow" asked for
    assert (follow_up.group, follow_up.follows) == ("low_score_followup", scored.id)
