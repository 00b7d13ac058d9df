"""The weekly report's figures (issue 6), on a week built by hand and worked out by hand.

The fixture week is 2026-W47 (Monday 2026-11-16 00:00 to Monday 2026-11-23 00:00, Shanghai),
reported on Monday 2026-11-23 at 10:00:45 floor time. Every time below is floor time.

Tickets (all recorded by boss; "answered" = the first outbound contact, which also claims):

    ref  received        channel        category    tier    due     answered      wait    then
    T0   Sun 11-15 23:59:59 (W46: out)
    T1   Mon 11-16 09:00 phone          quality     yellow  09:30   li 09:10      10 min  resolved
    T2   Mon 11-16 10:00 online_ticket  quality     yellow  10:30   li 10:45      45 min  2 inbound, resolved
    T3   Tue 11-17 09:00 phone          efficiency  red     09:15   wang 09:05     5 min  resolved, reopened,
                                                                                          resolved
    T4   Tue 11-17 14:00 email          efficiency  green   15:00   wang 15:30    90 min  in progress
    T5   Wed 11-18 09:00 online_chat    attitude    yellow  09:30   never       7260 min  new, nobody owns it
    T6   Thu 11-19 11:00 phone          howto       yellow  11:30   li 11:20      20 min  1 inbound, resolved,
                                                                                          closed
    T7   Sun 11-22 23:50 phone          billing     yellow  09:30   li 00:10      20 min  in progress
    T8   Mon 11-23 00:00 (W48: out)

T5's wait so far: Wed 09:00 -> Mon 10:00:45 = 5 days 1 h 0 min 45 s = 7260.75 min -> 7260.
T7 came in on a Sunday night: its clocks start Monday 09:00 (business time, the default), so
its response was due Mon 09:30 (answered 00:10: in target) and its solution Mon 13:00.

Solution due times (business time, Mon-Fri 09:00-18:00; red 2 h, yellow 4 h, green 24 h; no
pauses in this week: test_report_pauses has them), as of Mon 11-23 10:00:45:

    T1  due Mon 13:00   resolved Mon 10:00                       counted, in target
    T2  due Mon 14:00   resolved Mon 11:30                       counted, in target
    T3  due Tue 11:00   resolved 10:00, reopened, resolved 15:00 counted, late (the last resolution)
    T4  due Fri 11:00   (Tue 4 h + Wed 9 h + Thu 9 h + Fri 2 h), in progress: past due, counted, late
    T5  due Wed 13:00   new, unowned: past due, counted, late
    T6  due Thu 15:00   resolved 12:00, closed                   counted, in target
    T7  due Mon 11-23 13:00, in progress: not yet due, left out

Handoffs, all on T4 (departments from the policy: logistics, production, rnd, tech, warehouse):

    H1 warehouse  sent Tue 15:40, due Tue 17:40, answered 16:30, synced 16:40   on time
    H2 warehouse  sent Wed 10:00, due Wed 11:00, answered 13:00, synced 13:10   late
    H3 logistics  sent Thu 09:00, due Fri 12:00, never answered                 late, stuck (sent 3 days ago)
    H4 tech       sent Fri 16:00, due Sun 18:00, answered Fri 17:00, not synced on time,
                  stuck (answered 2.7 days ago)
    H5 logistics  sent Fri 16:05, due Mon 11-23 00:00 (W48: out)

Callbacks (rows written directly; the figures read only status, completed_at, owner,
overall and warm):

    CB1  li    done     Mon 11-16 00:00:00  overall 5  warm yes   (the week's first instant)
    CB2  li    done     Wed 11-18 15:00     overall 4  warm -     (warmth not asked)
    CB3  wang  done     Thu 11-19 10:00     overall 2  warm no
    CB4  boss  done     Fri 11-20 16:00     overall 1  warm no
    CB5  wang  done     Fri 11-20 17:00     overall -  warm yes   (no overall score)
    CB6  -     done     Sat 11-21 11:00     overall 3  warm yes   (a survey nobody owns)
    CB7  li    refused  Sat 11-21 12:00                           (not done)
    CB8  wang  done     Mon 11-23 00:00:00  overall 1             (W48: out)
    CB9  li    open                                               (not done)
    W46: CB10 li done Mon 11-09 10:00 overall 4; CB11 wang done Sun 11-15 23:30 overall 3;
         CB12 wang done Sun 11-15 23:59:59 overall 4
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from core.admin import setup as admin
from core.basics.errors import InvalidInput
from core.floor.session import Session
from core.handoffs.lifecycle import add_handoff, answer_handoff, sync_handoff
from core.policy.document import parse_policy
from core.report import figures as report_figures
from core.report import ratio, trend, week_tickets, weekly_figures
from core.tickets.lifecycle import log_contact, set_status
from db.models import Agent, Callback, Customer, Ticket
from tests.conftest import SHANGHAI, sh

AS_OF = datetime(2026, 11, 23, 10, 0, 45, tzinfo=SHANGHAI)
"""Monday of the next week, 10:00:45 floor time: the moment of the report."""


def at(clock, when):
    clock.set(when)
    return when


def callback(key, owner, completed, overall=None, warm=None, status="done"):
    """A callback row as a finished call leaves it."""
    customer = Customer.get(Customer.code == "C001").id
    owner_id = Agent.get(Agent.login == owner).id if owner else None
    Callback.create(
        key=key,
        group="resolved",
        customer=customer,
        due_from=sh(2026, 11, 1),
        due_by=sh(2026, 11, 30),
        status=status,
        owner=owner_id,
        completed_at=completed,
        overall=overall,
        warm=warm,
        created_at=sh(2026, 11, 1),
        created_by="test",
    )


@pytest.fixture
def week47(floor, as_li, as_wang, clock, new_ticket):
    admin.init_floor(floor)  # the policy's five departments
    refs = {}

    def receive(name, when, **fields):
        at(clock, when)
        refs[name] = new_ticket(**fields)
        return refs[name]

    receive("T0", datetime(2026, 11, 15, 23, 59, 59, tzinfo=SHANGHAI), channel="phone", tier="yellow")
    # T1: answered in 10 min, resolved, never reopened, no inbound contact
    t1 = receive("T1", sh(2026, 11, 16, 9, 0), channel="phone", category="quality", tier="yellow")
    at(clock, sh(2026, 11, 16, 9, 10)), log_contact(as_li, t1, "out", "called back")
    at(clock, sh(2026, 11, 16, 10, 0)), set_status(as_li, t1, "resolved")
    # T2: answered 45 min after receipt (15 min late); the customer called twice
    t2 = receive("T2", sh(2026, 11, 16, 10, 0), channel="online_ticket", category="quality", tier="yellow")
    at(clock, sh(2026, 11, 16, 10, 20)), log_contact(as_li, t2, "in", "customer chases")
    at(clock, sh(2026, 11, 16, 10, 45)), log_contact(as_li, t2, "out", "replied")
    at(clock, sh(2026, 11, 16, 11, 0)), log_contact(as_li, t2, "in", "customer calls again")
    at(clock, sh(2026, 11, 16, 11, 30)), set_status(as_li, t2, "resolved")
    # T3: red, answered in 5 min, resolved, reopened, resolved again
    t3 = receive("T3", sh(2026, 11, 17, 9, 0), channel="phone", category="efficiency", tier="red")
    at(clock, sh(2026, 11, 17, 9, 5)), log_contact(as_wang, t3, "out", "called")
    at(clock, sh(2026, 11, 17, 10, 0)), set_status(as_wang, t3, "resolved")
    # T4: green (1 h), answered after 90 min; stays in progress; carries the handoffs
    t4 = receive("T4", sh(2026, 11, 17, 14, 0), channel="email", category="efficiency", tier="green")
    at(clock, sh(2026, 11, 17, 14, 10)), set_status(as_wang, t3, "in_progress")  # reopen
    at(clock, sh(2026, 11, 17, 15, 0)), set_status(as_wang, t3, "resolved")
    at(clock, sh(2026, 11, 17, 15, 30)), log_contact(as_wang, t4, "out", "emailed")
    at(clock, sh(2026, 11, 17, 15, 40))
    h1 = add_handoff(floor, t4, "warehouse", "confirm stock", "+2h").id  # due 17:40
    at(clock, sh(2026, 11, 17, 16, 30)), answer_handoff(floor, h1, "in stock")
    at(clock, sh(2026, 11, 17, 16, 40)), sync_handoff(floor, h1)
    # T5: never answered, nobody owns it
    receive("T5", sh(2026, 11, 18, 9, 0), channel="online_chat", category="attitude", tier="yellow")
    at(clock, sh(2026, 11, 18, 10, 0))
    h2 = add_handoff(floor, t4, "warehouse", "ship the part", "+1h").id  # due 11:00
    at(clock, sh(2026, 11, 18, 13, 0)), answer_handoff(floor, h2, "shipped")  # 2 h late
    at(clock, sh(2026, 11, 18, 13, 10)), sync_handoff(floor, h2)
    at(clock, sh(2026, 11, 19, 9, 0))
    add_handoff(floor, t4, "logistics", "where is the parcel", "2026-11-20 12:00")  # H3: never answered
    # T6: one inbound contact, answered in 20 min, resolved and closed
    t6 = receive("T6", sh(2026, 11, 19, 11, 0), channel="phone", category="howto", tier="yellow")
    at(clock, sh(2026, 11, 19, 11, 5)), log_contact(as_li, t6, "in", "customer asks how")
    at(clock, sh(2026, 11, 19, 11, 20)), log_contact(as_li, t6, "out", "explained")
    at(clock, sh(2026, 11, 19, 12, 0)), set_status(as_li, t6, "resolved")
    at(clock, sh(2026, 11, 19, 12, 30)), set_status(as_li, t6, "closed")
    at(clock, sh(2026, 11, 20, 16, 0))
    h4 = add_handoff(floor, t4, "tech", "check the firmware", "2026-11-22 18:00").id
    at(clock, sh(2026, 11, 20, 16, 5))
    add_handoff(floor, t4, "logistics", "book a pickup", "2026-11-23 00:00")  # H5: due in W48
    at(clock, sh(2026, 11, 20, 17, 0)), answer_handoff(floor, h4, "firmware 1.2 fixes it")  # never synced
    # T7: received 10 minutes before the week ends, answered after it ended
    t7 = receive("T7", sh(2026, 11, 22, 23, 50), channel="phone", category="billing", tier="yellow")
    receive("T8", sh(2026, 11, 23, 0, 0), channel="phone", category="billing", tier="yellow")
    at(clock, sh(2026, 11, 23, 0, 10)), log_contact(as_li, t7, "out", "replied")

    callback("cb1", "li", sh(2026, 11, 16, 0, 0), overall=5, warm=True)
    callback("cb2", "li", sh(2026, 11, 18, 15, 0), overall=4)
    callback("cb3", "wang", sh(2026, 11, 19, 10, 0), overall=2, warm=False)
    callback("cb4", "boss", sh(2026, 11, 20, 16, 0), overall=1, warm=False)
    callback("cb5", "wang", sh(2026, 11, 20, 17, 0), warm=True)
    callback("cb6", None, sh(2026, 11, 21, 11, 0), overall=3, warm=True)
    callback("cb7", "li", sh(2026, 11, 21, 12, 0), status="refused")
    callback("cb8", "wang", sh(2026, 11, 23, 0, 0), overall=1, warm=False)
    callback("cb9", "li", None, status="open")
    callback("cb10", "li", sh(2026, 11, 9, 10, 0), overall=4, warm=True)
    callback("cb11", "wang", sh(2026, 11, 15, 23, 30), overall=3)
    callback("cb12", "wang", datetime(2026, 11, 15, 23, 59, 59, tzinfo=SHANGHAI), overall=4)
    at(clock, AS_OF)
    return refs


EXPECTED_W47 = {
    "week": "2026-W47",
    "from": "2026-11-16T00:00:00+08:00",
    "to": "2026-11-23T00:00:00+08:00",
    "as_of": "2026-11-23T10:00:45+08:00",
    "received": 7,  # T1..T7
    # every channel of the policy, in its order: 4 + 1 + 1 + 1 + 0 + 0 = 7
    "by_channel": {
        "phone": 4,
        "online_ticket": 1,
        "online_chat": 1,
        "email": 1,
        "face_to_face": 0,
        "social_media": 0,
    },
    "resolution_rate": 0.5714,  # T1, T2, T3 resolved + T6 closed = 4 / 7 = 0.571428...
    "fcr_rate": 0.5,  # of those 4: T1 and T6 (one inbound contact is fine); T2 had 2, T3 reopened: 2 / 4
    # answered or due passed: all 7 (T5 unanswered, due Wed 09:30); in target: T1 (09:10 <= 09:30),
    # T3 (09:05 <= 09:15), T6 (11:20 <= 11:30), T7 (00:10 <= Mon 09:30): 4 / 7
    "first_response_in_target_rate": 0.5714,
    # resolved or past due: T1..T6 (T7 not due until Mon 13:00); in target T1, T2, T6: 3 / 6
    "solution_in_target_rate": 0.5,
    "waited_over_1h_rate": 0.2857,  # T4 (90 min), T5 (unanswered, 7260 min so far): 2 / 7 = 0.285714...
    "longest_wait_minutes": 7260,  # T5: 7260.75 minutes, rounded down
    "satisfaction_avg": 3.0,  # CB1..CB6 with a score: (5 + 4 + 2 + 1 + 3) / 5
    "satisfaction_prev": 3.67,  # W46: (4 + 3 + 4) / 3 = 3.6666...
    "satisfaction_change": -0.67,  # 3.00 - 3.67
    # quality 2, efficiency 2, then attitude, billing, howto 1 each: ties by id
    "top_categories": [
        {"category": "efficiency", "count": 2, "share": 0.2857},
        {"category": "quality", "count": 2, "share": 0.2857},
        {"category": "attitude", "count": 1, "share": 0.1429},
    ],  # 1 / 7 = 0.142857...
    "handoffs": {
        "logistics": {"total": 1, "on_time": 0, "late": 1, "stuck": 1},  # H3 (H5 is due in W48)
        "production": {"total": 0, "on_time": 0, "late": 0, "stuck": 0},
        "rnd": {"total": 0, "on_time": 0, "late": 0, "stuck": 0},
        "tech": {"total": 1, "on_time": 1, "late": 0, "stuck": 1},  # H4
        "warehouse": {"total": 2, "on_time": 1, "late": 1, "stuck": 0},  # H1, H2
    },
    "callbacks_done": 6,  # CB1..CB6
    "low_scores": 2,  # CB3 (2), CB4 (1)
    "warmth_rate": 0.6,  # answered: CB1 yes, CB3 no, CB4 no, CB5 yes, CB6 yes: 3 / 5
    "agents": [
        # boss: no tickets, one callback (CB4: 1, not warm)
        {
            "login": "boss",
            "tickets_owned": 0,
            "first_response_in_target_rate": None,
            "solution_in_target_rate": None,
            "resolved": 0,
            "fcr_rate": None,
            "callbacks_done": 1,
            "satisfaction_avg": 1.0,
            "warmth_rate": 0.0,
        },
        # li: T1, T2, T6, T7; in target T1, T6, T7 of 4; solved in target T1, T2, T6 of 3 (T7 not
        # due); resolved T1, T2, T6, of which T1, T6 first contact (2 / 3); CB1, CB2:
        # (5 + 4) / 2, warmth CB1 only: 1 / 1
        {
            "login": "li",
            "tickets_owned": 4,
            "first_response_in_target_rate": 0.75,
            "solution_in_target_rate": 1.0,
            "resolved": 3,
            "fcr_rate": 0.6667,
            "callbacks_done": 2,
            "satisfaction_avg": 4.5,
            "warmth_rate": 1.0,
        },
        # wang: T3, T4; in target T3 only (1 / 2); solved in target neither (T3 late, T4 past due):
        # 0 / 2; resolved T3, reopened (0 / 1); CB3, CB5: score CB3 only (2), warmth CB3 no,
        # CB5 yes (1 / 2)
        {
            "login": "wang",
            "tickets_owned": 2,
            "first_response_in_target_rate": 0.5,
            "solution_in_target_rate": 0.0,
            "resolved": 1,
            "fcr_rate": 0.0,
            "callbacks_done": 2,
            "satisfaction_avg": 2.0,
            "warmth_rate": 0.5,
        },
    ],
}


def test_the_fixture_week_matches_the_figures_worked_out_by_hand(floor, week47):
    figures = weekly_figures(floor, "2026-W47")
    assert figures.as_json() == EXPECTED_W47
    assert list(figures.as_json()) == list(EXPECTED_W47)  # the keys in the order
    assert sum(c.count for c in figures.by_channel) == figures.received
    json.dumps(figures.as_json())  # plain JSON: None becomes null


def test_the_fixture_week_is_the_default_on_the_monday_after(floor, week47):
    assert weekly_figures(floor).as_json() == EXPECTED_W47


def test_the_figures_are_frozen_values(floor, week47):
    figures = weekly_figures(floor, "2026-W47")
    with pytest.raises(AttributeError):
        figures.received = 0
    assert figures.agents[1].login == "li" and figures.top_categories[0].category == "efficiency"
    assert figures.handoffs[-1].department == "warehouse" and figures.handoffs[-1].late == 1


def test_low_scores_follow_the_policy_s_low_score_max(floor, week47):
    strict = replace(floor.policy, callbacks=replace(floor.policy.callbacks, low_score_max=1))
    assert weekly_figures(replace(floor, policy=strict), "2026-W47").low_scores == 1  # CB4 only


def test_figures_are_as_of_now_a_later_report_of_the_same_week_moves(floor, week47, clock, as_li):
    clock.advance(days=1)  # Tuesday 10:00:45: T5 has waited 1440 minutes more
    set_status(as_li, week47["T7"], "resolved")
    later = weekly_figures(floor, "2026-W47").as_json()
    assert later["longest_wait_minutes"] == 7260 + 1440
    assert later["resolution_rate"] == 0.7143  # 5 / 7 = 0.714285...
    assert later["fcr_rate"] == 0.6  # T1, T6, T7: 3 / 5
    # T7 resolved Tue 10:00:45, past its due time Mon 13:00: now counted, late: 3 / 7
    assert later["solution_in_target_rate"] == 0.4286


def test_an_empty_week_gives_zeros_and_nulls_not_an_error(floor, week47):
    empty = weekly_figures(floor, "2026-W40").as_json()
    assert empty == {
        "week": "2026-W40",
        "from": "2026-09-28T00:00:00+08:00",
        "to": "2026-10-05T00:00:00+08:00",
        "as_of": "2026-11-23T10:00:45+08:00",
        "received": 0,
        "by_channel": {
            "phone": 0,
            "online_ticket": 0,
            "online_chat": 0,
            "email": 0,
            "face_to_face": 0,
            "social_media": 0,
        },
        "resolution_rate": None,
        "fcr_rate": None,
        "first_response_in_target_rate": None,
        "solution_in_target_rate": None,
        "waited_over_1h_rate": None,
        "longest_wait_minutes": 0,
        "satisfaction_avg": None,
        "satisfaction_prev": None,
        "satisfaction_change": None,
        "top_categories": [],
        "handoffs": {
            name: {"total": 0, "on_time": 0, "late": 0, "stuck": 0}
            for name in ("logistics", "production", "rnd", "tech", "warehouse")
        },
        "callbacks_done": 0,
        "low_scores": 0,
        "warmth_rate": None,
        "agents": [],
    }


def test_a_floor_with_nothing_at_all_reports_too(floor):
    figures = weekly_figures(floor).as_json()  # no departments, no tickets, no callbacks
    assert figures["received"] == 0 and figures["handoffs"] == {} and figures["agents"] == []


def test_a_change_needs_both_weeks(floor, week47):
    # W48 so far: CB8 (1); the week before, W47: 3.0
    assert weekly_figures(floor, "2026-W48").as_json()["satisfaction_change"] == -2.0
    # W46: CB10..CB12 3.67; W45 had no scored callback
    w46 = weekly_figures(floor, "2026-W46").as_json()
    assert (w46["satisfaction_avg"], w46["satisfaction_prev"], w46["satisfaction_change"]) == (
        3.67,
        None,
        None,
    )


def test_a_future_week_is_refused_and_bad_text_too(floor, week47):
    with pytest.raises(InvalidInput, match="2026-W49 has not begun yet.*this week, 2026-W48"):
        weekly_figures(floor, "2026-W49")
    with pytest.raises(InvalidInput, match="'last week' is not an ISO week"):
        weekly_figures(floor, "last week")
    with pytest.raises(InvalidInput, match="2026 has 53 ISO weeks"):
        trend(floor, "2026-W54")
    with pytest.raises(InvalidInput, match="2026-W49 has not begun yet"):
        week_tickets(floor, "2026-W49")  # refused at the call, before any row is read


def test_the_current_week_is_reported_as_of_now(floor, clock, new_ticket, as_li):
    """Wednesday 2026-11-25 (W48), worked out by hand:

    A  received 08:00 yellow (due 08:30), never answered      counted, missed; waits 120 min so far
    B  received 09:00 yellow (due 09:30), answered 10:00      counted, missed; waited exactly 60 min
    C  received 09:50 green  (due 10:50), not answered yet    not yet due: left out; waits 10 min
    handoff sent 09:00 due 12:00, unanswered                  in total only until it is due
    """
    admin.init_floor(floor)
    at(clock, sh(2026, 11, 25, 8, 0)), new_ticket(tier="yellow")
    b = (at(clock, sh(2026, 11, 25, 9, 0)), new_ticket(tier="yellow"))[1]
    add_handoff(floor, b, "tech", "check", "12:00")
    at(clock, sh(2026, 11, 25, 9, 50)), new_ticket(tier="green")
    at(clock, sh(2026, 11, 25, 10, 0)), log_contact(as_li, b, "out", "called")
    now = weekly_figures(floor, "2026-W48").as_json()
    assert now["received"] == 3
    assert now["first_response_in_target_rate"] == 0.0  # A and B counted, neither in target: 0 / 2
    assert now["waited_over_1h_rate"] == 0.3333  # A only (120 min); B's 60 min is not over an hour
    assert now["longest_wait_minutes"] == 120
    assert now["handoffs"]["tech"] == {"total": 1, "on_time": 0, "late": 0, "stuck": 0}
    at(clock, sh(2026, 11, 25, 11, 0))  # 2 h after it was sent, no stage change: stuck, not yet late
    assert weekly_figures(floor, "2026-W48").as_json()["handoffs"]["tech"] == {
        "total": 1,
        "on_time": 0,
        "late": 0,
        "stuck": 1,
    }
    at(clock, sh(2026, 11, 25, 12, 1))  # past due, C's target passed too
    later = weekly_figures(floor, "2026-W48").as_json()
    assert later["handoffs"]["tech"] == {"total": 1, "on_time": 0, "late": 1, "stuck": 1}
    assert later["first_response_in_target_rate"] == 0.0  # now 0 / 3


def test_the_engine_neutral_wait_count_agrees_with_sqlite_s(floor, week47):
    """Other engines stream the two columns (figures._waits); SQLite counts in SQL."""
    week = weekly_figures(floor, "2026-W47").week
    over, longest_seconds = report_figures._waits(floor, week, floor.now())
    assert (over, longest_seconds // 60) == (2, 7260)
    assert longest_seconds == 7260 * 60 + 45


def test_trend_gives_received_and_satisfaction_per_week_oldest_first(floor, week47):
    points = trend(floor, "2026-W47")
    assert [p.week for p in points] == [f"2026-W{n}" for n in range(40, 48)]
    assert points[-3:] == [("2026-W45", 0, None), ("2026-W46", 1, 3.67), ("2026-W47", 7, 3.0)]
    assert trend(floor, "2026-W48", weeks=1) == [("2026-W48", 1, 1.0)]  # T8; CB8 so far
    assert trend(floor, weeks=2) == [("2026-W46", 1, 3.67), ("2026-W47", 7, 3.0)]  # default: last full week
    with pytest.raises(InvalidInput, match="weeks"):
        trend(floor, "2026-W47", weeks=0)


def test_week_tickets_streams_the_week_s_tickets_in_order_of_receipt(floor, week47):
    rows = week_tickets(floor, "2026-W47")
    assert iter(rows) is rows  # a stream, not a list
    rows = list(rows)
    assert [r.ref for r in rows] == [week47[f"T{n}"] for n in range(1, 8)]
    t2, t5, t7 = rows[1], rows[4], rows[6]
    assert t2._asdict() == {
        "ref": week47["T2"],
        "received_at": sh(2026, 11, 16, 10, 0),
        "channel": "online_ticket",
        "category": "quality",
        "subtag": None,
        "tier": "yellow",
        "status": "resolved",
        "owner": "li",
        "customer_code": "C001",
        "customer_name": "华东贸易有限公司",
        "phone": "13812345678",
        "first_response_at": sh(2026, 11, 16, 10, 45),
        "response_due_at": sh(2026, 11, 16, 10, 30),
        "resolved_at": sh(2026, 11, 16, 11, 30),
        "reopened_count": 0,
        "inbound_contacts": 2,
        "description": "客户询问发票开具流程",
    }
    assert t2.received_at.utcoffset() == timedelta(hours=8)  # floor time, for the sheet's dates
    assert (t5.owner, t5.status, t5.first_response_at, t5.resolved_at) == (None, "new", None, None)
    assert t7.received_at == sh(2026, 11, 22, 23, 50)
    assert list(week_tickets(floor, "2026-W40")) == []


def test_ratios_round_half_up_exactly():
    assert ratio(1, 8, 2) == 0.13  # 0.125: half up, where float rounding gives 0.12
    assert ratio(33, 8, 2) == 4.13  # 4.125
    assert ratio(2, 3) == 0.6667 and ratio(1, 3) == 0.3333
    assert ratio(0, 5) == 0.0 and ratio(0, 0) is None and ratio(3, 0) is None


def test_week_bounds_in_a_daylight_saving_zone_decide_which_tickets_count(floor, clock, new_ticket):
    """Berlin, 2026-W13: Monday 03-23 00:00 +01:00 to Monday 03-30 00:00 +02:00 (clocks went
    forward on Sunday 03-29). A floor on a fixed +01:00 would end the week an hour late."""
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    policy = parse_policy('[floor]\ntimezone = "Europe/Berlin"\n', "berlin.toml")
    session = Session(db=floor.db, policy=policy, clock=clock, login="boss")
    for when in (
        datetime(2026, 3, 22, 23, 59, tzinfo=berlin),  # Sunday before: W12
        datetime(2026, 3, 23, 0, 0, tzinfo=berlin),  # Monday 00:00 CET: W13
        datetime(2026, 3, 29, 23, 30, tzinfo=berlin),  # Sunday 23:30 CEST: W13
        datetime(2026, 3, 30, 0, 0, tzinfo=berlin),
    ):  # Monday 00:00 CEST = 03-29 22:00 UTC: W14
        at(clock, when)
        new_ticket(session=session)
    at(clock, datetime(2026, 4, 1, 12, 0, tzinfo=berlin))
    figures = weekly_figures(session, "2026-W13").as_json()
    assert (figures["from"], figures["to"]) == ("2026-03-23T00:00:00+01:00", "2026-03-30T00:00:00+02:00")
    assert figures["received"] == 2
    assert [p.received for p in trend(session, "2026-W14", weeks=3)] == [1, 2, 1]
    assert Ticket.select().count() == 4


def test_a_first_response_stamped_before_receipt_is_a_wait_of_zero(floor, clock, new_ticket):
    """Imported records can carry a reply time before the receipt time: no negative waits."""
    at(clock, sh(2026, 11, 25, 10, 0))
    ref = new_ticket(tier="yellow")
    Ticket.update(first_response_at=sh(2026, 11, 25, 9, 0)).where(Ticket.ref == ref).execute()
    at(clock, sh(2026, 11, 25, 12, 0))
    figures = weekly_figures(floor, "2026-W48")
    assert (figures.longest_wait_minutes, figures.waited_over_1h_rate) == (0, 0.0)
    assert figures.first_response_in_target_rate == 1.0
    assert report_figures._waits(floor, figures.week, floor.now()) == (0, 0)
