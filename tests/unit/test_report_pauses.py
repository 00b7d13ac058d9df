"""The weekly report's in-target figures on the paused clock (issue 16), on a fixture week built
by hand and worked out by hand.

The week is 2026-W48 (Monday 2026-11-23 00:00 to Monday 2026-11-30 00:00, Shanghai), reported
on Monday 2026-11-30 at 15:00 floor time. Every time below is floor time. The default policy
counts business time: Mon-Fri 09:00-18:00 (no holiday falls in these weeks); every ticket is
yellow (response 30 min, solution 4 h) but G, green (response 1 h, solution 24 h).

What happened, in order:

    Mon 11-23 10:00  A received; li claims it 10:05 and sets it waiting 10:10 (what was asked)
    Tue 11-24 09:00  C received; li claims it 09:05 and sets it waiting 09:20
              11:00  A's customer calls back (inbound contact): A's clock runs again
              14:00  li resolves A
    Wed 11-25 10:00  li resolves C while it is still waiting
              14:00  D received; wang claims it 14:40 and sets it waiting 14:45 (still waiting)
    Thu 11-26 09:00  E received; li calls the customer 09:10 (first response, claims it)
              10:00  F received; li sets E waiting
              10:02  wang claims F; 10:03 hands it to the warehouse; boss records the answer
                     10:10; wang tells the customer 10:25 (F's only outbound contact)
              11:00  E's customer replies: E's clock runs again
              16:00  li resolves E
    Fri 11-27 14:00  B received; wang claims it 14:05 and calls the customer 14:20
              15:00  G received; wang answers it 15:30
              16:00  wang sets B waiting
    Mon 11-30 10:00  B's customer replies: B's clock runs again (across the weekend)
              11:30  wang resolves B
              15:00  the report (as of)

The response clock (never paused):

    A  due Mon 10:30  answered 10:10 by setting it waiting               in target
    C  due Tue 09:30  answered 09:20 by setting it waiting               in target
    D  due Wed 14:30  answered 14:45 by setting it waiting               late
    E  due Thu 09:30  answered 09:10 (a call)                            in target
    F  due Thu 10:30  answered 10:25 by telling the department's answer  in target
    B  due Fri 14:30  answered 14:20                                     in target
    G  due Fri 16:00  answered 15:30                                     in target
    floor 6 / 7 = 0.857142... -> 0.8571; li (A, C, E) 3 / 3; wang (D, F, B, G) 3 / 4 = 0.75

The solution clock, its pauses and the working minutes they held:

    A  due Mon 14:00. Paused Mon 10:10 -> Tue 11:00 (a night): held Mon 10:10-18:00 (470) +
       Tue 09:00-11:00 (120) = 590 min. Moved on: Mon 14:00-18:00 (240), then 350 min from
       Tue 09:00 -> due Tue 14:50. Resolved Tue 14:00: counted, in target.
    C  due Tue 13:00. Paused Tue 09:20 -> resolved Wed 10:00 (the clock runs again first):
       held Tue 09:20-18:00 (520) + Wed 09:00-10:00 (60) = 580 min. Moved on: Tue 13:00-18:00
       (300), then 280 min from Wed 09:00 -> due Wed 13:40. Resolved Wed 10:00: in target.
    D  due Wed 18:00. Paused since Wed 14:45, still paused now, past its original due time:
       left out (how long the pause will hold is not known yet).
    E  due Thu 13:00. Paused Thu 10:00 -> 11:00: held 60 min -> due Thu 14:00. Resolved 16:00:
       counted, late despite the pause.
    F  due Thu 14:00, no pause (the policy does not pause on handoffs), in progress: past due,
       counted, late.
    B  due Fri 18:00. Paused Fri 16:00 -> Mon 11-30 10:00 (a weekend): held Fri 16:00-18:00
       (120) + Mon 09:00-10:00 (60) = 180 min -> due Mon 11-30 12:00. Resolved Mon 11:30:
       in target.
    G  due 24 working hours after Fri 15:00: Fri 3 h, Mon 9 h, Tue 9 h, Wed 3 h -> Wed 12-02
       12:00. In progress, not yet due: left out.
    floor: counted A, C, E, F, B; in target A, C, B: 3 / 5 = 0.6
    li: A, C, E: 2 / 3 = 0.6667; wang: F, B (D paused, G not due): 1 / 2 = 0.5
    (Without the pauses A, C and B would have been late, and D counted late: 0 / 6.)
"""

