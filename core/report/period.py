"""What the report's figures count over: a period of floor time, start <= t < end.

A week (core.report.week.Week), a calendar month (core.report.month.Month) and a week clipped
to a month (Span, the monthly report's trend) are all periods: each has a label, its bounds
as floor wall-clock times (local_start, local_end) and as instants (start, end, UTC). The
figures read only those, so "received in the period" and "completed in the period" mean the
same for every report (core.report.figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


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


@dataclass(frozen=True)
class Span:
    """A labelled stretch of floor time, e.g. the part of an ISO week inside one month."""

    label: str
    """What the reader sees: "2026-W44"."""
    local_start: datetime
    """The first instant, floor time (aware)."""
    local_end: datetime
    """The first instant after it, floor time (aware)."""

    @property
    def start(self) -> datetime:
        return self.local_start.astimezone(UTC)

    @property
    def end(self) -> datetime:
        return self.local_end.astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end
