"""Handoffs to other departments: stages, timeline, directory, and the board's clock rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from core.admin import setup as admin
from core.basics.errors import InvalidInput, NotAllowed, NotFound, Refused
from core.handoffs.directory import add_department, list_departments
from core.handoffs.lifecycle import add_handoff, answer_handoff, handoff_clock, list_handoffs, sync_handoff
from core.tickets.reads import ticket_detail
from tests.conftest import sh


@pytest.fixture
def directory(floor):
    admin.init_floor(floor)  # the policy's departments
    add_department(floor, "qa_lab", contact="周敏", phone="13700000000", hours="09:00-17:00")
    return floor


def test_a_handoff_goes_sent_answered_synced_each_on_the_timeline(directory, new_ticket, clock):
    ref = new_ticket(description="订单1023 漏发一件")
    added = add_handoff(directory, ref, "仓库", "confirm where order 1023 is", "11:00")
    assert added.warning is None
    [open_one] = list_handoffs(directory)
    assert (open_one.ref, open_one.department, open_one.stage) == (ref, "warehouse", "sent")
    assert open_one.problem == "订单1023 漏发一件"
    assert open_one.due_at == sh(2026, 11, 20, 11, 0)
    clock.advance(minutes=40)
    answer_handoff(directory, added.id, "在途, 明天10点送达")
    clock.advance(minutes=5)
    sync_handoff(directory, added.id)
    assert list_handoffs(directory) == []
    [done] = list_handoffs(directory, open_only=False)
    assert done.stage == "synced" and done.answer == "在途, 明天10点送达"
    events = [e for e in ticket_detail(directory, ref).events if e.kind == "handoff"]
    assert [e.after["stage"] for e in events] == ["sent", "answered", "synced"]


def test_stages_only_move_forward(directory, new_ticket):
    added = add_handoff(directory, new_ticket(), "tech", "check the firmware", "+2h")
    with pytest.raises(Refused, match="only a handoff that is answered"):
        sync_handoff(directory, added.id)
    answer_handoff(directory, added.id, "firmware 1.2 fixes it")
    with pytest.raises(Refused, match="is answered"):
        answer_handoff(directory, added.id, "again")


def test_bad_input_is_refused_and_writes_nothing(directory, new_ticket):
    ref = new_ticket()
    with pytest.raises(InvalidInput, match="already passed"):
        add_handoff(directory, ref, "warehouse", "x", "09:00")
    with pytest.raises(InvalidInput, match="need"):
        add_handoff(directory, ref, "warehouse", "  ", "11:00")
    with pytest.raises(NotFound, match="callfloor dept add"):
        add_handoff(directory, ref, "marketing", "x", "11:00")
    with pytest.raises(NotFound):
        answer_handoff(directory, 999, "x")
    assert list_handoffs(directory, open_only=False) == []


def test_a_department_outside_its_online_hours_is_warned_about(directory, new_ticket, clock):
    clock.set(sh(2026, 11, 20, 18, 30))
    added = add_handoff(directory, new_ticket(), "qa_lab", "retest unit", "tomorrow 10:00")
    assert "outside its online hours (09:00-17:00)" in added.warning


def test_only_supervisors_edit_the_directory(directory, as_li):
    with pytest.raises(NotAllowed):
        add_department(as_li, "legal")
    with pytest.raises(InvalidInput, match="hours"):
        add_department(directory, "legal", hours="18:00-09:00")
    assert "qa_lab" in [d.name for d in list_departments(directory)]


def test_colours_at_each_threshold_stuck_and_late_sync(directory, new_ticket, clock):
    policy = directory.policy
    add_handoff(directory, new_ticket(), "warehouse", "find the parcel", "+10h")  # due 20:00
    [h] = list_handoffs(directory)
    start = clock.now()

    def colour(after):
        return handoff_clock(h, start + after, policy).colour

    assert colour(timedelta(hours=4)) == "green"  # 6 h of 10 left: 60%
    assert colour(timedelta(hours=5)) == "yellow"  # exactly 50% left
    assert colour(timedelta(hours=8)) == "red"  # exactly 20% left
    assert colour(timedelta(hours=9, minutes=46)) == "red"  # under 15 minutes
    assert colour(timedelta(hours=10, seconds=1)) == "overdue"
    assert not handoff_clock(h, start + timedelta(hours=1, minutes=59), policy).stuck
    assert handoff_clock(h, start + timedelta(hours=2), policy).stuck  # no stage change for 2 h
    answered = replace(h, stage="answered", answered_at=start + timedelta(hours=1), answer="ok")
    assert not handoff_clock(answered, start + timedelta(hours=1, minutes=30), policy).sync_late
    assert handoff_clock(answered, start + timedelta(hours=1, minutes=31), policy).sync_late
    assert not handoff_clock(answered, start + timedelta(hours=2, minutes=59), policy).stuck
    # a short handoff is red from the start: under 15 minutes
    assert handoff_clock(replace(h, due_at=start + timedelta(minutes=14)), start, policy).colour == "red"


def test_one_tickets_handoffs_by_its_ref(directory, new_ticket):
    first, second = new_ticket(), new_ticket()
    a = add_handoff(directory, first, "warehouse", "find the parcel", "12:00")
    b = add_handoff(directory, second, "tech", "check the firmware", "11:00")
    c = add_handoff(directory, first, "logistics", "call the driver", "11:30")
    assert [h.id for h in list_handoffs(directory, ref=first)] == [c.id, a.id]  # by deadline
    assert [h.id for h in list_handoffs(directory, ref=second.lower().replace("t0000", "t"))] == [b.id]
    answer_handoff(directory, c.id, "on the way")
    sync_handoff(directory, c.id)
    assert [h.id for h in list_handoffs(directory, ref=first)] == [a.id]
    assert [h.id for h in list_handoffs(directory, open_only=False, ref=first)] == [c.id, a.id]
    assert list_handoffs(directory, ref="T999999") == []


def test_the_board_replaces_only_the_changed_tickets_rows_and_keeps_its_order(directory, new_ticket):
    """What the board reads when the floor changed gives the same picture as reading it all."""
    from core.handoffs import board
    from db.models import Ticket

    first, second, third = (new_ticket(description=f"问题 {n}") for n in range(3))
    add_handoff(directory, first, "仓库", "where is it", "12:00")
    add_handoff(directory, second, "仓库", "what happened", "11:00")
    before = board.board_picture(directory)
    assert [row.ref for row in before.handoffs] == [second, first]
    late = add_handoff(directory, third, "仓库", "the third", "11:30")
    [gone] = [row.id for row in before.handoffs if row.ref == second]
    answer_handoff(directory, gone, "done")
    sync_handoff(directory, gone)
    ids = [Ticket.get(Ticket.ref == ref).id for ref in (second, third)]
    after = board.with_changes(before, board.board_changes(directory, ids))
    assert after.handoffs == board.board_picture(directory).handoffs
    assert [row.ref for row in after.handoffs] == [third, first] and late.id
    assert board.board_changes(directory, []).handoffs == ()  # the breaching count alone