from __future__ import annotations

import openpyxl
import pytest

from core.admin.setup import init_floor
from core.handoffs.lifecycle import add_handoff, answer_handoff, sync_handoff
from core.report import weekly_figures
from core.report.book import SUMMARY_TABLE_ROW
from core.report.workbook import export_week
from core.tickets.lifecycle import claim, load, log_contact, set_status
from tests.conftest import sh

AS_OF = sh(2026, 11, 30, 15, 0)


@pytest.fixture
def week48(floor, as_li, as_wang, clock, new_ticket):
    init_floor(floor)  # the policy's departments, for F's handoff
    refs = {}

    def at(when):
        clock.set(when)

    def receive(name, when, **fields):
        at(when)
        refs[name] = new_ticket(tier=fields.pop("tier", "yellow"), **fields)
        return refs[name]

    a = receive("A", sh(2026, 11, 23, 10, 0))
    at(sh(2026, 11, 23, 10, 5)), claim(as_li, a)
    at(sh(2026, 11, 23, 10, 10)), set_status(as_li, a, "waiting", "请客户补拍破损照片")
    c = receive("C", sh(2026, 11, 24, 9, 0))
    at(sh(2026, 11, 24, 9, 5)), claim(as_li, c)
    at(sh(2026, 11, 24, 9, 20)), set_status(as_li, c, "waiting", "请客户确认型号")
    at(sh(2026, 11, 24, 11, 0)), log_contact(as_li, a, "in", "客户发来了照片")
    at(sh(2026, 11, 24, 14, 0)), set_status(as_li, a, "resolved", "已补发")
    at(sh(2026, 11, 25, 10, 0)), set_status(as_li, c, "resolved", "客户确认后已换货")
    d = receive("D", sh(2026, 11, 25, 14, 0))
    at(sh(2026, 11, 25, 14, 40)), claim(as_wang, d)
    at(sh(2026, 11, 25, 14, 45)), set_status(as_wang, d, "waiting", "请客户提供发票号")
    e = receive("E", sh(2026, 11, 26, 9, 0))
    at(sh(2026, 11, 26, 9, 10)), log_contact(as_li, e, "out", "已致电客户")
    f = receive("F", sh(2026, 11, 26, 10, 0))
    set_status(as_li, e, "waiting", "请客户提供订单号")
    at(sh(2026, 11, 26, 10, 2)), claim(as_wang, f)
    at(sh(2026, 11, 26, 10, 3))
    handoff = add_handoff(as_wang, f, "warehouse", "核实库存", "+2h").id
    at(sh(2026, 11, 26, 10, 10)), answer_handoff(floor, handoff, "有货，今天发")
    at(sh(2026, 11, 26, 10, 25)), sync_handoff(as_wang, handoff)
    at(sh(2026, 11, 26, 11, 0)), log_contact(as_li, e, "in", "客户提供了订单号")
    at(sh(2026, 11, 26, 16, 0)), set_status(as_li, e, "resolved", "已退款")
    b = receive("B", sh(2026, 11, 27, 14, 0))
    at(sh(2026, 11, 27, 14, 5)), claim(as_wang, b)
    at(sh(2026, 11, 27, 14, 20)), log_contact(as_wang, b, "out", "已致电客户")
    g = receive("G", sh(2026, 11, 27, 15, 0), tier="green")
    at(sh(2026, 11, 27, 15, 30)), log_contact(as_wang, g, "out", "已回复")
    at(sh(2026, 11, 27, 16, 0)), set_status(as_wang, b, "waiting", "请客户提供收货地址")
    at(sh(2026, 11, 30, 10, 0)), log_contact(as_wang, b, "in", "客户提供了地址")
    at(sh(2026, 11, 30, 11, 30)), set_status(as_wang, b, "resolved", "已重新发货")
    at(AS_OF)
    return refs


def test_the_due_times_are_the_ones_worked_out_by_hand(week48):
    due = {name: load(ref).solution_due_at for name, ref in week48.items()}
    assert due == {
        "A": sh(2026, 11, 24, 14, 50),  # Mon 14:00 + 590 working minutes held
        "C": sh(2026, 11, 25, 13, 40),  # Tue 13:00 + 580
        "D": sh(2026, 11, 25, 18, 0),  # still paused: not moved yet
        "E": sh(2026, 11, 26, 14, 0),  # Thu 13:00 + 60
        "F": sh(2026, 11, 26, 14, 0),
        "B": sh(2026, 11, 30, 12, 0),  # Fri 18:00 + 180
        "G": sh(2026, 12, 2, 12, 0),
    }
    assert load(week48["D"]).paused_at == sh(2026, 11, 25, 14, 45)
    assert load(week48["F"]).first_response_at == sh(2026, 11, 26, 10, 25)  # told the department's answer
    assert load(week48["C"]).first_response_at == sh(2026, 11, 24, 9, 20)  # set waiting


