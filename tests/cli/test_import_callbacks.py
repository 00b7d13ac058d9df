"""callfloor import callbacks: past callback and survey records, all or nothing, once.

The floor is built in-process (tests/conftest.py: boss, li 李娜, wang 王强, customer C001; the
clock at Friday 2026-11-20 10:00 Shanghai) with a few historic tickets; the import runs as the
real command, and what it wrote is read back in-process.
"""

from __future__ import annotations

import csv
import io

import pytest

from core.callbacks.calls import get_callback
from core.customers.records import CustomerForm, add_customer
from core.importing import import_tickets
from core.tickets.reads import ticket_detail
from db.models import Callback, CallbackAttempt, Ticket, TimelineEvent
from tests.cli.conftest import Floor
from tests.conftest import sh

CN_HEADER = [
    "客户编号",
    "工单号",
    "回访日期",
    "回访方式",
    "回访人员",
    "满意度评分",
    "服务效率",
    "问题解决能力",
    "态度友好度",
    "沟通有温度",
    "反馈内容详情",
    "问题分类",
    "改进建议",
    "跟进状态",
    "完成时间",
    "备注",
]
EN_HEADER = [
    "customer_code",
    "ticket_ref",
    "done_at",
    "method",
    "agent",
    "overall",
    "efficiency",
    "solving",
    "attitude",
    "warm",
    "feedback",
    "category",
    "suggestion",
    "follow_up_status",
    "completed_at",
    "remarks",
]
METHOD_WORDS = (
    "电话回访 / 电话 / 打电话 / phone; 在线问卷 / 纸质问卷 / 问卷 / 问卷调查 / 调查问卷 / 网络问卷 / survey; "
    "面访 / 上门回访 / 上门 / 拜访 / 当面回访 / 面谈 / visit"
)
YES_NO_WORDS = "是 / 是的 / 有 / 对 / √ / ✓ / ✔ / ☑ / yes; 否 / 不是 / 无 / 没有 / 不 / × / ✗ / ✘ / ☒ / no"
FORMULA = '=HYPERLINK("http://evil.example","点我")'


