"""The append-only timeline: every change to a ticket, written in the change's transaction."""

from __future__ import annotations

import json
from datetime import datetime
from typing import overload

from db.models import Ticket, TimelineEvent


@overload
def event_json(values: dict) -> str: ...
@overload
def event_json(values: None) -> None: ...
def event_json(values: dict | None) -> str | None:
    if values is None:
        return None
    return json.dumps(
        {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


def record(
    ticket: Ticket,
    at: datetime,
    actor: str,
    kind: str,
    text: str | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> TimelineEvent:
    """Append one event. Call inside the same transaction as the change it describes."""
    return TimelineEvent.create(
        ticket=ticket.id,
        at=at,
        actor=actor,
        kind=kind,
        text=text,
        before=event_json(before),
        after=event_json(after),
    )
