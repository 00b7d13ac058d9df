"""The report's week: an ISO week ("2026-W47"), Monday 00:00 to the next Monday 00:00 in the
floor's time zone.

The bounds are built from local wall-clock midnights and only then turned into instants, so
in a zone with daylight saving time a week is 167 or 169 hours long and still starts at local
midnight. A week is refused while it lies wholly in the future; the current week is allowed
and its figures are as of now. With no week given, the last full week is meant (the one
before the week that holds now): the Monday meeting's numbers. What a week shares with a
month (bounds, parsing, refusals) is core.report.period.CalendarPeriod.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from core.report.period import CalendarPeriod, Refusals


@dataclass(frozen=True)
class Week(CalendarPeriod):
    """One ISO week of the floor's calendar."""

    KIND = "week"
    PATTERN = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
    REFUSALS = Refusals(
        "report.week.not_iso", "report.week.too_early", "report.week.no_such_week", "report.week.not_begun"
    )

    year: int
    """The ISO year (the year of the week's Thursday; 2026-W01 starts on 2025-12-29)."""
    number: int
    """1..52, or 53 in a long ISO year."""
    tz: tzinfo
    """The floor's time zone: the week runs from local midnight to local midnight."""

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def first_day(self) -> date:
        return self.monday

    def shifted(self, weeks: int) -> Week:
        """The week `weeks` later (earlier when negative)."""
        return week_of_date(self.monday + timedelta(weeks=weeks), self.tz)

    @classmethod
    def of_date(cls, day: date, tz: tzinfo) -> Week:
        year, number, _ = day.isocalendar()
        return cls(year, number, tz)

    @classmethod
    def numbers_in(cls, year: int) -> tuple[int, dict]:
        weeks = date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last week
        return weeks, {"year": year, "weeks": weeks}


def week_of_date(day: date, tz: tzinfo) -> Week:
    return Week.of_date(day, tz)


def week_containing(instant: datetime, tz: tzinfo) -> Week:
    """The week that holds instant, by the floor's local date."""
    return Week.containing(instant, tz)


def last_full_week(now: datetime, tz: tzinfo) -> Week:
    """The week before the one that holds now: the default week of the report."""
    return Week.last_full(now, tz)


def parse_week(text: str | None, now: datetime, tz: tzinfo) -> Week:
    """The week text names ("2026-W47"; also "2026W47", "2026-w47"), or the last full week
    when text is None or blank. InvalidInput says what is wrong: not a week, a week number
    the year does not have, or a week that has not begun yet (which weeks are allowed)."""
    return Week.parse(text, now, tz)


def resolve_week(week: str | Week | None, now: datetime, tz: tzinfo) -> Week:
    """A Week in the floor's zone from what a caller holds: a Week (checked against now like
    text), a label, or None (the last full week)."""
    return Week.resolve(week, now, tz)
