"""Finding customers as the agent types, and their history (core.customers.reads), on the
tests/conftest floor: customer C001 华东贸易有限公司 (华东贸易), phone 13812345678."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.basics.errors import NotFound
from core.customers.reads import (
    CustomerTicket,
    customer_history,
    customer_ticket_count,
    find_customers,
    last_callback_score,
)
from core.customers.records import CustomerForm, add_customer
from tests.conftest import sh


@pytest.fixture
def customers(floor):
    """C001 plus three more: a formatted phone, an English name, a code that prefixes C001's."""
    add_customer(
        floor,
        CustomerForm(
            code="C002", name="西北机械厂", short_name="西北机械", phone="+86 139-0000-4321", type="old"
        ),
    )
    add_customer(floor, CustomerForm(code="ACME-7", name="Acme Trading Ltd", phone="021 5555-0101"))
    add_customer(floor, CustomerForm(code="C0011", name="华东物流", phone="13700001111"))
    return floor


def codes(session, text, **kw) -> list[str]:
    return [c.code for c in find_customers(session, text, **kw)]


def test_find_by_code_prefix_exact_code_first(customers):
    assert codes(customers, "C001") == ["C001", "C0011"]
    assert codes(customers, "c00") == ["C001", "C0011", "C002"]  # case does not matter
    assert codes(customers, "001") == []  # a code matches from its start only


def test_find_by_phone_tail(customers):
    assert codes(customers, "5678") == ["C001"]
    assert codes(customers, "4321") == ["C002"]  # stored as +86 139-0000-4321
    assert codes(customers, "0000-4321") == ["C002"]  # typed with separators too
    assert codes(customers, "55550101") == ["ACME-7"]  # stored as 021 5555-0101
    assert codes(customers, "12") == []  # two digits are too few to mean a phone


def test_find_by_chinese_name_and_short_name(customers):
    assert codes(customers, "华东") == ["C001", "C0011"]
    assert codes(customers, "西北机械") == ["C002"]
    assert codes(customers, "贸易") == ["C001"]
    assert codes(customers, "acme") == ["ACME-7"]


def test_every_word_must_match(customers):
    assert codes(customers, "华东 5678") == ["C001"]
    assert codes(customers, "华东 4321") == []


def test_find_returns_masked_views_and_respects_limit(customers):
    found = find_customers(customers, "C00", limit=2)
    assert len(found) == 2
    assert found[0].phone_masked == "138****5678"
    assert all("12345678" not in c.phone_masked for c in found)
    assert find_customers(customers, "   ") == []


def test_wildcards_are_literal(customers):
    assert codes(customers, "%") == []
    assert codes(customers, "_") == []


def test_history_newest_first(floor, clock, new_ticket):
    first = new_ticket(description="第一次: 发票问题")
    clock.advance(hours=1)
    second = new_ticket(description="\n\n  漏发一件\n第二行")
    clock.advance(minutes=5)
    third = new_ticket(description="建议增加夜间服务", received_at=sh(2026, 11, 20, 9, 0))
    history = customer_history(floor, "C001")
    assert [t.ref for t in history] == [second, first, third]  # by when the feedback arrived
    assert isinstance(history[0], CustomerTicket)
    assert history[0].first_line == "漏发一件"
    assert history[0].tier == "red" and history[0].status == "new"
    assert history[1].received_at == sh(2026, 11, 20, 10, 0)
    assert [t.ref for t in customer_history(floor, "C001", limit=2)] == [second, first]
    assert customer_ticket_count(floor, "C001") == 3


def test_history_same_minute_later_record_first(floor, new_ticket):
    refs = [new_ticket() for _ in range(3)]
    assert [t.ref for t in customer_history(floor, "C001")] == refs[::-1]


def test_history_cuts_a_long_description(floor, new_ticket):
    new_ticket(description="很" * 20_000)
    (line,) = customer_history(floor, "C001")
    assert len(line.first_line) == 200


def test_history_of_unknown_customer(floor):
    with pytest.raises(NotFound):
        customer_history(floor, "NOPE")
    assert customer_history(floor, " C001 ") == []


def test_last_callback_score_is_none_until_callbacks(floor, new_ticket, clock):
    new_ticket()
    clock.advance(timedelta(days=2))
    assert last_callback_score(floor, "C001") is None
