"""The handbooks' own templates, with the example rows they print, import as they are: as CSV
(tests/fixtures/handbook/) and as .xlsx workbooks written by openpyxl with real dates and
numbers. Each test shows the summary the import gives.

The floor (tests/conftest.py): boss, li 李娜, wang 王强, customer C001 (华东贸易有限公司, short
name 华东贸易, contact 张伟, phone 13812345678); the clock at Friday 2026-11-20 10:00 Shanghai.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from core.basics.errors import ImportRejected
from core.callbacks.low_scores import FOLLOW_UP_GROUP
from core.importing import import_callbacks, import_contacts, import_customers, import_tickets
from core.importing.customer_cells import NOT_RECORDED
from db.models import Callback, Customer, Ticket, TimelineEvent
from tests.conftest import sh

HANDBOOK = Path(__file__).parent.parent / "fixtures" / "handbook"
FEEDBACK = HANDBOOK / "反馈记录表.csv"
CONVERSATIONS = HANDBOOK / "沟通记录.csv"
RAPID = HANDBOOK / "快速响应记录.csv"

DATE_COLUMNS = {"回访日期", "完成时间", "沟通时间", "反馈时间"}
NUMBER_COLUMNS = {"满意度评分(1-5分)", "联系方式"}


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def typed(header: str, value: str):
    """A cell as Excel keeps it: dates as dates, scores and phones as numbers."""
    if not value:
        return None
    if header in DATE_COLUMNS:
        return datetime.fromisoformat(value)
    if header in NUMBER_COLUMNS and value.isdigit():
        return int(value)
    return value


def as_workbook(path: Path, tmp_path: Path, above: list[list[str]] = (), sheet: str = "记录") -> Path:
    """The CSV template as an .xlsx with typed cells (rows above the table as given)."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    rows = rows_of(path)
    for row in above:
        ws.append(row)
    ws.append(rows[0])
    for row in rows[1:]:
        ws.append([typed(h, v) for h, v in zip(rows[0], row, strict=True)])
    for cells in ws.iter_rows(min_row=len(above) + 2):
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd" if cell.value.hour == 0 else "yyyy-mm-dd hh:mm"
    out = tmp_path / (path.stem + ".xlsx")
    book.save(out)
    return out


def customer(code: str) -> Customer:
    return Customer.get(Customer.code == code)


FEEDBACK_SUMMARY = [
    "反馈记录表.csv: 4 callbacks created, 1 low score booked the supervisor's follow-up",
    "customers: 2 created, 1 described otherwise in the file, kept as on file "
    "(edit the customer or import the customer list to change them: C001: contact_person)",
    "phones written masked (with *), so not kept: KH2026002; give the full number to keep it",
]


def test_feedback_record_imports_as_callbacks(floor):
    summary = import_callbacks(floor, FEEDBACK)
    print(summary.text())
    assert summary.lines() == FEEDBACK_SUMMARY
    calls = {(c.customer.code, c.due_from): c for c in Callback.select().where(Callback.status == "done")}
    assert len(calls) == 4
    follow_up = Callback.get(Callback.group == FOLLOW_UP_GROUP)
    assert (follow_up.customer.code, follow_up.status) == ("KH2026002", "open")
    first = calls[("C001", sh(2026, 11, 16, 12, 0))]
    assert (first.method, first.overall, first.follow_up_status, first.owner.login) == (
        "phone",
        5,
        "done",
        "li",
    )
    assert first.category == "服务效率-响应速度"  # a callback keeps no sub-tag: kept as written
    low = calls[("KH2026002", sh(2026, 11, 17, 12, 0))]
    assert (low.method, low.overall, low.follow_up_status, low.priority) == ("survey", 2, "open", "high")
    assert low.remarks == "需主管回访"
    paper, visit = (calls[("KH2026003", sh(2026, 11, d, 12, 0))] for d in (18, 19))
    assert (paper.method, paper.follow_up_status, paper.completed_at) == (
        "survey",
        "done",
        sh(2026, 11, 19, 12, 0),
    )
    assert (visit.method, visit.overall, visit.follow_up_status, visit.category) == (
        "visit",
        4,
        "open",
        "howto",
    )
    # the customers the record names: new ones added, the one on file checked
    assert customer("KH2026002").phone is None  # written masked (139****5678): no phone to keep
    assert (customer("KH2026003").name, customer("KH2026003").phone) == ("远航物流", "021-66668888")
    assert customer("C001").contact_person == "张伟"  # the file says 张经理: kept as on file
    again = import_callbacks(floor, FEEDBACK)
    assert (again.created, again.unchanged, again.customers_created) == (0, 4, 0)


