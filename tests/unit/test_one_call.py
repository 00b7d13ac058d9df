"""Callbacks that respect the customer (issue 17): one routine call per customer, the gap after
a done call, a low score holding routine calls, the follow-up's named supervisor, and the
list's sections. Frozen clock: Friday 2026-11-20 10:00 Shanghai unless a test moves it."""

from __future__ import annotations

from datetime import date

import pytest

from core.basics.errors import InvalidInput, NotAllowed, NotFound, Refused
from core.callbacks.calls import claim_callback, finish_call, get_callback, start_call
from core.callbacks.follow_ups import choose_supervisor, my_follow_ups, pass_follow_up
from core.callbacks.groups import GROUP_IDS
from core.callbacks.listing import list_callbacks
from core.callbacks.one_call import is_routine
from core.callbacks.schedule import record_improvement, schedule_callbacks
from core.customers.records import CustomerForm, add_customer, set_callback_preferences
from core.people.agents import add_agent
from core.tickets.lifecycle import claim, set_status
from core.tickets.reads import ticket_detail
from db.models import Agent, Callback
from tests.callback_calls import answer_every_question
from tests.conftest import sh

TZ = sh(2026, 1, 1).tzinfo


def _resolve(session, new_ticket, text="发票抬头开错了", customer="C001"):
    ref = new_ticket(description=text, customer_code=customer)
    claim(session, ref)
    set_status(session, ref, "resolved", "已处理")
    return ref


def _call_done(session, number, overall="4"):
    claim_callback(session, number)
    answer_every_question(session, number, overall)
    return finish_call(session, number)


# ------------------------------------------------------------------ one call, not five


@pytest.mark.parametrize("group", GROUP_IDS)
def test_every_group_but_complaints_and_follow_ups_shares_the_routine_call(group):
    assert is_routine(group) == (group not in ("complaint", "low_score_followup"))


def test_five_reasons_in_one_week_make_one_routine_call_and_the_complaint_its_own(
    floor, as_li, new_ticket, clock
):
    """The issue's customer: new customer, churn risk, improvement check, resolved, complaint."""
    add_customer(
        floor,
        CustomerForm(code="K1", name="客户甲", type="new", delivery_date=date(2026, 11, 18)),
    )
    set_callback_preferences(floor, "K1", churn_risk=True)
    first = _resolve(as_li, new_ticket, customer="K1")
    complaint = _resolve(as_li, new_ticket, "投诉：送货员态度差", customer="K1")
    record_improvement(floor, first, "发票抬头自动校验")
    made = schedule_callbacks(floor)
    mine = [s for s in made if s.customer_code == "K1"]
    assert sorted(s.group for s in mine) == sorted(
        ["new_customer", "churn_risk", "resolved", "improvement_verify", "complaint"]
    )
    own = [s for s in mine if s.joined is None]
    # The first routine reason, and the complaint's verification on its own.
    assert sorted((s.group, s.ticket_ref) for s in own) == [("complaint", complaint), ("resolved", first)]
    routine = next(s for s in own if s.group == "resolved")
    assert {s.joined for s in mine if s.joined is not None} == {routine.id}
    listed = [v for v in list_callbacks(floor) if v.customer_code == "K1"]
    assert len(listed) == 2
    view = next(v for v in listed if v.id == routine.id)
    assert set(view.groups) == {"resolved", "improvement_verify", "new_customer", "churn_risk"}
    assert view.groups[0] == "resolved"  # the first reason leads
    # The merged window is due by the earliest deadline: the resolved ticket's.
    assert view.due_by == routine.due_by
    # Scheduling again books nothing: every firing's key is kept, joined or not.
    assert schedule_callbacks(floor) == []


