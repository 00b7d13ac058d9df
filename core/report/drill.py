"""What is behind a report's figures (issue 21): the rows behind each line of the report
screen's view (core.report.report_view makes the view; its values are defined here), for its
drill-down.

    page = drill(session, view.period, line.ask, "en", offset=0, limit=200, as_of=view.as_of)
    page.total, page.of, [row.ref for row in page.rows]

Every list agrees with the figure it drills into, by the figure's own definition
(core.report.figures' docstring for a week, core.report.monthly's for a month), read as of the
same moment: a count's list has that many rows (total), a rate's "yes" side has numerator
rows and its "yes" and "no" sides together the denominator (of), an average's list holds the
callbacks it averages. Labels are the workbook's words (core.report.words) in the language
asked, so the screen and the Summary sheet say the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from core.basics import InvalidInput
from core.floor import Session, reading
from core.report.drill_lists import (
    Listed,
    agent_id,
    attempts_in_order,
    callbacks_in_order,
    departments,
    follow_up_is,
    handoffs_of,
    holds,
    lacks,
    tickets_by_lateness,
    tickets_in_receipt_order,
    waits,
)
from core.report.drill_rows import Say, attempt_rows, callback_rows, handoff_rows, ticket_rows
from core.report.drill_words import DrillWords
from core.report.figures import low_score, ratio, received_in, ticket_terms
from core.report.improvements import COUNTS as IMPROVEMENT_COUNTS
from core.report.improvements import action_rows, actions_in, measured_tickets
from core.report.month import Month
from core.report.monthly import DIMENSIONS, FOLLOW_UP_STATES, REACHED
from core.report.monthly_book import SUMMARY_FIGURES as MONTHLY_SUMMARY
from core.report.monthly_rows import NO_FOLLOW_UP, done_in, suggested
from core.report.period_phrases import where_said
from core.report.sheets import SUMMARY_FIGURES
from core.report.week import Week
from core.report.words import FOLLOW_UPS, Words, check_language
from db.connection import snapshot
from db.models import Callback, CallbackAttempt, Ticket

Period = Week | Month

HANDOFF_SIDES = ("late", "stuck", "on_time", "total")

MONTH_FIGURES = tuple(
    (name, kind) for name, kind in MONTHLY_SUMMARY if not name.startswith("low_score_follow_up.")
)
"""The monthly summary's figures on the screen (the follow-up states are a part of their own)."""

ROWS_LIMIT = 200
"""A page of a drill-down's rows (the screen reads the next page as the cursor reaches it)."""


@dataclass(frozen=True)
class Ask:
    """Which rows a line of the report stands for."""

    figure: str
    """The figure's JSON name ("received", "waited_over_1h_rate", "low_scores", ...) or a part's
    list: "channel", "category", "handoffs", "agent", "phrase" (with key)."""
    key: str | None = None
    """The channel, category id, department id, login or phrase the list is of (parts' lines)."""
    side: str = "yes"
    """Which rows: "yes" (the figure's own rows: a count's, a rate's numerator), "no" (the
    rest of a rate's denominator: the tickets that missed the target), or for handoffs
    "total", "on_time", "late", "stuck"."""


@dataclass(frozen=True)
class Line:
    """One line of the report screen."""

    name: str
    """The figure's JSON name, or the part's item ("phone", "quality", a department id)."""
    label: str
    """As the workbook says it, in the language asked."""
    kind: str
    """"count", "rate" (0..1) or "score" (1..5): how now, before and change are shown."""
    now: float | int | None
    before: float | int | None
    """The same figure of the period before (None: nothing to compare)."""
    change: float | int | None
    """now - before as the Summary sheet writes it (a rate's change is in percentage points:
    0.0048 is +0.48 pp); None when either is None."""
    ask: Ask | None
    """What Enter lists; None when the line has nothing behind it."""
    sides: tuple[str, ...] = ("yes",)
    """The sides the drill-down can switch between (a rate: ("no", "yes") when misses are the
    ones a supervisor asks about first, a department's handoffs: ("late", "stuck", "on_time",
    "total"))."""
    detail: str = ""
    """More of the line's figures, in the language asked (a department's stuck, on-time and
    total handoffs; an agent's callbacks done or calls made), or empty."""


