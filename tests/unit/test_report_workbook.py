"""The weekly report's workbook (issue 6), read back with an independent reader (openpyxl).

The week is test_report_figures' fixture week 2026-W47, worked out by hand there
(EXPECTED_W47); the workbook must show exactly those figures. Other weeks are made here for
what that week does not have (a formula-like description, phones and order numbers in text).
"""

from __future__ import annotations

import dataclasses
import threading
import zipfile
from datetime import UTC, datetime
from xml.etree import ElementTree

import openpyxl
import pytest

from core.basics.errors import InvalidInput, NotAllowed, StorageProblem
from core.report import Week, alongside, export_file, period_phrases, ratio, weekly_figures
from core.report import workbook as report_workbook
from core.report.book import LOW_FILL, NOTES_ROW, SUMMARY_TABLE_ROW, TOP_FILL
from core.report.cells import mask_free_text, text_width
from core.report.streamed import xml_text
from core.report.workbook import export_week
from db.models import Callback, Customer
from tests.conftest import SHANGHAI, sh
from tests.unit.test_report_figures import AS_OF, EXPECTED_W47, at

SHEETS = [
    "Summary",
    "Channels",
    "Categories",
    "Response",
    "Handoffs",
    "Agents",
    "Callbacks",
    "Tickets",
    "Suggestions",
    "Phrases",
    "Improvements",
]
ZH_SHEETS = ["汇总", "渠道", "分类", "响应", "协作", "客服", "回访", "工单", "建议", "客户常说", "改进措施"]
FORMULA = '=HYPERLINK("http://evil.example","点我")'
W46 = {
    "received": 1,
    "resolution_rate": 0.0,
    "fcr_rate": None,
    "first_response_in_target_rate": 0.0,
    "solution_in_target_rate": 0.0,
    "waited_over_1h_rate": 1.0,
    "longest_wait_minutes": 10680,
    "satisfaction_avg": 3.67,
    "callbacks_done": 3,
    "low_scores": 0,
    "warmth_rate": 1.0,
}
"""The week before the fixture week as of the report: T0 only (never answered: 7 days 10 h 0 min 46 s
so far; its solution was due Mon 11-16 13:00, so it counts and is late), CB10..CB12 (4, 3, 4;
warmth answered by CB10 only)."""


def export(session, week, tmp_path, name="report.xlsx", **options):
    result = export_week(session, week, tmp_path / name, **options)
    return result, openpyxl.load_workbook(result.path)


def rows(ws, first=1):
    return [list(r) for r in ws.iter_rows(min_row=first, values_only=True)]


def files(folder) -> list[str]:
    """What is in folder besides the floor's database."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("floor.db"))


def summary_figures(ws) -> dict:
    """key (column E) -> (this week, last week, change): the figures' table under its heading
    at SUMMARY_TABLE_ROW (0-based); a rate's change is in percentage points."""
    return {r[4]: tuple(r[1:4]) for r in rows(ws, SUMMARY_TABLE_ROW + 2) if r[4]}


@pytest.fixture
def w47(floor, week47, tmp_path):
    result, book = export(floor, "2026-W47", tmp_path)
    return result, book


def test_every_sheet_is_there_in_the_issue_s_order(w47):
    result, book = w47
    assert book.sheetnames == SHEETS
    assert (result.week, result.tickets) == ("2026-W47", 7)
    assert result.path.name == "report.xlsx" and result.path.is_absolute() and result.seconds > 0


def test_the_summary_shows_weekly_figures_exactly_beside_last_week_s(floor, w47):
    _, book = w47
    shown = summary_figures(book["Summary"])
    assert list(shown) == [
        "received",
        "resolution_rate",
        "fcr_rate",
        "first_response_in_target_rate",
        "solution_in_target_rate",
        "waited_over_1h_rate",
        "longest_wait_minutes",
        "satisfaction_avg",
        "callbacks_done",
        "low_scores",
        "warmth_rate",
    ]
    for key, (this, last, _) in shown.items():
        assert this == EXPECTED_W47[key], key
        assert last == W46[key], key
    assert shown["satisfaction_avg"] == (
        3.0,
        EXPECTED_W47["satisfaction_prev"],
        EXPECTED_W47["satisfaction_change"],
    )
    assert shown["received"][2] == 6 and shown["longest_wait_minutes"][2] == 7260 - 10680
    assert shown["resolution_rate"][2] == 57.14 and shown["waited_over_1h_rate"][2] == -71.43  # points
    assert shown["fcr_rate"][1:] == (None, None)  # no resolved ticket last week: no rate, no change
    ws = book["Summary"]
    assert ws["A1"].value == "Weekly report 2026-W47"
    assert [ws[f"B{r}"].value for r in (3, 4, 5)] == [
        datetime(2026, 11, 16),
        datetime(2026, 11, 23),
        AS_OF.replace(tzinfo=None),
    ]
    assert ws["B6"].value == "masked (138****5678)"


