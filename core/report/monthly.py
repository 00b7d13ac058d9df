"""The monthly callback work report (回访工作报告, issue 17), a pure read of the floor.

    figures = monthly_figures(session, "2026-11")   # None: the last full month
    print(json.dumps(figures.as_json(), ensure_ascii=False))

Terms
-----
- **month**: a calendar month ("2026-11"), the 1st 00:00 to the next 1st 00:00 in the
  floor's time zone (core.report.month); an instant t is in it when from <= t < to. No month
  given means the last full month; a month that has not begun is refused; the current month
  is allowed and its figures are as of now.
- **as of**: every figure is computed at the moment of the report, as the weekly ones are;
  the follow-up state of a low score is the one recorded now.
- **attempt**: one try at a callback, as the agent logged it (core.callbacks: the call ended
  done, customer busy, unreachable or refused), at the moment it was logged. An imported
  callback record is one attempt, logged at its completion time by its agent (by whoever
  imported it when the record names none).
- **done callbacks of the month**: callbacks with status done and completed_at in the month:
  the weekly report's definition over a month.

The figures (the floor's, and the same per agent)
-------------------------------------------------
- ``calls_made``: the attempts logged in the month.
- ``calls_reached``: of those, the ones where the customer answered: done, busy or refused
  (an unreachable attempt is not reached).
- ``callbacks_done``: the month's done callbacks, every group (a supervisor's low-score
  follow-up included), as the weekly callbacks_done.
- ``satisfaction_avg``: the mean overall score of the month's done callbacks that have one,
  rounded half up to 2 places (the weekly definition); null when none has one.
  ``efficiency_avg``, ``solving_avg``, ``attitude_avg``: the same over each dimension's
  score (服务效率, 问题解决能力, 态度友好度), of the callbacks that have that score.
- ``low_scores``: of the month's done callbacks, those with an overall score at or below the
  policy's callbacks.low_score_max (the weekly definition).
- ``low_score_follow_up`` {state: count}: those low scores by their follow-up state now (the
  low-scored callback's follow_up_status): open (the supervisor's follow-up is booked and
  not ended), done (the supervisor's call was made), refused or unreachable (it ended so);
  the four always, 0 when none; then any other state an import wrote, as written, and
  "none" for a low score with no state recorded. The counts add up to low_scores.
- ``suggestions``: of the month's done callbacks, those that collected a suggestion (改进建议:
  the answer to a script question whose id begins with improve or suggest, or an imported
  suggestion), not blank.
- ``warmth_rate``: of the month's done callbacks that answered the warmth question, the
  share that said yes (the weekly definition).

For the floor only
------------------
- ``satisfaction_prev``: satisfaction_avg of the previous calendar month;
  ``satisfaction_change``: satisfaction_avg - satisfaction_prev of the two rounded figures,
  2 places; null when either is null (the weekly definitions, month on month).
- ``weeks`` [{week, from, to, callbacks_done, satisfaction_avg}]: the month's satisfaction
  trend: the ISO weeks that overlap the month, each clipped to it (from, to: the clipped
  bounds), oldest first; in the current month only the weeks begun by now. callbacks_done
  and satisfaction_avg are the definitions above over the clipped week, so the weeks'
  callbacks_done add up to the month's.
- ``low_score_callbacks`` [{callback, completed_at, agent, group, ticket, overall,
  follow_up_status}]: the low scores themselves, in order of completion: which callbacks
  (and tickets) are behind the number.
- ``agents`` [{login, calls_made, ...}], by login: every login that logged an attempt in the
  month or owns (now) one of the month's done callbacks. calls_made and calls_reached count
  the attempts the agent logged; every other figure the done callbacks the agent owns (the
  weekly report's attribution). A done callback nobody owns (a survey) counts for the floor
  only, so the floor's callbacks_done may exceed its calls_reached.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from peewee import fn

from core.floor import Session, reading
from core.policy import Policy
from core.report.figures import (
    CallbackTally,
    agent_logins,
    callback_counts,
    change,
    completed_in,
    count_where,
    ratio,
    satisfaction_in,
)
from core.report.month import Month, resolve_month
from core.report.monthly_rows import NO_FOLLOW_UP, LowScoreRow, done_in, low_score_rows, suggested
from core.report.period import Span
from db.connection import snapshot
from db.models import Callback, CallbackAttempt
from db.rows import as_tuples

REACHED = ("done", "busy", "refused")
"""Attempt outcomes where the customer answered."""
FOLLOW_UP_STATES = ("open", "done", "refused", "unreachable")
"""The follow-up states every report lists, 0 when none."""
DIMENSIONS = ("efficiency", "solving", "attitude")
"""The scores besides overall, averaged like it."""


@dataclass(frozen=True)
class CallbackWork:
    """One agent's (or the floor's) callback work in a month; see the module's docstring."""

    calls_made: int
    calls_reached: int
    callbacks_done: int
    satisfaction_avg: float | None
    efficiency_avg: float | None
    solving_avg: float | None
    attitude_avg: float | None
    low_scores: int
    low_score_follow_up: dict[str, int]
    suggestions: int
    warmth_rate: float | None

    def as_json(self) -> dict:
        return {
            "calls_made": self.calls_made,
            "calls_reached": self.calls_reached,
            "callbacks_done": self.callbacks_done,
            "satisfaction_avg": self.satisfaction_avg,
            "efficiency_avg": self.efficiency_avg,
            "solving_avg": self.solving_avg,
            "attitude_avg": self.attitude_avg,
            "low_scores": self.low_scores,
            "low_score_follow_up": dict(self.low_score_follow_up),
            "suggestions": self.suggestions,
            "warmth_rate": self.warmth_rate,
        }