def test_the_in_target_figures_use_the_paused_clock(floor, week48):
    figures = weekly_figures(floor, "2026-W48")
    assert figures.received == 7
    assert figures.first_response_in_target_rate == 0.8571  # 6 / 7: D was answered late
    assert figures.solution_in_target_rate == 0.6  # A, C, B of A, C, E, F, B
    agents = {
        a["login"]: (a["tickets_owned"], a["first_response_in_target_rate"], a["solution_in_target_rate"])
        for a in figures.as_json()["agents"]
    }
    assert agents == {
        "li": (3, 1.0, 0.6667),  # A, C, E: all answered in time; E resolved late
        "wang": (4, 0.75, 0.5),  # D answered late; F late, B in target, D paused, G not due
    }
    as_json = figures.as_json()
    keys = list(as_json)
    assert keys.index("solution_in_target_rate") == keys.index("first_response_in_target_rate") + 1
    assert as_json["solution_in_target_rate"] == 0.6


def test_a_paused_ticket_counts_once_its_clock_runs_and_is_judged_on_the_moved_due_time(
    floor, week48, clock, as_wang
):
    """D's customer replies on Tuesday 12-01 at 10:00: held Wed 14:45-18:00 (195) + Thu, Fri
    and Mon (540 each) + Tue 09:00-10:00 (60) = 1875 working minutes, so its due time Wed 18:00
    moves on by 31 h 15 min of working time: Thu, Fri, Mon (27 h), then 4 h 15 min from Tue
    09:00 -> Tue 13:15. Running and not yet due: still left out. Resolved at 10:30, in target:
    floor A, C, B, D of A, C, E, F, B, D: 4 / 6; wang B, D of F, B, D: 2 / 3."""
    d = week48["D"]
    clock.set(sh(2026, 12, 1, 10, 0))
    log_contact(as_wang, d, "in", "客户提供了发票号")
    assert load(d).solution_due_at == sh(2026, 12, 1, 13, 15)
    assert weekly_figures(floor, "2026-W48").solution_in_target_rate == 0.6  # D not yet due
    clock.set(sh(2026, 12, 1, 10, 30))
    set_status(as_wang, d, "resolved", "已补开发票")
    figures = weekly_figures(floor, "2026-W48")
    assert figures.solution_in_target_rate == 0.6667
    assert figures.first_response_in_target_rate == 0.8571  # the response figure does not move
    wang = next(a for a in figures.agents if a.login == "wang")
    assert wang.solution_in_target_rate == 0.6667


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Resolved in target"), ("zh", "解决及时率")],
)
def test_the_workbook_shows_the_solution_figure_beside_the_response_one(
    floor, week48, tmp_path, language, label
):
    result = export_week(floor, "2026-W48", tmp_path / f"w48-{language}.xlsx", language=language)
    book = openpyxl.load_workbook(result.path)
    summary = {
        r[4].value: r
        for r in book.worksheets[0].iter_rows(min_row=SUMMARY_TABLE_ROW + 2)  # the Summary (汇总)
        if r[4].value is not None
    }
    keys = list(summary)
    assert keys.index("solution_in_target_rate") == keys.index("first_response_in_target_rate") + 1
    row = summary["solution_in_target_rate"]
    assert row[0].value == label
    # this week 0.6; W47 had no tickets: no rate, no change
    assert [c.value for c in row[1:4]] == [0.6, None, None]
    assert row[1].number_format == summary["first_response_in_target_rate"][1].number_format == "0.00%"
    assert summary["first_response_in_target_rate"][1].value == 0.8571
    agents = book["Agents" if language == "en" else "客服"]
    header = [c.value for c in agents[1]]
    at = header.index(label)
    assert header[at - 1] == ("First response in target" if language == "en" else "首响及时率")
    shown = {
        r[0].value: (r[at - 1].value, r[at].value, r[at].number_format) for r in agents.iter_rows(min_row=2)
    }
    assert shown == {"li": (1.0, 0.6667, "0.00%"), "wang": (0.75, 0.5, "0.00%")}
