"""core.importing: CSV files of customers and tickets, checked whole, written once.

A real floor (a SQLite file under tmp_path, or a database on the test server), a frozen clock,
files written in the encodings Excel uses.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.basics.clock import FrozenClock
from core.basics.errors import ImportRejected, InvalidInput, NotAllowed, UnknownAgent
from core.customers.records import CustomerForm, add_customer
from core.importing import ImportSummary, import_customers, import_tickets
from core.people.agents import add_agent, ensure_first_supervisor
from core.tickets.lifecycle import NewTicket, intake, normalise_ref
from core.tickets.sla import due_times
from db.models import Agent, Customer, Ticket, TimelineEvent

UTC = UTC
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=SHANGHAI)

TICKET_HEADER = ["ref", "received_at", "channel", "customer_code", "customer_name", "description"]
CN_TICKET_HEADER = ["工单编号", "反馈时间", "反馈渠道", "客户编号", "客户名称", "问题描述"]


def sh(*parts) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI).astimezone(UTC)


@pytest.fixture
def session(floor_db):
    s = floor_db.open(create=True, login="boss", clock=FrozenClock(NOW))
    ensure_first_supervisor(s, "主管")
    add_agent(s, "li", "李雷", "agent")
    add_agent(s, "wang", "王芳", "agent")
    yield s
    s.close()


def write_csv(tmp_path, rows, name="tickets.csv", encoding="utf-8", bom=False):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode(encoding))
    return path


def ticket_row(
    ref="T1",
    received="2026-11-20 14:30",
    channel="phone",
    code="C001",
    name="华东制造",
    description="设备无法开机",
):
    return [ref, received, channel, code, name, description]


def ticket(ref: str) -> Ticket:
    return Ticket.get(Ticket.ref == normalise_ref(ref))


def short(ref: str) -> str:
    """T000001 -> T1, as the test files write it."""
    return re.sub(r"^T0+(?=\d)", "T", ref)


def rejected(call, *args) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        call(*args)
    return info.value


def reasons(exc: ImportRejected) -> list[str]:
    return [str(reason) for _, reason in exc.problems]


def said(exc: ImportRejected) -> list[tuple[int, str]]:
    """Each problem's line and its English (a problem is a Message or the InvalidInput it came from)."""
    return [(line, str(reason)) for line, reason in exc.problems]


def nothing_written():
    return (
        Ticket.select().count() == 0
        and TimelineEvent.select().count() == 0
        and Customer.select().count() == 0
    )


# ------------------------------------------------------------------ tickets: headers, encodings


def test_english_headers_import_history_with_derived_fields(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            [
                "Ref",
                " received_at ",
                "CHANNEL",
                "customer_code",
                "customer_name",
                "phone",
                "category",
                "subtag",
                "tier",
                "description",
                "owner",
                "first_response_at",
                "resolved_at",
                "closed_at",
                "reopened",
                "customer_contacts",
            ],
            [
                "T1",
                "2026-11-20 09:00",
                "phone",
                "C001",
                "华东制造",
                "13812345678",
                "quality",
                "defect",
                "red",
                "screen dead",
                "li",
                "2026-11-20 09:10",
                "2026-11-20 10:00",
                "2026-11-20 11:00",
                "1",
                "3",
            ],
            [
                "T2",
                "2026-11-21 10:00",
                "email",
                "C001",
                "",
                "",
                "",
                "",
                "",
                "how do I print?",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "T3",
                "2026-11-21 10:30",
                "online_chat",
                "C001",
                "",
                "",
                "",
                "",
                "green",
                "thanks",
                "wang",
                "2026-11-21 10:35",
                "",
                "",
                "0",
                "",
            ],
        ],
    )
    summary = import_tickets(session, path)
    assert (summary.created, summary.unchanged, summary.customers_created) == (3, 0, 1)

    t1 = ticket("T1")
    assert (t1.status, t1.tier, t1.tier_source, t1.category, t1.subtag) == (
        "closed",
        "red",
        "import",
        "quality",
        "defect",
    )
    assert t1.owner.login == "li" and t1.created_by == "boss"
    assert t1.received_at == sh(2026, 11, 20, 9, 0)
    assert (t1.first_response_at, t1.resolved_at, t1.closed_at) == (
        sh(2026, 11, 20, 9, 10),
        sh(2026, 11, 20, 10, 0),
        sh(2026, 11, 20, 11, 0),
    )
    assert t1.last_update_at == t1.first_response_at
    assert (t1.reopened_count, t1.inbound_contacts, t1.next_due_at) == (1, 3, None)
    assert (t1.response_due_at, t1.solution_due_at) == due_times(t1.received_at, "red", session.policy)

    t2 = ticket("T2")
    assert (t2.status, t2.category, t2.subtag, t2.owner, t2.tier_source) == (
        "new",
        "other",
        None,
        None,
        "default",
    )
    assert (t2.reopened_count, t2.inbound_contacts, t2.last_update_at) == (0, 0, None)
    assert t2.next_due_at == t2.response_due_at

    t3 = ticket("T3")
    assert (t3.status, t3.owner.login, t3.tier) == ("in_progress", "wang", "green")
    assert t3.next_due_at == t3.solution_due_at  # responded: the solution target is next

    customer = Customer.get(Customer.code == "C001")
    assert (customer.name, customer.phone, customer.type) == ("华东制造", "13812345678", "new")