def test_a_merged_call_names_every_purpose_and_asks_each_question_once(floor, as_li, new_ticket):
    first = _resolve(as_li, new_ticket)
    second = _resolve(as_li, new_ticket, "漏发一件配件")
    set_callback_preferences(floor, "C001", churn_risk=True)
    made = schedule_callbacks(floor)
    routine = next(s for s in made if s.joined is None)
    claim_callback(as_li, routine.id)
    call = start_call(as_li, routine.id)
    ids = [q.id for q in call.script.questions]
    assert len(ids) == len(set(ids))  # overall, efficiency, ... once
    assert "stay" in ids or "frequency" in ids or "change" in ids  # churn risk's own questions too
    opening = call.opening("李娜", "zh")
    assert first in opening and second in opening and "潜在流失客户" in opening
    assert "This call covers" in call.opening("Li Na", "en")
    assert call.script.group == "resolved"  # the first purpose leads


def test_no_routine_call_within_the_gap_after_a_done_call(floor, as_li, new_ticket, clock):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    assert _call_done(as_li, task.id).status == "done"  # Friday 10:00
    clock.set(sh(2026, 11, 23, 10))  # Monday: another ticket resolved
    again = _resolve(as_li, new_ticket, "漏发一件")
    [later] = schedule_callbacks(floor)
    assert later.ticket_ref == again and later.joined is None
    # Not before Friday 10:00 + 7 days; still a working day's length to make it.
    assert later.due_from == sh(2026, 11, 27, 10)
    assert later.due_by >= sh(2026, 11, 30, 10)
    assert get_callback(floor, later.id).when(clock.now(), TZ) == "upcoming"


def test_a_done_call_moves_the_customers_other_routine_call_past_the_gap(floor, as_li, new_ticket, clock):
    routine_ref = _resolve(as_li, new_ticket)
    complaint_ref = _resolve(as_li, new_ticket, "投诉：态度差")
    made = {s.ticket_ref: s for s in schedule_callbacks(floor)}
    routine, complaint = made[routine_ref], made[complaint_ref]
    clock.set(sh(2026, 11, 24, 11))  # Tuesday: the complaint's verification is made
    _call_done(as_li, complaint.id)
    moved = get_callback(floor, routine.id)
    assert moved.due_from == sh(2026, 12, 1, 11)  # a week after the complaint call


# ------------------------------------------------------------------ low scores


@pytest.fixture
def teams(floor):
    """Two supervisors with teams, li in 华东组; boss (no team) is a supervisor too."""
    add_agent(floor, "sun", "孙强", role="supervisor", team="华东组")
    add_agent(floor, "sjohnson", "Sarah Johnson", role="supervisor", team="English desk")
    Agent.update(team="华东组").where(Agent.login == "li").execute()
    return floor


def test_a_low_score_goes_to_the_supervisor_of_the_agents_team(teams, as_li, new_ticket):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(teams)
    outcome = _call_done(as_li, task.id, overall="2")
    follow = get_callback(teams, outcome.follow_up_id)
    assert follow.owner == "sun" and outcome.low_score
    # The timeline names the follow-up's own number and who makes it.
    event = [e for e in ticket_detail(teams, follow.ticket_ref).events if e.kind == "reopened"][-1]
    assert f"孙强 follows up (callback #{follow.id})" in event.text
    assert f"callback #{task.id} scored 2" in event.text
    # It is in sun's top section at once, and the notification list has it.
    as_sun = teams.as_login("sun")
    assert list_callbacks(as_sun)[0].id == follow.id
    assert list_callbacks(as_sun)[0].when(teams.now(), TZ) == "yours"
    assert [n.id for n in my_follow_ups(as_sun)] == [follow.id]
    assert my_follow_ups(teams) == [] and my_follow_ups(as_li) == []
    assert follow.id in [v.id for v in list_callbacks(as_sun, due=True)]