def test_the_trend_has_eight_weeks_and_a_combined_chart_on_a_secondary_axis(w47):
    result, book = w47
    ws = book["Summary"]
    trend = [r[:3] for r in rows(ws) if isinstance(r[0], str) and r[0].startswith("2026-W")]
    assert [r[0] for r in trend] == [f"2026-W{n}" for n in range(40, 48)]
    assert trend[-2:] == [["2026-W46", 1, 3.67], ["2026-W47", 7, 3]]
    assert len(ws._charts) == 1 and len(book["Categories"]._charts) == 1
    with zipfile.ZipFile(result.path) as xlsx:
        charts = sorted(n for n in xlsx.namelist() if n.startswith("xl/charts/chart"))
        combined = xlsx.read(charts[0]).decode()
    assert len(charts) == 2
    assert "<c:barChart>" in combined and "<c:lineChart>" in combined
    assert combined.count("<c:valAx>") == 2  # volume on the left, satisfaction on the secondary axis
    assert "Summary!$C$" in combined and "Summary!$B$" in combined


def test_the_other_sheets_agree_with_the_figures(floor, w47):
    _, book = w47
    channels = rows(book["Channels"], 2)
    assert [r[:3] for r in channels] == [
        ["Phone", 4, 0.5714],
        ["Online ticket", 1, 0.1429],
        ["Online chat", 1, 0.1429],
        ["Email", 1, 0.1429],
        ["Face to face", 0, 0],
        ["Social media", 0, 0],
        [
            "Total",
            7,
            1,
        ],
    ]
    categories = rows(book["Categories"], 2)
    assert [r for r in categories if r[3]] == [
        ["Service efficiency", 2, 0.2857, "★ 1"],
        ["Product quality", 2, 0.2857, "★ 2"],
        ["Staff attitude", 1, 0.1429, "★ 3"],
    ]
    assert book["Categories"]["A2"].fill.fgColor.rgb.endswith(TOP_FILL[1:])
    assert sum(r[1] for r in categories[:-1]) == 7 and categories[-1][:2] == ["Total", 7]
    response = rows(book["Response"], 2)
    # red: T3 (5 min); green: T4 (90 min, late); yellow: T1, T2 (late), T5 (never), T6, T7
    assert response == [
        ["Red", 1, 1, 1, 1, 0, 0, 5],
        ["Yellow", 5, 5, 3, 0.6, 1, 0.2, 7260],
        ["Green", 1, 1, 0, 0, 1, 1, 90],
        ["Total", 7, 7, 4, 0.5714, 2, 0.2857, 7260],
    ]
    assert response[-1][4] == EXPECTED_W47["first_response_in_target_rate"]
    assert response[-1][6] == EXPECTED_W47["waited_over_1h_rate"]
    handoffs = {r[0]: r[1:] for r in rows(book["Handoffs"], 2)}
    assert handoffs == {
        "Logistics": [1, 0, 1, 1],
        "Production": [0, 0, 0, 0],
        "R&D": [0, 0, 0, 0],
        "Tech support": [1, 1, 0, 1],
        "Warehouse": [2, 1, 1, 0],
        "Total": [4, 2, 2, 2],
    }
    agents = rows(book["Agents"], 2)
    assert [r[0] for r in agents] == ["boss", "li", "wang"]
    for shown, expected in zip(agents, EXPECTED_W47["agents"], strict=True):
        assert shown[0] == expected["login"] and shown[2:] == [
            expected[k]
            for k in (
                "tickets_owned",
                "first_response_in_target_rate",
                "solution_in_target_rate",
                "resolved",
                "fcr_rate",
                "callbacks_done",
                "satisfaction_avg",
                "warmth_rate",
            )
        ]
    assert agents[1][1] == "李娜"


