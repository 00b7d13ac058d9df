"""Reading tickets for people: the record, its SLA picture and its timeline."""

from __future__ import annotations

from peewee import JOIN

from core.basics import EventView, TicketDetail, TicketSummary, decode_json, summary_fields
from core.customers import records as customers
from core.floor import Session, reading
from core.tickets.lifecycle import load
from core.tickets.queue import bands_at
from core.tickets.sla import OPEN_STATUSES, PAUSED_DUE, sla_state
from db.models import Agent, Customer, Ticket, TimelineEvent
from db.rows import as_tuples


def _summary_values(ticket: Ticket, owner_login: str | None, customer: Customer) -> dict:
    values = {
        name: getattr(ticket, name)
        for name in summary_fields()
        if name not in ("owner", "customer_code", "customer_name")
    }
    return dict(
        values,
        owner=owner_login,
        customer_code=customer.code,
        customer_name=customer.short_name or customer.name,
    )


@reading
def list_tickets(session: Session, open_only: bool = False) -> list[TicketSummary]:
    """Tickets: open ones in the queue's triage order when open_only (at risk, overdue, the
    rest: core/tickets/queue.py), else oldest first."""
    session.require_agent()
    query = Ticket.select(Ticket, Customer, Agent).join(Customer).switch(Ticket).join(Agent, JOIN.LEFT_OUTER)
    if open_only:
        query = query.where(Ticket.status.in_(OPEN_STATUSES))
    rows = [
        (t.id, TicketSummary(**_summary_values(t, t.owner.login if t.owner else None, t.customer)))
        for t in query.order_by(Ticket.id)
    ]
    if open_only:
        bands = bands_at(session.policy, session.now())
        # an open ticket always has a next target (db check verifies it); PAUSED_DUE if none runs
        rows.sort(key=lambda row: bands.key(row[1].next_due_at or PAUSED_DUE, row[0]))
    return [summary for _, summary in rows]


@reading
def ticket_detail(session: Session, ref: str) -> TicketDetail:
    session.require_agent()
    ticket = load(ref)
    customer = ticket.customer
    owner = Agent.get_by_id(ticket.owner_id).login if ticket.owner_id else None
    state = sla_state(ticket, session.now(), session.policy)
    # Plain tuples, not model objects: a ticket with hundreds of events opens in a few ms.
    event_rows = as_tuples(
        TimelineEvent.select(
            TimelineEvent.id,
            TimelineEvent.at,
            TimelineEvent.actor,
            TimelineEvent.kind,
            TimelineEvent.text,
            TimelineEvent.before,
            TimelineEvent.after,
        )
        .where(TimelineEvent.ticket == ticket.id)
        .order_by(TimelineEvent.id)
    )
    events = tuple(
        EventView(id_, at, actor, kind, text, decode_json(before), decode_json(after))
        for id_, at, actor, kind, text, before, after in event_rows
    )
    return TicketDetail(
        **_summary_values(ticket, owner, customer),
        ticket_id=ticket.id,
        description=ticket.description,
        mood=ticket.mood,
        tier_source=ticket.tier_source,
        resolved_at=ticket.resolved_at,
        closed_at=ticket.closed_at,
        resolution=ticket.resolution,
        confirmation=ticket.confirmation,
        reopened_count=ticket.reopened_count,
        inbound_contacts=ticket.inbound_contacts,
        last_update_at=ticket.last_update_at,
        row_version=ticket.row_version,
        paused_at=ticket.paused_at,
        customer=customers.view(customer),
        sla={
            "response_left": state.response.left,
            "response_overdue": state.response.overdue,
            "response_met_late": state.response.met_late,
            "solution_left": state.solution.left,
            "solution_overdue": state.solution.overdue,
            "solution_paused": state.paused_at is not None,
            "update_due_by": state.update_due_by,
            "update_overdue": state.update_overdue,
        },
        events=events,
    )
