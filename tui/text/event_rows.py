"""A ticket's timeline events in words for the Timeline widget: kinds and changes translated,
policy ids as their names, times in floor-local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from core.basics import EventView, TicketDetail
from core.policy import Policy
from tui.i18n import ticket as _words  # noqa: F401  (registers the kinds' words)
from tui.i18n import tr, tr_or_same
from tui.labels import label
from tui.text.floor_time import floor_time


@dataclass(frozen=True)
class TimelineRow:
    """One event as words for the Timeline widget (tui/widgets/timeline.py): translated here,
    only laid out there."""

    when: str
    """Floor-local time, HH:MM today or MM-DD HH:MM."""
    actor: str
    kind: str
    """The kind in words, in the current language."""
    text: str
    """What happened (customer or agent text: drawn literally, never as markup)."""
    tone: str = ""
    """'contact', 'change' or '': picks the kind's colour."""


TONES = {
    "contact_in": "contact",
    "contact_out": "contact",
    "claimed": "change",
    "status": "change",
    "resolved": "change",
    "closed": "change",
    "reopened": "change",
    "tier": "change",
    "category": "change",
    "low_score": "change",
    "follow_up_passed": "change",
    "improvement": "change",
    "assigned": "change",
    "waiting": "contact",
    "clock_paused": "change",
    "clock_resumed": "change",
    "alert": "change",
}


def kind_words(kind: str) -> str:
    return _words_or_id("ticket.kind", kind)


def _words_or_id(prefix: str, ident: str) -> str:
    """The words for prefix.ident, or ident itself when the catalogue has none (a newer kind)."""
    key = f"{prefix}.{ident}"
    words = tr_or_same(key)
    return ident if words == key else words


def timeline_rows(detail: TicketDetail, policy: Policy, tz: tzinfo, today: date) -> list[TimelineRow]:
    """Newest first: what the agent needs is at the top, the history below it."""
    last_resolved = max((e.id for e in detail.events if e.kind == "resolved"), default=None)
    rows = []
    for event in reversed(detail.events):
        text = describe(event, policy, tz, today)
        if event.id == last_resolved and detail.status in ("resolved", "closed") and detail.confirmation:
            text = "; ".join(p for p in (text, tr("ticket.ev.confirmed", how=detail.confirmation)) if p)
        rows.append(
            TimelineRow(
                floor_time(event.at, tz, today),
                event.actor,
                kind_words(event.kind),
                text,
                TONES.get(event.kind, ""),
            )
        )
    return rows


def describe(event: EventView, policy: Policy, tz: tzinfo, today: date) -> str:
    """What changed (from before/after) and the event's text, as one line of words."""
    before, after = event.before or {}, event.after or {}
    parts: list[str] = []
    kind = event.kind
    if kind == "created" and after:
        parts.append(
            tr(
                "ticket.ev.created",
                tier=_tier(after.get("tier")),
                channel=label(policy, "channel", after.get("channel")),
            )
        )
    elif kind == "tier" and "tier" in after:
        parts.append(tr("ticket.ev.change", before=_tier(before.get("tier")), after=_tier(after["tier"])))
    elif kind == "category" and "category" in after:
        parts.append(tr("ticket.ev.change", before=_category(policy, before), after=_category(policy, after)))
    elif kind == "handoff" and "stage" in after:
        parts.append(_handoff(policy, after, tz, today))
    elif kind == "clock_paused":
        parts.append(_words_or_id("ticket.ev.paused", str(after.get("reason", ""))))
    elif kind == "clock_resumed":
        due = after.get("solution_due_at")
        parts.append(
            tr(
                "ticket.ev.resumed",
                held=_minutes(after.get("held_minutes")),
                due=floor_time(datetime.fromisoformat(due), tz, today) if due else "-",
            )
        )
    elif kind == "alert" and "alert" in after:
        return _alert(after, tz, today)
    elif kind in ("low_score", "reopened") and "follow_up" in after:
        return _low_score(before, after)
    elif kind == "follow_up_passed" and "callback" in after:
        return tr(
            "ticket.ev.follow_up_passed",
            number=after["callback"],
            before=before.get("owner") or "-",
            after=after.get("owner") or "-",
        )
    elif "status" in after and "status" in before and before["status"] != after["status"]:
        parts.append(tr("ticket.ev.change", before=_status(before["status"]), after=_status(after["status"])))
    if after.get("owner") and before.get("owner"):  # a move: from whom, to whom
        parts.append(tr("ticket.ev.owner_moved", before=before["owner"], after=after["owner"]))
    elif after.get("owner") and "owner" in before:
        parts.append(tr("ticket.ev.owner", owner=after["owner"]))
    if after.get("first_response_at"):
        parts.append(tr("ticket.ev.first_response"))
    if kind == "waiting" and event.text:
        parts.append(f"{tr('ticket.ev.asked')}: {event.text}")
    elif event.text:
        parts.append(event.text)
    return "; ".join(parts)


