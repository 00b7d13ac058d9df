"""Every private Textual name callfloor touches, one test each, named after it.

Textual is pinned in pyproject.toml to the minor version these were read against (8.2): a private
name may change in any release. When an upgrade renames or reshapes one, the test named after it
fails here, saying which name and who uses it, instead of a key, a paste or an error going astray
deep in the app. To upgrade: read the new Textual's code for the failing name, adapt the users
named in the message, then move the pin.

The last two tests keep the list honest: every underscore name our tui classes define that Textual
also defines (an override) must be one of OVERRIDES, and no attribute our widgets keep for
themselves (self._width, self._lines, ...) may be one a Textual object sets for itself; so a new
override, or a Textual release that starts using one of our names, fails here too.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.geometry import Size
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Static

import tui


def accepts(function: Callable, *args, **kwargs) -> None:
    """Fail, naming the function, unless it can be called with these arguments."""
    try:
        inspect.signature(function).bind(*args, **kwargs)
    except TypeError as error:
        raise AssertionError(
            f"Textual's {function.__qualname__}{inspect.signature(function)} no longer takes the "
            f"arguments callfloor passes ({error})"
        ) from None


def is_async(function: Callable, users: str) -> None:
    assert inspect.iscoroutinefunction(function), (
        f"{function.__qualname__} is no longer async: {users} await it"
    )


def is_sync(function: Callable, users: str) -> None:
    assert not inspect.iscoroutinefunction(function), (
        f"{function.__qualname__} became async: {users} call it without await"
    )


class Probe(App):
    """The smallest app that shows text and has a binding."""

    BINDINGS = [Binding("x", "hit", "Hit")]

    def __init__(self) -> None:
        super().__init__()
        self.hits = 0
        self.actions: list[str] = []
        self.errors: list[Exception] = []

    def compose(self) -> ComposeResult:
        yield Static("probe text")

    def action_hit(self) -> None:
        self.hits += 1

    async def _dispatch_action(self, namespace, action_name, params) -> bool:
        self.actions.append(action_name)
        return await super()._dispatch_action(namespace, action_name, params)

    def _handle_exception(self, error: Exception) -> None:
        self.errors.append(error)  # and the app goes on, as the last resort's does


class Boom(Message):
    """Makes Raises raise."""


class Ping(Message):
    """Just a message."""


async def until(condition: Callable[[], object], seconds: float = 5.0) -> None:
    """Wait for condition (a pump whose handler raised stops, so Pilot.pause would wait for ever)."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)


class Raises(Static):
    """Raises in a message handler and records every message its pump dispatches."""

    def __init__(self) -> None:
        super().__init__("raises")
        self.dispatched: list[str] = []

    async def _dispatch_message(self, message: Message) -> None:
        self.dispatched.append(type(message).__name__)
        await super()._dispatch_message(message)

    def on_boom(self) -> None:
        raise RuntimeError("boom")


# App ------------------------------------------------------------------------------------------


async def test_app_check_bindings():
    """tui/app.py let_in runs a key's binding as the key goes in (fast typists over SSH)."""
    users = "tui/app.py (CallfloorApp.let_in)"
    is_async(App._check_bindings, users)
    accepts(App._check_bindings, None, "x")
    accepts(App._check_bindings, None, "x", priority=True)
    app = Probe()
    async with app.run_test():
        assert await app._check_bindings("x") is True and app.hits == 1, "True when a binding ran"
        assert await app._check_bindings("x", priority=True) is False, "priority=True: priority bindings only"
        assert await app._check_bindings("y") is False, "False when the key has no binding"


async def test_app_handle_exception():
    """tui/last_resort.py overrides it: Textual sends every unhandled error there."""
    users = "tui/last_resort.py (LastResort, KeepsReading)"
    is_sync(App._handle_exception, users)
    accepts(App._handle_exception, None, RuntimeError())
    app = Probe()
    async with app.run_test():
        raises = Raises()
        await app.mount(raises)
        raises.post_message(Boom())
        await until(lambda: app.errors)
        assert [str(e) for e in app.errors] == ["boom"], (
            "a handler's error no longer reaches _handle_exception"
        )


async def test_app_dispatch_action():
    """tui/last_resort.py overrides it: every key binding, palette command and menu choice."""
    is_async(App._dispatch_action, "tui/last_resort.py (LastResort)")
    accepts(App._dispatch_action, None, None, "hit", ())
    app = Probe()
    async with app.run_test() as pilot:
        await pilot.press("x")
        assert app.actions == ["hit"] and app.hits == 1, "a key's action no longer goes through it"


async def test_app_dom_ready():
    """tui/last_resort.py reads it: before the first screen is up, an error ends the app."""
    app = Probe()
    assert app._dom_ready is False, "App._dom_ready is gone or no longer starts False"
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app._dom_ready is True, "App._dom_ready no longer turns True once the screen is up"


async def test_app_exit():
    """tui/last_resort.py reads it: once the app is ending, an error ends it as Textual would."""
    app = Probe()
    assert app._exit is False, "App._exit is gone or no longer starts False"
    async with app.run_test():
        app.exit()
        assert app._exit is True, "App._exit no longer turns True on exit()"


