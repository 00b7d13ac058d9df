"""What a person may do to a ticket now. The rules core enforces when an action is attempted
are stated here once: lifecycle and assignment refuse by them, and screens ask ticket_actions
so they offer only the keys core would accept."""

from __future__ import annotations

from core.basics import TicketSummary
from core.floor import Session
from core.tickets.sla import OPEN_STATUSES

TRANSITIONS = {
    ("new", "in_progress"): "start",
    ("in_progress", "resolved"): "resolve",
    ("in_progress", "waiting"): "wait",
    ("waiting", "in_progress"): "resume",
    ("waiting", "resolved"): "resolve",
    ("resolved", "closed"): "close",
    ("resolved", "in_progress"): "reopen",
    ("closed", "in_progress"): "reopen",
}
"""The status moves the floor allows, (from, to) -> the move; any other move is refused."""

MOVE_TO = {
    "start": "in_progress",
    "wait": "waiting",
    "resume": "in_progress",
    "resolve": "resolved",
    "close": "closed",
    "reopen": "in_progress",
}
"""The status each move goes to."""

ACTIONS = (
    "claim",
    "start",
    "wait",
    "resume",
    "resolve",
    "close",
    "reopen",
    "tier",
    "category",
    "note",
    "contact",
    "handoff",
    "reassign",
)
"""Every action ticket_actions may answer with."""


def owner_or_supervisor(role: str, owns: bool) -> bool:
    """Moving a ticket's status (and recording on it): its owner does, or a supervisor."""
    return role == "supervisor" or owns


def may_reassign(role: str, owns: bool) -> bool:
    """Supervisors reassign any open ticket; an agent passes on only a ticket they own."""
    return role == "supervisor" or owns


def may_move(status: str, move: str, role: str, owns: bool) -> bool:
    """Whether this person may make the status move (start, wait, resume, resolve, close,
    reopen) now."""
    return TRANSITIONS.get((status, MOVE_TO[move])) == move and owner_or_supervisor(role, owns)


def may_claim(status: str, owner: str | None, me: str | None = None) -> bool:
    """Claiming: an open ticket nobody owns, or a new one given to me and not started (the
    claim starts it); one's own in progress changes nothing, another's is refused."""
    return status in OPEN_STATUSES and (owner is None or (owner == me and status == "new"))


def ticket_actions(session: Session, ticket: TicketSummary) -> frozenset[str]:
    """The ACTIONS this session's person may take on the ticket as read (a TicketDetail, or a
    queue row's TicketSummary). Worked out from what is in memory, no query beyond the
    session's own agent (read once per session), so a screen may ask on every load. Core still
    checks at the write: the ticket may have changed since it was read."""
    agent = session.agent
    role, owns, status = agent.role, ticket.owner == agent.login, ticket.status
    is_open = status in OPEN_STATUSES
    allowed = {"note", "contact"}  # anyone on the floor adds a note or logs a contact
    if may_claim(status, ticket.owner, agent.login):
        allowed.add("claim")
    allowed.update(move for move in MOVE_TO if may_move(status, move, role, owns))
    if ticket.owner is None or owner_or_supervisor(role, owns):
        allowed.update(("tier", "category"))
    if is_open:
        allowed.add("handoff")  # core/handoffs: only an open ticket is handed off
    if is_open and may_reassign(role, owns):
        allowed.add("reassign")
    return frozenset(allowed)
