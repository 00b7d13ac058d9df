"""`callfloor board` in a real terminal: another process's handoff shows within 2 s, and its
answer changes the stage shown. The board runs with the real clock here (no CALLFLOOR_NOW):
a wall screen's countdowns and page turns come from the time of day."""

from __future__ import annotations

import json
import os

import pytest

from tests.terminal.test_workspace_in_tmux import CALLFLOOR, run
from tests.terminal.tmux import TMUX, Terminal
from tui.text.block_font import block_lines

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")


def now_run(path, *args: str, user: str = "boss") -> str:
    """The command at the real time of day, like the board itself."""
    return run(path, *args, user=user, now=None)


@pytest.fixture
def board_floor(floor_db):
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
    run(path, "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损, 今天必须处理")
    return path


def test_the_board_shows_another_process_handoff_live_and_its_answer(board_floor):
    env = {
        "CALLFLOOR_USER": "boss",
        **board_floor.env(),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    with Terminal([CALLFLOOR, "board", "--lang", "en"], env, 160, 45) as term:
        term.wait_for("No open handoffs")
        now_run(
            board_floor,
            "handoff",
            "add",
            "T000001",
            "--dept",
            "warehouse",
            "--need",
            "confirm the depot",
            "--due",
            "+45m",
            user="li",
        )
        # Live refresh polls about once a second; the wait is generous so a loaded machine
        # cannot fail it (how fast is a budget for tests/bench, not a test here).
        screen = term.wait_for("confirm the depot", timeout=20.0)
        row = next(line for line in screen.splitlines() if "T000001" in line)
        assert "sent → …" in row and "华***" in row and "华东贸易" not in row
        assert "open 1" in screen

        [handoff] = json.loads(now_run(board_floor, "handoff", "list", "--json"))
        now_run(board_floor, "handoff", "answer", str(handoff["id"]), "leaves at 14:00", user="li")
        screen = term.wait_for("answered → …", timeout=20.0)
        assert "confirm the depot" in screen
        before = term.screen()
        term.wait_for_change(before, timeout=20.0)  # the countdown ticks (mm:ss under an hour)


def test_the_board_reads_at_both_ends_of_the_terminal_sizes(board_floor):
    """Issue 18 in a real terminal: at 80x24 the one-character marks keep their legend; on a
    240x67 wall the ticket ref is drawn in block letters and the department stays readable."""
    env = {
        "CALLFLOOR_USER": "boss",
        **board_floor.env(),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    now_run(board_floor, "handoff", "add", "T000001", "--dept", "tech", "--need", "check", "--due", "+45m")
    with Terminal([CALLFLOOR, "board", "--lang", "en"], env, 80, 24) as term:
        screen = term.wait_for("T000001", timeout=20.0)
        assert "! STUCK  ·  S SYNC!" in screen
        assert "Tech support" in screen
    with Terminal([CALLFLOOR, "board", "--lang", "en"], env, 240, 67) as term:
        screen = term.wait_for("Tech support", timeout=20.0)
        assert "T000001" not in screen  # drawn, not written
        assert all(any(line in row for row in screen.splitlines()) for line in block_lines("T000001"))
