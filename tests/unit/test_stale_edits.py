"""Stale edits (issue 7): a save made from an old picture of a ticket is refused, naming who
changed it and when, and nothing is written; a save from the current picture goes through.
Two people on one SQLite file; the clock is frozen (Friday 2026-11-20 10:00 Shanghai)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.basics.errors import StaleEdit
from core.callbacks.calls import finish_call
from core.callbacks.schedule import record_improvement, schedule_callbacks
from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from core.tickets.stale import ROW_CHANGING_KINDS
from tests.callback_calls import answer_every_question


@pytest.fixture
def lis_ticket(floor, as_li, new_ticket):
    """A yellow ticket li owns and works (in_progress)."""
    ref = new_ticket(description="发票抬头开错了")
    tickets.claim(as_li, ref)
    return ref


def _version(session, ref: str) -> int:
    return ticket_detail(session, ref).row_version


def test_a_resolve_from_an_old_picture_is_refused_naming_who_and_when(floor, as_li, clock, lis_ticket):
    seen = _version(as_li, lis_ticket)  # li's screen shows the ticket
    clock.advance(timedelta(minutes=7))
    tickets.change_tier(floor, lis_ticket, "red", "客户是VIP，今天必须处理")  # boss, at 10:07
    before = replace(ticket_detail(floor, lis_ticket), sla=None)  # the countdowns move with the clock
    clock.advance(timedelta(minutes=3))
    with pytest.raises(StaleEdit) as refused:
        tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票", "客户电话确认", expected_version=seen)
    assert "changed by boss at 10:07 (tier)" in str(refused.value)
    assert "nothing was saved" in str(refused.value)
    assert (refused.value.login, refused.value.when, refused.value.kind) == ("boss", "10:07", "tier")
    after = replace(ticket_detail(floor, lis_ticket), sla=None)
    assert after == before  # nothing changed: status, resolution, version, timeline
    assert after.status == "in_progress" and after.resolution is None


def test_the_same_save_against_the_new_version_goes_through(floor, as_li, lis_ticket):
    seen = _version(as_li, lis_ticket)
    tickets.change_tier(floor, lis_ticket, "red", "VIP")
    with pytest.raises(StaleEdit):
        tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票", expected_version=seen)
    now_seen = _version(as_li, lis_ticket)  # li looked at the change
    tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票", expected_version=now_seen)
    detail = ticket_detail(floor, lis_ticket)
    assert detail.status == "resolved" and detail.resolution == "已重开发票" and detail.tier == "red"
    assert detail.row_version == now_seen + 1


def test_the_command_line_passes_no_version_and_is_not_checked(floor, as_li, lis_ticket):
    tickets.change_tier(floor, lis_ticket, "red", "VIP")
    tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票")  # expected_version=None
    assert ticket_detail(floor, lis_ticket).status == "resolved"


def test_notes_handoffs_and_improvements_never_make_a_save_stale(floor, as_li, as_wang, lis_ticket):
    seen = _version(as_li, lis_ticket)
    tickets.add_note(as_wang, lis_ticket, "客户又来问了一次")
    record_improvement(floor, lis_ticket, "发票模板已修正")
    assert _version(floor, lis_ticket) == seen
    tickets.change_tier(as_li, lis_ticket, "green", "不急", expected_version=seen)
    assert ticket_detail(floor, lis_ticket).tier == "green"


@pytest.mark.parametrize("edit", ["tier", "category", "reopen", "close"])
def test_every_checked_edit_refuses_an_old_picture(floor, as_li, as_wang, lis_ticket, edit):
    if edit in ("reopen", "close"):
        tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票")
    seen = _version(as_li, lis_ticket)
    tickets.log_contact(as_wang, lis_ticket, "in", "客户来电补充信息")  # a contact moves the row
    calls = {
        "tier": lambda v: tickets.change_tier(as_li, lis_ticket, "red", "VIP", expected_version=v),
        "category": lambda v: tickets.change_category(
            as_li, lis_ticket, "billing", None, "发票问题", expected_version=v
        ),
        "reopen": lambda v: tickets.set_status(
            as_li, lis_ticket, "in_progress", "客户说还没好", expected_version=v
        ),
        "close": lambda v: tickets.set_status(as_li, lis_ticket, "closed", expected_version=v),
    }
    before = ticket_detail(floor, lis_ticket)
    with pytest.raises(StaleEdit, match="changed by wang at 10:00 \\(contact_in\\)"):
        calls[edit](seen)
    assert ticket_detail(floor, lis_ticket) == before
    calls[edit](_version(as_li, lis_ticket))
    assert ticket_detail(floor, lis_ticket).row_version == before.row_version + 1


def test_a_change_on_an_earlier_day_is_named_with_its_date(floor, as_li, clock, lis_ticket):
    seen = _version(as_li, lis_ticket)
    tickets.change_tier(floor, lis_ticket, "red", "VIP")
    clock.advance(timedelta(days=1))
    with pytest.raises(StaleEdit, match="changed by boss at 2026-11-20 10:00"):
        tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票", expected_version=seen)


def _row_change_recorded(session, ref: str, change) -> None:
    """change() moves the ticket's row: its version goes up and its newest event is a kind the
    stale check names (so a refusal always says who changed it)."""
    before = ticket_detail(session, ref)
    change()
    after = ticket_detail(session, ref)
    assert after.row_version > before.row_version
    assert after.events[-1].kind in ROW_CHANGING_KINDS


def test_every_path_that_changes_the_ticket_row_moves_its_version(floor, as_li, as_wang, new_ticket):
    ref = new_ticket()
    assert ticket_detail(floor, ref).events[-1].kind == "created"
    _row_change_recorded(floor, ref, lambda: tickets.claim(as_li, ref))
    _row_change_recorded(floor, ref, lambda: tickets.log_contact(as_li, ref, "out", "已回复"))
    _row_change_recorded(floor, ref, lambda: tickets.log_contact(as_wang, ref, "in", "客户来电"))
    _row_change_recorded(floor, ref, lambda: tickets.change_tier(as_li, ref, "red", "VIP"))
    _row_change_recorded(floor, ref, lambda: tickets.change_category(as_li, ref, "billing", None, "发票"))
    _row_change_recorded(floor, ref, lambda: tickets.set_status(as_li, ref, "resolved", "好了"))
    _row_change_recorded(floor, ref, lambda: tickets.set_status(as_li, ref, "in_progress", "没好"))
    _row_change_recorded(floor, ref, lambda: tickets.set_status(as_li, ref, "resolved", "好了"))
    _row_change_recorded(floor, ref, lambda: tickets.set_status(as_li, ref, "closed"))
    unowned = new_ticket()
    _row_change_recorded(floor, unowned, lambda: tickets.log_contact(as_wang, unowned, "out", "首次回复"))


def test_a_low_score_reopen_moves_the_version(floor, as_li, lis_ticket):
    tickets.set_status(as_li, lis_ticket, "resolved", "已重开发票")
    seen = _version(as_li, lis_ticket)
    [task] = schedule_callbacks(floor)
    answer_every_question(as_li, task.id, overall="2")
    assert finish_call(as_li, task.id).reopened == lis_ticket
    detail = ticket_detail(floor, lis_ticket)
    assert detail.row_version > seen and detail.events[-1].kind == "reopened"
    with pytest.raises(StaleEdit, match="\\(reopened\\)"):
        tickets.set_status(as_li, lis_ticket, "closed", expected_version=seen)
