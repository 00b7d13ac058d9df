"""The supervisor's floor (core.supervision.floor): each person's line (open tickets by tier, the
queue's bands, today's figures), their state from presence rows and the policy's [shifts], the
sort by trouble, the three lists under the people, and the refusal of an agent. Frozen clock:
Friday 2026-11-20 10:00 Shanghai (business time, Mon-Fri 09:00-18:00; red 15 min / 2 h, yellow
30 min / 4 h, green 1 h / 24 h; at risk within 1 working hour). Presence counts real time, so
these tests pass their own instant (T0)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.admin import setup as admin
from core.basics.errors import NotAllowed
from core.floor.presence import Whereabouts, new_token, say_here
from core.handoffs import lifecycle as handoffs
from core.people.agents import add_agent, set_agent
from core.policy import parse_policy
from core.supervision import floor as floor_module
from core.supervision.floor import AWAY, LEFT, OFF, ONLINE, AgentLine, FloorView, floor_view, with_presence
from core.tickets.bulk import open_tickets_of, reassign_many
from core.tickets.lifecycle import NewTicket, claim, intake, log_contact, set_status
from core.tickets.queue import AT_RISK, OVERDUE
from db.models import Agent, AuditEvent, Callback, Customer
from tests.conftest import FLOOR_MORNING, SHANGHAI, sh

T0 = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
"""The real time the presence rows are judged at (10:00 in Shanghai, on another day than the floor's)."""

RED = "货物破损, 今天必须处理"
YELLOW = "客户询问发票开具流程"
GREEN = "建议增加夜间服务"


def ticket(session, text: str = YELLOW, owner=None) -> str:
    ref = intake(session, NewTicket("C001", "phone", text))
    if owner is not None:
        claim(owner, ref)
    return ref


def lines(view: FloorView) -> dict[str, AgentLine]:
    return {line.login: line for line in view.agents}


def shifts(session, *others, text: str) -> None:
    """Give the floor (and the other sessions on it) a policy with this [shifts] table."""
    policy = parse_policy(text, "test policy")
    for each in (session, *others):
        each.policy = policy


def callback(
    customer_id: int, due_by, owner=None, status="open", group="resolved", follows=None, overall=None
):
    number = Callback.select().count() + 1
    return Callback.create(
        key=f"test:{number}",
        group=group,
        customer=customer_id,
        due_from=due_by - timedelta(days=1),
        due_by=due_by,
        status=status,
        owner=owner,
        follows=follows,
        overall=overall,
        created_at=FLOOR_MORNING,
        created_by="boss",
    )


def agent_id(login: str) -> int:
    return Agent.get(Agent.login == login).id


# ----------------------------------------------------------------------------- counts


def test_open_tickets_by_tier_and_the_queues_bands(floor, as_li, as_wang, clock):
    clock.set(sh(2026, 11, 20, 8, 0))  # before opening: its clock starts at 09:00
    late = ticket(floor, RED, owner=as_li)  # response due 09:15: overdue at 10:00
    clock.set(FLOOR_MORNING)
    ticket(floor, RED, owner=as_li)  # response due 10:15: at risk
    ticket(floor, YELLOW, owner=as_li)  # response due 10:30: at risk
    ticket(floor, GREEN, owner=as_li)  # response due 11:00: a working hour away, not at risk
    paused = ticket(floor, YELLOW, owner=as_li)
    set_status(as_li, paused, "waiting", "请提供照片")  # answered and paused: due never
    ticket(floor, GREEN, owner=as_wang)
    done = ticket(floor, YELLOW, owner=as_wang)
    set_status(as_wang, done, "resolved", "已解答")
    ticket(floor, RED)  # unclaimed, at risk

    view = floor_view(floor, presence_at=T0)
    li, wang = lines(view)["li"], lines(view)["wang"]
    assert (li.red, li.yellow, li.green, li.at_risk, li.overdue) == (2, 2, 1, 2, 1)
    assert (wang.red, wang.yellow, wang.green, wang.at_risk, wang.overdue) == (0, 0, 1, 0, 0)
    assert (wang.resolved_today, li.resolved_today) == (1, 0)
    assert view.unclaimed_total == 1 and [t.band for t in view.unclaimed] == [AT_RISK]
    assert late not in [t.ref for t in view.unclaimed]


def test_todays_figures_count_the_floors_day_from_midnight(floor, as_li, clock):
    clock.set(sh(2026, 11, 19, 16, 0))
    before = ticket(floor, RED, owner=as_li)
    on_time = ticket(floor, RED, owner=as_li)
    clock.set(sh(2026, 11, 19, 23, 59))
    set_status(as_li, before, "resolved", "昨晚解决")  # yesterday, a minute before midnight
    clock.set(sh(2026, 11, 20, 0, 0))
    set_status(as_li, on_time, "resolved", "午夜解决")  # today, at midnight
    night = ticket(floor, RED, owner=as_li)  # clock starts at 09:00: response due 09:15
    log_contact(as_li, night, "out", "已回电")  # at 00:00: in target
    clock.set(sh(2026, 11, 20, 9, 0))
    slow = ticket(floor, RED, owner=as_li)  # response due 09:15
    clock.set(sh(2026, 11, 20, 9, 30))
    log_contact(as_li, slow, "out", "已回电")  # late
    clock.set(FLOOR_MORNING)

    li = lines(floor_view(floor, presence_at=T0))["li"]
    assert li.resolved_today == 1
    assert (li.responded_today, li.responded_in_target_today, li.in_target_rate) == (2, 1, 0.5)

    clock.set(sh(2026, 11, 21, 0, 0))  # the next day: none of it is today's
    li = lines(floor_view(floor, presence_at=T0))["li"]
    assert (li.resolved_today, li.responded_today, li.in_target_rate) == (0, 0, None)
    clock.set(sh(2026, 11, 20, 23, 59))
    assert lines(floor_view(floor, presence_at=T0))["li"].resolved_today == 1


def test_callbacks_due_by_the_end_of_today(floor, as_li, clock):
    customer = Customer.get(Customer.code == "C001").id
    li = agent_id("li")
    callback(customer, sh(2026, 11, 19, 18), owner=li)  # overdue: still today's work
    callback(customer, sh(2026, 11, 20, 23, 59), owner=li)
    callback(customer, sh(2026, 11, 21, 0, 0), owner=li)  # tomorrow
    callback(customer, sh(2026, 11, 20, 12), owner=li, status="done")
    callback(customer, sh(2026, 11, 20, 12))  # nobody's
    assert lines(floor_view(floor, presence_at=T0))["li"].callbacks_today == 2
    # as the callbacks list counts today: a time the customer named today, its window open
    named = callback(customer, sh(2026, 11, 21, 18), owner=li)  # window opens today 18:00
    named.call_after = sh(2026, 11, 20, 15)
    named.save()
    assert lines(floor_view(floor, presence_at=T0))["li"].callbacks_today == 3


# ----------------------------------------------------------------------------- states


SHIFTS = """
[shifts]
li = "always"
wang = "off"
boss = "off"
zhao = "mon-fri 09:00-18:00"
qian = "off"
sun = "off"
"""


def test_online_away_and_off_from_presence_and_shifts(floor, as_li, as_wang, clock):
    add_agent(floor, "zhao", "赵敏")
    add_agent(floor, "qian", "钱多多")
    add_agent(floor, "sun", "孙悟")
    shifts(floor, as_li, as_wang, text=SHIFTS)
    say_here(as_li, new_token(), Whereabouts("ticket", "T000001"), now=T0 - timedelta(seconds=5))
    say_here(floor.as_login("qian"), new_token(), Whereabouts("queue"), now=T0 - timedelta(minutes=20))
    say_here(floor.as_login("sun"), new_token(), Whereabouts("queue"), now=T0 - timedelta(hours=20))
    ticket(floor, GREEN, owner=as_wang)  # wang is off shift but owns open work

    view = floor_view(floor, presence_at=T0)
    shown = lines(view)
    # boss: off shift, unseen, no work; sun: off shift, seen only yesterday (floor time)
    assert set(shown) == {"li", "wang", "zhao", "qian"}
    li, wang, zhao, qian = shown["li"], shown["wang"], shown["zhao"], shown["qian"]
    assert (li.state, li.screen, li.ticket_ref, li.on_shift, li.sessions) == (
        ONLINE,
        "ticket",
        "T000001",
        True,
        1,
    )
    assert (wang.state, wang.on_shift, wang.screen) == (AWAY, False, None)  # owns open work
    assert (zhao.state, zhao.on_shift, zhao.seen_at) == (AWAY, True, None)  # expected, not here
    assert (qian.state, qian.screen, qian.seen_at) == (AWAY, None, T0 - timedelta(minutes=20))  # seen today
    assert (view.online, view.away) == (1, 3)
    assert li.shift == "always" and zhao.shift == "mon-fri 09:00-18:00"
    sun = next(line for line in view.everyone if line.login == "sun")
    assert sun.state == OFF

    # presence read again: sun starts a session and joins the floor; li's session went quiet
    again = with_presence(
        view,
        {"sun": replace(_presence("sun", T0 + timedelta(minutes=1)), screen="board")},
        T0 + timedelta(minutes=1),
        SHANGHAI,
    )
    shown = lines(again)
    assert shown["sun"].state == ONLINE and shown["sun"].screen == "board"
    assert shown["li"].state == AWAY  # on shift, no fresh row


def _presence(login: str, at: datetime):
    from core.floor.presence import Presence

    return Presence(login, None, None, at, True, 1)


def test_a_leaver_stays_on_the_floor_while_owning_open_tickets(floor, as_li, as_wang):
    """Found in a trial: a leaver's row and open tickets vanished, so nothing was left to move
    them from. Listed as left (whatever presence says), sorted as trouble, off once they own
    nothing; a leaver without open tickets is not on the floor."""
    ticket(floor, GREEN, owner=as_li)
    ticket(floor, YELLOW, owner=as_li)
    say_here(as_li, new_token(), Whereabouts("queue"), now=T0 - timedelta(seconds=5))  # a last beat
    say_here(as_wang, new_token(), Whereabouts("queue"), now=T0 - timedelta(seconds=5))
    set_agent(floor, "li", active=False)
    add_agent(floor, "zhao", "赵敏")
    set_agent(floor, "zhao", active=False)  # left owning nothing

    view = floor_view(floor, presence_at=T0)
    shown = lines(view)
    assert "zhao" not in shown
    li = shown["li"]
    assert (li.state, li.active, li.on_shift, li.screen, li.open, li.sessions) == (
        LEFT,
        False,
        False,
        None,
        2,
        0,
    )
    assert li.unattended and li.seen_at == T0 - timedelta(seconds=5)
    assert [line.login for line in view.agents] == ["li", "boss", "wang"]  # their customers wait on nobody
    assert (view.left, view.online, view.away) == (1, 1, 1)
    # presence read again keeps them left
    again = with_presence(view, {"li": _presence("li", T0 + timedelta(seconds=1))}, T0, SHANGHAI)
    assert lines(again)["li"].state == LEFT

    # the bulk move takes one of them: li stays while owning the other, and goes with it
    first, second = open_tickets_of(floor, "li")
    reassign_many(floor, [first], "离职交接", to_login="wang")
    assert lines(floor_view(floor, presence_at=T0))["li"].open == 1
    reassign_many(floor, [second], "离职交接", to_login="wang")
    assert "li" not in lines(floor_view(floor, presence_at=T0))


# ----------------------------------------------------------------------------- the sort


def _line(login: str, state: str = ONLINE, **counts) -> AgentLine:
    return AgentLine(login, login, "agent", state, True, None, None, None, **counts)


def test_sorted_by_trouble():
    everyone = (
        _line("a", red=5),
        _line("b", overdue=1),
        _line("c", at_risk=3),
        _line("d", AWAY, green=1),  # away with open work
        _line("e", overdue=1, at_risk=1),
        _line("f", AWAY),
        _line("g", red=5),
        _line("h", LEFT, yellow=1),  # left with open work: as trouble as away with it
    )
    ordered = sorted(everyone, key=AgentLine.trouble)
    assert [line.login for line in ordered] == ["e", "b", "c", "d", "h", "a", "g", "f"]


def test_the_floor_is_sorted_by_trouble(floor, as_li, as_wang, clock):
    add_agent(floor, "zhao", "赵敏")
    clock.set(sh(2026, 11, 20, 8, 0))
    ticket(floor, GREEN, owner=as_wang)  # response due 10:00 ... at 10:00: at risk
    clock.set(sh(2026, 11, 19, 17, 0))
    ticket(floor, YELLOW, owner=as_li)  # response due 17:30 yesterday: overdue
    clock.set(FLOOR_MORNING)
    ticket(floor, RED, owner=floor.as_login("zhao"))  # at risk too, but red
    for who in ("li", "wang", "zhao", "boss"):
        say_here(floor.as_login(who), new_token(), Whereabouts("queue"), now=T0)
    order = [line.login for line in floor_view(floor, presence_at=T0).agents]
    assert order == ["li", "zhao", "wang", "boss"]


# ----------------------------------------------------------------------------- the lists


def test_unclaimed_at_risk_first_then_overdue_least_overdue_first(floor, clock, monkeypatch):
    clock.set(sh(2026, 11, 19, 16, 0))
    old = ticket(floor, YELLOW)  # response due 16:30 yesterday
    clock.set(sh(2026, 11, 19, 17, 0))
    newer = ticket(floor, YELLOW)  # 17:30 yesterday: less overdue
    clock.set(FLOOR_MORNING)
    soon = ticket(floor, RED)  # 10:15
    later = ticket(floor, YELLOW)  # 10:30
    ticket(floor, GREEN)  # 11:00: not at risk

    view = floor_view(floor, presence_at=T0)
    assert [(t.ref, t.band) for t in view.unclaimed] == [
        (soon, AT_RISK),
        (later, AT_RISK),
        (newer, OVERDUE),
        (old, OVERDUE),
    ]
    assert view.unclaimed_total == 4
    assert view.unclaimed[0].tier == "red" and view.unclaimed[0].customer_name == "华***"  # masked
    monkeypatch.setattr(floor_module, "LISTED", 3)
    view = floor_view(floor, presence_at=T0)
    assert [t.ref for t in view.unclaimed] == [soon, later, newer] and view.unclaimed_total == 4


def test_stuck_handoffs_of_open_tickets(floor, as_li, clock):
    admin.init_floor(floor)  # the policy's departments
    clock.set(sh(2026, 11, 20, 7, 30))
    stuck_ref = ticket(floor, YELLOW, owner=as_li)
    stuck = handoffs.add_handoff(as_li, stuck_ref, "warehouse", "确认出库", "12:00")
    clock.set(sh(2026, 11, 20, 7, 40))
    answered_ref = ticket(floor, YELLOW)
    answered = handoffs.add_handoff(floor, answered_ref, "logistics", "确认位置", "12:00")
    clock.set(sh(2026, 11, 20, 7, 50))
    gone_ref = ticket(floor, YELLOW, owner=as_li)
    handoffs.add_handoff(as_li, gone_ref, "logistics", "确认位置", "12:00")
    clock.set(sh(2026, 11, 20, 9, 0))
    handoffs.answer_handoff(floor, answered.id, "在途")  # moved an hour ago: not stuck
    clock.set(sh(2026, 11, 20, 9, 10))
    set_status(as_li, gone_ref, "resolved", "已解决", handoffs="keep")  # not an open ticket
    clock.set(FLOOR_MORNING)

    view = floor_view(floor, presence_at=T0)
    assert view.stuck_total == 1
    [line] = view.stuck
    assert (line.id, line.ref, line.department, line.stage, line.owner) == (
        stuck.id,
        stuck_ref,
        "warehouse",
        "sent",
        "li",
    )
    assert line.since == sh(2026, 11, 20, 7, 30) and line.due_at == sh(2026, 11, 20, 12)


def test_follow_ups_without_an_active_supervisor(floor, clock):
    add_agent(floor, "chen", "陈主管", role="supervisor")
    customer = Customer.get(Customer.code == "C001").id
    scored = callback(customer, sh(2026, 11, 19, 12), status="done", overall=2)
    nobody = callback(customer, sh(2026, 11, 25, 18), group="low_score_followup", follows=scored.id)
    callback(customer, sh(2026, 11, 25, 18), group="low_score_followup", owner=agent_id("boss"))
    leaver = callback(customer, sh(2026, 11, 24, 18), group="low_score_followup", owner=agent_id("chen"))
    set_agent(floor, "chen", active=False)
    callback(customer, sh(2026, 11, 25, 18), group="low_score_followup", status="done")

    view = floor_view(floor, presence_at=T0)
    assert view.follow_ups_total == 2
    assert [(f.id, f.score, f.owner) for f in view.follow_ups] == [
        (leaver.id, None, "chen"),
        (nobody.id, 2, None),
    ]
    assert view.follow_ups[1].customer_name == "华***"


# ----------------------------------------------------------------------------- who may


def test_an_agent_is_refused_and_the_refusal_audited(floor, as_li):
    with pytest.raises(NotAllowed) as refused:
        floor_view(as_li, presence_at=T0)
    assert refused.value.code == "supervision.floor.supervisors_only"
    assert "li" in str(refused.value)
    assert AuditEvent.select().where((AuditEvent.login == "li") & (AuditEvent.target == "floor")).count() == 1