def test_chinese_headers(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            CN_TICKET_HEADER
            + [
                "联系方式",
                "问题分类",
                "子标签",
                "优先级",
                "负责人",
                "首次响应时间",
                "完成时间",
                "闭环时间",
                "是否重开",
                "来电次数",
                "平台",
            ],
            [
                "GD-001",
                "2026年11月20日 14:30",
                "社交媒体",
                "C001",
                "华东制造",
                "我的货已经延迟5天了!",
                "13812345678",
                "服务效率",
                "物流配送",
                "一级",
                "李雷",
                "2026年11月20日 14:40",
                "2026年11月20日 15:00",
                "",
                "是",
                "2",
                "微信公众号",
            ],
        ],
    )
    assert import_tickets(session, path).created == 1
    t = ticket("GD-001")
    assert (t.channel, t.platform, t.category, t.subtag, t.tier) == (
        "social_media",
        "微信公众号",
        "efficiency",
        "delivery_delay",
        "red",
    )
    assert (t.status, t.owner.login, t.reopened_count, t.inbound_contacts) == ("resolved", "li", 1, 2)
    assert t.received_at == sh(2026, 11, 20, 14, 30)


def test_gb18030_file_from_chinese_excel(session, tmp_path):
    path = write_csv(
        tmp_path, [CN_TICKET_HEADER, ticket_row(description="破损严重，客户很着急")], encoding="gb18030"
    )
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert import_tickets(session, path).created == 1
    t = ticket("T1")
    assert (t.description, t.tier, t.tier_source) == ("破损严重，客户很着急", "red", "keyword:破损")
    assert t.customer.name == "华东制造"


def test_utf8_with_bom(session, tmp_path):
    path = write_csv(tmp_path, [CN_TICKET_HEADER, ticket_row()], bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert import_tickets(session, path).created == 1


def test_utf16_file_is_refused_with_how_to_save(session, tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("ref,received_at\r\n".encode("utf-16"))
    exc = rejected(import_tickets, session, path)
    assert said(exc)[0][0] == 1 and "CSV UTF-8" in said(exc)[0][1]


def test_unknown_column_is_refused_listing_accepted_headers(session, tmp_path):
    path = write_csv(tmp_path, [TICKET_HEADER + ["fax number"], ticket_row() + ["x"]])
    exc = rejected(import_tickets, session, path)
    assert len(exc.problems) == 1
    line, reason = said(exc)[0]
    assert line == 1 and reason.startswith(
        "unknown column 'fax number' (give --ignore 'fax number' to leave it out); "
        "accepted columns are required: received_at (反馈时间"
    )
    assert "optional: ref (工单编号" in reason
    assert "received_at (反馈时间, 接收时间" in reason and "customer_contacts (客户来电次数" in reason
    assert nothing_written()


def test_missing_required_columns_are_named(session, tmp_path):
    path = write_csv(tmp_path, [["ref", "channel"], ["T1", "phone"]])
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            1,
            "missing required columns: received_at (反馈时间, 接收时间, received); "
            "description (问题描述, 描述, 客户问题描述)",
        )
    ]


def test_same_column_twice_and_empty_file(session, tmp_path):
    exc = rejected(
        import_tickets, session, write_csv(tmp_path, [TICKET_HEADER + ["问题描述"], ticket_row() + ["x"]])
    )
    assert "both mean description" in said(exc)[0][1]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert said(rejected(import_tickets, session, empty))[0][0] == 1


