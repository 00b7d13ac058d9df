"""The solution clock's pauses (docs/floor.md, The SLA clock).

A ticket's solution clock stops while the floor cannot move it: while it waits on the
customer (status "waiting", 待客户回复), and, when the policy says so (sla.pause_on_handoff),
while a handoff waits for its department (stage "sent"). The response clock never pauses.
A ticket whose solution is already overdue does not pause (waiting on the customer does not
undo a breach: it stays overdue everywhere). When the clock runs again the solution due time
moves on by the working time the pause took,
so every reader (the queue, the ticket, the board, the report) sees the paused clock simply
by reading solution_due_at and next_due_at. Both ends are timeline events.

settle() is called by every write that can start or end a pause, inside its transaction.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from core.policy import Policy
from core.tickets import timeline
from core.tickets.sla import OPEN_STATUSES, moved_on, next_due_of, working_time
from db.models import Handoff, Ticket, TimelineEvent
from db.rows import as_tuples

CUSTOMER = "customer"
DEPARTMENT = "department"


def pause_reason(ticket: Ticket, policy: Policy) -> str | None:
    """Why the ticket's solution clock should stand still now (CUSTOMER, DEPARTMENT), or None."""
    if ticket.status == "waiting":
        return CUSTOMER
    if policy.pause_on_handoff and ticket.status in OPEN_STATUSES:
        sent = Handoff.select(Handoff.id).where((Handoff.ticket == ticket.id) & (Handoff.stage == "sent"))
        if sent.exists():
            return DEPARTMENT
    return None


def settle(ticket: Ticket, now: datetime, actor: str, policy: Policy) -> None:
    """Stop or restart the solution clock as the ticket's state now asks, and set next_due_at.
    The caller saves the ticket (in the same transaction)."""
    reason = pause_reason(ticket, policy)
    if reason is not None and ticket.paused_at is None and ticket.solution_due_at <= now:
        reason = None  # already late: a pause cannot undo a breach (the clock runs on, overdue)
    if reason is not None and ticket.paused_at is None:
        ticket.paused_at = now
        timeline.record(ticket, now, actor, "clock_paused", after={"reason": reason})
    elif reason is None and ticket.paused_at is not None:
        held = working_time(policy, ticket.paused_at, now)
        before = ticket.solution_due_at
        ticket.solution_due_at = moved_on(before, held, policy)
        timeline.record(
            ticket,
            now,
            actor,
            "clock_resumed",
            before={"paused_at": ticket.paused_at, "solution_due_at": before},
            after={"solution_due_at": ticket.solution_due_at, "held_minutes": held // timedelta(minutes=1)},
        )
        ticket.paused_at = None
    ticket.next_due_at = next_due_of(ticket)


def settle_ticket(ticket_id: int, now: datetime, actor: str, policy: Policy) -> None:
    """settle() for a ticket a handoff write touched (only when the policy pauses on handoffs)."""
    if not policy.pause_on_handoff:
        return
    ticket = Ticket.get_by_id(ticket_id)
    was = (ticket.paused_at, ticket.solution_due_at, ticket.next_due_at)
    settle(ticket, now, actor, policy)
    if (ticket.paused_at, ticket.solution_due_at, ticket.next_due_at) != was:
        ticket.row_version += 1
        ticket.save()


def held_so_far(ticket: Ticket) -> timedelta:
    """The working time the ticket's ended pauses held its solution clock back (a tier change
    works out the due times again from receipt, and adds this)."""
    minutes = 0
    query = TimelineEvent.select(TimelineEvent.after).where(
        (TimelineEvent.ticket == ticket.id) & (TimelineEvent.kind == "clock_resumed")
    )
    for (after,) in as_tuples(query):
        minutes += int(json.loads(after or "{}").get("held_minutes", 0))
    return timedelta(minutes=minutes)
