"""The workbooks as a meeting reads and prints them (issue 21), read back with openpyxl: every
number formatted, a rate's change in percentage points, every sheet set up to print one page
wide with its header on each page, charts sized by chart_size so every label shows, sheet
names and coded values in the workbook's language."""

from __future__ import annotations

import zipfile
from datetime import datetime

import openpyxl
import pytest

from core.report.book import BAR_PX, COLUMN_PX, FRAME_HEIGHT, FRAME_WIDTH, PLOT_WIDTH, chart_size, label_px
from core.report.cells import text_width, wrapped_lines
from core.report.monthly_book import export_month
from core.report.words import SHEETS, sheet_name_ok
from core.report.workbook import export_week
from db.models import Callback
from tests.office.workbook_look import chart_boxes
from tests.unit.test_report_month import month11  # noqa: F401  (a fixture, asked for by name)

POINTS = {"en": '+0.00" pp";-0.00" pp";0.00" pp"', "zh": '+0.00" 个百分点";-0.00" 个百分点";0.00" 个百分点"'}


# ---------------------------------------------------------------- the rules by themselves


def test_a_bar_chart_grows_a_bar_per_label_and_is_as_wide_as_its_longest_label():
    labels = ["产品质量", "服务效率", "操作咨询", "账单疑问", "流程优化", "其他", "人员态度"]
    width, height = chart_size(labels, bars=True)
    assert (height - FRAME_HEIGHT) / len(labels) >= BAR_PX
    assert width >= PLOT_WIDTH + label_px(labels)
    assert label_px(["人员态度"]) == 2 * label_px(["abcd"])  # a CJK character counts double
    assert chart_size(labels * 2, bars=True)[1] - height == BAR_PX * len(labels)


def test_a_column_chart_gives_each_label_its_width():
    weeks = [f"2026-W{n}" for n in range(40, 48)]
    width, _ = chart_size(weeks, bars=False)
    assert (width - FRAME_WIDTH) / len(weeks) >= max(COLUMN_PX, label_px(weeks))
    assert chart_size(["W1"], bars=False)[0] >= FRAME_WIDTH + COLUMN_PX
    wide = ["非常非常长的分类名称"] * 3
    assert (chart_size(wide, bars=False)[0] - FRAME_WIDTH) / 3 >= label_px(wide)


def test_sheet_names_are_excel_s_in_both_languages():
    for en, zh in SHEETS.values():
        assert sheet_name_ok(en) and sheet_name_ok(zh), (en, zh)
    assert len({en for en, _ in SHEETS.values()}) == len({zh for _, zh in SHEETS.values()}) == len(SHEETS)
    assert not sheet_name_ok("a/b") and not sheet_name_ok("x" * 32) and not sheet_name_ok("")


def test_wrapped_text_is_given_its_lines():
    assert wrapped_lines(None, 40) == wrapped_lines("short", 40) == 1
    assert wrapped_lines("x" * 100, 40) == 3  # a tenth wider for the words
    assert wrapped_lines("汉" * 40, 40) == 2  # 80 columns wide
    assert text_width("汉" * 40) == 80


# ---------------------------------------------------------------- the workbooks


@pytest.fixture(params=["week", "month"])
def books(request, floor, tmp_path):
    """The weekly workbook of test_report_figures' week (with a suggestion) or the monthly one
    of test_report_month's month, in English and Chinese: {(kind, language): path}."""
    found = {}
    if request.param == "week":
        request.getfixturevalue("week47")
        Callback.update(follow_up_status="done", feedback="等太久了", suggestion="加快响应").where(
            Callback.key == "cb4"
        ).execute()
        for language in ("en", "zh"):
            path = tmp_path / f"week-{language}.xlsx"
            found[("week", language)] = export_week(floor, "2026-W47", path, language=language).path
    else:
        request.getfixturevalue("month11")
        for language in ("en", "zh"):
            path = tmp_path / f"month-{language}.xlsx"
            found[("month", language)] = export_month(floor, "2026-11", path, language=language).path
    return found


def test_every_number_has_a_format_and_every_date_a_date_format(books):
    for (kind, language), path in books.items():
        book = openpyxl.load_workbook(path)
        for ws in book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    where = (kind, language, ws.title, cell.coordinate)
                    if isinstance(cell.value, datetime):
                        assert "yyyy" in cell.number_format, where
                    elif isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                        assert cell.number_format != "General", where


def test_the_suggestions_sheet_shows_shares_and_averages_formatted(books):
    if ("week", "en") not in books:
        return  # the monthly Suggestions sheet lists each callback's, with no shares
    ws = openpyxl.load_workbook(books[("week", "en")])["Suggestions"]
    header, first = ws[1], ws[2]
    assert [c.value for c in header][2:5] == ["Times", "Share of callbacks", "Average overall"]
    assert [(c.value, c.number_format) for c in first[2:5]] == [(1, "0"), (0.1667, "0.00%"), (1, "0.00")]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_rate_s_change_is_in_percentage_points_and_the_cell_stays_a_number(books, language):
    for kind, name in (("week", "resolution_rate"), ("month", "warmth_rate")):
        if (kind, language) not in books:
            continue
        ws = openpyxl.load_workbook(books[(kind, language)]).worksheets[0]
        rows = {r[4].value: r for r in ws.iter_rows() if r[4].value}
        change = rows[name][3]
        assert change.number_format == POINTS[language]
        if change.value is not None:
            now, before = rows[name][1].value, rows[name][2].value
            assert change.value == pytest.approx((now - before) * 100, abs=1e-9)
        for counted in ("received", "calls_made"):
            if counted in rows:
                assert rows[counted][3].number_format == "+0;-0;0"


