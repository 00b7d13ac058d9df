"""A ticket's header: ref, tier, status, owner, customer (masked phone), channel, category,
and the response and solution countdowns, which tick in their own small Static."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from core.basics import TicketDetail
from core.policy import Policy
from core.tickets import OPEN_STATUSES, TargetState, sla_state
from tui.i18n import language, tr, tr_or_same
from tui.i18n import ticket as _words  # noqa: F401  (registers the header's words)
from tui.labels import label
from tui.text.cells import cell, left_text
from tui.text.floor_time import floor_time

NAME_CELLS = 24
CATEGORY_CELLS = 34
CHANNEL_CELLS = 20
GAP = "  "
TIER_STYLES = {"red": "$error bold", "yellow": "$warning bold", "green": "$success bold"}
MOOD_STYLES = {"angry": "$error", "anxious": "$warning"}
STATE_STYLES = {"overdue": "$error bold reverse", "late": "$warning", "met": "$success", "pending": ""}

_WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
}


def opening_words(at: datetime, now: datetime) -> str:
    """An opening in floor time: "09:00" today, "Mon 09:00" within the week, else "10-08 09:00"
    (after a long holiday a weekday name alone would name the wrong week)."""
    days = (at.date() - now.date()).days
    if days == 0:
        return f"{at:%H:%M}"
    if days < 7:
        return f"{_WEEKDAYS[language()][at.weekday()]} {at:%H:%M}"
    return f"{at:%m-%d %H:%M}"


Part = str | tuple[str, str]
"""Plain text, or (text, style with theme variables): never markup, so customer text stays text."""


def clock_starts(detail: TicketDetail, now: datetime, policy: Policy) -> datetime | None:
    """When an open ticket taken in outside working time starts its clock (business mode),
    while that is still ahead: the agent at 05:47 sees the clock waits for 09:00."""
    if policy.sla_mode != "business" or detail.status not in OPEN_STATUSES:
        return None
    opening = policy.calendar.next_opening(detail.received_at)
    return opening if opening > detail.received_at and opening > now else None


class TicketHeader(Vertical):
    """Three lines, three Statics: who and what, the customer, and the clock. show(detail)
    after every read; tick() when only the clock moved (no database, only the clock line)."""

    DEFAULT_CSS = """
    TicketHeader { height: auto; }
    TicketHeader > Static { height: 1; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, policy: Policy, now: Callable[[], datetime], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.policy = policy
        self.now = now
        """The session's clock (tests freeze and move it)."""
        self.detail: TicketDetail | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="ticket-title")
        yield Static(id="ticket-who")
        yield Static(id="ticket-clock")

    def _put(self, name: str, parts: list[Part]) -> None:
        spaced: list[Part] = []
        for part in parts:
            if part and (part[0] if isinstance(part, tuple) else part):
                spaced += [GAP, part] if spaced else [part]
        self.query_one(f"#ticket-{name}", Static).update(Content.assemble(*spaced))

    def failed(self, text: str) -> None:
        self.detail = None
        self._put("title", [(text, "$error bold")])
        self._put("who", [])
        self._put("clock", [])

    def show(self, detail: TicketDetail) -> None:
        self.detail = detail
        policy = self.policy
        tier = (
            f"{tr(f'tier.{detail.tier}.mark')} {tr(f'tier.{detail.tier}')}",
            TIER_STYLES.get(detail.tier, ""),
        )
        status = (
            tr(f"status.{detail.status}"),
            "$success" if detail.status in ("resolved", "closed") else "",
        )
        owner = (
            tr("ticket.owner", owner=cell(detail.owner, 12).rstrip())
            if detail.owner
            else (tr("ticket.unowned"), "$accent bold")
        )
        channel = label(policy, "channel", detail.channel)
        if detail.platform:
            channel = f"{channel} ({detail.platform})"
        mood = (
            (tr_or_same(f"ticket.mood.{detail.mood}"), MOOD_STYLES.get(detail.mood, ""))
            if detail.mood
            else ""
        )
        reopened = tr("ticket.reopened", count=detail.reopened_count) if detail.reopened_count else ""
        self._put(
            "title",
            [
                (detail.ref, "bold"),
                tier,
                status,
                owner,
                cell(channel, CHANNEL_CELLS).rstrip(),
                mood,
                reopened,
            ],
        )
        name = cell(detail.customer_name, NAME_CELLS).rstrip()
        phone = detail.customer.phone_masked if detail.customer else ""
        category = label(policy, "category", detail.category)
        if detail.subtag:
            category = tr(
                "ticket.classified", category=category, subtag=label(policy, "category", detail.subtag)
            )
        self._put(
            "who", [tr("ticket.customer", name=name, phone=phone), cell(category, CATEGORY_CELLS).rstrip()]
        )
        self.tick()

    def tick(self) -> None:
        """The countdowns at the clock's current time, from the last read (no database)."""
        detail = self.detail
        if detail is None:
            return
        now = self.now()
        state = sla_state(detail, now, self.policy)
        today = self.policy.calendar.local(now).date()
        parts: list[Part] = [
            self._countdown(tr(f"ticket.sla.{name}"), target, today)
            for name, target in (("response", state.response), ("solution", state.solution))
        ]
        tz = self.policy.calendar.tz
        if state.paused_at is not None:
            why = "customer" if detail.status == "waiting" else "department"
            parts[1] = (
                tr(
                    f"ticket.sla.paused.{why}",
                    left=left_text(state.solution.left or timedelta(0)),
                    since=floor_time(state.paused_at, tz, today),
                ),
                "$accent",
            )
        starts = clock_starts(detail, now, self.policy)
        if starts is not None:  # first: the countdowns after it have not begun
            parts.insert(
                0,
                (
                    tr("ticket.sla.starts", at=opening_words(starts.astimezone(tz), now.astimezone(tz))),
                    "$accent",
                ),
            )
        if state.update_due_by is not None:
            at = floor_time(state.update_due_by, self.policy.calendar.tz, today)
            parts.append(
                (tr("ticket.update_overdue", time=at), "$error bold")
                if state.update_overdue
                else (tr("ticket.update_due", time=at), "$accent bold")
            )
        self._put("clock", parts)

    def _countdown(self, target_name: str, target: TargetState, today) -> tuple[str, str]:
        if target.left is not None:
            if target.overdue:
                return tr(
                    "ticket.sla.overdue", target=target_name, left=left_text(-target.left)
                ), STATE_STYLES["overdue"]
            return tr("ticket.sla.left", target=target_name, left=left_text(target.left)), STATE_STYLES[
                "pending"
            ]
        if target.done_at is not None:
            at = floor_time(target.done_at, self.policy.calendar.tz, today)
            if target.met_late:
                return tr("ticket.sla.met_late", target=target_name, time=at), STATE_STYLES["late"]
            return tr("ticket.sla.met", target=target_name, time=at), STATE_STYLES["met"]
        return tr("ticket.sla.stopped", target=target_name), ""