def test_missing_file_is_invalid_input(session, tmp_path):
    with pytest.raises(InvalidInput, match="no such file"):
        import_tickets(session, tmp_path / "nope.csv")


# ------------------------------------------------------------------ times


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2026-11-20 14:30", sh(2026, 11, 20, 14, 30)),
        ("2026-11-20T14:30:00", sh(2026, 11, 20, 14, 30)),
        ("2026/11/20 14:30", sh(2026, 11, 20, 14, 30)),
        ("2026/11/20 14:30:15", sh(2026, 11, 20, 14, 30, 15)),
        ("2026.11.20 9:05", sh(2026, 11, 20, 9, 5)),
        ("2026年11月20日 14:30", sh(2026, 11, 20, 14, 30)),
        ("2026年11月20日14时30分", sh(2026, 11, 20, 14, 30)),
        ("2026年11月20日 下午2:30", sh(2026, 11, 20, 14, 30)),
        ("２０２６－１１－２０　１４：３０", sh(2026, 11, 20, 14, 30)),
        ("20/11/2026 14:30", sh(2026, 11, 20, 14, 30)),
        ("11/20/2026 2:30 PM", sh(2026, 11, 20, 14, 30)),
        ("20 Nov 2026 14:30", sh(2026, 11, 20, 14, 30)),
        ("Nov 20, 2026 2:30 PM", sh(2026, 11, 20, 14, 30)),
        ("2026-11-20 14:30:00.250", sh(2026, 11, 20, 14, 30)),
        ("2026-11-20T06:30:00Z", sh(2026, 11, 20, 14, 30)),
        ("2026-11-20T14:30:00+08:00", sh(2026, 11, 20, 14, 30)),
        ("2026-11-20 07:30+0100", sh(2026, 11, 20, 14, 30)),
        ("2026-11-19 22:30 -08:00", sh(2026, 11, 20, 14, 30)),
    ],
)
def test_every_time_format(session, tmp_path, written, expected):
    import_tickets(session, write_csv(tmp_path, [TICKET_HEADER, ticket_row(received=written)]))
    assert ticket("T1").received_at == expected


@pytest.mark.parametrize(
    "written",
    [
        "2026-02-30 10:00",
        "2026-13-01 10:00",
        "2026-11-20 25:00",
        "2026-11-20 10:61",
        "31/02/2026 10:00",
        "30 Feb 2026 10:00",
    ],
)
def test_impossible_dates_are_bad_rows(session, tmp_path, written):
    exc = rejected(
        import_tickets, session, write_csv(tmp_path, [TICKET_HEADER, ticket_row(received=written)])
    )
    assert said(exc) == [(2, f"received_at '{written}' is not a real date/time")]
    assert exc.lines() == [f"{tmp_path / 'tickets.csv'}:2: received_at '{written}' is not a real date/time"]
    assert nothing_written()


@pytest.mark.parametrize(
    "written, says",
    [
        ("2026-11-20", "has no time of day"),
        ("20/11/26 10:00", "is not a date/time I can read"),
        ("yesterday", "is not a date/time I can read"),
        ("Nov 2026", "is not a date/time I can read"),
    ],
)
def test_unreadable_or_incomplete_times(session, tmp_path, written, says):
    exc = rejected(
        import_tickets, session, write_csv(tmp_path, [TICKET_HEADER, ticket_row(received=written)])
    )
    assert reasons(exc) == [
        f"received_at '{written}' {says}; write it "
        + (
            "to the minute, e.g. 2026-11-20 14:30"
            if "no time" in says
            else "year first, e.g. 2026-11-20 14:30"
        )
    ]


def test_day_month_order_is_settled_by_the_file(session, tmp_path):
    day_first = write_csv(
        tmp_path, [TICKET_HEADER, ticket_row("T1", "03/04/2026 10:00"), ticket_row("T2", "20/11/2026 10:00")]
    )
    import_tickets(session, day_first)
    assert ticket("T1").received_at == sh(2026, 4, 3, 10, 0)

    month_first = write_csv(
        tmp_path,
        [TICKET_HEADER, ticket_row("T3", "03/04/2026 10:00"), ticket_row("T4", "11/20/2026 10:00")],
        name="us.csv",
    )
    import_tickets(session, month_first)
    assert ticket("T3").received_at == sh(2026, 3, 4, 10, 0)


