"""Improvement actions (issue 23): each status move and role rule, the expected figure as people
type it, and the whole loop on a frozen clock: an action on a category's tickets, done, one
verification call per customer (merged with the customer's other calls), scored, closed; one
low score reopens it. Frozen clock: Friday 2026-11-20 10:00 Shanghai unless a test moves it."""

from __future__ import annotations

import pytest

from core.basics.errors import InvalidInput, NotAllowed, NotFound, Refused
from core.callbacks.calls import claim_callback, customer_refused, finish_call
from core.callbacks.listing import list_callbacks
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer
from core.handoffs.directory import add_department
from core.improvement import (
    Expected,
    Problem,
    action_detail,
    add_action,
    close_action,
    list_actions,
    mark_done,
    parse_expected,
    reopen_action,
    update_action,
)
from core.tickets.lifecycle import claim, set_status
from db.models import ActionEvent, Callback
from tests.callback_calls import answer_every_question
from tests.conftest import sh

DELAY = "物流太慢了，三天还没到"


@pytest.fixture
def dept(floor):
    add_department(floor, "logistics")
    return "logistics"


def _customer(floor, code):
    add_customer(floor, CustomerForm(code=code, name=f"客户{code}"))


def _delay_ticket(as_li, new_ticket, customer="C001", resolve=True):
    ref = new_ticket(
        description=DELAY, customer_code=customer, category="efficiency", subtag="delivery_delay"
    )
    if resolve:
        claim(as_li, ref)
        set_status(as_li, ref, "resolved", "已催促物流")
    return ref


def _action(floor, dept, tickets=(), owner="li", **problem):
    return add_action(
        floor,
        "华东区增加第二家快递",
        dept,
        owner,
        10,
        "delivery-delay share below 20%",
        Problem(**(problem or {"category": "efficiency", "subtag": "delivery_delay"})),
        tickets,
    )


def _verify(session, number, overall):
    claim_callback(session, number)
    answer_every_question(session, number, str(overall))
    return finish_call(session, number)


def _events(number):
    return [e.kind for e in ActionEvent.select().where(ActionEvent.action == number).order_by(ActionEvent.id)]


# ------------------------------------------------------------------ the expected figure


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("delivery-delay share below 20%", Expected("share", "below", 0.2)),
        ("占比低于20%", Expected("share", "below", 0.2)),
        ("物流配送占比降到15%以下", Expected("share", "below", 0.15)),
        ("count below 30 a week", Expected("count", "below", 30)),
        ("每周数量少于30件", Expected("count", "below", 30)),
        ("不超过10件", Expected("count", "below", 10)),
        ("satisfaction share at least 80%", Expected("share", "above", 0.8)),
        ("recovered tickets over 5", Expected("count", "above", 5)),
    ],
)
def test_the_expected_effect_is_read_as_people_write_it(typed, expected):
    assert parse_expected(typed) == expected


@pytest.mark.parametrize(
    "typed, code",
    [
        ("", "action.expect.empty"),
        ("better delivery", "action.expect.one_number"),
        ("20%", "action.expect.no_direction"),
        ("below 20", "action.expect.which"),
        ("share below 120%", "action.expect.percent_range"),
        ("从20%降到10%", "action.expect.one_number"),
        ("count below 2.5", "action.expect.count_whole"),
    ],
)
def test_an_effect_that_is_no_figure_is_refused_with_an_example(typed, code):
    with pytest.raises(InvalidInput) as refused:
        parse_expected(typed)
    assert refused.value.code == code
    assert (
        "20%" in refused.value.say("en") or "120%" in refused.value.say("en") or "2.5" in refused.value.say()
    )


def test_the_expected_figure_is_said_in_both_languages():
    assert Expected("share", "below", 0.2).say("en") == "share below 20%"
    assert Expected("share", "below", 0.2).say("zh") == "占比低于20%"
    assert Expected("count", "above", 5).say("zh") == "每周数量高于5"
    assert Expected("share", "below", 0.2).met_by(0.18) and not Expected("share", "below", 0.2).met_by(0.2)


# ------------------------------------------------------------------ roles and moves


def test_only_a_supervisor_creates_and_every_field_is_checked(floor, as_li, dept, new_ticket):
    ref = _delay_ticket(as_li, new_ticket)
    with pytest.raises(NotAllowed):
        _action(as_li, dept, [ref])
    with pytest.raises(NotFound) as unknown:
        _action(floor, "marketing", [ref])
    assert "marketing" in unknown.value.say()
    with pytest.raises(NotFound):
        _action(floor, dept, [ref], owner="nobody")
    with pytest.raises(InvalidInput) as twice:
        _action(floor, dept, [ref, ref.lower()])
    assert twice.value.code == "action.ticket.twice"
    with pytest.raises(InvalidInput) as none:
        add_action(floor, "x", dept, "li", 5, "count below 3", Problem(), [ref])
    assert none.value.code == "action.problem.missing"
    with pytest.raises(InvalidInput):
        add_action(floor, "x", dept, "li", 5, "count below 3", Problem(category="nope"), [ref])
    with pytest.raises(InvalidInput) as days:
        add_action(floor, "x", dept, "li", 0, "count below 3", Problem(phrase="物流太慢"), [ref])
    assert days.value.code == "action.due.days"
    assert list_actions(floor) == []  # nothing half-written
    number = _action(floor, dept, [ref])
    [row] = list_actions(floor)
    assert (row.number, row.status, row.owner, row.department, row.tickets) == (number, "open", "li", dept, 1)
    # Ten working days from Friday 2026-11-20: Friday 2026-12-04, by the close of that day.
    assert floor.policy.calendar.local(row.due_at).date().isoformat() == "2026-12-04"
    assert _events(number) == ["created"]


