"""The incoming queue, read a page at a time: open tickets, most urgent first.

Urgency is the nearest pending target (Ticket.next_due_at): overdue first, then least time
left. Screens ask for the visible window plus a count, never the whole table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import JOIN, fn

from core.basics.views import INTERNAL
from core.customers import phone_tail_matches
from core.floor import Change, Session, newest_change, reading
from core.tickets.lifecycle import normalise_ref
from core.tickets.sla import OPEN_STATUSES, owes_update, update_window
from db.connection import change_counter, not_live_reason
from db.models import Agent, Customer, Handoff, Ticket
from db.rows import as_tuples

VIEWS = ("all", "mine", "unclaimed", "breaching", "waiting", "update_due")
"""all open; mine; unclaimed; breaching a target now; waiting on a department; customer
update due today (docs/floor.md step 7)."""


@dataclass(frozen=True)
class QueueRow:
    ref: str
    tier: str
    status: str
    owner: str | None
    customer_code: str
    customer_name: str
    category: str
    channel: str
    next_due_at: datetime
    responded: bool
    update_due: bool
    ticket_id: int = field(default=0, compare=False, metadata=INTERNAL)
    """The ticket's row id: how a screen matches the floor's changes (core/floor/changes.py) to
    the rows it shows. Not a shown field, so rows compare by what the agent sees."""


@dataclass(frozen=True)
class QueuePage:
    offset: int
    rows: tuple[QueueRow, ...]
    total: int


@dataclass(frozen=True)
class QueueCounts:
    open_by_tier: dict
    overdue: int

    @property
    def open(self) -> int:
        return sum(self.open_by_tier.values())


def _update_due(window):
    """SQL condition: an open ticket that still owes the customer today's update (the SQL
    twin of core.tickets.sla.owes_update)."""
    if window is None:
        return None
    start, cutoff = window
    return (Ticket.received_at < cutoff) & (Ticket.last_update_at.is_null() | (Ticket.last_update_at < start))


def _condition(session: Session, view: str, text: str | None):
    # Open tickets are exactly those with a pending target (core keeps next_due_at NULL once
    # resolved; db check verifies it). Filtering on it alone lets the database walk the
    # next_due_at index in queue order and stop at the page's end, with no sort.
    where = Ticket.next_due_at.is_null(False)
    if view == "mine":
        where &= Ticket.owner == session.agent.id
    elif view == "unclaimed":
        where &= Ticket.owner.is_null()
    elif view == "breaching":
        where &= Ticket.next_due_at < session.now()
    elif view == "waiting":
        waiting = Handoff.select(Handoff.ticket).where(Handoff.stage == "sent")
        where &= Ticket.id.in_(waiting)
    elif view == "update_due":
        due = _update_due(update_window(session.now(), session.policy))
        where &= due if due is not None else (Ticket.id < 0)
    elif view != "all":
        raise ValueError(f"unknown queue view {view!r}; one of {', '.join(VIEWS)}")
    for word in (text or "").split():
        where &= _matches(word)  # every word must match somewhere
    return where


def _matches(text: str):
    """By ref, customer code or name, phone tail, or words in the description."""
    found = (
        (Ticket.ref == normalise_ref(text))
        | Ticket.ref.contains(text)
        | Customer.code.contains(text)
        | Customer.name.contains(text)
        | Customer.short_name.contains(text)
        | Ticket.description.contains(text)
    )
    phone = phone_tail_matches(text)
    return found | phone if phone is not None else found


def _base(session: Session, view: str, text: str | None):
    return (
        Ticket.select(
            Ticket.id,
            Ticket.ref,
            Ticket.tier,
            Ticket.status,
            Ticket.next_due_at,
            Ticket.first_response_at,
            Ticket.category,
            Ticket.channel,
            Ticket.received_at,
            Ticket.last_update_at,
            Customer.code,
            Customer.name,
            Customer.short_name,
            Agent.login,
        )
        .join(Customer)
        .switch(Ticket)
        .join(Agent, JOIN.LEFT_OUTER)
        .where(_condition(session, view, text))
    )


@reading
def queue_page(
    session: Session, view: str = "all", text: str | None = None, offset: int = 0, limit: int = 50
) -> QueuePage:
    """Rows offset..offset+limit of the view, in queue order, and the view's total."""
    session.require_agent()
    query = (
        _base(session, view, text).order_by(Ticket.next_due_at, Ticket.id).offset(max(offset, 0)).limit(limit)
    )
    window = update_window(session.now(), session.policy)
    rows = []
    # Tuples, in _base's column order: a live queue reads a page on every change on show, and
    # peewee's row objects cost more than the query.
    for (
        ticket_id,
        ref,
        tier,
        status,
        next_due_at,
        first_response_at,
        category,
        channel,
        received_at,
        last_update_at,
        code,
        name,
        short_name,
        login,
    ) in as_tuples(query):
        owes = window is not None and owes_update(received_at, last_update_at, window)
        rows.append(
            QueueRow(
                ref,
                tier,
                status,
                login,
                code,
                short_name or name,
                category,
                channel,
                next_due_at,
                first_response_at is not None,
                owes,
                ticket_id,
            )
        )
    return QueuePage(max(offset, 0), tuple(rows), queue_total(session, view, text))


