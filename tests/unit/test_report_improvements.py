"""The weekly report's Improvements part (issue 23): actions opened, due, late, done and closed
in a week, and a closed action's expected figure against the one measured in the weeks since.
Frozen clock; the weeks are 2026-W47 (Mon 11-16) onwards, Shanghai time."""

from __future__ import annotations

import pytest

from core.handoffs.directory import add_department
from core.improvement import Problem, add_action, close_action, mark_done
from core.report.improvements import improvements_in
from core.report.week import Week
from tests.conftest import sh

TZ = sh(2026, 1, 1).tzinfo


def week(label):
    return Week.parse(label, sh(2027, 1, 1), TZ)


@pytest.fixture
def dept(floor):
    add_department(floor, "logistics")
    return "logistics"


def _tickets(new_ticket, clock, day, delays, others):
    clock.set(day)
    for _ in range(delays):
        new_ticket(description="物流太慢", category="efficiency", subtag="delivery_delay")
    for _ in range(others):
        new_ticket(description="发票抬头", category="billing")


def test_a_weeks_actions_are_counted_once_each_way(floor, dept, clock):
    clock.set(sh(2026, 11, 16, 10))  # Monday W47
    first = add_action(floor, "快递", dept, "li", 3, "share below 20%", Problem(category="efficiency"))
    second = add_action(floor, "话术", dept, "li", 20, "count below 3", Problem(phrase="态度差"))
    clock.set(sh(2026, 11, 23, 10))  # W48: the first is past its deadline (Thursday 11-19)
    w47, w48 = improvements_in(floor, week("2026-W47")), improvements_in(floor, week("2026-W48"))
    assert w47.counts == {"opened": 2, "due": 1, "late": 1, "done": 0, "closed": 0}
    assert w48.counts == {"opened": 0, "due": 0, "late": 1, "done": 0, "closed": 0}
    mark_done(floor, first)  # done late, in W48
    w48 = improvements_in(floor, week("2026-W48"))
    assert w48.counts["done"] == 1 and w48.counts["late"] == 1
    assert [a.number for a in w48.actions] == [first]
    assert improvements_in(floor, week("2026-W49")).counts["late"] == 0  # done before W49 began
    assert second not in [a.number for a in w48.actions]


def test_a_closed_action_is_measured_over_the_full_weeks_since(floor, dept, clock, new_ticket):
    clock.set(sh(2026, 11, 16, 10))
    number = add_action(
        floor, "快递", dept, "li", 3, "delivery share below 20%", Problem("efficiency", "delivery_delay")
    )
    mark_done(floor, number)
    close_action(floor, number, "物流数据已达标")  # closed in W47
    assert improvements_in(floor, week("2026-W47")).closed[0].measured is None  # no full week yet
    _tickets(new_ticket, clock, sh(2026, 11, 24, 10), delays=1, others=9)  # W48: 10%
    _tickets(new_ticket, clock, sh(2026, 12, 1, 10), delays=3, others=7)  # W49: 30%
    [w48] = improvements_in(floor, week("2026-W48")).closed
    assert (w48.weeks, w48.matching, w48.received, w48.measured, w48.met) == (("2026-W48",), 1, 10, 0.1, True)
    [w49] = improvements_in(floor, week("2026-W49")).closed
    assert (w49.weeks, w49.measured, w49.met) == (("2026-W48", "2026-W49"), 0.2, False)  # 4 of 20: not below
    assert w49.as_json()["expected"] == {"measure": "share", "op": "below", "value": 0.2}


def test_a_phrase_alone_is_measured_by_the_descriptions_that_say_it(floor, dept, clock, new_ticket):
    clock.set(sh(2026, 11, 16, 10))
    number = add_action(floor, "提速", dept, "li", 3, "每周数量少于3", Problem(phrase="物流太慢"))
    close_action(floor, number, "已改")
    _tickets(new_ticket, clock, sh(2026, 11, 24, 10), delays=2, others=5)
    [result] = improvements_in(floor, week("2026-W48")).closed
    assert (result.measured, result.met) == (2, True)
