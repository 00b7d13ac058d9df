"""The incoming queue, read a page at a time: open tickets, the ones that can still be saved first.

Urgency is the nearest pending target (Ticket.next_due_at), and the queue shows it in three bands
(docs/floor.md, Triage):

1. **at risk**: not yet breached, the target within the policy's `sla.at_risk` (working time in
   business mode) from now, least time left first;
2. **overdue**: the target passed, least overdue first;
3. **the rest**: least time left first.

So a red ticket with 14 minutes left is never below an overdue green one, however many tickets
are overdue. The overdue band runs least overdue first because a fresh breach is the one the
customer can still be won back on (an hour-old breach waits no worse for another minute than a
day-old one does), and because it keeps the index walk cheap: that band is read walking the
next_due_at index backwards from now, so its first page is the rows next to now, whatever
lies further back.

Screens ask for the visible window plus a count, never the whole table: each band is a range of
the next_due_at index with its own ORDER BY, so a page is the bands' counts (a range count each)
and one or two ranges read with OFFSET/LIMIT; nothing sorts the open tickets. queue_page,
queue_total and position_of say the same order for every view and search, as of one instant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import JOIN, fn

from core.basics.views import INTERNAL
from core.customers import phone_tail_matches
from core.floor import Change, Session, newest_change, reading
from core.policy import Policy
from core.tickets.lifecycle import normalise_ref
from core.tickets.sla import OPEN_STATUSES, PAUSED_DUE, owes_update, update_window
from db.connection import change_counter, not_live_reason, snapshot
from db.models import Agent, Customer, Handoff, Ticket
from db.rows import as_tuples, count_where

VIEWS = ("all", "mine", "unclaimed", "breaching", "waiting", "update_due", "at_risk_or_overdue", "agent")
"""all open; mine; unclaimed; breaching a target now (past it: the board's count of tickets
late); waiting on a department; customer update due today (docs/floor.md step 7); at risk or
overdue: what needs saving now (the queue's `b`); agent: the open tickets of the agent named
by `owner` (the floor screen's Enter on a person, before moving their work)."""

AT_RISK, OVERDUE, REST = "at_risk", "overdue", "rest"
BANDS = (AT_RISK, OVERDUE, REST)
"""The queue's bands, in the order it shows them."""


def _instant(moment: datetime) -> datetime:
    """moment as the database compares it: stored instants keep whole seconds (db/fields.py),
    so a band decided here agrees with the same band decided in SQL."""
    return moment.replace(microsecond=0)


def later_by(policy: Policy, now: datetime, lead: timedelta) -> datetime:
    """now + lead as the floor counts time left: in working time when the floor counts its
    targets in working time (so at 17:30 on a Friday a target at 09:20 on Monday is 50 working
    minutes away). The queue's at-risk window and the alerts' leads (core/supervision) both."""
    if lead <= timedelta(0):
        return _instant(now)  # no window (working time from now would start at the next opening)
    if policy.sla_mode == "business":
        return _instant(policy.calendar.add_business_time(now, lead))
    return _instant(now + lead)


def risk_until(policy: Policy, now: datetime) -> datetime:
    """The end of the at-risk window that starts at now: the policy's sla.at_risk later."""
    return later_by(policy, now, policy.at_risk)


@dataclass(frozen=True)
class Bands:
    """The bands at an instant: overdue before now, at risk in [now, risk_until), the rest after."""

    now: datetime
    risk_until: datetime

    def band(self, due: datetime) -> str:
        if due < self.now:
            return OVERDUE
        return AT_RISK if due < self.risk_until else REST

    def key(self, due: datetime, ticket_id: int) -> tuple[int, float, int]:
        """Sorts (due, ticket id) pairs in queue order as of now."""
        band = self.band(due)
        if band == OVERDUE:  # the index walked backwards: ties too, the newer ticket first
            return (1, -due.timestamp(), -ticket_id)
        return (BANDS.index(band), due.timestamp(), ticket_id)


def bands_at(policy: Policy, now: datetime) -> Bands:
    return Bands(_instant(now), risk_until(policy, now))


def _in_band(bands: Bands, band: str):
    """SQL condition: a ticket's next target falls in band (next_due_at is not NULL)."""
    due = Ticket.next_due_at
    if band == OVERDUE:
        return due < bands.now
    if band == AT_RISK:
        return (due >= bands.now) & (due < bands.risk_until)
    return due >= bands.risk_until


def _band_order(band: str) -> tuple:
    """The band's ORDER BY: a range of the next_due_at index (which ends in the row id), the
    overdue one walked backwards, ties and all: ordering its ties by id ascending would make the
    database sort each group of tickets due at the same instant (hundreds, where a night's
    intake starts its clocks at 09:00), 1.6 times the cost of a page deep in the band."""
    if band == OVERDUE:
        return (Ticket.next_due_at.desc(), Ticket.id.desc())
    return (Ticket.next_due_at, Ticket.id)


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
    row_version: int = field(default=0, compare=False, metadata=INTERNAL)
    """The ticket's row_version as read: what a supervisor who marks the row has seen, so a
    bulk move (core/tickets/bulk.py) skips the ticket if it changed since. Not shown."""


@dataclass(frozen=True)
class QueuePage:
    offset: int
    rows: tuple[QueueRow, ...]
    total: int
    bands: Bands | None = field(default=None, compare=False)
    """The bands the rows were ordered by (the instant they were read): a screen tells from it
    when the clock has moved a row on show to another band."""


@dataclass(frozen=True)
class QueueCounts:
    """Open tickets per tier and per band, as of the instant at, for the header strip."""

    open_by_tier: dict
    overdue: int
    at_risk: int = 0
    at: datetime | None = field(default=None, compare=False)
    """The instant the counts are as of (None: counts made by hand, not read)."""
    risk_until: datetime | None = field(default=None, compare=False)
    """The at-risk window's end as of at: counted() and clock_moved() band a ticket by it."""

    @property
    def open(self) -> int:
        return sum(self.open_by_tier.values())

    @property
    def rest(self) -> int:
        return self.open - self.overdue - self.at_risk


def _update_due(window):
    """SQL condition: an open ticket that still owes the customer today's update (the SQL
    twin of core.tickets.sla.owes_update)."""
    if window is None:
        return None
    start, cutoff = window
    return (
        (Ticket.received_at < cutoff)
        & (Ticket.last_update_at.is_null() | (Ticket.last_update_at < start))
        & (Ticket.status != "waiting")  # waiting on the customer: no update owed
    )


def _condition(session: Session, view: str, text: str | None, bands: Bands, owner: str | None = None):
    # Open tickets are exactly those with a pending target (core keeps next_due_at NULL once
    # resolved; db check verifies it). Filtering on it alone lets the database walk the
    # next_due_at index in a band's order and stop at the page's end, with no sort.
    where = Ticket.next_due_at.is_null(False)
    if view == "mine":
        # The open statuses say nothing next_due_at does not, but with the owner they make an
        # index range ((owner, status)) of the agent's open tickets, instead of every ticket
        # they ever owned: a page of "mine" on the 100,000-ticket floor 27 -> 11 ms.
        where &= (Ticket.owner == session.agent.id) & Ticket.status.in_(OPEN_STATUSES)
    elif view == "agent":
        # Like "mine", for the agent named by owner (active or not: a leaver's tickets too).
        agent = Agent.select(Agent.id).where(Agent.login == (owner or "")).first()
        where &= (Ticket.owner == (agent.id if agent else -1)) & Ticket.status.in_(OPEN_STATUSES)
    elif view == "unclaimed":
        where &= Ticket.owner.is_null()
    elif view == "breaching":
        where &= Ticket.next_due_at < bands.now
    elif view == "at_risk_or_overdue":
        where &= Ticket.next_due_at < bands.risk_until
    elif view == "waiting":
        waiting = Handoff.select(Handoff.ticket).where(Handoff.stage == "sent")
        where &= Ticket.id.in_(waiting)
    elif view == "update_due":
        due = _update_due(update_window(bands.now, session.policy))
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


def _base(session: Session, view: str, text: str | None, bands: Bands, owner: str | None = None):
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
            Ticket.row_version,
        )
        .join(Customer)
        .switch(Ticket)
        .join(Agent, JOIN.LEFT_OUTER)
        .where(_condition(session, view, text, bands, owner))
    )


