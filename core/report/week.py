"""The report's week: an ISO week ("2026-W47"), Monday 00:00 to the next Monday 00:00 in the
floor's time zone.

The bounds are built from local wall-clock midnights and only then turned into instants, so
in a zone with daylight saving time a week is 167 or 169 hours long and still starts at local
midnight. A week is refused while it lies wholly in the future; the current week is allowed
and its figures are as of now. With no week given, the last full week is meant (the one
before the week that holds now): the Monday meeting's numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from core.basics import InvalidInput

_PATTERN = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$")
_MIDNIGHT = time(0, 0)
_FIRST_YEAR = 1900


@dataclass(frozen=True)
class Week:
    """One ISO week of the floor's calendar."""

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
    def local_start(self) -> datetime:
        """Monday 00:00, floor time (aware)."""
        return datetime.combine(self.monday, _MIDNIGHT, tzinfo=self.tz)

    @property
    def local_end(self) -> datetime:
        """The next Monday 00:00, floor time (aware); the week ends just before it."""
        return datetime.combine(self.monday + timedelta(days=7), _MIDNIGHT, tzinfo=self.tz)

    @property
    def start(self) -> datetime:
        """The first instant of the week, UTC."""
        return self.local_start.astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the week, UTC: the week is start <= t < end."""
        return self.local_end.astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def shifted(self, weeks: int) -> Week:
        """The week `weeks` later (earlier when negative)."""
        return week_of_date(self.monday + timedelta(weeks=weeks), self.tz)

    @property
    def previous(self) -> Week:
        return self.shifted(-1)

    def is_finished(self, now: datetime) -> bool:
        return self.end <= now

    def __str__(self) -> str:
        return self.label


def week_of_date(day: date, tz: tzinfo) -> Week:
    year, number, _ = day.isocalendar()
    return Week(year, number, tz)


def week_containing(instant: datetime, tz: tzinfo) -> Week:
    """The week that holds instant, by the floor's local date."""
    return week_of_date(instant.astimezone(tz).date(), tz)


def last_full_week(now: datetime, tz: tzinfo) -> Week:
    """The week before the one that holds now: the default week of the report."""
    return week_containing(now, tz).previous


def parse_week(text: str | None, now: datetime, tz: tzinfo) -> Week:
    """The week text names ("2026-W47"; also "2026W47", "2026-w47"), or the last full week
    when text is None or blank. InvalidInput says what is wrong: not a week, a week number
    the year does not have, or a week that has not begun yet (which weeks are allowed)."""
    if text is None or not str(text).strip():
        return last_full_week(now, tz)
    typed = str(text).strip()
    match = _PATTERN.match(typed)
    if not match:
        raise InvalidInput("week", "report.week.not_iso", value=typed)
    year, number = int(match[1]), int(match[2])
    if year < _FIRST_YEAR:
        raise InvalidInput("week", "report.week.too_early", value=typed, first=_FIRST_YEAR)
    weeks_in_year = date(year, 12, 28).isocalendar()[1]  # 28 December is always in the last week
    if not 1 <= number <= weeks_in_year:
        raise InvalidInput("week", "report.week.no_such_week", value=typed, year=year, weeks=weeks_in_year)
    week = Week(year, number, tz)
    current = week_containing(now, tz)
    if week.start > now:
        raise InvalidInput(
            "week",
            "report.week.not_begun",
            week=week.label,
            starts=f"{week.local_start:%Y-%m-%d %H:%M}",
            current=current.label,
            last_full=current.previous.label,
        )
    return week


def resolve_week(week: str | Week | None, now: datetime, tz: tzinfo) -> Week:
    """A Week in the floor's zone from what a caller holds: a Week (checked against now like
    text), a label, or None (the last full week)."""
    return parse_week(week.label if isinstance(week, Week) else week, now, tz)
