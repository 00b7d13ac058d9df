"""The callback list (回访任务): what each callback is for, and which section it is in.

Sections (docs/floor.md, Callbacks), in the order shown:
- yours     the low-score follow-ups the supervisor looking owns, whenever they are due: a low
            score is the floor's most urgent call, and they were assigned to that person;
- overdue   the window closed;
- today     the window closes today, or the customer named a time (busy, or the next try after
            no answer) that is today or already passed;
- upcoming  the rest, and every routine callback held while its customer's low-score follow-up
            is open (core.callbacks.one_call: a low score stops routine calls until it is done).
A callback whose window merely opened is not today's: a quarter's churn-risk call is upcoming
until its last day. The header counts these same sets and `callbacks list --due` lists yours,
overdue and today.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from peewee import JOIN

from core.basics import InvalidInput
from core.callbacks.actions import SUPERVISOR_GROUPS
from core.callbacks.groups import FOLLOW_UP_GROUP, GROUP_IDS
from core.callbacks.one_call import is_routine
from core.callbacks.records import load_callback
from core.floor import Session, reading
from db.models import Agent, Callback, CallbackPurpose, Customer, Ticket
from db.rows import as_tuples

WHEN_ORDER = {"yours": 0, "overdue": 1, "today": 2, "upcoming": 3}
DUE = ("yours", "overdue", "today")
"""The sections `callbacks list --due` keeps."""


@dataclass(frozen=True)
class Purpose:
    """One reason for a call: the callback's own, or one that joined it."""

    group: str
    reason: str | None
    ticket_ref: str | None
    ticket_summary: str


@dataclass(frozen=True)
class CallbackView:
    id: int
    key: str
    group: str
    customer_code: str
    customer_name: str
    customer_phone: str | None
    preferred_call_time: str | None
    ticket_ref: str | None
    ticket_summary: str  # the ticket's first line, short ("" without a ticket): the script's {product}
    follows: int | None
    reason: str | None
    due_from: datetime
    due_by: datetime
    call_after: datetime | None
    priority: str
    status: str
    owner: str | None
    attempts: int
    script_version: int | None
    started_at: datetime | None
    completed_at: datetime | None
    method: str
    overall: int | None
    efficiency: int | None
    solving: int | None
    attitude: int | None
    warm: bool | None
    feedback: str | None
    suggestion: str | None
    follow_up_status: str | None
    purposes: tuple[Purpose, ...] = ()
    """Every reason for this call, its own first (one call, not five)."""
    held_by: int | None = None
    """A routine callback waiting for this open low-score follow-up of its customer."""
    yours: bool = False
    """A low-score follow-up owned by the person looking."""

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.group for p in self.purposes)) or (self.group,)

    @property
    def starts_at(self) -> datetime:
        """When the call may be made: the window's start, or later if the customer asked."""
        return max(self.due_from, self.call_after) if self.call_after else self.due_from

    def when(self, now: datetime, tz: tzinfo) -> str:
        """yours | overdue | today | upcoming (open callbacks, see the module), else the status."""
        if self.status != "open":
            return self.status
        if self.yours:
            return "yours"
        if self.held_by is not None:
            return "upcoming"
        if self.due_by < now:
            return "overdue"
        today = now.astimezone(tz).date()
        if self.due_by.astimezone(tz).date() <= today:
            return "today"
        named = self.call_after is not None and self.call_after.astimezone(tz).date() <= today
        if named and self.due_from.astimezone(tz).date() <= today:  # and it may be begun today
            return "today"
        return "upcoming"


def _first_line(text: str | None, limit: int = 40) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _view(
    row: Callback, customer: Customer, ticket, owner: str | None, joined: list[Purpose], **more
) -> CallbackView:
    summary = _first_line(ticket.description) if ticket else ""
    own = Purpose(row.group, row.reason, ticket.ref if ticket else None, summary)
    return CallbackView(
        id=row.id,
        key=row.key,
        group=row.group,
        customer_code=customer.code,
        customer_name=customer.name,
        customer_phone=customer.phone,
        preferred_call_time=customer.preferred_call_time,
        ticket_ref=ticket.ref if ticket else None,
        ticket_summary=summary,
        follows=row.follows_id,
        reason=row.reason,
        due_from=row.due_from,
        due_by=row.due_by,
        call_after=row.call_after,
        priority=row.priority,
        status=row.status,
        owner=owner,
        attempts=row.attempts,
        script_version=row.script_version,
        started_at=row.started_at,
        completed_at=row.completed_at,
        method=row.method,
        overall=row.overall,
        efficiency=row.efficiency,
        solving=row.solving,
        attitude=row.attitude,
        warm=row.warm,
        feedback=row.feedback,
        suggestion=row.suggestion,
        follow_up_status=row.follow_up_status,
        purposes=(own, *joined),
        **more,
    )