def test_ambiguous_day_month_is_refused_not_guessed(session, tmp_path):
    path = write_csv(
        tmp_path, [TICKET_HEADER, ticket_row("T1", "03/04/2026 10:00"), ticket_row("T2", "05/05/2026 10:00")]
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            2,
            "received_at '03/04/2026 10:00' is ambiguous (3 Apr or Mar 4?) and the file's "
            "other dates do not settle the order; write it year first: 2026-04-03 or 2026-03-04",
        )
    ]


def test_future_received_time_is_a_bad_row(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER,
            ticket_row(received="2026-11-21 12:00"),
            ticket_row("T2", received="2026-11-21 12:01"),
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (3, "received_at '2026-11-21 12:01' is in the future (now is 2026-11-21 12:00 floor time)")
    ]


def test_stamps_out_of_order_are_bad_rows(session, tmp_path):
    header = TICKET_HEADER + ["first_response_at", "resolved_at", "closed_at"]
    base = ticket_row(received="2026-11-20 10:00")
    path = write_csv(
        tmp_path,
        [
            header,
            base[:0] + ["T1"] + base[1:] + ["2026-11-20 09:59", "", ""],
            ["T2"] + base[1:] + ["", "", "2026-11-20 12:00"],
            ["T3"] + base[1:] + ["", "2026-11-20 12:00", "2026-11-20 11:00"],
            ["T4"] + base[1:] + ["2026-11-20 13:00", "2026-11-20 12:00", ""],
            ["T5"] + base[1:] + ["", "2026-11-22 12:00", ""],
            ["T6"] + base[1:] + ["2026-11-20 10:05", "2026-11-20 12:00", "2026-11-20 12:00"],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (2, "first_response_at '2026-11-20 09:59' is before received_at '2026-11-20 10:00'"),
        (
            3,
            "closed_at '2026-11-20 12:00' is given but resolved_at is blank; "
            "a ticket is resolved before it is closed",
        ),
        (4, "closed_at '2026-11-20 11:00' is before resolved_at '2026-11-20 12:00'"),
        (5, "first_response_at '2026-11-20 13:00' is after resolved_at '2026-11-20 12:00'"),
        (6, "resolved_at '2026-11-22 12:00' is in the future (now is 2026-11-21 12:00 floor time)"),
    ]
    assert nothing_written()


# ------------------------------------------------------------------ row rules


def test_unknown_channel_says_what_intake_says(session, tmp_path):
    exc = rejected(import_tickets, session, write_csv(tmp_path, [TICKET_HEADER, ticket_row(channel="fax")]))
    assert len(exc.problems) == 1
    assert said(exc)[0][1].startswith("channel: unknown channel 'fax'; use one of: phone (电话), ")
    assert exc.lines()[0].endswith(":2: " + said(exc)[0][1])


def test_platform_channel_without_platform_is_marked_unknown(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["平台"],
            ticket_row("T1", channel="社交媒体") + [""],
            ticket_row("T2", channel="social_media") + ["微博"],
            ticket_row("T3", channel="phone") + [""],
        ],
    )
    import_tickets(session, path)
    platforms = {short(t.ref): t.platform for t in Ticket.select()}
    assert platforms == {"T1": "unknown (import)", "T2": "微博", "T3": None}


def test_blank_tier_lets_keywords_decide_and_records_the_keyword(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["tier"],
            ticket_row("T1", description="我的货已经延迟5天了!") + [""],
            ticket_row("T2", description="建议增加夜间客服") + [""],
            ticket_row("T3", description="发票什么时候开") + [""],
            ticket_row("T4", description="发票什么时候开") + ["红"],
        ],
    )
    import_tickets(session, path)
    tiers = {short(t.ref): (t.tier, t.tier_source) for t in Ticket.select()}
    assert tiers == {
        "T1": ("red", "keyword:延迟"),
        "T2": ("green", "keyword:建议"),
        "T3": ("yellow", "default"),
        "T4": ("red", "import"),
    }


def test_bad_tier_category_and_subtag(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["tier", "category", "subtag"],
            ticket_row() + ["purple", "quality", "damage"],
            ticket_row("T2") + ["", "weather", ""],
            ticket_row("T3") + ["", "billing", "late"],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            2,
            "tier: 'purple' is not a word this column takes; write one of: "
            "一级 / 红 / 紧急 / 高 / 红色 / red; 二级 / 黄 / 一般 / 中 / 黄色 / yellow; "
            "三级 / 绿 / 低优先级 / 低 / 绿色 / green",
        ),
        (3, said(exc)[1][1]),
        (4, "subtag: category billing has no sub-tags; leave it blank"),
    ]
    assert said(exc)[1][1].startswith("category: unknown category 'weather'; use one of: quality (产品质量)")


