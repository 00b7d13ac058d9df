"""Who is at this terminal, and where: the agent's name, role and floor on one line at the top
of every screen of the agent's app, starting with NOT LIVE while the screen cannot follow the
floor's changes."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from core.basics import printable
from core.floor import Session
from core.tickets import queue
from tui.i18n import catalogue, tr
from tui.i18n import who as _words  # noqa: F401  (registers the line's words)


@dataclass(frozen=True)
class Who:
    """The person at this terminal and their floor."""

    login: str
    floor: str
    name: str | None = None
    """The agent's name as the floor keeps it (None until read: the line shows the login)."""
    role: str | None = None
    follows_floor: bool = True
    """False for a session that can never follow other sessions' changes (core's not_live:
    a floor file opened read-only)."""

    def words(self) -> str:
        if self.name is None or self.role is None:
            return tr("who.line.unread", login=self.login, floor=self.floor)
        role = f"who.role.{self.role}"
        role = tr(role) if role in catalogue() else self.role
        return tr("who.line", name=self.name, login=self.login, role=role, floor=self.floor)


def _one_line(text: str) -> str:
    """The floor's text on the one line: escapes made visible, line breaks made spaces."""
    return " ".join(printable(text).split())


def floor_name(session: Session) -> str:
    """The floor as its people know it. The policy names no floor (its [floor] section has no
    name), so it is the floor database's own name: the file's without its .db, or the server
    database's."""
    return _one_line(session.floor_name)


def read_who(session: Session) -> Who:
    """The agent behind the login (read once, then kept by the session) and whether this
    session can follow the floor at all (not_live looks at the file's mount: a thread's work)."""
    agent = session.agent
    return Who(
        session.login,
        floor_name(session),
        _one_line(agent.display_name) or session.login,
        agent.role,
        follows_floor=queue.not_live(session) is None,
    )


class WhoBar(Widget):
    """The line itself (tui/styles/app.tcss docks it at the top). It repaints only when what it
    says changes, so being told the same again costs nothing."""

    def __init__(self, who: Who) -> None:
        super().__init__()
        self.who = who
        self.watch_failing = False
        """The app's watch cannot read the floor's change signal (FloorScreen.poll_problem)."""

    @property
    def not_live(self) -> bool:
        return self.watch_failing or not self.who.follows_floor

    def show(self, who: Who) -> None:
        self._says(who, self.watch_failing)

    def show_watch(self, failing: bool) -> None:
        self._says(self.who, failing)

    def _says(self, who: Who, watch_failing: bool) -> None:
        if (who, watch_failing) == (self.who, self.watch_failing):
            return
        self.who, self.watch_failing = who, watch_failing
        self.set_class(self.not_live, "-not-live")
        self.refresh()

    def render(self) -> Content:
        # The name is the floor's text: shown as text, never read as markup.
        words = self.who.words()
        return Content(f"{tr('who.not_live')} · {words}" if self.not_live else words)
