"""core.importing.xlsxfile and read_table on workbooks: each cell as the text a person sees,
which sheet is read, a title and a form's fields above the table, the sheet's own row numbers,
and files that are not workbooks one can read.

The workbooks are written by openpyxl under tmp_path, with real dates, numbers and formats.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta

import pytest
from openpyxl import Workbook

from core.basics.errors import ImportRejected, InvalidInput, Message
from core.importing.columns import CALLBACKS, CUSTOMERS
from core.importing.table import read_table
from core.importing.xlsxfile import OLE_MAGIC, cell_text, read_sheet

NOON = datetime(2026, 11, 16, 12, 0)
MIDNIGHT = datetime(2026, 11, 16)


# ------------------------------------------------------------------ cell_text


@pytest.mark.parametrize(
    "value, number_format, text",
    [
        (None, None, ""),
        (True, None, "TRUE"),
        (False, None, "FALSE"),
        (13800138000, None, "13800138000"),
        (13800138000.0, None, "13800138000"),
        (4.0, "General", "4"),
        (3.25, None, "3.25"),
        (0.1 + 0.2, None, "0.3"),
        (MIDNIGHT, "yyyy-mm-dd", "2026-11-16"),
        (MIDNIGHT, "yyyy/m/d", "2026-11-16"),
        (MIDNIGHT, '[$-804]yyyy"年"m"月"d"日"', "2026-11-16"),
        (datetime(2026, 11, 16, 9, 30), "yyyy-mm-dd h:mm", "2026-11-16 09:30:00"),
        (datetime(2026, 11, 16, 9, 30), "yyyy-mm-dd", "2026-11-16 09:30:00"),
        (MIDNIGHT, "yyyy-mm-dd h:mm", "2026-11-16 00:00:00"),
        (MIDNIGHT, "yyyy-mm-dd hh:mm:ss", "2026-11-16 00:00:00"),
        (MIDNIGHT, "yyyy/m/d AM/PM h:mm", "2026-11-16 00:00:00"),
        (time(0, 5, 30), "h:mm:ss", "00:05:30"),
        (timedelta(minutes=5), "[h]:mm:ss", "00:05:00"),
        (timedelta(hours=26, seconds=1), "[h]:mm:ss", "26:00:01"),
        (123, "00000000", "00000123"),
        (123.0, "00000000", "00000123"),
        (123, "0", "123"),
        (-5, "000", "-5"),
        ("C001", "@", "C001"),
    ],
)
def test_a_cell_reads_as_the_text_a_person_sees(value, number_format, text):
    assert cell_text(value, number_format) == text


def workbook(tmp_path, name="book.xlsx", sheets=("Sheet1",)):
    """A new workbook with the named sheets, in order, and where it will be saved."""
    book = Workbook()
    book.active.title = sheets[0]
    for title in sheets[1:]:
        book.create_sheet(title)
    return book, tmp_path / name


def test_cells_written_by_openpyxl_read_back_as_their_text(tmp_path):
    book, path = workbook(tmp_path)
    sheet = book.active
    cells = [
        ("B", True, None, "TRUE"),
        ("C", 13800138000, None, "13800138000"),
        ("D", 4.0, None, "4"),
        ("E", 3.25, None, "3.25"),
        ("F", MIDNIGHT, "yyyy-mm-dd", "2026-11-16"),
        ("G", datetime(2026, 11, 16, 9, 30), None, "2026-11-16 09:30:00"),
        ("H", MIDNIGHT, "yyyy-mm-dd h:mm", "2026-11-16 00:00:00"),
        ("I", time(0, 5, 30), None, "00:05:30"),
        ("J", timedelta(minutes=5), None, "00:05:00"),
        ("K", 123, "00000000", "00000123"),
        ("L", "=1+1", None, ""),  # a formula openpyxl wrote has no value Excel computed
    ]
    sheet["A1"] = "first"
    for column, value, number_format, _ in cells:
        sheet[f"{column}1"] = value
        if number_format:
            sheet[f"{column}1"].number_format = number_format
    book.save(path)
    title, rows, _ = read_sheet(path, str(path), None)
    assert title == "Sheet1"
    assert rows == [(1, ["first", *(text for *_, text in cells[:-1])])]


# ------------------------------------------------------------------ which sheet

HEADER = ["客户编号", "客户名称"]


def fill(sheet, code):
    sheet.append(HEADER)
    sheet.append([code, f"客户{code}"])


@pytest.fixture
def three_sheets(tmp_path):
    book, path = workbook(tmp_path, sheets=("一月", "Feb", "2026"))
    for sheet, code in zip(book.worksheets, ("C101", "C102", "C103"), strict=True):
        fill(sheet, code)
    book.active = 2  # saved with the third sheet open: the import still starts from the first
    book.save(path)
    return path


def codes(table) -> list[str]:
    return [row.get("code") for row in table.rows]


def test_the_first_sheet_is_read_even_when_another_is_active(three_sheets):
    table = read_table(three_sheets, CUSTOMERS, "customers")
    assert table.sheet == "一月"
    assert codes(table) == ["C101"]
    assert table.source == f"{three_sheets} [一月]"


@pytest.mark.parametrize(
    "sheet, title, code",
    [
        ("Feb", "Feb", "C102"),
        ("feb", "Feb", "C102"),
        (" FEB ", "Feb", "C102"),
        ("一月", "一月", "C101"),
        ("2", "Feb", "C102"),
        ("1", "一月", "C101"),
        ("2026", "2026", "C103"),  # a sheet's name before a number
        ("3", "2026", "C103"),
    ],
)
def test_a_sheet_by_name_in_any_case_or_by_its_number(three_sheets, sheet, title, code):
    table = read_table(three_sheets, CUSTOMERS, "customers", sheet=sheet)
    assert table.sheet == title
    assert codes(table) == [code]


@pytest.mark.parametrize("sheet", ["March", "4", "0", "-1", ""])
def test_a_sheet_the_workbook_does_not_have_names_the_sheets_it_has(three_sheets, sheet):
    with pytest.raises(InvalidInput) as info:
        read_table(three_sheets, CUSTOMERS, "customers", sheet=sheet)
    assert info.value.code == "import.xlsx.no_sheet"
    assert info.value.field == "sheet"
    assert info.value.params["sheets"] == "一月, Feb, 2026"
    said = info.value.say("en")
    assert repr(sheet.strip()) in said and "一月, Feb, 2026" in said


# ------------------------------------------------------------------ above the table, blank rows, row numbers

CALLBACK_HEADER = ["回访日期", "回访方式", "满意度评分(1-5分)", "沟通有温度", "备注"]


def test_a_title_and_a_customer_field_above_the_table(tmp_path):
    book, path = workbook(tmp_path, sheets=("回访",))
    sheet = book.active
    sheet["A1"] = "客户回访反馈记录表"
    sheet.merge_cells("A1:E1")
    sheet["A2"] = "客户编号：C001"
    sheet["D2"] = "填表日期：2026-11-20"
    sheet.append([])  # row 3 blank
    sheet.append(CALLBACK_HEADER)  # row 4
    sheet.append([date(2026, 11, 16), "电话回访", 4, "是"])  # row 5: a day, shown as one
    sheet.append([])
    sheet.append([None, None, None, None, None])  # row 7: cells written, all empty
    sheet.append([date(2026, 11, 17), "在线问卷", 5, "否", "老客户"])  # row 8
    book.save(path)

    table = read_table(path, CALLBACKS, "callbacks")

    assert table.fields_above == {"customer_code": "C001"}
    assert table.headers["customer_code"] == "客户编号"
    assert table.above == ["客户回访反馈记录表", "填表日期：2026-11-20"]
    assert [row.line for row in table.rows] == [5, 8]
    assert [row.get("customer_code") for row in table.rows] == ["C001", "C001"]
    assert [row.get("done_at") for row in table.rows] == ["2026-11-16", "2026-11-17"]
    assert [row.get("overall") for row in table.rows] == ["4", "5"]
    assert table.rows[1].get("remarks") == "老客户"
    assert table.problems == []


def test_a_field_above_as_a_label_cell_and_a_value_cell(tmp_path):
    book, path = workbook(tmp_path)
    book.active.append(["客户回访反馈记录表"])
    book.active.append(["客户编号", "C001", None, "回访人员：李娜"])
    book.active.append(CALLBACK_HEADER)
    book.active.append(["2026-11-16", "电话回访", 4])
    book.save(path)

    table = read_table(path, CALLBACKS, "callbacks")

    assert table.fields_above == {"customer_code": "C001", "agent": "李娜"}
    assert [(row.line, row.get("customer_code"), row.get("agent")) for row in table.rows] == [
        (4, "C001", "李娜")
    ]
    assert table.above == ["客户回访反馈记录表"]


def test_a_field_above_gives_way_to_the_tables_own_column(tmp_path):
    book, path = workbook(tmp_path)
    book.active.append(["客户编号：C001"])
    book.active.append(["客户编号", *CALLBACK_HEADER])
    book.active.append(["C002", "2026-11-16", "电话回访", 4])
    book.save(path)

    table = read_table(path, CALLBACKS, "callbacks")

    assert table.fields_above == {}
    assert [row.get("customer_code") for row in table.rows] == ["C002"]
    assert [row.line for row in table.rows] == [3]


def test_a_value_right_of_the_last_named_column_is_a_problem_naming_its_cell(tmp_path):
    book, path = workbook(tmp_path)
    sheet = book.active
    sheet.append(["客户编号", *CALLBACK_HEADER, None])  # the header's last cell is blank
    sheet.append(["C001", "2026-11-16", "电话回访", 4, "是", "ok"])  # row 2
    sheet.append(["C001", "2026-11-17", "电话回访", 4, "是", "", "看这里"])  # row 3: G
    sheet["AB4"] = "远处"
    sheet["A4"] = "C001"  # row 4: AB
    sheet.append(["C001", "2026-11-18", "电话回访", 4, "是", None, "  "])  # row 5: only a space at G
    book.save(path)

    table = read_table(path, CALLBACKS, "callbacks")

    assert [row.line for row in table.rows] == [2, 5]
    assert table.problems == [
        (3, Message("import.row.beyond_header", {"cell": "G", "value": "看这里"})),
        (4, Message("import.row.beyond_header", {"cell": "AB", "value": "远处"})),
    ]
    assert "cell G holds '看这里'" in str(table.problems[0][1])


def test_an_empty_sheet_is_refused_with_the_columns_it_may_have(tmp_path):
    book, path = workbook(tmp_path)
    book.save(path)
    with pytest.raises(ImportRejected) as info:
        read_table(path, CUSTOMERS, "customers")
    [(line, problem)] = info.value.problems
    assert (line, problem.code) == (1, "import.file.empty")
    assert info.value.rows_of_sheet


# ------------------------------------------------------------------ files that are not workbooks one can read


def refusal(path, **options) -> Message:
    with pytest.raises(ImportRejected) as info:
        read_table(path, CUSTOMERS, "customers", **options)
    [(line, problem)] = info.value.problems
    assert line == 1
    return problem


@pytest.mark.parametrize("name", ["old.xls", "protected.xlsx", "data.csv"])
def test_an_old_or_password_protected_workbook_is_refused_with_how_to_save_it(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(OLE_MAGIC + b"\x00\x01junk" * 64)
    assert OLE_MAGIC == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    problem = refusal(path)
    assert problem.code == "import.xlsx.old_or_protected"
    assert "Save As" in str(problem)


def test_an_old_workbook_is_refused_before_a_sheet_is_looked_for(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(OLE_MAGIC + b"junk")
    assert refusal(path, sheet="2").code == "import.xlsx.old_or_protected"


def zip_of_text(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "这不是工作簿")
    return path


def test_a_zip_that_is_not_a_workbook_is_refused_as_unreadable(tmp_path):
    problem = refusal(zip_of_text(tmp_path / "notes.xlsx"))
    assert problem.code == "import.xlsx.unreadable"
    assert "save it again as .xlsx or CSV UTF-8" in str(problem)


def test_a_sheet_named_for_a_csv_file_is_refused(tmp_path):
    path = tmp_path / "customers.csv"
    path.write_text("客户编号,客户名称\nC101,华北\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as info:
        read_table(path, CUSTOMERS, "customers", sheet="1")
    assert info.value.code == "import.sheet.not_workbook"
    assert info.value.params["path"] == str(path)
    assert read_table(path, CUSTOMERS, "customers").sheet is None


@pytest.mark.parametrize("name", ["customers.csv", "customers", "customers.zip", "customers.xlsx.download"])
def test_a_workbook_is_told_by_its_bytes_not_its_name(tmp_path, name):
    book, _ = workbook(tmp_path)
    fill(book.active, "C101")
    path = tmp_path / name
    book.save(tmp_path / "saved.xlsx")
    path.write_bytes((tmp_path / "saved.xlsx").read_bytes())
    table = read_table(path, CUSTOMERS, "customers")
    assert codes(table) == ["C101"]
    assert table.sheet == "Sheet1"


def test_a_zip_by_another_name_that_is_not_a_workbook_is_refused_as_unreadable(tmp_path):
    assert refusal(zip_of_text(tmp_path / "notes.zip")).code == "import.xlsx.unreadable"
