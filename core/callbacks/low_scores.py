"""The low-score loop (docs/floor.md, Outcomes and low scores: a score of 2 or less makes the
callback high priority and books the supervisor's follow-up): one function, run in the
transaction that saved the score, by a finished call and by the callback import alike.

For a done callback whose overall score is at or below the policy's low_score_max:
- the callback becomes high priority and its follow_up_status "open";
- the supervisor's follow-up callback (group low_score_followup) is created, due within
  low_score_within working days; its key makes a second run a no-op;
- the linked ticket, when resolved or closed, reopens with a timeline event saying why;
  an open ticket gets the same event without a status change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.callbacks.rules import low_score_window
from core.floor import Session
from core.tickets import next_due_of, timeline
from db.models import Callback, Ticket

FOLLOW_UP_GROUP = "low_score_followup"


@dataclass(frozen=True)
class LowScore:
    follow_up_id: int
    reopened: str | None  # the ticket's ref when it was reopened


def follow_up_key(callback_id: int) -> str:
    return f"{FOLLOW_UP_GROUP}:{callback_id}"


def _why(row: Callback) -> str:
    said = f": {row.feedback.splitlines()[0][:200]}" if row.feedback else ""
    return f"callback #{row.id} scored {row.overall} of 5{said}"


def run_low_score_loop(session: Session, row: Callback, now: datetime, actor: str) -> LowScore | None:
    """Call inside the write transaction that saved row's score; None when the score is not low."""
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
    follow_up = Callback.create(
        key=key,
        group=FOLLOW_UP_GROUP,
        customer=row.customer_id,
        ticket=row.ticket_id,
        follows=row.id,
        reason=_why(row),
        due_from=window.due_from,
        due_by=window.due_by,
        priority="high",
        created_at=now,
        created_by=actor,
    )
    return LowScore(follow_up.id, _reopen(row, now, actor))


def _reopen(row: Callback, now: datetime, actor: str) -> str | None:
    if row.ticket_id is None:
        return None
    ticket = Ticket.get_by_id(row.ticket_id)
    why = f"{_why(row)}; the supervisor follows up (callback #{row.id})"
    if ticket.status not in ("resolved", "closed"):
        timeline.record(
            ticket, now, actor, "low_score", text=why, after={"callback": row.id, "overall": row.overall}
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
        after={"status": "in_progress", "callback": row.id, "overall": row.overall},
    )
    return ticket.ref


def close_follow_up(callback_id: int, how: str) -> None:
    """The supervisor's follow-up ended (done, refused, unreachable): the low-scored callback
    it follows records that, for the weekly report's 'low scores and their follow-up state'."""
    Callback.update(follow_up_status=how, row_version=Callback.row_version + 1).where(
        Callback.id == callback_id
    ).execute()
