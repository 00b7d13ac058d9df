"""Snapshot fixtures: a fixed floor for the layout pictures (tests/snapshot/test_layouts.py).

Everything is deterministic: the frozen clock of tests/conftest.py (Fri 2026-11-20 10:00
Asia/Shanghai), fixed customer codes, tickets recorded in a fixed order (refs T000001..),
and events stamped at fixed minutes before the clock is put back to 10:00.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.customers.records import CustomerForm, add_customer
from core.policy import parse_policy
from core.tickets import lifecycle as tickets
from tests.conftest import FLOOR_MORNING, sh
from tests.engines import ON_POSTGRES
from tests.unit.test_report_figures import week47  # noqa: F401  (fixture: the hand-built week 2026-W47)
from tui.base import screen as base_screen
from tui.base import who_bar

DETAIL_REF = "T000001"
"""The ticket the detail snapshots show: first in the queue (red, the oldest), so Enter opens it."""

DETAIL_DESCRIPTION = (
    "客户反映：11月18日收到的第二批货物中有3箱外包装破损，其中两台设备无法开机，影响门店周末促销。"
    "\n"
    "The customer called again from the Hangzhou store and explained in detail that the two "
    "units which fail to power on were unpacked by the store manager on Thursday evening; the "
    "outer cartons were visibly crushed on one corner, the signed delivery receipt notes the "
    "damage, and photos of the cartons and the serial number labels (SN 8841-2207 and "
    "SN 8841-2213) were sent by email. They need replacements before Saturday's promotion."
)

EXTRA_CUSTOMERS = (
    CustomerForm(
        code="C002",
        name="Northwind Traders International Ltd",
        short_name="Northwind",
        contact_person="Emma Clarke",
        phone="13900001111",
        type="old",
        industry="Wholesale",
        delivery_date=date(2026, 11, 2),
    ),
    CustomerForm(
        code="C003",
        name="深圳市南山区精密电子科技有限公司",
        short_name="南山精密",
        contact_person="陈静",
        phone="13712349876",
        type="new",
        industry="电子制造",
        delivery_date=date(2026, 11, 16),
    ),
    CustomerForm(
        code="C004",
        name="Blue Ocean 蓝海物流（上海）有限公司",
        short_name="蓝海物流 Blue Ocean",
        contact_person="王磊 Leo",
        phone="13655557777",
        type="vip",
        industry="物流",
    ),
)


@pytest.fixture(autouse=True)
def floor_named_floor(monkeypatch):
    """The pictures show the floor's name on the top line: its file's ("floor", from floor.db).
    On the PostgreSQL test server the name is the database's own, a new one for every test
    (tests/engines.py), so there the top line is told "floor" too: these tests are about the
    layout; tests/app/test_who_and_where.py checks the name itself on both engines."""
    if ON_POSTGRES:
        for module in (who_bar, base_screen):  # the latter imported it by name
            monkeypatch.setattr(module, "floor_name", lambda session: "floor")


@pytest.fixture
def snapshot_floor(floor, as_li, clock):
    """The floor (boss, li, wang; C001 华东贸易有限公司) plus customers C002 (English name),
    C003 (long Chinese name) and C004 (mixed), and open tickets for all of them:

    * T000001 C001 red (product quality / damage), received 08:05, claimed by li at 08:12, a
      note (08:20) and an outbound call (08:35); its description is Chinese then a long English
      paragraph. Its solution is due at 10:05, the earliest, so it heads the queue;
    * T000002..T000007 spread over the customers, tiers, channels and categories; T000004 is
      claimed by wang.

    The clock stands at 10:00 again when the fixture returns. The floor counts calendar time
    (the policy's sla.mode), so its morning before opening keeps the due times the pictures
    were drawn with; the business-time clock has tests of its own (tests/unit/test_clock_pauses.py).
    """
    floor.policy = as_li.policy = parse_policy(
        # owner_away 1m: li's T000001, due at 10:05, would raise an alert over every picture
        '[sla]\nmode = "calendar"\n[alerts]\nowner_away = "1m"\n',
        "snapshot floor",
    )
    for form in EXTRA_CUSTOMERS:
        add_customer(floor, form)
    as_wang = floor.as_login("wang")

    # The detail ticket came in first; its solution is due 10:05, so it heads the queue.
    clock.set(sh(2026, 11, 20, 8, 5))
    detail = tickets.intake(
        floor,
        tickets.NewTicket(
            "C001", "phone", DETAIL_DESCRIPTION, category="quality", subtag="damage", mood="anxious"
        ),
    )
    assert detail == DETAIL_REF
    clock.set(sh(2026, 11, 20, 8, 12))
    tickets.claim(as_li, detail)
    clock.set(sh(2026, 11, 20, 8, 20))
    tickets.add_note(as_li, detail, "已联系仓库核对出库记录，请物流确认运输途中是否有挤压。")
    clock.set(sh(2026, 11, 20, 8, 35))
    tickets.log_contact(
        as_li,
        detail,
        "out",
        "Called Ms. Zhang: confirmed replacement for both units, shipping today by 17:00.",
    )

    def record(at: tuple[int, int], code: str, channel: str, text: str, **fields) -> str:
        clock.set(sh(2026, 11, 20, *at))
        return tickets.intake(floor, tickets.NewTicket(code, channel, text, **fields))

    record((9, 40), "C002", "email", "Invoice for order 1023 shows the wrong tax rate", category="billing")
    record(
        (9, 52),
        "C003",
        "online_chat",
        "我的货已经延迟5天了！",
        category="efficiency",
        subtag="delivery_delay",
        mood="angry",
    )
    tickets.claim(
        as_wang, record((9, 53), "C004", "online_ticket", "询问如何导出月度对账单", category="howto")
    )
    record((9, 55), "C002", "phone", "Suggestion: add an evening support line", category="process")
    record(
        (9, 56),
        "C003",
        "social_media",
        "建议增加微信公众号的物流查询",
        platform="微信公众号",
        category="process",
    )
    record((9, 58), "C001", "face_to_face", "表扬李娜处理及时", category="attitude", mood="calm")

    clock.set(FLOOR_MORNING)
    return floor


BOARD_HANDOFFS = (
    # (sent at, ticket, department, what is needed, due, answered at) on Fri 2026-11-20
    ((7, 30), "T000003", "logistics", "确认实际位置和预计到货时间 (order SO2713757)", "09:30", (7, 50)),
    ((8, 50), "T000001", "warehouse", "Confirm both replacement units leave the depot today", "10:20", None),
    ((9, 0), "T000001", "tech", "远程诊断或安排工程师上门", "10:08", None),
    ((9, 40), "T000002", "production", "Re-run batch 1023 labels with the right tax rate", "11:00", None),
    (
        (9, 45),
        "T000005",
        "rnd",
        "Assess an evening support line: feasibility and timing",
        "tomorrow 10:00",
        (9, 58),
    ),
    ((9, 59), "T000006", "warehouse", "确认是否漏发并安排补发", "+3h", None),
)
"""The board's pictures: overdue, stuck and answered but not told (T000003), red under 15
minutes, yellow at half time, green, one due tomorrow."""


@pytest.fixture
def board_snapshot_floor(snapshot_floor, clock):
    """snapshot_floor with the policy's departments and BOARD_HANDOFFS, clock back at 10:00."""
    from core.admin import setup as admin
    from core.handoffs import lifecycle as handoffs

    admin.init_floor(snapshot_floor)
    for sent, ref, department, need, due, answered in BOARD_HANDOFFS:
        clock.set(sh(2026, 11, 20, *sent))
        added = handoffs.add_handoff(snapshot_floor, ref, department, need, due)
        if answered:
            clock.set(sh(2026, 11, 20, *answered))
            handoffs.answer_handoff(snapshot_floor, added.id, "在途, 明天10点送达")
    clock.set(FLOOR_MORNING)
    return snapshot_floor