def test_the_owner_moves_it_on_and_only_a_supervisor_edits_or_closes(floor, as_li, as_wang, dept, new_ticket):
    ref = _delay_ticket(as_li, new_ticket)
    number = _action(floor, dept, [ref])
    with pytest.raises(NotAllowed):  # not wang's action
        update_action(as_wang, number, status="in_progress")
    update_action(as_li, f"A{number}", status="处理中", note="联系了第二家快递")
    with pytest.raises(NotAllowed):  # the owner updates; the deadline is the supervisor's
        update_action(as_li, number, due=20)
    with pytest.raises(Refused) as back:
        update_action(as_li, number, status="open")
    assert back.value.code == "action.move.refused"
    with pytest.raises(NotAllowed):
        close_action(as_li, number, "不做了")
    update_action(floor, number, due="2026-12-18", owner="wang")
    with pytest.raises(InvalidInput):
        close_action(floor, number, "")  # a hand close says why
    assert [r.status for r in list_actions(floor)] == ["in_progress"]
    close_action(floor, number, "取消：更换了供应商")
    with pytest.raises(Refused) as closed:
        update_action(as_wang, number, note="还在跟进")
    assert closed.value.code == "action.closed"
    reopen_action(floor, number, "供应商没换成")
    detail = action_detail(floor, number)
    assert [e.kind for e in detail.events] == ["created", "status", "edited", "closed", "reopened"]
    edited = detail.events[2]
    assert edited.before["owner"] == "li" and edited.after["owner"] == "wang"
    assert detail.action.status == "in_progress"


def test_a_stale_update_is_refused_and_names_who_changed_it(floor, as_li, dept, new_ticket):
    number = _action(floor, dept, [_delay_ticket(as_li, new_ticket)])
    [row] = list_actions(floor)
    update_action(floor, number, title="华东区第二家快递")
    with pytest.raises(Refused) as stale:
        update_action(as_li, number, status="in_progress", version=row.row_version)
    assert stale.value.code == "action.stale" and "boss" in stale.value.say()


def test_the_timeline_is_append_only_in_the_database(floor, as_li, dept, new_ticket):
    number = _action(floor, dept, [_delay_ticket(as_li, new_ticket)])
    with pytest.raises(Exception, match="append-only"):
        ActionEvent.update(text="rewritten").where(ActionEvent.action == number).execute()


# ------------------------------------------------------------------ the whole loop


def test_the_whole_loop_one_call_per_customer_merged_scored_closed(floor, as_li, dept, new_ticket, clock):
    for code in ("K2", "K3"):
        _customer(floor, code)
    refs = [
        _delay_ticket(as_li, new_ticket, "C001"),
        _delay_ticket(as_li, new_ticket, "C001"),  # the same customer twice: one call
        _delay_ticket(as_li, new_ticket, "K2"),
        _delay_ticket(as_li, new_ticket, "K3", resolve=False),
    ]
    # C001 already has its routine (resolved) call booked: the verification joins it.
    routine = {s.customer_code: s for s in schedule_callbacks(floor) if s.joined is None}
    assert set(routine) == {"C001", "K2"}
    number = _action(floor, dept, refs)
    update_action(as_li, number, status="in_progress")
    clock.set(sh(2026, 11, 25, 15))
    done = mark_done(as_li, number, note="第二家快递已上线")
    assert (done.round, done.customers) == (1, 3)
    calls = {c.customer_code: c for c in list_callbacks(floor) if "improvement_verify" in c.groups}
    assert set(calls) == {"C001", "K2", "K3"}  # one each
    assert calls["C001"].id == routine["C001"].id and calls["K2"].id == routine["K2"].id  # merged
    assert Callback.get_by_id(calls["K3"].id).group == "improvement_verify"  # a call of its own
    assert schedule_callbacks(floor) == []  # nothing booked twice
    [row] = list_actions(floor)
    assert row.status == "done" and len(row.calls) == 3
    clock.set(sh(2026, 11, 26, 10))
    for code, score in (("C001", 5), ("K2", 4)):
        _verify(as_li, calls[code].id, score)
        assert list_actions(floor)[0].status == "done"  # not until every call ended
    _verify(as_li, calls["K3"].id, 4)
    [row] = list_actions(floor)
    assert row.status == "closed" and sorted(row.scores) == [4, 4, 5]
    assert row.closed_at == sh(2026, 11, 26, 10)
    verified = action_detail(floor, number).events[-1]
    assert verified.kind == "verified" and "5" in verified.text and verified.actor == "li"


