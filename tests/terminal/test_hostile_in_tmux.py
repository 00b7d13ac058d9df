"""Hostile customer text in a real terminal (tmux at 80x24): markup and escape sequences in
every field show as the characters typed, the terminal's title is not changed, its screen is
not cleared and nothing is recoloured. The floor is tests/hostile/hostile_floor's."""

from __future__ import annotations

import os

import pytest

from core.basics.clock import FrozenClock
from core.people.agents import add_agent, ensure_first_supervisor
from tests.conftest import FLOOR_MORNING
from tests.hostile.hostile_floor import build
from tests.terminal.test_workspace_in_tmux import CALLFLOOR, NOW
from tests.terminal.tmux import TMUX, Terminal

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")


@pytest.fixture
def hostile_path(floor_db, tmp_path):
    path = floor_db
    session = path.open(login="boss", clock=FrozenClock(FLOOR_MORNING), create=True)
    try:
        ensure_first_supervisor(session, "老板")
        add_agent(session, "li", "李娜")
        build(session, session.as_login("li"), tmp_path)
    finally:
        session.close()
    return path


def pane_title(term: Terminal) -> str:
    return term._tmux("display-message", "-p", "-t", "t", "#{pane_title}").strip()


def test_hostile_text_is_shown_literally_in_a_real_terminal(hostile_path):
    env = {
        "CALLFLOOR_USER": "boss",
        "CALLFLOOR_NOW": NOW,
        **hostile_path.env(),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    with Terminal([CALLFLOOR, "--lang", "en"], env, 80, 24) as term:
        screen = term.wait_for("T000001")
        title = pane_title(term)
        assert "[bold red]X" in screen and "\x1b" not in screen
        term.keys("Enter")  # the ticket: long description, notes, contacts, handoffs
        screen = term.wait_for("␛[31mRED␛]0;title␇")
        assert "[bold red]X[/]" in screen and "[link=http://x]y[/link]" in screen
        assert "T000001" in screen.splitlines()[1]  # the header is still there: nothing cleared the screen
        for _ in range(4):
            term.keys("Tab", "PageDown", "PageDown")
        term.keys("Escape")
        term.wait_for("all open")  # back on the queue
        term.keys("2")  # the board
        screen = term.wait_for("open [bold red]X")
        assert "need [bold red]X" in screen
        assert pane_title(term) == title and "title" != title  # OSC 0 never reached the terminal
        colours = term._tmux("capture-pane", "-p", "-e", "-t", "t")
        assert "RED" not in colours.replace("␛[31mRED", "")  # never painted red by the customer's escape
