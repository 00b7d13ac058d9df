"""Reading improvement actions (issue 23): the list (the screen's and `action list`'s) and one
action with its tickets, timeline and this round's verification calls."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo

from peewee import JOIN, fn

from core.basics import NotFound, pick
from core.callbacks.verification import VerificationCall, verification_calls
from core.floor import Session, reading
from core.improvement.actions import action_number, late
from core.improvement.expected import Expected
from core.improvement.statuses import STATUS_LABELS, STATUSES
from db.models import ActionEvent, ActionTicket, Agent, Customer, Department, ImprovementAction, Ticket
from db.rows import as_tuples


@dataclass(frozen=True)
class ActionRow:
    number: int
    title: str
    status: str
    department: str
    owner: str
    owner_name: str
    due_at: datetime
    late: bool
    category: str | None
    subtag: str | None
    phrase: str | None
    expected: Expected
    tickets: int
    round: int
    created_at: datetime
    done_at: datetime | None
    closed_at: datetime | None
    row_version: int
    calls: tuple[VerificationCall, ...] = ()
    """This round's verification calls (empty before it is first done)."""

    @property
    def scores(self) -> tuple[int, ...]:
        return tuple(c.overall for c in self.calls if c.status == "done" and c.overall is not None)

    def as_json(self, tz: tzinfo) -> dict:
        """As `action list --json` prints it: times in floor time (tz)."""

        def local(at: datetime | None) -> str | None:
            return at.astimezone(tz).isoformat() if at else None

        return {
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "department": self.department,
            "owner": self.owner,
            "due_at": local(self.due_at),
            "late": self.late,
            "category": self.category,
            "subtag": self.subtag,
            "phrase": self.phrase,
            "expected": {
                "measure": self.expected.measure,
                "op": self.expected.op,
                "value": self.expected.value,
            },
            "tickets": self.tickets,
            "round": self.round,
            "created_at": local(self.created_at),
            "done_at": local(self.done_at),
            "closed_at": local(self.closed_at),
            "verification": [
                {
                    "callback": c.callback_id,
                    "customer": c.customer_code,
                    "status": c.status,
                    "score": c.overall,
                }
                for c in self.calls
            ],
        }


@dataclass(frozen=True)
class ActionEventView:
    at: datetime
    actor: str
    kind: str
    text: str | None
    before: dict | None
    after: dict | None


@dataclass(frozen=True)
class CoveredTicket:
    ref: str
    customer: str
    status: str
    category: str
    description: str


@dataclass(frozen=True)
class ActionDetail:
    action: ActionRow
    tickets: tuple[CoveredTicket, ...]
    events: tuple[ActionEventView, ...]


def _rows(query, now: datetime, with_calls: bool) -> list[ActionRow]:
    counts = dict(
        as_tuples(
            ActionTicket.select(ActionTicket.action, fn.COUNT(ActionTicket.id)).group_by(ActionTicket.action)
        )
    )
    rows = []
    for a in query:
        rows.append(
            ActionRow(
                a.id,
                a.title,
                a.status,
                a.department.name,
                a.owner.login,
                a.owner.display_name,
                a.due_at,
                late(a.status, a.due_at, a.done_at, now),
                a.category,
                a.subtag,
                a.phrase,
                Expected(a.expect_measure, a.expect_op, a.expect_value),
                counts.get(a.id, 0),
                a.round,
                a.created_at,
                a.done_at,
                a.closed_at,
                a.row_version,
                tuple(verification_calls(a.id, a.round)) if with_calls and a.round else (),
            )
        )
    return rows


def _base():
    return (
        ImprovementAction.select(ImprovementAction, Department, Agent)
        .join(Department, on=(ImprovementAction.department == Department.id))
        .switch(ImprovementAction)
        .join(Agent, on=(ImprovementAction.owner == Agent.id))
    )


@reading
def list_actions(
    session: Session, status: str | None = None, mine: bool = False, include_closed: bool = True
) -> list[ActionRow]:
    """Every action, the ones still to do first (late ones first among them), then by deadline.
    status: one status only (typed in either language); mine: the acting person's own."""
    me = session.require_agent()
    query = _base()
    if status:
        query = query.where(ImprovementAction.status == pick(status, STATUS_LABELS, "status"))
    elif not include_closed:
        query = query.where(ImprovementAction.status != "closed")
    if mine:
        query = query.where(ImprovementAction.owner == me.id)
    now = session.now()
    rows = _rows(query, now, with_calls=True)
    order = {s: i for i, s in enumerate(STATUSES)}
    return sorted(rows, key=lambda r: (r.status == "closed", not r.late, order[r.status], r.due_at, r.number))


@reading
def action_detail(session: Session, number) -> ActionDetail:
    session.require_agent()
    n = action_number(number)
    found = _rows(_base().where(ImprovementAction.id == n), session.now(), with_calls=True)
    if not found:
        raise NotFound("action.not_found", number=n)
    tickets = (
        Ticket.select(Ticket.ref, Customer.code, Ticket.status, Ticket.category, Ticket.description)
        .join(ActionTicket, on=(ActionTicket.ticket == Ticket.id))
        .switch(Ticket)
        .join(Customer, JOIN.INNER)
        .where(ActionTicket.action == n)
        .order_by(Ticket.id)
    )
    events = ActionEvent.select().where(ActionEvent.action == n).order_by(ActionEvent.id)
    return ActionDetail(
        found[0],
        tuple(CoveredTicket(*row) for row in as_tuples(tickets)),
        tuple(
            ActionEventView(
                e.at,
                e.actor,
                e.kind,
                e.text,
                json.loads(e.before) if e.before else None,
                json.loads(e.after) if e.after else None,
            )
            for e in events
        ),
    )


__all__ = ["ActionDetail", "ActionEventView", "ActionRow", "CoveredTicket", "action_detail", "list_actions"]
