"""What a supervisor bringing real files in ran into (the user trial of the handbook imports),
each as it was found: files people keep, and what the import must make of them.

The floor (tests/conftest.py): boss, li 李娜, wang 王强, customer C001 (华东贸易有限公司); the
clock at Friday 2026-11-20 10:00 Shanghai.
"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from core.basics.errors import ImportRejected, InvalidInput
from core.callbacks.low_scores import FOLLOW_UP_GROUP
from core.importing import import_callbacks, import_contacts, import_tickets, ticket_rows
from core.importing.summary import refusal_preview
from core.importing.ticket_rows import first_free, made_ref
from db.models import Callback, Customer, Ticket, TimelineEvent
from tests.unit.test_import_handbook import CONVERSATIONS, RAPID

CALLBACK_HEADER = ["客户编号", "回访日期", "回访方式", "满意度评分(1-5分)", "反馈内容详情"]


def write_csv(tmp_path, rows, name="file.csv") -> object:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return path


def write_book(tmp_path, sheets: dict[str, list[list]], name="book.xlsx"):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_two_calls_on_a_day_written_without_a_time_are_two_callbacks(floor, tmp_path):
    path = write_csv(
        tmp_path,
        [
            CALLBACK_HEADER,
            ["C001", "2026-11-13", "电话回访", "5", "A"],
            ["C001", "2026-11-13", "电话回访", "4", "B"],
        ],
    )
    assert import_callbacks(floor, path).created == 2
    assert import_callbacks(floor, path).unchanged == 2  # each found again, by its place in the file
    same = write_csv(
        tmp_path,
        [
            CALLBACK_HEADER,
            ["C001", "2026-11-13 10:00", "电话回访", "5", "A"],
            ["C001", "2026-11-13 10:00", "", "4", "B"],
        ],
        "timed.csv",
    )
    with pytest.raises(ImportRejected) as refused:
        import_callbacks(floor, same)
    assert "is already on line 2 of this file; keep one row per callback" in refused.value.lines()[0]


def test_a_customer_code_differing_only_in_case_is_that_customer(floor, tmp_path):
    path = write_csv(tmp_path, [CALLBACK_HEADER, ["c001", "2026-11-13", "电话回访", "5", "A"]])
    summary = import_callbacks(floor, path)
    assert (summary.created, summary.customers_created) == (1, 0)
    assert Callback.get().customer.code == "C001" and Customer.select().count() == 1


def test_a_form_field_split_over_two_cells_is_a_field_not_the_header(floor, tmp_path):
    rows = list(csv.reader(CONVERSATIONS.read_text(encoding="utf-8").splitlines()))
    book = write_book(
        tmp_path, {"沟通记录": [["客户沟通记录表"], ["客户编号：", "C001", "联系人：", "张伟"], *rows]}
    )
    summary = import_contacts(floor, book)
    assert (summary.created, summary.tickets_created) == (3, 2)
    assert "read above the table, for every row: 客户编号 = C001; 联系人 = 张伟" in summary.lines()


def test_a_sheet_of_instructions_first_is_passed_over_and_no_table_anywhere_names_the_sheets(floor, tmp_path):
    table = [CALLBACK_HEADER, ["C001", "2026-11-13", "电话回访", "5", "A"]]
    book = write_book(tmp_path, {"填写说明": [["填写说明：1. 回访日期请填写年月日"]], "回访": table})
    summary = import_callbacks(floor, book)
    assert summary.source == "book.xlsx [回访]" and summary.created == 1
    assert "read sheet 回访: the first sheet, 填写说明, has no table" in summary.lines()
    nothing = write_book(tmp_path, {"说明": [["说明"]], "图表": [["月份", "数量"]]}, "nothing.xlsx")
    with pytest.raises(ImportRejected) as refused:
        import_callbacks(floor, nothing)
    assert refused.value.lines()[-1].endswith(
        "no sheet of this workbook has a table this import reads; its sheets are: 说明, 图表. "
        "Name the one with the table with --sheet"
    )


def test_a_totals_row_under_the_table_is_skipped_and_said(floor, tmp_path):
    rows = [CALLBACK_HEADER, ["C001", "2026-11-13", "电话回访", "5", "A"], ["", "合计", "", "5", ""]]
    summary = import_callbacks(floor, write_csv(tmp_path, rows))
    assert summary.created == 1
    assert "skipped line 3: a totals row (合计)" in summary.lines()
    assert "跳过第 3 行：合计行（合计）" in summary.lines("zh")


def test_an_unknown_header_says_the_near_one_and_ignore_leaves_a_column_out(floor, tmp_path):
    path = write_csv(
        tmp_path,
        [["客户编号", "回访日", "满意度评分", "回访时长"], ["C001", "2026-11-13", "5", "3分钟"]],
    )
    with pytest.raises(ImportRejected) as refused:
        import_callbacks(floor, path)
    said = [line.split(":1: ", 1)[1] for line in refused.value.lines()]
    assert said[0] == (
        "unknown column '回访日'; did you mean '回访日期' (done_at)? Rename the column, or give "
        "--ignore '回访日' to leave it out"
    )
    assert said[1].startswith("unknown column '回访时长' (give --ignore '回访时长' to leave it out)")
    fixed = write_csv(
        tmp_path,
        [["客户编号", "回访日期", "满意度评分", "回访时长"], ["C001", "2026-11-13", "5", "3分钟"]],
        "f.csv",
    )
    summary = import_callbacks(floor, fixed, ignore=("回访时长",))
    assert summary.created == 1
    assert "columns ignored: 回访时长: left out as asked (--ignore)" in summary.lines()


def test_a_check_shared_with_the_forms_names_the_files_own_header(floor, tmp_path):
    rows = [["反馈时间", "反馈渠道", "问题类型", "问题描述"], ["2026-11-16 09:00", "电话", "投诉", "x"]]
    with pytest.raises(ImportRejected) as refused:
        import_tickets(floor, write_csv(tmp_path, rows))
    assert (
        refused.value.lines()[0]
        .split(":2: ", 1)[1]
        .startswith("category (问题类型): unknown category '投诉'")
    )


def test_a_dry_run_of_a_refused_file_says_each_problem_once_with_its_rows(floor, tmp_path):
    rows = [["反馈时间", "反馈渠道", "问题描述"]] + [
        [f"2026-11-1{d} 09:00", "400热线", f"问题{d}"] for d in range(7)
    ]
    path = write_csv(tmp_path, rows)
    with pytest.raises(ImportRejected) as refused:
        import_tickets(floor, path, dry_run=True)
    preview = refusal_preview(refused.value, refused.value.table)
    assert preview[0] == (
        "dry run, nothing written: file.csv: 7 rows read, 7 with problems; as it is the file would be "
        "refused, nothing imported"
    )
    assert preview[1] == "first problems (1 of 1):"
    assert preview[2].startswith(
        f"  {path} lines 2, 3, 4, 5, 6 and 2 more: channel (反馈渠道): unknown channel '400热线'"
    )
    zh = refusal_preview(refused.value, refused.value.table, "zh")
    assert (
        zh[0] == "试运行，未写入任何内容：file.csv：读取 7 行，其中 7 行有问题；"
        "按现在的样子整个文件会被拒绝，不会导入任何内容"
    )
    assert zh[2].startswith(f"  {path} 第 2、3、4、5、6 行 等 7 行: ")


def test_the_summary_in_chinese(floor):
    summary = import_tickets(floor, RAPID, dry_run=True)
    stalled, invoice = summary.tickets_open
    assert summary.lines("zh") == [
        "试运行，未写入任何内容：快速响应记录.csv：将新建 4 张工单",
        f"以下工单文件未写明已解决，仍为未完成（进入工单队列）：{stalled}、{invoice}",
        "工单：2 张已解决但没有写解决时间，按反馈时间记录",
        "工单：4 张没有写客户，归入“未记录客户”",
        "客户：将新建 1 位",
    ]


def test_a_second_run_says_nothing_of_what_the_first_did(floor):
    first = import_tickets(floor, RAPID)
    assert (first.tickets_stamped, first.no_customer) == (2, 4)
    again = import_tickets(floor, RAPID)
    assert again.lines() == ["快速响应记录.csv: 0 tickets created, 4 already on file, unchanged"]


def test_an_imported_tickets_resolution_shows_on_its_timeline(floor):
    import_tickets(floor, RAPID)
    ticket = Ticket.get(Ticket.description == "客户收到的货少了两件配件")
    event = TimelineEvent.get((TimelineEvent.ticket == ticket.id) & (TimelineEvent.kind == "imported"))
    assert (
        event.text
        == "imported from 快速响应记录.csv line 2\n处理方案: 补发\n解决结果: 已补发配件，客户确认收到"
    )


def test_made_refs_are_seven_characters_and_a_clash_takes_the_next(floor, tmp_path, monkeypatch):
    assert len(made_ref("anything")) == 7 and made_ref("x") == made_ref("x") != made_ref("y")
    assert first_free("k", lambda ref: ref != made_ref("k")) == made_ref("k#1")
    # every row's first choice the same ref: each still gets one of its own, the same every run
    real = ticket_rows.made_ref
    monkeypatch.setattr(ticket_rows, "made_ref", lambda key: "HCLASH0" if "#" not in key else real(key))
    first = import_tickets(floor, RAPID)
    refs = sorted(t.ref for t in Ticket.select())
    assert first.created == 4 and len(set(refs)) == 4 and "HCLASH0" in refs
    assert import_tickets(floor, RAPID).unchanged == 4
    assert sorted(t.ref for t in Ticket.select()) == refs


def test_the_same_ticket_twice_in_a_file_is_refused_naming_the_line(floor, tmp_path):
    rows = [
        ["反馈时间", "反馈渠道", "问题描述"],
        ["2026-11-16 09:00", "电话", "漏发"],
        ["2026-11-16 09:00", "电话", "漏发"],
    ]
    with pytest.raises(ImportRejected) as refused:
        import_tickets(floor, write_csv(tmp_path, rows))
    assert refused.value.lines() == [
        f"{tmp_path / 'file.csv'}:3: the same ticket (feedback time, customer and description alike) is "
        "already on line 2 of this file; keep one row per ticket"
    ]


def test_a_low_score_older_than_the_look_back_books_no_call_now(floor, tmp_path):
    path = write_csv(
        tmp_path,
        [
            CALLBACK_HEADER,
            ["C001", "2024-10-18", "电话回访", "2", "说明书看不懂"],
            ["C001", "2026-11-18", "电话回访", "1", "x"],
        ],
    )
    summary = import_callbacks(floor, path)
    assert (summary.follow_ups, summary.low_too_old) == (1, 1)
    assert summary.lines()[0] == (
        "file.csv: 2 callbacks created, 1 low score booked the supervisor's follow-up, 1 low score older "
        "than the policy's look-back (7 days) marked high priority, no follow-up booked now"
    )
    old = Callback.get(Callback.feedback == "说明书看不懂")
    assert old.priority == "high"
    assert Callback.select().where(Callback.group == FOLLOW_UP_GROUP).count() == 1


def test_customer_option_must_name_a_customer_on_file(floor):
    with pytest.raises(InvalidInput) as refused:
        import_contacts(floor, CONVERSATIONS, customer="C999")
    assert refused.value.code == "import.customer_option.unknown"
    assert import_contacts(floor, CONVERSATIONS, customer="c001").created == 3


def test_a_file_given_to_the_wrong_import_says_which_one_reads_it(floor):
    with pytest.raises(ImportRejected) as refused:
        import_callbacks(floor, RAPID)
    assert refused.value.lines()[-1].endswith(
        "快速响应记录.csv:1: this file looks like ticket records (import tickets): "
        "import it with that command"
    )
    assert refused.value.lines("zh")[-1].endswith(
        "这个文件看起来是工单记录（import tickets）：请用那个命令导入"
    )


def test_a_table_with_no_rows_says_so_and_a_workbooks_totals_row_is_said(floor, tmp_path):
    empty = import_callbacks(floor, write_csv(tmp_path, [CALLBACK_HEADER]), dry_run=True)
    assert "the table has no rows under its header: nothing to import" in empty.lines()
    book = write_book(
        tmp_path,
        {"回访": [CALLBACK_HEADER, ["C001", "2026-11-13", "电话回访", 5, "A"], [None, "合计", None, 5]]},
    )
    summary = import_callbacks(floor, book)
    assert summary.created == 1 and "skipped row 3: a totals row (合计)" in summary.lines()


def test_a_corrected_description_finds_its_ticket_and_says_it_differs(floor, tmp_path):
    import_tickets(floor, RAPID)
    rows = RAPID.read_text(encoding="utf-8").replace(
        "客户收到的货少了两件配件", "客户收到的货少了两件配件（型号A2）"
    )
    corrected = tmp_path / "快速响应记录.csv"
    corrected.write_text(rows, encoding="utf-8")
    again = import_tickets(floor, corrected)
    ticket = Ticket.get(Ticket.description == "客户收到的货少了两件配件")
    assert (again.created, again.unchanged, again.differing) == (0, 4, (ticket.ref,))
    assert Ticket.select().count() == 4


def test_history_without_a_customer_is_never_called_back(floor, tmp_path):
    from core.callbacks import schedule_callbacks

    import_tickets(floor, RAPID)  # two resolved within the look-back, under NOT-RECORDED
    rows = [
        ["反馈时间", "反馈渠道", "问题描述", "客户编号", "处理进度"],
        ["2026-11-18 09:00", "电话", "发票开错", "C001", "已完成"],
    ]
    import_tickets(floor, write_csv(tmp_path, rows))  # and one of a customer on file
    booked = schedule_callbacks(floor)
    assert [s.customer_code for s in booked] == ["C001"]
    assert Callback.select().join(Customer).where(Customer.code == "NOT-RECORDED").count() == 0


def test_a_row_copied_twice_is_said_to_repeat_it(floor, tmp_path):
    row = ["C001", "2026-10-01", "电话回访", "5", "A"]
    with pytest.raises(ImportRejected) as refused:
        import_callbacks(floor, write_csv(tmp_path, [CALLBACK_HEADER, row, row]))
    assert refused.value.lines()[0].endswith(
        "file.csv:3: repeats line 2 of this file cell for cell; delete one of the two "
        "(two calls really alike: give each its time)"
    )


def test_the_customer_list_takes_a_code_in_another_case_as_that_customer(floor, tmp_path):
    from core.importing import import_customers

    path = write_csv(
        tmp_path, [["客户编号", "客户名称"], ["c001", "华东贸易有限公司"], ["C001", "华东贸易有限公司"]]
    )
    summary = import_customers(floor, path)
    assert (summary.created, summary.unchanged) == (0, 1)
    assert [c.code for c in Customer.select()] == ["C001"]
