"""Time for the demo generator: instants as whole UTC seconds, turned into text cheaply.

Building 100,000 tickets means millions of timestamps; datetime objects and their
conversions dominate the cost, so the generator works in integer seconds and formats them
from two small tables: the day part (one per calendar day) and the time of day (86,400).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, timedelta
from typing import overload

from core.policy import WorkingCalendar

UTC = UTC
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY = 86_400
HOUR = 3_600
MINUTE = 60


def seconds(at: datetime) -> int:
    """An aware datetime as whole seconds since the epoch."""
    return int(at.timestamp())


def instant(ts: int) -> datetime:
    """Whole seconds since the epoch as an aware UTC datetime."""
    return EPOCH + timedelta(seconds=ts)


class Stamps:
    """Seconds -> the text stored in a UTCDateTimeField column (naive UTC, as the sqlite3
    driver writes a datetime) and the ISO text core.tickets.timeline.event_json writes for an aware one."""

    def __init__(self):
        self._clock = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]
        self._days: dict[tuple[int, str], str] = {}

    @overload
    def db(self, ts: int) -> str: ...
    @overload
    def db(self, ts: None) -> None: ...
    def db(self, ts: int | None) -> str | None:
        return self._text(ts, " ", "")

    @overload
    def iso(self, ts: int) -> str: ...
    @overload
    def iso(self, ts: None) -> None: ...
    def iso(self, ts: int | None) -> str | None:
        return self._text(ts, "T", "+00:00")

    def _text(self, ts: int | None, separator: str, suffix: str) -> str | None:
        if ts is None:
            return None
        day, rest = divmod(ts, DAY)
        head = self._days.get((day, separator))
        if head is None:
            head = self._days[(day, separator)] = (EPOCH + timedelta(days=day)).strftime(
                "%Y-%m-%d"
            ) + separator
        return head + self._clock[rest] + suffix


class WorkingTime:
    """The floor's opening intervals between two instants, for 'when would an agent act'."""

    def __init__(self, calendar: WorkingCalendar, first: datetime, last: datetime):
        self.starts: list[int] = []
        self.ends: list[int] = []
        day = calendar.local(first).date() - timedelta(days=1)
        last_day = calendar.local(last).date() + timedelta(days=1)
        while day <= last_day:
            if calendar.is_working_day(day):
                for start, end in calendar.hours:
                    self.starts.append(seconds(datetime.combine(day, start, tzinfo=calendar.tz)))
                    self.ends.append(seconds(datetime.combine(day, end, tzinfo=calendar.tz)))
            day += timedelta(days=1)

    def is_open(self, ts: int) -> bool:
        i = bisect_right(self.starts, ts) - 1
        return i >= 0 and ts < self.ends[i]

    def at_or_after(self, ts: int) -> int:
        """ts itself in opening hours, else the next opening (ts past the known range)."""
        i = bisect_right(self.starts, ts) - 1
        if i >= 0 and ts < self.ends[i]:
            return ts
        return self.starts[i + 1] if i + 1 < len(self.starts) else ts


def local_day(calendar: WorkingCalendar, ts: int) -> date:
    return calendar.local(instant(ts)).date()
