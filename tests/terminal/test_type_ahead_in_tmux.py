"""Keys in bursts, as a laggy SSH link delivers them (issue 18): the real program in tmux at
80x24, each burst one `tmux send-keys` with no delay between its keys, through the queue
filter, intake, the note, handoff, resolve and reassign forms; then the database says every
value landed in its field. The waits between bursts are for what the burst ends with (a
notification), never timing asserts."""

from __future__ import annotations

import json

import pytest

from tests.terminal.test_workspace_in_tmux import open_app, run, terminal_floor  # noqa: F401  (fixture)
from tests.terminal.tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")

DEPARTMENTS = ["logistics", "production", "rnd", "tech", "warehouse"]
"""The policy's departments as `db init` puts them in the directory, in the handoff list's order."""


def shown(path, ref: str) -> dict:
    return json.loads(run(path, "ticket", "show", ref, "--json"))


def test_bursts_through_every_form_land_in_their_fields(terminal_floor):  # noqa: F811
    with open_app(terminal_floor, user="boss") as term:
        term.wait_for("all open: 1/2")

        # The queue filter, then claim the one row it leaves.
        term.keys("/", "T000002", "Enter", "c")
        term.wait_for("T000002 is yours")
        term.keys("Escape")
        term.wait_for("all open: 1/2")

        # Intake from the queue: the customer (Enter searches and picks), the channel, the
        # description, save; then a note on the ticket it opens.
        term.keys("n", "C001", "Enter", "Enter", "Down", "Enter", "Tab")
        term.keys("客户说货漏发了一件", literal=True)
        term.keys("C-s", "n", "note typed ahead", "Enter")
        term.wait_for("Note added")

        # A handoff on that ticket: the department, what is needed, Enter, the date, Enter.
        term.keys("c", "h", *["Down"] * DEPARTMENTS.index("warehouse"), "Enter")
        term.keys("请核实库存并补发", literal=True)
        term.keys("Enter", "2026-11-20 15:00", "Enter")
        term.wait_for("Handoff #1 sent")

        # Resolve it: withdraw the handoff, the result, how the customer confirmed.
        term.keys(
            "r", "Down", "Enter", "sent the missing unit", "Enter", "customer confirmed by phone", "Enter"
        )
        term.wait_for("resolved")

        # Back to the queue, open T000002 (the filter is gone: the first row is T000001, the
        # second T000002) and reassign it to li with a reason.
        term.keys("Escape", "Down", "Enter", "A", "Enter", "li is back from lunch", "Enter")
        term.wait_for("now 李娜's")

    intake = shown(terminal_floor, "T000003")
    assert (intake["customer_code"], intake["channel"], intake["description"]) == (
        "C001",
        "phone",
        "客户说货漏发了一件",
    )
    assert intake["status"] == "resolved"
    events = {e["kind"]: e for e in intake["events"]}
    assert events["note"]["text"] == "note typed ahead"
    [handoff] = [
        h
        for h in json.loads(run(terminal_floor, "handoff", "list", "--all", "--json"))
        if h["ref"] == "T000003"
    ]
    assert (handoff["department"], handoff["need"], handoff["stage"]) == (
        "warehouse",
        "请核实库存并补发",
        "withdrawn",
    )
    assert handoff["due_at"].startswith("2026-11-20T15:00")
    assert (intake["resolution"], intake["confirmation"]) == (
        "sent the missing unit",
        "customer confirmed by phone",
    )
    assert events["resolved"]["text"] == "sent the missing unit"
    assert events["resolved"]["after"]["handoffs"] == "withdraw: #1"

    reassigned = shown(terminal_floor, "T000002")
    assert reassigned["owner"] == "li"
    assert reassigned["events"][-1]["kind"] == "assigned"
    assert reassigned["events"][-1]["text"] == "li is back from lunch"
    assert shown(terminal_floor, "T000001")["owner"] is None
