"""The wall board (docs/floor.md, Handoffs): every open handoff with its countdown, and the counts
a supervisor scans from across the room. Names and numbers are masked here, in core, so no
screen can put a customer's details on the wall."""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from core.basics import mask_name, mask_text
from core.floor import Session, reading
from core.handoffs.lifecycle import HandoffClock, HandoffView, handoff_clock, list_handoffs
from core.policy import Policy
from core.tickets import queue_total
from db.models import Ticket

ROTATE_SECONDS = 8
"""When the rows do not fit, each page stays this long: time to read a row or two of it."""


@dataclass(frozen=True)
class BoardPicture:
    handoffs: tuple[HandoffView, ...]  # open ones by deadline, customer details masked
    breaching: int  # tickets past their own response or solution target when read
    read_at: datetime


@dataclass(frozen=True)
class BoardCounts:
    open: int
    overdue: int
    stuck: int
    sync_late: int
    breaching: int


@reading
def board_picture(session: Session) -> BoardPicture:
    rows = tuple(_masked(view) for view in list_handoffs(session, open_only=True, open_tickets_only=True))
    return BoardPicture(rows, queue_total(session, "breaching"), session.now())


@dataclass(frozen=True)
class BoardChanges:
    """The board's rows of some tickets as they are now, to replace the ones it shows."""

    refs: frozenset[str]
    """Those tickets: a ticket whose handoffs all closed has no row left."""
    handoffs: tuple[HandoffView, ...]
    breaching: int
    read_at: datetime


@reading
def board_changes(session: Session, ticket_ids: Collection[int]) -> BoardChanges:
    """The open handoffs of the tickets that changed, and the breaching count (it moves with
    any ticket, and by the clock): what the board reads when the floor changed, instead of
    every open handoff again."""
    ids = sorted(set(ticket_ids))
    refs = frozenset(Ticket.select(Ticket.ref).where(Ticket.id.in_(ids)).scalars()) if ids else frozenset()
    found = list_handoffs(session, ticket_ids=ids, open_tickets_only=True) if ids else []
    rows = tuple(_masked(view) for view in found)
    return BoardChanges(refs, rows, queue_total(session, "breaching"), session.now())


def with_changes(picture: BoardPicture, changes: BoardChanges) -> BoardPicture:
    """The picture with the changed tickets' rows replaced, in the board's order (deadline)."""
    kept = [view for view in picture.handoffs if view.ref not in changes.refs]
    rows = sorted([*kept, *changes.handoffs], key=lambda view: (view.due_at, view.id))
    return BoardPicture(tuple(rows), changes.breaching, changes.read_at)


def _masked(view: HandoffView) -> HandoffView:
    return replace(
        view,
        customer_name=mask_name(view.customer_name),
        customer_code="",
        problem=mask_text(view.problem),
        need=mask_text(view.need),
        answer=mask_text(view.answer) if view.answer else view.answer,
    )


def board_counts(picture: BoardPicture, clocks: list[HandoffClock]) -> BoardCounts:
    return BoardCounts(
        len(picture.handoffs),
        sum(c.colour == "overdue" for c in clocks),
        sum(c.stuck for c in clocks),
        sum(c.sync_late for c in clocks),
        picture.breaching,
    )


def clocks_at(picture: BoardPicture, now: datetime, policy: Policy) -> list[HandoffClock]:
    return [handoff_clock(view, now, policy) for view in picture.handoffs]


def countdown(left: timedelta) -> str:
    """mm:ss under an hour, h:mm above, +h:mm once overdue (whole seconds, never rounded up)."""
    seconds = math.floor(left.total_seconds())
    if seconds < 0:
        hours, minutes = divmod(-seconds // 60, 60)
        return f"+{hours}:{minutes:02d}"
    if seconds < 3600:
        return "{:02d}:{:02d}".format(*divmod(seconds, 60))
    hours, minutes = divmod(seconds // 60, 60)
    return f"{hours}:{minutes:02d}"


def page_count(rows: int, per_page: int) -> int:
    return max(1, math.ceil(rows / max(1, per_page)))


def page_at(now: datetime, pages: int, every: int = ROTATE_SECONDS) -> int:
    """Which page shows at now: by the clock, so every wall screen turns its pages together."""
    return int(now.timestamp()) // every % pages if pages > 1 else 0