def test_without_a_team_supervisor_follow_ups_go_round_robin(floor, as_li, as_wang, new_ticket, clock):
    add_agent(floor, "sun", "孙强", role="supervisor", team="华东组")
    owners = []
    for n in range(3):
        clock.advance(minutes=10)
        _resolve(as_wang, new_ticket, f"问题 {n}")
        task = next(s for s in schedule_callbacks(floor) if s.joined is None)
        owners.append(get_callback(floor, _call_done(as_wang, task.id, overall="1").follow_up_id).owner)
        Callback.update(status="done").where(Callback.group == "low_score_followup").execute()
        clock.advance(days=7)  # past the gap, a Friday again
    assert owners == ["boss", "sun", "boss"]


def test_a_supervisors_own_low_score_goes_to_another_supervisor(floor, new_ticket):
    add_agent(floor, "sun", "孙强", role="supervisor")
    boss = Agent.get(Agent.login == "boss")
    assert choose_supervisor(floor, boss).login == "sun"


def test_a_low_score_holds_routine_calls_until_the_follow_up_is_done(teams, as_li, new_ticket, clock):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(teams)
    outcome = _call_done(as_li, task.id, overall="2")
    # The ticket was reopened; resolved again, its new routine callback is held.
    ref = get_callback(teams, task.id).ticket_ref
    clock.advance(hours=1)
    set_status(as_li, ref, "resolved", "再次处理")
    [routine] = schedule_callbacks(teams)
    held = get_callback(teams, routine.id)
    assert held.held_by == outcome.follow_up_id and held.when(clock.now(), TZ) == "upcoming"
    claim_callback(as_li, routine.id)
    with pytest.raises(Refused, match=f"#{outcome.follow_up_id}"):
        start_call(as_li, routine.id)
    # The supervisor's follow-up is done: the hold ends and the gap starts from that call.
    as_sun = teams.as_login("sun")
    clock.set(sh(2026, 11, 23, 15))
    answer_every_question(as_sun, outcome.follow_up_id)
    finish_call(as_sun, outcome.follow_up_id)
    released = get_callback(teams, routine.id)
    assert released.held_by is None and released.due_from == sh(2026, 11, 30, 15)


def test_a_follow_up_can_be_passed_to_another_supervisor(teams, as_li, new_ticket):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(teams)
    follow_id = _call_done(as_li, task.id, overall="1").follow_up_id
    with pytest.raises(NotAllowed):
        pass_follow_up(as_li, follow_id, "boss")
    with pytest.raises(InvalidInput, match="supervisor"):
        pass_follow_up(teams, follow_id, "wang")
    with pytest.raises(NotFound):
        pass_follow_up(teams, follow_id, "nobody")
    with pytest.raises(Refused):
        pass_follow_up(teams, task.id, "sun")  # the scored call is not a follow-up
    assert pass_follow_up(teams.as_login("sun"), follow_id, "sjohnson").login == "sjohnson"
    assert get_callback(teams, follow_id).owner == "sjohnson"
    passed = [e for e in ticket_detail(teams, task.ticket_ref).events if e.kind == "follow_up_passed"]
    assert passed and "sun -> sjohnson" in passed[-1].text


# ------------------------------------------------------------------ today means today


def test_sections_follow_when_the_window_closes_not_when_it_opened(floor, new_ticket, as_li, clock):
    add_customer(floor, CustomerForm(code="R1", name="风险客户", type="old", churn_risk=True))
    add_customer(floor, CustomerForm(code="C2", name="客户乙", type="old"))
    clock.set(sh(2026, 11, 16, 10))  # Monday: C2's ticket resolved, its call due Tuesday
    _resolve(as_li, new_ticket, customer="C2")
    clock.set(sh(2026, 11, 20, 10))  # Friday
    _resolve(as_li, new_ticket)
    schedule_callbacks(floor)
    now = clock.now()
    views = {(v.group, v.customer_code): v for v in list_callbacks(floor)}
    churn, late, fresh = views[("churn_risk", "R1")], views[("resolved", "C2")], views[("resolved", "C001")]
    # Churn risk: open since this morning, closes 12-31: upcoming, not today.
    assert churn.due_from <= now and churn.when(now, TZ) == "upcoming"
    assert late.when(now, TZ) == "overdue"
    # Resolved Friday 10:00: due Monday, upcoming on Friday; today on Monday morning.
    assert fresh.when(now, TZ) == "upcoming"
    assert fresh.when(sh(2026, 11, 23, 9, 30), TZ) == "today"
    sections = [v.when(now, TZ) for v in list_callbacks(floor)]
    due = list_callbacks(floor, due=True)
    assert len(due) == sections.count("overdue") + sections.count("today") + sections.count("yours") == 1


