"""The floor's working calendar: working days, opening hours, holidays.

All calendar decisions are made in the floor's local time (wall-clock
opening hours such as 09:00-18:00 are built with ``tzinfo=self.tz`` and only
then converted), so zones with daylight saving time keep their local
opening hours. Every datetime this module returns is aware and in UTC.

Plain Python: stdlib ``zoneinfo``-style tzinfo objects for zones; a country's official days
off and make-up days from core/policy/official.py (python-holidays). No UI imports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from core.basics import PolicyError, Term
from core.policy.official import OfficialDays

__all__ = ["WorkingCalendar", "NoWorkingTime"]

_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)
# Searches give up after this many consecutive non-working days (~3 years),
# so a calendar without working days fails loudly instead of looping forever.
_MAX_GAP_DAYS = 3 * 366
# ...and after ten years in all: a year of business time at a minute a day would
# otherwise count for seconds and then run off the end of the calendar (year 9999).
_MAX_SEARCH_DAYS = 10 * 366


class NoWorkingTime(PolicyError, ValueError):
    """The calendar has no working time where a deadline needs it. A PolicyError, so every
    screen and command shows it as a refusal; a ValueError, as the calendar's refusals were."""

    def __init__(self, code: str, /, **params):
        super().__init__(Term("policy.source.floor_calendar"), "calendar", code, **params)


def _require_aware(dt: datetime, name: str) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")


def _require_date(d: date, name: str) -> None:
    # datetime is a subclass of date; a datetime here would compare unequal
    # to every holiday and silently ignore them, so refuse it.
    if isinstance(d, datetime):
        raise TypeError(f"{name} must be a date, not a datetime (use cal.local(dt).date())")


