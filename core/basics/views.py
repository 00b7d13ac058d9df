"""What core hands to screens and the command line: plain, frozen records (never models)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime, timedelta, tzinfo

INTERNAL = {"internal": True}
"""Field metadata: a handle for the program (a row id), left out of what a person or a script
reads (plain)."""


@dataclass(frozen=True)
class AgentView:
    login: str
    display_name: str
    role: str
    team: str | None
    active: bool


@dataclass(frozen=True)
class CustomerView:
    code: str
    name: str
    short_name: str | None
    contact_person: str | None
    phone_masked: str
    type: str
    industry: str | None
    delivery_date: date | None


@dataclass(frozen=True)
class EventView:
    id: int
    at: datetime
    actor: str
    kind: str
    text: str | None
    before: dict | None
    after: dict | None


@dataclass(frozen=True)
class TicketSummary:
    ref: str
    status: str
    tier: str
    owner: str | None
    customer_code: str
    customer_name: str
    channel: str
    platform: str | None
    category: str
    subtag: str | None
    received_at: datetime
    response_due_at: datetime
    solution_due_at: datetime
    first_response_at: datetime | None
    next_due_at: datetime | None


@dataclass(frozen=True)
class TicketDetail(TicketSummary):
    description: str = ""
    mood: str | None = None
    tier_source: str = ""
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = None
    confirmation: str | None = None
    reopened_count: int = 0
    inbound_contacts: int = 0
    last_update_at: datetime | None = None
    row_version: int = 1
    paused_at: datetime | None = None
    """The solution clock stopped then (waiting on the customer or a department); None: runs."""
    customer: CustomerView | None = None
    ticket_id: int = field(default=0, compare=False, metadata=INTERNAL)
    """The ticket's row id: how a screen matches the floor's changes to it (not shown)."""
    sla: dict | None = None
    events: tuple[EventView, ...] = ()


def plain(record, tz: tzinfo) -> dict:
    """A record as JSON-ready values: instants in floor-local ISO 8601, durations in seconds."""
    return _plain(record, tz)


def _plain(value, tz):
    if is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name), tz)
            for f in fields(value)
            if not f.metadata.get("internal")
        }
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, timedelta):
        return int(value.total_seconds())
    if isinstance(value, dict):
        return {k: _plain(v, tz) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, tz) for v in value]
    return value


def summary_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(TicketSummary))


def decode_json(text: str | None):
    return json.loads(text) if text else None
