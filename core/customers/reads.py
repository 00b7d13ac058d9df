"""Reading customers for people: find one as the agent types, and what happened with them.

Intake finds the caller by code, phone tail or name while the agent types; the customer view
lists the customer's tickets newest first and counts their callbacks. Reads only: every
function is a short query or two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import Case, ColumnBase, fn

from core.basics import CustomerView, mask_text
from core.customers.records import find_customer, view
from core.floor import Session, reading
from db.models import Callback, Customer, Ticket
from db.rows import as_tuples

FIRST_LINE_CHARS = 200
"""How much of a description the history shows (a 20,000-character complaint is one line)."""
_PHONE_SEPARATORS = ("-", " ", "(", ")", "+", ".")
_MIN_PHONE_DIGITS = 3


@dataclass(frozen=True)
class CustomerTicket:
    """One line of a customer's history."""

    ref: str
    received_at: datetime
    """When the feedback arrived (UTC, aware)."""
    status: str
    tier: str
    category: str
    subtag: str | None
    first_line: str
    """The description's first non-blank line, its phone and order numbers masked (a list
    view, docs/floor.md Privacy), at most FIRST_LINE_CHARS characters."""


def _bare_phone() -> ColumnBase:
    """The stored phone with its separators removed (phones are stored as typed: 138-0000-4321)."""
    bare: ColumnBase = Customer.phone
    for separator in _PHONE_SEPARATORS:
        bare = fn.REPLACE(bare, separator, "")
    return bare


def phone_tail_matches(word: str):
    """SQL condition: the customer's phone ends in the word's digits (separators ignored on
    both sides); None when the word is not a phone tail of at least a few digits."""
    digits = "".join(ch for ch in word if ch not in _PHONE_SEPARATORS)
    if digits.isdigit() and len(digits) >= _MIN_PHONE_DIGITS:
        return _bare_phone().endswith(digits)
    return None


def _word_matches(word: str):
    """Code prefix, name or short name containing the word, or the phone ending in its digits."""
    found = Customer.code.startswith(word) | Customer.name.contains(word) | Customer.short_name.contains(word)
    phone = phone_tail_matches(word)
    return found | phone if phone is not None else found


@reading
def find_customers(session: Session, text: str, limit: int = 10) -> list[CustomerView]:
    """Customers matching every word of text (code prefix, phone tail, name or short name);
    an exact code first, then code prefixes, then the rest, each by code. Blank text: []."""
    session.require_agent()
    words = (text or "").split()
    if not words or limit <= 0:
        return []
    where = None
    for word in words:
        where = _word_matches(word) if where is None else where & _word_matches(word)
    whole = " ".join(words)
    rank = Case(
        None, [(fn.LOWER(Customer.code) == whole.lower(), 0), (Customer.code.startswith(words[0]), 1)], 2
    )
    query = Customer.select().where(where).order_by(rank, Customer.code).limit(limit)
    return [view(customer) for customer in query]


def _first_line(text: str | None) -> str:
    for line in (text or "").splitlines():
        if line.strip():
            return mask_text(line.strip())[:FIRST_LINE_CHARS]  # masked whole, then cut
    return ""


@reading
def customer_history(session: Session, code: str, limit: int | None = None) -> list[CustomerTicket]:
    """The customer's tickets, newest first (by received time, then the later record first).
    NotFound when there is no such customer."""
    session.require_agent()
    customer = find_customer(code)
    # Only the head of each description leaves the database: a long complaint stays there.
    head = fn.SUBSTR(Ticket.description, 1, FIRST_LINE_CHARS * 4).alias("head")
    query = (
        Ticket.select(
            Ticket.ref, Ticket.received_at, Ticket.status, Ticket.tier, Ticket.category, Ticket.subtag, head
        )
        .where(Ticket.customer == customer.id)
        .order_by(Ticket.received_at.desc(), Ticket.id.desc())
    )
    if limit is not None:
        query = query.limit(max(limit, 0))
    # t.head is the alias selected above, an attribute peewee adds at run time (unseen by the checker).
    return [
        CustomerTicket(t.ref, t.received_at, t.status, t.tier, t.category, t.subtag, _first_line(t.head))  # type: ignore[attr-defined]
        for t in query
    ]


@reading
def customer_ticket_count(session: Session, code: str) -> int:
    """How many tickets the customer has had, all statuses (for "showing 50 of 120")."""
    session.require_agent()
    customer = find_customer(code)
    return Ticket.select(fn.COUNT(Ticket.id)).where(Ticket.customer == customer.id).scalar() or 0


@dataclass(frozen=True)
class CustomerCallbacks:
    """The customer's callbacks (回访): how many there are by status, and their last score."""

    done: int = 0
    open: int = 0
    refused: int = 0
    unreachable: int = 0
    last_score: int | None = None
    """The overall score (1-5) of the customer's most recently completed scored callback."""

    @property
    def count(self) -> int:
        """Every callback booked for the customer, whatever its status."""
        return self.done + self.open + self.refused + self.unreachable


def _last_score(customer_id: int) -> int | None:
    """The overall score of the customer's done callback completed last: a call made on the
    floor, a follow-up or an imported record alike, by when it was completed (an imported
    record of last month is not the last call because it was imported today). A done
    callback without an overall score is passed over."""
    query = (
        Callback.select(Callback.overall)
        .where(
            (Callback.customer == customer_id)
            & (Callback.status == "done")
            & Callback.overall.is_null(False)
            & Callback.completed_at.is_null(False)
        )
        .order_by(Callback.completed_at.desc(), Callback.id.desc())
        .limit(1)
    )
    return query.scalar()


@reading
def customer_callbacks(session: Session, code: str) -> CustomerCallbacks:
    """The customer's callbacks by status (all groups, with or without a ticket, made on the
    floor or imported) and their last score. NotFound when there is no such customer."""
    session.require_agent()
    customer = find_customer(code)
    query = (
        Callback.select(Callback.status, fn.COUNT(Callback.id))
        .where(Callback.customer == customer.id)
        .group_by(Callback.status)
    )
    counts = dict(as_tuples(query))
    return CustomerCallbacks(
        done=counts.get("done", 0),
        open=counts.get("open", 0),
        refused=counts.get("refused", 0),
        unreachable=counts.get("unreachable", 0),
        last_score=_last_score(customer.id),
    )


@reading
def last_callback_score(session: Session, code: str) -> int | None:
    """The overall satisfaction (1-5) of the customer's last completed callback (scored), or
    None when there is none yet; screens show "-". NotFound when there is no such customer."""
    session.require_agent()
    return _last_score(find_customer(code).id)