def _alert(after: dict, tz: tzinfo, today: date) -> str:
    """An alert before a breach (core/supervision/alerts.py) in the reader's language (the
    event's text is English, for the record)."""
    due = after.get("due")
    kind = "owner_away" if after["alert"] == "owner_away" else "unclaimed"
    told = after.get("told")
    values = {
        "minutes": after.get("minutes", "?"),
        "due": floor_time(datetime.fromisoformat(due), tz, today) if due else "-",
        "owner": after.get("owner") or "-",
    }
    if told is None:  # an entry written before alerts said who was online to hear them
        return tr(f"ticket.ev.alert.{kind}", **values)
    heard = tr("ticket.ev.alert.told", told=", ".join(told)) if told else tr("ticket.ev.alert.nobody")
    return tr("ticket.ev.alert.with_told", what=tr(f"ticket.ev.alert.{kind}.what", **values), told=heard)


def _low_score(before: dict, after: dict) -> str:
    """A low score: the scored call, who follows up and the follow-up's number, in the reader's
    language (the event's text is English, for the record); the ticket reopened when it was."""
    parts = []
    if "status" in before and before.get("status") != after.get("status"):
        parts.append(tr("ticket.ev.change", before=_status(before["status"]), after=_status(after["status"])))
    parts.append(
        tr(
            "ticket.ev.low_score",
            number=after.get("callback", "?"),
            score=after.get("overall", "?"),
            by=after.get("by") or tr("ticket.ev.a_supervisor"),
            follow_up=after["follow_up"],
        )
    )
    if after.get("said"):
        parts.append(str(after["said"]))
    return "; ".join(parts)


def _handoff(policy: Policy, after: dict, tz: tzinfo, today: date) -> str:
    """Sent: to whom and by when; a later stage: which handoff moved on (the answer is the text)."""
    stage = after["stage"]
    if stage != "sent":
        return tr(
            "ticket.ev.handoff_stage",
            number=after.get("handoff", "?"),
            stage=_words_or_id("ticket.stage", stage),
        )
    due = after.get("due_at")  # core's ISO text (core.tickets.timeline.event_json)
    return tr(
        "ticket.ev.handoff_sent",
        department=label(policy, "department", after.get("department")) or "-",
        due=floor_time(datetime.fromisoformat(due), tz, today) if due else "-",
    )


def _minutes(minutes) -> str:
    """A held time as 1h05m / 45m."""
    hours, rest = divmod(minutes if isinstance(minutes, int) and minutes >= 0 else 0, 60)
    return f"{hours}h{rest:02d}m" if hours else f"{rest}m"


def _tier(tier) -> str:
    return tr(f"tier.{tier}") if tier in ("red", "yellow", "green") else str(tier or "-")


def _status(status) -> str:
    return _words_or_id("status", status) if status else "-"


def _category(policy: Policy, values: dict) -> str:
    name = label(policy, "category", values.get("category")) or "-"
    subtag = values.get("subtag")
    return (
        tr("ticket.classified", category=name, subtag=label(policy, "category", subtag)) if subtag else name
    )