async def test_app_notifications():
    """The app tests read what the app notified (tests/app, tests/defects, tests/faults)."""
    app = Probe()
    async with app.run_test() as pilot:
        assert not app._notifications
        app.notify("hello", severity="warning")
        await pilot.pause()
        assert [(str(n.message), n.severity) for n in app._notifications] == [("hello", "warning")]


async def test_app_display():
    """tests/app/test_ticket_screen.py wraps it per app to time a screen's first paint."""
    accepts(App._display, None, None, None)
    app = Probe()
    async with app.run_test() as pilot:
        painted: list[Screen] = []
        original = app._display

        def display(screen, renderable):
            original(screen, renderable)
            painted.append(screen)

        app._display = display  # type: ignore[method-assign]
        try:
            app.query_one(Static).update("painted again")
            await pilot.pause()
        finally:
            del app._display
        assert app.screen in painted, "App._display no longer sees each paint of the screen"


# Message pump and screen ----------------------------------------------------------------------


async def test_message_pump_dispatch_message():
    """tui/last_resort.py's KeepsReading overrides it on the apps and screens."""
    is_async(MessagePump._dispatch_message, "tui/last_resort.py (KeepsReading)")
    accepts(MessagePump._dispatch_message, None, Boom())
    app = Probe()
    async with app.run_test() as pilot:
        raises = Raises()
        await app.mount(raises)
        raises.post_message(Ping())
        await pilot.pause()
        assert "Ping" in raises.dispatched, "a posted message no longer goes through _dispatch_message"


async def test_screen_compositor_render_strips():
    """The app tests read the screen as text from it (tests/app/conftest.py screen_text)."""
    app = Probe()
    async with app.run_test(size=(80, 24)):
        strips = app.screen._compositor.render_strips()
        assert len(strips) == 24 and all(isinstance(strip, Strip) for strip in strips)
        assert "probe text" in "".join(segment.text for strip in strips for segment in strip)


# Widgets --------------------------------------------------------------------------------------


async def test_input_value():
    """tui/widgets/plain_entry.py (PlainInput) overrides it, so that what an Input paints goes
    through printable: a raw escape sequence in a value must never reach the terminal."""
    assert isinstance(vars(Input).get("_value"), property), "Input._value is no longer a property"
    app = Probe()
    async with app.run_test():
        field = Input(value="a\x1bb")
        await app.mount(field)
        assert field._value.plain == "a\x1bb", "Input._value no longer is the value as rich Text"
    assert "self._value" in inspect.getsource(Input.render_line), (
        "Input.render_line no longer paints self._value: PlainInput's override would be bypassed"
    )


async def test_dom_node_closing_flags():
    """tui/base/asking.py (_still_here) delivers a thread's answer only to a node that is not
    closing, closed or being pruned: a screen taken down loses its widgets before it detaches."""
    from textual.widgets import Static

    app = App()
    async with app.run_test() as pilot:
        widget = Static("x")
        await app.screen.mount(widget)
        for name in ("_closing", "_closed", "_pruning"):
            assert getattr(widget, name) is False, f"DOMNode.{name} is gone or no longer a bool"
        await widget.remove()
        await pilot.pause()
        assert widget._closing or widget._closed or widget._pruning


def test_widget_scroll_update():
    """tui/widgets/line_view.py (LineView) calls it after setting virtual_size, so that the
    scrollbars follow at once."""
    is_sync(Widget._scroll_update, "LineView")
    accepts(Widget._scroll_update, None, Size(80, 24))


async def test_message_pump_quiet():
    """tui/type_ahead.py lets the next key in when every pump is quiet: its _message_queue
    empty, no _pending_message, no _next_callbacks; and the screen has no _callbacks (what it
    runs after its next repaint)."""
    users = "tui/type_ahead.py (_quiet, TypeAhead._is_settled)"
    app = Probe()
    async with app.run_test() as pilot:
        await pilot.pause()
        screen = app.screen
        for pump in [app, screen, *screen.walk_children()]:
            assert pump._message_queue.empty(), users
            assert pump._pending_message is None and not pump._next_callbacks, users
        assert not screen._callbacks, users
        screen.post_message(Ping())
        assert not screen._message_queue.empty(), f"{users}: a posted message waits in _message_queue"
        screen._invoke_later(lambda: None, screen)
        assert screen._callbacks, f"{users}: Screen._invoke_later keeps its callbacks in _callbacks"
        await pilot.pause()
        assert screen._message_queue.empty() and not screen._callbacks, f"{users}: both empty once run"


async def test_key_event_takes_a_mark():
    """tui/type_ahead.py marks a key whose turn came (event._let_in) and posts it again."""
    users = "tui/type_ahead.py (TypeAhead._release)"
    key = events.Key("x", "x")
    key._let_in = True  # type: ignore[attr-defined]
    assert key._let_in and not key.is_forwarded, users


