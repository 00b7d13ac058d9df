"""The weekly report (docs/floor.md "The weekly report", issue 6): its week and its figures, a pure read.

    figures = weekly_figures(session, "2026-W47")   # None: the last full week
    print(json.dumps(figures.as_json(), ensure_ascii=False))
    for point in trend(session, "2026-W47"):         # 8 weeks, oldest first
        ...
    for row in week_tickets(session, "2026-W47"):    # streamed, for the Tickets sheet
        ...

The definitions of every figure are core.report.figures' docstring.
"""

from core.report import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.report.figures import (
    AgentFigures,
    CategoryCount,
    ChannelCount,
    DepartmentHandoffs,
    TicketRow,
    TrendPoint,
    WeekFigures,
    ratio,
    trend,
    week_tickets,
    weekly_figures,
)
from core.report.week import Week, last_full_week, parse_week, week_containing

__all__ = [
    "AgentFigures",
    "CategoryCount",
    "ChannelCount",
    "DepartmentHandoffs",
    "TicketRow",
    "TrendPoint",
    "Week",
    "WeekFigures",
    "last_full_week",
    "parse_week",
    "ratio",
    "trend",
    "week_containing",
    "week_tickets",
    "weekly_figures",
]