@dataclass(frozen=True)
class Part:
    """A block of lines under a heading: the Summary's figures, channels, categories, ..."""

    name: str
    """"summary", "channels", "categories", "handoffs", "agents", "phrases" (weekly);
    "summary", "follow_up", "agents", "phrases" (monthly)."""
    title: str
    """In the language asked."""
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class ReportView:
    """A period's report as the screen shows it."""

    period: Period
    as_of: datetime
    title: str
    """"Weekly report 2026-W47" / "周报 2026-W47" (the Summary sheet's title)."""
    notes: tuple[str, ...]
    """The Summary's notes (an empty week, no callbacks), in the language asked."""
    parts: tuple[Part, ...]
    json: dict
    """The period's figures as `callfloor report --json` gives them (what the lines show)."""


@dataclass(frozen=True)
class DrillRow:
    """One ticket, callback or handoff behind a figure."""

    kind: str
    """"ticket", "callback", "handoff" or "action" (an improvement action: ident its number)."""
    ident: int
    """The ticket's, callback's or handoff's id."""
    ref: str | None
    """The ticket's ref ("T000123") that Enter opens: the row's own ticket, a callback's or a
    handoff's ticket; None for a callback with no ticket (a survey)."""
    at: datetime
    """When it counts in the period: a ticket's receipt, a callback's completion (an attempt's
    logging), a handoff's due time."""
    who: str | None
    """The owner's (or caller's) login, None when unowned."""
    what: str
    """A short description: the ticket's category and tier, a callback's group, a
    handoff's department (in the language asked)."""
    detail: str
    """Why it is in the list, in the language asked: "waited 83 min", "score 2 · follow-up
    open", "due 11-20 16:00 · answered 11-21 09:10"."""
    value: int | None = None
    """The number the list is ordered by, when it is one: the wait or how late (minutes;
    negative: that many minutes early), the score; None for lists in order of time."""


@dataclass(frozen=True)
class Drilled:
    """A page of the rows behind one line."""

    ask: Ask
    title: str
    """What the list is, in the language asked ("Waited over 1 h: 19 of 80 tickets")."""
    rows: tuple[DrillRow, ...]
    offset: int
    total: int
    """How many rows the ask has in all (the page is rows[offset:offset+limit] of them)."""
    of: int | None
    """A rate's denominator (both sides together), else None."""
    as_of: datetime | None = None
    """The moment the list was judged at (drill's as_of, or now)."""


# ---------------------------------------------------------------- the screen's view


def resolve_period(session: Session, period: Period) -> Period:
    """The period in the floor's zone, refused (InvalidInput) when it has not begun."""
    if not isinstance(period, Week | Month):
        raise InvalidInput("week", "report.week.not_iso", value=str(period))
    now, tz = session.now(), session.policy.calendar.tz
    return Week.resolve(period, now, tz) if isinstance(period, Week) else Month.resolve(period, now, tz)


@dataclass(frozen=True)
class _Plan:
    """How an ask's rows are read."""

    kind: str
    """"ticket", "callback", "attempt", "handoff" or "action": which details a page reads."""
    title: str
    """The list's name, without its count."""
    listed: Callable[[], Listed]
    of: Callable[[], int] | None = None
    """A rate's denominator."""
    style: str = "status"
    """The rows' detail (core.report.drill_rows.Say.style)."""
    known: bool = True
    """The ask's key is one the floor knows; else the ask is refused unless it has rows."""
    why: Callable[[int], str] | None = None
    """A row's detail of the list's own (where a phrase was said), instead of its style's."""