@dataclass(frozen=True)
class AgentWork:
    login: str
    work: CallbackWork


@dataclass(frozen=True)
class WeekPoint:
    """One week of the month's satisfaction trend (the week clipped to the month)."""

    span: Span
    callbacks_done: int
    satisfaction_avg: float | None


@dataclass(frozen=True)
class MonthFigures:
    """One month's figures as of one moment; see the module's docstring for each definition."""

    month: Month
    as_of: datetime
    floor: CallbackWork
    satisfaction_prev: float | None
    satisfaction_change: float | None
    weeks: tuple[WeekPoint, ...]
    low_score_callbacks: tuple[LowScoreRow, ...]
    agents: tuple[AgentWork, ...]

    def as_json(self) -> dict:
        """The figures under the names of the module's docstring; times in ISO 8601 with the
        floor's UTC offset; rates and averages with nothing to divide by are None (null)."""
        tz = self.month.tz
        floor = self.floor.as_json()
        return {
            "month": self.month.label,
            "from": self.month.local_start.isoformat(),
            "to": self.month.local_end.isoformat(),
            "as_of": self.as_of.astimezone(tz).isoformat(),
            **floor,
            "satisfaction_prev": self.satisfaction_prev,
            "satisfaction_change": self.satisfaction_change,
            "weeks": [
                {
                    "week": point.span.label,
                    "from": point.span.local_start.isoformat(),
                    "to": point.span.local_end.isoformat(),
                    "callbacks_done": point.callbacks_done,
                    "satisfaction_avg": point.satisfaction_avg,
                }
                for point in self.weeks
            ],
            "low_score_callbacks": [
                {
                    "callback": row.callback,
                    "completed_at": row.completed_at.astimezone(tz).isoformat(),
                    "agent": row.agent,
                    "group": row.group,
                    "ticket": row.ticket,
                    "overall": row.overall,
                    "follow_up_status": row.follow_up_status,
                }
                for row in self.low_score_callbacks
            ],
            "agents": [{"login": a.login, **a.work.as_json()} for a in self.agents],
        }


# ---------------------------------------------------------------- tallies


