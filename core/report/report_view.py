"""The report screen's view of a week or a month (issue 21): each figure beside the last
period's, as on the Summary sheet, and the parts below it (channels, categories, departments'
handoffs, agents; a month's follow-up states and agents; for both, what customers kept saying,
issue 23), each line with the ask that lists what is behind it (core.report.drill).

    view = report_view(session, Week.resolve("2026-W47", ...), "zh")
    for part in view.parts:                       # summary, channels, categories, ...
        for line in part.lines:
            line.label, line.now, line.before, line.change, line.ask
"""

from __future__ import annotations

from core.basics import InvalidInput
from core.floor import Session, reading
from core.report.book import change_of
from core.report.drill import (
    HANDOFF_SIDES,
    MONTH_FIGURES,
    Ask,
    Line,
    Part,
    Period,
    ReportView,
    resolve_period,
)
from core.report.drill_lists import category_counts, display_names
from core.report.drill_words import DrillWords
from core.report.figures import weekly_figures
from core.report.improvements import COUNTS as IMPROVEMENT_COUNTS
from core.report.improvements import improvements_in
from core.report.month import Month
from core.report.monthly import monthly_figures
from core.report.monthly_rows import NO_FOLLOW_UP
from core.report.period_phrases import period_phrases, phrase_counts, phrases_json
from core.report.sheets import summary_notes, summary_rows
from core.report.week import Week
from core.report.words import FOLLOW_UPS, Words, check_language
from db.connection import snapshot


@reading
def report_view(session: Session, period: Period, language: str) -> ReportView:
    """The period's figures as the screen shows them; see the module's docstring."""
    session.require_agent()
    policy = session.policy
    language = check_language(language, policy)
    the_period = resolve_period(session, period)
    w, d = Words(policy, language), DrillWords(language)
    with snapshot(session.db):  # this period's figures, the last one's and the lines' own counts agree
        if isinstance(the_period, Week):
            return _week_view(session, the_period, w, d)
        return _month_view(session, the_period, w, d)


def _before(read, period):
    """read(period) of the period before, None before the calendar's first one."""
    try:
        return read(period.previous)
    except InvalidInput:
        return None


def _line(name, label, kind, now, before, ask, sides=("yes",), change=None, detail="") -> Line:
    moved = change_of(now, before, kind) if change is None else change
    return Line(name, label, kind, now, before, moved, ask, sides, detail)


WEEK_SIDES = {
    "resolution_rate": (("no", "yes"), "no"),
    "fcr_rate": (("no", "yes"), "no"),
    "first_response_in_target_rate": (("no", "yes"), "no"),
    "solution_in_target_rate": (("no", "yes"), "no"),
    "waited_over_1h_rate": (("yes", "no"), "yes"),
    "warmth_rate": (("no", "yes"), "no"),
}
"""A rate's sides as the screen offers them, and the one Enter opens first (the misses, the
waits over an hour)."""


def _week_view(session: Session, week: Week, w: Words, d: DrillWords) -> ReportView:
    low_max = session.policy.callbacks.low_score_max
    figures = weekly_figures(session, week)
    previous = _before(lambda p: weekly_figures(session, p), week)
    this = figures.as_json()
    summary = []
    for key, kind, now, before, moved in summary_rows(figures, previous):
        sides, first = WEEK_SIDES.get(key, (("yes",), "yes"))
        summary.append(_line(key, w(key, low=low_max), kind, now, before, Ask(key, side=first), sides, moved))
    was = {c.channel: c.count for c in previous.by_channel} if previous else {}
    channels = [
        _line(
            c.channel,
            w.item("channel", c.channel),
            "count",
            c.count,
            None if previous is None else was.get(c.channel, 0),
            Ask("channel", key=c.channel) if c.count else None,  # nothing behind a 0
        )
        for c in figures.by_channel
    ]
    now_counts = category_counts(week)
    last_counts = category_counts(week.previous) if previous else {}
    every = dict.fromkeys(w.items("category"), 0) | now_counts
    every |= {c: 0 for c in last_counts if c not in every}
    categories = [
        _line(
            ident,
            w.item("category", ident),
            "count",
            n,
            None if previous is None else last_counts.get(ident, 0),
            Ask("category", key=ident) if n else None,
        )
        for ident, n in sorted(every.items(), key=lambda pair: (-pair[1], pair[0]))
    ]
    late_before = {h.department: h.late for h in previous.handoffs} if previous else {}
    handoffs = [
        _line(
            h.department,
            w.item("department", h.department),
            "count",
            h.late,
            None if previous is None else late_before.get(h.department, 0),
            Ask("handoffs", key=h.department, side="late"),
            HANDOFF_SIDES,
            detail=d("sep").join(
                f"{d.side('handoffs', side)} {n}"
                for side, n in (("stuck", h.stuck), ("on_time", h.on_time), ("total", h.total))
            ),
        )
        for h in figures.handoffs
    ]
    names = display_names()
    owned_before = {a.login: a.tickets_owned for a in previous.agents} if previous else {}
    agents = [
        _line(
            a.login,
            _agent_label(a.login, names),
            "count",
            a.tickets_owned,
            None if previous is None else owned_before.get(a.login, 0),
            Ask("agent", key=a.login),
            ("yes", "callbacks_done"),
            detail=f"{d.side('agent', 'callbacks_done')} {a.callbacks_done}",
        )
        for a in figures.agents
    ]
    notes = summary_notes(figures, w)
    phrases, this["phrases"] = _phrases(session, week, previous is not None, d)
    improvements, this["improvements"] = _improvements(session, week, previous is not None, d, w.language)
    parts = (
        Part("summary", d("part.summary"), tuple(summary)),
        Part("channels", d("part.channels"), tuple(channels)),
        Part("categories", d("part.categories"), tuple(categories)),
        Part("handoffs", d("part.handoffs"), tuple(handoffs)),
        Part("agents", d("part.agents"), tuple(agents)),
        phrases,
        improvements,
    )
    return ReportView(week, figures.as_of, w("title", week=week.label), tuple(notes), parts, this)