@reading
def drill(
    session: Session,
    period: Period,
    ask: Ask,
    language: str,
    *,
    offset: int = 0,
    limit: int = ROWS_LIMIT,
    as_of: datetime | None = None,
) -> Drilled:
    """The rows behind ask in period, in the order a supervisor reads them (the worst first: the
    longest waits, the lowest scores, the latest handoffs), a page of them from offset.

    as_of: the moment the figure on show was read (ReportView.as_of), so that its list, and
    every later page of it, is judged as the figure was (a wait, a due time passed or not)
    although it is read minutes later; never later than now. None: now."""
    session.require_agent()
    policy = session.policy
    language = check_language(language, policy)
    for value in (offset, limit):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidInput("offset", "report.drill.bad_page")
    if limit < 1:
        raise InvalidInput("offset", "report.drill.bad_page")
    the_period = resolve_period(session, period)
    w, d = Words(policy, language), DrillWords(language)
    now = session.now() if as_of is None else min(as_of, session.now())
    stuck: set[int] = set()
    with snapshot(session.db):  # the list, its count and its page as of one moment
        plan = _plan(session, the_period, ask, now, w, d, stuck)
        listed = plan.listed()
        if not plan.known and not listed:
            raise InvalidInput(
                "key", "report.drill.unknown_key", value=ask.key, figure=ask.figure, period=the_period.label
            )
        of = plan.of() if plan.of is not None else None
        page = listed[offset : offset + limit]
        say = Say(w, d, policy.calendar.tz, plan.style, policy.callbacks.low_score_max)
        if plan.kind == "ticket":
            rows = ticket_rows(say, page)
        elif plan.kind == "callback":
            rows = callback_rows(say, page)
        elif plan.kind == "attempt":
            rows = attempt_rows(say, page)
        elif plan.kind == "action":
            rows = action_rows(say, page, now)
        else:
            rows = handoff_rows(say, page, stuck)
        if plan.why is not None:
            why = plan.why
            rows = [(*row[:6], why(row[1]) or row[6], *row[7:]) for row in rows]
    total = len(listed)
    if of is not None:
        title = d("title.rate", label=plan.title, side=_side_word(d, ask), n=total, of=of)
    elif ask.figure == "handoffs":
        title = d("title.side", label=plan.title, side=d.side("handoffs", ask.side), n=total)
    elif ask.figure in AVERAGES:
        scores = [value for _, value in listed if value is not None]
        average = ratio(sum(scores), len(scores), 2)
        title = (
            d("title.average", label=plan.title, average=f"{average:.2f}", n=total)
            if average is not None
            else d("title.no_scores", label=plan.title)
        )
    elif ask.figure == "longest_wait_minutes":
        title = d("title.longest", label=plan.title, m=listed[0][1] if listed else 0, n=total)
    else:
        title = d("title.count", label=plan.title, n=total)
    return Drilled(ask, title, tuple(DrillRow(*row) for row in rows), offset, total, of, now)


def _side_word(d: DrillWords, ask: Ask) -> str:
    return d.side(ask.figure, ask.side)


def _refuse_side(ask: Ask, sides: Sequence[str]) -> None:
    if ask.side not in sides:
        raise InvalidInput(
            "side", "report.drill.unknown_side", value=ask.side, figure=ask.figure, sides=", ".join(sides)
        )


def _no_key(ask: Ask, period: Period) -> None:
    if ask.key is not None:
        raise InvalidInput(
            "key", "report.drill.unknown_key", value=ask.key, figure=ask.figure, period=period.label
        )


def _needs_key(ask: Ask, period: Period) -> str:
    if not ask.key:
        raise InvalidInput(
            "key", "report.drill.unknown_key", value=ask.key, figure=ask.figure, period=period.label
        )
    return ask.key


ALL_TICKETS = Ticket.id.is_null(False)
ALL_CALLBACKS = Callback.id.is_null(False)
ALL_ATTEMPTS = CallbackAttempt.id.is_null(False)