def write_csv(tmp_path, rows, name="callbacks.csv", encoding="utf-8"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def history(floor, tmp_path):
    """Tickets of C001 (H-1 resolved, H-2 a closed complaint, H-3 resolved) and of C002 (H-4)."""
    add_customer(floor, CustomerForm(code="C002", name="乙公司", phone="13900001111"))
    path = write_csv(
        tmp_path,
        [
            [
                "ref",
                "received_at",
                "channel",
                "customer_code",
                "description",
                "owner",
                "first_response_at",
                "resolved_at",
                "closed_at",
            ],
            [
                "H-1",
                "2026-11-16 09:00",
                "phone",
                "C001",
                "发票抬头开错了",
                "li",
                "2026-11-16 09:10",
                "2026-11-16 11:00",
                "",
            ],
            [
                "H-2",
                "2026-11-16 09:30",
                "phone",
                "C001",
                "我要投诉送货员态度差",
                "li",
                "2026-11-16 09:40",
                "2026-11-16 15:00",
                "2026-11-17 09:00",
            ],
            [
                "H-3",
                "2026-11-17 09:00",
                "email",
                "C001",
                "说明书缺页",
                "wang",
                "2026-11-17 09:30",
                "2026-11-17 12:00",
                "",
            ],
            [
                "H-4",
                "2026-11-17 10:00",
                "phone",
                "C002",
                "咨询开票",
                "wang",
                "2026-11-17 10:05",
                "2026-11-17 10:30",
                "",
            ],
        ],
        name="tickets.csv",
    )
    assert import_tickets(floor, path).created == 4
    return floor


@pytest.fixture
def cli(floor_db, history) -> Floor:
    return Floor(floor_db)


def _callback(key: str) -> Callback:
    return Callback.get(Callback.key == key)


def test_chinese_headers_and_the_low_score_loop(cli, floor, tmp_path):
    path = write_csv(
        tmp_path,
        [
            CN_HEADER,
            [
                "C001",
                "H-1",
                "2026-11-17 10:00",
                "电话",
                "li",
                "2",
                "3",
                "2",
                "4",
                "否",
                FORMULA,
                "物流配送",
                "+86 加快发货",
                "",
                "2026-11-17 10:20",
                "@王经理 -请回电",
            ],
            [
                "C001",
                "",
                "2026/11/18 15:00",
                "问卷",
                "李娜",
                "5",
                "",
                "",
                "",
                "是",
                "很好",
                "产品质量",
                "",
                "",
                "",
                "",
            ],
            [
                "C001",
                "H-3",
                "2026年11月18日 11:00",
                "phone",
                "wang",
                "1",
                "",
                "",
                "",
                "",
                "-太慢了",
                "",
                "",
                "已跟进",
                "",
                "",
            ],
            ["C001", "H-2", "2026-11-18 16:00", "电话", "", "4", "4", "4", "5", "是", "", "", "", "", "", ""],
        ],
    )
    out = cli.ok("import", "callbacks", str(path))
    assert out == (
        "callbacks.csv: 4 callbacks created, 1 low score booked the supervisor's follow-up, "
        "1 low score was already followed up, 1 ticket reopened (H-1)\n"
    )

    low = _callback("import:C001:H-1:20261117T020000Z")  # 10:00 Shanghai = 02:00 UTC
    assert (low.group, low.status, low.method, low.owner.login, low.priority, low.follow_up_status) == (
        "resolved",
        "done",
        "phone",
        "li",
        "high",
        "open",
    )
    assert (low.overall, low.efficiency, low.solving, low.attitude, low.warm) == (2, 3, 2, 4, False)
    assert (low.started_at, low.completed_at) == (sh(2026, 11, 17, 10), sh(2026, 11, 17, 10, 20))
    # formula-like text is data, kept exactly as typed
    assert (low.feedback, low.suggestion, low.remarks, low.category) == (
        FORMULA,
        "+86 加快发货",
        "@王经理 -请回电",
        "物流配送",
    )
    follow = get_callback(floor, _callback(f"low_score_followup:{low.id}").id)
    assert (follow.group, follow.priority, follow.status, follow.follows, follow.ticket_ref) == (
        "low_score_followup",
        "high",
        "open",
        low.id,
        "H-1",
    )
    assert follow.due_by == sh(2026, 11, 25, 18)  # 3 working days after the import (Friday)
    h1 = ticket_detail(floor, "H-1")
    assert (h1.status, h1.resolved_at, h1.reopened_count) == ("in_progress", None, 1)
    reopened = [e for e in h1.events if e.kind == "reopened"]
    assert len(reopened) == 1 and f"callback #{low.id} scored 2 of 5" in reopened[0].text
    # The follow-up is assigned to the floor's supervisor at once, and the timeline names its
    # own number, not the scored call's (the import used to say #6 where the follow-up was #7).
    assert follow.owner == "boss" and f"老板 follows up (callback #{follow.id})" in reopened[0].text

    survey = _callback("import:C001:-:20261118T070000Z")
    assert (
        survey.group,
        survey.ticket_id,
        survey.method,
        survey.owner.login,
        survey.warm,
        survey.category,
        survey.priority,
        survey.follow_up_status,
    ) == ("in_use", None, "survey", "li", True, "quality", "normal", None)

    followed = _callback("import:C001:H-3:20261118T030000Z")
    assert (followed.priority, followed.follow_up_status, followed.feedback, followed.owner.login) == (
        "high",
        "done",
        "-太慢了",
        "wang",
    )
    assert Callback.get_or_none(Callback.key == f"low_score_followup:{followed.id}") is None
    h3 = Ticket.get(Ticket.ref == "H-3")
    assert h3.status == "resolved" and h3.reopened_count == 0
    assert (
        TimelineEvent.select()
        .where((TimelineEvent.ticket == h3.id) & (TimelineEvent.kind != "imported"))
        .count()
        == 0
    )

    complaint = _callback("import:C001:H-2:20261118T080000Z")
    assert (complaint.group, complaint.owner, complaint.priority) == ("complaint", None, "normal")
    assert Ticket.get(Ticket.ref == "H-2").status == "closed"

    attempts = {a.callback_id: (a.agent, a.outcome, a.at) for a in CallbackAttempt.select()}
    assert attempts[low.id] == ("li", "done", sh(2026, 11, 17, 10, 20))
    assert attempts[complaint.id][0] == "boss"  # no agent named: the importer

    # the same file again: nothing doubles, no second follow-up, no second reopen
    again = cli.ok("import", "callbacks", str(path))
    assert again == "callbacks.csv: 0 callbacks created, 4 already on file, unchanged\n"
    assert Callback.select().count() == 5 and CallbackAttempt.select().count() == 4
    assert TimelineEvent.select().where(TimelineEvent.kind == "reopened").count() == 1


def test_english_headers_gb18030_and_a_grown_file(cli, tmp_path):
    rows = [
        EN_HEADER,
        [
            "C002",
            "H-4",
            "2026-11-18 09:00",
            "survey",
            "WANG",
            "3",
            "",
            "",
            "",
            "no",
            "还行",
            "账单疑问",
            "",
            "pending",
            "",
            "",
        ],
    ]
    first = cli.ok("import", "callbacks", str(write_csv(tmp_path, rows, encoding="gb18030")))
    assert first == "callbacks.csv: 1 callback created\n"
    made = _callback("import:C002:H-4:20261118T010000Z")
    assert (
        made.group,
        made.method,
        made.owner.login,
        made.warm,
        made.feedback,
        made.category,
        made.follow_up_status,
        made.priority,
    ) == ("resolved", "survey", "wang", False, "还行", "billing", "open", "normal")
    grown = rows + [["C002", "", "2026-11-19 14:00", "", "", "4", "5", "4", "5", "", "", "", "", "", "", ""]]
    second = cli.ok("import", "callbacks", str(write_csv(tmp_path, grown)))
    assert second == "callbacks.csv: 1 callback created, 1 already on file, unchanged\n"
    plain = _callback("import:C002:-:20261119T060000Z")
    assert (plain.group, plain.method, plain.owner, plain.warm) == ("in_use", "phone", None, None)


def test_a_date_alone_is_noon_that_day(cli, tmp_path):
    rows = [CN_HEADER, ["C002", "", "2026/11/18", "问卷", "", "5"] + [""] * 10]
    assert (
        cli.ok("import", "callbacks", str(write_csv(tmp_path, rows))) == "callbacks.csv: 1 callback created\n"
    )
    made = _callback("import:C002:-:20261118T040000Z")  # 12:00 Shanghai
    assert made.completed_at == sh(2026, 11, 18, 12, 0)


def test_every_bad_row_is_listed_with_its_line_and_nothing_lands(cli, tmp_path):
    rows = [
        EN_HEADER,
        ["C001", "H-1", "2026-11-17 10:00", "phone", "li", "4"] + [""] * 10,  # line 2: good
        ["C404", "", "2026-11-17 10:00", "fax", "zhao", "6"] + [""] * 10,
        ["C002", "H-1", "2026-11-30 09:00", "phone", "", "0", "x", "4.5", "", "maybe"] + [""] * 6,
        ["C001", "H-99", "2026-02-30 10:00", "", "", ""] + [""] * 10,
        ["", "", "", "", "", "3"] + [""] * 10,
        ["C001", "", "2026-11-21", "", "", "3"] + [""] * 10,  # a date alone is 12:00 that day
        [
            "C001",
            "H-3",
            "2026-11-16 10:00",
            "",
            "",
            "3",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "2026-11-15 10:00",
            "",
        ],
        ["C001", "H-1", "2026/11/17 10:00", "", "", "5"] + [""] * 10,  # line 9: the same as line 2
        ["C001", "", "2026-11-18 10:00", "", "", "3", "", "", "", "", "", "x" * 65, "", "", "", ""],
        ["C001", "", "2026-11-19 10:00", "", "", "3", "", "", "", "", "", "", "", "", "", ""] + ["extra"],
    ]
    path = write_csv(tmp_path, rows)
    done = cli.run("import", "callbacks", str(path))
    assert done.returncode == 1 and done.stdout == ""
    first, *listed = done.stderr.strip().splitlines()
    assert first == f"callfloor: {path}: {len(listed)} problems in 9 rows, nothing imported"
    expected = [
        (
            3,
            "customer_code 'C404' is not on file; give the customer's name (a 客户名称 column) to add "
            "the customer with this record, or import the customer list first",
        ),
        (
            3,
            "method: 'fax' is not a word this column takes; write one of: " + METHOD_WORDS,
        ),
        (
            3,
            "agent: 'zhao' is not an agent on this floor; add them first with: callfloor agent add LOGIN "
            "--name 'zhao' --role agent "
            "(the file can stay as it is: a name only one agent has is found), or leave it blank",
        ),
        (3, "overall: '6' is not a score; write a whole number from 1 to 5 (4, 4分 and 4.0 all work)"),
        (4, "ticket_ref: ticket H-1 is customer C001's, not C002's; fix customer_code or ticket_ref"),
        (4, "done_at '2026-11-30 09:00' is in the future (now is 2026-11-20 10:00 floor time)"),
        (4, "overall: '0' is not a score; write a whole number from 1 to 5 (4, 4分 and 4.0 all work)"),
        (4, "efficiency: 'x' is not a score; write a whole number from 1 to 5 (4, 4分 and 4.0 all work)"),
        (4, "solving: '4.5' is not a score; write a whole number from 1 to 5 (4, 4分 and 4.0 all work)"),
        (4, "warm: 'maybe' is not a word this column takes; write one of: " + YES_NO_WORDS),
        (
            5,
            "ticket_ref: no ticket 'H-99' on file; "
            "import the tickets first (callfloor import tickets FILE.csv), "
            "or leave it blank for a callback without a ticket",
        ),
        (5, "done_at '2026-02-30 10:00' is not a real date/time"),
        (
            5,
            "overall: is empty; write the customer's overall satisfaction, a whole number from 1 (very "
            "dissatisfied) to 5 (very satisfied)",
        ),
        (6, "customer_code: is empty; every row needs the customer's code (客户编号)"),
        (6, "done_at: is empty; write when the callback was made, e.g. 2026-11-20 14:30"),
        (7, "done_at '2026-11-21' is in the future (now is 2026-11-20 10:00 floor time)"),
        (8, "completed_at '2026-11-15 10:00' is before done_at '2026-11-16 10:00'"),
        (
            8,
            "done_at '2026-11-16 10:00' is before ticket H-3 was received (2026-11-17 09:00); "
            "check the date or the ticket",
        ),
        (
            9,
            "the same callback (customer C001, ticket H-1, done_at '2026/11/17 10:00') is already on line 2 "
            "of this file; keep one row per callback (two calls on one day: write the day alone in both, "
            "or each call's time)",
        ),
        (10, "category: is 65 characters long; the most is 64"),
        (
            11,
            "has 17 cells but the header names 16 columns "
            "(a comma inside a value needs the value in double quotes)",
        ),
    ]
    assert listed == [f"{path}:{line}: {reason}" for line, reason in expected]
    assert Callback.select().count() == 0 and CallbackAttempt.select().count() == 0
    assert Ticket.get(Ticket.ref == "H-1").status == "resolved"


def test_chinese_header_names_show_in_the_messages(cli, tmp_path):
    path = write_csv(tmp_path, [CN_HEADER, ["C001", "H-1", "昨天", "短信", "", "五"] + [""] * 10])
    done = cli.run("import", "callbacks", str(path))
    assert done.returncode == 1
    assert f"{path}:2: done_at (回访日期) '昨天' is not a date/time I can read" in done.stderr
    assert (
        f"{path}:2: method (回访方式): '短信' is not a word this column takes; write one of: 电话回访"
        in done.stderr
    )
    assert f"{path}:2: overall (满意度评分): '五' is not a score" not in done.stderr  # 五 is 5


def test_header_problems_and_who_may_import(cli, tmp_path):
    wrong = write_csv(
        tmp_path, [["客户编号", "回访日期", "满意度"[:2], "心情"], ["C001", "2026-11-17 10:00", "4", "好"]]
    )
    done = cli.run("import", "callbacks", str(wrong))
    assert done.returncode == 1
    assert "unknown column '满意'" in done.stderr and "unknown column '心情'" in done.stderr
    assert "missing required column: overall (满意度评分, 满意度, 总体满意度, 评分)" in done.stderr
    good = write_csv(
        tmp_path, [EN_HEADER[:6], ["C001", "H-1", "2026-11-17 10:00", "phone", "li", "4"]], name="ok.csv"
    )
    refused = cli.run("import", "callbacks", str(good), user="li")
    assert refused.returncode == 1 and "supervisor's job" in refused.stderr
    assert Callback.select().count() == 0
    assert cli.ok("import", "callbacks", str(good)) == "ok.csv: 1 callback created\n"