def test_the_tickets_sheet_is_an_excel_table_with_filters_and_a_frozen_header(floor, w47):
    result, book = w47
    ws = book["Tickets"]
    table = ws.tables["Tickets"]
    assert table.ref == "A1:R8" and table.autoFilter.ref == "A1:R8"
    assert ws.freeze_panes == "B2"  # the header row and the ref column stay in view
    header, *data = rows(ws)
    assert header[:3] == ["Ref", "Received", "Channel"] and header[-1] == "Description"
    assert [c.name for c in table.tableColumns] == header
    assert len(data) == 7 and [r[0] for r in data] == [f"T{n:06d}" for n in range(2, 9)]
    t5 = data[4]
    assert t5[1:11] == [
        sh(2026, 11, 18, 9, 0).replace(tzinfo=None),
        "Online chat",
        "Staff attitude",
        None,
        "Yellow",
        "New",
        None,
        "C001",
        "华东贸易有限公司",
        "138****5678",
    ]
    assert t5[11:17] == [None, datetime(2026, 11, 18, 9, 30), None, 7260, 0, 0]


def test_dates_are_real_excel_dates_in_floor_time(w47):
    _, book = w47
    received = book["Tickets"]["B2"]
    assert received.is_date and received.data_type == "d" and "yyyy" in received.number_format
    assert received.value == datetime(2026, 11, 16, 9, 0)  # 09:00 floor time, not 01:00 UTC
    completed = book["Callbacks"]["A2"]
    assert completed.is_date and completed.value == datetime(2026, 11, 16, 0, 0)
    assert book["Summary"]["B5"].is_date


def test_callbacks_low_scores_are_highlighted_with_their_follow_up_state(floor, week47, tmp_path):
    Callback.update(follow_up_status="open").where(Callback.key == "cb3").execute()
    Callback.update(follow_up_status="done", feedback="等太久了", suggestion="加快响应").where(
        Callback.key == "cb4"
    ).execute()
    _, book = export(floor, "2026-W47", tmp_path)
    ws = book["Callbacks"]
    header, *data = rows(ws)
    assert ws.tables["Callbacks"].ref == "A1:O7"
    assert header[8] == "Overall" and header[13] == "Follow-up"
    assert [(r[6], r[8], r[13]) for r in data] == [
        ("li", 5, None),
        ("li", 4, None),
        ("wang", 2, "Open"),
        ("boss", 1, "Done"),
        ("wang", None, None),
        (None, 3, None),
    ]
    fills = [ws.cell(row=n, column=9).fill.fgColor.rgb for n in range(2, 8)]
    assert [f.endswith(LOW_FILL[1:]) for f in fills] == [False, False, True, True, False, False]
    assert ws.cell(row=4, column=1).fill.fgColor.rgb.endswith(LOW_FILL[1:])  # the whole row
    suggestions = rows(book["Suggestions"], 2)
    assert suggestions == [
        ["Suggestion", "加快响应", 1, 0.1667, 1, datetime(2026, 11, 20, 16, 0)],
        ["Feedback", "等太久了", 1, 0.1667, 1, datetime(2026, 11, 20, 16, 0)],
    ]


def test_a_formula_like_description_stays_text(floor, clock, new_ticket, tmp_path):
    at(clock, sh(2026, 11, 25, 9, 0))
    new_ticket(description=FORMULA)
    new_ticket(description="+1-2 @SUM(A1) -3")
    at(clock, sh(2026, 11, 30, 10, 0))
    result, book = export(floor, "2026-W48", tmp_path)
    cells = [book["Tickets"].cell(row=n, column=18) for n in (2, 3)]
    assert [(c.value, c.data_type) for c in cells] == [(FORMULA, "s"), ("+1-2 @SUM(A1) -3", "s")]
    with zipfile.ZipFile(result.path) as xlsx:
        for name in xlsx.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in xlsx.read(name), name  # no formula anywhere


