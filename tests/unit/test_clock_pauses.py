"""The SLA clock a floor can trust (issue 16): business time by default with China's holidays
and make-up days, pauses while the floor waits on the customer (or, by policy, on a
department), telling the customer counts as a response, and a ticket's handoffs end with it.
Every time rule on a frozen clock (tests/conftest.py: Friday 2026-11-20 10:00 Shanghai)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from core.basics import InvalidInput, Refused
from core.handoffs.board import board_picture
from core.handoffs.lifecycle import add_handoff, answer_handoff, list_handoffs, sync_handoff
from core.policy import default_policy, parse_policy
from core.tickets.lifecycle import change_tier, claim, load, log_contact, set_status
from core.tickets.sla import PAUSED_DUE, due_times, sla_state
from db.models import Handoff, TimelineEvent
from tests.conftest import sh

POLICY = default_policy()


def events(ref: str) -> list[tuple[str, dict]]:
    ticket = load(ref)
    return [
        (e.kind, json.loads(e.after or "{}"))
        for e in TimelineEvent.select().where(TimelineEvent.ticket == ticket.id).order_by(TimelineEvent.id)
    ]


# ---------------------------------------------------------------- due times under the defaults


@pytest.mark.parametrize(
    ("received", "tier", "response", "solution"),
    [
        # a weekday before opening: the clock starts at 09:00
        (sh(2026, 12, 3, 5, 47), "red", sh(2026, 12, 3, 9, 15), sh(2026, 12, 3, 11, 0)),
        (sh(2026, 12, 3, 5, 47), "yellow", sh(2026, 12, 3, 9, 30), sh(2026, 12, 3, 13, 0)),
        # 24 working hours from Thursday 09:00: 9 on Thursday, 9 on Friday, 6 on Monday
        (sh(2026, 12, 3, 5, 47), "green", sh(2026, 12, 3, 10, 0), sh(2026, 12, 7, 15, 0)),
        # Friday 17:55: five minutes on Friday, the rest on Monday
        (sh(2026, 12, 4, 17, 55), "red", sh(2026, 12, 7, 9, 10), sh(2026, 12, 7, 10, 55)),
        # National Day (Thursday 2026-10-01): the holiday runs to the 7th; work starts the 8th
        (sh(2026, 10, 1, 10, 0), "red", sh(2026, 10, 8, 9, 15), sh(2026, 10, 8, 11, 0)),
        # Sunday 2026-09-20 is a make-up working day (调休 for October 6): the clock runs
        (sh(2026, 9, 20, 10, 0), "red", sh(2026, 9, 20, 10, 15), sh(2026, 9, 20, 12, 0)),
        # Saturday 2026-10-10 too; the Saturday before it is an ordinary day off
        (sh(2026, 10, 10, 17, 0), "yellow", sh(2026, 10, 10, 17, 30), sh(2026, 10, 12, 12, 0)),
    ],
)
def test_the_default_clock_counts_the_floors_working_time(received, tier, response, solution):
    assert due_times(received, tier, POLICY) == (response, solution)


def test_the_policy_can_remove_an_official_day_and_add_its_own():
    policy = parse_policy(
        '[calendar]\nnot_holidays = ["2026-10-01"]\nholidays = ["2026-12-24"]\n', "floor.toml"
    )
    assert due_times(sh(2026, 10, 1, 10, 0), "red", policy)[0] == sh(2026, 10, 1, 10, 15)
    assert due_times(sh(2026, 12, 24, 10, 0), "red", policy)[0] == sh(2026, 12, 25, 9, 15)


def test_calendar_mode_stays_available():
    policy = parse_policy('[sla]\nmode = "calendar"\n', "floor.toml")
    assert due_times(sh(2026, 12, 3, 5, 47), "red", policy) == (sh(2026, 12, 3, 6, 2), sh(2026, 12, 3, 7, 47))


# ---------------------------------------------------------------- waiting on the customer


def test_waiting_on_the_customer_needs_what_was_asked(as_li, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    with pytest.raises(InvalidInput) as refused:
        set_status(as_li, ref, "waiting", "  ")
    assert refused.value.field == "asked"
    assert load(ref).status == "in_progress"


def test_waiting_is_a_response_pauses_the_solution_clock_and_owes_no_update(as_li, new_ticket, clock):
    ref = new_ticket()  # yellow at Friday 10:00: response 10:30, solution 14:00
    claim(as_li, ref)
    clock.advance(minutes=10)
    set_status(as_li, ref, "waiting", "请客户补拍破损照片")
    ticket = load(ref)
    assert ticket.status == "waiting" and ticket.first_response_at == sh(2026, 11, 20, 10, 10)
    assert ticket.paused_at == sh(2026, 11, 20, 10, 10)
    assert ticket.next_due_at == PAUSED_DUE  # due never while paused: sorts last, never overdue
    assert [k for k, _ in events(ref)][-2:] == ["waiting", "clock_paused"]
    clock.advance(hours=6)  # 16:10, two hours past the solution due time
    state = sla_state(load(ref), clock.now(), as_li.policy)
    assert not state.breaching and state.paused_at == sh(2026, 11, 20, 10, 10)
    assert state.solution.left == timedelta(hours=3, minutes=50)  # what was left when it stopped
    assert state.update_due_by is None


def test_a_pause_across_a_night_and_a_weekend_moves_the_due_time_by_its_working_time(
    as_li, new_ticket, clock
):
    ref = new_ticket()  # yellow: solution due Friday 14:00
    claim(as_li, ref)
    clock.set(sh(2026, 11, 20, 13, 0))
    set_status(as_li, ref, "waiting", "请客户提供收货地址")
    clock.set(sh(2026, 11, 23, 10, 0))  # Monday: the customer calls back
    log_contact(as_li, ref, "in", "客户提供了地址")
    ticket = load(ref)
    # held: Friday 13:00-18:00 and Monday 09:00-10:00, six working hours; the night and the
    # weekend count nothing. 14:00 moves on by four hours on Friday and two on Monday.
    assert ticket.status == "in_progress" and ticket.paused_at is None
    assert ticket.solution_due_at == sh(2026, 11, 23, 11, 0)
    assert ticket.next_due_at == ticket.solution_due_at
    resumed = [after for kind, after in events(ref) if kind == "clock_resumed"]
    assert resumed == [{"solution_due_at": "2026-11-23T03:00:00+00:00", "held_minutes": 360}]


def test_resolving_while_waiting_is_judged_on_the_moved_due_time(as_li, new_ticket, clock):
    ref = new_ticket()
    claim(as_li, ref)
    set_status(as_li, ref, "waiting", "请客户确认型号")  # at 10:00, solution due 14:00
    clock.set(sh(2026, 11, 20, 15, 0))
    set_status(as_li, ref, "resolved", "客户确认后已补发")
    ticket = load(ref)
    # held five working hours (10:00-15:00): 14:00 moves on by four hours on Friday, one on Monday
    assert ticket.solution_due_at == sh(2026, 11, 23, 10, 0)
    assert ticket.resolved_at <= ticket.solution_due_at  # in target: the five hours were the customer's
    kinds = [k for k, _ in events(ref)]
    assert kinds[-2:] == ["clock_resumed", "resolved"]


def test_the_agent_takes_a_ticket_off_waiting(as_li, new_ticket, clock):
    ref = new_ticket()
    claim(as_li, ref)
    set_status(as_li, ref, "waiting", "等待客户回电")
    clock.advance(minutes=30)
    set_status(as_li, ref, "in_progress")
    assert load(ref).solution_due_at == sh(2026, 11, 20, 14, 30)


def test_a_tier_change_keeps_the_time_the_pauses_held(as_li, new_ticket, clock):
    ref = new_ticket()  # yellow
    claim(as_li, ref)
    set_status(as_li, ref, "waiting", "等待客户回电")
    clock.advance(hours=1)
    set_status(as_li, ref, "in_progress")  # the pause held an hour
    change_tier(as_li, ref, "red", "客户投诉")
    assert load(ref).solution_due_at == sh(2026, 11, 20, 13, 0)  # 10:00 + 2 h + the hour held


def test_only_a_waiting_ticket_resumes(as_li, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    with pytest.raises(Refused):
        set_status(as_li, ref, "in_progress")


# ---------------------------------------------------------------- handoffs pause by policy


def test_a_handoff_sent_pauses_the_clock_when_the_policy_says_so(floor, as_li, new_ticket, clock):
    from core.admin.setup import init_floor

    init_floor(floor)
    as_li.policy = parse_policy("[sla]\npause_on_handoff = true\n", "floor.toml")
    ref = new_ticket()
    claim(as_li, ref)
    log_contact(as_li, ref, "out", "已联系仓库核实")
    added = add_handoff(as_li, ref, "warehouse", "核实库存", "+2h")
    assert load(ref).paused_at == sh(2026, 11, 20, 10, 0)
    clock.advance(minutes=45)
    answer_handoff(as_li, added.id, "有货，今天发")
    ticket = load(ref)
    assert ticket.paused_at is None and ticket.solution_due_at == sh(2026, 11, 20, 14, 45)


def test_by_default_a_handoff_does_not_pause(floor, as_li, new_ticket, clock):
    from core.admin.setup import init_floor

    init_floor(floor)
    ref = new_ticket()
    claim(as_li, ref)
    log_contact(as_li, ref, "out", "已联系仓库核实")
    add_handoff(as_li, ref, "warehouse", "核实库存", "+2h")
    assert load(ref).paused_at is None and load(ref).next_due_at == sh(2026, 11, 20, 14, 0)


# ---------------------------------------------------------------- telling the customer counts


def test_telling_the_customer_the_answer_is_the_first_response(floor, as_li, new_ticket, clock):
    from core.admin.setup import init_floor

    init_floor(floor)
    ref = new_ticket()
    added = add_handoff(as_li, ref, "warehouse", "核实库存", "+2h")
    answer_handoff(as_li, added.id, "有货")
    clock.advance(minutes=20)
    sync_handoff(as_li, added.id)
    ticket = load(ref)
    assert ticket.first_response_at == ticket.last_update_at == sh(2026, 11, 20, 10, 20)
    assert ticket.next_due_at == ticket.solution_due_at


# ---------------------------------------------------------------- a ticket's handoffs end with it


@pytest.fixture
def handed_off(floor, as_li, new_ticket):
    from core.admin.setup import init_floor

    init_floor(floor)
    ref = new_ticket()
    claim(as_li, ref)
    sent = add_handoff(as_li, ref, "warehouse", "核实库存", "+2h")
    answered = add_handoff(as_li, ref, "logistics", "查物流", "+2h")
    answer_handoff(as_li, answered.id, "明天到")
    return ref, sent.id, answered.id


def test_resolving_with_handoffs_under_way_asks_what_becomes_of_them(as_li, handed_off):
    ref, sent, answered = handed_off
    with pytest.raises(Refused) as refused:
        set_status(as_li, ref, "resolved", "已补发")
    said = str(refused.value)
    assert f"#{sent}, #{answered}" in said and "withdraw" in said
    assert load(ref).status == "in_progress"


def test_withdrawn_handoffs_end_on_the_timeline_and_leave_the_board(as_li, handed_off, clock):
    ref, sent, answered = handed_off
    set_status(as_li, ref, "resolved", "已补发", handoffs="withdraw")
    assert {h.stage for h in Handoff.select()} == {"withdrawn"}
    assert all(h.withdrawn_at == clock.now() for h in Handoff.select())
    withdrawn = [a for k, a in events(ref) if k == "handoff" and a.get("stage") == "withdrawn"]
    assert [a["handoff"] for a in withdrawn] == [sent, answered]
    assert board_picture(as_li).handoffs == ()
    assert list_handoffs(as_li) == []


def test_kept_handoffs_stay_with_the_department_but_leave_the_board(as_li, handed_off):
    ref, sent, answered = handed_off
    set_status(as_li, ref, "resolved", "已补发", handoffs="keep")
    assert [h.id for h in list_handoffs(as_li)] == [sent, answered]  # still to be answered
    assert board_picture(as_li).handoffs == ()  # not on the wall: the ticket is done
    answer_handoff(as_li, sent, "已补货")  # the department still answers


def test_closing_asks_again_for_handoffs_kept_at_resolving(as_li, handed_off):
    ref, _, _ = handed_off
    set_status(as_li, ref, "resolved", "已补发", handoffs="keep")
    with pytest.raises(Refused):
        set_status(as_li, ref, "closed")
    set_status(as_li, ref, "closed", handoffs="withdraw")
    assert {h.stage for h in Handoff.select()} == {"withdrawn"}


# ---------------------------------------------------------------- the queue reads the paused clock


def test_a_waiting_ticket_sits_below_the_running_clocks_never_overdue_and_owes_no_update(
    floor, as_li, new_ticket, clock
):
    from core.tickets.queue import queue_counts, queue_page, time_left

    waiting = new_ticket()
    running = new_ticket(tier="green")  # solution a day away
    for ref in (waiting, running):
        claim(as_li, ref)
        log_contact(as_li, ref, "out", "已回复")
    set_status(as_li, waiting, "waiting", "请客户提供照片")
    clock.set(sh(2026, 11, 23, 10, 0))  # Monday: past the waiting ticket's original Friday 14:00
    rows = queue_page(as_li).rows
    assert [r.ref for r in rows] == [running, waiting]
    assert time_left(rows[1], clock.now()) is None  # shown as "paused"
    assert not rows[1].update_due and rows[0].update_due
    assert queue_counts(as_li).overdue == 0
    assert [r.ref for r in queue_page(as_li, "update_due").rows] == [running]


def test_a_ticket_already_late_does_not_pause_waiting_on_the_customer_does_not_undo_a_breach(
    as_li, new_ticket, clock
):
    ref = new_ticket()  # solution due 14:00
    claim(as_li, ref)
    clock.set(sh(2026, 11, 20, 15, 0))
    set_status(as_li, ref, "waiting", "  请客户确认地址  ")
    ticket = load(ref)
    assert ticket.status == "waiting" and ticket.paused_at is None  # the clock runs on, overdue
    assert ticket.next_due_at == sh(2026, 11, 20, 14, 0)
    assert sla_state(ticket, clock.now(), as_li.policy).breaching
    assert [k for k, _ in events(ref)][-1] == "waiting"  # no pause on the timeline
    assert TimelineEvent.select().order_by(TimelineEvent.id.desc()).first().text == "请客户确认地址"
    clock.set(sh(2026, 11, 23, 10, 0))
    log_contact(as_li, ref, "in", "客户回复了地址")
    assert load(ref).solution_due_at == sh(2026, 11, 20, 14, 0)  # nothing held, nothing moved


def test_while_paused_the_time_left_is_working_time(as_li, new_ticket, clock):
    ref = new_ticket(tier="green")  # 24 working hours: due Tuesday 16:00
    claim(as_li, ref)
    set_status(as_li, ref, "waiting", "请客户提供型号")
    clock.set(sh(2026, 11, 21, 12, 0))  # Saturday
    state = sla_state(load(ref), clock.now(), as_li.policy)
    assert state.solution.left == timedelta(hours=24)  # not the 78 hours of clock time
