"""Callbacks: scheduling from the rules, claiming, a call from its script, outcomes, the
low-score loop. Frozen clock: Friday 2026-11-20 10:00 Shanghai unless a test moves it."""

from __future__ import annotations

import pytest

from core.basics.errors import AlreadyClaimed, InvalidInput, NotAllowed, Refused
from core.callbacks.calls import (
    answer_question,
    claim_callback,
    customer_busy,
    customer_refused,
    customer_unreachable,
    finish_call,
    get_callback,
    list_callbacks,
    resume_call,
    start_call,
)
from core.callbacks.schedule import record_improvement, schedule_callbacks
from core.customers.records import CustomerForm, add_customer, set_callback_preferences
from core.tickets.lifecycle import claim, set_status
from core.tickets.reads import ticket_detail
from tests.callback_calls import answer_every_question
from tests.conftest import sh


@pytest.fixture
def resolved_ticket(floor, as_li, new_ticket, clock):
    """T resolved by li on Friday 10:00 (the clock's start)."""
    ref = new_ticket(description="发票抬头开错了")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "重开发票")
    return ref


def _scheduled(session):
    return {(s.group, s.ticket_ref or s.customer_code): s for s in schedule_callbacks(session)}


def test_a_resolved_ticket_gets_a_callback_due_within_24_hours(floor, resolved_ticket):
    made = _scheduled(floor)
    task = made[("resolved", resolved_ticket)]
    assert (task.due_from, task.due_by) == (
        sh(2026, 11, 20, 10),
        sh(2026, 11, 23, 12),
    )  # Sat 10:00 -> the next working morning, Mon 12:00
    assert task.key == f"resolved:{resolved_ticket}:0"
    [view] = [v for v in list_callbacks(floor) if v.ticket_ref == resolved_ticket]
    assert view.group == "resolved" and view.status == "open" and view.owner is None


def test_scheduling_twice_makes_nothing_new(floor, resolved_ticket):
    first = schedule_callbacks(floor)
    assert first and schedule_callbacks(floor) == []
    assert len(list_callbacks(floor)) == len(first)


def test_a_complaint_gets_the_complaint_callback_instead(floor, as_li, new_ticket):
    ref = new_ticket(description="我要投诉你们的送货员")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "已道歉")
    made = _scheduled(floor)
    assert ("resolved", ref) not in made
    task = made[("complaint", ref)]
    assert (task.due_from, task.due_by) == (sh(2026, 11, 24, 9), sh(2026, 11, 25, 18))  # Tue..Wed


def test_preferred_call_time_moves_the_start(floor, resolved_ticket):
    set_callback_preferences(floor, "C001", call_time="14:00-17:00")
    task = _scheduled(floor)[("resolved", resolved_ticket)]
    assert task.due_from == sh(2026, 11, 20, 14)


def test_bad_preferred_call_time_is_refused(floor):
    with pytest.raises(InvalidInput, match="call time"):
        set_callback_preferences(floor, "C001", call_time="afternoon")


def test_new_churn_long_standing_and_improvement_rules(floor, clock, resolved_ticket):
    from datetime import date

    add_customer(
        floor, CustomerForm(code="N1", name="新客户甲", type="new", delivery_date=date(2026, 11, 19))
    )
    set_callback_preferences(floor, "N1", churn_risk=False)
    add_customer(floor, CustomerForm(code="R1", name="风险客户", type="old", churn_risk=True))
    record_improvement(floor, resolved_ticket, "发票系统改为自动校验抬头")
    made = _scheduled(floor)
    new = made[("new_customer", "N1")]
    assert (new.due_from, new.due_by) == (sh(2026, 11, 24, 9), sh(2026, 11, 30, 18))  # Thu+3wd .. +7wd
    churn = made[("churn_risk", "R1")]
    assert churn.key == "churn_risk:R1:2026-Q4" and churn.due_by == sh(2026, 12, 31, 18)
    # C001's improvement check joins its open resolved callback (one call, not five), due by the
    # earlier deadline of the two.
    verify, resolved = made[("improvement_verify", resolved_ticket)], made[("resolved", resolved_ticket)]
    assert verify.joined == resolved.id and verify.due_by == resolved.due_by
    # C001 has been known for 0 days: not long-standing yet; 91 days later it is.
    assert not any(g == "long_standing" for g, _ in made)
    clock.advance(days=91)
    later = _scheduled(floor)
    assert ("long_standing", "C001") in later and later[("long_standing", "C001")].key.endswith("2027-Q1")


def test_a_whole_call_saves_scores_and_warmth(floor, as_li, resolved_ticket):
    [task] = schedule_callbacks(floor)
    claim_callback(as_li, task.id)
    call = start_call(as_li, task.id)
    assert "华东贸易有限公司" in call.opening("李娜") and call.script.group == "resolved"
    answer_every_question(as_li, task.id)
    outcome = finish_call(as_li, task.id)
    assert outcome.status == "done" and not outcome.low_score
    done = get_callback(floor, task.id)
    assert done.status == "done" and done.overall == 4 and done.warm is True
    assert done.script_version == call.script.version


def test_required_questions_block_done(floor, as_li, resolved_ticket):
    [task] = schedule_callbacks(floor)
    start_call(as_li, task.id)
    with pytest.raises(Refused, match="required"):
        finish_call(as_li, task.id)
    assert get_callback(floor, task.id).status == "open"


def test_answers_are_checked_and_saved_one_by_one(floor, as_li, resolved_ticket):
    [task] = schedule_callbacks(floor)
    call = start_call(as_li, task.id)
    overall = call.script.overall
    with pytest.raises(InvalidInput, match="1 to 5"):
        answer_question(as_li, task.id, overall.id, "7")
    answer_question(as_li, task.id, overall.id, "3")
    resumed = resume_call(floor.as_login("li"), task.id)
    assert resumed.answers[overall.id] == "3"


