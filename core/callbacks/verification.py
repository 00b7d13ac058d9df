"""The callbacks' side of an improvement action (issue 23; the actions themselves are
core.improvement): booking the verification calls when an action is marked done, and what
each verification call's end means for the action.

- Marked done, an action books one improvement_verify firing per customer whose tickets it
  covers (key improvement_verify:action:ID:ROUND:CUSTOMER), through the callbacks' own rules:
  it joins the customer's open routine call, or waits out the gap after the last call.
- When a call carrying such a purpose ends (done, refused, or unreachable for good), in the
  same transaction: a low overall score (at or below callbacks.low_score_max), or a no to the
  script's "is it solved?" (FIXED_QUESTION), reopens the action at once; when every call of
  the round has ended and at least one was scored, the action closes, its timeline listing
  the scores. Calls that all ended unscored leave it done,
  for a supervisor to close by hand (nobody confirmed it).
- A call of an earlier round (the action was reopened, then done again) changes nothing.

The action's timeline (action_event) is append-only like a ticket's; record_event writes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.callbacks.rules import improvement_window
from core.callbacks.schedule import Firing, Scheduled, book_firings
from core.floor import Session
from core.tickets.timeline import event_json
from db.models import (
    ActionEvent,
    ActionTicket,
    Callback,
    CallbackAnswer,
    CallbackPurpose,
    Customer,
    ImprovementAction,
    Ticket,
)
from db.rows import as_tuples

GROUP = "improvement_verify"
KEY_PREFIX = f"{GROUP}:action:"
_KEY = re.compile(rf"^{re.escape(KEY_PREFIX)}(?P<action>\d+):(?P<round>\d+):")
FIXED_QUESTION = "fixed"
"""The improvement_verify script's yes/no question "改进后问题是否已解决？": a no reopens the action
as a low score does (a floor's own script keeps the id to keep the rule)."""
ENDED = ("done", "refused", "unreachable")
"""A call's states that end it (unreachable is only set when the last attempt failed)."""


def round_prefix(action_id: int, round_: int) -> str:
    return f"{KEY_PREFIX}{action_id}:{round_}:"


def record_event(
    action: ImprovementAction | int,
    at: datetime,
    actor: str,
    kind: str,
    text: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> ActionEvent:
    """Append one event to the action's timeline, inside the transaction of the change."""
    return ActionEvent.create(
        action=action,
        at=at,
        actor=actor,
        kind=kind,
        text=text,
        before=event_json(before),
        after=event_json(after),
    )


def book_verification(session: Session, action: ImprovementAction, now: datetime) -> list[Scheduled]:
    """Inside the write that marks action done (its round already moved on): one verification
    firing per covered customer, booked by the callbacks' rules. Returns what was booked."""
    cal, rules = session.policy.calendar, session.policy.callbacks
    window = improvement_window(now, cal, rules)
    by_customer: dict[int, list[Ticket]] = {}
    covered = (
        Ticket.select(Ticket, Customer)
        .join(ActionTicket, on=(ActionTicket.ticket == Ticket.id))
        .switch(Ticket)
        .join(Customer)
        .where(ActionTicket.action == action.id)
        .order_by(Ticket.id)
    )
    for ticket in covered:
        by_customer.setdefault(ticket.customer_id, []).append(ticket)
    firings = []
    for tickets in by_customer.values():
        first = tickets[0]
        refs = ", ".join(t.ref for t in tickets[:5]) + (f" +{len(tickets) - 5}" if len(tickets) > 5 else "")
        firings.append(
            Firing(
                f"{round_prefix(action.id, action.round)}{first.customer.code}",
                GROUP,
                first.customer,
                first,
                window,
                f"A{action.id} {action.title} ({refs})",
            )
        )
    return book_firings(session, firings, now)


@dataclass(frozen=True)
class VerificationCall:
    callback_id: int
    customer_code: str
    status: str
    overall: int | None
    completed_at: datetime | None


def verification_calls(action_id: int, round_: int) -> list[VerificationCall]:
    """The calls that verify this round of the action: calls booked for it, and calls it joined."""
    prefix = round_prefix(action_id, round_)
    own = Callback.select(Callback.id).where(Callback.key.startswith(prefix))
    joined = CallbackPurpose.select(CallbackPurpose.callback).where(CallbackPurpose.key.startswith(prefix))
    ids = {n for (n,) in as_tuples(own)} | {n for (n,) in as_tuples(joined)}
    if not ids:
        return []
    rows = (
        Callback.select(Callback.id, Customer.code, Callback.status, Callback.overall, Callback.completed_at)
        .join(Customer)
        .where(Callback.id.in_(sorted(ids)))
        .order_by(Callback.id)
    )
    return [VerificationCall(*row) for row in as_tuples(rows)]


def _rounds_carried(row: Callback) -> set[tuple[int, int]]:
    keys = [row.key] + [
        k
        for (k,) in as_tuples(
            CallbackPurpose.select(CallbackPurpose.key).where(CallbackPurpose.callback == row.id)
        )
    ]
    found = set()
    for key in keys:
        match = _KEY.match(key)
        if match:
            found.add((int(match["action"]), int(match["round"])))
    return found


def scores_text(calls: Iterable[VerificationCall]) -> str:
    """ "#12 5, #14 4, #15 refused": each call of a round and how it ended."""
    return ", ".join(
        f"#{c.callback_id} {c.overall if c.status == 'done' and c.overall is not None else c.status}"
        for c in calls
    )


def settle_verification(session: Session, row: Callback, now: datetime, actor: str) -> None:
    """Inside the transaction that ended call row: reopen or close the actions it verifies."""
    if row.status not in ENDED:
        return
    low_max = session.policy.callbacks.low_score_max
    for action_id, round_ in sorted(_rounds_carried(row)):
        action = ImprovementAction.get_or_none(ImprovementAction.id == action_id)
        if action is None or action.status != "done" or action.round != round_:
            continue  # an earlier round's call, or the action moved on by hand
        calls = verification_calls(action_id, round_)
        if row.status == "done" and row.overall is not None and row.overall <= low_max:
            why = f"scored {row.overall} of 5"
        elif row.status == "done" and _said_not_fixed(row.id):
            why = f"said the problem is not solved ({FIXED_QUESTION}: no)"
        else:
            why = None
        if why is not None:
            text = f"callback #{row.id} ({row.customer.code}) {why}: {scores_text(calls)}"
            _move(action, "in_progress", now, actor, "reopened", text)
            continue
        if any(c.status not in ENDED for c in calls):
            continue
        if any(c.status == "done" and c.overall is not None for c in calls):
            _move(action, "closed", now, actor, "verified", scores_text(calls))
        else:
            record_event(action, now, actor, "unverified", scores_text(calls))


def _said_not_fixed(callback_id: int) -> bool:
    """The customer answered the script's "is it solved?" question (FIXED_QUESTION) no."""
    answer = CallbackAnswer.get_or_none(
        (CallbackAnswer.callback == callback_id) & (CallbackAnswer.question == FIXED_QUESTION)
    )
    return answer is not None and answer.answer == "no"


def _move(action: ImprovementAction, status: str, now: datetime, actor: str, kind: str, text: str) -> None:
    fields: dict = {"status": status, "row_version": ImprovementAction.row_version + 1}
    if status == "closed":
        fields["closed_at"] = now
    ImprovementAction.update(**fields).where(ImprovementAction.id == action.id).execute()
    record_event(action, now, actor, kind, text, before={"status": action.status}, after={"status": status})


__all__ = [
    "ENDED",
    "GROUP",
    "KEY_PREFIX",
    "VerificationCall",
    "book_verification",
    "record_event",
    "round_prefix",
    "scores_text",
    "settle_verification",
    "verification_calls",
]
