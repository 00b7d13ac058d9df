"""The floor screen's people: one line a person (core.supervision.floor.AgentLine), in core's
order (trouble first). Under WIDE columns: a state mark, the name, where they are (screen and
ticket; that they left; or when last seen: the time today, the date before), open tickets
red/yellow/green, at risk, overdue, callbacks due today, resolved today and today's first
replies in target. From WIDE: each of those in a column of its own, with the state, login,
role, last seen (date and time; "not seen" when never) and the shift pattern. Enter asks for
the person's tickets, m to move them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache

from textual.binding import Binding
from textual.message import Message

from core.supervision.floor import AWAY, LEFT, ONLINE, AgentLine
from tui.i18n import floor as _words  # noqa: F401  (registers the table's words)
from tui.i18n import tr
from tui.text.cells import cell, right_cell
from tui.text.floor_time import floor_time
from tui.widgets.cursor_lines import BLANK, CursorLines, Drawn

WIDE = 160
"""From this many columns every figure has a column of its own (a wall screen, a wide terminal)."""
NUMBERS = frozenset(
    ("open", "risk", "over", "cb", "done", "fr", "red", "yellow", "green", "at_risk", "overdue")
    + ("callbacks", "resolved", "first_response")
)
"""Columns aligned right."""


@dataclass(frozen=True)
class Column:
    key: str  # the value's name; its heading is floor.col.<key>
    width: int


@lru_cache(maxsize=8)
def layout(width: int) -> tuple[Column, ...]:
    """The columns for the list's width; the name (and on a wide list the shift) take the room
    the others leave."""
    if width >= WIDE:
        return _wide(width)
    fixed = [
        Column("mark", 1),
        Column("where", 15),
        Column("open", 8),
        Column("risk", 4),
        Column("over", 4),
        Column("cb", 4),
        Column("done", 4),
        Column("fr", 5),
    ]
    room = width - 1 - sum(c.width + 1 for c in fixed) - 1
    name = min(max(8, room), 28)
    where = fixed[1].width + max(0, room - name)
    return (fixed[0], Column("name", name), Column("where", where), *fixed[2:])


WIDE_FIGURES = ("red", "yellow", "green", "at_risk", "overdue", "callbacks", "resolved", "first_response")


def _wide(width: int) -> tuple[Column, ...]:
    """Every figure in a column of its own; the name and the shift grow to a measure, then the
    figures share what is left, so a wall's row spans the wall."""
    widths = {
        "mark": 1,
        "state": 6,
        "name": 10,
        "login": 10,
        "role": 10,
        "screen": 9,
        "ticket": 8,
        "seen": 11,
        "shift": 10,
        "red": 6,
        "yellow": 6,
        "green": 6,
        "at_risk": 8,
        "overdue": 8,
        "callbacks": 9,
        "resolved": 9,
        "first_response": 19,
    }
    room = width - 1 - sum(w + 1 for w in widths.values()) - 1
    for key, most in (("name", 14), ("shift", 20)):
        grow = max(0, min(room, most))
        widths[key] += grow
        room -= grow
    each = max(0, room) // len(WIDE_FIGURES)
    for key in WIDE_FIGURES:
        widths[key] += min(each, 8)
    return tuple(Column(key, w) for key, w in widths.items())


def header(width: int) -> Drawn:
    cells: list[tuple[str, str | None]] = [(" ", None)]
    for column in layout(width):
        words = "" if column.key == "mark" else tr(f"floor.col.{column.key}")
        fitted = right_cell(words, column.width) if column.key in NUMBERS else cell(words, column.width)
        cells.append((fitted + " ", None))
    return Drawn(tuple(cells))


def percent(line: AgentLine) -> str:
    rate = line.in_target_rate
    return "-" if rate is None else f"{round(rate * 100)}%"


def state_look(line: AgentLine) -> str:
    if line.unattended or line.state == LEFT:
        return "cursor-lines--alarm"
    return {ONLINE: "cursor-lines--online", AWAY: "cursor-lines--away"}.get(line.state, "cursor-lines--muted")


def seen_day_or_time(at: datetime, tz: tzinfo, today: date) -> str:
    """When last seen in the fewest cells: HH:MM today, MM-DD on another day."""
    local = at.astimezone(tz)
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%m-%d")


def where_words(line: AgentLine, tz: tzinfo, today: date) -> str:
    """The screen and ticket while online; that they left; when last seen while away (the time
    today, the date on another day); nothing when off."""
    if line.state == ONLINE:
        screen = tr(f"floor.screen.{line.screen}") if line.screen else "-"
        return f"{screen} {line.ticket_ref}" if line.ticket_ref else screen
    if line.state == LEFT:
        return tr("floor.state.left")
    if line.state == AWAY:
        if line.seen_at is None:
            return tr("floor.never_seen")
        return tr("floor.seen", time=seen_day_or_time(line.seen_at, tz, today))
    return ""


def seen_words(line: AgentLine, tz: tzinfo, today: date) -> str:
    """The wide Last seen column: when, with the date on another day; "not seen" when never;
    nothing while online (the Screen column says where)."""
    if line.state == ONLINE:
        return ""
    if line.seen_at is None:
        return tr("floor.never_seen")
    return floor_time(line.seen_at, tz, today)


def _count(value: int, look: str) -> tuple[str, str | None]:
    return str(value), look if value else None


