"""Reassigning a ticket: passing it to another agent, with a reason on the timeline.

A supervisor may reassign any open ticket (balancing the floor, covering an absence); an agent
may only pass on a ticket they own. Taking someone else's ticket is a supervisor's move: an
agent's attempt is refused and audited (core/floor/audit.py), and changes nothing.
"""

from __future__ import annotations

from datetime import datetime

from core.basics import Refused, Term, require_text
from core.floor import Session, audit
from core.tickets import timeline
from core.tickets.actions import may_reassign
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
    reason = require_text(reason, "reason", 2_000, "ticket.reassign.reason_hint")
    actor, now = session.agent, session.now()
    with session.writing():
        ticket = load(ref, lock=True)
        ensure_unchanged(session, ticket, expected_version)
        _require_may_reassign(ticket, actor)
        if ticket.status not in OPEN_STATUSES:
            raise Refused("ticket.reassign.not_open", ref=ticket.ref, status=Term(f"status.{ticket.status}"))
        new_owner = active_agent(to_login)
        if ticket.owner_id == new_owner.id:
            raise Refused(
                "ticket.reassign.already_theirs",
                ref=ticket.ref,
                owner_name=new_owner.display_name,
                owner_login=new_owner.login,
            )
        old_login = Agent.get_by_id(ticket.owner_id).login if ticket.owner_id else None
        hand_over(ticket, new_owner, old_login, actor.login, now, reason)
    return new_owner.login


def hand_over(
    ticket: Ticket, new_owner: Agent, old_login: str | None, actor: str, now: datetime, reason: str
) -> None:
    """The move itself, inside the caller's write transaction, once every check has passed:
    the new owner, the row's version one higher, and the "assigned" event with the reason and
    the owner before and after (reassign and core/tickets/bulk.py both move tickets by it)."""
    ticket.owner = new_owner
    ticket.row_version += 1
    ticket.save()
    timeline.record(
        ticket,
        now,
        actor,
        "assigned",
        text=reason,
        before={"owner": old_login},
        after={"owner": new_owner.login},
    )


def _require_may_reassign(ticket: Ticket, actor: Agent) -> None:
    """Supervisors reassign any ticket; an agent only passes on their own."""
    if may_reassign(actor.role, ticket.owner_id == actor.id):
        return
    if ticket.owner_id is None:
        raise audit.refusal(
            "ticket.reassign.unowned", ref=ticket.ref, action="reassign a ticket", target=ticket.ref
        )
    owner = Agent.get_by_id(ticket.owner_id)
    raise audit.refusal(
        "ticket.reassign.not_owner",
        ref=ticket.ref,
        owner_name=owner.display_name,
        owner_login=owner.login,
        action="reassign a ticket",
        target=ticket.ref,
    )


def active_agent(login) -> Agent:
    """The active agent (or supervisor) with this login; Refused (ticket.reassign.no_agent) when
    there is none."""
    typed = (login or "").strip() if isinstance(login, str) else ""
    agent = Agent.get_or_none((Agent.login == typed) & (Agent.active == True))  # noqa: E712
    if agent is None:
        raise Refused("ticket.reassign.no_agent", login=login)
    return agent