def _plan(
    session: Session, period: Period, ask: Ask, now: datetime, w: Words, d: DrillWords, stuck: set[int]
):
    plan: _Plan | None
    if ask.figure == "phrase":
        plan = _phrase_plan(session, period, ask, d)
    elif isinstance(period, Week):
        plan = _week_plan(session, period, ask, now, w, d, stuck)
    else:
        plan = _month_plan(session, period, ask, w, d)
    if plan is None:
        raise InvalidInput("figure", "report.drill.unknown_figure", value=ask.figure, period=period.label)
    return plan


def _phrase_plan(session: Session, period: Period, ask: Ask, d: DrillWords) -> _Plan:
    """Every ticket that said the phrase in the period (core.report.period_phrases: its
    description, an inbound contact's note or a done callback's words), in order of id: as
    many as the phrase's count, each row saying where it was said. A phrase nobody said is an
    empty list, not a refusal (what the period's customers say moves as tickets come in)."""
    key = _needs_key(ask, period)
    _refuse_side(ask, ("yes",))
    said: dict[int, list[str]] = {}

    def listed() -> Listed:
        said.update(where_said(session, period, key))
        return [(ident, None) for ident in said]

    def why(ident: int) -> str:
        return d("sep").join(dict.fromkeys(_said_where(d, source) for source in said.get(ident, ())))

    return _Plan("ticket", d("phrase_tickets", phrase=key), listed, why=why)


def _said_where(d: DrillWords, source: str) -> str:
    kind, _, number = source.partition(":")
    return d(f"said.{kind}", n=number) if number else d(f"said.{kind}")


def _rate(ask: Ask, denominator, numerator, listed: Callable[[object], Listed], of: Callable[[object], int]):
    """A rate's side: the denominator's rows where the numerator holds ("yes") or not ("no"),
    and the denominator's count."""
    _refuse_side(ask, ("yes", "no"))
    side = holds(numerator) if ask.side == "yes" else lacks(numerator)
    return (lambda: listed(holds(denominator) & side)), (lambda: of(holds(denominator)))