@dataclass
class _Tally:
    """Counts over one agent's (or the floor's) attempts and done callbacks."""

    made: int = 0
    reached: int = 0
    done: CallbackTally = field(default_factory=CallbackTally)
    """The weekly report's tally: done, overall, low scores, warmth."""
    dimensions: dict[str, list[int]] = field(default_factory=lambda: {d: [0, 0] for d in DIMENSIONS})
    """dimension -> [sum, how many scored]."""
    follow_up: Counter = field(default_factory=Counter)
    """follow-up state -> low scores."""
    suggestions: int = 0

    def add_done(self, follow_up: str | None, row) -> None:
        """row: _done_groups' counts after the status, owner and follow-up state."""
        weekly, rest = row[:6], row[6:]
        self.done.add(weekly)
        for n, dimension in enumerate(DIMENSIONS):
            self.dimensions[dimension][0] += rest[2 * n] or 0
            self.dimensions[dimension][1] += rest[2 * n + 1] or 0
        if weekly[3]:
            self.follow_up[follow_up or NO_FOLLOW_UP] += weekly[3]
        self.suggestions += rest[-1] or 0

    def work(self) -> CallbackWork:
        averages = {d: ratio(total, scored, 2) for d, (total, scored) in self.dimensions.items()}
        states = {state: self.follow_up.get(state, 0) for state in FOLLOW_UP_STATES}
        others = sorted(s for s in self.follow_up if s not in FOLLOW_UP_STATES and s != NO_FOLLOW_UP)
        states |= {s: self.follow_up[s] for s in others}
        if self.follow_up.get(NO_FOLLOW_UP):
            states[NO_FOLLOW_UP] = self.follow_up[NO_FOLLOW_UP]
        return CallbackWork(
            calls_made=self.made,
            calls_reached=self.reached,
            callbacks_done=self.done.done,
            satisfaction_avg=self.done.satisfaction,
            efficiency_avg=averages["efficiency"],
            solving_avg=averages["solving"],
            attitude_avg=averages["attitude"],
            low_scores=self.done.low,
            low_score_follow_up=states,
            suggestions=self.suggestions,
            warmth_rate=self.done.warmth_rate,
        )


def _done_groups(month: Month, policy: Policy):
    """The callbacks finished in the month, in SQL, per status, owner and follow-up state:
    the weekly report's counts (callback_counts), each dimension's sum and count, and the
    suggestions collected. (The status is grouped on, not filtered: the WHERE keeps to the
    completed_at index, as the weekly report's does.)"""
    dimensions = []
    for name in DIMENSIONS:
        score = getattr(Callback, name)
        dimensions += [fn.SUM(score), fn.COUNT(score)]
    return as_tuples(
        Callback.select(
            Callback.status,
            Callback.owner,
            Callback.follow_up_status,
            *callback_counts(policy),
            *dimensions,
            count_where(suggested()),
        )
        .where(completed_in(month))
        .group_by(Callback.status, Callback.owner, Callback.follow_up_status)
    )


def _attempts(month: Month):
    """(login, attempts, reached) of the attempts logged in the month."""
    return as_tuples(
        CallbackAttempt.select(
            CallbackAttempt.agent,
            fn.COUNT(CallbackAttempt.id),
            count_where(CallbackAttempt.outcome.in_(REACHED)),
        )
        .where((CallbackAttempt.at >= month.start) & (CallbackAttempt.at < month.end))
        .group_by(CallbackAttempt.agent)
    )


def _done_count(span: Span) -> int:
    return Callback.select(fn.COUNT(Callback.id)).where(done_in(span)).scalar() or 0


# ---------------------------------------------------------------- the read


@reading
def monthly_figures(session: Session, month: str | Month | None = None) -> MonthFigures:
    """The month's callback work as of now (month: "2026-11", a Month, or None for the last
    full month). InvalidInput for a month that is not one or has not begun."""
    session.require_agent()
    now, policy = session.now(), session.policy
    the_month = resolve_month(month, now, policy.calendar.tz)
    floor = _Tally()
    by_login: dict[str, _Tally] = {}
    with snapshot(session.db):  # one read snapshot: the figures agree with each other
        by_owner: dict[int, _Tally] = {}
        for status, owner, follow_up, *counts in _done_groups(the_month, policy):
            if status != "done":
                continue
            floor.add_done(follow_up, counts)
            if owner is not None:
                by_owner.setdefault(owner, _Tally()).add_done(follow_up, counts)
        for owner, login in agent_logins(by_owner).items():
            by_login[login] = by_owner[owner]
        for login, made, reached in _attempts(the_month):
            tally = by_login.setdefault(login, _Tally())
            tally.made, tally.reached = made, reached or 0
            floor.made += made
            floor.reached += reached or 0
        previous = satisfaction_in(the_month.previous)
        weeks = tuple(
            WeekPoint(span, _done_count(span), satisfaction_in(span)) for span in the_month.weeks(now)
        )
        lows = tuple(low_score_rows(session, the_month))
    work = floor.work()
    return MonthFigures(
        month=the_month,
        as_of=now,
        floor=work,
        satisfaction_prev=previous,
        satisfaction_change=change(work.satisfaction_avg, previous),
        weeks=weeks,
        low_score_callbacks=lows,
        agents=tuple(AgentWork(login, by_login[login].work()) for login in sorted(by_login)),
    )
