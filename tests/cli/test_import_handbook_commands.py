"""The handbooks' templates through the real command: a dry run says what the real run will
do and writes nothing; a workbook's problems are named by row and column; the sheet is chosen
by name or number. (The floor: tests/cli/conftest.py; 王强 is added, as the templates name him.)"""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Floor
from tests.unit.test_import_handbook import CONVERSATIONS, FEEDBACK, RAPID, as_workbook

MASKED = "phones written masked (with *), so not kept: KH2026002; give the full number to keep it"


@pytest.fixture
def cli(cli_floor: Floor) -> Floor:
    cli_floor.ok("agent", "add", "wq", "--name", "王强")
    return cli_floor


def test_dry_run_then_the_real_run_of_a_workbook(cli, tmp_path):
    book = as_workbook(FEEDBACK, tmp_path, above=[["客户回访反馈记录表"]])
    before = cli.ok("callbacks", "list", "--all", "--json")
    dry = cli.run("import", "callbacks", str(book), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "dry run, nothing written: 反馈记录表.xlsx [记录]: 4 callbacks would be created, "
        "1 low score would book the supervisor's follow-up",
        "customers: 2 would be created, 1 would be filled in where blank (C001: contact_person)",
        MASKED,
        "skipped above the header: 客户回访反馈记录表",
    ]
    assert cli.ok("callbacks", "list", "--all", "--json") == before
    real = cli.ok("import", "callbacks", str(book))
    assert real.splitlines() == [
        "反馈记录表.xlsx [记录]: 4 callbacks created, 1 low score booked the supervisor's follow-up",
        "customers: 2 created, 1 filled in where blank (C001: contact_person)",
        MASKED,
        "skipped above the header: 客户回访反馈记录表",
    ]
    again = cli.ok("import", "callbacks", str(FEEDBACK), "--dry-run")
    assert again.splitlines()[0] == (
        "dry run, nothing written: 反馈记录表.csv: 0 callbacks would be created, 4 already on file, unchanged"
    )


def test_a_dry_run_of_a_file_with_problems_names_rows_and_columns(cli, tmp_path):
    rows = FEEDBACK.read_text(encoding="utf-8").splitlines()
    rows[2] = rows[2].replace("在线问卷", "短信问卷")
    bad = tmp_path / "反馈记录表.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    book = as_workbook(bad, tmp_path)
    dry = cli.run("import", "callbacks", str(book), "--dry-run")
    assert dry.returncode == 1
    lines = dry.stdout.splitlines()
    assert lines[0] == (
        "dry run, nothing written: 反馈记录表.xlsx [记录]: 4 rows read, 1 with problems; "
        "as it is the file would be refused, nothing imported"
    )
    assert lines[1] == "first problems (1 of 1):"
    assert lines[2].startswith(
        f"  {book} [记录] row 3: method (回访方式): '短信问卷' is not a word this column takes; "
        "write one of: 电话回访"
    )
    real = cli.run("import", "callbacks", str(book))
    assert real.returncode == 1 and f"{book} [记录] row 3: method (回访方式)" in real.stderr
    assert cli.ok("callbacks", "list", "--all", "--json").strip() == "[]"


def test_contacts_and_rapid_response_records(cli, tmp_path):
    done = cli.ok("import", "contacts", str(CONVERSATIONS), "--customer", "C001")
    assert done.splitlines()[:2] == ["沟通记录.csv: 3 contacts created", "tickets: 2 created"]
    shown = json.loads(cli.ok("ticket", "list", "--json"))
    made = [t["status"] for t in shown if t["ref"].startswith("H") and len(t["ref"]) == 7]
    assert sorted(made) == ["in_progress", "resolved"]
    book = as_workbook(RAPID, tmp_path, sheet="十一月")
    other = book.with_name("two sheets.xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(book)
    wb.create_sheet("说明", 0)["A1"] = "填写说明：每行一条记录"
    wb.save(other)
    notes_first = cli.ok("import", "tickets", str(other), "--dry-run").splitlines()
    assert notes_first[0].startswith("dry run, nothing written: two sheets.xlsx [十一月]: 4 tickets would be")
    assert "read sheet 十一月: the first sheet, 说明, has no table" in notes_first
    by_number = cli.ok("import", "tickets", str(other), "--sheet", "2", "--dry-run")
    assert by_number.startswith(
        "dry run, nothing written: two sheets.xlsx [十一月]: 4 tickets would be created"
    )
    by_name = cli.ok("import", "tickets", str(other), "--sheet", "十一月")
    assert by_name.startswith("two sheets.xlsx [十一月]: 4 tickets created")
    missing = cli.run("import", "tickets", str(other), "--sheet", "十二月")
    assert missing.returncode == 1
    assert "the workbook has no sheet '十二月'; its sheets are: 说明, 十一月" in missing.stderr
    on_csv = cli.run("import", "tickets", str(RAPID), "--sheet", "1")
    assert on_csv.returncode == 1 and "--sheet is for .xlsx workbooks" in on_csv.stderr