@dataclass(frozen=True)
class WorkingCalendar:
    """The floor's working time: which days are worked, the opening hours, holidays.

    ``hours`` are local wall-clock intervals ``[start, end)`` within one day,
    sorted and non-overlapping; an interval cannot cross midnight.
    Precedence for a day: the floor's own ``extra_workdays`` beat its own ``holidays``; then
    the official calendar (``official``): its make-up working days (调休), unless the floor
    listed the day in ``not_workdays``, beat its days off, unless listed in ``not_holidays``;
    last the weekday rule in ``workdays``.
    """

    tz: tzinfo
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    hours: tuple[tuple[time, time], ...] = ((time(9), time(18)),)
    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    official: OfficialDays | None = None
    not_holidays: frozenset[date] = frozenset()
    """Official days off the floor works anyway."""
    not_workdays: frozenset[date] = frozenset()
    """Official make-up working days the floor does not work."""

    def __post_init__(self) -> None:
        # Accept any iterables but store immutable values, so the calendar
        # stays hashable and cannot change under a caller.
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "extra_workdays", frozenset(self.extra_workdays))
        object.__setattr__(self, "not_holidays", frozenset(self.not_holidays))
        object.__setattr__(self, "not_workdays", frozenset(self.not_workdays))
        object.__setattr__(self, "hours", tuple((s, e) for s, e in self.hours))

        if not self.workdays <= set(range(7)):
            raise ValueError("workdays must be weekday numbers 0 (Monday) .. 6 (Sunday)")
        if not self.hours:
            raise ValueError("hours must contain at least one opening interval")
        previous_end: time | None = None
        for start, end in self.hours:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("hours must be naive local wall-clock times")
            if not start < end:
                raise ValueError(f"opening interval {start}-{end} must start before it ends")
            if previous_end is not None and start < previous_end:
                raise ValueError("hours must be sorted and non-overlapping")
            previous_end = end

    # ----------------------------------------------------------------- days

    def is_working_day(self, d: date) -> bool:
        """True if the floor works on ``d`` (a local calendar date)."""
        _require_date(d, "d")
        if d in self.extra_workdays:
            return True
        if d in self.holidays:
            return False
        official = self.official
        if official is not None:
            if official.workday(d) and d not in self.not_workdays:
                return True
            if official.holiday(d) and d not in self.not_holidays:
                return False
        return d.weekday() in self.workdays

    def why_not_working(self, d: date, language: str = "en") -> str | None:
        """The official name of a day off (国庆节), or None (a weekend, or a working day)."""
        if self.is_working_day(d) or self.official is None or d in self.holidays:
            return None
        return self.official.name(d, language)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        _require_date(d, "d")
        return next(self._working_days_from(d + _ONE_DAY))

    def working_days_between(self, start: date, end: date) -> list[date]:
        """Working days ``d`` with ``start <= d < end``, in order."""
        _require_date(start, "start")
        _require_date(end, "end")
        if end <= start:
            return []
        if (end - start).days > _MAX_SEARCH_DAYS:
            raise NoWorkingTime("policy.calendar.no_deadline", day=start.isoformat())
        days, d, working = [], start, self.is_working_day
        while d < end:
            if working(d):
                days.append(d)
            d += _ONE_DAY
        return days

    # ---------------------------------------------------------------- times

    def local(self, dt: datetime) -> datetime:
        """The same instant as ``dt``, expressed in the floor's time zone."""
        _require_aware(dt, "dt")
        return dt.astimezone(self.tz)

    def is_working_time(self, dt: datetime) -> bool:
        """True if ``dt`` falls inside an opening interval ``[start, end)`` of a working day."""
        _require_aware(dt, "dt")
        d = self.local(dt).date()
        if not self.is_working_day(d):
            return False
        return any(start <= dt < end for start, end in self._intervals(d))

    def next_opening(self, dt: datetime) -> datetime:
        """``dt`` itself if it is working time, else the next interval start (UTC)."""
        _require_aware(dt, "dt")
        for d in self._working_days_from(self.local(dt).date()):
            for start, end in self._intervals(d):
                if dt < end:
                    return max(start, dt.astimezone(UTC))
        raise AssertionError("unreachable: _working_days_from never ends normally")

    def end_of_working_day(self, d: date) -> datetime:
        """The close of ``d``'s last opening interval (UTC); ``d`` must be a working day."""
        if not self.is_working_day(d):
            raise ValueError(f"{d.isoformat()} is not a working day")
        return self._intervals(d)[-1][1]

    def add_working_days(self, dt: datetime, n: int) -> datetime:
        """Move ``n`` working days forward from ``dt``, keeping the local time of day.

        A start outside working time is first moved to the next opening
        (Saturday 20:00 starts Monday 09:00), so ``n == 0`` returns that start.
        """
        _require_aware(dt, "dt")
        if n < 0:
            raise ValueError("n must be >= 0")
        start = self.local(self.next_opening(dt))
        if n == 0:
            return start.astimezone(UTC)
        days = self._working_days_from(start.date() + _ONE_DAY)
        for _ in range(n):
            target = next(days)
        # Rebuild the wall time on the target day so DST changes keep 09:00 at 09:00.
        wall = datetime.combine(target, start.time(), tzinfo=self.tz)
        return wall.astimezone(UTC)

    def add_business_time(self, dt: datetime, delta: timedelta) -> datetime:
        """The instant reached after ``delta`` of opening time, starting at ``dt``.

        Only opening hours count. A start outside working time begins at the
        next opening. When the time runs out exactly at an interval's close,
        that close is returned (not the next opening).
        """
        _require_aware(dt, "dt")
        if delta < _ZERO:
            raise ValueError("delta must be >= 0")
        cursor = self.next_opening(dt)
        if delta == _ZERO:
            return cursor
        remaining = delta
        # One step per opening interval of each working day: a year of
        # business time is a few hundred steps, never minute by minute.
        for d in self._working_days_from(self.local(cursor).date()):
            for start, end in self._intervals(d):
                if end <= cursor:
                    continue
                begin = max(start, cursor)
                available = end - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        raise AssertionError("unreachable: _working_days_from never ends normally")

    def business_time_between(self, a: datetime, b: datetime) -> timedelta:
        """Opening time between ``a`` and ``b``; negative if ``b`` is before ``a``."""
        _require_aware(a, "a")
        _require_aware(b, "b")
        if b < a:
            return -self.business_time_between(b, a)
        total = _ZERO
        first = self.local(a).date()
        last = self.local(b).date()
        for d in self.working_days_between(first, last + _ONE_DAY):
            for start, end in self._intervals(d):
                overlap = min(end, b) - max(start, a)
                if overlap > _ZERO:
                    total += overlap
        return total

    # -------------------------------------------------------------- helpers

    def _intervals(self, d: date) -> list[tuple[datetime, datetime]]:
        """``d``'s opening intervals as UTC instants (built from local wall times)."""
        utc = UTC
        return [
            (
                datetime.combine(d, start, tzinfo=self.tz).astimezone(utc),
                datetime.combine(d, end, tzinfo=self.tz).astimezone(utc),
            )
            for start, end in self.hours
        ]

    def _working_days_from(self, first: date) -> Iterator[date]:
        """Working days ``>= first``, in order, without end.

        Raises NoWorkingTime once ~3 years pass without a working day, which is
        how an empty calendar (or one whose make-up days ran out) is refused, and
        once the search passes ten years or the calendar's last representable days.
        """
        if not self.workdays and not self.extra_workdays:
            raise NoWorkingTime("policy.calendar.no_working_days")
        d = first
        gap = 0
        last = first + timedelta(days=_MAX_SEARCH_DAYS) if first < date(9000, 1, 1) else date.max - _ONE_DAY
        while True:
            if d >= last:
                raise NoWorkingTime("policy.calendar.no_deadline", day=first.isoformat())
            if self.is_working_day(d):
                gap = 0
                yield d
            else:
                gap += 1
                if gap > _MAX_GAP_DAYS:
                    raise NoWorkingTime("policy.calendar.no_working_days_from", day=first.isoformat())
            d += _ONE_DAY