def test_feedback_record_as_a_workbook_reads_the_same(floor, tmp_path):
    book = as_workbook(FEEDBACK, tmp_path, above=[["客户回访反馈记录表"]])
    summary = import_callbacks(floor, book)
    print(summary.text())
    assert summary.lines() == [
        FEEDBACK_SUMMARY[0].replace("反馈记录表.csv", "反馈记录表.xlsx [记录]"),
        *FEEDBACK_SUMMARY[1:],
        "skipped above the header: 客户回访反馈记录表",
    ]
    assert sorted(c.overall for c in Callback.select().where(Callback.status == "done")) == [2, 4, 4, 5]
    assert customer("KH2026003").phone == "021-66668888"
    assert import_callbacks(floor, FEEDBACK).unchanged == 4  # the CSV is the same history


def test_feedback_record_given_to_the_customer_import(floor):
    summary = import_customers(floor, FEEDBACK)
    print(summary.text())
    assert summary.lines() == [
        "反馈记录表.csv: 2 customers created, 1 updated (C001: contact_person)",
        "phones written masked (with *), so not kept: KH2026002; give the full number to keep it",
        "columns ignored: 回访日期, 回访方式, 回访人员, 满意度评分(1-5分), 反馈内容详情, 问题分类, "
        "改进建议, 跟进状态, 完成时间, 备注: belongs to callback records (import callbacks), "
        "not imported here",
    ]
    assert customer("C001").name == "华东贸易有限公司"  # 华东贸易 is its short name, under 客户名称/简称
    assert customer("C001").contact_person == "张经理"  # a customer list is newer: it updates


def test_communication_record_imports_as_contacts(floor):
    summary = import_contacts(floor, CONVERSATIONS, customer="C001")
    print(summary.text())
    late, lock = (
        Ticket.get(Ticket.description == d)
        for d in ("订单1023的货已经延迟5天了，今天必须给说法", "门锁X3安装后无法识别指纹")
    )
    assert summary.lines() == [
        "沟通记录.csv: 3 contacts created",
        "tickets: 2 created",
        f"tickets left open, as the file does not say they were solved (on the queue now): {lock.ref}",
        "every row's customer, as --customer says: C001",
    ]
    assert (late.status, late.resolved_at, late.owner.login) == ("resolved", sh(2026, 11, 17, 10, 15), "li")
    assert (late.received_at, late.first_response_at, late.tier) == (sh(2026, 11, 16, 9, 30),) * 2 + ("red",)
    assert (late.channel, late.inbound_contacts) == ("phone", 1)  # 来电 in, 去电 out
    assert (lock.status, lock.owner.login, lock.inbound_contacts) == ("in_progress", "wang", 1)
    events = list(
        TimelineEvent.select()
        .where(TimelineEvent.ticket == late.id)
        .order_by(TimelineEvent.at, TimelineEvent.id)
    )
    contacts = [e for e in events if e.kind.startswith("contact_")]
    assert [e.kind for e in contacts] == ["contact_in", "contact_out"]
    assert contacts[0].text == (
        "来电 · 沟通时长 5分00秒\n客户问题描述：订单1023的货已经延迟5天了，今天必须给说法\n"
        "处理过程：核实物流信息并联系物流部门催促\n处理结果：物流承诺明天上午送达\n客户即时反馈：客户表示理解，等待送达"
    )
    assert contacts[0].actor == "li"
    again = import_contacts(floor, CONVERSATIONS, customer="C001")
    assert (again.created, again.unchanged, again.tickets_created) == (0, 3, 0)


def test_communication_record_kept_per_customer_names_it_above_the_table(floor, tmp_path):
    book = as_workbook(
        CONVERSATIONS, tmp_path, above=[["客户沟通记录表"], ["客户编号：C001", "", "填表日期：2026-11-19"]]
    )
    summary = import_contacts(floor, book)
    print(summary.text())
    assert summary.created == 3 and summary.tickets_created == 2
    assert "read above the table, for every row: 客户编号 = C001" in summary.lines()
    assert "skipped above the header: 客户沟通记录表; 填表日期：2026-11-19" in summary.lines()
    assert {t.customer.code for t in Ticket.select()} == {"C001"}


