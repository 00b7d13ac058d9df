"""The weekly report's "Improvements" part (issue 23): the improvement actions opened, due,
late, done and closed in the week, and for each action closed by the week's end (within
CLOSED_LOOK_BACK weeks) its expected figure against the one measured over the full weeks
since it closed.

Definitions (a week is the report's Week: Monday 00:00 to Monday 00:00, floor time):
- opened: created in the week; due: its deadline falls in the week; done: marked done in the
  week (its last time); closed: closed in the week.
- late: overdue at some moment of the week: its deadline passed before the week's end, it was
  not finished (done, or closed by hand) by its deadline, and not yet finished when the week
  began.
- measured: the action's problem in the tickets received in each full week after the one it
  closed in, up to the report's week: a category (and sub-tag) by the tickets' own category,
  a phrase alone by the tickets whose description says it (case and width folded). A share is
  the matching tickets over all received in those weeks together; a count is their number a
  week. No full week since: not measured yet (None).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, tzinfo

from peewee import fn

from core.floor import Session
from core.improvement import STATUS_WORDS, Expected
from core.report.drill_lists import Listed
from core.report.drill_rows import Say
from core.report.figures import ratio, received_in
from core.report.week import Week
from db.models import Agent, Department, ImprovementAction, Ticket
from db.rows import as_tuples

CLOSED_LOOK_BACK = 13
"""Closed actions are followed for a quarter of weeks after they close."""
MEASURE_WEEKS = 8
"""At most this many weeks are measured (the most recent ones)."""
COUNTS = ("opened", "due", "late", "done", "closed")


@dataclass(frozen=True)
class ActionLine:
    number: int
    title: str
    status: str
    department: str
    owner: str
    due_at: datetime
    flags: tuple[str, ...]
    """Which of COUNTS it is in, this week."""
    expected: Expected
    problem: tuple[str | None, str | None, str | None]
    """Its category, sub-tag and phrase (each may be None)."""


@dataclass(frozen=True)
class ClosedResult:
    number: int
    title: str
    department: str
    owner: str
    due_at: datetime
    closed_at: datetime
    expected: Expected
    problem: tuple[str | None, str | None, str | None]
    weeks: tuple[str, ...]
    """The weeks measured ("2026-W49", ...), oldest first; empty: not measured yet."""
    matching: int
    received: int
    measured: float | None
    """A share (0..1) or a count a week; None when no full week has passed since it closed."""

    @property
    def met(self) -> bool | None:
        return None if self.measured is None else self.expected.met_by(self.measured)

    def as_json(self, tz: tzinfo) -> dict:
        """Times in floor time, as the report's JSON gives them."""

        def local(at: datetime) -> str:
            return at.astimezone(tz).isoformat()

        return {
            "number": self.number,
            "title": self.title,
            "department": self.department,
            "owner": self.owner,
            "closed_at": local(self.closed_at),
            "expected": {
                "measure": self.expected.measure,
                "op": self.expected.op,
                "value": self.expected.value,
            },
            "weeks": list(self.weeks),
            "matching_tickets": self.matching,
            "received_tickets": self.received,
            "measured": self.measured,
            "met": self.met,
        }


@dataclass(frozen=True)
class Improvements:
    counts: dict[str, int]
    actions: tuple[ActionLine, ...]
    """The week's actions: each in at least one of COUNTS, or still open or late at its end."""
    closed: tuple[ClosedResult, ...]

    def as_json(self, tz: tzinfo) -> dict:
        return {
            **self.counts,
            "actions": [
                {
                    "number": a.number,
                    "title": a.title,
                    "status": a.status,
                    "department": a.department,
                    "owner": a.owner,
                    "due_at": a.due_at.astimezone(tz).isoformat(),
                    "in": list(a.flags),
                }
                for a in self.actions
            ],
            "closed_results": [c.as_json(tz) for c in self.closed],
        }


def _flags(a: ImprovementAction, week: Week) -> tuple[str, ...]:
    start, end = week.start, week.end
    flags = []
    if start <= a.created_at < end:
        flags.append("opened")
    if start <= a.due_at < end:
        flags.append("due")
    # finished: done, or closed by hand without being done (dropped)
    finished = min((t for t in (a.done_at, a.closed_at) if t is not None), default=None)
    in_time = finished is not None and finished <= a.due_at
    if a.created_at < end and a.due_at < end and not in_time and (finished is None or finished >= start):
        flags.append("late")
    if a.done_at is not None and start <= a.done_at < end:
        flags.append("done")
    if a.closed_at is not None and start <= a.closed_at < end:
        flags.append("closed")
    return tuple(flags)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _matching(action: ImprovementAction, week: Week) -> tuple[int, int]:
    """(tickets matching the action's problem, tickets received) in the week."""
    received = Ticket.select(fn.COUNT(Ticket.id)).where(received_in(week)).scalar() or 0
    if action.category:
        condition = received_in(week) & (Ticket.category == action.category)
        if action.subtag:
            condition &= Ticket.subtag == action.subtag
        return Ticket.select(fn.COUNT(Ticket.id)).where(condition).scalar() or 0, received
    wanted = _fold(action.phrase or "")
    said = sum(
        1
        for (text,) in as_tuples(Ticket.select(Ticket.description).where(received_in(week)))
        if wanted and wanted in _fold(text or "")
    )
    return said, received


