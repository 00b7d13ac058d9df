"""Reassigning a ticket: passing it to another agent, with a reason on the timeline.

A supervisor may reassign any open ticket (balancing the floor, covering an absence); an agent
may only pass on a ticket they own. Taking someone else's ticket is a supervisor's move: an
agent's attempt is refused and audited (core/audit.py), and changes nothing.
"""

from __future__ import annotations

from core.basics import Refused, require_text
from core.floor import Session, audit
from core.tickets import timeline
from core.tickets.lifecycle import load
from core.tickets.sla import OPEN_STATUSES
from core.tickets.stale import ensure_unchanged
from db.models import Agent, Ticket


def reassign(
    session: Session, ref: str, to_login: str, reason: str, expected_version: int | None = None
) -> str:
    """Give the open ticket `ref` to the active agent `to_login`, in one write transaction.
    expected_version: the row_version the screen showed (StaleEdit when it moved; None skips
    the check). Returns the new owner's login."""
    reason = require_text(
        reason, "reason", 2_000, "say why it changes hands, e.g. --reason '李娜 is off today'"
    )
    actor, now = session.agent, session.now()
    with session.writing():
        ticket = load(ref, lock=True)
        ensure_unchanged(session, ticket, expected_version)
        _require_may_reassign(ticket, actor)
        if ticket.status not in OPEN_STATUSES:
            raise Refused(
                f"{ticket.ref} is {ticket.status}; only an open ticket changes hands "
                "(reopen it first: status in_progress)"
            )
        new_owner = _active_agent(to_login)
        if ticket.owner_id == new_owner.id:
            raise Refused(f"{ticket.ref} is already {new_owner.display_name}'s ({new_owner.login})")
        old_login = Agent.get_by_id(ticket.owner_id).login if ticket.owner_id else None
        ticket.owner = new_owner.id
        ticket.row_version += 1
        ticket.save()
        timeline.record(
            ticket,
            now,
            actor.login,
            "assigned",
            text=reason,
            before={"owner": old_login},
            after={"owner": new_owner.login},
        )
    return new_owner.login


def _require_may_reassign(ticket: Ticket, actor: Agent) -> None:
    """Supervisors reassign any ticket; an agent only passes on their own."""
    if actor.role == "supervisor" or ticket.owner_id == actor.id:
        return
    if ticket.owner_id is None:
        reason = (
            f"{ticket.ref} has no owner; an agent passes on only tickets they own "
            "(claim it first), a supervisor assigns it"
        )
    else:
        owner = Agent.get_by_id(ticket.owner_id)
        reason = (
            f"{ticket.ref} is owned by {owner.display_name} ({owner.login}); only they or a "
            "supervisor can reassign it"
        )
    raise audit.refusal(reason, action="reassign a ticket", target=ticket.ref)


def _active_agent(login) -> Agent:
    typed = (login or "").strip() if isinstance(login, str) else ""
    agent = Agent.get_or_none((Agent.login == typed) & (Agent.active == True))  # noqa: E712
    if agent is None:
        raise Refused(
            f"{login!r} is not an active agent on this floor; see who is with: callfloor agent list"
        )
    return agent
