"""The floor screen's second list: what nobody holds, in three sections (core.supervision.floor):
unclaimed tickets at risk or overdue (the queue's order), STUCK handoffs (by deadline) and
low-score follow-ups without a supervisor. Customer names come masked from core and are drawn
as text. Enter asks for what the line is about (Opened)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from textual.binding import Binding
from textual.message import Message

from core.supervision.floor import FloorView, FollowUpLine, HandoffLine, TicketLine
from core.tickets.queue import OVERDUE
from tui.i18n import floor as _words  # noqa: F401  (registers the list's words)
from tui.i18n import tr
from tui.text.cells import cell, left_text
from tui.text.floor_time import floor_time
from tui.widgets.cursor_lines import BLANK, CursorLines, Drawn
from tui.widgets.floor_table import WIDE

Item = TicketLine | HandoffLine | FollowUpLine
GAP = (" ", None)


def _section(title_key: str, shown: int, total: int) -> Drawn:
    title = tr(title_key)
    words = (
        tr("floor.section.count", title=title, count=total)
        if shown >= total
        else tr("floor.section.some", title=title, shown=shown, count=total)
    )
    return Drawn(((" " + words, None),), look="cursor-lines--section")


def _row(parts: list[tuple[str, int, str | None]], customer: str, width: int, key: object) -> Drawn:
    """A line: each part cut to its width, a cell apart, then the customer's name in the rest."""
    cells: list[tuple[str, str | None]] = [GAP]
    for text, cells_wide, look in parts:
        cells += [(cell(text, cells_wide), look), GAP]
    used = 1 + sum(wide + 1 for _, wide, _ in parts)
    cells.append((cell(customer, max(8, width - used)), None))
    return Drawn(tuple(cells), key=key)


class NeedsList(CursorLines):
    BINDINGS = [
        Binding("down,j", "move(1)", "floor.key.down", show=False, id="floor.needs.down"),
        Binding("up,k", "move(-1)", "floor.key.up", show=False, id="floor.needs.up"),
        Binding("pagedown", "page(1)", "floor.key.pagedown", show=False, id="floor.needs.pagedown"),
        Binding("pageup", "page(-1)", "floor.key.pageup", show=False, id="floor.needs.pageup"),
        Binding("home", "jump(0)", "floor.key.top", show=False, id="floor.needs.top"),
        Binding("end,G", "jump(-1)", "floor.key.bottom", show=False, id="floor.needs.bottom"),
        Binding("enter", "open", "floor.needs.key.open", id="floor.needs.open"),
    ]

    class Opened(Message):
        """Enter on a ticket, a handoff or a follow-up."""

        def __init__(self, item: Item) -> None:
            self.item = item
            super().__init__()

    def __init__(self, tz: tzinfo, department_name: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.tz = tz
        self.department_name = department_name
        """The directory's id -> the policy's word for it in the current language."""
        self.view: FloorView | None = None
        self._items: dict[object, Item] = {}

    def show(self, view: FloorView) -> None:
        keep, had = self.current_key, self.current is not None
        self.view = view
        self._draw(keep)
        if (self.current is not None) != had:
            self.screen.refresh_bindings()  # Enter comes or goes with the line under the cursor

    def _draw(self, keep: object = None) -> None:
        view = self.view
        if view is None:
            return
        width, now = self.inner_width, view.now
        today = now.astimezone(self.tz).date()
        lines: list[Drawn] = []
        items: dict[object, Item] = {}
        lines.append(_section("floor.section.unclaimed", len(view.unclaimed), view.unclaimed_total))
        for ticket in view.unclaimed:
            items[("ticket", ticket.ref)] = ticket
            lines.append(self._ticket(ticket, width, now, today))
        spaced = self.spaced(WIDE)
        if spaced:
            lines.append(BLANK)
        lines.append(_section("floor.section.stuck", len(view.stuck), view.stuck_total))
        for handoff in view.stuck:
            items[("handoff", handoff.id)] = handoff
            lines.append(self._handoff(handoff, width, today))
        if spaced:
            lines.append(BLANK)
        lines.append(_section("floor.section.follow_ups", len(view.follow_ups), view.follow_ups_total))
        for follow_up in view.follow_ups:
            items[("follow_up", follow_up.id)] = follow_up
            lines.append(self._follow_up(follow_up, width, today))
        self._items = items
        self.show_lines(lines, None, keep)

    def on_resize(self) -> None:
        super().on_resize()
        self._draw(self.current_key)

    def _ticket(self, line: TicketLine, width: int, now: datetime, today: date) -> Drawn:
        left = line.next_due_at - now
        overdue = line.band == OVERDUE
        when = tr("floor.over", time=left_text(-left)) if overdue else tr("floor.left", time=left_text(left))
        due = tr("floor.due", time=floor_time(line.next_due_at, self.tz, today))
        parts = [
            (tr(f"tier.{line.tier}.mark"), 2, f"cursor-lines--{line.tier}"),
            (line.ref, 7, None),
            (when, 12, "cursor-lines--error" if overdue else "cursor-lines--warning"),
            (due, 16, None),
        ]
        return _row(parts, line.customer_name, width, ("ticket", line.ref))

    def _handoff(self, line: HandoffLine, width: int, today: date) -> Drawn:
        since = tr(f"floor.stage.{line.stage}", time=floor_time(line.since, self.tz, today))
        due = tr("floor.due", time=floor_time(line.due_at, self.tz, today))
        parts = [
            ("!", 2, "cursor-lines--error"),
            (line.ref, 7, None),
            (self.department_name(line.department), 12, None),
            (since, 16, "cursor-lines--warning"),
            (due, 16, None),
            (line.owner or "", 8, "cursor-lines--muted"),
        ]
        return _row(parts, line.customer_name, width, ("handoff", line.id))

    def _follow_up(self, line: FollowUpLine, width: int, today: date) -> Drawn:
        score = tr("floor.score", score=line.score) if line.score is not None else tr("floor.score.unknown")
        due = tr("floor.due", time=floor_time(line.due_by, self.tz, today))
        owner = tr("floor.owner_left", login=line.owner) if line.owner else ""
        parts = [
            (tr("floor.follow_up", id=line.id), 10, None),
            (line.ticket_ref or "", 7, None),
            (score, 8, "cursor-lines--error"),
            (due, 16, None),
            (owner, 12, "cursor-lines--muted"),
        ]
        return _row(parts, line.customer_name, width, ("follow_up", line.id))

    @property
    def current(self) -> Item | None:
        return self._items.get(self.current_key)

    def cursor_moved(self) -> None:
        self.screen.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.current is not None
        return True

    def action_open(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Opened(item))
