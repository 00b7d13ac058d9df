"""Tickets from intake to close: lifecycle, reads, stale-edit checks, assignment (one ticket,
or many at once: bulk), the append-only timeline, SLA clocks, priority and the queue's order.
"""

from core.tickets import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.tickets.actions import ticket_actions
from core.tickets.assignment import reassign
from core.tickets.bulk import BulkResult, Candidate, open_tickets_of, reassign_many, spread_targets
from core.tickets.lifecycle import NewTicket, check_channel, check_classification, intake, load, normalise_ref
from core.tickets.priority import guess_tier
from core.tickets.queue import QueuePage, QueueRow, queue_total, time_left
from core.tickets.sla import OPEN_STATUSES, TargetState, due_times, next_due, next_due_of, sla_state
from core.tickets.timeline import event_json

__all__ = [
    "BulkResult",
    "Candidate",
    "NewTicket",
    "OPEN_STATUSES",
    "QueuePage",
    "QueueRow",
    "TargetState",
    "check_channel",
    "check_classification",
    "due_times",
    "event_json",
    "guess_tier",
    "intake",
    "load",
    "next_due",
    "next_due_of",
    "normalise_ref",
    "open_tickets_of",
    "queue_total",
    "reassign",
    "reassign_many",
    "sla_state",
    "spread_targets",
    "ticket_actions",
    "time_left",
]