@reading
def queue_total(session: Session, view: str = "all", text: str | None = None) -> int:
    query = Ticket.select(fn.COUNT(Ticket.id))
    if text and text.strip():
        query = query.join(Customer)
    return query.where(_condition(session, view, text)).scalar() or 0


@reading
def position_of(session: Session, ref: str, view: str = "all", text: str | None = None) -> int | None:
    """Where ref now stands in the view (0-based), so a refresh keeps the agent's row."""
    ticket = Ticket.select(Ticket.id, Ticket.next_due_at).where(Ticket.ref == normalise_ref(ref)).first()
    if ticket is None or ticket.next_due_at is None:
        return None
    inside = (
        Ticket.select(fn.COUNT(Ticket.id))
        .join(Customer)
        .where(_condition(session, view, text) & (Ticket.id == ticket.id))
        .scalar()
    )
    if not inside:
        return None
    before = (Ticket.next_due_at < ticket.next_due_at) | (
        (Ticket.next_due_at == ticket.next_due_at) & (Ticket.id < ticket.id)
    )
    return (
        Ticket.select(fn.COUNT(Ticket.id))
        .join(Customer)
        .where(_condition(session, view, text) & before)
        .scalar()
    )


@reading
def queue_counts(session: Session) -> QueueCounts:
    """Open tickets per tier and how many are overdue, for the header strip."""
    now = session.now()
    by_tier = {tier: 0 for tier in ("red", "yellow", "green")}
    overdue = 0
    query = as_tuples(
        Ticket.select(Ticket.tier, fn.COUNT(Ticket.id), fn.SUM(Ticket.next_due_at < now))
        .where(Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.tier)
    )
    for tier, count, late in query:
        by_tier[tier] = count
        overdue += late or 0
    return QueueCounts(by_tier, overdue)


@reading
def counts_as_of(session: Session) -> tuple[QueueCounts, int | None]:
    """The counts and the newest change they include (one snapshot: on SQLite a transaction
    reads both as of the same commit), so changes after it move them and none twice."""
    with session.db.atomic():
        return queue_counts(session), newest_change(session)


@reading
def falling_due(session: Session, since: datetime, until: datetime) -> int:
    """How many open tickets' next target falls in [since, until): the ones that became overdue
    meanwhile (the header's overdue count moves by it, without counting the queue again)."""
    return (
        Ticket.select(fn.COUNT(Ticket.id))
        .where((Ticket.next_due_at >= since) & (Ticket.next_due_at < until))
        .scalar()
        or 0
    )


def counted(counts: QueueCounts, changes: Iterable[Change], at: datetime) -> QueueCounts:
    """counts (as of the instant at) moved by the ticket changes: a ticket leaves its old tier
    and enters its new one; open is having a next target (the log's due before and after)."""
    by_tier, overdue = dict(counts.open_by_tier), counts.overdue
    for change in changes:
        if change.old_due is not None and change.old_tier in by_tier:
            by_tier[change.old_tier] -= 1
            overdue -= change.old_due < at
        if change.new_due is not None and change.new_tier in by_tier:
            by_tier[change.new_tier] += 1
            overdue += change.new_due < at
    return QueueCounts(by_tier, overdue)


@reading
def change_token(session: Session) -> int:
    """Cheap: changes whenever another session commits. Poll it; reload only when it moves."""
    return change_counter(session.db)


def not_live(session: Session) -> str | None:
    """Why this session cannot follow other sessions' changes (screens say NOT LIVE and this),
    or None: then change_token follows them, and a failing change_token is why it stopped."""
    return not_live_reason(session.db)


def time_left(row: QueueRow, now: datetime) -> timedelta:
    return row.next_due_at - now
