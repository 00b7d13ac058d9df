"""The monthly report's month: a calendar month ("2026-11"), the 1st 00:00 to the next 1st
00:00 in the floor's time zone.

As with the week (core.report.week), the bounds are local midnights turned into instants, so
a month in a daylight-saving zone starts at local midnight whatever its length in hours. A
month is refused while it lies wholly in the future; the current month is allowed and its
figures are as of now. With no month given, the last full month is meant (the one before the
month that holds now): the month-end meeting's numbers.

The month's weeks (its satisfaction trend) are the ISO weeks that overlap it, each clipped to
the month: November 2026 begins on a Sunday, so its first "week" is 2026-W44 clipped to
Sunday 11-01 alone, and its last is 2026-W49 clipped to Monday 11-30. The clipped weeks tile
the month exactly, so their counts add up to the month's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from core.basics import InvalidInput
from core.report.period import Span
from core.report.week import week_of_date

_PATTERN = re.compile(r"^(\d{4})-(\d{1,2})$")
_MIDNIGHT = time(0, 0)
_FIRST_YEAR = 1900


@dataclass(frozen=True)
class Month:
    """One calendar month of the floor's calendar."""

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

    @property
    def local_start(self) -> datetime:
        """The 1st 00:00, floor time (aware)."""
        return datetime.combine(self.first_day, _MIDNIGHT, tzinfo=self.tz)

    @property
    def local_end(self) -> datetime:
        """The next month's 1st 00:00, floor time (aware); the month ends just before it."""
        return self.shifted(1).local_start

    @property
    def start(self) -> datetime:
        """The first instant of the month, UTC."""
        return self.local_start.astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the month, UTC: the month is start <= t < end."""
        return self.local_end.astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def shifted(self, months: int) -> Month:
        """The month `months` later (earlier when negative)."""
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1, self.tz)

    @property
    def previous(self) -> Month:
        return self.shifted(-1)

    def is_finished(self, now: datetime) -> bool:
        return self.end <= now

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

    def __str__(self) -> str:
        return self.label


def month_containing(instant: datetime, tz: tzinfo) -> Month:
    """The month that holds instant, by the floor's local date."""
    local = instant.astimezone(tz)
    return Month(local.year, local.month, tz)


def last_full_month(now: datetime, tz: tzinfo) -> Month:
    """The month before the one that holds now: the default month of the report."""
    return month_containing(now, tz).previous


def parse_month(text: str | None, now: datetime, tz: tzinfo) -> Month:
    """The month text names ("2026-11"; also "2026-1"), or the last full month when text is
    None or blank. InvalidInput says what is wrong: not a month, a month number that is not
    1-12, or a month that has not begun yet (which months are allowed)."""
    if text is None or not str(text).strip():
        return last_full_month(now, tz)
    typed = str(text).strip()
    match = _PATTERN.match(typed)
    if not match:
        raise InvalidInput("month", "report.month.not_month", value=typed)
    year, number = int(match[1]), int(match[2])
    if year < _FIRST_YEAR:
        raise InvalidInput("month", "report.month.too_early", value=typed, first=_FIRST_YEAR)
    if not 1 <= number <= 12:
        raise InvalidInput("month", "report.month.no_such_month", value=typed)
    month = Month(year, number, tz)
    current = month_containing(now, tz)
    if month.start > now:
        raise InvalidInput(
            "month",
            "report.month.not_begun",
            month=month.label,
            starts=f"{month.local_start:%Y-%m-%d %H:%M}",
            current=current.label,
            last_full=current.previous.label,
        )
    return month


def resolve_month(month: str | Month | None, now: datetime, tz: tzinfo) -> Month:
    """A Month in the floor's zone from what a caller holds: a Month (checked against now like
    text), a label, or None (the last full month)."""
    return parse_month(month.label if isinstance(month, Month) else month, now, tz)
