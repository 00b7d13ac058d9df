"""The weekly report's figures (docs/floor.md "The weekly report", issue 6), a pure read of the floor.

Terms
-----
- **week**: an ISO week ("2026-W47"), Monday 00:00 to the next Monday 00:00 in the floor's
  time zone (the policy's floor.timezone); an instant t is in the week when
  from <= t < to. No week given means the last full week. A week that has not begun is
  refused; the current week is allowed and its figures are as of now.
- **as of**: every figure is computed at the moment of the report (the session's clock),
  so a past week's figures can still move while its tickets are worked.
- **week's tickets**: tickets whose received_at is in the week.
- **resolved**: a ticket whose status now is resolved or closed (a reopened ticket is not,
  until it is resolved again).
- **answered**: a ticket with a first response (first_response_at set): the first outbound
  contact, which includes setting the ticket waiting on the customer (what was asked is
  said to them) and telling the customer a department's answer (a handoff synced).
- **paused**: a ticket whose solution clock stands still now (paused_at set: waiting on the
  customer, 待客户回复, or, when the policy says so, on a department). When the clock runs
  again (the customer gets in touch, the wait ends, the ticket is resolved) its solution due
  time (solution_due_at) is moved on by the working time the pause held, so the due time
  read as of now already includes every ended pause. The response clock never pauses.
- **wait**: from receipt to the first response; for a ticket still unanswered, from receipt
  to as of (the wait so far). A first response stamped before receipt (imported records)
  is a wait of 0.
- **done callbacks of a week**: callbacks with status done and completed_at in the week.
- **rate**: a fraction 0-1 rounded half up to 4 places. A rate whose denominator is 0 is
  null (None), not 0 and not an error: "no tickets were answered" is not "0% answered
  in target". An empty week gives zero counts and null rates, never an error.

The figures
-----------
- ``received``: the week's tickets. ``by_channel`` {channel: count}: every channel of the
  policy (0 when none came that way), then any other channel found on the week's tickets;
  the counts add up to received.
- ``resolution_rate``: week's tickets resolved / week's tickets.
- ``fcr_rate`` (first-contact resolution): of the week's resolved tickets, those never
  reopened (reopened_count = 0) and with at most one inbound contact
  (inbound_contacts <= 1).
- ``first_response_in_target_rate``: of the week's tickets that were answered or whose
  response due time has passed as of now (response_due_at < as of), those answered by the
  due time (first_response_at <= response_due_at). A ticket unanswered and not yet due is
  left out. A pause does not move the response due time; setting a ticket waiting and
  telling the customer a department's answer are responses (they stamp first_response_at
  when there was none), so a ticket first answered that way is in target when that
  happened by its response due time.
- ``solution_in_target_rate``: of the week's tickets that are resolved, or whose solution
  due time has passed as of now while their clock runs (not resolved, not paused,
  solution_due_at < as of), those resolved by their solution due time
  (resolved_at <= solution_due_at). The due time is the one moved on by the ticket's ended
  pauses (working time, by the policy's calendar), so the time the floor waited on the
  customer does not count against it; a ticket resolved while waiting had its clock
  restarted first (its due time moved on by the pause up to the resolution) and is judged
  against that. A ticket paused now is left out whatever its original due time (the
  pause's length is not known yet), as is one not yet due. A reopened ticket counts as an
  open one (reopening clears resolved_at, not the due time) until it is resolved again,
  and then by that resolution.
- ``waited_over_1h_rate``: week's tickets whose wait is more than 60 minutes (answered more
  than 60 min after receipt, or unanswered more than 60 min after receipt as of now) /
  week's tickets.
- ``longest_wait_minutes``: the longest wait among all the week's tickets (over an hour or
  not), in whole minutes rounded down; 0 for an empty week.
- ``satisfaction_avg``: the mean overall score of the week's done callbacks that have an
  overall score, rounded half up to 2 places; null when none has one.
  ``satisfaction_prev``: the same for the previous ISO week. ``satisfaction_change``:
  satisfaction_avg - satisfaction_prev of the two rounded figures (so it agrees with what
  the reader sees), 2 places; null when either is null.
- ``top_categories`` [{category, count, share}]: the three categories with the most of the
  week's tickets (fewer when fewer had any), most first, ties by the category's id
  (its name in the data: "efficiency" before "quality"), whatever the display language;
  share = count / week's tickets, 4 places.
- ``handoffs`` {department: {total, on_time, late, stuck}}: handoffs whose due_at is in
  the week, per department of the directory (every active department, 0s when it had none,
  plus any inactive one that had some). on_time: answered at or before due_at. late:
  answered after due_at, or unanswered with due_at before as of. A handoff unanswered and
  not yet due counts in total only. stuck: the board's rule (core.handoffs.lifecycle.handoff_clock)
  as of now: not yet synced to the customer and no stage change for the policy's
  handoff.stuck_after; stuck overlaps on_time and late.
- ``callbacks_done``: the week's done callbacks, every group (a supervisor's low-score
  follow-up included). ``low_scores``: those with an overall score at or below the
  policy's callbacks.low_score_max (2 by default). ``warmth_rate``: of those that answered
  the warmth question (warm not null), the share that said yes.
- ``agents`` [{login, tickets_owned, first_response_in_target_rate,
  solution_in_target_rate, resolved, fcr_rate, callbacks_done, satisfaction_avg,
  warmth_rate}], sorted by login: every agent who owns one of the week's tickets (owner as
  of now) or owns one of the week's done callbacks. tickets_owned: the week's tickets they
  own; resolved: of those, resolved; first_response_in_target_rate,
  solution_in_target_rate and fcr_rate: the floor's definitions over the tickets they
  own; callbacks_done, satisfaction_avg, warmth_rate: the floor's definitions over the
  week's done callbacks they own. Unowned tickets and callbacks count for the floor only.

``WeekFigures.as_json()`` gives these under exactly these names, plus "week" ("2026-W47"),
"from" and "to" (the week's bounds, ISO 8601 with the floor's UTC offset) and "as_of".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple, overload

from peewee import JOIN, Case, Cast, fn

from core.basics import InvalidInput
from core.floor import Session, reading, storage_problems
from core.handoffs import handoff_clock
from core.policy import Policy
from core.report.period import Period
from core.report.week import Week, resolve_week
from db.connection import is_sqlite, snapshot
from db.models import Agent, Callback, Customer, Department, Handoff, Ticket
from db.rows import as_tuples, count_where

RESOLVED_STATUSES = ("resolved", "closed")
LONG_WAIT = timedelta(minutes=60)
TOP_CATEGORIES = 3
TREND_WEEKS = 8
_UTC = UTC


# ---------------------------------------------------------------- the figures as values


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    count: int


@dataclass(frozen=True)
class CategoryCount:
    category: str
    count: int
    share: float | None  # count / week's tickets


@dataclass(frozen=True)
class DepartmentHandoffs:
    department: str
    total: int
    on_time: int
    late: int
    stuck: int


@dataclass(frozen=True)
class AgentFigures:
    login: str
    tickets_owned: int
    first_response_in_target_rate: float | None
    solution_in_target_rate: float | None
    resolved: int
    fcr_rate: float | None
    callbacks_done: int
    satisfaction_avg: float | None
    warmth_rate: float | None


@dataclass(frozen=True)
class WeekFigures:
    """One week's figures as of one moment; see the module's docstring for each definition."""

    week: Week
    as_of: datetime
    received: int
    by_channel: tuple[ChannelCount, ...]
    resolution_rate: float | None
    fcr_rate: float | None
    first_response_in_target_rate: float | None
    solution_in_target_rate: float | None
    waited_over_1h_rate: float | None
    longest_wait_minutes: int
    satisfaction_avg: float | None
    satisfaction_prev: float | None
    satisfaction_change: float | None
    top_categories: tuple[CategoryCount, ...]
    handoffs: tuple[DepartmentHandoffs, ...]
    callbacks_done: int
    low_scores: int
    warmth_rate: float | None
    agents: tuple[AgentFigures, ...]

    def as_json(self) -> dict:
        """The figures under the issue's names; rates with no denominator are None (null)."""
        tz = self.week.tz
        return {
            "week": self.week.label,
            "from": self.week.local_start.isoformat(),
            "to": self.week.local_end.isoformat(),
            "as_of": self.as_of.astimezone(tz).isoformat(),
            "received": self.received,
            "by_channel": {c.channel: c.count for c in self.by_channel},
            "resolution_rate": self.resolution_rate,
            "fcr_rate": self.fcr_rate,
            "first_response_in_target_rate": self.first_response_in_target_rate,
            "solution_in_target_rate": self.solution_in_target_rate,
            "waited_over_1h_rate": self.waited_over_1h_rate,
            "longest_wait_minutes": self.longest_wait_minutes,
            "satisfaction_avg": self.satisfaction_avg,
            "satisfaction_prev": self.satisfaction_prev,
            "satisfaction_change": self.satisfaction_change,
            "top_categories": [
                {"category": c.category, "count": c.count, "share": c.share} for c in self.top_categories
            ],
            "handoffs": {
                d.department: {"total": d.total, "on_time": d.on_time, "late": d.late, "stuck": d.stuck}
                for d in self.handoffs
            },
            "callbacks_done": self.callbacks_done,
            "low_scores": self.low_scores,
            "warmth_rate": self.warmth_rate,
            "agents": [
                {
                    "login": a.login,
                    "tickets_owned": a.tickets_owned,
                    "first_response_in_target_rate": a.first_response_in_target_rate,
                    "solution_in_target_rate": a.solution_in_target_rate,
                    "resolved": a.resolved,
                    "fcr_rate": a.fcr_rate,
                    "callbacks_done": a.callbacks_done,
                    "satisfaction_avg": a.satisfaction_avg,
                    "warmth_rate": a.warmth_rate,
                }
                for a in self.agents
            ],
        }