async def test_screen_modal_binding_chain():
    """tui/app.py _refused_binding walks the bindings a key would try, in Textual's order, to
    tell a refused key (its check_action says no) from one nothing binds."""
    users = "tui/app.py (_refused_binding)"
    app = Probe()
    async with app.run_test():
        chain = app.screen._modal_binding_chain
        assert all(hasattr(bindings, "key_to_bindings") for _, bindings in chain), users
        assert [b.action for _, m in chain for b in m.key_to_bindings.get("x", ())] == ["hit"], users


def test_keys_character_to_key():
    """tui/type_ahead.py (_unalt) names the key of a character as the terminal's reader does."""
    from textual.keys import _character_to_key

    users = "tui/type_ahead.py (_unalt)"
    assert _character_to_key("?") == "question_mark" and _character_to_key(" ") == "space", users


# The terminal driver --------------------------------------------------------------------------


def test_xterm_parser_timeout_time():
    """tui/quiet_input.py waits for input until the parser's _timeout_time (a half-read escape
    sequence, a lone Esc) and then ticks it, as Textual's input thread does every 0.1 s."""
    from textual._time import get_time
    from textual._xterm_parser import XTermParser

    users = "tui/quiet_input.py (QuietLinuxDriver.run_input_thread)"
    parser = XTermParser()
    assert parser._timeout_time is None, users
    assert list(parser.feed("\x1b")) == [] and parser._timeout_time is not None, users
    assert parser._timeout_time > get_time() - 1, users
    parser._timeout_time = get_time() - 1
    assert [type(e).__name__ for e in parser.tick()] == ["Key"] and parser._timeout_time is None, users


def test_linux_driver_input_thread():
    """tui/quiet_input.py replaces LinuxDriver.run_input_thread with Textual 8.2's own, waiting
    differently; it uses the driver's fileno, exit_event, _debug and process_message."""
    import inspect as _inspect

    from textual.drivers.linux_driver import LinuxDriver

    users = "tui/quiet_input.py (QuietLinuxDriver)"
    source = _inspect.getsource(LinuxDriver.run_input_thread)
    for name in ("selector.select(0.1)", "XTermParser(self._debug)", "self.exit_event.is_set()", "tick()"):
        assert name in source, f"{users}: Textual's input thread no longer has {name}"
    init = _inspect.getsource(LinuxDriver.__init__)
    assert "self.exit_event = Event()" in init and "self.fileno" in init, users
    assert "self.exit_event.set()" in _inspect.getsource(LinuxDriver.disable_input), users


# Our own underscore names ---------------------------------------------------------------------

OVERRIDES = {
    "_dispatch_action": "tui/last_resort.py",
    "_dispatch_message": "tui/last_resort.py",
    "_handle_exception": "tui/last_resort.py",
    "_value": "tui/widgets/plain_entry.py",
}
"""Textual's underscore names that our tui classes (or their mixins) define on purpose."""


def _tui_classes() -> set[type]:
    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(tui.__path__, "tui.")]
    return {
        value
        for module in modules
        for value in vars(module).values()
        if inspect.isclass(value) and value.__module__.startswith("tui.")
    }


def _is_textual(cls: type) -> bool:
    return cls.__module__.split(".")[0] == "textual"


def test_our_underscore_names_override_only_what_we_mean_to():
    shadowing: dict[str, set[str]] = {}
    for cls in _tui_classes():
        textual = [base for base in cls.__mro__ if _is_textual(base)]
        if not textual:
            continue
        ours = [base for base in cls.__mro__ if base.__module__.split(".")[0] == "tui"]
        # names a metaclass gives every subclass (_css_type_name, _merged_bindings, abc's _abc_impl)
        generated = set(vars(type("Bare", (textual[0],), {})))
        for base in ours:
            for name in vars(base):
                if not name.startswith("_") or name.startswith("__") or name in generated:
                    continue
                if any(name in vars(t) for t in textual):
                    shadowing.setdefault(name, set()).add(f"{base.__module__}.{base.__qualname__}")
    unexpected = {name: sorted(where) for name, where in shadowing.items() if name not in OVERRIDES}
    assert not unexpected, (
        f"these tui classes define a name Textual also uses: {unexpected}; rename ours, or, if the "
        "override is meant, add it to OVERRIDES with a test of Textual's shape"
    )
    gone = set(OVERRIDES) - set(shadowing)
    assert not gone, f"no tui class overrides {sorted(gone)} any more: drop it from OVERRIDES and its test"


def test_our_underscore_attributes_are_not_textuals():
    """An attribute a widget of ours sets on itself must not overwrite one its Textual base keeps."""
    clobbered: dict[str, list[str]] = {}
    for cls in _tui_classes():
        textual = [base for base in cls.__mro__ if _is_textual(base)]
        if not textual or not issubclass(cls, DOMNode) or inspect.isabstract(textual[0]):
            continue
        ours = [base for base in cls.__mro__ if base.__module__.split(".")[0] == "tui"]
        source = "".join(inspect.getsource(base) for base in ours)
        assigned = set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=", source))
        theirs = set(vars(textual[0]()))
        for name in sorted(assigned & theirs - set(OVERRIDES)):
            clobbered.setdefault(name, []).append(f"{cls.__module__}.{cls.__qualname__}")
    assert not clobbered, f"these tui classes overwrite an attribute Textual keeps: {clobbered}; rename ours"