def test_a_time_the_customer_named_today_is_today(floor, as_li, new_ticket, clock):
    from core.callbacks.calls import customer_busy

    add_customer(floor, CustomerForm(code="R1", name="风险客户", type="old", churn_risk=True))
    [task] = [s for s in schedule_callbacks(floor) if s.group == "churn_risk"]
    claim_callback(as_li, task.id)
    start_call(as_li, task.id)
    customer_busy(as_li, task.id, "15:00")
    assert get_callback(floor, task.id).when(clock.now(), TZ) == "today"
    clock.set(sh(2026, 11, 23, 10))  # Monday: the named time passed unmade, still today's work
    assert get_callback(floor, task.id).when(clock.now(), TZ) == "today"


# ------------------------------------------------------------------ every group, holidays, make-up days


def _open_callback(group: str, customer: int = 1, **fields):
    now = sh(2026, 11, 20, 9)
    values = dict(
        key=f"{group}:test",
        group=group,
        customer=customer,
        due_from=now,
        due_by=sh(2026, 11, 27, 18),
        created_at=now,
        created_by="boss",
    )
    values.update(fields)
    return Callback.create(**values)


@pytest.mark.parametrize("group", GROUP_IDS)
def test_a_new_reason_joins_an_open_callback_of_each_routine_group_only(floor, as_li, new_ticket, group):
    existing = _open_callback(group)
    ref = _resolve(as_li, new_ticket)
    [made] = schedule_callbacks(floor)
    if group in ("complaint", "low_score_followup"):
        assert made.joined is None and made.id != existing.id  # never merged away
    else:
        assert made.joined == existing.id and made.ticket_ref == ref
        view = get_callback(floor, existing.id)
        assert [p.group for p in view.purposes] == [group, "resolved"]
        # Due by the earlier deadline: the resolved ticket's (Monday), not the open one's Friday.
        assert view.due_by == made.due_by < sh(2026, 11, 27, 18)


@pytest.mark.parametrize("group", GROUP_IDS)
def test_a_done_call_of_any_group_starts_the_gap(floor, as_li, new_ticket, group):
    _open_callback(group, status="done", completed_at=sh(2026, 11, 19, 15))
    _resolve(as_li, new_ticket)
    [made] = schedule_callbacks(floor)
    assert made.joined is None and made.due_from == sh(2026, 11, 26, 15)  # Thursday + 7 days


@pytest.mark.parametrize(
    ("done_at", "starts"),
    [
        # 7 days after Thu 09-24 is the National Day holiday: the first opening after the week off.
        (sh(2026, 9, 24, 10), sh(2026, 10, 8, 9)),
        # 7 days after a Sunday is the make-up working Sunday 09-20 (调休): a working day.
        (sh(2026, 9, 13, 10), sh(2026, 9, 20, 10)),
        # 7 days after Friday evening is Friday evening: the next opening, Monday.
        (sh(2026, 11, 13, 19), sh(2026, 11, 23, 9)),
    ],
    ids=["holiday-week", "make-up-sunday", "friday-evening"],
)
def test_the_gap_ends_in_working_time(floor, as_li, new_ticket, clock, done_at, starts):
    clock.set(done_at)  # a ticket of the customer is resolved right after the call
    _open_callback("resolved", status="done", completed_at=done_at, due_from=done_at, due_by=done_at)
    _resolve(as_li, new_ticket)
    [made] = schedule_callbacks(floor)
    assert made.due_from == starts
    assert made.due_by > made.due_from


