"""The low-score loop (docs/floor.md, Outcomes and low scores: a score of 2 or less makes the
callback high priority and books the supervisor's follow-up): one function, run in the
transaction that saved the score, by a finished call and by the callback import alike.

For a done callback whose overall score is at or below the policy's low_score_max:
- the callback becomes high priority and its follow_up_status "open";
- the supervisor's follow-up callback (group low_score_followup) is created, due within
  low_score_within working days, and assigned at once to a named supervisor
  (core.callbacks.follow_ups: the policy's low_score_to); its key makes a second run a no-op;
- the linked ticket, when resolved or closed, reopens with a timeline event saying why, who
  follows up and the follow-up's own number; an open ticket gets the same event without a
  status change.
Until that follow-up is done the customer gets no routine call (core.callbacks.calls: held).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.callbacks.follow_ups import FOLLOW_UP_GROUP, choose_supervisor
from core.callbacks.rules import low_score_window
from core.floor import Session
from core.tickets import next_due_of, timeline
from db.models import Agent, Callback, CallbackPurpose, Ticket


@dataclass(frozen=True)
class LowScore:
    follow_up_id: int
    reopened: str | None  # the ticket's ref when it was reopened
    supervisor: str | None = None  # the login of the supervisor who follows up


def follow_up_key(callback_id: int) -> str:
    return f"{FOLLOW_UP_GROUP}:{callback_id}"


def _said(row: Callback) -> str:
    return row.feedback.splitlines()[0][:200] if row.feedback else ""


def _why(row: Callback) -> str:
    said = f": {_said(row)}" if row.feedback else ""
    return f"callback #{row.id} scored {row.overall} of 5{said}"


def run_low_score_loop(
    session: Session, row: Callback, now: datetime, actor: str, scored_by: str | None = None
) -> LowScore | None:
    """Call inside the write transaction that saved row's score; None when the score is not low.
    scored_by: the login of the agent who made the call (default: its owner, else actor)."""
    rules = session.policy.callbacks
    if row.status != "done" or row.overall is None or row.overall > rules.low_score_max:
        return None
    Callback.update(
        priority="high", follow_up_status=row.follow_up_status or "open", row_version=Callback.row_version + 1
    ).where(Callback.id == row.id).execute()
    window = low_score_window(now, session.policy.calendar, rules)
    key = follow_up_key(row.id)
    existing = Callback.get_or_none(Callback.key == key)
    if existing is not None:
        return LowScore(existing.id, None)
    supervisor = choose_supervisor(session, _agent(scored_by, row, actor))
    ticket_id = _ticket_of(row)
    follow_up = Callback.create(
        key=key,
        group=FOLLOW_UP_GROUP,
        customer=row.customer_id,
        ticket=ticket_id,
        follows=row.id,
        reason=_why(row),
        due_from=window.due_from,
        due_by=window.due_by,
        priority="high",
        owner=supervisor.id if supervisor else None,
        created_at=now,
        created_by=actor,
    )
    who = supervisor.display_name if supervisor else None
    login = supervisor.login if supervisor else None
    return LowScore(follow_up.id, _reopen(row, ticket_id, follow_up.id, who, now, actor), login)


def _ticket_of(row: Callback) -> int | None:
    """The ticket a low score is about: the call's own, else the first ticket of a reason that
    joined it (a churn-risk call that also asked about a resolved ticket)."""
    if row.ticket_id is not None:
        return row.ticket_id
    joined = (
        CallbackPurpose.select(CallbackPurpose.ticket)
        .where((CallbackPurpose.callback == row.id) & CallbackPurpose.ticket.is_null(False))
        .order_by(CallbackPurpose.id)
        .first()
    )
    return joined.ticket_id if joined is not None else None


def _agent(scored_by: str | None, row: Callback, actor: str) -> Agent | None:
    if scored_by:
        return Agent.get_or_none(Agent.login == scored_by)
    if row.owner_id is not None:
        return Agent.get_or_none(Agent.id == row.owner_id)
    return Agent.get_or_none(Agent.login == actor)


def _reopen(
    row: Callback, ticket_id: int | None, follow_up: int, who: str | None, now: datetime, actor: str
) -> str | None:
    if ticket_id is None:
        return None
    ticket = Ticket.get_by_id(ticket_id)
    why = f"{_why(row)}; {who or 'a supervisor'} follows up (callback #{follow_up})"
    # The screens say it in their language from these (the text is for the record and the CLI).
    facts = {
        "callback": row.id,
        "overall": row.overall,
        "follow_up": follow_up,
        "by": who,
        "said": _said(row),
    }
    if ticket.status not in ("resolved", "closed"):
        timeline.record(
            ticket,
            now,
            actor,
            "low_score",
            text=why,
            after=facts,
        )
        return None
    before = {"status": ticket.status, "resolved_at": ticket.resolved_at, "closed_at": ticket.closed_at}
    ticket.status = "in_progress"
    ticket.resolved_at = ticket.closed_at = None
    ticket.reopened_count += 1
    ticket.next_due_at = next_due_of(ticket)
    ticket.row_version += 1
    ticket.save()
    timeline.record(
        ticket,
        now,
        actor,
        "reopened",
        text=why,
        before=before,
        after={"status": "in_progress", **facts},
    )
    return ticket.ref


def close_follow_up(callback_id: int, how: str) -> None:
    """The supervisor's follow-up ended (done, refused, unreachable): the low-scored callback
    it follows records that, for the weekly report's 'low scores and their follow-up state'."""
    Callback.update(follow_up_status=how, row_version=Callback.row_version + 1).where(
        Callback.id == callback_id
    ).execute()
