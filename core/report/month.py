"""The monthly report's month: a calendar month ("2026-11"), the 1st 00:00 to the next 1st
00:00 in the floor's time zone.

As with the week (core.report.week), the bounds are local midnights turned into instants, so
a month in a daylight-saving zone starts at local midnight whatever its length in hours. A
month is refused while it lies wholly in the future; the current month is allowed and its
figures are as of now. With no month given, the last full month is meant (the one before the
month that holds now): the month-end meeting's numbers. What a month shares with a week
(bounds, parsing, refusals) is core.report.period.CalendarPeriod.

The month's weeks (its satisfaction trend) are the ISO weeks that overlap it, each clipped to
the month: November 2026 begins on a Sunday, so its first "week" is 2026-W44 clipped to
Sunday 11-01 alone, and its last is 2026-W49 clipped to Monday 11-30. The clipped weeks tile
the month exactly, so their counts add up to the month's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from core.report.period import CalendarPeriod, Refusals, Span
from core.report.week import week_of_date


@dataclass(frozen=True)
class Month(CalendarPeriod):
    """One calendar month of the floor's calendar."""

    KIND = "month"
    PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")
    REFUSALS = Refusals(
        "report.month.not_month",
        "report.month.too_early",
        "report.month.no_such_month",
        "report.month.not_begun",
    )

    year: int
    month: int
    """1..12."""
    tz: tzinfo
    """The floor's time zone: the month runs from local midnight to local midnight."""

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.shifted(1).first_day - timedelta(days=1)

    def shifted(self, months: int) -> Month:
        """The month `months` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1, self.tz)

    @classmethod
    def of_date(cls, day: date, tz: tzinfo) -> Month:
        return cls(day.year, day.month, tz)

    @classmethod
    def numbers_in(cls, year: int) -> tuple[int, dict]:
        return 12, {}

    def weeks(self, now: datetime | None = None) -> list[Span]:
        """The ISO weeks that overlap the month, each clipped to it, oldest first; given now,
        only those begun by then (the current month's weeks to come are left out)."""
        spans = []
        week = week_of_date(self.first_day, self.tz)
        while week.local_start < self.local_end:
            span = Span(
                week.label, max(week.local_start, self.local_start), min(week.local_end, self.local_end)
            )
            if now is None or span.start <= now:
                spans.append(span)
            week = week.shifted(1)
        return spans


def month_containing(instant: datetime, tz: tzinfo) -> Month:
    """The month that holds instant, by the floor's local date."""
    return Month.containing(instant, tz)


def last_full_month(now: datetime, tz: tzinfo) -> Month:
    """The month before the one that holds now: the default month of the report."""
    return Month.last_full(now, tz)


def parse_month(text: str | None, now: datetime, tz: tzinfo) -> Month:
    """The month text names ("2026-11"; also "2026-1"), or the last full month when text is
    None or blank. InvalidInput says what is wrong: not a month, a month number that is not
    1-12, or a month that has not begun yet (which months are allowed)."""
    return Month.parse(text, now, tz)


def resolve_month(month: str | Month | None, now: datetime, tz: tzinfo) -> Month:
    """A Month in the floor's zone from what a caller holds: a Month (checked against now like
    text), a label, or None (the last full month)."""
    return Month.resolve(month, now, tz)
