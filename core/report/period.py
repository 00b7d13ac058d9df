"""What the report's figures count over: a period of floor time, start <= t < end.

A week (core.report.week.Week), a calendar month (core.report.month.Month) and a week clipped
to a month (Span, the monthly report's trend) are all periods: each has a label, its bounds
as floor wall-clock times (local_start, local_end) and as instants (start, end, UTC). The
figures read only those, so "received in the period" and "completed in the period" mean the
same for every report (core.report.figures).

A week and a month are both a CalendarPeriod: a numbered stretch of the floor's calendar
("2026-W47", "2026-11") from one local midnight to the next period's, read from the text a
person types and refused, with the same words, when it is not one or has not begun.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from typing import TYPE_CHECKING, ClassVar, NamedTuple, Protocol, Self

from core.basics import InvalidInput

MIDNIGHT = time(0, 0)
FIRST_YEAR = 1900
"""The first year a period may be in."""


class Period(Protocol):
    """A stretch of the floor's time that the figures count over."""

    @property
    def label(self) -> str: ...

    @property
    def local_start(self) -> datetime: ...

    @property
    def local_end(self) -> datetime: ...

    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...


class Bounds:
    """A period's instants from its floor-time bounds: start <= t < end."""

    if TYPE_CHECKING:  # a subclass gives them, as fields or properties

        @property
        def local_start(self) -> datetime: ...

        @property
        def local_end(self) -> datetime: ...

    @property
    def start(self) -> datetime:
        """The first instant, UTC."""
        return self.local_start.astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the period, UTC."""
        return self.local_end.astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end


@dataclass(frozen=True)
class Span(Bounds):
    """A labelled stretch of floor time, e.g. the part of an ISO week inside one month."""

    label: str
    """What the reader sees: "2026-W44"."""
    local_start: datetime
    """The first instant, floor time (aware)."""
    local_end: datetime
    """The first instant after it, floor time (aware)."""


class Refusals(NamedTuple):
    """A kind of period's refusal codes (core.report.messages), by what is wrong."""

    not_one: str
    """The text is not written like one."""
    too_early: str
    """Its year is before FIRST_YEAR."""
    no_such: str
    """Its number is not one the year has."""
    not_begun: str
    """It lies wholly in the future."""


class CalendarPeriod(Bounds):
    """A week or a month of the floor's calendar: from local midnight on its first day to
    local midnight on the next one's first day, so in a daylight-saving zone it still starts
    at local midnight whatever its length in hours. A subclass (a frozen dataclass of year,
    number and tz) says how it is written, numbered and shifted."""

    KIND: ClassVar[str]
    """"week" or "month": the field a refusal names."""
    PATTERN: ClassVar[re.Pattern[str]]
    """The text of one: the year, then the number."""
    REFUSALS: ClassVar[Refusals]

    tz: tzinfo
    """The floor's time zone: the period runs from local midnight to local midnight."""

    if TYPE_CHECKING:  # the subclass's dataclass fields

        def __init__(self, year: int, number: int, tz: tzinfo) -> None: ...

    @property
    def label(self) -> str:
        raise NotImplementedError

    @property
    def first_day(self) -> date:
        raise NotImplementedError

    def shifted(self, by: int) -> Self:
        """The period `by` later (earlier when negative)."""
        raise NotImplementedError

    @classmethod
    def of_date(cls, day: date, tz: tzinfo) -> Self:
        """The period that holds the floor's local date day."""
        raise NotImplementedError

    @classmethod
    def numbers_in(cls, year: int) -> tuple[int, dict]:
        """How many periods the year has, and what a refusal of a number beyond says of it."""
        raise NotImplementedError

    @property
    def local_start(self) -> datetime:
        """The first day's 00:00, floor time (aware)."""
        return datetime.combine(self.first_day, MIDNIGHT, tzinfo=self.tz)

    @property
    def local_end(self) -> datetime:
        """The next period's first 00:00, floor time (aware); the period ends just before it."""
        return self.shifted(1).local_start

    @property
    def previous(self) -> Self:
        return self.shifted(-1)

    def is_finished(self, now: datetime) -> bool:
        return self.end <= now

    def __str__(self) -> str:
        return self.label

    @classmethod
    def containing(cls, instant: datetime, tz: tzinfo) -> Self:
        """The period that holds instant, by the floor's local date."""
        return cls.of_date(instant.astimezone(tz).date(), tz)

    @classmethod
    def last_full(cls, now: datetime, tz: tzinfo) -> Self:
        """The period before the one that holds now: a report's default."""
        return cls.containing(now, tz).previous

    @classmethod
    def parse(cls, text: str | None, now: datetime, tz: tzinfo) -> Self:
        """The period text names, or the last full one when text is None or blank.
        InvalidInput says what is wrong: not one, a number the year does not have, or one
        that has not begun yet (which ones are allowed). The current one is allowed: its
        figures are as of now."""
        if text is None or not str(text).strip():
            return cls.last_full(now, tz)
        typed, kind, refusals = str(text).strip(), cls.KIND, cls.REFUSALS
        match = cls.PATTERN.match(typed)
        if not match:
            raise InvalidInput(kind, refusals.not_one, value=typed)
        year, number = int(match[1]), int(match[2])
        if year < FIRST_YEAR:
            raise InvalidInput(kind, refusals.too_early, value=typed, first=FIRST_YEAR)
        count, said = cls.numbers_in(year)
        if not 1 <= number <= count:
            raise InvalidInput(kind, refusals.no_such, value=typed, **said)
        period = cls(year, number, tz)
        current = cls.containing(now, tz)
        if period.start > now:
            raise InvalidInput(
                kind,
                refusals.not_begun,
                **{kind: period.label},
                starts=f"{period.local_start:%Y-%m-%d %H:%M}",
                current=current.label,
                last_full=current.previous.label,
            )
        return period

    @classmethod
    def resolve(cls, period: str | Self | None, now: datetime, tz: tzinfo) -> Self:
        """A period in the floor's zone from what a caller holds: one (checked against now
        like text), a label, or None (the last full one)."""
        return cls.parse(period.label if isinstance(period, CalendarPeriod) else period, now, tz)
