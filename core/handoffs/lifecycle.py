"""Cross-department handoffs (docs/floor.md, Handoffs): problem + what is needed + by when, then
sent -> answered -> synced to the customer, each stage a timeline event on the ticket."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from core.basics import NotFound, Refused, Term, require_text
from core.floor import Session, reading
from core.handoffs.directory import find_department, is_online
from core.policy import Policy, parse_deadline
from core.tickets import load, normalise_ref, pauses, timeline
from core.tickets.sla import OPEN_STATUSES, next_due_of
from db.models import Customer, Department, Handoff, Ticket

STAGES = ("sent", "answered", "synced")
"""The stages a handoff moves through, in order."""
WITHDRAWN = "withdrawn"
"""The other end (撤回): withdrawn with its ticket when the ticket was resolved or closed."""
ENDED = ("synced", WITHDRAWN)


@dataclass(frozen=True)
class HandoffView:
    id: int
    ref: str
    customer_code: str
    customer_name: str
    department: str
    problem: str
    need: str
    due_at: datetime
    stage: str
    sent_at: datetime
    answered_at: datetime | None
    answer: str | None
    synced_at: datetime | None


@dataclass(frozen=True)
class AddedHandoff:
    id: int
    warning: str | None  # e.g. the department is outside its online hours right now


def add_handoff(
    session: Session, ref: str, department: str, need: str, due: str, problem: str | None = None
) -> AddedHandoff:
    need = require_text(need, "need", 2_000, "handoff.need.hint")
    now = session.now()
    due_at = parse_deadline(due, now, session.policy.calendar.tz)
    actor = session.agent
    with session.writing():
        ticket = load(ref, lock=True)
        if ticket.status not in OPEN_STATUSES:
            raise Refused("handoff.ticket_not_open", ref=ticket.ref, status=Term(f"status.{ticket.status}"))
        dept = find_department(session, department)
        problem_text = (
            require_text(problem, "problem", 2_000)
            if problem
            else ticket.description.strip().splitlines()[0][:500]
        )
        handoff = Handoff.create(
            ticket=ticket.id,
            department=dept.id,
            problem=problem_text,
            need=need,
            due_at=due_at,
            stage="sent",
            sent_at=now,
            created_by=actor.login,
        )
        timeline.record(
            ticket,
            now,
            actor.login,
            "handoff",
            text=f"{problem_text} / {need}",
            after={"department": dept.name, "due_at": due_at, "need": need, "stage": "sent"},
        )
        pauses.settle_ticket(ticket.id, now, actor.login, session.policy)
    warning = None
    if not is_online(dept.online_hours, now, session.policy.calendar.tz):
        whom = dept.backup_contact or dept.contact_person or "its contact"
        warning = (
            f"{dept.name} is outside its online hours ({dept.online_hours}); call {whom} if it cannot wait"
        )
    return AddedHandoff(handoff.id, warning)


def _load_handoff(handoff_id) -> Handoff:
    try:
        number = int(str(handoff_id).strip().lstrip("#"))
    except ValueError:
        raise NotFound("handoff.not_a_number", value=handoff_id) from None
    # Past SQLite's 64-bit integers no row can have that number (and the driver would raise).
    handoff = Handoff.get_or_none(Handoff.id == number) if abs(number) < 2**63 else None
    if handoff is None:
        raise NotFound("handoff.not_found", number=number)
    return handoff


def _advance(session: Session, handoff_id, new_stage: str, answer: str | None = None) -> None:
    actor, now = session.agent, session.now()
    with session.writing():
        handoff = _load_handoff(handoff_id)
        expected = STAGES[STAGES.index(new_stage) - 1]
        if handoff.stage != expected:
            raise Refused(
                "handoff.wrong_stage",
                number=handoff.id,
                stage=Term(f"handoff.stage.{handoff.stage}"),
                expected=Term(f"handoff.stage.{expected}"),
                new_stage=Term(f"handoff.stage.{new_stage}"),
            )
        handoff.stage = new_stage
        ticket = Ticket.get_by_id(handoff.ticket_id)
        after: dict[str, object] = {"stage": new_stage, "handoff": handoff.id}
        if new_stage == "answered":
            handoff.answered_at, handoff.answer = now, answer
        else:
            handoff.synced_at = now
            # Telling the customer the department's answer is an outbound contact: the first
            # response when none was made yet, and today's customer update.
            if ticket.first_response_at is None:
                ticket.first_response_at = after["first_response_at"] = now
            ticket.last_update_at = now
            ticket.next_due_at = next_due_of(ticket)
            ticket.row_version += 1
            ticket.save()
        handoff.save()
        timeline.record(
            ticket,
            now,
            actor.login,
            "handoff",
            text=answer,
            before={"stage": expected},
            after=after,
        )
        pauses.settle_ticket(ticket.id, now, actor.login, session.policy)


def answer_handoff(session: Session, handoff_id, answer: str) -> None:
    """What the department said."""
    _advance(session, handoff_id, "answered", require_text(answer, "answer", 5_000, "handoff.answer.hint"))


def sync_handoff(session: Session, handoff_id) -> None:
    """The customer has been told the department's answer."""
    _advance(session, handoff_id, "synced")