def _week_plan(session, week: Week, ask: Ask, now: datetime, w: Words, d: DrillWords, stuck: set[int]):
    policy = session.policy
    figure, low_max = ask.figure, policy.callbacks.low_score_max
    label = w(figure, low=low_max) if figure in dict(SUMMARY_FIGURES) else ""
    terms = ticket_terms(now)

    def receipt(condition) -> Listed:
        return tickets_in_receipt_order(week, condition)

    def tickets(condition) -> int:
        return Ticket.select().where(received_in(week) & condition).count()

    def late(done, due):
        return lambda condition: tickets_by_lateness(session, week, now, condition, done, due)

    rates = {
        "resolution_rate": (ALL_TICKETS, terms.resolved, receipt, "status"),
        "fcr_rate": (terms.resolved, terms.first_contact, receipt, "fcr"),
        "first_response_in_target_rate": (
            terms.response_counted,
            terms.response_met,
            late(Ticket.first_response_at, Ticket.response_due_at),
            "response",
        ),
        "solution_in_target_rate": (
            terms.solution_counted,
            terms.solution_met,
            late(Ticket.resolved_at, Ticket.solution_due_at),
            "solution",
        ),
    }
    if figure in rates:
        _no_key(ask, week)
        denominator, numerator, order, style = rates[figure]
        listed, of = _rate(ask, denominator, numerator, order, tickets)
        return _Plan("ticket", label, listed, of, style)
    if figure in ("received", "waited_over_1h_rate", "longest_wait_minutes"):
        _no_key(ask, week)
        if figure == "received":
            _refuse_side(ask, ("yes",))
            return _Plan("ticket", label, lambda: receipt(ALL_TICKETS))
        if figure == "longest_wait_minutes":
            _refuse_side(ask, ("yes",))
            return _Plan("ticket", label, lambda: _waits(session, week, now, None), style="wait")
        _refuse_side(ask, ("yes", "no"))
        over = ask.side == "yes"
        return _Plan(
            "ticket", label, lambda: _waits(session, week, now, over), lambda: tickets(ALL_TICKETS), "wait"
        )
    callbacks = _callback_plan(ask, week, label, policy, d)
    if callbacks is not None:
        return callbacks
    if figure == "channel":
        key = _needs_key(ask, week)
        _refuse_side(ask, ("yes",))
        title = d("channel_tickets", channel=w.item("channel", key))
        return _Plan("ticket", title, lambda: receipt(Ticket.channel == key), known=key in w.items("channel"))
    if figure == "category":
        key = _needs_key(ask, week)
        _refuse_side(ask, ("yes",))
        title = d("category_tickets", category=w.item("category", key))
        return _Plan(
            "ticket", title, lambda: receipt(Ticket.category == key), known=key in w.items("category")
        )
    if figure == "handoffs":
        key = _needs_key(ask, week)
        _refuse_side(ask, HANDOFF_SIDES)

        def handoffs() -> Listed:
            listed, stuck_now = handoffs_of(session, week, now, policy, key, ask.side)
            stuck.update(stuck_now)
            return listed

        title = d("department_handoffs", department=w.item("department", key))
        return _Plan("handoff", title, handoffs, style="handoff", known=key in departments())
    if figure in ("improvements", "improvement"):
        return _improvement_plan(session, week, ask, d)
    if figure == "agent":
        key = _needs_key(ask, week)
        _refuse_side(ask, ("yes", "callbacks_done"))
        owner = agent_id(key)
        if owner is None:  # not an agent of the floor ("== None" would list the unowned rows)
            return _Plan("ticket", d("agent_tickets", login=key), list, known=False)
        if ask.side == "callbacks_done":
            title = d("agent_callbacks", login=key)
            return _Plan(
                "callback", title, lambda: callbacks_in_order(week, Callback.owner == owner), style="score"
            )
        title = d("agent_tickets", login=key)
        return _Plan("ticket", title, lambda: receipt(Ticket.owner == owner))
    return None


def _improvement_plan(session, week: Week, ask: Ask, d: DrillWords) -> _Plan:
    """The week's actions in one state (improvements, key opened/due/late/done/closed), or the
    tickets behind a closed action's measured figure (improvement, key its number)."""
    key = _needs_key(ask, week)
    _refuse_side(ask, ("yes",))
    if ask.figure == "improvements":
        title = d(f"improvements.{key}") if key in IMPROVEMENT_COUNTS else key
        return _Plan("action", title, lambda: actions_in(week, key), known=key in IMPROVEMENT_COUNTS)
    number = int(key) if key.isdigit() and len(key) < 10 else 0
    return _Plan(
        "ticket",
        d("action_tickets", number=key),
        lambda: measured_tickets(session, week, number),
        known=number > 0,
    )


def _waits(session, week: Week, now: datetime, over: bool | None) -> Listed:
    """The week's tickets, the longest wait first: all of them (over None), or those that
    waited over an hour (over True) or not (False)."""
    return [
        (w.ident, w.minutes) for w in waits(session, week, now, ALL_TICKETS) if over is None or w.over is over
    ]