def test_owner_must_be_an_agent_login_or_a_unique_name(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["owner"],
            ticket_row("T1") + ["zhang"],
            ticket_row("T2") + ["王芳"],
            ticket_row("T3") + ["LI"],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            2,
            "owner: 'zhang' is not an agent on this floor; add them first with: "
            "callfloor agent add LOGIN --name 'zhang' --role agent "
            "(the file can stay as it is: a name only one agent has is found), "
            "or leave owner blank",
        )
    ]
    path = write_csv(
        tmp_path, [TICKET_HEADER + ["负责人"], ticket_row("T2") + ["王芳"], ticket_row("T3") + ["LI"]]
    )
    import_tickets(session, path)
    assert {short(t.ref): t.owner.login for t in Ticket.select()} == {"T2": "wang", "T3": "li"}


def test_inactive_owner_may_own_history_not_open_work(session, tmp_path):
    Agent.update(active=False).where(Agent.login == "wang").execute()
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["owner", "resolved_at", "客户情绪"],
            ticket_row("T1") + ["wang", "2026-11-20 16:00", "焦急"],
            ticket_row("T2") + ["wang", "", ""],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            3,
            "owner: wang is no longer active and cannot own open work; "
            "leave owner blank or reactivate the agent",
        )
    ]
    import_tickets(
        session,
        write_csv(
            tmp_path,
            [
                TICKET_HEADER + ["owner", "resolved_at", "客户情绪"],
                ticket_row("T1") + ["wang", "2026-11-20 16:00", "焦急"],
            ],
        ),
    )
    assert (ticket("T1").owner.login, ticket("T1").mood, ticket("T1").status) == (
        "wang",
        "anxious",
        "resolved",
    )


def test_unknown_customer_needs_a_name(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["phone"],
            ticket_row("T1", code="C9", name="") + [""],
            ticket_row("T2", code="C8", name="新公司") + ["not a phone"],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            2,
            "customer_code 'C9' is not on file; give the customer's name (a 客户名称 column) to add the "
            "customer with this record, or import the customer list first",
        ),
        (3, "phone: 'not a phone' is not a phone number; digits, spaces, - ( ) and a leading + only"),
    ]


def test_customer_on_file_is_used_as_is(session, tmp_path):
    import_customers(session, write_csv(tmp_path, [["code", "name"], ["C001", "华东制造有限公司"]], "c.csv"))
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER,
            ticket_row("T1", name="别的名字"),
            ticket_row("T2", name=""),
            ticket_row("T3", code="C002", name="新客户甲"),
            ticket_row("T4", code="C002", name=""),
        ],
    )
    summary = import_tickets(session, path)
    assert (summary.created, summary.customers_created) == (4, 1)
    assert Customer.get(Customer.code == "C001").name == "华东制造有限公司"
    assert Customer.get(Customer.code == "C002").name == "新客户甲"


ACCEPTED_YES_NO = "是 / 是的 / 有 / 对 / √ / ✓ / ✔ / ☑ / yes; 否 / 不是 / 无 / 没有 / 不 / × / ✗ / ✘ / ☒ / no"


def test_reopened_and_contacts_cells(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER + ["是否重开", "客户来电次数"],
            ticket_row("T1") + ["是", "0"],
            ticket_row("T2") + ["否", ""],
            ticket_row("T3") + ["maybe", "-1"],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (4, "reopened (是否重开): 'maybe' is not a word this column takes; write one of: " + ACCEPTED_YES_NO),
        (4, "customer_contacts (客户来电次数): '-1' is not a whole number of 0 or more"),
    ]


def test_duplicate_ref_in_one_file(session, tmp_path):
    path = write_csv(tmp_path, [TICKET_HEADER, ticket_row("T1"), ticket_row("T2"), ticket_row("t1")])
    exc = rejected(import_tickets, session, path)
    # t1 and T1 name the same ticket, as they do everywhere on the floor
    assert said(exc) == [(4, "ref T000001 is already on line 2 of this file; keep one row per ticket")]
    path = write_csv(tmp_path, [TICKET_HEADER, ticket_row("GD-1"), ticket_row("GD-1")])
    assert said(rejected(import_tickets, session, path)) == [
        (3, "ref GD-1 is already on line 2 of this file; keep one row per ticket")
    ]


