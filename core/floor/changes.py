"""What changed on the floor since a session last looked (schema 6's floor_change rows, written
by triggers in every writing transaction): so a screen reads again only when a change touches
what it shows, and the queue's counts move by the changes instead of being counted again.

A session that cannot tell (its first look, a floor whose log was trimmed past its last look,
or an engine without the log) gets Changes with everything=True: read everything again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from weakref import WeakSet

from peewee import Database, fn

from core.floor.session import Session
from core.floor.storage import reading
from db.models import FloorChange
from db.rows import as_tuples

LIMIT = 2_000
"""More rows than this since the last look: reading everything again is cheaper."""

HOLE_WAIT = 30.0
"""Seconds a number missing from the log is looked for again. On PostgreSQL a number is taken
when the row is written and a later number may commit first; callfloor's own writers take the
floor's write lock first (db/postgres.py), so only a writer outside callfloor leaves one open
for long, and the server ends a transaction left idle."""

MOST_HOLES = 500
"""More missing numbers than this: read everything again rather than ask for each."""


@dataclass(frozen=True)
class Change:
    """One write: its kind (ticket, event, handoff, callback, department, agent, customer,
    setting, script), the ticket and customer it concerns, and for a ticket its queue time and
    tier before and after (None: not open, or not there, on that side)."""

    kind: str
    ticket_id: int | None = None
    customer_id: int | None = None
    old_due: datetime | None = None
    new_due: datetime | None = None
    old_tier: str | None = None
    new_tier: str | None = None
    number: int = 0
    """Its place in the log: what a count read up to number already includes."""


@dataclass(frozen=True)
class Changes:
    rows: tuple[Change, ...] = ()
    everything: bool = False
    """The log cannot say what changed: read everything again."""

    def any_of(self, *kinds: str) -> bool:
        return self.everything or any(row.kind in kinds for row in self.rows)

    def touches_ticket(self, ticket_id: int) -> bool:
        return self.everything or any(row.ticket_id == ticket_id for row in self.rows)

    def touches_customer(self, customer_id: int) -> bool:
        return self.everything or any(row.customer_id == customer_id for row in self.rows)

    @property
    def tickets(self) -> tuple[Change, ...]:
        """The changes of a ticket's own row (not its timeline or handoffs)."""
        return tuple(row for row in self.rows if row.kind == "ticket")


EVERYTHING = Changes(everything=True)


_with_log: WeakSet[Database] = WeakSet()


def _has_log(db: Database) -> bool:
    """Asked of the database once (a floor is not downgraded under a running session)."""
    if db not in _with_log:
        if "floor_change" not in db.get_tables():
            return False
        _with_log.add(db)
    return True


def _oldest() -> int:
    return FloorChange.select(fn.MIN(FloorChange.id)).scalar() or 0


def newest_change(session: Session) -> int | None:
    """The newest change's number (None: no log on this floor): read in the same transaction
    as a count, it says which changes the count already includes."""
    if not _has_log(session.db):
        return None
    return FloorChange.select(FloorChange.id).order_by(FloorChange.id.desc()).limit(1).scalar() or 0


@reading
def changes_since(session: Session, last: int | None) -> tuple[int | None, Changes]:
    """(the newest change's number, the changes after last). last None: the first look.
    A look on a busy floor is one indexed range of a few rows, read as tuples (a session
    looks twice a second: peewee's model rows cost more than the query).

    A number missing between the rows read (a writer on a database server that took it and had
    not committed yet) is asked for again at the next looks, and its change told when it shows,
    for up to HOLE_WAIT seconds (a write rolled back never fills its number)."""
    if not _has_log(session.db):
        return None, EVERYTHING  # a floor opened without upgrading, or an engine without the log
    holes = session._change_holes
    if last is None:
        holes.clear()
        return newest_change(session) or 0, EVERYTHING
    log = FloorChange
    wanted = log.id > last
    if holes:
        wanted = wanted | log.id.in_(list(holes))
    rows = list(
        as_tuples(
            log.select(
                log.id,
                log.kind,
                log.ticket_id,
                log.customer_id,
                log.old_due,
                log.new_due,
                log.old_tier,
                log.new_tier,
            )
            .where(wanted)
            .order_by(log.id)
            .limit(LIMIT + 1)
        )
    )
    now = time.monotonic()
    for number in [number for number, seen in holes.items() if now - seen > HOLE_WAIT]:
        del holes[number]
    if not rows:
        return last, Changes()
    if len(rows) > LIMIT:
        holes.clear()
        return newest_change(session) or 0, EVERYTHING
    found = [row[0] for row in rows]
    for number in found:
        holes.pop(number, None)
    fresh = [number for number in found if number > last]
    newest = fresh[-1] if fresh else last
    if fresh and fresh[0] != last + 1 and _oldest() > last + 1:
        holes.clear()
        return newest, EVERYTHING  # trimmed past the last look
    if fresh:
        taken = set(fresh)
        for number in range(last + 1, newest):
            if number not in taken:
                holes.setdefault(number, now)
        if len(holes) > MOST_HOLES:
            holes.clear()
            return newest, EVERYTHING
    return newest, Changes(
        tuple(
            Change(kind, ticket, customer, old_due, new_due, old_tier, new_tier, number)
            for number, kind, ticket, customer, old_due, new_due, old_tier, new_tier in rows
        )
    )
