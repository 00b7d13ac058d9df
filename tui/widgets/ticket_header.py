"""A ticket's header: ref, tier, status, owner, customer (masked phone), channel, category,
and the response and solution countdowns, which tick in their own small Static."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from core.basics import TicketDetail
from core.policy import Policy
from core.tickets import TargetState, sla_state
from tui.i18n import ticket as _words  # noqa: F401  (registers the header's words)
from tui.i18n import tr, tr_or_same
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

Part = str | tuple[str, str]
"""Plain text, or (text, style with theme variables): never markup, so customer text stays text."""


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
