"""Field types shared by the models."""
from __future__ import annotations

from datetime import datetime, timezone

from peewee import DateTimeField


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
            value = value.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
        return super().db_value(value)

    def python_value(self, value):
        value = super().python_value(value)
        if isinstance(value, datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value