def _band_counts(
    session: Session, view: str, text: str | None, bands: Bands, owner: str | None = None
) -> dict[str, int]:
    """How many of the view's tickets each band holds: a count over each band's range of the
    next_due_at index (three plain range counts cost less than one pass that sorts each row
    into its band: 0.9 ms against 2.3 for the 10,000 open tickets of a 100,000-ticket floor)."""
    counts = {}
    for band in BANDS:
        query = Ticket.select(fn.COUNT(Ticket.id))
        if text and text.strip():
            query = query.join(Customer)
        counts[band] = (
            query.where(_condition(session, view, text, bands, owner) & _in_band(bands, band)).scalar() or 0
        )
    return counts


@reading
def queue_page(
    session: Session,
    view: str = "all",
    text: str | None = None,
    offset: int = 0,
    limit: int = 50,
    owner: str | None = None,
) -> QueuePage:
    """Rows offset..offset+limit of the view, in queue order (the bands, module docstring), and
    the view's total (owner: the login the "agent" view shows). A page that spans a band's edge
    reads the end of one band and the start of the next; the counts and the rows are read in one
    transaction, so they agree."""
    session.require_agent()
    offset = max(offset, 0)
    bands = bands_at(session.policy, session.now())
    window = update_window(bands.now, session.policy)
    rows: list[QueueRow] = []
    with snapshot(session.db):
        counts = _band_counts(session, view, text, bands, owner)
        skip, wanted = offset, limit
        for band in BANDS:
            if wanted <= 0:
                break
            if skip >= counts[band]:
                skip -= counts[band]
                continue
            take = min(wanted, counts[band] - skip)
            query = (
                _base(session, view, text, bands, owner)
                .where(_in_band(bands, band))
                .order_by(*_band_order(band))
                .offset(skip)
                .limit(take)
            )
            rows.extend(_rows(query, window))
            skip, wanted = 0, wanted - take
    return QueuePage(offset, tuple(rows), sum(counts.values()), bands)


