"""The floor app: a factory and a switchboard. Screens own their actions."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from time import monotonic
from typing import TypeVar

from textual import events
from textual.actions import parse as parse_action
from textual.app import App
from textual.binding import ActiveBinding, Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, TextArea

from core.basics import CallfloorError, NotAllowed
from core.floor import Changes, Session
from core.supervision.floor import require_floor_watcher
from tui import i18n
from tui.base.problems import problem_words
from tui.base.screen import translated
from tui.base.threads import in_thread, start
from tui.commands import ScreenActions
from tui.floor_alerts import TellsAlerts
from tui.floor_watch import FollowsFloor
from tui.follow_up_alerts import AlertsFollowUps
from tui.last_resort import LastResort
from tui.looks import dress
from tui.modals.action import ActionModal, Outcome
from tui.modals.app_menu import AppMenu
from tui.presence import SaysWhere
from tui.quiet_input import QuietInput
from tui.routes import (
    NewActionFrom,
    OpenAction,
    OpenAgentTickets,
    OpenCall,
    OpenCustomer,
    OpenIntake,
    OpenReportList,
    OpenTicket,
    Route,
)
from tui.screens.actions import ActionScreen, ActionsScreen
from tui.screens.board import BoardScreen
from tui.screens.call import CallScreen, read_call
from tui.screens.callbacks import CallbacksScreen
from tui.screens.customer import CustomerScreen
from tui.screens.directory import DirectoryScreen
from tui.screens.floor import FloorScreen
from tui.screens.intake import IntakeScreen
from tui.screens.queue import QueueScreen
from tui.screens.report import ReportScreen
from tui.screens.report_list import ReportListScreen
from tui.screens.ticket import TicketScreen, read_ticket
from tui.type_ahead import TypeAhead

T = TypeVar("T")

QUIT_AGAIN_SECONDS = 5.0
"""A second Ctrl+Q within this many seconds quits although a save still waits."""
OPEN_WAIT_SECONDS = 0.3
"""How long a screen waits for its first read before it opens and reads itself (tui/base/asking.py)."""


class CallfloorApp(
    QuietInput, TypeAhead, LastResort, AlertsFollowUps, TellsAlerts, SaysWhere, FollowsFloor, App
):
    # One stylesheet a screen (styles/*.tcss), so screens grow without editing a shared file.
    CSS_PATH = sorted(str(path) for path in (Path(__file__).parent / "styles").glob("*.tcss"))
    MODES = {
        "queue": QueueScreen,
        "board": BoardScreen,
        "directory": DirectoryScreen,
        "callbacks": CallbacksScreen,
        "floor": FloorScreen,
        "report": ReportScreen,
        "actions": ActionsScreen,
    }
    DEFAULT_MODE = "queue"  # opened at start-up; an explicit switch_mode re-parses all CSS twice
    COMMANDS = {ScreenActions}  # the floor's actions only: Textual's own (in English) mean nothing here
    BINDINGS = [
        Binding("question_mark", "toggle_keys", "key.help", id="app.help"),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit"),
        Binding("1", "show_queue", "key.queue", show=False, id="app.queue"),
        Binding("2", "switch_mode('board')", "key.board", show=False, id="app.board"),
        Binding("3", "switch_mode('directory')", "key.directory", show=False, id="app.directory"),
        Binding("4", "switch_mode('callbacks')", "key.callbacks", show=False, id="app.callbacks"),
        Binding("5", "show_floor", "key.floor", show=False, id="app.floor"),
        Binding("6", "switch_mode('report')", "key.report", show=False, id="app.report"),
        Binding("7", "switch_mode('actions')", "key.actions", show=False, id="app.actions"),
        Binding("f2", "menu", "key.menu", show=False, id="app.menu"),
        Binding("ctrl+r", "export_report", "key.export", show=False, id="app.export"),
    ]

    def __init__(self, session: Session, language: str = "en", theme: str | None = None) -> None:
        super().__init__()
        self.session = session
        """The person at this terminal; screens ask core through it."""
        session.keep_page_cache_small()
        i18n.set_language(language)
        dress(self, theme)
        self._ui_thread: int | None = None  # set on mount: routes posted from elsewhere wait for it
        self._opening = 0
        """Screens being read before they open: the keys typed meanwhile wait for them."""
        self._quit_asked = -QUIT_AGAIN_SECONDS
        """When Ctrl+Q last warned of a save under way (monotonic seconds)."""

    async def action_quit(self) -> None:
        """Ctrl+Q quits at once, unless quitting would lose something: a save still waiting for
        the database (another program holds it), or a form with words typed and not saved.
        Then the first Ctrl+Q says so and a second one within QUIT_AGAIN_SECONDS quits."""
        now = monotonic()
        form = self.screen
        if self.session.writes_under_way:
            losing = "quit.saving"
        elif isinstance(form, ActionModal) and form.saving is None and Outcome(False, form.values()).has_text:
            losing = "quit.typed"
        else:
            losing = None
        if losing and now - self._quit_asked > QUIT_AGAIN_SECONDS:
            self._quit_asked = now
            self.notify(i18n.tr(losing), severity="warning", timeout=QUIT_AGAIN_SECONDS, markup=False)
            return
        self.exit()

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """In the language of the moment, as on the screens (tui/base/screen.py)."""
        return translated(super().active_bindings)

    def on_mount(self) -> None:
        self._ui_thread = threading.get_ident()
        self.title = i18n.tr("app.title")
        if self.session.policy.keys:
            self.apply_floor_keymap(self.session.policy.keys)  # the floor's own key choices, checked
        self.follow_floor()
        self.follow_up_alerts()
        self.say_where()
        self.follow_alerts()

    def _tell_screens(self, changes: Changes) -> None:
        if any(change.kind == "agent" for change in changes.rows):
            self._read_agent_again()
        super()._tell_screens(changes)
        self.follow_ups_changed(changes)
        self.alerts_changed(changes)

    def _read_agent_again(self) -> None:
        """People changed: the acting agent is read again in a thread (the UI thread never
        waits for the database), so a leaver's session stops at its next action."""
        session = self.session

        async def read() -> None:
            try:
                await in_thread(session.read_agent_again)
            except CallfloorError:
                pass  # the floor watch says NOT LIVE; the next change reads it again

        start(self, read, name="agent-again", group="agent-again", exclusive=True)

    async def let_in(self, event: events.Key | events.Paste) -> None:
        """A key's binding runs before the focused widget sees it, unless a text field has
        focus (it wants printable keys first): a screen that keeps keys while it waits for the
        floor (the call) still lets ? and the mode keys work."""
        if isinstance(event, events.Key) and not _takes_text(self.focused):
            if self._refused(event):
                return
            if await self._check_bindings(event.key, priority=True) or await self._check_bindings(event.key):
                return
        await super().let_in(event)

    def _refused(self, event: events.Key) -> bool:
        """A letter whose action is not offered here now (core would refuse it: r on a
        colleague's ticket). The keys typed behind it in the same burst were meant for what it
        would have opened; let in, their letters would act as keys (o of "done" opening a
        reply), so they are dropped, and the agent is told."""
        if getattr(self.screen, "keeps_refused_keys", False):
            return False  # the screen's own key handling takes a key its bindings refuse
        key = event.key
        if not event.is_printable:
            return False  # an arrow at the end of a list, Enter where nothing opens: harmless
        taken, refused = _binding_for(self, key)
        if taken:
            return False
        if refused is None:
            return False  # nothing binds it: Textual sends it on, as ever
        words = i18n.tr("keys.refused.dropped", shown=self.get_key_display(refused))
        self.drop_burst(lambda: self.notify(words, severity="warning", markup=False))
        return True

    def keys_wait(self) -> bool:
        """A screen being read before it opens (open_route): the keys typed behind the one that
        opened it are for it (tui/type_ahead.py)."""
        return self._opening > 0

    def post_message(self, message: Message) -> bool:
        """A screen's route (tui/routes.py) is opened as it is posted, not queued behind the keys
        already typed: a key typed right behind the one that asked lands on the new screen."""
        if isinstance(message, Route):
            if self._ui_thread not in (None, threading.get_ident()):
                # a thread worker's route waits for the UI thread, like any message from a thread
                self.call_from_thread(self.open_route, message)
            else:
                self.open_route(message)
            return True
        return super().post_message(message)

    def open_route(self, route: Route) -> None:
        """The switchboard: the screen each route names, built from what it carries."""
        if isinstance(route, OpenTicket):
            self._open_read(
                lambda: read_ticket(self.session, route.ref),
                lambda first: TicketScreen(route.ref, first),
                replacing=route.replacing,
            )
        elif isinstance(route, OpenCustomer):
            self.push_screen(CustomerScreen(route.code))
        elif isinstance(route, OpenIntake):
            self.push_screen(IntakeScreen(route.customer_code))
        elif isinstance(route, OpenCall):
            self._open_read(
                lambda: read_call(self.session, route.callback_id),
                lambda first: CallScreen(route.callback_id, first),
                replacing=False,
            )
        elif isinstance(route, OpenReportList):
            self.push_screen(ReportListScreen(route.period, route.line, route.as_of))
        elif isinstance(route, OpenAgentTickets):
            start(self, partial(self._show_agent, route.login), name="agent-tickets", group="open")
        elif isinstance(route, OpenAction):
            self.push_screen(ActionScreen(route.number))
        elif isinstance(route, NewActionFrom):
            start(self, partial(self._new_action_from, route), name="new-action", group="open")
        else:
            raise TypeError(f"no screen for {route!r}")

    async def _show_agent(self, login: str) -> None:
        """The queue, showing the open tickets login owns (the floor screen's Enter on a person)."""
        await self.action_show_queue()
        for screen in self.screen_stack:  # the queue, under an intake that keeps its typing
            show = getattr(screen, "show_agent", None)
            if show is not None:
                # From the app's loop, not this worker: a read the queue starts from inside a
                # worker that then ends is left RUNNING for ever, and the keys wait on it.
                self.call_later(show, login)
                return

    async def _new_action_from(self, route: NewActionFrom) -> None:
        """The actions screen (key 7), its new-action form filled in from a list's tickets."""
        await self.switch_mode("actions")
        for screen in self.screen_stack:
            if isinstance(screen, ActionsScreen):
                self.call_later(screen.new_from, route)  # from the app's loop, as _show_agent
                return

    def _open_read(self, read: Callable[[], T], make: Callable[[T | None], Screen], replacing: bool) -> None:
        """Open a screen with what it shows read first (in a thread), so its first paint is
        whole; when the read takes longer than OPEN_WAIT_SECONDS (a slow disk) or fails, the
        screen opens anyway and reads (and says what went wrong) itself."""
        self._opening += 1
        opened = False

        def open_(first: T | None) -> None:
            nonlocal opened
            if opened:
                return
            opened = True
            self._opening -= 1
            timer.stop()
            if replacing:
                self.switch_screen(make(first))
            else:
                self.push_screen(make(first))

        timer = self.set_timer(OPEN_WAIT_SECONDS, lambda: open_(None))

        async def run() -> None:
            try:
                first: T | None = await in_thread(read)
            except CallfloorError:
                first = None
            open_(first)

        start(self, run, name="open", group="open")

    async def action_show_queue(self) -> None:
        """1 is the queue: the list, not a ticket or customer left open in the queue's mode (keys
        typed right behind 1, a filter, were meant for the list, and on a ticket its letters
        would act as keys). An intake stays: it holds typing not saved yet."""
        await self.switch_mode("queue")
        while len(self.screen_stack) > 1 and isinstance(self.screen, (TicketScreen, CustomerScreen)):
            await self.pop_screen()

    def action_show_floor(self) -> None:
        """5 is the floor screen, a supervisor's: core refuses (and audits) anyone else, and the
        agent is told. The keys typed behind 5 wait for the answer (keys_wait)."""
        session = self.session
        self._opening += 1

        async def go() -> None:
            try:
                await in_thread(lambda: require_floor_watcher(session))
            except NotAllowed:
                self.notify(i18n.tr("floor.supervisors_only"), severity="warning", markup=False)
                return
            except CallfloorError as error:
                self.notify(
                    problem_words(error), title=i18n.tr("error.title"), severity="error", markup=False
                )
                return
            finally:
                self._opening -= 1
            await self.switch_mode("floor")

        start(self, go, name="show-floor", group="show-floor", exclusive=True)

    def offers(self, action: str) -> bool:
        """Whether the menu and the palette offer an app action to the person here: the floor
        screen not to someone the app knows is an agent (tui/follow_up_alerts.py reads the role
        as the app starts; until then it is offered, and core decides)."""
        if action == "show_floor":
            return not self._not_a_supervisor
        return True

    def action_menu(self) -> None:
        self.push_screen(AppMenu(self.screen), self._menu_picked)

    async def _menu_picked(self, outcome: Outcome | None) -> None:
        if outcome is not None and outcome.done:
            await self.run_action(outcome.values["choice"])

    def action_export_report(self) -> None:
        from tui.modals.export_report import (
            ExportReportModal,
        )  # the workbook writer loads when first asked for

        # from the report screen (or a list of it), the period on show comes first
        self.push_screen(ExportReportModal(getattr(self.screen, "report_period", None)))

    def action_toggle_keys(self) -> None:
        if self.screen.query("KeyPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()


def _binding_for(app: App, key: str) -> tuple[bool, Binding | None]:
    """(taken, refused): whether a binding on this screen takes key now, in the order Textual
    tries them; else the first that names it but is refused now (its check_action says no)."""
    refused = None
    for node, bindings in app.screen._modal_binding_chain:
        for binding in bindings.key_to_bindings.get(key, ()):
            target, name, params = parse_action(binding.action)
            namespace = {"app": app, "screen": app.screen}.get(target, node)
            if namespace.check_action(name, params):
                return True, None
            refused = refused or binding
    return False, refused


def _takes_text(widget) -> bool:
    """Input, TextArea and the like: they want printable keys before any binding does."""
    return isinstance(widget, (Input, TextArea))


def make_app(session: Session, language: str | None = None, theme: str | None = None) -> CallfloorApp:
    """The one factory the command line and the tests both use."""
    chosen = i18n.choose_language(language, session.policy.language)
    return CallfloorApp(session, chosen, theme)


def run_app(session: Session, language: str | None = None) -> int:
    make_app(session, language).run()
    return 0
