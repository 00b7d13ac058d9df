"""A customer's preferred call time, as the customer's record keeps it and callbacks respect it."""

from __future__ import annotations

from datetime import time

from core.basics import InvalidInput
from core.policy import parse_hours

_PREFERRED = "preferred call time"


def parse_call_time(text: str) -> tuple[time, time]:
    """A customer's preferred call time "HH:MM-HH:MM" (floor local time) as (start, end)."""
    span = parse_hours(text)
    if span is None:
        raise InvalidInput(
            _PREFERRED,
            f'{text!r} is not a time span; write it like "14:00-17:00" (24-hour clock, start before end)',
        )
    return span
