"""Time for the demo generator: instants as whole UTC seconds, turned into text cheaply.

Building 100,000 tickets means millions of timestamps; datetime objects and their
conversions dominate the cost, so the generator works in integer seconds and formats them
from two small tables: the day part (one per calendar day) and the time of day (86,400).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import UTC, date, datetime, time, timedelta
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
    """The opening intervals between two instants, and a "working clock" over them.

    b(ts) counts the opening seconds from the first interval up to ts; t(b) is the instant
    where that count reaches b, always inside an opening (a count reached exactly at a close
    is the next opening), so an agent's action planned as "so much working time after"
    lands in working hours. t_close(b) is the same instant except that a count reached
    exactly at a close is that close: how core.policy adds business time to a due time.
    hours, when given, replace the calendar's opening hours (a department's online hours
    within them); days stay the calendar's working days.
    """

    def __init__(
        self,
        calendar: WorkingCalendar,
        first: datetime,
        last: datetime,
        hours: tuple[tuple[time, time], ...] | None = None,
    ):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.before: list[int] = []  # opening seconds before each interval starts
        self.through: list[int] = []  # ... and when it closes
        self.day_starts: list[int] = []  # b at each working day's first opening
        self.day_cutoffs: list[int] = []  # b at that day's update cutoff (its close without one)
        hours = hours or calendar.hours
        day = calendar.local(first).date() - timedelta(days=1)
        last_day = calendar.local(last).date() + timedelta(days=1)
        count = 0
        while day <= last_day:
            if calendar.is_working_day(day):
                self.day_starts.append(count)
                for start, end in hours:
                    begin = seconds(datetime.combine(day, start, tzinfo=calendar.tz))
                    close = seconds(datetime.combine(day, end, tzinfo=calendar.tz))
                    self.starts.append(begin)
                    self.ends.append(close)
                    self.before.append(count)
                    count += close - begin
                    self.through.append(count)
                self.day_cutoffs.append(count)
            day += timedelta(days=1)

    def cut_days_at(self, calendar: WorkingCalendar, cutoff: time) -> None:
        """Each working day's cutoff (the customer update's, 17:00) as a working count."""
        for k, b_start in enumerate(self.day_starts):
            at = self.t(b_start)
            day = calendar.local(instant(at)).date()
            self.day_cutoffs[k] = min(
                self.day_cutoffs[k], self.b(seconds(datetime.combine(day, cutoff, tzinfo=calendar.tz)))
            )

    def is_open(self, ts: int) -> bool:
        i = bisect_right(self.starts, ts) - 1
        return i >= 0 and ts < self.ends[i]

    def at_or_after(self, ts: int) -> int:
        """ts itself in opening hours, else the next opening (ts past the known range)."""
        i = bisect_right(self.starts, ts) - 1
        if i >= 0 and ts < self.ends[i]:
            return ts
        return self.starts[i + 1] if i + 1 < len(self.starts) else ts

    def close_at_or_after(self, ts: int) -> int:
        """ts in opening hours or exactly at a close, else the close of the next opening
        (core.callbacks.rules: a callback due outside working time is due at a close)."""
        i = bisect_right(self.starts, ts) - 1
        if i >= 0 and ts <= self.ends[i]:
            return ts
        return self.ends[i + 1] if i + 1 < len(self.ends) else ts

    def close_of(self, ts: int) -> int:
        """The close of the opening ts (in opening hours) lies in."""
        i = bisect_right(self.starts, ts) - 1
        return self.ends[i] if i >= 0 else ts

    def b(self, ts: int) -> int:
        """The working clock at ts: opening seconds since the first interval."""
        i = bisect_right(self.starts, ts) - 1
        if i < 0:
            return 0
        return self.before[i] + min(ts, self.ends[i]) - self.starts[i]

    def t(self, b: int) -> int:
        """The instant the working clock reads b, in an opening (past the range: beyond its end)."""
        i = bisect_right(self.before, b) - 1
        if i < 0:
            return self.starts[0] if self.starts else b
        if b >= self.through[i]:  # past the last interval
            return self.ends[i] + b - self.through[i]
        return self.starts[i] + b - self.before[i]

    def t_close(self, b: int) -> int:
        """As t, but a count that runs out exactly at a close is that close."""
        i = bisect_left(self.through, b)
        if i >= len(self.through):
            return self.t(b)
        return self.ends[i] - (self.through[i] - b)

    def later(self, ts: int, working: int) -> int:
        """The moment `working` opening seconds after ts (in an opening)."""
        return self.t(self.b(ts) + working)

    def covers(self, ts: int) -> bool:
        """Whether ts lies inside the known range (a working clock reading means something)."""
        return bool(self.starts) and self.starts[0] <= ts < self.ends[-1]


def local_day(calendar: WorkingCalendar, ts: int) -> date:
    return calendar.local(instant(ts)).date()