def test_description_is_kept_exactly_as_typed(session, tmp_path):
    weird = [
        "[bold red]x[/]",
        "\x1b[2J",
        "\\x1b[2J",
        "  leading and trailing  ",
        "two\nlines\r\nhere",
        "<b>&amp;",
    ]
    rows = [TICKET_HEADER] + [ticket_row(f"T{i}", description=text) for i, text in enumerate(weird)]
    rows.append(ticket_row("T99", description="   "))
    exc = rejected(import_tickets, session, write_csv(tmp_path, rows))
    # the quoted line breaks push the last row's physical line number down by 2
    assert said(exc) == [
        (
            len(weird) + 4,
            "description: is empty; write what the customer reported: when, where, symptoms, impact",
        )
    ]
    import_tickets(session, write_csv(tmp_path, rows[:-1]))
    assert [ticket(f"T{i}").description for i in range(len(weird))] == weird


def test_too_long_description_and_misaligned_row(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            TICKET_HEADER,
            ticket_row(description="x" * 100_001),
            ticket_row("T2") + ["extra"],
            ticket_row("T3") + ["", ""],
        ],
    )
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (2, "description: is 100,001 characters long; the most is 100,000"),
        (
            3,
            "has 7 cells but the header names 6 columns "
            "(a comma inside a value needs the value in double quotes)",
        ),
    ]


def test_blank_required_cells(session, tmp_path):
    exc = rejected(import_tickets, session, write_csv(tmp_path, [TICKET_HEADER, ["", "", "", "", "", "x"]]))
    # no ref and no customer are not problems (a ref is made, the customer is 'not recorded')
    assert said(exc) == [
        (2, "received_at: is empty; write when the feedback arrived, e.g. 2026-11-20 14:30"),
        (2, "channel: unknown channel '(blank)'; use one of: " + said(exc)[1][1].split("use one of: ")[1]),
    ]


def test_three_bad_rows_among_good_ones_import_nothing(session, tmp_path):
    rows = [TICKET_HEADER] + [ticket_row(f"T{i}") for i in range(1, 10)]
    rows[2] = ticket_row("T2", received="2026-02-30 10:00")
    rows[4] = ticket_row("T4", channel="fax")
    rows[7] = ticket_row("T7", description="")
    exc = rejected(import_tickets, session, write_csv(tmp_path, rows))
    assert [line for line, _ in exc.problems] == [3, 5, 8]
    assert str(exc) == f"{tmp_path / 'tickets.csv'}: 3 problems in 3 rows, nothing imported"
    assert nothing_written()


def test_reimport_is_idempotent(session, tmp_path):
    path = write_csv(
        tmp_path, [TICKET_HEADER, ticket_row("T1"), ticket_row("T2", code="C002", name="乙公司")]
    )
    first = import_tickets(session, path)
    assert (first.created, first.unchanged, first.customers_created) == (2, 0, 2)
    second = import_tickets(session, path)
    assert (second.created, second.unchanged, second.customers_created) == (0, 2, 0)
    assert second.text() == "tickets.csv: 0 tickets created, 2 already on file, unchanged"
    assert first.lines()[1:] == [
        "tickets left open, as the file does not say they were solved (on the queue now): T000001, T000002",
        "customers: 2 created",
    ]
    assert (Ticket.select().count(), TimelineEvent.select().count(), Customer.select().count()) == (2, 2, 2)

    grown = write_csv(
        tmp_path,
        [TICKET_HEADER, ticket_row("T1"), ticket_row("T2", code="C002", name="乙公司"), ticket_row("T3")],
    )
    third = import_tickets(session, grown)
    assert (third.created, third.unchanged) == (1, 2)
    assert third.lines()[0] == "tickets.csv: 1 ticket created, 2 already on file, unchanged"
    assert (Ticket.select().count(), TimelineEvent.select().count()) == (3, 3)