def test_calls_about_complaints_never_push_the_routine_call_past_two_gaps(floor, as_li, new_ticket, clock):
    """Every done call restarts the gap, but a booked routine call waits two gaps at most: a
    customer called every few days about complaints still gets it."""
    routine_ref = _resolve(as_li, new_ticket)  # booked Friday 11-20 10:00
    made = {s.ticket_ref: s for s in schedule_callbacks(floor)}
    routine = made[routine_ref]
    capped = sh(2026, 12, 4, 10)  # booked 11-20 10:00 + two gaps
    for day, expected in ((24, sh(2026, 12, 1, 11)), (27, capped), (30, capped)):
        clock.set(sh(2026, 11, day, 11))
        complaint = _resolve(as_li, new_ticket, f"投诉：第 {day} 日")
        [call] = [s for s in schedule_callbacks(floor) if s.ticket_ref == complaint]
        # a complaint's verification, made at once (its window opened early for the test)
        Callback.update(due_from=clock.now()).where(Callback.id == call.id).execute()
        _call_done(as_li, call.id)
        assert get_callback(floor, routine.id).due_from == expected


def test_a_merged_call_keeps_to_eight_questions_required_ones_first():
    from core.callbacks.one_call import MAX_QUESTIONS, merged_script
    from core.callbacks.scripts import default_scripts

    shipped = {s.group: s for s in default_scripts()}
    scripts = [shipped[g] for g in ("resolved", "churn_risk", "new_customer", "long_standing")]
    merged = merged_script(scripts)
    asked = [q for q in merged.questions if not q.probe]
    assert len(asked) == MAX_QUESTIONS == 8
    required = {q.id for s in scripts for q in s.questions if q.required}
    assert required <= {q.id for q in asked}
    assert [q.id for q in asked[:7]] == [q.id for q in shipped["resolved"].questions if not q.probe]
    # a probe comes with the question that asks it
    assert {t.ask for q in asked for t in q.triggers} <= {q.id for q in merged.questions}


def test_the_purposes_line_says_a_group_of_many_tickets_once():
    from core.callbacks.one_call import purposes_line

    many = [("已解决工单", f"T00000{n}") for n in range(1, 5)] + [("潜在流失客户", None)]
    assert (
        purposes_line(many, "zh") == "本次回访一并了解：已解决工单 ×4（T000001、T000002 等）、潜在流失客户。"
    )
    assert purposes_line([("Resolved ticket", "T1"), ("New customer", None)], "en") == (
        "This call covers: Resolved ticket (T1); New customer."
    )
    assert purposes_line([("Resolved ticket", "T1")], "en") == ""


def test_a_call_is_not_begun_before_its_window_opens(floor, as_li, new_ticket, clock):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    _call_done(as_li, task.id)  # Friday
    clock.set(sh(2026, 11, 23, 10))
    _resolve(as_li, new_ticket, "漏发一件")
    [later] = schedule_callbacks(floor)  # waits out the week: from Friday 11-27 10:00
    claim_callback(as_li, later.id)
    with pytest.raises(Refused, match="Fri 11-27 10:00") as refused:
        start_call(as_li, later.id)
    assert "回访 #" in refused.value.say("zh") and "周五 11-27 10:00 起才可回访" in refused.value.say("zh")
    clock.set(sh(2026, 11, 27, 10))
    assert start_call(as_li, later.id).callback.id == later.id


def test_passing_to_the_owner_is_refused_and_the_owner_learns_of_a_pass(teams, as_li, new_ticket):
    from core.callbacks.follow_ups import passed_on

    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(teams)
    follow_id = _call_done(as_li, task.id, overall="1").follow_up_id
    with pytest.raises(Refused, match="already 孙强's"):
        pass_follow_up(teams, follow_id, "sun")
    as_sun = teams.as_login("sun")
    assert passed_on(as_sun, [follow_id]) == []
    pass_follow_up(teams, follow_id, "sjohnson")
    assert passed_on(as_sun, [follow_id]) == [(follow_id, "Sarah Johnson")]


