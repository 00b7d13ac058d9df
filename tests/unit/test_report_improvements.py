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


def test_a_weeks_actions_are_counted_once_each_way(floor, dept, clock, new_ticket):
    clock.set(sh(2026, 11, 16, 10))  # Monday W47
    first = add_action(
        floor, "快递", dept, "li", 3, "share below 20%", Problem(category="efficiency"), [new_ticket()]
    )
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
        floor,
        "快递",
        dept,
        "li",
        3,
        "delivery share below 20%",
        Problem("efficiency", "delivery_delay"),
        [new_ticket()],
    )
    mark_done(floor, number)
    close_action(floor, number, "物流数据已达标")  # closed in W47
    assert improvements_in(floor, week("2026-W47")).closed[0].measured is None  # no full week yet
    _tickets(new_ticket, clock, sh(2026, 11, 24, 10), delays=1, others=9)  # W48: 10%
    _tickets(new_ticket, clock, sh(2026, 12, 1, 10), delays=3, others=7)  # W49: 30%
    [w48] = improvements_in(floor, week("2026-W48")).closed
    assert (w48.weeks, w48.matching, w48.received, w48.measured, w48.met) == (("2026-W48",), 1, 10, 0.1, True)
    assert improvements_in(floor, week("2026-W49")).closed[0].weeks == ("2026-W48",)  # W49 under way
    clock.set(sh(2026, 12, 7, 10))
    [w49] = improvements_in(floor, week("2026-W49")).closed
    assert (w49.weeks, w49.measured, w49.met) == (("2026-W48", "2026-W49"), 0.2, False)  # 4 of 20: not below
    assert w49.as_json(TZ)["expected"] == {"measure": "share", "op": "below", "value": 0.2}


def test_a_phrase_alone_is_measured_by_the_descriptions_that_say_it(floor, dept, clock, new_ticket):
    clock.set(sh(2026, 11, 16, 10))
    number = add_action(floor, "提速", dept, "li", 3, "每周数量少于3", Problem(phrase="物流太慢"))
    close_action(floor, number, "已改")
    _tickets(new_ticket, clock, sh(2026, 11, 24, 10), delays=2, others=5)
    clock.set(sh(2026, 11, 30, 9))
    [result] = improvements_in(floor, week("2026-W48")).closed
    assert (result.measured, result.met) == (2, True)


# ------------------------------------------------------------------ screen, JSON and workbook agree


def _closed_and_open(floor, dept, clock, new_ticket):
    clock.set(sh(2026, 11, 16, 10))
    closed = add_action(
        floor, "快递", dept, "li", 3, "delivery share below 20%", Problem("efficiency", "delivery_delay")
    )
    close_action(floor, closed, "物流数据已达标")
    late = add_action(
        floor,
        '=HYPERLINK("http://evil.example","点我")',
        dept,
        "wang",
        2,
        "count below 3",
        Problem(phrase="慢"),
    )
    _tickets(new_ticket, clock, sh(2026, 11, 24, 10), delays=1, others=3)  # W48: 25%
    clock.set(sh(2026, 12, 1, 10))
    return closed, late


def test_the_report_screens_part_agrees_with_the_json_and_drills_to_actions_and_tickets(
    floor, dept, clock, new_ticket
):
    from core.report import drill, report_json, report_view

    closed, late = _closed_and_open(floor, dept, clock, new_ticket)
    w48 = week("2026-W48")
    said = report_json(floor, week="2026-W48")["improvements"]
    view = report_view(floor, w48, "en")
    part = next(p for p in view.parts if p.name == "improvements")
    assert view.json["improvements"] == said
    counts = {line.name: line for line in part.lines if line.name.startswith("improvements.")}
    assert {name.split(".")[1]: line.now for name, line in counts.items()} == {
        k: said[k] for k in ("opened", "due", "late", "done", "closed")
    }
    assert said["late"] == 1 and counts["improvements.opened"].before == 2  # both opened in W47
    listed = drill.drill(floor, w48, counts["improvements.late"].ask, "en")
    assert [(r.kind, r.ident, r.who) for r in listed.rows] == [("action", late, "wang")]
    assert "LATE" in listed.rows[0].detail
    [measured] = [line for line in part.lines if line.name == f"A{closed}"]
    assert (measured.kind, measured.now) == ("rate", 0.25) and measured.detail == "2026-W48, 1 of 4 tickets"
    assert measured.label == "A1 not met (share below 20%): 快递"  # the verdict before the title
    tickets = drill.drill(floor, w48, measured.ask, "en")
    assert tickets.total == said["closed_results"][0]["matching_tickets"] == 1
    zh = next(p for p in report_view(floor, w48, "zh").parts if p.name == "improvements")
    assert zh.title == "改进措施" and zh.lines[-1].label == "A1 未达成（占比低于20%）：快递"


def test_the_workbooks_improvements_sheet_reads_back(floor, dept, clock, new_ticket, tmp_path):
    import openpyxl

    from core.report.workbook import export_week

    closed, late = _closed_and_open(floor, dept, clock, new_ticket)
    path = export_week(floor, "2026-W48", tmp_path / "w48.xlsx").path
    ws = openpyxl.load_workbook(path)["Improvements"]
    table = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=3)]
    assert table[0] == [
        "Action", "Title", "Problem", "Status", "Department", "Owner", "Deadline", "This week", "Expected",
        "Measured share", "Measured a week", "Weeks measured", "Met",
    ]  # fmt: skip
    assert table[1][:6] == [
        f"A{late}",
        '=HYPERLINK("http://evil.example","点我")',
        "“慢”",
        "Open",
        "Logistics",  # the department as the policy names it
        "wang",
    ]
    assert ws.cell(row=2, column=2).data_type == "s"  # typed text, never a formula
    assert table[1][7:10] == ["late", "count a week below 3", None]
    assert table[2][:4] == [f"A{closed}", "快递", "Service efficiency / Delivery delay", "Closed"]
    assert table[2][8:] == ["share below 20%", 0.25, None, "2026-W48 – 2026-W48", "No"]
    assert ws.cell(row=3, column=10).number_format == "0.00%"
    assert ws.cell(row=2, column=7).is_date and ws.column_dimensions["G"].width >= 16  # no #####
    note = ws.cell(row=5, column=1).value
    assert note.startswith("Actions this week: opened 0 · due 0 · late 1 · done 0 · closed 0.")
    zh = openpyxl.load_workbook(export_week(floor, "2026-W48", tmp_path / "zh.xlsx", language="zh").path)
    sheet = zh["改进措施"]
    assert sheet.cell(row=1, column=1).value == "措施" and sheet.cell(row=3, column=4).value == "已闭环"
    assert sheet.cell(row=3, column=3).value == "服务效率 / 物流配送"
    assert sheet.cell(row=3, column=9).value == "占比低于20%" and sheet.cell(row=3, column=13).value == "否"