@reading
def list_handoffs(
    session: Session,
    open_only: bool = True,
    ref: str | None = None,
    ticket_ids: Collection[int] | None = None,
    open_tickets_only: bool = False,
) -> list[HandoffView]:
    """Open ones (not yet synced to the customer, nor withdrawn) by deadline, or all of them;
    with ref, only that ticket's (what its detail screen offers to answer or sync); with
    ticket_ids, only those tickets' (what the board reads again when they changed);
    open_tickets_only: only open tickets' (the board: a handoff kept when its ticket was
    resolved is the department's business, not the floor's wall)."""
    session.require_agent()
    query = (
        Handoff.select(
            Handoff, Ticket.ref, Customer.code, Customer.name, Customer.short_name, Department.name
        )
        .join(Ticket)
        .join(Customer)
        .switch(Handoff)
        .join(Department)
    )
    if open_only:
        query = query.where(Handoff.stage.not_in(ENDED))
    if open_tickets_only:
        query = query.where(Ticket.status.in_(OPEN_STATUSES))
    if ref is not None:
        query = query.where(Ticket.ref.in_(list(dict.fromkeys((normalise_ref(ref), ref.strip())))))
    if ticket_ids is not None:
        query = query.where(Handoff.ticket.in_(list(ticket_ids)))
    rows = []
    for h in query.order_by(Handoff.due_at, Handoff.id):
        rows.append(
            HandoffView(
                h.id,
                h.ticket.ref,
                h.ticket.customer.code,
                h.ticket.customer.short_name or h.ticket.customer.name,
                h.department.name,
                h.problem,
                h.need,
                h.due_at,
                h.stage,
                h.sent_at,
                h.answered_at,
                h.answer,
                h.synced_at,
            )
        )
    return rows


@dataclass(frozen=True)
class HandoffClock:
    left: timedelta  # to the deadline; negative when overdue
    colour: str  # green | yellow | red | overdue
    stuck: bool  # no stage change for the policy's stuck_after
    sync_late: bool  # answered, but not told to the customer within sync_within


class HandoffTimes(Protocol):
    """What handoff_clock reads of a handoff: a HandoffView, or the weekly report's raw rows."""

    @property
    def stage(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def sent_at(self) -> datetime: ...
    @property
    def answered_at(self) -> datetime | None: ...
    @property
    def synced_at(self) -> datetime | None: ...


def handoff_clock(handoff: HandoffTimes, now: datetime, policy: Policy) -> HandoffClock:
    """Colour by the share of the allowed time left: green above 50%, yellow at or below
    50%, red at or below 20% or under 15 minutes, overdue past the deadline."""
    left = handoff.due_at - now
    allowed = handoff.due_at - handoff.sent_at
    if left < timedelta(0):
        colour = "overdue"
    elif left <= timedelta(minutes=15) or left <= allowed * 0.2:
        colour = "red"
    elif left <= allowed * 0.5:
        colour = "yellow"
    else:
        colour = "green"
    last_change = handoff.synced_at or handoff.answered_at or handoff.sent_at
    stuck = handoff.stage not in ENDED and now - last_change >= policy.handoff_stuck_after
    sync_late = (
        handoff.stage == "answered"
        and handoff.answered_at is not None
        and now - handoff.answered_at > policy.handoff_sync_within
    )
    return HandoffClock(left, colour, stuck, sync_late)
