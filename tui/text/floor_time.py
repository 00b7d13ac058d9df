"""Instants as the floor reads them: local HH:MM today, MM-DD HH:MM on other days."""

from __future__ import annotations

from datetime import date, datetime, tzinfo


def floor_time(at: datetime, tz: tzinfo, today: date) -> str:
    local = at.astimezone(tz)
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%m-%d %H:%M")