def test_ref_taken_by_a_different_ticket_is_a_bad_row(session, tmp_path):
    add_customer(session, CustomerForm("C001", "华东制造"))
    assert (
        intake(session, NewTicket(customer_code="C001", channel="phone", description="typed at intake"))
        == "T000001"
    )
    path = write_csv(tmp_path, [TICKET_HEADER, ticket_row("T1"), ticket_row("T2")])
    exc = rejected(import_tickets, session, path)
    assert said(exc) == [
        (
            2,
            "ref T000001 is already on file for another ticket (received 2026-11-21 12:00, "
            "customer C001); give this row a ref of its own",
        )
    ]
    assert Ticket.select().count() == 1
    import_tickets(session, write_csv(tmp_path, [TICKET_HEADER, ticket_row("GD-1"), ticket_row("T2")]))
    assert intake(session, NewTicket(customer_code="C001", channel="phone", description="next")) == "T000004"


def test_each_ticket_gets_one_imported_event(session, tmp_path):
    path = write_csv(
        tmp_path,
        [TICKET_HEADER + ["owner", "first_response_at"], ticket_row("T1") + ["li", "2026-11-20 14:40"]],
        name="history 2026.csv",
    )
    import_tickets(session, path)
    [event] = TimelineEvent.select().where(TimelineEvent.ticket == ticket("T1").id)
    assert (event.kind, event.actor, event.at, event.before) == (
        "imported",
        "boss",
        NOW.astimezone(UTC),
        None,
    )
    assert event.text == "imported from history 2026.csv line 2"
    after = json.loads(event.after)
    assert after["received_at"] == sh(2026, 11, 20, 14, 30).isoformat()
    assert after["first_response_at"] == sh(2026, 11, 20, 14, 40).isoformat()
    assert (after["status"], after["owner"], after["resolved_at"], after["closed_at"]) == (
        "in_progress",
        "li",
        None,
        None,
    )
    assert after["tier_source"] == "default"


def test_importing_is_a_supervisors_job(session, tmp_path):
    path = write_csv(tmp_path, [TICKET_HEADER, ticket_row()])
    with pytest.raises(NotAllowed, match="supervisor's job; li is an agent"):
        import_tickets(session.as_login("li"), path)
    with pytest.raises(NotAllowed):
        import_customers(session.as_login("li"), path)
    with pytest.raises(UnknownAgent):
        import_tickets(session.as_login("stranger"), path)
    assert nothing_written()


def test_five_thousand_rows_smoke(session, tmp_path):
    start = sh(2026, 1, 1, 8, 0)
    rows = [TICKET_HEADER + ["owner", "resolved_at", "tier"]]
    for i in range(5_000):
        received = (start + timedelta(minutes=7 * i)).astimezone(SHANGHAI)
        resolved = received + timedelta(hours=1) if i % 2 else None
        rows.append(
            ticket_row(
                f"H{i:05d}",
                received.strftime("%Y/%m/%d %H:%M"),
                code=f"C{i % 300:03d}",
                name=f"客户{i % 300}",
                description=f"第{i}单: 漏发" if i % 3 == 0 else f"第{i}单",
            )
            + [
                "li" if i % 2 else "",
                resolved.strftime("%Y-%m-%d %H:%M") if resolved else "",
                "" if i % 5 else "green",
            ]
        )
    summary = import_tickets(session, write_csv(tmp_path, rows))
    assert (summary.created, summary.customers_created) == (5_000, 300)
    assert TimelineEvent.select().where(TimelineEvent.kind == "imported").count() == 5_000
    assert Ticket.select().where(Ticket.status == "resolved").count() == 2_500
    assert import_tickets(session, write_csv(tmp_path, rows)).unchanged == 5_000


# ------------------------------------------------------------------ customers

CUSTOMER_HEADER = [
    "code",
    "name",
    "short_name",
    "contact_person",
    "phone",
    "type",
    "industry",
    "delivery_date",
]


def test_customers_with_english_headers(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            CUSTOMER_HEADER,
            ["C001", "华东制造有限公司", "华东", "张三", "13812345678", "vip", "制造", "2026-10-01"],
            ["C002", "Acme Ltd", "", "", "", "", "", ""],
        ],
        name="customers.csv",
    )
    summary = import_customers(session, path)
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert summary.text() == "customers.csv: 2 customers created"
    c1 = Customer.get(Customer.code == "C001")
    assert (c1.short_name, c1.contact_person, c1.phone, c1.type, c1.industry, c1.delivery_date) == (
        "华东",
        "张三",
        "13812345678",
        "vip",
        "制造",
        date(2026, 10, 1),
    )
    assert c1.created_at == NOW.astimezone(UTC)
    c2 = Customer.get(Customer.code == "C002")
    assert (c2.type, c2.phone, c2.delivery_date) == ("new", None, None)