def _weeks_after(closed_at: datetime, week: Week, tz, now: datetime) -> list[Week]:
    """The full weeks after the one closed_at falls in, up to the report's week and never one
    still under way at now; the last MEASURE_WEEKS of them."""
    current = Week.of_date(closed_at.astimezone(tz).date(), tz).shifted(1)
    weeks = []
    while current.start < week.end and current.end <= now:
        weeks.append(current)
        current = current.shifted(1)
    return weeks[-MEASURE_WEEKS:]


def closed_result(action: ImprovementAction, week: Week, tz, now: datetime) -> ClosedResult:
    expected = Expected(action.expect_measure, action.expect_op, action.expect_value)
    weeks = _weeks_after(action.closed_at, week, tz, now)
    matching = received = 0
    for w in weeks:
        m, r = _matching(action, w)
        matching, received = matching + m, received + r
    if not weeks:
        measured = None
    elif expected.measure == "share":
        measured = ratio(matching, received)
    else:
        measured = round(matching / len(weeks), 2)
    return ClosedResult(
        action.id,
        action.title,
        action.department.name,
        action.owner.login,
        action.due_at,
        action.closed_at,
        expected,
        (action.category, action.subtag, action.phrase),
        tuple(w.label for w in weeks),
        matching,
        received,
        measured,
    )


def improvements_in(session: Session, week: Week) -> Improvements:
    """The week's Improvements part; read inside the report's snapshot."""
    tz = session.policy.calendar.tz
    query = (
        ImprovementAction.select(ImprovementAction, Department.name, Agent.login)
        .join(Department, on=(ImprovementAction.department == Department.id))
        .switch(ImprovementAction)
        .join(Agent, on=(ImprovementAction.owner == Agent.id))
        .where(ImprovementAction.created_at < week.end)
        .order_by(ImprovementAction.id)
    )
    counts = dict.fromkeys(COUNTS, 0)
    lines, closed = [], []
    look_back = week.shifted(-CLOSED_LOOK_BACK).start
    for a in query:
        flags = _flags(a, week)
        for flag in flags:
            counts[flag] += 1
        if flags:
            lines.append(
                ActionLine(
                    a.id,
                    a.title,
                    a.status,
                    a.department.name,
                    a.owner.login,
                    a.due_at,
                    flags,
                    Expected(a.expect_measure, a.expect_op, a.expect_value),
                    (a.category, a.subtag, a.phrase),
                )
            )
        if a.status == "closed" and a.closed_at is not None and look_back <= a.closed_at < week.end:
            closed.append(closed_result(a, week, tz, session.now()))
    return Improvements(counts, tuple(lines), tuple(closed))


# ---------------------------------------------------------------- the report screen's drill-down


def actions_in(week: Week, flag: str) -> Listed:
    """The actions in one of COUNTS this week (the drill-down's rows: ids, by number)."""
    query = (
        ImprovementAction.select()
        .where(ImprovementAction.created_at < week.end)
        .order_by(ImprovementAction.id)
    )
    return [(a.id, None) for a in query if flag in _flags(a, week)]


def measured_tickets(session: Session, week: Week, number: int) -> Listed:
    """The tickets behind a closed action's measured figure: its problem's tickets received in
    the weeks measured (closed_result's), in order of receipt."""
    action = ImprovementAction.get_or_none(ImprovementAction.id == number)
    if action is None or action.closed_at is None:
        return []
    tz = session.policy.calendar.tz
    weeks = _weeks_after(action.closed_at, week, tz, session.now())
    found: Listed = []
    for w in weeks:
        query = (
            Ticket.select(Ticket.id, Ticket.description)
            .where(received_in(w))
            .order_by(Ticket.received_at, Ticket.id)
        )
        if action.category:
            query = query.where(Ticket.category == action.category)
            query = query.where(Ticket.subtag == action.subtag) if action.subtag else query
            found += [(ident, None) for ident, _ in as_tuples(query)]
        else:
            wanted = _fold(action.phrase or "")
            found += [
                (ident, None) for ident, text in as_tuples(query) if wanted and wanted in _fold(text or "")
            ]
    return found


def action_rows(say: Say, page: Listed, now: datetime) -> list[tuple]:
    """(kind, ident, ref, at, who, what, detail, value) of the page's actions, in its order: the
    detail is its status, its deadline and LATE while it is past it and not done."""
    ids = [ident for ident, _ in page]
    query = (
        ImprovementAction.select(ImprovementAction, Agent.login)
        .join(Agent, on=(ImprovementAction.owner == Agent.id))
        .where(ImprovementAction.id.in_(ids))
    )
    by_id = {a.id: a for a in query}
    d = say.d
    out = []
    for ident in ids:
        a = by_id[ident]
        overdue = a.status in ("open", "in_progress") and a.due_at < now
        detail = say.join(
            [
                d.pick(STATUS_WORDS, a.status),
                d("action.due", when=say.at(a.due_at)),
                d("action.late") if overdue else "",
            ]
        )
        out.append(("action", a.id, None, a.due_at, a.owner.login, a.title, detail, None))
    return out


__all__ = [
    "COUNTS",
    "ActionLine",
    "ClosedResult",
    "Improvements",
    "action_rows",
    "actions_in",
    "closed_result",
    "improvements_in",
    "measured_tickets",
]