def test_a_finished_callback_says_when_in_floor_time(floor, as_li, new_ticket):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    _call_done(as_li, task.id)
    with pytest.raises(Refused, match="finished at 2026-11-20 10:00$"):
        claim_callback(floor, task.id)


def test_a_ticket_resolved_again_after_its_low_score_gets_its_call(teams, as_li, new_ticket, clock):
    """Even in the same minute as the scored call (a frozen clock): only a call after the
    resolution covers it."""
    ref = _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(teams)
    _call_done(as_li, task.id, overall="2")
    set_status(as_li, ref, "resolved", "已补偿")
    [again] = schedule_callbacks(teams)
    assert again.key == f"resolved:{ref}:1" and get_callback(teams, again.id).held_by is not None
    # a done call is never shown as held
    assert get_callback(teams, task.id).held_by is None


@pytest.mark.parametrize(
    ("group", "reason", "expected"),
    [
        (
            "resolved",
            "T000123 resolved 2026-12-01 10:31",
            ("resolved", {"ref": "T000123", "at": "2026-12-01 10:31"}),
        ),
        ("churn_risk", "churn risk, 2026-Q4", ("churn_risk", {"period": "2026-Q4"})),
        ("new_customer", "delivered 2026-11-18", ("delivered", {"day": "2026-11-18"})),
        (
            "low_score_followup",
            "callback #7 scored 2 of 5: 太慢",
            ("low_score", {"number": "7", "score": "2", "said": "太慢"}),
        ),
        ("improvement_verify", "T1: 自动校验", ("improvement", {"ref": "T1", "text": "自动校验"})),
        ("resolved", "导入的旧记录", ("text", {"text": "导入的旧记录"})),
    ],
)
def test_reasons_read_back_as_facts(group, reason, expected):
    from core.callbacks.reasons import reason_facts

    assert reason_facts(group, reason) == expected


def test_a_call_moved_past_the_gap_keeps_to_the_customers_hours(floor, as_li, new_ticket, clock):
    set_callback_preferences(floor, "C001", call_time="15:00-17:30")
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    clock.set(task.due_from)  # Friday 15:00, the customer's afternoon
    _call_done(as_li, task.id)
    clock.set(sh(2026, 11, 23, 10))
    _resolve(as_li, new_ticket, "漏发一件")
    [later] = schedule_callbacks(floor)  # a week after Friday 15:00, in their hours
    assert later.due_from == sh(2026, 11, 27, 15)


def test_a_reason_that_joins_a_call_under_way_is_asked_before_it_is_done(floor, as_li, new_ticket, clock):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    claim_callback(as_li, task.id)
    answer_every_question(as_li, task.id)  # every question of the resolved script answered
    set_callback_preferences(floor, "C001", churn_risk=True)
    [churn] = schedule_callbacks(floor)
    assert churn.joined == task.id
    # the call resumes with the churn script's own questions still to ask
    resumed = start_call(as_li, task.id)
    assert resumed.next_question is not None and resumed.next_question.id not in {
        q.id for q in resumed.script.questions[:7]
    }
    answer_every_question(as_li, task.id)
    assert finish_call(as_li, task.id).status == "done"
    from core.callbacks.listing import joined_purposes

    assert all(p.group == "churn_risk" for p in joined_purposes([task.id])[task.id])


def test_a_low_score_on_a_merged_call_reopens_the_joined_ticket(floor, as_li, new_ticket, clock):
    set_callback_preferences(floor, "C001", churn_risk=True)
    [churn] = schedule_callbacks(floor)
    ref = _resolve(as_li, new_ticket)
    [joined] = schedule_callbacks(floor)
    assert joined.joined == churn.id
    outcome = _call_done(as_li, churn.id, overall="1")
    assert outcome.reopened == ref and get_callback(floor, outcome.follow_up_id).ticket_ref == ref