def test_customers_with_chinese_headers_in_gb18030(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            ["客户编号", "客户名称", "简称", "联系人", "联系电话", "客户类型", "所属行业", "交货日期"],
            ["C001", "华东制造", "华东", "张三", "021-5555 1234", "老客户", "制造业", "2026/10/01 0:00"],
            ["C002", "华南贸易", "", "", "", "VIP", "", "2026年9月3日"],
        ],
        name="客户.csv",
        encoding="gb18030",
    )
    assert import_customers(session, path).created == 2
    assert {c.code: (c.type, c.delivery_date) for c in Customer.select()} == {
        "C001": ("old", date(2026, 10, 1)),
        "C002": ("vip", date(2026, 9, 3)),
    }


def test_customer_reimport_counts_unchanged_and_updated(session, tmp_path):
    first = [
        CUSTOMER_HEADER,
        ["C001", "华东制造", "华东", "张三", "13812345678", "new", "制造", ""],
        ["C002", "华南贸易", "", "", "", "old", "", ""],
        ["C003", "西部物流", "", "", "", "", "", ""],
    ]
    import_customers(session, write_csv(tmp_path, first, name="v1.csv"))
    again = import_customers(session, write_csv(tmp_path, first, name="v1.csv"))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)

    newer = [
        CUSTOMER_HEADER,
        ["C001", "华东制造", "", "李四", "13900000000", "vip", "", ""],
        ["C002", "华南贸易", "", "", "", "old", "", ""],
        ["C003", "西部物流集团", "", "", "", "", "", "2026-11-01"],
        ["C004", "新来的", "", "", "", "", "", ""],
    ]
    summary = import_customers(session, write_csv(tmp_path, newer, name="v2.csv"))
    assert (summary.created, summary.updated, summary.unchanged) == (1, 2, 1)
    assert summary.updates == ("C001: contact_person, phone, type", "C003: name, delivery_date")
    assert summary.text() == (
        "v2.csv: 1 customer created, 2 updated (C001: contact_person, phone, type; "
        "C003: name, delivery_date), 1 already on file, unchanged"
    )
    c1 = Customer.get(Customer.code == "C001")
    assert (c1.contact_person, c1.phone, c1.type) == ("李四", "13900000000", "vip")
    assert (c1.short_name, c1.industry) == ("华东", "制造")  # blank cells keep what is on file
    assert Customer.get(Customer.code == "C003").delivery_date == date(2026, 11, 1)


def test_customer_bad_rows_import_nothing(session, tmp_path):
    path = write_csv(
        tmp_path,
        [
            CUSTOMER_HEADER,
            ["C001", "华东制造", "", "", "", "", "", ""],
            ["C 2", "坏编号", "", "", "", "", "", ""],
            ["C003", "", "", "", "", "", "", ""],
            ["C004", "某公司", "", "", "", "gold", "", "2026-02-30"],
            ["C001", "又一次", "", "", "", "", "", ""],
        ],
        name="customers.csv",
    )
    exc = rejected(import_customers, session, path)
    assert said(exc) == [
        (3, "customer code: 'C 2' is not a customer code; use letters, digits and - _ . / (at most 64)"),
        (4, "customer name: is empty; give the company or person's name"),
        (5, "delivery_date '2026-02-30' is not a real date"),
        (5, "customer type: unknown customer type 'gold'; use one of: new, old, vip"),
        (6, "code 'C001' is already on line 2 of this file; keep one row per customer"),
    ]
    assert nothing_written()


def test_customer_header_rules(session, tmp_path):
    exc = rejected(import_customers, session, write_csv(tmp_path, [["客户编号", "邮箱"], ["C1", "a@b"]]))
    assert [line for line, _ in exc.problems] == [1, 1]
    assert said(exc)[0][1].startswith(
        "unknown column '邮箱' (give --ignore '邮箱' to leave it out); "
        "accepted columns are required: code (客户编号"
    )
    assert said(exc)[1][1] == "missing required column: name (客户名称, 客户名, 客户姓名, customer_name)"


def test_summary_text_lists_at_most_ten_updates():
    summary = ImportSummary("customers", "x.csv", updated=12, updates=tuple(f"C{i}: name" for i in range(12)))
    assert summary.text().endswith("C9: name; and 2 more)")
    assert summary.rows == 12