def _improvements(
    session: Session, week: Week, compared: bool, d: DrillWords, language: str
) -> tuple[Part, dict]:
    """The week's improvement actions (core.report.improvements): opened, due, late, done and
    closed beside last week's, each listing its actions; then each closed action's measured
    figure against its expected one, listing the tickets behind it. With the part, the JSON."""
    found = improvements_in(session, week)
    before = improvements_in(session, week.previous).counts if compared else None
    lines = [
        _line(
            f"improvements.{key}",
            d(f"improvements.{key}"),
            "count",
            found.counts[key],
            None if before is None else before[key],
            Ask("improvements", key=key) if found.counts[key] else None,
        )
        for key in IMPROVEMENT_COUNTS
    ]
    for c in found.closed:  # the verdict first: a narrow screen cuts the title, never whether it worked
        if c.measured is None:
            verdict, detail = d("improvement.unmeasured"), d("improvement.not_yet")
        else:
            weeks = c.weeks[0] if len(c.weeks) == 1 else f"{c.weeks[0]}–{c.weeks[-1]}"
            detail = d("improvement.weeks", weeks=weeks, matching=c.matching, received=c.received)
            verdict = d("improvement.met" if c.met else "improvement.missed")
        expected = c.expected.say(language)
        lines.append(
            _line(
                f"A{c.number}",
                d("improvement.line", number=c.number, verdict=verdict, expected=expected, title=c.title),
                "rate" if c.expected.measure == "share" else "score",
                c.measured,
                None,
                Ask("improvement", key=str(c.number)) if c.matching else None,
                change=None,
                detail=detail,
            )
        )
    return Part("improvements", d("part.improvements"), tuple(lines)), found.as_json(
        session.policy.calendar.tz
    )


def _phrases(session: Session, period: Period, compared: bool, d: DrillWords) -> tuple[Part, list[dict]]:
    """What customers kept saying (core.report.period_phrases): a line per phrase, the tickets
    that said it this period and (compared: there is a last period) the last; its example
    tickets aside. With the part, the phrases as the JSON gives them."""
    said = period_phrases(session, period)
    texts = [p.text for p in said.phrases]
    before = phrase_counts(session, period.previous, texts) if compared and texts else {}
    lines = [
        _line(
            p.text,
            p.text,
            "count",
            p.count,
            before.get(p.text, 0) if compared else None,
            Ask("phrase", key=p.text),
            detail=", ".join(p.examples),
        )
        for p in said.phrases
    ] or [Line("", d("no_phrases"), "count", None, None, None, None)]
    return Part("phrases", d("part.phrases"), tuple(lines)), phrases_json(said)


def _agent_label(login: str, names: dict[str, str]) -> str:
    name = names.get(login)
    return f"{login} {name}" if name else login


def _month_view(session: Session, month: Month, w: Words, d: DrillWords) -> ReportView:
    low_max = session.policy.callbacks.low_score_max
    figures = monthly_figures(session, month)
    previous = _before(lambda p: monthly_figures(session, p), month)
    this = figures.floor.as_json()
    last = previous.floor.as_json() if previous else None
    summary = []
    for key, kind in MONTH_FIGURES:
        sides, first = WEEK_SIDES.get(key, (("yes",), "yes"))
        before = None if last is None else last[key]
        moved = figures.satisfaction_change if key == "satisfaction_avg" else None
        summary.append(
            _line(key, w(key, low=low_max), kind, this[key], before, Ask(key, side=first), sides, moved)
        )
    states_before = last["low_score_follow_up"] if last else {}
    states = list(this["low_score_follow_up"]) + [
        s for s in states_before if s not in this["low_score_follow_up"]
    ]
    follow_up = [
        _line(
            state,
            d("no_follow_up") if state == NO_FOLLOW_UP else w.pick(FOLLOW_UPS, state),
            "count",
            this["low_score_follow_up"].get(state, 0),
            None if last is None else states_before.get(state, 0),
            Ask("low_scores", key=state),
        )
        for state in states
    ]
    names = display_names()
    done_before = {a.login: a.work.callbacks_done for a in previous.agents} if previous else {}
    agents = [
        _line(
            a.login,
            _agent_label(a.login, names),
            "count",
            a.work.callbacks_done,
            None if previous is None else done_before.get(a.login, 0),
            Ask("agent", key=a.login),
            ("yes", "calls_made"),
            detail=f"{d.side('agent_month', 'calls_made')} {a.work.calls_made}",
        )
        for a in figures.agents
    ]
    floor = figures.floor
    notes = [w("no_calls_note")] if floor.calls_made == 0 and floor.callbacks_done == 0 else []
    phrases, said = _phrases(session, month, previous is not None, d)
    parts = (
        Part("summary", d("part.summary"), tuple(summary)),
        Part("follow_up", d("part.follow_up"), tuple(follow_up)),
        Part("agents", d("part.agents"), tuple(agents)),
        phrases,
    )
    title = w("month_title", month=month.label)
    return ReportView(
        month, figures.as_of, title, tuple(notes), parts, {**figures.as_json(), "phrases": said}
    )


# ---------------------------------------------------------------- the drill-down