def test_a_trigger_shows_the_probe(floor, as_li, resolved_ticket):
    [task] = schedule_callbacks(floor)
    call = start_call(as_li, task.id)
    asking = next(q for q in call.script.questions if q.triggers)
    before = [q.id for q in call.questions]
    call = answer_question(as_li, task.id, asking.id, "客服响应慢")
    probe = asking.triggers[0].ask
    ids = [q.id for q in call.questions]
    assert probe not in before and ids[ids.index(asking.id) + 1] == probe


def test_busy_reschedules_at_the_named_time(floor, as_li, resolved_ticket):
    [task] = schedule_callbacks(floor)
    start_call(as_li, task.id)
    outcome = customer_busy(as_li, task.id, "15:30")
    assert outcome.call_after == sh(2026, 11, 20, 15, 30)
    assert get_callback(floor, task.id).call_after == sh(2026, 11, 20, 15, 30)


def test_unreachable_retries_then_gives_up(floor, as_li, clock, resolved_ticket):
    [task] = schedule_callbacks(floor)
    start_call(as_li, task.id)
    first = customer_unreachable(as_li, task.id)
    assert first.status == "open" and first.attempts == 1 and first.call_after == sh(2026, 11, 20, 12)
    customer_unreachable(as_li, task.id)
    last = customer_unreachable(as_li, task.id)
    assert last.status == "unreachable" and last.attempts == 3
    with pytest.raises(Refused, match="unreachable"):
        start_call(as_li, task.id)


def test_refused_closes_the_callback(floor, as_li, resolved_ticket):
    [task] = schedule_callbacks(floor)
    start_call(as_li, task.id)
    assert customer_refused(as_li, task.id, "不需要回访").status == "refused"


def test_claims_are_exclusive(floor, as_li, as_wang, resolved_ticket):
    [task] = schedule_callbacks(floor)
    assert claim_callback(as_li, task.id) is True
    assert claim_callback(as_li, task.id) is False
    with pytest.raises(AlreadyClaimed):
        claim_callback(as_wang, task.id)
    with pytest.raises(NotAllowed):
        start_call(as_wang, task.id)


def test_a_score_of_2_reopens_the_ticket_and_books_the_supervisor(floor, as_li, as_wang, resolved_ticket):
    [task] = schedule_callbacks(floor)
    call = start_call(as_li, task.id)
    answer_every_question(as_li, task.id, **{call.script.overall.id: "2"})
    outcome = finish_call(as_li, task.id)
    assert outcome.low_score and outcome.reopened == resolved_ticket
    scored = get_callback(floor, task.id)
    assert scored.priority == "high" and scored.follow_up_status == "open"
    follow = get_callback(floor, outcome.follow_up_id)
    assert follow.group == "low_score_followup" and follow.priority == "high" and follow.follows == task.id
    assert follow.due_by == sh(2026, 11, 25, 18)  # 3 working days after Friday
    detail = ticket_detail(floor, resolved_ticket)
    assert detail.status == "in_progress"
    reopened = [e for e in detail.events if e.kind == "reopened"][-1]
    assert f"callback #{task.id} scored 2" in reopened.text
    with pytest.raises(NotAllowed, match="supervisor"):
        claim_callback(as_wang, follow.id)
    # The supervisor's call closes the loop on the low-scored callback.
    answer_every_question(floor, follow.id)
    finish_call(floor, follow.id)
    assert get_callback(floor, task.id).follow_up_status == "done"


def test_scheduling_reads_the_floors_holidays(floor, as_li, new_ticket, clock):
    from core.policy.document import parse_policy

    floor.policy = as_li.policy = parse_policy('[calendar]\nholidays = ["2026-11-23"]\n', "floor.toml")
    clock.set(sh(2026, 11, 20, 17, 0))  # Friday 17:00; Monday is a holiday
    ref = new_ticket(description="发票抬头开错了")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "重开发票")
    complaint = new_ticket(description="投诉：快递员态度差")
    claim(as_li, complaint)
    set_status(as_li, complaint, "resolved", "已道歉")
    made = _scheduled(floor)
    assert made[("resolved", ref)].due_by == sh(2026, 11, 24, 12)  # Saturday 17:00 -> Tuesday's morning
    window = made[("complaint", complaint)]
    assert (window.due_from, window.due_by) == (sh(2026, 11, 25, 9), sh(2026, 11, 26, 18))  # Wed..Thu


def test_a_ticket_resolved_again_after_a_reopen_gets_a_new_callback(floor, as_li, resolved_ticket, clock):
    [first] = schedule_callbacks(floor)
    set_status(as_li, resolved_ticket, "in_progress", "客户说问题又出现了")
    clock.advance(hours=2)
    set_status(as_li, resolved_ticket, "resolved", "再次处理")
    [again] = schedule_callbacks(floor)
    assert (first.key, again.key) == (f"resolved:{resolved_ticket}:0", f"resolved:{resolved_ticket}:1")


def test_a_callback_already_made_after_the_resolution_covers_it(floor, resolved_ticket, clock, tmp_path):
    from core.importing.callbacks import import_callbacks

    clock.advance(hours=3)
    path = tmp_path / "survey.csv"
    path.write_text(
        "customer_code,ticket_ref,done_at,method,overall\n"
        f"C001,{resolved_ticket},2026-11-20 12:30,survey,5\n",
        encoding="utf-8",
    )
    import_callbacks(floor, path)
    assert [s.group for s in schedule_callbacks(floor)] == []
