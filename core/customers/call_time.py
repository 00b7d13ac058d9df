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


def kept_call_time(text: str | None) -> tuple[time, time] | None:
    """The stored preference as (start, end), or None: none set, or an old bad value (checked
    when set; such a value only loses the preference, it never stops a callback)."""
    try:
        return parse_call_time(text) if text else None
    except InvalidInput:
        return None
