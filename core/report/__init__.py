"""The weekly report (docs/floor.md "The weekly report", issue 6) and the monthly callback work
report (issue 17): their periods and their figures, a pure read.

    figures = weekly_figures(session, "2026-W47")   # None: the last full week
    print(json.dumps(figures.as_json(), ensure_ascii=False))
    for point in trend(session, "2026-W47"):         # 8 weeks, oldest first
        ...
    for row in week_tickets(session, "2026-W47"):    # streamed, for the Tickets sheet
        ...

    month = monthly_figures(session, "2026-11")      # None: the last full month
    print(json.dumps(month.as_json(), ensure_ascii=False))

    said = period_phrases(session, week)             # what customers kept saying (issue 23)
    print(json.dumps(report_json(session, week="2026-W47"), ensure_ascii=False))  # report --json

    view = report_view(session, week, "zh")          # the report screen: figures beside last period's
    page = drill.drill(session, week, view.parts[0].lines[5].ask, "zh")   # the rows behind one

The definitions of every figure are core.report.figures' docstring (weekly) and
core.report.monthly's (monthly); the rows behind each, for the report screen, are
core.report.drill's. The workbooks: core.report.workbook.export_week and
core.report.monthly_book.export_month. What the two share is written once: the period (a week
and a month are core.report.period.CalendarPeriod), the workbook's formats, tables and Summary
(core.report.book) and the way a workbook is checked and written whole
(core.report.export_file).
"""

from core.report import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.report.drill import ROWS_LIMIT, Ask, Drilled, DrillRow, Line, Part, ReportView

# drill() stays core.report.drill.drill: a function named like its module would hide the module
# (core.report.drill) from monkeypatch and mock paths.
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
from core.report.month import Month, last_full_month, month_containing, parse_month
from core.report.monthly import AgentWork, CallbackWork, MonthFigures, WeekPoint, monthly_figures
from core.report.period import Period, Span
from core.report.period_phrases import (
    PeriodPhrases,
    period_phrases,
    phrase_counts,
    tickets_saying,
)
from core.report.phrases import Phrase
from core.report.report_json import report_json
from core.report.report_view import report_view
from core.report.week import Week, last_full_week, parse_week, week_containing

__all__ = [
    "Ask",
    "Drilled",
    "DrillRow",
    "Line",
    "Part",
    "ReportView",
    "ROWS_LIMIT",
    "report_view",
    "AgentFigures",
    "AgentWork",
    "CallbackWork",
    "Month",
    "MonthFigures",
    "Period",
    "PeriodPhrases",
    "Phrase",
    "Span",
    "period_phrases",
    "phrase_counts",
    "report_json",
    "tickets_saying",
    "WeekPoint",
    "last_full_month",
    "month_containing",
    "monthly_figures",
    "parse_month",
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
