"""What customers kept saying in a week or a month (issue 23, core.report.period_phrases): which
texts count (descriptions received, inbound notes logged, done callbacks' words, each in the
period), a ticket once however many of its texts say a phrase, a callback about no ticket under
its customer's latest one, the policy's words, and the counts and lists agreeing."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime

import pytest

from core.customers import CustomerForm, add_customer
from core.report import Month, Week, period_phrases, phrase_counts, report_json, tickets_saying
from core.report.phrases import PhraseTally, Vocabulary
from core.tickets.lifecycle import log_contact
from db.models import Callback, Customer, Ticket
from tests.conftest import SHANGHAI, sh

W47 = Week(2026, 47, SHANGHAI)
W46 = Week(2026, 46, SHANGHAI)
NOVEMBER = Month(2026, 11, SHANGHAI)
AS_OF = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)


def done_callback(key, completed, *, ticket=None, customer="C001", feedback=None, suggestion=None):
    Callback.create(
        key=key,
        group="resolved",
        customer=Customer.get(Customer.code == customer).id,
        ticket=None if ticket is None else Ticket.get(Ticket.ref == ticket).id,
        due_from=sh(2026, 11, 1),
        due_by=sh(2026, 11, 30),
        status="done",
        completed_at=completed,
        overall=3,
        feedback=feedback,
        suggestion=suggestion,
        created_at=sh(2026, 11, 1),
        created_by="test",
    )


@pytest.fixture
def said(floor, as_li, clock, new_ticket):
    """2026-W46 and W47: 响应慢 said by four tickets of W47 (T2 twice, by its description and its
    callback; T5 only by a call logged in W47 about a W46 ticket), 物流配送延迟 by two."""
    refs = {}

    def receive(name, when, description):
        clock.set(when)
        refs[name] = new_ticket(description=description)

    receive("T1", sh(2026, 11, 12, 9), "物流配送延迟，快递三天还没到")  # W46
    receive("T5", sh(2026, 11, 13, 9), "发票抬头写错了")  # W46, the customer calls again in W47
    receive("T2", sh(2026, 11, 16, 9), "响应慢，等了两个小时")
    receive("T3", sh(2026, 11, 17, 9), "物流配送延迟两天，响应慢")
    receive("T4", sh(2026, 11, 18, 9), "物流配送延迟")
    receive("T6", sh(2026, 11, 19, 9), "智能门锁X3的电池续航太短")
    clock.set(sh(2026, 11, 17, 10)), log_contact(as_li, refs["T5"], "in", "客户又来电：响应慢")
    clock.set(sh(2026, 11, 17, 11)), log_contact(as_li, refs["T5"], "out", "响应慢，已致歉")  # ours
    clock.set(sh(2026, 11, 13, 10)), log_contact(as_li, refs["T1"], "in", "响应慢")  # W46
    done_callback(
        "cb1", sh(2026, 11, 20, 10), ticket=refs["T2"], feedback="响应慢", suggestion="希望响应快一点"
    )
    done_callback("cb2", sh(2026, 11, 21, 10), feedback="客服响应慢")  # no ticket: C001's latest, T6
    add_customer(floor, CustomerForm(code="C002", name="新客户", type="new"))
    done_callback("cb3", sh(2026, 11, 21, 11), customer="C002", feedback="响应慢")  # no ticket at all
    done_callback("cb4", sh(2026, 11, 12, 11), ticket=refs["T1"], feedback="响应慢")  # W46
    clock.set(AS_OF)
    return refs


def test_a_ticket_counts_once_whichever_of_its_texts_say_it(floor, said):
    top = period_phrases(floor, W47)
    by_text = {p.text: p for p in top.phrases}
    # T2 (description and callback), T3, T5 (its inbound note, T5 received in W46), T6 (cb2)
    assert by_text["响应慢"].count == 4
    assert by_text["响应慢"].examples == (said["T5"], said["T2"], said["T3"])  # the first by id
    assert by_text["物流配送延迟"].count == 2  # T3, T4 (T1 is W46's)
    assert top.phrases[0].text == "响应慢"
    assert top.tickets == 5  # T2, T3, T4, T5, T6 said something
    assert sorted(tickets_saying(floor, W47, "响应慢")) == sorted(
        Ticket.get(Ticket.ref == said[name]).id for name in ("T2", "T3", "T5", "T6")
    )


def test_outbound_notes_other_periods_and_a_customer_without_tickets_say_nothing(floor, said):
    assert phrase_counts(floor, W47, ["已致歉", "发票抬头"]) == {"已致歉": 0, "发票抬头": 0}
    # W46: T1's description, its inbound note and cb4 are one ticket; T5's description
    assert phrase_counts(floor, W46, ["响应慢", "物流配送延迟", "发票抬头"]) == {
        "响应慢": 1,
        "物流配送延迟": 1,
        "发票抬头": 1,
    }
    assert phrase_counts(floor, W46, []) == {}


def test_the_counts_and_the_lists_agree_with_the_top_phrases(floor, said):
    for period in (W47, W46, NOVEMBER):
        top = period_phrases(floor, period, limit=50)
        counts = phrase_counts(floor, period, [p.text for p in top.phrases])
        assert counts == {p.text: p.count for p in top.phrases}
        for p in top.phrases:
            assert len(tickets_saying(floor, period, p.text)) == p.count


def test_the_policy_keeps_product_names_whole_and_ignores_its_words(floor, said):
    plain = {p.text for p in period_phrases(floor, W47, limit=100).phrases}
    assert "智能门锁X3" not in plain and "响应慢" in plain
    words = Vocabulary(keep=("智能门锁X3",), ignore=frozenset({"响应慢", "电池"}))
    session = replace(floor, policy=replace(floor.policy, phrases=words))
    kept = {p.text for p in period_phrases(session, W47, limit=100).phrases}
    assert "智能门锁X3" in kept and "响应慢" not in kept and "电池" not in kept


def test_report_json_carries_the_phrases(floor, said):
    week = report_json(floor, week="2026-W47")
    assert week["week"] == "2026-W47" and week["received"] == 4
    assert week["phrases"][0] == {
        "text": "响应慢",
        "count": 4,
        "examples": [said["T5"], said["T2"], said["T3"]],
    }
    month = report_json(floor, month="2026-11")
    assert month["month"] == "2026-11"
    assert {"text": "物流配送延迟", "count": 3} in [
        {"text": p["text"], "count": p["count"]} for p in month["phrases"]
    ]


def test_an_empty_period_says_nothing(floor):
    assert period_phrases(floor, W47).phrases == () and period_phrases(floor, W47).tickets == 0
    assert report_json(floor, week="2026-W47")["phrases"] == []


def test_the_tally_s_walk_keeps_what_the_plain_rule_keeps():
    """top() walks the ranking; the rule it keeps: a phrase gives way to a longer one holding
    it said by as many refs at least."""
    pool = [
        "响应",
        "响应慢",
        "慢",
        "物流",
        "物流配送",
        "物流配送延迟",
        "延迟",
        "slow",
        "slow response",
        "response",
    ]
    rng = random.Random(23)
    for _ in range(50):
        tally = PhraseTally()
        for ref in range(rng.randint(0, 30)):
            tally.add(f"T{ref}", rng.sample(pool, rng.randint(0, 4)))
        counts = tally.counts
        plain = sorted(
            (p for p in counts if not any(p != o and p in o and counts[o] >= counts[p] for o in counts)),
            key=lambda p: (-counts[p], -len(p), p),
        )
        assert [p.text for p in tally.top(len(pool))] == plain
        assert [p.text for p in tally.top(3)] == plain[:3]


def test_a_phrases_list_says_where_each_ticket_said_it(floor, clock, new_ticket):
    """From the user trial: a ticket on a phrase's list says where (a callback's words are not
    on the ticket screen's description)."""
    from core.report.drill import Ask, drill

    clock.set(sh(2026, 11, 24, 10))
    described = new_ticket(description="物流配送延迟")
    contacted = new_ticket(description="发票抬头开错")
    log_contact(floor, contacted, "in", "客户再次来电：物流配送延迟")
    clock.set(sh(2026, 11, 30, 10))
    rows = drill(floor, Week(2026, 48, SHANGHAI), Ask("phrase", key="物流配送延迟"), "en").rows
    assert [(r.ref, r.detail) for r in rows] == [
        (described, "in its description"),
        (contacted, "in a customer's contact"),
    ]


