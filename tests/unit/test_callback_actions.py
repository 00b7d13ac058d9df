"""What a person may do to a callback now (core.callbacks.actions): the answer for each kind of
callback and person, that core agrees when each action is attempted, that the refusal it
names is the one core raises, and that asking costs no query."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from core.basics.errors import CallfloorError
from core.callbacks.actions import call_refusal, callback_actions
from core.callbacks.calls import claim_callback, finish_call, get_callback, list_callbacks, start_call
from core.callbacks.follow_ups import pass_follow_up
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer, get_customer, set_callback_preferences
from core.people.agents import add_agent
from core.tickets.lifecycle import claim, set_status
from tests.callback_calls import answer_every_question


@pytest.fixture
def callback_floor(floor):
    """The tests/conftest floor with a second supervisor, zhao, to pass follow-ups to."""
    add_agent(floor, "zhao", "赵敏", role="supervisor")
    return floor


def customer_exists(floor, code: str) -> bool:
    try:
        get_customer(floor, code)
    except CallfloorError:
        return False
    return True


def resolved_callback(floor, new_ticket, code: str, call_time: str | None = None) -> int:
    """A new customer's ticket, resolved by li on Friday 10:00; its callback, booked."""
    if code != "C001" and not customer_exists(floor, code):
        add_customer(floor, CustomerForm(code=code, name=f"客户{code}", phone=f"139000{code[1:]:0>5}"))
    if call_time:
        set_callback_preferences(floor, code, call_time=call_time)
    as_li = floor.as_login("li")
    ref = new_ticket(customer_code=code)
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "已处理")
    schedule_callbacks(floor)
    [view] = [v for v in list_callbacks(floor) if v.ticket_ref == ref]
    return view.id


def low_score(floor, new_ticket) -> tuple[int, int]:
    """C002 scores 2 on li's call: (the supervisor's follow-up, owned by a supervisor; the next
    routine callback of C002, held until the follow-up is done)."""
    as_li = floor.as_login("li")
    scored = resolved_callback(floor, new_ticket, "C002")
    answer_every_question(as_li, scored, overall="2", score="3", yes_no="no")
    follow_up = finish_call(as_li, scored).follow_up_id
    held = resolved_callback(floor, new_ticket, "C002")
    return follow_up, held


SITUATIONS = {
    "due, nobody's": lambda floor, new_ticket: resolved_callback(floor, new_ticket, "C003"),
    "due, li's": lambda floor, new_ticket: (
        (number := resolved_callback(floor, new_ticket, "C003")),
        claim_callback(floor.as_login("li"), number),
    )[0],
    # the customer is called from 14:00; the floor's clock says 10:00
    "not yet due": lambda floor, new_ticket: resolved_callback(floor, new_ticket, "C001", "14:00-17:00"),
    "low-score follow-up": lambda floor, new_ticket: low_score(floor, new_ticket)[0],
    "held by a follow-up": lambda floor, new_ticket: low_score(floor, new_ticket)[1],
}
"""Each kind of callback, made on the floor; returns its number."""


def attempt(session, number: int, call: str) -> bool:
    """Whether core accepts the call (True) or refuses it (False); a claim of one's own
    callback changes nothing, so it counts as not an action."""
    try:
        if call == "claim":
            return claim_callback(session, number)
        if call == "call":
            start_call(session, number)
        elif call == "pass":
            owner = get_callback(session, number).owner
            pass_follow_up(session, number, "zhao" if owner != "zhao" else "boss")
        else:
            raise AssertionError(call)
    except CallfloorError:
        return False
    return True


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("login", ["li", "wang", "boss"])
@pytest.mark.parametrize("call", ["claim", "call", "pass"])
def test_core_accepts_exactly_what_is_offered(callback_floor, new_ticket, situation, login, call):
    number = SITUATIONS[situation](callback_floor, new_ticket)
    session = callback_floor.as_login(login)
    offered = call in callback_actions(session, get_callback(session, number))
    assert attempt(session, number, call) == offered, (situation, login, call)


EXPECTED = {
    ("due, nobody's", "li"): {"claim", "call"},
    ("due, nobody's", "boss"): {"claim", "call"},
    ("due, li's", "li"): {"call"},
    ("due, li's", "wang"): set(),
    ("due, li's", "boss"): set(),
    ("not yet due", "li"): {"claim"},
    ("low-score follow-up", "li"): set(),
    ("low-score follow-up", "boss"): {"call", "pass"},  # boss's own: booked to boss
    ("low-score follow-up", "zhao"): {"pass"},
    ("held by a follow-up", "li"): {"claim"},
    ("held by a follow-up", "boss"): {"claim"},
}
"""The answer, written out for the cases people ask about."""


@pytest.mark.parametrize(("situation", "login"), EXPECTED)
def test_the_answer_for_each_person(callback_floor, new_ticket, situation, login):
    number = SITUATIONS[situation](callback_floor, new_ticket)
    session = callback_floor.as_login(login)
    assert callback_actions(session, get_callback(session, number)) == EXPECTED[situation, login]


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("login", ["li", "wang", "boss"])
def test_the_refusal_named_is_the_one_core_raises(callback_floor, new_ticket, situation, login):
    """A screen that says why Enter cannot begin a call says what start_call would."""
    number = SITUATIONS[situation](callback_floor, new_ticket)
    session = callback_floor.as_login(login)
    named = call_refusal(session, get_callback(session, number))
    try:
        start_call(session, number)
    except CallfloorError as raised:
        assert named is not None and named.code == raised.code, (situation, login)
    else:
        assert named is None, (situation, login)


def test_a_call_already_begun_resumes_though_a_low_score_holds_the_customer(callback_floor, new_ticket):
    """Held (and not yet due) is for calls not yet begun: one under way may be finished."""
    as_li = callback_floor.as_login("li")
    held = get_callback(as_li, SITUATIONS["held by a follow-up"](callback_floor, new_ticket))
    assert held.held_by is not None and "call" not in callback_actions(as_li, held)
    begun = replace(held, started_at=callback_floor.now())
    assert "call" in callback_actions(as_li, begun)
    assert call_refusal(as_li, begun) is None


def test_a_finished_callback_offers_nothing(callback_floor, new_ticket):
    as_li = callback_floor.as_login("li")
    number = resolved_callback(callback_floor, new_ticket, "C003")
    answer_every_question(as_li, number)
    finish_call(as_li, number)
    assert callback_actions(as_li, get_callback(as_li, number)) == frozenset()
    assert call_refusal(as_li, get_callback(as_li, number)) is not None


def test_asking_reads_nothing_from_the_database(callback_floor, new_ticket, caplog):
    """The screen asks on every move of its cursor; the answer comes from the row and the session."""
    as_li = callback_floor.as_login("li")
    view = get_callback(as_li, SITUATIONS["not yet due"](callback_floor, new_ticket))  # li now known
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        callback_actions(as_li, view)
        call_refusal(as_li, view)
    assert [r for r in caplog.records if r.name == "peewee"] == []
