"""The incoming queue (core.tickets.queue): its bands and order, views, the text filter, paging,
positions, counts and the change signal, with a frozen clock and a real SQLite file
(tests/conftest.py).

The clock stands at Friday 2026-11-20 10:00 floor time. Default policy, business-time SLA
(Mon-Fri 09:00-18:00 Shanghai, China's holidays; feedback before 09:00 starts its clock at
09:00): red 15 min / 2 h, yellow 30 min / 4 h, green 1 h / 24 h; at risk within 1 working hour
of a target; customer update due before 17:00 on working days.

The queue's bands (docs/floor.md, Triage): at risk (now <= due < now + 1 working hour), least
time left first; overdue, least overdue first; then the rest, least time left first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from core.customers.records import CustomerForm, add_customer
from core.floor.changes import changes_since
from core.policy import parse_policy
from core.tickets.lifecycle import add_note, change_tier, claim, log_contact, set_status
from core.tickets.queue import (
    AT_RISK,
    OVERDUE,
    REST,
    VIEWS,
    QueueCounts,
    QueueRow,
    bands_at,
    change_token,
    clock_moved,
    counted,
    counts_as_of,
    entering_risk,
    falling_due,
    position_of,
    queue_counts,
    queue_page,
    queue_total,
    risk_until,
    time_left,
)
from db.models import Department, Handoff, Ticket
from tests.conftest import sh
from tests.engines import FloorDb

NOW = sh(2026, 11, 20, 10, 0)
CALLFLOOR = Path(sys.executable).with_name("callfloor")


# ----------------------------------------------------------------------------- helpers


def refs(session, view="all", text=None) -> list[str]:
    """The whole view, in queue order (one big page)."""
    page = queue_page(session, view, text, offset=0, limit=10_000)
    return [r.ref for r in page.rows]


def rows_by_ref(session, view="all", text=None) -> dict[str, QueueRow]:
    return {r.ref: r for r in queue_page(session, view, text, limit=10_000).rows}


def resolve(as_li, ref: str) -> None:
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "已解答", handoffs="keep")


def close(as_li, ref: str) -> None:
    resolve(as_li, ref)
    set_status(as_li, ref, "closed")


def handoff(ref: str, stage: str, department: Department, at=NOW) -> Handoff:
    """No core function yet: a handoff row straight in the table."""
    ticket = Ticket.get(Ticket.ref == ref)
    fields = dict(
        ticket=ticket,
        department=department,
        problem="订单1023的实际位置",
        need="确认实际位置和送达日期",
        due_at=at + timedelta(hours=1),
        stage=stage,
        sent_at=at,
        created_by="boss",
    )
    if stage in ("answered", "synced"):
        fields.update(answered_at=at, answer="明天送达")
    if stage == "synced":
        fields.update(synced_at=at)
    return Handoff.create(**fields)


@pytest.fixture
def warehouse(floor) -> Department:
    return Department.create(
        name="仓库", contact_person="刘强", phone="021-5555 0101", online_hours="08:00-18:00"
    )


@pytest.fixture
def ordered(floor, as_li, new_ticket, clock):
    """Tickets with known due times, created out of queue order; returns name -> ref.

    a  yellow received 09:00, response due 09:30   (30 min overdue)
    b  red    received 09:40, response due 09:55   (5 min overdue)
    c  green  received 10:00, response due 11:00   (the rest: the at-risk window ends at 11:00)
    d  yellow received 10:00, responded: solution due 14:00 (response target would be 10:30)
    e  red    received 10:00, response due 10:15   (at risk)
    h  yellow received 10:00, response due 10:30   (at risk; tie with i; created first)
    i  yellow received 10:00, response due 10:30   (at risk)
    f  yellow received 09:50, resolved             (never in the queue)
    g  yellow received 09:50, closed               (never in the queue)
    """
    t = {}
    t["c"] = new_ticket(tier="green")
    t["h"] = new_ticket(tier="yellow")
    t["f"] = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 50))
    t["d"] = new_ticket(tier="yellow")
    t["a"] = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 0))
    t["i"] = new_ticket(tier="yellow")
    t["g"] = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 50))
    t["e"] = new_ticket(tier="red")
    t["b"] = new_ticket(tier="red", received_at=sh(2026, 11, 20, 9, 40))
    log_contact(floor, t["d"], "out", "已致电客户，确认问题")
    resolve(as_li, t["f"])
    close(as_li, t["g"])
    return t


QUEUE_ORDER = ["e", "h", "i", "b", "a", "c", "d"]
"""At risk by time left (ties by creation), overdue least overdue first, then the rest."""


# ----------------------------------------------------------------------------- order


def test_at_risk_then_overdue_least_overdue_first_then_the_rest_ties_by_creation(floor, ordered):
    assert refs(floor) == [ordered[name] for name in QUEUE_ORDER]
    bands = bands_at(floor.policy, floor.now())
    rows = rows_by_ref(floor)
    assert [bands.band(rows[ordered[n]].next_due_at) for n in QUEUE_ORDER] == [
        *[AT_RISK] * 3,
        *[OVERDUE] * 2,
        *[REST] * 2,
    ]


def test_rows_carry_the_nearest_pending_target(floor, ordered):
    rows = rows_by_ref(floor)
    due = {name: rows[ordered[name]].next_due_at for name in QUEUE_ORDER}
    assert due == {
        "a": sh(2026, 11, 20, 9, 30),
        "b": sh(2026, 11, 20, 9, 55),
        "e": sh(2026, 11, 20, 10, 15),
        "h": sh(2026, 11, 20, 10, 30),
        "i": sh(2026, 11, 20, 10, 30),
        "c": sh(2026, 11, 20, 11, 0),
        "d": sh(2026, 11, 20, 14, 0),
    }
    assert time_left(rows[ordered["a"]], floor.now()) == timedelta(minutes=-30)
    assert time_left(rows[ordered["c"]], floor.now()) == timedelta(hours=1)


def test_resolved_and_closed_tickets_never_appear(floor, ordered):
    for view in VIEWS:
        shown = refs(floor, view)
        assert ordered["f"] not in shown and ordered["g"] not in shown, view
    assert queue_total(floor) == len(QUEUE_ORDER)


def test_reopened_ticket_comes_back_by_its_solution_due(floor, as_li, ordered):
    set_status(floor, ordered["f"], "in_progress", "客户说问题仍在")
    # f was never contacted: its response target (10:20) is pending again
    order = refs(floor)
    assert ordered["f"] in order
    assert order.index(ordered["f"]) == order.index(ordered["e"]) + 1


def test_a_tier_change_reorders_the_queue(floor, ordered):
    change_tier(floor, ordered["c"], "red", "客户说今天必须处理")
    # green -> red, received 10:00: response due 10:15, tied with e, which was created later
    order = refs(floor)
    assert order.index(ordered["c"]) == order.index(ordered["e"]) - 1


def test_queue_row_fields(floor, as_li, new_ticket):
    ref = new_ticket(tier="red", channel="email", description="漏发一件")
    claim(as_li, ref)
    (row,) = queue_page(floor).rows
    assert row == QueueRow(
        ref=ref,
        tier="red",
        status="in_progress",
        owner="li",
        customer_code="C001",
        customer_name="华东贸易",
        category="other",
        channel="email",
        next_due_at=sh(2026, 11, 20, 10, 15),
        responded=False,
        update_due=True,
    )


def test_customer_without_short_name_shows_its_name(floor, new_ticket):
    add_customer(floor, CustomerForm(code="C002", name="西南物流股份有限公司"))
    ref = new_ticket(customer_code="C002")
    assert rows_by_ref(floor)[ref].customer_name == "西南物流股份有限公司"


# ----------------------------------------------------------------------------- views


def test_view_all_is_every_open_ticket(floor, ordered):
    assert set(refs(floor, "all")) == {ordered[n] for n in QUEUE_ORDER}


def test_view_mine_is_the_session_agents(floor, as_li, as_wang, new_ticket):
    li1, wang1, li2, free = new_ticket(), new_ticket(), new_ticket(), new_ticket()
    claim(as_li, li1)
    claim(as_wang, wang1)
    log_contact(as_li, li2, "out", "回电客户")  # the first to answer owns it
    done = new_ticket()
    resolve(as_li, done)
    assert refs(as_li, "mine") == [li1, li2]
    assert refs(as_wang, "mine") == [wang1]
    assert refs(floor, "mine") == []
    assert queue_total(as_li, "mine") == 2
    assert free not in refs(as_li, "mine")


def test_view_unclaimed(floor, as_li, new_ticket):
    first, taken, last = new_ticket(), new_ticket(), new_ticket()
    claim(as_li, taken)
    log_contact(floor, last, "in", "客户来电催促")  # an inbound call takes nobody's ownership
    assert refs(floor, "unclaimed") == [first, last]
    assert queue_total(floor, "unclaimed") == 2


def test_view_at_risk_or_overdue_and_the_breaching_view(floor, new_ticket):
    late = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 0))  # due 09:30
    on_the_dot = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 30))  # due 10:00 == now
    fresh = new_ticket(tier="yellow")  # due 10:30: at risk
    later = new_ticket(tier="green")  # due 11:00: the at-risk window ends there
    # answered in time but the solution is late: received Thursday 10:00, solution due 14:00
    solution_late = new_ticket(tier="yellow", received_at=sh(2026, 11, 19, 10, 0))
    log_contact(floor, solution_late, "out", "已回复客户")
    # responded late, but the solution (13:00) is still hours ahead: neither at risk nor breaching
    saved = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 0))
    log_contact(floor, saved, "out", "已回复客户")
    # at risk by time left, then overdue least overdue first
    assert refs(floor, "at_risk_or_overdue") == [on_the_dot, fresh, late, solution_late]
    assert later not in refs(floor, "at_risk_or_overdue") and saved not in refs(floor, "at_risk_or_overdue")
    assert refs(floor, "breaching") == [late, solution_late]  # past a target (the board counts them)
    assert queue_total(floor, "breaching") == 2


def test_views_at_risk_or_overdue_and_breaching_follow_the_clock(floor, clock, new_ticket):
    ref = new_ticket(tier="green")  # due 11:00
    assert refs(floor, "at_risk_or_overdue") == [] == refs(floor, "breaching")
    clock.set(sh(2026, 11, 20, 10, 1))  # 59 minutes left: at risk
    assert refs(floor, "at_risk_or_overdue") == [ref]
    assert refs(floor, "breaching") == []
    clock.set(sh(2026, 11, 20, 11, 1))
    assert refs(floor, "at_risk_or_overdue") == [ref] == refs(floor, "breaching")


def test_view_waiting_is_a_handoff_still_sent(floor, as_li, new_ticket, warehouse):
    sent, answered, synced, none, two = (new_ticket() for _ in range(5))
    handoff(sent, "sent", warehouse)
    handoff(answered, "answered", warehouse)
    handoff(synced, "synced", warehouse)
    handoff(two, "synced", warehouse)
    handoff(two, "sent", warehouse)
    handoff(two, "sent", warehouse)  # two requests out: still one row
    resolved = new_ticket()
    handoff(resolved, "sent", warehouse)
    resolve(as_li, resolved)
    assert refs(floor, "waiting") == [sent, two]
    assert queue_total(floor, "waiting") == 2
    assert none not in refs(floor, "waiting")


def test_view_update_due_on_a_working_morning(floor, clock, new_ticket):
    clock.set(sh(2026, 11, 19, 15, 0))  # Thursday
    thursday = new_ticket()
    told_yesterday = new_ticket()
    log_contact(floor, told_yesterday, "out", "进度：已安排补发")
    clock.set(sh(2026, 11, 19, 23, 30))  # late Thursday floor time, still "yesterday"
    told_last_night = new_ticket()
    log_contact(floor, told_last_night, "out", "进度：仓库已确认")
    clock.set(sh(2026, 11, 20, 0, 30))  # Friday 00:30 floor time = Thursday 16:30 UTC: today
    told_after_midnight = new_ticket()
    log_contact(floor, told_after_midnight, "out", "进度：已发货")
    clock.set(NOW)
    this_morning = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    told_today = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    log_contact(floor, told_today, "out", "进度：今天下午送达")
    called_in = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    log_contact(floor, called_in, "in", "客户来电询问进度")  # inbound is not an update

    due = set(refs(floor, "update_due"))
    assert due == {thursday, told_yesterday, told_last_night, this_morning, called_in}
    assert queue_total(floor, "update_due") == 5


def test_view_update_due_not_after_an_outbound_contact_today(floor, new_ticket):
    ref = new_ticket()
    assert ref in refs(floor, "update_due")
    log_contact(floor, ref, "out", "进度：已联系仓库")
    assert ref not in refs(floor, "update_due")


def test_view_update_due_not_for_a_ticket_received_after_the_cutoff(floor, clock, new_ticket):
    morning = new_ticket()
    clock.set(sh(2026, 11, 20, 17, 0))
    at_cutoff = new_ticket()
    clock.set(sh(2026, 11, 20, 17, 30))
    evening = new_ticket()
    assert refs(floor, "update_due") == [morning]  # still owed, and now late
    assert at_cutoff not in refs(floor, "update_due") and evening not in refs(floor, "update_due")


def test_view_update_due_is_empty_on_saturday(floor, clock, new_ticket):
    new_ticket()
    new_ticket(tier="red")
    clock.set(sh(2026, 11, 21, 10, 0))  # Saturday
    assert refs(floor, "update_due") == []
    assert queue_total(floor, "update_due") == 0
    assert not any(r.update_due for r in queue_page(floor).rows)
    clock.set(sh(2026, 11, 23, 10, 0))  # Monday: owed again
    assert len(refs(floor, "update_due")) == 2


def test_resolved_ticket_owes_no_update(floor, as_li, new_ticket):
    ref = new_ticket()
    resolve(as_li, ref)
    assert refs(floor, "update_due") == []


@pytest.mark.parametrize("view", ["everything", "", "Mine", "open"])
def test_unknown_view_raises(floor, new_ticket, view):
    ref = new_ticket()
    with pytest.raises(ValueError, match="unknown queue view"):
        queue_page(floor, view)
    with pytest.raises(ValueError, match="unknown queue view"):
        queue_total(floor, view)
    with pytest.raises(ValueError, match="unknown queue view"):
        position_of(floor, ref, view)


def test_every_view_is_known(floor, as_li, new_ticket):
    new_ticket()
    for view in VIEWS:
        page = queue_page(as_li, view)
        assert page.total == len(page.rows) == queue_total(as_li, view)


# ----------------------------------------------------------------------------- row flags


def _update_due_flags_match_view(session):
    rows = queue_page(session, limit=10_000).rows
    due = set(refs(session, "update_due"))
    assert {r.ref for r in rows if r.update_due} == due
    return due


def test_update_due_flag_matches_the_view(floor, clock, new_ticket):
    clock.set(sh(2026, 11, 19, 15, 0))
    old = new_ticket()
    clock.set(NOW)
    fresh = new_ticket()
    told = new_ticket()
    log_contact(floor, told, "out", "进度：已补发")
    assert _update_due_flags_match_view(floor) == {old, fresh}
    clock.set(sh(2026, 11, 20, 17, 30))
    late = new_ticket()
    assert _update_due_flags_match_view(floor) == {old, fresh}
    assert not rows_by_ref(floor)[late].update_due
    clock.set(sh(2026, 11, 21, 10, 0))
    assert _update_due_flags_match_view(floor) == set()


def test_responded_flag(floor, new_ticket):
    silent, answered, called_in = new_ticket(), new_ticket(), new_ticket()
    log_contact(floor, answered, "out", "已回复客户")
    log_contact(floor, called_in, "in", "客户来电")
    rows = rows_by_ref(floor)
    assert not rows[silent].responded
    assert rows[answered].responded
    assert not rows[called_in].responded


# ----------------------------------------------------------------------------- text filter


@pytest.fixture
def customers(floor, new_ticket):
    """Tickets for two customers: C001 华东贸易 (phone ...5678) and C002 西南物流 / 西南快运."""
    add_customer(
        floor,
        CustomerForm(
            code="C002",
            name="西南物流股份有限公司",
            short_name="西南快运",
            contact_person="王芳",
            phone="13900001111",
            type="old",
        ),
    )
    t = {}
    t["east_invoice"] = new_ticket(description="客户询问发票开具流程")  # T000001
    t["east_missing"] = new_ticket(description="到货少了一箱，漏发")  # T000002
    t["west_delay"] = new_ticket(customer_code="C002", description="物流配送延迟三天")  # T000003
    t["west_howto"] = new_ticket(customer_code="C002", description="How to reset the scanner")  # T000004
    return t


def test_filter_by_exact_ref(floor, customers):
    assert refs(floor, text="T000002") == [customers["east_missing"]] == ["T000002"]


@pytest.mark.parametrize("typed", ["t2", "T2", " t02 ", "t000002"])
def test_filter_by_typed_ref(floor, customers, typed):
    assert refs(floor, text=typed) == ["T000002"]
    assert queue_total(floor, text=typed) == 1


def test_filter_by_customer_code(floor, customers):
    assert set(refs(floor, text="C002")) == {customers["west_delay"], customers["west_howto"]}
    assert set(refs(floor, text="c001")) == {customers["east_invoice"], customers["east_missing"]}


def test_filter_by_customer_name_and_short_name(floor, customers):
    west = {customers["west_delay"], customers["west_howto"]}
    east = {customers["east_invoice"], customers["east_missing"]}
    assert set(refs(floor, text="西南物流股份")) == west  # in the name
    assert set(refs(floor, text="快运")) == west  # only in the short name
    assert set(refs(floor, text="华东贸易")) == east
    assert set(refs(floor, text="贸易有限公司")) == east


def test_filter_by_phone_tail(floor, customers):
    assert set(refs(floor, text="5678")) == {customers["east_invoice"], customers["east_missing"]}
    assert set(refs(floor, text="1111")) == {customers["west_delay"], customers["west_howto"]}
    assert set(refs(floor, text="1234-5678")) == {customers["east_invoice"], customers["east_missing"]}
    # the phone's middle is not its tail
    assert refs(floor, text="1234") == []


def test_filter_by_phone_tail_of_a_formatted_phone(floor, new_ticket):
    add_customer(floor, CustomerForm(code="C003", name="北方电器", phone="138-0000-4321"))
    ref = new_ticket(customer_code="C003")
    assert refs(floor, text="4321") == [ref]  # passes today
    assert refs(floor, text="0000-4321") == [ref]  # the tail exactly as stored
    assert refs(floor, text="00004321") == [ref]  # the tail as digits


def test_filter_by_words_in_the_description(floor, customers):
    assert refs(floor, text="发票") == [customers["east_invoice"]]
    assert refs(floor, text="漏发") == [customers["east_missing"]]
    assert refs(floor, text="配送延迟") == [customers["west_delay"]]
    assert refs(floor, text="scanner") == [customers["west_howto"]]
    assert refs(floor, text="SCANNER") == [customers["west_howto"]]  # ASCII case does not matter
    assert refs(floor, text="不存在的词") == []
    assert queue_total(floor, text="不存在的词") == 0


def test_blank_filter_is_no_filter(floor, customers):
    assert refs(floor, text="   ") == refs(floor) == refs(floor, text="")
    assert queue_total(floor, text="  ") == 4


def test_filter_combined_with_a_view(floor, as_li, customers):
    claim(as_li, customers["west_delay"])
    claim(as_li, customers["east_invoice"])
    assert refs(floor, "unclaimed", "C002") == [customers["west_howto"]]
    assert queue_total(floor, "unclaimed", "C002") == 1
    assert refs(as_li, "mine", "西南") == [customers["west_delay"]]
    assert refs(as_li, "mine", "5678") == [customers["east_invoice"]]
    assert refs(as_li, "mine", "t4") == []
    assert refs(floor, "unclaimed", "t2") == ["T000002"]


def test_filtered_rows_keep_queue_order(floor, clock, customers, new_ticket):
    earlier = new_ticket(customer_code="C002", tier="red", received_at=sh(2026, 11, 20, 9, 0))
    # west_delay is red by its words (延迟): due 10:15; west_howto 10:30; earlier overdue (09:15)
    assert refs(floor, text="C002") == [customers["west_delay"], customers["west_howto"], earlier]


def test_resolved_tickets_are_not_found_by_the_filter(floor, as_li, customers):
    resolve(as_li, customers["east_missing"])
    assert refs(floor, text="t2") == []
    assert refs(floor, text="漏发") == []


# ----------------------------------------------------------------------------- paging


@pytest.fixture
def many(floor, new_ticket, as_li):
    """Eleven open tickets at mixed due times (and two resolved ones that never show)."""
    made = []
    for minute in (0, 50, 5, 30, 30, 10, 55, 20, 30, 45, 0):
        tier = ("red", "yellow", "green")[minute % 3]
        made.append(new_ticket(tier=tier, received_at=sh(2026, 11, 20, 9, minute)))
    for _ in range(2):
        resolve(as_li, new_ticket())
    return made


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 11, 50])
def test_pages_concatenate_to_the_full_ordered_list(floor, many, limit):
    full = refs(floor)
    assert len(full) == 11
    assert sorted(full) == sorted(many)
    seen = []
    for offset in range(0, len(full), limit):
        page = queue_page(floor, offset=offset, limit=limit)
        assert page.offset == offset
        assert page.total == 11
        assert len(page.rows) == min(limit, 11 - offset)
        seen.extend(r.ref for r in page.rows)
    assert seen == full


def test_full_list_is_sorted_by_band_then_due(floor, many):
    rows = queue_page(floor, limit=100).rows
    bands = bands_at(floor.policy, floor.now())
    keys = [bands.key(r.next_due_at, Ticket.get(Ticket.ref == r.ref).id) for r in rows]
    assert keys == sorted(keys)
    assert {bands.band(r.next_due_at) for r in rows} == {AT_RISK, OVERDUE}


def test_total_does_not_depend_on_offset(floor, many):
    totals = {queue_page(floor, offset=offset, limit=3).total for offset in (0, 3, 9, 10, 11, 500)}
    assert totals == {11}


def test_offset_past_the_end_gives_no_rows(floor, many):
    for offset in (11, 12, 1000):
        page = queue_page(floor, offset=offset, limit=5)
        assert page.rows == ()
        assert page.total == 11


def test_negative_offset_reads_from_the_top(floor, many):
    page = queue_page(floor, offset=-3, limit=2)
    assert page.offset == 0
    assert [r.ref for r in page.rows] == refs(floor)[:2]


def test_paging_a_view_with_a_filter(floor, as_li, many):
    for ref in many[::2]:
        claim(as_li, ref)
    full = refs(floor, "unclaimed")
    assert len(full) == 5
    windows = [queue_page(floor, "unclaimed", offset=o, limit=2) for o in (0, 2, 4)]
    assert [r.ref for w in windows for r in w.rows] == full
    assert {w.total for w in windows} == {5}


def test_empty_queue(floor):
    page = queue_page(floor)
    assert page.rows == () and page.total == 0 and page.offset == 0


# ----------------------------------------------------------------------------- position_of


def test_position_of_is_the_index_in_the_view(floor, ordered):
    full = refs(floor)
    for index, ref in enumerate(full):
        assert position_of(floor, ref) == index


def test_position_of_in_views_and_filters(floor, as_li, many):
    for ref in many[1::3]:
        claim(as_li, ref)
    for session, view, text in [
        (floor, "unclaimed", None),
        (as_li, "mine", None),
        (floor, "breaching", None),
        (floor, "at_risk_or_overdue", None),
        (floor, "at_risk_or_overdue", "C001"),
        (floor, "all", "C001"),
        (floor, "unclaimed", "5678"),
    ]:
        shown = refs(session, view, text)
        assert shown, (view, text)
        for index, ref in enumerate(shown):
            assert position_of(session, ref, view, text) == index, (view, text, ref)


def test_position_of_a_ref_not_in_the_view(floor, as_li, ordered):
    assert position_of(floor, ordered["f"]) is None  # resolved
    assert position_of(floor, ordered["g"]) is None  # closed
    assert position_of(floor, "T999999") is None  # unknown
    assert position_of(floor, "") is None
    claim(as_li, ordered["c"])
    assert position_of(floor, ordered["c"], "unclaimed") is None
    assert position_of(floor, ordered["c"], "mine") is None  # boss does not own it
    assert position_of(as_li, ordered["c"], "mine") == 0
    assert position_of(floor, ordered["c"], "all", "不存在的词") is None


def test_position_of_follows_the_queue_as_it_moves(floor, clock, ordered):
    assert position_of(floor, ordered["d"]) == 6
    change_tier(floor, ordered["c"], "red", "客户要求今天处理")  # due 10:15: at risk, before e
    log_contact(floor, ordered["a"], "out", "已回复客户")  # a: now ranked by its solution due 13:00
    assert refs(floor) == [ordered[n] for n in ["c", "e", "h", "i", "b", "a", "d"]]
    assert position_of(floor, ordered["a"]) == 5
    assert position_of(floor, ordered["c"]) == 0
    assert position_of(floor, ordered["b"]) == 4


# ----------------------------------------------------------------------------- counts


def test_queue_counts_per_tier_and_band(floor, ordered):
    counts = queue_counts(floor)
    # open: a, h, i, d yellow; b, e red; c green. At risk: e, h, i. Overdue: a, b.
    assert counts.open_by_tier == {"red": 2, "yellow": 4, "green": 1}
    assert counts.open == 7 == queue_total(floor)
    assert counts.at_risk == 3
    assert counts.overdue == 2 == queue_total(floor, "breaching")
    assert counts.at_risk + counts.overdue == 5 == queue_total(floor, "at_risk_or_overdue")
    assert counts.rest == 2


def test_queue_counts_on_an_empty_floor(floor):
    counts = queue_counts(floor)
    assert counts.open_by_tier == {"red": 0, "yellow": 0, "green": 0}
    assert counts.open == 0 and counts.overdue == 0 and counts.at_risk == 0


def test_queue_counts_follow_changes_and_the_clock(floor, clock, as_li, ordered):
    change_tier(floor, ordered["c"], "red", "客户要求今天处理")
    resolve(as_li, ordered["a"])
    counts = queue_counts(floor)
    assert counts.open_by_tier == {"red": 3, "yellow": 3, "green": 0}
    assert counts.overdue == 1  # b
    assert counts.at_risk == 4  # c, e (10:15), h, i (10:30)
    clock.set(sh(2026, 11, 20, 10, 31))  # c, e (10:15) and h, i (10:30) are late now; d is not
    counts = queue_counts(floor)
    assert counts.overdue == 5 == queue_total(floor, "breaching") == queue_total(floor, "at_risk_or_overdue")
    assert counts.at_risk == 0


# ----------------------------------------------------------------------------- bands


@pytest.fixture
def banded(floor, as_li, new_ticket, clock):
    """Tickets in every band, with ties, created out of queue order; returns name -> ref.
    At Friday 10:00 the at-risk window runs to 11:00.

    at risk   now1  red    received 09:45, due 10:00 (now: not overdue yet)
              r1    red    received 10:00, due 10:15
              y1    yellow received 10:00, due 10:30 (ties with y2, g1; created first)
              y2    yellow received 10:00, due 10:30
              g1    green  received 09:30, due 10:30
    overdue   x1    yellow received 09:00, due 09:30 (least overdue; ties with x2)
              x2    yellow received 08:00: its clock starts at 09:00, due 09:30
              o1    red    received 09:00, due 09:15 (ties with o2; created first)
              o2    red    received 07:00: its clock starts at 09:00, due 09:15
              old   green  received Thursday 10:00, due Thursday 11:00
    the rest  edge  green  received 10:00, due 11:00 (the window's end is not in it)
              sol   yellow received 10:00, answered by li: solution due 14:00
              mon   yellow received 10:00, answered by li: solution due 14:00 (tie with sol)
    """
    t = {}
    t["edge"] = new_ticket(tier="green")
    t["o1"] = new_ticket(tier="red", received_at=sh(2026, 11, 20, 9, 0))
    t["y1"] = new_ticket(tier="yellow")
    t["old"] = new_ticket(tier="green", received_at=sh(2026, 11, 19, 10, 0))
    t["x1"] = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 9, 0))
    t["sol"] = new_ticket(tier="yellow")
    t["now1"] = new_ticket(tier="red", received_at=sh(2026, 11, 20, 9, 45))
    t["x2"] = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 8, 0))
    t["y2"] = new_ticket(tier="yellow")
    t["o2"] = new_ticket(tier="red", received_at=sh(2026, 11, 20, 7, 0))
    t["r1"] = new_ticket(tier="red")
    t["g1"] = new_ticket(tier="green", received_at=sh(2026, 11, 20, 9, 30))
    t["mon"] = new_ticket(tier="yellow")
    for name in ("sol", "mon"):
        log_contact(as_li, t[name], "out", "已回复客户")  # li answered first: they are li's
    return t


BANDED = ["now1", "r1", "y1", "y2", "g1", "x2", "x1", "o2", "o1", "old", "edge", "sol", "mon"]
"""The overdue band is the index walked backwards: least overdue first, and among tickets due at
the same instant the newer one first (x2 before x1, o2 before o1)."""


def test_the_bands_in_order(floor, banded):
    assert refs(floor) == [banded[name] for name in BANDED]
    rows = rows_by_ref(floor)
    bands = bands_at(floor.policy, floor.now())
    assert bands.risk_until == sh(2026, 11, 20, 11, 0)
    assert [bands.band(rows[banded[name]].next_due_at) for name in BANDED] == [
        *[AT_RISK] * 5,
        *[OVERDUE] * 5,
        *[REST] * 3,
    ]


def test_a_red_ticket_with_14_minutes_left_is_above_every_overdue_green_one(floor, new_ticket):
    greens = [new_ticket(tier="green", received_at=sh(2026, 11, 19, 10, m)) for m in range(0, 60, 3)]
    red = new_ticket(tier="red", received_at=sh(2026, 11, 20, 9, 59))
    assert time_left(rows_by_ref(floor)[red], floor.now()) == timedelta(minutes=14)
    assert refs(floor)[0] == red
    assert set(refs(floor)[1:]) == set(greens)
    assert position_of(floor, red) == 0 == position_of(floor, red, "at_risk_or_overdue")
    assert queue_page(floor, limit=1).rows[0].ref == red


@pytest.mark.parametrize("limit", [1, 2, 3, 4, 5, 6, 7, 13, 50])
def test_pages_across_the_band_edges_concatenate_to_the_whole_queue(floor, banded, limit):
    full = refs(floor)
    for offset in range(0, len(full) + 2):
        page = queue_page(floor, offset=offset, limit=limit)
        assert [r.ref for r in page.rows] == full[offset : offset + limit], (offset, limit)
        assert page.total == len(full) == 13


def test_a_page_spanning_two_bands_and_one_starting_inside_a_band(floor, banded):
    def names(offset, limit):
        by_ref = {ref: name for name, ref in banded.items()}
        return [by_ref[r.ref] for r in queue_page(floor, offset=offset, limit=limit).rows]

    assert names(4, 2) == ["g1", "x2"]  # the last at risk, the first overdue
    assert names(3, 9) == ["y2", "g1", "x2", "x1", "o2", "o1", "old", "edge", "sol"]  # three bands
    assert names(7, 2) == ["o2", "o1"]  # inside the overdue band
    assert names(9, 2) == ["old", "edge"]  # the last overdue, the first of the rest
    assert names(11, 5) == ["sol", "mon"]  # inside the rest, to the end


def test_a_view_pages_by_the_same_bands(floor, as_li, banded):
    for name in ("r1", "y2", "x1", "old"):
        claim(as_li, banded[name])
    assert refs(as_li, "mine") == [banded[n] for n in ("r1", "y2", "x1", "old", "sol", "mon")]
    assert refs(floor, "unclaimed") == [banded[n] for n in ("now1", "y1", "g1", "x2", "o2", "o1", "edge")]
    full = refs(floor, "unclaimed")
    for limit in (1, 2, 3):
        seen = []
        for offset in range(0, len(full), limit):
            seen.extend(r.ref for r in queue_page(floor, "unclaimed", offset=offset, limit=limit).rows)
        assert seen == full


def test_the_at_risk_or_overdue_view_is_the_at_risk_band_then_the_overdue_one(floor, banded):
    assert refs(floor, "at_risk_or_overdue") == [banded[name] for name in BANDED[:10]]
    assert refs(floor, "breaching") == [banded[name] for name in BANDED[5:10]]
    assert queue_page(floor, "at_risk_or_overdue", offset=4, limit=2).rows[1].ref == banded["x2"]


def test_position_of_agrees_with_the_pages_in_every_view_and_search(
    floor, as_li, banded, warehouse, new_ticket
):
    for name in ("r1", "x1", "old"):
        claim(as_li, banded[name])
    for name in ("y1", "o2", "edge"):
        handoff(banded[name], "sent", warehouse)
    log_contact(floor, banded["x2"], "out", "进度：已联系仓库")  # pays today's update
    add_customer(floor, CustomerForm(code="C002", name="西南物流", phone="13900001111"))
    west = [
        new_ticket(customer_code="C002", tier="red", received_at=sh(2026, 11, 20, 9, 0)),  # overdue
        new_ticket(customer_code="C002", tier="green"),  # the rest
        new_ticket(customer_code="C002", tier="red"),  # at risk
    ]
    claim(as_li, west[0])
    everything = set(banded.values()) | set(west)
    for session in (floor, as_li):
        for view in VIEWS:
            for text in (None, "C002", "C001", "发票", "1111", "t5", "不存在的词"):
                shown = refs(session, view, text)
                assert len(shown) == queue_total(session, view, text), (view, text)
                for index, ref in enumerate(shown):
                    assert position_of(session, ref, view, text) == index, (session.login, view, text, ref)
                for ref in everything - set(shown):
                    assert position_of(session, ref, view, text) is None, (session.login, view, text, ref)
    assert refs(floor, text="C002") == [west[2], west[0], west[1]]
    assert refs(as_li, "mine", "1111") == [west[0]]


def test_the_at_risk_window_counts_working_time(floor, clock, new_ticket):
    clock.set(sh(2026, 11, 20, 17, 55))  # Friday: five working minutes left today
    friday = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 17, 50))  # due Monday 09:20
    green = new_ticket(tier="green", received_at=sh(2026, 11, 20, 17, 40))  # due Monday 09:40
    answered = new_ticket(tier="yellow", received_at=sh(2026, 11, 20, 17, 50))
    log_contact(floor, answered, "out", "已回复客户")  # solution due Monday 12:50
    assert risk_until(floor.policy, floor.now()) == sh(2026, 11, 23, 9, 55)  # 5 min + 55 min Monday
    assert refs(floor, "at_risk_or_overdue") == [friday, green]
    assert refs(floor) == [friday, green, answered]
    counts = queue_counts(floor)
    assert (counts.at_risk, counts.overdue, counts.rest) == (2, 0, 1)


def test_the_at_risk_window_in_calendar_time_and_none_at_all():
    friday_evening = sh(2026, 11, 20, 17, 55)
    calendar = parse_policy('[sla]\nmode = "calendar"\n', "floor.toml")
    assert risk_until(calendar, friday_evening) == sh(2026, 11, 20, 18, 55)
    wide = parse_policy('[sla]\nmode = "calendar"\nat_risk = "2h"\n', "floor.toml")
    assert risk_until(wide, friday_evening) == sh(2026, 11, 20, 19, 55)
    none = replace(calendar, at_risk=timedelta(0))
    assert risk_until(none, friday_evening) == friday_evening
    assert bands_at(none, friday_evening).band(friday_evening) == REST
    # (a policy cannot say 0; a window of nothing in working time would start at Monday 09:00)
    business_none = replace(parse_policy("", "floor.toml"), at_risk=timedelta(0))
    assert risk_until(business_none, sh(2026, 11, 21, 20, 0)) == sh(2026, 11, 21, 20, 0)


def test_calendar_mode_bands_by_the_clock(floor, clock, new_ticket):
    floor.policy = parse_policy('[sla]\nmode = "calendar"\n', "floor.toml")
    clock.set(sh(2026, 11, 21, 23, 0))  # Saturday night: calendar time runs on
    soon = new_ticket(tier="green", received_at=sh(2026, 11, 21, 22, 30))  # due 23:30
    later = new_ticket(tier="green")  # due Sunday 00:00: the window ends there
    late = new_ticket(tier="red", received_at=sh(2026, 11, 21, 22, 0))  # due 22:15
    assert refs(floor) == [soon, late, later]
    assert refs(floor, "at_risk_or_overdue") == [soon, late]


def test_the_clock_moves_a_ticket_from_the_rest_to_at_risk_to_overdue(floor, clock, ordered):
    d = ordered["d"]  # solution due 14:00
    steps = [
        (sh(2026, 11, 20, 12, 0), REST),
        (sh(2026, 11, 20, 13, 0), REST),  # the window ends at 14:00, and is open there
        (sh(2026, 11, 20, 13, 1), AT_RISK),
        (sh(2026, 11, 20, 14, 0), AT_RISK),  # due now: not yet overdue
        (sh(2026, 11, 20, 14, 1), OVERDUE),
    ]
    for at, band in steps:
        clock.set(at)
        rows = rows_by_ref(floor)
        assert bands_at(floor.policy, floor.now()).band(rows[d].next_due_at) == band, at
        assert (d in refs(floor, "at_risk_or_overdue")) == (band != REST), at
        assert (d in refs(floor, "breaching")) == (band == OVERDUE), at
    # 14:01: d is the least overdue of them all, so the first overdue row (nothing is at risk)
    assert refs(floor)[0] == d
    assert position_of(floor, d) == 0


def test_header_counts_moved_by_the_clock_match_counting_again(floor, clock, ordered):
    counts = queue_counts(floor)
    assert (counts.at_risk, counts.overdue) == (3, 2)
    for at in [
        sh(2026, 11, 20, 10, 16),  # e overdue; c (11:00) at risk
        sh(2026, 11, 20, 10, 30),  # h, i due now: still at risk
        sh(2026, 11, 20, 10, 31),  # h, i overdue
        sh(2026, 11, 20, 13, 1),  # c overdue; d (14:00) at risk
        sh(2026, 11, 20, 17, 30),  # d overdue; the window reaches into Monday
        sh(2026, 11, 21, 12, 0),  # Saturday
        sh(2026, 11, 23, 9, 0),  # Monday morning
        sh(2026, 11, 20, 10, 20),  # a clock set back: e, b, a overdue; h, i, c at risk again
    ]:
        clock.set(at)
        move = clock_moved(floor, counts, floor.now())
        counts = move.applied(counts)
        fresh = queue_counts(floor)
        assert counts == fresh, at
        assert (counts.at, counts.risk_until) == (fresh.at, fresh.risk_until), at
        if at == sh(2026, 11, 23, 9, 0):
            assert (counts.at_risk, counts.overdue) == (0, 7)
    assert (counts.at_risk, counts.overdue) == (3, 3)


def test_falling_due_and_entering_risk_count_an_index_range(floor, ordered):
    assert falling_due(floor, sh(2026, 11, 20, 10, 0), sh(2026, 11, 20, 10, 30)) == 1  # e
    assert falling_due(floor, sh(2026, 11, 20, 10, 0), sh(2026, 11, 20, 10, 31)) == 3  # e, h, i
    assert entering_risk(floor, sh(2026, 11, 20, 11, 0), sh(2026, 11, 20, 11, 1)) == 1  # c
    assert entering_risk(floor, sh(2026, 11, 20, 11, 1), sh(2026, 11, 20, 14, 0)) == 0
    with pytest.raises(ValueError):
        clock_moved(floor, QueueCounts({"red": 0, "yellow": 0, "green": 0}, 0), floor.now())


def test_header_counts_moved_by_changes_between_bands_match_counting_again(floor, as_li, clock, ordered):
    before, start = counts_as_of(floor)
    change_tier(floor, ordered["c"], "red", "客户要求今天处理")  # the rest -> at risk (10:15)
    log_contact(floor, ordered["a"], "out", "已回复客户")  # overdue -> the rest (solution 13:00)
    log_contact(floor, ordered["e"], "out", "已回复客户")  # at risk -> the rest (solution 12:00)
    change_tier(floor, ordered["h"], "green", "客户说不急")  # at risk -> the rest (11:00)
    resolve(as_li, ordered["b"])  # overdue -> gone
    reopened = ordered["f"]
    set_status(floor, reopened, "in_progress", "客户说问题仍在")  # gone -> at risk (10:20)
    _, changes = changes_since(floor, start)
    moved = counted(before, changes.tickets, before.at)
    assert moved == queue_counts(floor)
    assert (moved.at_risk, moved.overdue) == (3, 0)  # c (10:15), f (10:20), i (10:30)


# ----------------------------------------------------------------------------- change signal


def _cli(floor_db: FloorDb, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER="boss", CALLFLOOR_NOW="2026-11-20T10:00+08:00", **floor_db.env())
    done = subprocess.run([str(CALLFLOOR), *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_change_token_is_steady_when_nothing_happens(floor, new_ticket):
    new_ticket()
    token = change_token(floor)
    queue_page(floor)
    queue_counts(floor)
    assert change_token(floor) == token == change_token(floor)


def test_change_token_does_not_move_for_the_sessions_own_writes(floor, as_li, new_ticket):
    """As docs/architecture.md says: data_version ignores this connection's writes; refresh after them."""
    token = change_token(floor)
    ref = new_ticket()
    add_note(as_li, ref, "自己的备注")
    assert change_token(floor) == token


def test_change_token_moves_when_another_process_commits(floor, floor_db, new_ticket):
    ref = new_ticket()
    token = change_token(floor)
    _cli(floor_db, "ticket", "note", ref, "另一个终端的备注")
    moved = change_token(floor)
    assert moved != token
    assert change_token(floor) == moved  # and stays put until the next commit elsewhere
    _cli(floor_db, "ticket", "note", ref, "又一条备注")
    assert change_token(floor) != moved
