"""The real program in a real terminal at 80x24, by keys alone, as an agent over SSH uses it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engines import FloorDb
from tests.terminal.tmux import TMUX, Terminal

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))
NOW = "2026-11-20T10:00+08:00"
OTHER_FLOOR = ("CALLFLOOR_DB", "CALLFLOOR_DB_URL")
"""The variables that name a floor: only the test's own may reach the command."""
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")


def run(where: FloorDb, *args: str, user: str = "boss", now: str | None = NOW) -> str:
    """The command as another process; now=None runs it at the real time of day."""
    env = {k: v for k, v in os.environ.items() if k not in ("CALLFLOOR_NOW", *OTHER_FLOOR)}
    env.update(CALLFLOOR_USER=user, **where.env(), **({"CALLFLOOR_NOW": now} if now else {}))
    return subprocess.run([CALLFLOOR, *args], env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def terminal_floor(floor_db) -> FloorDb:
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
    run(
        path,
        "customer",
        "add",
        "N001",
        "--name",
        "Northwind Ltd",
        "--short-name",
        "Northwind",
        "--phone",
        "13900001111",
    )
    run(path, "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损, 今天必须处理")
    run(
        path,
        "ticket",
        "add",
        "--customer",
        "N001",
        "--channel",
        "email",
        "--text",
        "[bold red]x[/] \x1b[2J invoice is late",
    )
    return path


def open_app(where: FloorDb, user: str = "li") -> Terminal:
    env = {
        "CALLFLOOR_USER": user,
        "CALLFLOOR_NOW": NOW,
        **where.env(),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    return Terminal([CALLFLOOR, "--lang", "en"], env, 80, 24)


def test_find_claim_open_note_and_back_by_keys_alone(terminal_floor):
    with open_app(terminal_floor) as term:
        screen = term.wait_for("all open: 1/2")
        assert "T000001" in screen and "T000002" in screen
        term.keys("/")
        term.keys("Northwind", literal=True)
        term.wait_for("filter: Northwind")
        screen = term.wait_for("all open: 1/1")
        assert "T000001" not in screen.split("Ref", 1)[1]
        term.keys("Enter")  # leave the filter box, back on the list
        term.keys("c")
        term.wait_for("T000002 is yours")
        term.keys("Enter")
        screen = term.wait_for("139****1111")  # the detail header: the masked phone
        assert "13900001111" not in screen
        assert "[bold red]x[/]" in screen and "\x1b" not in screen
        term.keys("n")
        term.keys("called the customer back", literal=True)
        term.keys("Enter")
        term.wait_for("called the customer back")
        term.keys("Escape")
        term.wait_for("all open:")
    shown = run(terminal_floor, "ticket", "show", "T000002", "--json")
    assert '"text": "called the customer back"' in shown
    assert '"owner": "li"' in shown


def test_work_by_another_agent_appears_live(terminal_floor):
    with open_app(terminal_floor) as term:
        term.wait_for("all open: 1/2")
        run(terminal_floor, "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "设备故障")
        term.wait_for("all open: 1/3", timeout=20.0)  # generous: speed is a bench budget, not a test


def test_filter_enter_and_claim_typed_at_once_claim_the_filtered_ticket(terminal_floor):
    with open_app(terminal_floor) as term:
        term.wait_for("all open: 1/2")
        term.keys("/")
        term.keys("Northwind", literal=True)
        term.keys("Enter")
        term.keys("c")
        term.wait_for("T000002 is yours")
    assert '"owner": "li"' in run(terminal_floor, "ticket", "show", "T000002", "--json")
    assert '"owner": null' in run(terminal_floor, "ticket", "show", "T000001", "--json")
