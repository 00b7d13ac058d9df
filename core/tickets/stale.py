"""Stale edits: a save made from an old picture of a ticket is refused, never applied over
someone else's change. The screen remembers the row_version it showed and passes it with
the save; inside the write transaction the ticket's current version must still match.
"""

from __future__ import annotations

from core.basics import StaleEdit
from core.floor import Session
from db.models import Ticket, TimelineEvent

ROW_CHANGING_KINDS = (
    "created",
    "claimed",
    "status",
    "resolved",
    "closed",
    "reopened",
    "contact_in",
    "contact_out",
    "tier",
    "category",
    "assigned",
)
"""Timeline kinds whose change also moves the ticket's row_version (notes, handoffs,
improvements and low-score notices leave the row as it was, so they never make a save stale)."""


def ensure_unchanged(session: Session, ticket: Ticket, expected_version: int | None) -> None:
    """Call inside the write transaction, after loading the ticket. expected_version=None
    (the command line, a one-shot that read nothing before) skips the check."""
    if expected_version is None or ticket.row_version == expected_version:
        return
    last = (
        TimelineEvent.select(TimelineEvent.actor, TimelineEvent.at, TimelineEvent.kind)
        .where((TimelineEvent.ticket == ticket.id) & TimelineEvent.kind.in_(ROW_CHANGING_KINDS))
        .order_by(TimelineEvent.id.desc())
        .first()
    )
    if last is None:
        raise StaleEdit(ticket.ref, None, None, None)
    local = session.policy.calendar.local(last.at)
    when = (
        local.strftime("%H:%M")
        if local.date() == session.policy.calendar.local(session.now()).date()
        else local.strftime("%Y-%m-%d %H:%M")
    )
    raise StaleEdit(ticket.ref, last.actor, when, last.kind)
