"""App tests: the real app on a real floor (a SQLite file, or a database on the PostgreSQL test
server), driven by Pilot at 80x24 (docs/development.md)."""

from __future__ import annotations

import re

import pytest

from core.callbacks.schedule import schedule_callbacks
from core.tickets import lifecycle as tickets
from tests.lock_holder import hold_lock  # noqa: F401  (fixture: another process holds the write lock)
from tests.unit.test_report_figures import week47  # noqa: F401  (fixture: the hand-built week 2026-W47)
from tui.app import make_app

SIZE = (80, 24)


@pytest.fixture
def queue_floor(floor, as_li):
    """The tests/conftest floor (boss, li, wang, customer C001; clock Fri 2026-11-20 10:00
    Shanghai) with three open tickets: T000001 red (unclaimed), T000002 yellow (li's),
    T000003 green (unclaimed)."""
    tickets.intake(floor, tickets.NewTicket("C001", "phone", "货物破损, 今天必须处理"))  # red
    yellow = tickets.intake(floor, tickets.NewTicket("C001", "email", "invoice question"))
    tickets.intake(floor, tickets.NewTicket("C001", "online_chat", "建议增加夜间服务"))  # green
    tickets.claim(as_li, yellow)
    return floor


@pytest.fixture
def app_for(queue_floor):
    """make_app for a login on the queue floor: app_for("li", "zh")."""

    def build(login: str = "boss", language: str = "en"):
        return make_app(queue_floor.as_login(login), language)

    return build


def screen_text(app) -> str:
    """What the terminal shows, as plain text lines (for asserting what an agent reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


_NOT_WORDS = re.compile(r"[\s\u2500-\u259f\u2800-\u28ff]+")
"""Whitespace and box-drawing/block characters: what wrapping and borders put between words."""


def shows(app, text: str) -> bool:
    """True when the screen shows text, wherever the 80-column wrap broke it: line breaks,
    padding and border characters are removed from both sides first. (A message that names a
    temp path wraps at a place the path's length decides: asserting on raw lines made the
    suite pass or fail by the temp folder's name.)"""
    return _NOT_WORDS.sub("", text) in _NOT_WORDS.sub("", screen_text(app))


@pytest.fixture
def resolved_ticket(floor, as_li, new_ticket):
    """T000001 for C001 (华东贸易有限公司), resolved by li on Friday 10:00."""
    ref = new_ticket(description="发票抬头开错了")
    tickets.claim(as_li, ref)
    tickets.set_status(as_li, ref, "resolved", "重开发票")
    return ref


@pytest.fixture
def callback(floor, resolved_ticket) -> int:
    """The resolved ticket's callback, open and unclaimed (the call screens' tests)."""
    [task] = schedule_callbacks(floor)
    return task.id
