"""Presence across real processes (issue 20's must-show): the supervisor's floor screen (Pilot,
here) shows an agent whose session is the real program in another terminal (tmux) as online,
with its screen; after kill -9 that session's row stays and is judged away once AWAY_AFTER old
(the presence clock moved here, so the suite does not wait the real minute: tests/bench/
test_presence_drill.py measures it on the real clock, 52 s); a second agent who quits with
Ctrl+Q is away at once."""

from __future__ import annotations

import os
import signal
from datetime import datetime, timedelta

import pytest

from core.floor import presence
from core.supervision.floor import AWAY, ONLINE
from tests.app.conftest import shows
from tests.app.test_floor_screen import line_of, open_floor
from tests.settling import answered
from tests.terminal.test_workspace_in_tmux import CALLFLOOR, NOW
from tests.terminal.tmux import TMUX, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")

SIZE = (100, 30)


def agent_terminal(floor_db, login: str) -> Terminal:
    env = {
        "CALLFLOOR_USER": login,
        "CALLFLOOR_NOW": NOW,
        **floor_db.env(),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    return Terminal([CALLFLOOR, "--lang", "en"], env, 80, 24)


async def test_real_sessions_appear_and_a_killed_one_goes_away(app_for, floor_db, monkeypatch):
    real_now = presence.presence_now
    moved = {"to": None}

    def presence_clock() -> datetime:
        return moved["to"] or real_now()

    monkeypatch.setattr(presence, "presence_now", presence_clock)
    app = app_for("boss")
    with agent_terminal(floor_db, "wang") as wang, agent_terminal(floor_db, "li") as li:
        async with app.run_test(size=SIZE) as pilot:
            await open_floor(app, pilot)
            wang.wait_for("wang", timeout=30)
            li.wait_for("li", timeout=30)
            # a second and a third process: both on the floor screen, on the queue they show
            assert await answered(lambda: line_of(app, "wang").state == ONLINE)
            assert await answered(lambda: line_of(app, "li").state == ONLINE)
            assert line_of(app, "wang").screen == "queue" and shows(app, "queue")

            # li quits: the row goes with the session, away at once
            li.keys("C-q")
            assert await answered(lambda: line_of(app, "li").state == AWAY)

            # wang's link drops without a word: the row stays, as last said
            pid = wang.app_pid()
            assert pid is not None
            os.kill(pid, signal.SIGKILL)
            seen_at = presence.who_is_here(app.session)["wang"].seen_at
            moved["to"] = seen_at + presence.AWAY_AFTER
            await pilot.pause(1.5)  # the screen's next look at presence
            assert line_of(app, "wang").state == ONLINE  # not yet a minute of silence
            moved["to"] = seen_at + presence.AWAY_AFTER + timedelta(seconds=1)
            assert await answered(lambda: line_of(app, "wang").state == AWAY)
            assert presence.AWAY_AFTER.total_seconds() + 1 < 60  # so a killed session is away within a minute
