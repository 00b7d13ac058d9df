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
        raise InvalidInput(_PREFERRED, "customer.call_time_invalid", text=text)
    return span
