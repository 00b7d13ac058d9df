"""`callfloor report --json` (issue 6, 17, 23): a week's or a month's figures, what customers
kept saying in it (core.report.period_phrases) and, for a week, its Improvements part
(core.report.improvements), all read in one snapshot."""

from __future__ import annotations

from core.floor import Session, reading
from core.report.figures import weekly_figures
from core.report.improvements import improvements_in
from core.report.month import Month
from core.report.monthly import monthly_figures
from core.report.period_phrases import period_phrases, phrases_json
from core.report.week import Week
from db.connection import snapshot


@reading
def report_json(
    session: Session, *, week: str | Week | None = None, month: str | Month | None = None
) -> dict:
    """`callfloor report --json`: the week's figures (WeekFigures.as_json), or with month the
    month's (MonthFigures.as_json), under "phrases" what customers kept saying in it
    (phrases_json), and for a week under "improvements" its improvement actions."""
    with snapshot(session.db):
        if month is not None:
            monthly = monthly_figures(session, month)
            figures, period = monthly.as_json(), monthly.month
        else:
            weekly = weekly_figures(session, week)
            figures, period = weekly.as_json(), weekly.week
        said = {**figures, "phrases": phrases_json(period_phrases(session, period))}
        if isinstance(period, Week):  # the weekly report's Improvements part (issue 23)
            said["improvements"] = improvements_in(session, period).as_json(session.policy.calendar.tz)
        return said
