"""Which rows stand behind a figure, in order (core.report.drill's selections): each list is
written with the very conditions its figure counts (core.report.figures.ticket_terms,
low_score, done_in, suggested, handoff_sides, the waits), so a list and its figure are the
same rows by construction.

A list is read in two steps, so a 50,000-ticket week pages quickly: first the ids in order
(with the number each is ordered by), then the page's details (core.report.drill_rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import Case, fn

from core.policy import Policy
from core.report.figures import (
    LONG_WAIT,
    HandoffTimes,
    handoff_sides,
    instant,
    raw_rows,
    received_in,
    ticket_wait,
    wait_seconds,
)
from core.report.monthly_rows import NO_FOLLOW_UP, done_in
from core.report.period import Period
from db.models import Agent, Callback, CallbackAttempt, Department, Handoff, Ticket
from db.rows import as_tuples

Listed = list[tuple[int, int | None]]
"""(id, the number the row is ordered by: a wait or lateness in minutes, a score; or None)."""


def holds(condition):
    """SQL: condition is true for the row, as count_where counts it (NULL is not true), so
    a figure's "no" side (NOT holds) is the rest of its denominator exactly."""
    return Case(None, [(condition, 1)], 0) == 1


def lacks(condition):
    """SQL: condition is not true for the row (false or NULL): what count_where leaves out."""
    return Case(None, [(condition, 1)], 0) == 0


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds()) // 60


# ---------------------------------------------------------------- tickets


def tickets_in_receipt_order(period: Period, condition) -> Listed:
    query = (
        Ticket.select(Ticket.id)
        .where(received_in(period) & condition)
        .order_by(Ticket.received_at, Ticket.id)
    )
    return [(ident, None) for (ident,) in as_tuples(query)]


@dataclass(frozen=True)
class Wait:
    """One of the period's tickets with its wait as the figures judge it."""

    ident: int
    received: datetime
    over: bool
    """Waited more than an hour (waited_over_1h_rate's rows)."""
    seconds: float
    """The wait, for ordering (the longest first)."""
    minutes: int
    """The wait in whole minutes rounded down, 0 for a response stamped before receipt
    (longest_wait_minutes of the longest)."""


def waits(session, period: Period, now: datetime, condition) -> list[Wait]:
    """The period's tickets that meet condition with their waits, the longest first: on
    SQLite by the figures' SQL expression (core.report.figures.wait_seconds), elsewhere by
    their Python twin (ticket_wait), as weekly_figures counts them on each engine."""
    where = received_in(period) & condition
    found: list[Wait] = []
    expression = wait_seconds(session, now)
    if expression is not None:
        query = Ticket.select(Ticket.id, Ticket.received_at, expression).where(where)
        limit = int(LONG_WAIT.total_seconds())
        for ident, received, seconds in raw_rows(session, query):
            seconds = seconds or 0
            found.append(Wait(ident, instant(received), seconds > limit, seconds, max(seconds, 0) // 60))
    else:
        query = Ticket.select(Ticket.id, Ticket.received_at, Ticket.first_response_at).where(where)
        for ident, received, answered in raw_rows(session, query):
            wait = ticket_wait(received, answered, now)
            seconds = wait.total_seconds()
            found.append(
                Wait(ident, instant(received), wait > LONG_WAIT, seconds, max(int(seconds), 0) // 60)
            )
    found.sort(key=lambda w: (-w.seconds, w.received, w.ident))
    return found


def tickets_by_lateness(session, period: Period, now: datetime, condition, done, due) -> Listed:
    """The period's tickets that meet condition, the latest against due first: how long after
    due they were done (done: the response or resolution time), or are still not done as of
    now; in minutes (negative: that many before due)."""
    query = Ticket.select(Ticket.id, Ticket.received_at, done, due).where(received_in(period) & condition)
    rows = []
    for ident, received, finished, deadline in raw_rows(session, query):
        late = (now if finished is None else instant(finished)) - instant(deadline)
        rows.append((-late.total_seconds(), instant(received), ident, _minutes(late)))
    rows.sort()
    return [(ident, minutes) for _, _, ident, minutes in rows]


# ---------------------------------------------------------------- callbacks


def callbacks_in_order(period: Period, condition, score=None) -> Listed:
    """The period's done callbacks that meet condition: the lowest score first when score (a
    Callback field) is given, else in order of completion."""
    order = [Callback.completed_at, Callback.id]
    columns = [Callback.id]
    if score is not None:
        order.insert(0, score)
        columns.append(score)
    query = Callback.select(*columns).where(done_in(period) & condition).order_by(*order)
    return [(row[0], row[1] if score is not None else None) for row in as_tuples(query)]


def follow_up_is(state: str):
    """SQL: a low score's follow-up state is state, as monthly_figures groups them (no state,
    or an empty one, is NO_FOLLOW_UP)."""
    if state == NO_FOLLOW_UP:
        column = Callback.follow_up_status
        return column.is_null() | (column == "") | (column == NO_FOLLOW_UP)
    return Callback.follow_up_status == state


def attempts_in(period: Period):
    """SQL: the attempt was logged in the period (monthly calls_made)."""
    return (CallbackAttempt.at >= period.start) & (CallbackAttempt.at < period.end)


def attempts_in_order(period: Period, condition) -> Listed:
    query = (
        CallbackAttempt.select(CallbackAttempt.id)
        .where(attempts_in(period) & condition)
        .order_by(CallbackAttempt.at, CallbackAttempt.id)
    )
    return [(ident, None) for (ident,) in as_tuples(query)]


# ---------------------------------------------------------------- handoffs


def handoffs_of(
    session, period: Period, now: datetime, policy: Policy, department: str, side: str
) -> tuple[Listed, set[int]]:
    """The handoffs due in the period to department that count as side (handoff_sides: the
    figure's own rule), the latest first (minutes late; negative: answered that early); and
    which of them are stuck now."""
    query = (
        Handoff.select(
            Handoff.id,
            Handoff.stage,
            Handoff.due_at,
            Handoff.sent_at,
            Handoff.answered_at,
            Handoff.synced_at,
        )
        .join(Department)
        .where(
            (Handoff.due_at >= period.start) & (Handoff.due_at < period.end) & (Department.name == department)
        )
    )
    rows, stuck = [], set()
    for ident, stage, due, sent, answered, synced in raw_rows(session, query):
        handoff = HandoffTimes(stage, instant(due), instant(sent), instant(answered), instant(synced))
        sides = handoff_sides(handoff, now, policy)
        if "stuck" in sides:
            stuck.add(ident)
        if side in sides:
            late = (now if handoff.answered_at is None else handoff.answered_at) - handoff.due_at
            rows.append((-late.total_seconds(), handoff.due_at, ident, _minutes(late)))
    rows.sort()
    return [(ident, minutes) for _, _, ident, minutes in rows], stuck


# ---------------------------------------------------------------- what a key names


def agent_id(login: str) -> int | None:
    found = list(as_tuples(Agent.select(Agent.id).where(Agent.login == login)))
    return found[0][0] if found else None


def departments() -> set[str]:
    return {name for (name,) in as_tuples(Department.select(Department.name))}


def category_counts(period: Period) -> dict[str, int]:
    """The period's tickets by category, as the Categories sheet counts them."""
    query = (
        Ticket.select(Ticket.category, fn.COUNT(Ticket.id))
        .where(received_in(period))
        .group_by(Ticket.category)
    )
    return dict(as_tuples(query))


def display_names() -> dict[str, str]:
    return dict(as_tuples(Agent.select(Agent.login, Agent.display_name)))