def _rows(query, window) -> list[QueueRow]:
    # Tuples, in _base's column order: a live queue reads a page on every change on show, and
    # peewee's row objects cost more than the query.
    rows = []
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
        row_version,
    ) in as_tuples(query):
        owes = window is not None and status != "waiting" and owes_update(received_at, last_update_at, window)
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
                row_version,
            )
        )
    return rows


@reading
def queue_total(
    session: Session, view: str = "all", text: str | None = None, owner: str | None = None
) -> int:
    """How many tickets the view holds (what queue_page's total says)."""
    bands = bands_at(session.policy, session.now())
    query = Ticket.select(fn.COUNT(Ticket.id))
    if text and text.strip():
        query = query.join(Customer)
    return query.where(_condition(session, view, text, bands, owner)).scalar() or 0


@reading
def position_of(
    session: Session, ref: str, view: str = "all", text: str | None = None, owner: str | None = None
) -> int | None:
    """Where ref now stands in the view (0-based), so a refresh keeps the agent's row: how many
    of the view's tickets come before it in queue order (one count over an index range)."""
    bands = bands_at(session.policy, session.now())
    with snapshot(session.db):
        ticket = Ticket.select(Ticket.id, Ticket.next_due_at).where(Ticket.ref == normalise_ref(ref)).first()
        if ticket is None or ticket.next_due_at is None:
            return None
        inside = (
            Ticket.select(fn.COUNT(Ticket.id))
            .join(Customer)
            .where(_condition(session, view, text, bands, owner) & (Ticket.id == ticket.id))
            .scalar()
        )
        if not inside:
            return None
        return (
            Ticket.select(fn.COUNT(Ticket.id))
            .join(Customer)
            .where(
                _condition(session, view, text, bands, owner) & _before(bands, ticket.next_due_at, ticket.id)
            )
            .scalar()
        )


def _before(bands: Bands, due: datetime, ticket_id: int):
    """SQL condition: a ticket that comes before (due, ticket_id) in queue order."""
    next_due = Ticket.next_due_at
    band = bands.band(due)
    tie = (next_due == due) & (Ticket.id > ticket_id if band == OVERDUE else Ticket.id < ticket_id)
    if band == REST:  # after every at-risk and overdue ticket: all of them are due sooner
        return (next_due < due) | tie
    if band == AT_RISK:
        return ((next_due >= bands.now) & (next_due < due)) | tie
    # overdue: every at-risk ticket, and the overdue ones due later (less overdue)
    return ((next_due > due) & (next_due < bands.risk_until)) | tie


@reading
def queue_counts(session: Session) -> QueueCounts:
    """Open tickets per tier, and how many are at risk and overdue, for the header strip."""
    bands = bands_at(session.policy, session.now())
    by_tier = {tier: 0 for tier in ("red", "yellow", "green")}
    overdue = at_risk = 0
    due = Ticket.next_due_at
    query = as_tuples(
        Ticket.select(
            Ticket.tier,
            fn.COUNT(Ticket.id),
            count_where(due < bands.now),  # portable: PostgreSQL has no SUM over booleans
            count_where((due >= bands.now) & (due < bands.risk_until)),
        )
        .where(Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.tier)
    )
    for tier, count, late, near in query:
        by_tier[tier] = count
        overdue += late or 0
        at_risk += near or 0
    return QueueCounts(by_tier, overdue, at_risk, bands.now, bands.risk_until)


