"""Finding customers as the agent types, and their history (core.customers.reads), on the
tests/conftest floor: customer C001 华东贸易有限公司 (华东贸易), phone 13812345678."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.basics.errors import NotFound
from core.callbacks.calls import claim_callback, customer_refused, finish_call, start_call
from core.callbacks.schedule import schedule_callbacks
from core.customers.reads import (
    CustomerCallbacks,
    CustomerTicket,
    customer_callbacks,
    customer_history,
    customer_ticket_count,
    find_customers,
    last_callback_score,
)
from core.customers.records import CustomerForm, add_customer, find_customer
from core.tickets.lifecycle import claim, set_status
from db.models import Callback
from tests.callback_calls import answer_every_question
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


def test_no_callbacks_yet(floor, new_ticket, clock):
    new_ticket()
    clock.advance(timedelta(days=2))
    assert last_callback_score(floor, "C001") is None
    assert customer_callbacks(floor, "C001") == CustomerCallbacks()
    assert customer_callbacks(floor, "C001").count == 0


def _resolve(session, new_ticket, text: str = "发票抬头开错了") -> str:
    ref = new_ticket(description=text)
    claim(session, ref)
    set_status(session, ref, "resolved", "已处理")
    return ref


def _import(session, tmp_path, rows: str) -> None:
    from core.importing.callbacks import import_callbacks

    path = tmp_path / "callbacks.csv"
    path.write_text("customer_code,done_at,method,overall\n" + rows, encoding="utf-8")
    import_callbacks(session, path)


def test_callbacks_of_every_kind_and_the_last_score(floor, as_li, new_ticket, clock, tmp_path):
    """The user trial: a customer with calls made on the floor, imported survey records and an
    open low-score follow-up was shown "Callbacks: none yet, last score -"."""
    add_customer(floor, CustomerForm(code="C002", name="西北机械厂"))
    _import(floor, tmp_path, "C002,2026-11-19 15:00,phone,3\n")  # another customer's calls are not C001's
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    claim_callback(as_li, task.id)
    answer_every_question(as_li, task.id, overall="2")
    outcome = finish_call(as_li, task.id)  # a low score: the supervisor's follow-up is booked
    assert outcome.low_score and outcome.follow_up_id
    # Imported after the call, so numbered after it, but made two days before: not the last.
    _import(floor, tmp_path, "C001,2026-11-18 16:00,survey,5\n")
    assert customer_callbacks(floor, "C001") == CustomerCallbacks(done=2, open=1, last_score=2)
    assert customer_callbacks(floor, "C001").count == 3
    assert last_callback_score(floor, "C001") == 2
    assert customer_callbacks(floor, "C002") == CustomerCallbacks(done=1, last_score=3)
    assert customer_callbacks(floor, " C001 ").done == 2  # the code as typed, like the other reads

    # The supervisor's follow-up is made an hour later: it is the customer's last call now.
    clock.advance(hours=1)
    answer_every_question(floor, outcome.follow_up_id, overall="4")
    finish_call(floor, outcome.follow_up_id)
    assert customer_callbacks(floor, "C001") == CustomerCallbacks(done=3, last_score=4)


def test_callbacks_not_made_count_and_a_done_call_without_a_score_is_passed_over(
    floor, as_li, new_ticket, clock
):
    _resolve(as_li, new_ticket)
    [task] = schedule_callbacks(floor)
    answer_every_question(as_li, task.id, overall="5")
    finish_call(as_li, task.id)
    clock.advance(days=10)  # Mon 11-30: past the week after a done call (callbacks.gap)
    _resolve(as_li, new_ticket, "漏发一件")
    [refused] = schedule_callbacks(floor)
    start_call(as_li, refused.id)
    customer_refused(as_li, refused.id, "不需要回访")
    # A done callback without an overall score (no way makes one today; a row written by hand
    # or by an older floor): counted, but the last score is still the last one given.
    Callback.create(
        key="unscored:test",
        group="in_use",
        customer=find_customer("C001").id,
        due_from=clock.now(),
        due_by=clock.now(),
        status="done",
        completed_at=clock.now(),
        created_at=clock.now(),
        created_by="boss",
    )
    assert customer_callbacks(floor, "C001") == CustomerCallbacks(done=2, refused=1, last_score=5)


def test_callbacks_of_an_unknown_customer(floor):
    with pytest.raises(NotFound):
        customer_callbacks(floor, "NOPE")
    with pytest.raises(NotFound):
        last_callback_score(floor, "NOPE")