def drawn(line: AgentLine, width: int, tz: tzinfo, today: date) -> Drawn:
    """A person's line in words, cut to the columns of the width."""
    state = state_look(line)
    values: dict[str, tuple[str, str | None]] = {
        "mark": (tr(f"floor.mark.{line.state}"), state),
        "name": (line.name, state if line.unattended or line.state == LEFT else None),
        "where": (where_words(line, tz, today), state if line.state != ONLINE else None),
        "open": (f"{line.red}/{line.yellow}/{line.green}", None),
        "risk": _count(line.at_risk, "cursor-lines--warning"),
        "over": _count(line.overdue, "cursor-lines--error"),
        "cb": (str(line.callbacks_today), None),
        "done": (str(line.resolved_today), None),
        "fr": (percent(line), None),
        "state": (tr(f"floor.state.{line.state}"), state),
        "login": (line.login, None),
        "role": (tr(f"floor.role.{line.role}") if line.role in ("agent", "supervisor") else line.role, None),
        "screen": (tr(f"floor.screen.{line.screen}") if line.screen else "", None),
        "ticket": (line.ticket_ref or "", None),
        "seen": (seen_words(line, tz, today), None),
        "shift": (line.shift, "cursor-lines--muted"),
        "red": _count(line.red, "cursor-lines--red"),
        "yellow": (str(line.yellow), None),
        "green": (str(line.green), None),
        "at_risk": _count(line.at_risk, "cursor-lines--warning"),
        "overdue": _count(line.overdue, "cursor-lines--error"),
        "callbacks": (str(line.callbacks_today), None),
        "resolved": (str(line.resolved_today), None),
        "first_response": (
            f"{line.responded_in_target_today}/{line.responded_today}  {percent(line)}"
            if line.responded_today
            else "-",
            None,
        ),
    }
    cells: list[tuple[str, str | None]] = [(" ", None)]
    for column in layout(width):
        text, look = values[column.key]
        fitted = right_cell(text, column.width) if column.key in NUMBERS else cell(text, column.width)
        cells.append((fitted, look))
        cells.append((" ", None))
    return Drawn(tuple(cells), key=line.login)


class FloorTable(CursorLines):
    """The people; Enter asks for the person's tickets (Opened), m to move them (MoveAsked)."""

    BINDINGS = [
        Binding("down,j", "move(1)", "floor.key.down", show=False, id="floor.down"),
        Binding("up,k", "move(-1)", "floor.key.up", show=False, id="floor.up"),
        Binding("pagedown", "page(1)", "floor.key.pagedown", show=False, id="floor.pagedown"),
        Binding("pageup", "page(-1)", "floor.key.pageup", show=False, id="floor.pageup"),
        Binding("home", "jump(0)", "floor.key.top", show=False, id="floor.top"),
        Binding("end,G", "jump(-1)", "floor.key.bottom", show=False, id="floor.bottom"),
        Binding("enter", "open", "floor.key.open", id="floor.open"),
        Binding("m", "move_tickets", "floor.key.move", id="floor.move"),
    ]

    class Opened(Message):
        """Enter on a person: their open tickets."""

        def __init__(self, login: str) -> None:
            self.login = login
            super().__init__()

    class MoveAsked(Message):
        """m on a person: move their open tickets to others."""

        def __init__(self, line: AgentLine) -> None:
            self.line = line
            super().__init__()

    def __init__(self, tz: tzinfo, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tz = tz
        self.people: tuple[AgentLine, ...] = ()
        self._today = date.min
        self.empty_text = ""

    def show(self, people: tuple[AgentLine, ...], today: date, empty_text: str = "") -> None:
        """Draw the people (core's order); the cursor stays on the same person. today: the
        floor's day of the real clock, which "last seen" (real time) is told against."""
        keep, kind = self.current_key, self._kind()
        self.people, self._today, self.empty_text = people, today, empty_text
        self._draw(keep)
        if self._kind() != kind:
            self.screen.refresh_bindings()  # Enter and m come or go with the line under the cursor

    def _kind(self) -> tuple[bool, bool]:
        """What the keys read of the line under the cursor: a person, owning open tickets."""
        line = self.current
        return line is not None, line is not None and line.open > 0

    def _draw(self, keep: object = None) -> None:
        width = self.inner_width
        lines = [drawn(line, width, self.tz, self._today) for line in self.people]
        if self.spaced(WIDE):
            lines = [part for line in lines for part in (line, BLANK)][:-1]
        if not lines and self.empty_text:
            lines = [Drawn(((" " + self.empty_text, "cursor-lines--muted"),))]
        self.show_lines(lines, header(width), keep)

    def on_resize(self) -> None:
        super().on_resize()
        if self.people or self.empty_text:
            self._draw(self.current_key)

    @property
    def current(self) -> AgentLine | None:
        key = self.current_key
        return next((line for line in self.people if line.login == key), None)

    def cursor_moved(self) -> None:
        self.screen.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return self.current is not None
        if action == "move_tickets":
            line = self.current
            return line is not None and line.open > 0
        return True

    def action_open(self) -> None:
        line = self.current
        if line is not None:
            self.post_message(self.Opened(line.login))

    def action_move_tickets(self) -> None:
        line = self.current
        if line is not None and line.open > 0:
            self.post_message(self.MoveAsked(line))