@reading
def counts_as_of(session: Session) -> tuple[QueueCounts, int | None]:
    """The counts and the newest change they include (one snapshot: on SQLite a transaction
    reads both as of the same commit), so changes after it move them and none twice."""
    with snapshot(session.db):
        return queue_counts(session), newest_change(session)


def _due_between(since: datetime, until: datetime) -> int:
    """How many open tickets are due in [since, until); counted negative when until is the
    earlier (a clock set back), so that a count as of since moves by it to a count as of until."""
    if until < since:
        return -_due_between(until, since)
    return (
        Ticket.select(fn.COUNT(Ticket.id))
        .where((Ticket.next_due_at >= since) & (Ticket.next_due_at < until))
        .scalar()
        or 0
    )


@reading
def falling_due(session: Session, since: datetime, until: datetime) -> int:
    """How many open tickets' next target falls in [since, until): the ones that became overdue
    meanwhile (the header's overdue count moves by it, without counting the queue again)."""
    return _due_between(since, until)


@reading
def entering_risk(session: Session, since: datetime, until: datetime) -> int:
    """How many open tickets' next target falls in [since, until), two ends of the at-risk window:
    the ones that came within sla.at_risk meanwhile (the at-risk count moves by it)."""
    return _due_between(since, until)


@dataclass(frozen=True)
class ClockMove:
    """What the clock moving from one instant to a later one did to the bands: fell_due tickets
    became overdue (from at risk, mostly), entered_risk came into the at-risk window (from the
    rest); the at-risk count moves by entered - fell, whatever the gap. (Both are negative for
    a clock set back.)"""

    since: datetime
    until: datetime
    fell_due: int
    entered_risk: int
    risk_until: datetime
    """The at-risk window's end as of until."""

    def applied(self, counts: QueueCounts) -> QueueCounts:
        """counts (as of since) as of until."""
        return QueueCounts(
            counts.open_by_tier,
            counts.overdue + self.fell_due,
            counts.at_risk + self.entered_risk - self.fell_due,
            self.until,
            self.risk_until,
        )

    @property
    def moved_any(self) -> bool:
        return bool(self.fell_due or self.entered_risk)


@reading
def clock_moved(session: Session, counts: QueueCounts, until: datetime) -> ClockMove:
    """How the clock moving from counts.at to until moves the header's counts: two index range
    counts (the tickets falling due, the tickets entering the at-risk window), not the queue
    counted again. counts must be read ones (queue_counts), which know their instant."""
    if counts.at is None or counts.risk_until is None:
        raise ValueError("counts made by hand know no instant; read them with queue_counts")
    bands = bands_at(session.policy, until)
    with snapshot(session.db):
        fell = _due_between(counts.at, bands.now)
        entered = _due_between(counts.risk_until, bands.risk_until)
    return ClockMove(counts.at, bands.now, fell, entered, bands.risk_until)


def counted(counts: QueueCounts, changes: Iterable[Change], at: datetime) -> QueueCounts:
    """counts (as of the instant at) moved by the ticket changes: a ticket leaves its old tier and
    band and enters its new ones; open is having a next target (the log's due before and after).
    The bands are the counts' own (their at-risk window), else at's with no window."""
    at = _instant(at)
    bands = Bands(at, counts.risk_until if counts.risk_until is not None else at)
    by_tier, overdue, at_risk = dict(counts.open_by_tier), counts.overdue, counts.at_risk
    for change in changes:
        if change.old_due is not None and change.old_tier in by_tier:
            by_tier[change.old_tier] -= 1
            band = bands.band(change.old_due)
            overdue -= band == OVERDUE
            at_risk -= band == AT_RISK
        if change.new_due is not None and change.new_tier in by_tier:
            by_tier[change.new_tier] += 1
            band = bands.band(change.new_due)
            overdue += band == OVERDUE
            at_risk += band == AT_RISK
    return QueueCounts(by_tier, overdue, at_risk, counts.at, counts.risk_until)


@reading
def change_token(session: Session) -> int:
    """Cheap: changes whenever another session commits. Poll it; reload only when it moves."""
    return change_counter(session.db)


def not_live(session: Session) -> str | None:
    """Why this session cannot follow other sessions' changes (screens say NOT LIVE and this),
    or None: then change_token follows them, and a failing change_token is why it stopped."""
    return not_live_reason(session.db)


def time_left(row: QueueRow, now: datetime) -> timedelta | None:
    """The time to the row's next target; None while its only pending target is paused."""
    if row.next_due_at >= PAUSED_DUE:
        return None
    return row.next_due_at - now