def test_one_low_score_reopens_the_action_and_the_next_round_books_again(
    floor, as_li, dept, new_ticket, clock
):
    _customer(floor, "K2")
    refs = [
        _delay_ticket(as_li, new_ticket, "C001", resolve=False),
        _delay_ticket(as_li, new_ticket, "K2", False),
    ]
    number = _action(floor, dept, refs)
    mark_done(as_li, number)
    calls = {c.customer_code: c.id for c in list_callbacks(floor) if "improvement_verify" in c.groups}
    _verify(as_li, calls["C001"], 2)  # low: reopened at once
    [row] = list_actions(floor)
    assert row.status == "in_progress"
    assert _events(number)[-1] == "reopened"
    assert "scored 2" in action_detail(floor, number).events[-1].text
    _verify(as_li, calls["K2"], 5)  # the first round's last call changes nothing now
    assert list_actions(floor)[0].status == "in_progress"
    clock.set(sh(2026, 12, 10, 10))  # past the gap after the calls
    second = mark_done(as_li, number)
    assert second.round == 2 and second.customers == 2
    again = [c for c in list_callbacks(floor) if "improvement_verify" in c.groups]
    assert len(again) == 2 and not {c.id for c in again} & set(calls.values())


def test_calls_that_all_end_unscored_leave_it_done_for_a_supervisor(floor, as_li, dept, new_ticket):
    number = _action(floor, dept, [_delay_ticket(as_li, new_ticket, resolve=False)])
    mark_done(as_li, number)
    [call] = [c for c in list_callbacks(floor) if "improvement_verify" in c.groups]
    claim_callback(as_li, call.id)
    customer_refused(as_li, call.id, "不想接受回访")
    [row] = list_actions(floor)
    assert row.status == "done" and _events(number)[-1] == "unverified"
    close_action(floor, number, "客户拒访，物流数据已达标")
    assert list_actions(floor)[0].status == "closed"


def test_a_phrase_alone_is_a_problem(floor, as_li, dept, new_ticket):
    number = _action(floor, dept, [_delay_ticket(as_li, new_ticket, resolve=False)], phrase="物流太慢")
    assert action_detail(floor, number).action.phrase == "物流太慢"


def test_a_customer_who_says_it_is_not_solved_reopens_it_whatever_the_score(floor, as_li, dept, new_ticket):
    number = _action(floor, dept, [_delay_ticket(as_li, new_ticket, resolve=False)])
    mark_done(as_li, number)
    [call] = [c for c in list_callbacks(floor) if "improvement_verify" in c.groups]
    claim_callback(as_li, call.id)
    answer_every_question(as_li, call.id, "5", fixed="no")  # a kind score, but not fixed
    finish_call(as_li, call.id)
    [row] = list_actions(floor)
    assert row.status == "in_progress" and "not solved" in action_detail(floor, number).events[-1].text


def test_deadlines_count_working_days_after_today_and_a_date_must_be_a_working_day(floor, as_li, dept, clock):
    clock.set(sh(2026, 12, 5, 11))  # a Saturday
    number = add_action(floor, "x", dept, "li", 1, "count below 3", Problem(phrase="慢"))
    assert floor.policy.calendar.local(list_actions(floor)[0].due_at).date().isoformat() == "2026-12-07"
    for typed, code in (("2026-12-06", "action.due.not_working"), ("2026-11-01", "action.due.passed")):
        with pytest.raises(InvalidInput) as refused:
            update_action(floor, number, due=typed)
        assert refused.value.code == code and typed in refused.value.say()
    update_action(floor, number, due="2026-12-18")
    assert (
        floor.policy.calendar.local(list_actions(floor)[0].due_at).isoformat() == "2026-12-18T18:00:00+08:00"
    )


def test_no_tickets_no_done_and_an_agent_is_told_the_role_before_the_missing_note(floor, as_li, dept):
    number = _action(floor, dept, (), phrase="物流太慢")
    with pytest.raises(Refused) as nobody:
        mark_done(as_li, number)
    assert nobody.value.code == "action.done.no_tickets" and "--add-tickets" in nobody.value.say()
    with pytest.raises(NotAllowed):
        update_action(as_li, "Ａ１", status="closed")  # fullwidth, as an IME types it
    assert parse_expected("count below 30") == Expected("count", "below", 30)
    for both in ("count below 30%", "share below 30% count", "占比低于30个"):
        with pytest.raises(InvalidInput) as refused:
            parse_expected(both)
        assert refused.value.code == "action.expect.both", both
    assert parse_expected("订单漏发占比低于10%") == Expected("share", "below", 0.1)  # 订单 is no unit


def test_a_merged_verification_call_is_found_by_its_group(floor, as_li, dept, new_ticket):
    """The agent looking for improvement verifications finds the routine call they joined too."""
    ref = _delay_ticket(as_li, new_ticket)
    [routine] = schedule_callbacks(floor)
    mark_done(floor, _action(floor, dept, [ref]))
    [found] = list_callbacks(floor, group="improvement_verify")
    assert found.id == routine.id and found.groups == ("resolved", "improvement_verify")