def test_a_count_is_kept_until_the_periods_texts_or_the_words_change(floor, clock, new_ticket, monkeypatch):
    """Counting segments every text (seconds for a big week): a period whose texts are as they
    were is read from the kept count, by the report screen, the JSON and the workbook alike."""
    import importlib
    import time

    from db.models import PhraseCache

    module = importlib.import_module("core.report.period_phrases")
    clock.set(sh(2026, 11, 24, 10))
    new_ticket(description="物流配送延迟")
    clock.set(sh(2026, 11, 30, 10))
    week = Week(2026, 48, SHANGHAI)
    first = period_phrases(floor, week)
    for _ in range(50):  # the count is saved from a connection of its own
        if PhraseCache.select().count():
            break
        time.sleep(0.1)
    counted = []
    real = module._count
    monkeypatch.setattr(module, "_count", lambda *a: counted.append(1) or real(*a))
    assert period_phrases(floor, week) == first and counted == []  # read, not counted
    clock.set(sh(2026, 11, 26, 10))
    new_ticket(description="物流配送延迟，响应慢")  # a ticket of the week: its texts changed
    clock.set(sh(2026, 11, 30, 11))
    again = period_phrases(floor, week)
    assert counted == [1] and again.phrases[0].count == 2
    floor.policy = replace(floor.policy, phrases=Vocabulary(ignore=frozenset({"物流配送延迟"})))
    assert "物流配送延迟" not in {p.text for p in period_phrases(floor, week).phrases}
    assert counted == [1, 1]