def _query():
    return (
        Callback.select(Callback, Customer, Ticket.id, Ticket.ref, Ticket.description, Agent.id, Agent.login)
        .join(Customer, on=(Callback.customer == Customer.id))
        .switch(Callback)
        .join(Ticket, join_type=JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .switch(Callback)
        .join(Agent, join_type=JOIN.LEFT_OUTER, on=(Callback.owner == Agent.id))
    )


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def joined_purposes(callback_ids: list[int]) -> dict[int, list[Purpose]]:
    """The purposes that joined each of these callbacks, in the order they joined."""
    found: dict[int, list[Purpose]] = {}
    for chunk in _chunks(callback_ids):
        query = (
            CallbackPurpose.select(
                CallbackPurpose.callback,
                CallbackPurpose.group,
                CallbackPurpose.reason,
                Ticket.ref,
                Ticket.description,
            )
            .join(Ticket, join_type=JOIN.LEFT_OUTER, on=(CallbackPurpose.ticket == Ticket.id))
            .where(CallbackPurpose.callback.in_(chunk))
            .order_by(CallbackPurpose.id)
        )
        for callback, group, reason, ref, description in as_tuples(query):
            found.setdefault(callback, []).append(Purpose(group, reason, ref, _first_line(description)))
    return found


def open_follow_ups(customer_ids: list[int]) -> dict[int, int]:
    """Customer id -> the number of their open low-score follow-up (the first, if several)."""
    found: dict[int, int] = {}
    for chunk in _chunks(sorted(set(customer_ids))):
        query = (
            Callback.select(Callback.customer, Callback.id)
            .where(
                (Callback.group == FOLLOW_UP_GROUP)
                & (Callback.status == "open")
                & Callback.customer.in_(chunk)
            )
            .order_by(Callback.id)
        )
        for customer, number in as_tuples(query):
            found.setdefault(customer, number)
    return found


def views(query, viewer: Agent | None = None) -> list[CallbackView]:
    rows = list(query)
    purposes = joined_purposes([row.id for row in rows if row.status == "open" or row.script_version])
    held = open_follow_ups(
        [row.customer_id for row in rows if row.status == "open" and is_routine(row.group)]
    )
    out = []
    for row in rows:
        ticket = getattr(row, "ticket", None)
        owner = getattr(row, "owner", None)
        out.append(
            _view(
                row,
                row.customer,
                ticket if row.ticket_id else None,
                owner.login if owner else None,
                purposes.get(row.id, []),
                held_by=held.get(row.customer_id) if row.status == "open" and is_routine(row.group) else None,
                yours=viewer is not None and row.group in SUPERVISOR_GROUPS and row.owner_id == viewer.id,
            )
        )
    return out


@reading
def list_callbacks(
    session: Session,
    *,
    open_only: bool = True,
    due: bool = False,
    group: str | None = None,
    mine: bool = False,
) -> list[CallbackView]:
    """Open callbacks by section (the module's), high priority first within each, then by
    deadline. due=True keeps yours, overdue and today's."""
    session.require_agent()
    now, tz = session.now(), session.policy.calendar.tz
    query = _query()
    if open_only or due:
        query = query.where(Callback.status == "open")
    if group is not None:
        if group not in GROUP_IDS:
            raise InvalidInput("group", "callback.group.unknown", value=group, groups=", ".join(GROUP_IDS))
        # a call that a reason of the group joined is one of the group's calls too (one call, not five)
        joined = CallbackPurpose.select(CallbackPurpose.callback).where(CallbackPurpose.group == group)
        query = query.where((Callback.group == group) | Callback.id.in_(joined))
    if mine:
        query = query.where(Callback.owner == session.agent.id)
    found = views(query.order_by(Callback.due_by, Callback.id), session.agent)
    if due:
        found = [v for v in found if v.when(now, tz) in DUE]
    return sorted(
        found, key=lambda v: (WHEN_ORDER.get(v.when(now, tz), 4), v.priority != "high", v.due_by, v.id)
    )


@reading
def get_callback(session: Session, callback_id) -> CallbackView:
    session.require_agent()
    number = load_callback(callback_id).id
    return views(_query().where(Callback.id == number), session.agent)[0]


def view_of(callback_id: int, viewer: Agent | None = None) -> CallbackView:
    """One callback as listed (inside a transaction already open)."""
    return views(_query().where(Callback.id == callback_id), viewer)[0]


__all__ = [
    "DUE",
    "SUPERVISOR_GROUPS",
    "WHEN_ORDER",
    "CallbackView",
    "Purpose",
    "get_callback",
    "list_callbacks",
    "view_of",
    "views",
]