def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_header_on_every_page(books):
    for (kind, language), path in books.items():
        book = openpyxl.load_workbook(path)
        for n, ws in enumerate(book.worksheets):
            where = (kind, language, ws.title)
            setup = ws.page_setup
            assert setup.orientation == "landscape" and int(setup.paperSize) == 9, where
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert "&P" in ws.oddFooter.right.text and ws.oddFooter.left.text == "&A", where
            if n == 0:  # the Summary: one page with its chart, in the print area
                assert setup.fitToHeight in (None, 1) and ws.print_area is not None, where
                assert ws.print_title_rows is None, where
            else:
                assert int(setup.fitToHeight) == 0 and setup.fitToWidth in (None, 1), where
                assert ws.print_title_rows == "$1:$1", where
        with zipfile.ZipFile(path) as xlsx:
            names = xlsx.read("xl/workbook.xml").decode()
        assert names.count('name="_xlnm.Print_Titles"') == len(book.worksheets) - 1


def test_the_streamed_sheets_carry_their_page_setup_in_the_schema_s_order(books):
    if ("week", "zh") not in books:
        return  # the monthly workbook has no streamed sheet
    with zipfile.ZipFile(books[("week", "zh")]) as xlsx:
        xml = xlsx.read("xl/worksheets/sheet8.xml").decode()  # 工单, streamed
    order = [
        "<sheetPr>",
        '<pageSetUpPr fitToPage="1"/>',
        "<sheetData>",
        "</sheetData>",
        "<printOptions" if "<printOptions" in xml else "<pageMargins",
        "<pageMargins",
        "<pageSetup",
        "<headerFooter>",
        "<tableParts",
    ]
    at = [xml.index(part) for part in order]
    assert at == sorted(at)
    assert 'orientation="landscape"' in xml and 'fitToHeight="0"' in xml and 'paperSize="9"' in xml


def test_every_chart_is_as_large_as_its_labels_need(books):
    for (kind, language), path in books.items():
        boxes = chart_boxes(path)
        assert len(boxes) == (2 if kind == "week" else 1), (kind, language)
        for box in boxes:
            width, height = chart_size(box.labels, bars=box.bars)
            assert box.labels and box.width >= width - 1 and box.height >= height - 1, box
            if box.bars:
                assert (box.height - FRAME_HEIGHT) / len(box.labels) >= BAR_PX, box


def test_sheets_and_coded_values_speak_the_workbook_s_language(books):
    if ("month", "zh") in books:
        month = openpyxl.load_workbook(books[("month", "zh")])
        assert month.sheetnames == ["汇总", "客服", "低分回访", "建议", "客户常说"]
        low = [r for r in month["低分回访"].iter_rows(min_row=2, values_only=True)]
        assert {r[3] for r in low} <= {"已解决工单", "投诉客户", "新客户"} and {r[12] for r in low} <= {
            "跟进中",
            "已跟进",
            "未记录",
            "已电话致歉",  # an imported follow-up state, as written
        }
        return
    en = openpyxl.load_workbook(books[("week", "en")])
    zh = openpyxl.load_workbook(books[("week", "zh")])
    assert zh.sheetnames == [SHEETS[k][1] for k in SHEETS if k != "low_scores"]
    codes = {}
    for book, language in ((en, "en"), (zh, "zh")):
        tickets, callbacks = book.worksheets[7], book.worksheets[6]
        codes[language] = (
            {r[5] for r in tickets.iter_rows(min_row=2, values_only=True)},  # tiers
            {r[6] for r in tickets.iter_rows(min_row=2, values_only=True)},  # statuses
            {r[7] for r in callbacks.iter_rows(min_row=2, values_only=True)} - {None},  # methods
            {r[12] for r in callbacks.iter_rows(min_row=2, values_only=True)} - {None},  # warm
            {r[13] for r in callbacks.iter_rows(min_row=2, values_only=True)} - {None},  # follow-up
        )
    assert codes["en"][0] == {"Red", "Yellow", "Green"} and codes["zh"][0] == {"一级", "二级", "三级"}
    assert codes["en"][1] <= {"New", "In progress", "Waiting on customer", "Resolved", "Closed"}
    assert codes["zh"][1] <= {"待处理", "处理中", "待客户回复", "已完成", "已闭环"}
    assert codes["en"][2] <= {"Phone", "Survey"} and codes["zh"][2] <= {"电话", "问卷"}
    assert codes["en"][3] <= {"Yes", "No"} and codes["zh"][3] <= {"是", "否"}
    assert codes["en"][4] == {"Done"} and codes["zh"][4] == {"已跟进"}
    assert en.worksheets[0]["E11"].value == zh.worksheets[0]["E11"].value == "JSON"
