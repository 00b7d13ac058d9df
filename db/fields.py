"""Field types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import DateTimeField

EARLIEST_INSTANT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_INSTANT = datetime(2299, 12, 31, 23, 59, 59, tzinfo=UTC)
"""The instants a floor can mean: core.basics.validate refuses dates outside 1900..2200 as they come
in, and what is derived from them (a callback a week after the last day) stays inside. A
stored time beyond them, such as a 9999-12-31 "no date" written by an older version or by
hand, reads as the nearest bound: shown and sorted last, never an OverflowError in every
agent's list when it is turned into local time or has a working day added."""


class UTCDateTimeField(DateTimeField):
    """An instant, stored as naive UTC text so it sorts and compares in any engine.

    Aware datetimes go in; aware UTC datetimes come out. A naive datetime is refused,
    because a floor that mixes local and UTC times breaks every SLA figure quietly.
    """

    def db_value(self, value):
        if value is None:
            return None
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError(f"{self.name}: naive datetime {value!r}; pass an aware one")
            value = value.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        return super().db_value(value)

    def python_value(self, value):
        if isinstance(value, str):
            try:  # the stored form, read in C: peewee's format list costs ten times as much,
                value = datetime.fromisoformat(value)  # and a live queue reads 400 a page
            except ValueError:
                value = super().python_value(value)
        else:
            value = super().python_value(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        if isinstance(value, datetime):
            value = min(max(value, EARLIEST_INSTANT), LATEST_INSTANT)
        return value