def _callback_plan(ask: Ask, period: Period, label: str, policy, d: DrillWords) -> _Plan | None:
    """The figures of done callbacks, alike in a week and a month."""
    figure = ask.figure

    def ordered(condition, score=None) -> Callable[[], Listed]:
        return lambda: callbacks_in_order(period, condition, score)

    if figure == "callbacks_done":
        _no_key(ask, period)
        _refuse_side(ask, ("yes",))
        return _Plan("callback", label, ordered(ALL_CALLBACKS), style="score")
    if figure == "satisfaction_avg":
        _no_key(ask, period)
        _refuse_side(ask, ("yes",))
        return _Plan(
            "callback", label, ordered(Callback.overall.is_null(False), Callback.overall), style="score"
        )
    if figure == "low_scores":
        _refuse_side(ask, ("yes",))
        condition = low_score(policy)
        if ask.key is not None:
            if isinstance(period, Week):
                _no_key(ask, period)
            condition = condition & follow_up_is(ask.key)
            return _Plan(
                "callback",
                d("follow_up_lows", state=d("no_follow_up") if ask.key == NO_FOLLOW_UP else ask.key),
                ordered(condition, Callback.overall),
                style="score",
                known=ask.key in (*FOLLOW_UP_STATES, NO_FOLLOW_UP),
            )
        return _Plan("callback", label, ordered(condition, Callback.overall), style="score")
    if figure == "warmth_rate":
        _no_key(ask, period)

        def listed(condition) -> Listed:
            return callbacks_in_order(period, condition)

        def answered(condition) -> int:
            return Callback.select().where(done_in(period) & condition).count()

        rows, of = _rate(ask, Callback.warm.is_null(False), Callback.warm == True, listed, answered)  # noqa: E712
        return _Plan("callback", label, rows, of, "warmth")
    return None


def _month_plan(session, month: Month, ask: Ask, w: Words, d: DrillWords) -> _Plan | None:
    policy = session.policy
    figure = ask.figure
    label = w(figure, low=policy.callbacks.low_score_max) if figure in dict(MONTH_FIGURES) else ""
    callbacks = _callback_plan(ask, month, label, policy, d)
    if callbacks is not None:
        if figure == "low_scores" and ask.key is not None:
            state = ask.key
            said = d("no_follow_up") if state == NO_FOLLOW_UP else w.pick(FOLLOW_UPS, state)
            return replace(callbacks, title=d("follow_up_lows", state=said))
        return callbacks
    if figure in ("calls_made", "calls_reached"):
        _no_key(ask, month)
        _refuse_side(ask, ("yes",))
        condition = ALL_ATTEMPTS if figure == "calls_made" else CallbackAttempt.outcome.in_(REACHED)
        return _Plan("attempt", label, lambda: attempts_in_order(month, condition), style="attempt")
    if figure in DIMENSION_FIGURES:
        _no_key(ask, month)
        _refuse_side(ask, ("yes",))
        score = getattr(Callback, DIMENSION_FIGURES[figure])
        listed = lambda: callbacks_in_order(month, score.is_null(False), score)  # noqa: E731
        return _Plan("callback", label, listed, style=DIMENSION_FIGURES[figure])
    if figure == "suggestions":
        _no_key(ask, month)
        _refuse_side(ask, ("yes",))
        return _Plan("callback", label, lambda: callbacks_in_order(month, suggested()), style="suggestion")
    if figure == "agent":
        key = _needs_key(ask, month)
        _refuse_side(ask, ("yes", "calls_made"))
        if ask.side == "calls_made":
            title = d("agent_calls", login=key)
            listed = lambda: attempts_in_order(month, CallbackAttempt.agent == key)  # noqa: E731
            return _Plan("attempt", title, listed, style="attempt", known=agent_id(key) is not None)
        owner = agent_id(key)
        title = d("agent_callbacks", login=key)
        if owner is None:  # a login that only logged attempts (an import's) owns no callback
            logged = bool(attempts_in_order(month, CallbackAttempt.agent == key))
            return _Plan("callback", title, list, style="score", known=logged)
        listed = lambda: callbacks_in_order(month, Callback.owner == owner)  # noqa: E731
        return _Plan("callback", title, listed, style="score")
    return None


DIMENSION_FIGURES = {f"{dimension}_avg": dimension for dimension in DIMENSIONS}
AVERAGES = ("satisfaction_avg", *DIMENSION_FIGURES)
"""The figures that are an average of the scores their list holds (its title says the average)."""


__all__: Sequence[str] = (
    "Ask",
    "Drilled",
    "DrillRow",
    "Line",
    "Part",
    "Period",
    "ReportView",
    "ROWS_LIMIT",
    "drill",
)