def test_the_phrases_sheet_ranks_what_customers_kept_saying_in_the_workbook_s_language(
    floor, clock, new_ticket, tmp_path
):
    """Issue 23: rank, phrase, tickets, their share of the tickets that said anything, examples;
    a phrase is the customers' words, always text (here from a formula's)."""
    at(clock, sh(2026, 11, 25, 9, 0))
    refs = [
        new_ticket(description="物流配送延迟"),
        new_ticket(description="物流配送延迟，响应慢"),
        new_ticket(description='=HYPERLINK("http://evil.example","响应慢")'),
    ]
    at(clock, sh(2026, 11, 30, 10, 0))
    said = period_phrases(floor, Week(2026, 48, SHANGHAI))
    result, book = export(floor, "2026-W48", tmp_path)
    ws = book["Phrases"]
    assert rows(ws)[0] == ["Rank", "Phrase", "Tickets", "Share", "Example tickets"]
    body = rows(ws, 2)[: len(said.phrases)]
    assert body[:2] == [
        [1, "物流配送延迟", 2, 0.6667, f"{refs[0]}, {refs[1]}"],
        [2, "响应慢", 2, 0.6667, f"{refs[1]}, {refs[2]}"],
    ]
    assert body == [
        [rank, p.text, p.count, ratio(p.count, said.tickets), ", ".join(p.examples)]
        for rank, p in enumerate(said.phrases, 1)
    ]
    assert {"hyperlink", "evil"} <= {row[1] for row in body}
    assert all(ws.cell(row=n, column=2).data_type == "s" for n in range(2, len(body) + 2))
    assert ws.cell(row=len(body) + 3, column=1).value.endswith("of the 3 tickets that said anything.")
    with zipfile.ZipFile(result.path) as xlsx:
        for name in xlsx.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in xlsx.read(name), name
    _, zh = export(floor, "2026-W48", tmp_path, "zh.xlsx", language="zh")
    assert rows(zh["客户常说"])[:2] == [
        ["排名", "常说的话", "工单数", "占比", "示例工单"],
        [1, "物流配送延迟", 2, 0.6667, f"{refs[0]}, {refs[1]}"],
    ]
    _, empty = export(floor, "2026-W40", tmp_path, "empty.xlsx")
    assert rows(empty["Phrases"], 2) == [["None this week.", None, None, None, None]]


def test_phones_and_order_numbers_are_masked_unless_a_supervisor_asks(
    floor, as_li, clock, new_ticket, tmp_path
):
    text = "订单SO20261125 漏发, 请回电 13912345678 / order 1023"
    at(clock, sh(2026, 11, 25, 9, 0))
    new_ticket(description=text)
    at(clock, sh(2026, 11, 30, 10, 0))
    _, masked = export(floor, "2026-W48", tmp_path, "masked.xlsx")
    row = rows(masked["Tickets"], 2)[0]
    assert row[10] == "138****5678"
    assert row[17] == "订单SO2****125 漏发, 请回电 139****5678 / order ****"
    _, clear = export(floor, "2026-W48", tmp_path, "clear.xlsx", clear=True)
    row = rows(clear["Tickets"], 2)[0]
    assert (row[10], row[17]) == ("13812345678", text)
    assert clear["Summary"]["B6"].value.startswith("CLEAR")
    with pytest.raises(NotAllowed, match="only a supervisor may export the clear report.*li is an agent"):
        export_week(as_li, "2026-W48", tmp_path / "agent.xlsx", clear=True)
    assert not (tmp_path / "agent.xlsx").exists()
    # masked is anyone's, in the floor's exports folder for an agent (here tmp_path)
    as_li.policy = dataclasses.replace(as_li.policy, exports_folder=str(tmp_path))
    export_week(as_li, "2026-W48", tmp_path / "agent.xlsx")
    assert files(tmp_path) == ["agent.xlsx", "clear.xlsx", "masked.xlsx"]


def test_masking_free_text():
    assert (
        mask_free_text("订单号: SO12345678, 电话 +86 138-1234-5678") == "订单号: SO1****678, 电话 138****5678"
    )
    assert (
        mask_free_text("Order A-99812 and order confirmation for purchase orders")
        == "Order A***812 and order confirmation for purchase orders"
    )
    assert mask_free_text("工单 T000123 on 2026-11-20") == "工单 T000123 on 2026-11-20"  # refs and dates stay
    assert mask_free_text(None) == ""


