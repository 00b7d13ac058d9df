"""What a person may do to a ticket now (core.tickets.actions): the answer for each status and
person, that core agrees when each action is attempted, and that asking costs no query."""

from __future__ import annotations

import logging

import pytest

from core.basics.errors import CallfloorError
from core.tickets import ticket_actions
from core.tickets.assignment import reassign
from core.tickets.lifecycle import change_category, change_tier, claim, set_status
from core.tickets.reads import list_tickets, ticket_detail

ALWAYS = {"note", "contact"}


def resolved_by_li(as_li, ref: str) -> str:
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "replaced the part")
    return ref


def closed_by_li(as_li, ref: str) -> str:
    set_status(as_li, resolved_by_li(as_li, ref), "closed")
    return ref


def allowed(session, ref: str) -> set[str]:
    return set(ticket_actions(session, ticket_detail(session, ref)))


def test_a_new_ticket_nobody_owns(floor, as_li, new_ticket):
    ref = new_ticket()
    assert allowed(as_li, ref) == ALWAYS | {"claim", "tier", "category", "handoff"}
    assert allowed(floor, ref) == ALWAYS | {"claim", "start", "tier", "category", "handoff", "reassign"}


def test_a_ticket_being_worked_by_its_owner_a_colleague_and_a_supervisor(floor, as_li, as_wang, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    working = {"resolve", "wait", "tier", "category", "handoff", "reassign"}
    assert allowed(as_li, ref) == ALWAYS | working
    assert allowed(as_wang, ref) == ALWAYS | {"handoff"}  # li's ticket: wang may not resolve it
    assert allowed(floor, ref) == ALWAYS | working


def test_a_ticket_waiting_on_the_customer_resumes_or_resolves(floor, as_li, as_wang, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    set_status(as_li, ref, "waiting", "请客户补拍破损照片")
    assert allowed(as_li, ref) == ALWAYS | {"resume", "resolve", "tier", "category", "handoff", "reassign"}
    assert allowed(as_wang, ref) == ALWAYS | {"handoff"}


def test_a_resolved_ticket_closes_or_reopens_and_no_longer_changes_hands(floor, as_li, as_wang, new_ticket):
    ref = resolved_by_li(as_li, new_ticket())
    assert allowed(as_li, ref) == ALWAYS | {"close", "reopen", "tier", "category"}
    assert allowed(as_wang, ref) == ALWAYS
    assert allowed(floor, ref) == ALWAYS | {"close", "reopen", "tier", "category"}


def test_a_closed_ticket_only_reopens(floor, as_li, as_wang, new_ticket):
    ref = closed_by_li(as_li, new_ticket())
    assert allowed(as_li, ref) == ALWAYS | {"reopen", "tier", "category"}
    assert allowed(as_wang, ref) == ALWAYS


def test_a_queue_row_is_enough(as_li, new_ticket):
    """A TicketSummary (what the queue lists) answers the same as the detail."""
    ref = new_ticket()
    [row] = [t for t in list_tickets(as_li) if t.ref == ref]
    assert set(ticket_actions(as_li, row)) == allowed(as_li, ref)


# Core agrees: every action offered is accepted when attempted, every one withheld is refused.

SITUATIONS = {
    "new": lambda as_li, ref: ref,
    "in_progress": lambda as_li, ref: (claim(as_li, ref), ref)[1],
    "resolved": resolved_by_li,
    "closed": closed_by_li,
}


CALLS = {
    "claim": {"claim"},
    "status in_progress": {"start", "reopen"},  # one call: where the ticket stands names the move
    "status resolved": {"resolve"},
    "status closed": {"close"},
    "tier": {"tier"},
    "category": {"category"},
    "reassign": {"reassign"},
}
"""Each core call attempted, and the actions that offer it."""


def attempt(session, ref: str, call: str) -> bool:
    """Whether core accepts the call (True) or refuses it (False); a claim of one's own
    ticket changes nothing, so it counts as not an action."""
    detail = ticket_detail(session, ref)
    try:
        if call == "claim":
            return not claim(session, ref).already_yours
        if call.startswith("status "):
            set_status(session, ref, call.split()[1], "done", expected_version=detail.row_version)
        elif call == "tier":
            tier = "red" if detail.tier != "red" else "green"
            change_tier(session, ref, tier, "the customer called again", detail.row_version)
        elif call == "category":
            other = next(c.id for c in session.policy.categories if c.id != detail.category)
            change_category(session, ref, other, None, "misfiled", detail.row_version)
        elif call == "reassign":
            to = "wang" if detail.owner != "wang" else "li"
            reassign(session, ref, to, "li is off today", detail.row_version)
        else:
            raise AssertionError(call)
    except CallfloorError:
        return False
    return True


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("login", ["li", "wang", "boss"])
@pytest.mark.parametrize("call", CALLS)
def test_core_accepts_exactly_what_is_offered(floor, as_li, new_ticket, situation, login, call):
    ref = SITUATIONS[situation](as_li, new_ticket())
    session = floor.as_login(login)
    offered = bool(CALLS[call] & allowed(session, ref))
    assert attempt(session, ref, call) == offered, (situation, login, call)


def test_asking_reads_nothing_from_the_database(as_li, new_ticket, caplog):
    """A screen asks on every load; the answer comes from the ticket read and the session."""
    ref = new_ticket()
    detail = ticket_detail(as_li, ref)  # the session now knows its agent
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        ticket_actions(as_li, detail)
    assert [r for r in caplog.records if r.name == "peewee"] == []