def ratio(part: int, whole: int, places: int = 4) -> float | None:
    """part / whole rounded half up to `places` (exactly, not by binary floats); None when
    whole is 0."""
    if not whole:
        return None
    exact = Decimal(part) / Decimal(whole)
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def change(avg: float | None, prev: float | None) -> float | None:
    """avg - prev of two rounded averages, 2 places; None when either is None."""
    if avg is None or prev is None:
        return None
    return float((Decimal(str(avg)) - Decimal(str(prev))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------- tallies


@dataclass
class _Tickets:
    """Counts over a set of the week's tickets (the floor's, or one agent's)."""

    received: int = 0
    resolved: int = 0
    first_contact: int = 0
    response_counted: int = 0
    response_met: int = 0
    solution_counted: int = 0
    solution_met: int = 0

    def add(self, row) -> None:
        self.received += row[0]
        self.resolved += row[1] or 0
        self.first_contact += row[2] or 0
        self.response_counted += row[3] or 0
        self.response_met += row[4] or 0
        self.solution_counted += row[5] or 0
        self.solution_met += row[6] or 0

    @property
    def response_rate(self) -> float | None:
        return ratio(self.response_met, self.response_counted)

    @property
    def solution_rate(self) -> float | None:
        return ratio(self.solution_met, self.solution_counted)


TICKET_COUNTS = 7
"""How many counts _ticket_groups gives per group before SQLite's two wait columns."""


@dataclass
class CallbackTally:
    """Counts over a period's done callbacks (the floor's, or one agent's), from the
    columns of callback_counts in their order."""

    done: int = 0
    score_sum: int = 0
    scored: int = 0
    low: int = 0
    warmth_answered: int = 0
    warm: int = 0

    def add(self, row) -> None:
        self.done += row[0]
        self.score_sum += row[1] or 0
        self.scored += row[2] or 0
        self.low += row[3] or 0
        self.warmth_answered += row[4] or 0
        self.warm += row[5] or 0

    @property
    def satisfaction(self) -> float | None:
        return ratio(self.score_sum, self.scored, 2)

    @property
    def warmth_rate(self) -> float | None:
        return ratio(self.warm, self.warmth_answered)


def received_in(period: Period):
    """SQL: the ticket was received in the period (the period's tickets)."""
    return (Ticket.received_at >= period.start) & (Ticket.received_at < period.end)


def completed_in(period: Period):
    """SQL: the callback was finished in the period (done, refused or given up)."""
    return (Callback.completed_at >= period.start) & (Callback.completed_at < period.end)


def low_score(policy: Policy):
    """SQL: the callback's overall score is at or below the policy's low_score_max."""
    return Callback.overall.is_null(False) & (Callback.overall <= policy.callbacks.low_score_max)


def callback_counts(policy: Policy) -> list:
    """SQL aggregates over a group of done callbacks, in CallbackTally.add's order: how many,
    the sum and the number of overall scores, the low scores, the warmth answers and the yeses."""
    return [
        fn.COUNT(Callback.id),
        fn.SUM(Callback.overall),
        fn.COUNT(Callback.overall),
        count_where(low_score(policy)),
        fn.COUNT(Callback.warm),
        count_where(Callback.warm == True),  # noqa: E712  (peewee builds SQL from ==)
    ]


def wait_seconds(session: Session, now: datetime):
    """The wait in whole seconds as an SQL expression on SQLite (instants stored as text);
    None on other engines, where _waits streams the two columns instead. julianday() is the
    fastest date function SQLite has, and its float days are off by at most ~50 us at
    today's dates: rounded to whole seconds, the difference of two stored instants (whole
    seconds) is exact, so a wait of exactly 60 minutes is never "over an hour"."""
    if not is_sqlite(session.db):
        return None
    as_of = Ticket.received_at.db_value(now).strftime("%Y-%m-%d %H:%M:%S")  # the stored form of now
    days = fn.julianday(fn.COALESCE(Ticket.first_response_at, as_of)) - fn.julianday(Ticket.received_at)
    return Cast(fn.ROUND(days * 86400), "INTEGER")


class TicketTerms(NamedTuple):
    """SQL conditions on a ticket as of now, by the module's definitions; the figures count
    them (_ticket_groups, in _Tickets.add's order) and the report's drill-down lists them
    (core.report.drill), so a list and its figure are the same rows."""

    resolved: object
    first_contact: object
    """Resolved, never reopened, at most one inbound contact (fcr_rate's numerator)."""
    response_counted: object
    """Answered, or the response due time has passed (the response rate's denominator)."""
    response_met: object
    solution_counted: object
    """Resolved, or the solution due time has passed while the clock runs."""
    solution_met: object


def ticket_terms(now: datetime) -> TicketTerms:
    """The conditions of TicketTerms as of now."""
    resolved = Ticket.status.in_(RESOLVED_STATUSES)
    first_contact = resolved & (Ticket.reopened_count == 0) & (Ticket.inbound_contacts <= 1)
    answered = Ticket.first_response_at.is_null(False)
    response_counted = answered | (Ticket.response_due_at < now)
    response_met = answered & (Ticket.first_response_at <= Ticket.response_due_at)
    # The solution due time already carries every ended pause; a paused ticket is left out.
    overdue_running = (Ticket.solution_due_at < now) & Ticket.paused_at.is_null()
    solution_counted = resolved | overdue_running
    solution_met = resolved & (Ticket.resolved_at <= Ticket.solution_due_at)
    return TicketTerms(
        resolved, first_contact, response_counted, response_met, solution_counted, solution_met
    )


def _ticket_groups(session: Session, week: Week, now: datetime):
    """One pass over the week's tickets in SQL: the counts per (owner, channel, category)
    (TICKET_COUNTS of them, in _Tickets.add's order), and on SQLite also the tickets that
    waited over an hour and the longest wait (seconds)."""
    terms = ticket_terms(now)
    columns = [
        Ticket.owner,
        Ticket.channel,
        Ticket.category,
        fn.COUNT(Ticket.id),
        *(count_where(term) for term in terms),
    ]
    wait = wait_seconds(session, now)
    if wait is not None:
        columns += [count_where(wait > int(LONG_WAIT.total_seconds())), fn.MAX(wait)]
    return as_tuples(
        Ticket.select(*columns)
        .where(received_in(week))
        .group_by(Ticket.owner, Ticket.channel, Ticket.category)
    )


def _callback_groups(week: Week, policy: Policy):
    """The callbacks finished in the week, in SQL: the counts per status and owner. (Only the
    completion time is in the WHERE: with the status there too, SQLite walks every done
    callback on the status index instead of the week's on the completed_at one.)"""
    return as_tuples(
        Callback.select(Callback.status, Callback.owner, *callback_counts(policy))
        .where(completed_in(week))
        .group_by(Callback.status, Callback.owner)
    )


def _callbacks(week: Week, policy: Policy) -> tuple[CallbackTally, dict[int, CallbackTally]]:
    """The week's done callbacks: the floor's counts and each owner's."""
    floor = CallbackTally()
    by_owner: dict[int, CallbackTally] = {}
    for status, owner, *counts in _callback_groups(week, policy):
        if status != "done":
            continue
        floor.add(counts)
        if owner is not None:
            by_owner.setdefault(owner, CallbackTally()).add(counts)
    return floor, by_owner


def satisfaction_in(period: Period) -> float | None:
    """A period's satisfaction_avg alone (the previous week's, the trend's, a month's weeks'):
    no grouping."""
    done = Callback.status == "done"
    done_overall = Case(None, [(done, Callback.overall)])
    query = Callback.select(fn.SUM(done_overall), fn.COUNT(done_overall)).where(completed_in(period))
    [(total, scored)] = as_tuples(query)  # sums without GROUP BY: always exactly one row
    return ratio(total or 0, scored or 0, 2)


@overload
def instant(value: None) -> None: ...
@overload
def instant(value: str | datetime) -> datetime: ...
def instant(value: str | datetime | None) -> datetime | None:
    """A stored instant read raw from the driver (text on SQLite, a naive UTC datetime
    elsewhere) as an aware UTC datetime: much faster than the field's converter, for the
    50,000-ticket weeks."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=_UTC)
    return datetime.fromisoformat(value + "+00:00")  # 10x faster than .replace(tzinfo=...)


def raw_rows(session: Session, query):
    """The driver's cursor for query: rows as the driver gives them, no per-value conversion."""
    sql, params = query.sql()
    return session.db.execute_sql(sql, params)


def ticket_wait(received, answered, now: datetime) -> timedelta:
    """A ticket's wait from its receipt and first-response times as the driver gives them
    (to as of, when unanswered): how _waits sees it on engines other than SQLite."""
    return (now if answered is None else instant(answered)) - instant(received)


def _waits(session: Session, week: Week, now: datetime) -> tuple[int, int]:
    """(tickets that waited over an hour, the longest wait in whole seconds), by streaming the
    week's receipt and first-response times: the engine-neutral twin of wait_seconds."""
    query = Ticket.select(Ticket.received_at, Ticket.first_response_at).where(received_in(week))
    over, longest = 0, timedelta(0)
    for received, answered in raw_rows(session, query):
        wait = ticket_wait(received, answered, now)
        if wait > LONG_WAIT:
            over += 1
        if wait > longest:
            longest = wait
    return over, int(longest.total_seconds())


class HandoffTimes(NamedTuple):
    """What core.handoffs.lifecycle.handoff_clock reads of a handoff."""

    stage: str
    due_at: datetime
    sent_at: datetime
    answered_at: datetime | None
    synced_at: datetime | None


def handoff_sides(handoff: HandoffTimes, now: datetime, policy: Policy) -> list[str]:
    """What a handoff due in the week counts as, by the module's definition: "total", then
    "on_time" or "late" (or neither: unanswered and not yet due), then "stuck" when it is."""
    sides = ["total"]
    if handoff.answered_at is not None:
        sides.append("on_time" if handoff.answered_at <= handoff.due_at else "late")
    elif handoff.due_at < now:
        sides.append("late")
    if handoff_clock(handoff, now, policy).stuck:
        sides.append("stuck")
    return sides


def _handoffs(session: Session, week: Week, now: datetime, policy: Policy) -> tuple[DepartmentHandoffs, ...]:
    counts: dict[str, Counter] = {
        name: Counter()
        for (name,) in as_tuples(Department.select(Department.name).where(Department.active == True))  # noqa: E712
    }
    query = (
        Handoff.select(
            Department.name,
            Handoff.stage,
            Handoff.due_at,
            Handoff.sent_at,
            Handoff.answered_at,
            Handoff.synced_at,
        )
        .join(Department)
        .where((Handoff.due_at >= week.start) & (Handoff.due_at < week.end))
    )
    for department, stage, due, sent, answered, synced in raw_rows(session, query):
        handoff = HandoffTimes(stage, instant(due), instant(sent), instant(answered), instant(synced))
        counts.setdefault(department, Counter()).update(handoff_sides(handoff, now, policy))
    return tuple(
        DepartmentHandoffs(name, c["total"], c["on_time"], c["late"], c["stuck"])
        for name, c in sorted(counts.items())
    )


def _channels(counts: Counter, policy: Policy) -> tuple[ChannelCount, ...]:
    known = [c.id for c in policy.channels]
    others = sorted(set(counts) - set(known))
    return tuple(ChannelCount(channel, counts.get(channel, 0)) for channel in known + others)


def _top_categories(counts: Counter, received: int) -> tuple[CategoryCount, ...]:
    ranked = sorted(((n, category) for category, n in counts.items() if n), key=lambda p: (-p[0], p[1]))
    return tuple(CategoryCount(category, n, ratio(n, received)) for n, category in ranked[:TOP_CATEGORIES])


def agent_logins(ids) -> dict[int, str]:
    """Agent ids (None left out) -> their logins."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return {}
    return dict(as_tuples(Agent.select(Agent.id, Agent.login).where(Agent.id.in_(ids))))


# ---------------------------------------------------------------- the reads


@reading
def weekly_figures(session: Session, week: str | Week | None = None) -> WeekFigures:
    """The week's figures as of now (week: "2026-W47", a Week, or None for the last full
    week). InvalidInput for a week that is not one or has not begun."""
    session.require_agent()
    now, policy = session.now(), session.policy
    the_week = resolve_week(week, now, policy.calendar.tz)
    with snapshot(session.db):  # one read snapshot: the figures agree with each other
        floor = _Tickets()
        by_owner: dict[int, _Tickets] = {}
        channels: Counter[str] = Counter()
        categories: Counter[str] = Counter()
        waited_over = longest = 0
        for owner, channel, category, *counts in _ticket_groups(session, the_week, now):
            floor.add(counts)
            channels[channel] += counts[0]
            categories[category] += counts[0]
            if owner is not None:
                by_owner.setdefault(owner, _Tickets()).add(counts)
            if len(counts) > TICKET_COUNTS:  # SQLite counted the waits in the same pass
                waited_over += counts[TICKET_COUNTS] or 0
                longest = max(longest, counts[TICKET_COUNTS + 1] or 0)
        if not is_sqlite(session.db):
            waited_over, longest = _waits(session, the_week, now)
        callbacks, callbacks_by_owner = _callbacks(the_week, policy)
        previous = satisfaction_in(the_week.previous)
        handoffs = _handoffs(session, the_week, now, policy)
        logins = agent_logins(set(by_owner) | set(callbacks_by_owner))
    agents = []
    for owner, login in sorted(logins.items(), key=lambda pair: pair[1]):
        tickets = by_owner.get(owner, _Tickets())
        calls = callbacks_by_owner.get(owner, CallbackTally())
        agents.append(
            AgentFigures(
                login=login,
                tickets_owned=tickets.received,
                first_response_in_target_rate=tickets.response_rate,
                solution_in_target_rate=tickets.solution_rate,
                resolved=tickets.resolved,
                fcr_rate=ratio(tickets.first_contact, tickets.resolved),
                callbacks_done=calls.done,
                satisfaction_avg=calls.satisfaction,
                warmth_rate=calls.warmth_rate,
            )
        )
    return WeekFigures(
        week=the_week,
        as_of=now,
        received=floor.received,
        by_channel=_channels(channels, policy),
        resolution_rate=ratio(floor.resolved, floor.received),
        fcr_rate=ratio(floor.first_contact, floor.resolved),
        first_response_in_target_rate=floor.response_rate,
        solution_in_target_rate=floor.solution_rate,
        waited_over_1h_rate=ratio(waited_over, floor.received),
        longest_wait_minutes=max(longest, 0) // 60,
        satisfaction_avg=callbacks.satisfaction,
        satisfaction_prev=previous,
        satisfaction_change=change(callbacks.satisfaction, previous),
        top_categories=_top_categories(categories, floor.received),
        handoffs=handoffs,
        callbacks_done=callbacks.done,
        low_scores=callbacks.low,
        warmth_rate=callbacks.warmth_rate,
        agents=tuple(agents),
    )


class TrendPoint(NamedTuple):
    week: str  # "2026-W47"
    received: int
    satisfaction_avg: float | None


@reading
def trend(session: Session, week: str | Week | None = None, weeks: int = TREND_WEEKS) -> list[TrendPoint]:
    """The `weeks` weeks ending with week, oldest first: (label, received, satisfaction_avg),
    by the same definitions as weekly_figures; for the workbook's trend chart."""
    session.require_agent()
    if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks < 1:
        raise InvalidInput("weeks", "report.weeks.not_a_count", value=weeks)
    now, policy = session.now(), session.policy
    last = resolve_week(week, now, policy.calendar.tz)
    points = []
    with snapshot(session.db):
        for back in range(weeks - 1, -1, -1):
            one = last.shifted(-back)
            received = Ticket.select(fn.COUNT(Ticket.id)).where(received_in(one)).scalar() or 0
            points.append(TrendPoint(one.label, received, satisfaction_in(one)))
    return points


class TicketRow(NamedTuple):
    """One of the week's tickets for the Tickets sheet. Times are aware, in the floor's time
    zone; the phone is as stored (the exporter masks it)."""

    ref: str
    received_at: datetime
    channel: str
    category: str
    subtag: str | None
    tier: str
    status: str
    owner: str | None  # the owner's login
    customer_code: str
    customer_name: str
    phone: str | None
    first_response_at: datetime | None
    response_due_at: datetime
    resolved_at: datetime | None
    reopened_count: int
    inbound_contacts: int
    description: str


def week_tickets(session: Session, week: str | Week | None = None) -> Iterator[TicketRow]:
    """The week's tickets in order of receipt, streamed from the database one row at a time
    (a 50,000-ticket week never sits in memory). The week is checked at once; rows come as
    the iterator is read."""
    with storage_problems():
        session.require_agent()
        tz = session.policy.calendar.tz
        the_week = resolve_week(week, session.now(), tz)
    query = (
        Ticket.select(
            Ticket.ref,
            Ticket.received_at,
            Ticket.channel,
            Ticket.category,
            Ticket.subtag,
            Ticket.tier,
            Ticket.status,
            Agent.login,
            Customer.code,
            Customer.name,
            Customer.phone,
            Ticket.first_response_at,
            Ticket.response_due_at,
            Ticket.resolved_at,
            Ticket.reopened_count,
            Ticket.inbound_contacts,
            Ticket.description,
        )
        .join(Customer, on=(Ticket.customer == Customer.id))
        .switch(Ticket)
        .join(Agent, JOIN.LEFT_OUTER, on=(Ticket.owner == Agent.id))
        .where(received_in(the_week))
        .order_by(Ticket.received_at, Ticket.id)
    )
    return _stream(session, query, tz)


def _stream(session: Session, query, tz) -> Iterator[TicketRow]:
    def local(value):
        return None if value is None else instant(value).astimezone(tz)

    with storage_problems():
        for (
            ref,
            received,
            channel,
            category,
            subtag,
            tier,
            status,
            owner,
            code,
            name,
            phone,
            first,
            response_due,
            resolved,
            reopened,
            inbound,
            description,
        ) in raw_rows(session, query):
            yield TicketRow(
                ref,
                local(received),
                channel,
                category,
                subtag,
                tier,
                status,
                owner,
                code,
                name,
                phone,
                local(first),
                local(response_due),
                local(resolved),
                reopened,
                inbound,
                description,
            )