def test_an_empty_week_gives_zeros_and_a_note(floor, week47, tmp_path):
    result, book = export(floor, "2026-W40", tmp_path)
    assert result.tickets == 0 and book.sheetnames == SHEETS
    ws = book["Summary"]
    notes = [r[0] for r in rows(ws, NOTES_ROW + 1)[:2]]
    assert rows(ws, NOTES_ROW)[0][0] is None and rows(ws, NOTES_ROW + 3)[0][0] is None  # set apart
    assert notes[0].startswith("No feedback was received in this week") and notes[1].startswith("No callback")
    shown = summary_figures(ws)
    assert (
        shown["received"][0] == 0
        and shown["callbacks_done"][0] == 0
        and shown["longest_wait_minutes"][0] == 0
    )
    assert shown["resolution_rate"][0] is None and shown["satisfaction_avg"][0] is None
    tickets = book["Tickets"]
    assert (
        rows(tickets, 2) == [] and tickets.tables["Tickets"].ref == "A1:R2"
    )  # one empty row under the header
    assert rows(book["Channels"], 2)[-1] == ["Total", 0, None, 0, 0]


def test_a_future_or_bad_week_is_refused_and_leaves_no_file(floor, week47, tmp_path):
    with pytest.raises(InvalidInput, match="2026-W49 has not begun yet"):
        export_week(floor, "2026-W49", tmp_path / "r.xlsx")
    with pytest.raises(InvalidInput, match="not an ISO week"):
        export_week(floor, "week 47", tmp_path / "r.xlsx")
    assert files(tmp_path) == []


def test_where_the_file_goes_is_checked_first(floor, week47, tmp_path):
    with pytest.raises(InvalidInput, match="folder .*missing does not exist"):
        export_week(floor, "2026-W47", tmp_path / "missing" / "r.xlsx")
    with pytest.raises(InvalidInput, match="does not end in .xlsx"):
        export_week(floor, "2026-W47", tmp_path / "r.csv")
    with pytest.raises(InvalidInput, match="is a folder"):
        export_week(floor, "2026-W47", tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        if not _writable(locked):  # root writes anywhere: nothing to refuse then
            with pytest.raises(
                StorageProblem, match="cannot write in .*locked.*choose a folder you can write to"
            ):
                export_week(floor, "2026-W47", locked / "r.xlsx")
    finally:
        locked.chmod(0o700)


def _writable(folder) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def test_a_failed_export_leaves_no_half_file_and_keeps_the_old_one(floor, week47, tmp_path, monkeypatch):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"last week's report")

    def broken(*args, **kwargs):
        yield from ()
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(report_workbook, "callback_rows", broken)
    with pytest.raises(
        StorageProblem, match="could not save .*r.xlsx .No space left on device.; nothing was saved"
    ):
        export_week(floor, "2026-W47", target)
    assert target.read_bytes() == b"last week's report"
    assert files(tmp_path) == ["r.xlsx"]  # no part, no work folder

    monkeypatch.undo()
    # the last step links the whole file into place (never over a file that is there)
    monkeypatch.setattr(export_file.os, "link", lambda *a: (_ for _ in ()).throw(OSError(5, "I/O error")))
    with pytest.raises(StorageProblem, match="could not save .*r.xlsx.*nothing was saved"):
        export_week(floor, "2026-W47", target)
    assert target.read_bytes() == b"last week's report"
    assert files(tmp_path) == ["r.xlsx"]