def test_communication_record_without_a_customer_says_how_to_name_one(floor):
    with pytest.raises(ImportRejected) as refused:
        import_contacts(floor, CONVERSATIONS)
    assert refused.value.lines()[0].endswith(
        "沟通记录.csv:2: names no ticket and no customer; give a 工单编号 (ref) or a "
        "客户编号 (customer_code) column, or --customer CODE when the whole file is about one customer"
    )
    assert Ticket.select().count() == 0


def test_rapid_response_record_imports_as_tickets(floor):
    summary = import_tickets(floor, RAPID)
    print(summary.text())
    by_text = {t.description: t for t in Ticket.select()}
    missing, stalled, howto, invoice = (
        by_text[d]
        for d in ("客户收到的货少了两件配件", "物流三天没有更新", "不会设置定时功能", "发票抬头开错了")
    )
    assert summary.lines() == [
        "快速响应记录.csv: 4 tickets created",
        "tickets left open, as the file does not say they were solved (on the queue now): "
        f"{stalled.ref}, {invoice.ref}",
        "tickets: 2 resolved with no time given (解决时间): stamped at their feedback time",
        "tickets: 4 name no customer: filed under the customer 'not recorded' (未记录客户)",
        "customers: 1 created",
    ]
    assert (missing.tier, missing.category, missing.subtag, missing.status) == (
        "red",
        "quality",
        "missing_item",
        "resolved",
    )
    assert missing.resolved_at == missing.received_at == sh(2026, 11, 16, 8, 45)
    assert missing.resolution == "处理方案: 补发\n解决结果: 已补发配件，客户确认收到"
    assert (stalled.channel, stalled.platform, stalled.tier, stalled.status) == (
        "social_media", "微信公众号", "yellow", "in_progress"
    )  # fmt: skip
    assert (howto.channel, howto.tier, howto.status, howto.closed_at) == (
        "online_chat", "green", "closed", sh(2026, 11, 18, 16, 5)
    )  # fmt: skip
    assert (invoice.channel, invoice.tier, invoice.status, invoice.owner) == ("email", "yellow", "new", None)
    assert {t.customer.code for t in by_text.values()} == {NOT_RECORDED}
    assert all(t.ref.startswith("H") and len(t.ref) == 7 for t in by_text.values())
    again = import_tickets(floor, RAPID)
    assert (again.created, again.unchanged) == (0, 4)


def test_rapid_response_record_as_a_workbook(floor, tmp_path):
    summary = import_tickets(floor, as_workbook(RAPID, tmp_path, sheet="2026年11月"))
    assert summary.source == "快速响应记录.xlsx [2026年11月]" and summary.created == 4
    assert import_tickets(floor, RAPID).unchanged == 4  # same refs made from the same rows


@pytest.mark.parametrize(
    ("run", "path", "options"),
    [
        (import_callbacks, FEEDBACK, {}),
        (import_customers, FEEDBACK, {}),
        (import_contacts, CONVERSATIONS, {"customer": "C001"}),
        (import_tickets, RAPID, {}),
    ],
)
def test_a_dry_run_says_what_the_real_run_does_and_writes_nothing(floor, run, path, options):
    counts = (
        Ticket.select().count(),
        Callback.select().count(),
        Customer.select().count(),
        TimelineEvent.select().count(),
    )
    dry = run(floor, path, dry_run=True, **options)
    assert counts == (
        Ticket.select().count(),
        Callback.select().count(),
        Customer.select().count(),
        TimelineEvent.select().count(),
    )
    assert dry.lines()[0].startswith("dry run, nothing written: ")
    real = run(floor, path, **options)
    assert dry.lines()[0].replace("would be ", "").replace("would book", "booked") == (
        "dry run, nothing written: " + real.lines()[0]
    )
    assert (
        dry.lines()[1:] == real.lines()[1:]
        or [line.replace("would be ", "") for line in dry.lines()[1:]] == real.lines()[1:]
    )


def test_the_docs_list_every_column_each_import_reads():
    from core.importing.columns import BY_KIND

    docs = (Path(__file__).parents[2] / "docs" / "command-line.md").read_text(encoding="utf-8")
    for kind, columns in BY_KIND.items():
        cells = ", ".join(
            (f"**`{c.name}`**" if c.required else f"`{c.name}`")
            + (f" ({', '.join(c.aliases)})" if c.aliases else "")
            for c in columns
        )
        assert f"| {kind} | {cells} |" in docs, (
            f"docs/command-line.md's {kind} row differs from core/importing/columns.py"
        )
