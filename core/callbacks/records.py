"""Loading one callback by the number a person typed, and the checks every change to one starts
with (shared by the calls, the follow-ups and the listing)."""

from __future__ import annotations

from datetime import UTC, tzinfo

from core.basics import NotFound, Refused
from core.basics.errors import Term
from db.models import Callback


def load_callback(callback_id) -> Callback:
    try:
        number = int(str(callback_id).strip().lstrip("#"))
    except ValueError:
        raise NotFound("callback.not_a_number", value=callback_id) from None
    # Past SQLite's 64-bit integers no row can have that number (and the driver would raise).
    row = Callback.get_or_none(Callback.id == number) if abs(number) < 2**63 else None
    if row is None:
        raise NotFound("callback.not_found", number=number)
    return row


def require_open(row: Callback, tz: tzinfo = UTC) -> None:
    """Refused unless the callback is open; when it was finished, says when in floor time (tz)."""
    if row.status != "open":
        status = Term(f"callback.status.{row.status}")
        if row.completed_at:
            at = row.completed_at.astimezone(tz)
            raise Refused("callback.finished", number=row.id, status=status, at=f"{at:%Y-%m-%d %H:%M}")
        raise Refused("callback.not_open", number=row.id, status=status)


__all__ = ["load_callback", "require_open"]