def test_progress_runs_from_0_to_1_through_the_phases_in_the_exporting_thread(floor, week47, tmp_path):
    calls = []
    export_week(
        floor,
        "2026-W47",
        tmp_path / "r.xlsx",
        progress=lambda fraction, phase: calls.append((fraction, phase, threading.get_ident())),
    )
    fractions = [c[0] for c in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    phases = [c[1] for c in calls]
    assert (
        phases[0] == "figures" and phases[-1] == "saving" and set(phases) == {"figures", "tickets", "saving"}
    )
    assert phases == sorted(phases, key=["figures", "tickets", "saving"].index)
    assert {c[2] for c in calls} == {threading.get_ident()}


def test_columns_are_wide_enough_for_chinese_text(floor, week47, tmp_path):
    Customer.update(name="华东贸易有限公司上海分公司").execute()
    _, book = export(floor, "2026-W47", tmp_path)
    ws = book["Tickets"]
    assert ws.column_dimensions["J"].width >= text_width("华东贸易有限公司上海分公司")  # 26 cells, not 13
    assert ws.column_dimensions["A"].width < 15  # a ref is short
    assert book["Agents"].column_dimensions["B"].width >= 10


def test_the_workbook_in_chinese(floor, week47, tmp_path):
    result, book = export(floor, "2026-W47", tmp_path, language="zh")
    assert book.sheetnames == ZH_SHEETS  # sheet names follow the language
    assert book["汇总"]["A1"].value == "周报 2026-W47"
    assert rows(book["渠道"], 2)[0][:2] == ["电话", 4]
    assert rows(book["工单"], 1)[0][:2] == ["工单号", "反馈时间"]
    assert rows(book["工单"], 2)[0][5:7] == ["二级", "已完成"]  # tier and status in words
    assert book["工单"].tables["Tickets"].ref == "A1:R8"  # the table keeps its (ASCII) name
    assert rows(book["响应"], 2)[0][0] == "一级"
    summary = book["汇总"]
    assert summary.cell(row=SUMMARY_TABLE_ROW + 1, column=5).value == "JSON"
    rate = summary.cell(row=SUMMARY_TABLE_ROW + 3, column=4)  # resolution_rate's change
    assert rate.value == 57.14 and rate.number_format == '+0.00" 个百分点";-0.00" 个百分点";0.00" 个百分点"'
    with zipfile.ZipFile(result.path) as xlsx:
        charts = [xlsx.read(n).decode() for n in xlsx.namelist() if n.startswith("xl/charts/chart")]
    assert any("汇总!$B$" in c or "'汇总'!$B$" in c for c in charts)  # series name the localized sheet
    assert any("分类!$A$2" in c or "'分类'!$A$2" in c for c in charts)
    with pytest.raises(InvalidInput, match="not a report language"):
        export_week(floor, "2026-W47", tmp_path / "x.xlsx", language="fr")


def test_every_part_of_the_file_is_well_formed_xml(w47):
    result, _ = w47
    with zipfile.ZipFile(result.path) as xlsx:
        assert xlsx.testzip() is None
        for name in xlsx.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(xlsx.read(name))


def test_text_escaping_follows_excel_s_rules():
    assert xml_text("a<b & c\x07 _x0041_ end") == "<is><t>a&lt;b &amp; c_x0007_ _x005F_x0041_ end</t></is>"
    assert xml_text(" 前后有空格 ") == '<is><t xml:space="preserve"> 前后有空格 </t></is>'
    assert xml_text("x" * 40_000).endswith(" …</t></is>") and len(xml_text("x" * 40_000)) < 32_800


def test_the_workbook_and_report_json_are_one_snapshot(floor, week47, tmp_path):
    """The figures read for the workbook are weekly_figures' at the same moment."""
    _, book = export(floor, "2026-W47", tmp_path)
    assert {k: v[0] for k, v in summary_figures(book["Summary"]).items()} == {
        k: v for k, v in weekly_figures(floor, "2026-W47").as_json().items() if k in W46
    }


# ---------------------------------------------------------------- how the rows are read


def test_the_engine_neutral_reads_give_what_sqlite_computes(floor, week47, monkeypatch):
    """Other engines read the times and work out day numbers, waits and counts in Python."""
    from core.report import export_rows

    week = weekly_figures(floor, "2026-W47").week
    clock = export_rows.FloorClock(floor.policy.calendar.tz, week, floor.now())
    tickets = [row[:18] for row in export_rows.ticket_rows(floor, week, clock)]
    callbacks = [row[:17] for row in export_rows.callback_rows(floor, week, clock)]
    tallies = export_rows.ticket_tallies(floor, week, floor.now())
    assert tickets[4][:2] == ("T000006", "46344.3750000000")  # T5: Wed 11-18 09:00 floor time
    assert tickets[4][14] == 7260 and tickets[4][11] is None  # waited 7260 minutes so far, never answered
    assert callbacks[0][0] == "46342.0000000000" and callbacks[0][12] == 1  # Mon 00:00, warm
    monkeypatch.setattr(export_rows, "is_sqlite", lambda db: False)
    assert [tuple(r) for r in export_rows.ticket_rows(floor, week, clock)] == tickets
    assert [tuple(r) for r in export_rows.callback_rows(floor, week, clock)] == callbacks
    assert export_rows.ticket_tallies(floor, week, floor.now()) == tallies
    assert (tallies.floor.counted, tallies.floor.met, tallies.floor.over, tallies.floor.longest) == (
        7,
        4,
        2,
        7260 * 60 + 45,
    )


@pytest.mark.sqlite_only("SQLite's SQL for the day numbers (the export's fast path on SQLite files)")
def test_day_numbers_follow_the_zone_s_clock_changes_and_times_far_away(floor):
    """Berlin: SQLite's CASE over the offsets agrees with Python to the digit, on both sides of
    each change; a time outside the 400-day window gets no day number from SQL."""
    from zoneinfo import ZoneInfo

    from core.report.export_rows import FloorClock, serial_text
    from core.report.week import parse_week

    berlin = ZoneInfo("Europe/Berlin")
    now = datetime(2026, 11, 24, 8, tzinfo=UTC)
    clock = FloorClock(berlin, parse_week("2026-W13", now, berlin), now)
    assert len(clock.pieces) > 2  # summer and winter time in the window
    samples = [start + d for start, _ in clock.pieces[1:] for d in (-1, 0, 1)] + [clock.low, clock.high - 1]
    for unix in samples:
        local = datetime.fromtimestamp(unix, UTC).astimezone(berlin).replace(tzinfo=None)
        expected = serial_text(int((local - datetime(1970, 1, 1)).total_seconds()))
        assert floor.db.execute_sql(f"SELECT {clock.sql_serial(str(unix))}").fetchone()[0] == expected
        assert clock.serial(unix) == expected
    assert floor.db.execute_sql(f"SELECT {clock.sql_serial(str(clock.high))}").fetchone()[0] is None
    assert serial_text(0) == "25569.0000000000" and serial_text(86399) == "25569.9999884259"


def test_a_time_outside_the_window_still_gets_its_day_number(floor, clock, new_ticket, tmp_path):
    """An imported first response years before the receipt (the figures count it as a wait of 0)."""
    from db.models import Ticket

    at(clock, sh(2026, 11, 25, 9, 0))
    ref = new_ticket()
    Ticket.update(first_response_at=sh(2020, 1, 2, 3, 4)).where(Ticket.ref == ref).execute()
    at(clock, sh(2026, 11, 30, 10, 0))
    _, book = export(floor, "2026-W48", tmp_path)
    row = rows(book["Tickets"], 2)[0]
    assert row[11] == datetime(2020, 1, 2, 3, 4) and row[14] == 0


@pytest.mark.sqlite_only("figures read alongside on a second connection to the SQLite file (data_version)")
def test_figures_read_alongside_are_dropped_when_the_floor_changed_in_between(
    floor, week47, tmp_path, monkeypatch
):
    """If another connection committed between the two snapshots, the figures are read again
    in the rows' transaction: the workbook stays one moment of the floor."""
    versions, reads = iter(range(100)), []
    real = alongside.read_figures
    monkeypatch.setattr(alongside, "_data_version", lambda session: next(versions))
    monkeypatch.setattr(alongside, "read_figures", lambda s, w: reads.append(1) or real(s, w))
    _, book = export(floor, "2026-W47", tmp_path)
    assert len(reads) == 2  # once alongside, once again here
    monkeypatch.setattr(alongside, "_data_version", lambda session: 7)  # nothing committed in between
    reads.clear()
    export(floor, "2026-W47", tmp_path, "again.xlsx")
    assert len(reads) == 1
    assert {k: v[0] for k, v in summary_figures(book["Summary"]).items()} == {k: EXPECTED_W47[k] for k in W46}


def test_pieces_of_deflate_data_join_into_one_valid_entry(tmp_path):
    """The long sheets' rows are compressed apart from their head and tail (core.report.zipped)."""
    import os
    import zlib

    from core.report.zipped import Deflater, ZipWriter, crc32_combine

    for first, second in (
        (b"", b"x"),
        (b"hello ", b"world"),
        (os.urandom(1000), os.urandom(70_001)),
        (b"a", b""),
    ):
        assert crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second)) == zlib.crc32(first + second)
    middle = Deflater(tmp_path / "rows.deflate")
    rows = [f'<row r="{n}">行 {n}</row>\n'.encode() for n in range(2, 5000)]
    for chunk in rows:
        middle.write(chunk)
    out = ZipWriter(tmp_path / "x.zip")
    out.add("a.txt", b"plain")
    out.add_spliced("sheet.xml", b"<sheetData>", middle.close(), b"</sheetData>")
    out.close()
    with zipfile.ZipFile(tmp_path / "x.zip") as made:
        assert made.testzip() is None
        assert made.read("a.txt") == b"plain"
        assert made.read("sheet.xml") == b"<sheetData>" + b"".join(rows) + b"</sheetData>"
