"""The rows behind the monthly callback report's figures (core.report.monthly): its low-scored
callbacks with their follow-up state, and the suggestions its callbacks collected.

Both are of the month's done callbacks (status done, completed in the month: the weekly
report's definition), in order of completion. Times are aware, in the floor's time zone;
phones, customer names and texts are as stored (the workbook masks them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, fn

from core.floor import Session, reading
from core.report.figures import completed_in, instant, low_score
from core.report.month import Month
from core.report.period import Period
from db.models import Agent, Callback, Customer, Ticket
from db.rows import as_tuples

NO_FOLLOW_UP = "none"
"""The follow-up state of a low score that has none recorded (the low-score loop records
"open" the moment it runs, so only data from elsewhere lacks one)."""


@dataclass(frozen=True)
class CallbackRow:
    """One of the month's done callbacks: what both lists of them begin with."""

    callback: int
    """The callback's number (#12 in the app)."""
    completed_at: datetime
    agent: str | None
    """The owner's login; None for a callback nobody owned (a survey)."""
    group: str
    customer_code: str
    customer_name: str


@dataclass(frozen=True)
class LowScoreRow(CallbackRow):
    phone: str | None
    ticket: str | None
    """The ticket's ref, when the callback was about one."""
    overall: int
    efficiency: int | None
    solving: int | None
    attitude: int | None
    follow_up_status: str
    """As recorded now: open, done, refused, unreachable (the supervisor's follow-up call's
    outcome), an imported text as written, or NO_FOLLOW_UP."""
    feedback: str | None


@dataclass(frozen=True)
class SuggestionRow(CallbackRow):
    ticket: str | None
    overall: int | None
    suggestion: str


def done_in(period: Period):
    """SQL: the callback is done and was completed in the period. The status is compared as
    an expression, so SQLite walks the period on the completed_at index rather than every
    done callback on the status one (as core.report.export_rows does)."""
    return completed_in(period) & (Callback.status.concat("") == "done")


def _done_rows(month: Month, condition, *columns) -> Iterator[tuple]:
    """The month's done callbacks that meet condition, in order of completion: CallbackRow's
    values (the completion in floor time), then the columns' (Ticket's are the callback's
    ticket's, when it has one)."""
    query = (
        Callback.select(
            Callback.id,
            Callback.completed_at,
            Agent.login,
            Callback.group,
            Customer.code,
            Customer.name,
            *columns,
        )
        .join(Customer, on=(Callback.customer == Customer.id))
        .switch(Callback)
        .join(Ticket, JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .switch(Callback)
        .join(Agent, JOIN.LEFT_OUTER, on=(Callback.owner == Agent.id))
        .where(done_in(month) & condition)
        .order_by(Callback.completed_at, Callback.id)
    )
    for number, completed, *rest in as_tuples(query):
        yield number, instant(completed).astimezone(month.tz), *rest


@reading
def low_score_rows(session: Session, month: Month) -> list[LowScoreRow]:
    """The month's done callbacks scored at or below the policy's low_score_max."""
    session.require_agent()
    columns = (
        Customer.phone,
        Ticket.ref,
        Callback.overall,
        Callback.efficiency,
        Callback.solving,
        Callback.attitude,
        Callback.follow_up_status,
        Callback.feedback,
    )
    return [
        LowScoreRow(*(*head, follow_up or NO_FOLLOW_UP, feedback))  # one star: mypy miscounts *a, b
        for *head, follow_up, feedback in _done_rows(month, low_score(session.policy), *columns)
    ]


def suggested():
    """SQL: the callback collected a suggestion (a text not only spaces)."""
    return Callback.suggestion.is_null(False) & (fn.TRIM(Callback.suggestion) != "")


@reading
def suggestion_rows(session: Session, month: Month) -> list[SuggestionRow]:
    """Every suggestion the month's done callbacks collected, one row per callback."""
    session.require_agent()
    columns = (Ticket.ref, Callback.overall, Callback.suggestion)
    return [SuggestionRow(*(*head, text.strip())) for *head, text in _done_rows(month, suggested(), *columns)]
