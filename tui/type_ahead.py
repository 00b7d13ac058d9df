"""Type-ahead: every key lands where it would have landed had the agent typed slowly.

Keys arrive from the terminal in bursts (a paste, an SSH link that stalls and then delivers a
second of typing at once). Textual hands each key to whatever has focus when the App reads it,
but what a key does (Enter moving to the next field, a key opening a form, Enter saving and
closing one) takes effect a few messages later, so the keys read right behind it went to the
old focus: a date typed after Enter landed in the field before.

So the app lets one key (or paste) in at a time. Keys from the terminal wait in one line; the
next one goes in only when the app has settled after the one before: every message queue of
the app and of the screens in view is empty, and the screen has run what it asked to run after
its next repaint. A screen or form that waits for the floor can also hold the line
(holds_keys: a save under another program's lock, a ticket's first read), so the keys typed
behind "save" go to the screen beneath once the form has closed; a key it does not hold (Esc,
Ctrl+Q) goes ahead of the held ones. One place, for every form and screen (docs/keys.md).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Iterable
from time import monotonic
from typing import TYPE_CHECKING

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual.keys import _character_to_key
from textual.message_pump import MessagePump

SETTLE_MOST = 1.0
"""A key never waits longer than this for the app to settle (a handler that awaits something
slow): after it the key goes in as Textual would have sent it."""
HELD_POLL = 0.02
"""How often a held line looks again whether the screen still holds it (only while keys wait)."""
BURST_GAP = 0.1
"""Keys read less than this apart are one burst (a paste, a link that stalled): when a burst is
refused, the rest of it goes too, however many reads it arrives in."""
HOLD_MOST = 15.0
"""An action holds the keys typed before it at most this long (past the database's busy
timeout, so a save that waits out a lock still keeps them)."""
SPINS_BEFORE_SLEEP = 50
"""Settling is usually a few turns of the event loop; past these, look every 2 ms."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[object]
else:
    _AppBase = object


LET_THROUGH = frozenset({"escape", "ctrl+q"})
"""Keys a screen that holds the line still lets in at once: leaving, quitting."""


_ESC_PAIRS = {
    value: sequence[1]
    for sequence, value in ANSI_SEQUENCES_KEYS.items()
    if len(sequence) == 2
    and sequence[0] == "\x1b"
    and isinstance(value, str)
    and len(value) == 1
    and value != sequence[1]
    and list(ANSI_SEQUENCES_KEYS.values()).count(value) == 1
}
"""Characters Textual's parser makes of Esc and a key read together (Esc 2 becomes ™, as
macOS's Option+2), back to the key; one made of two pairs (§) is left as it is."""


def _unalt(event: events.Key | events.Paste) -> list[events.Key | events.Paste]:
    """Esc and the key right behind it arrive in one read over a laggy link, and the terminal's
    parser takes them for Alt+key. The floor binds nothing to Alt (tui/key_maps.py refuses it),
    so an Alt+key is Esc, then the key: Esc leaves the form, the key acts where it lands."""
    if not isinstance(event, events.Key):
        return [event]
    if event.character in _ESC_PAIRS:  # Esc and a digit: the parser's macOS Option character
        digit = _ESC_PAIRS[event.character]
        return [
            events.Key("escape", "\x1b"),
            events.Key(_character_to_key(digit) if not digit.isalnum() else digit, digit),
        ]
    if not event.key.startswith("alt+"):
        return [event]
    character = event.character
    if character and len(character) == 1 and character.isprintable():
        key = character if character.isalnum() else _character_to_key(character)
    else:
        key, character = event.key.removeprefix("alt+"), None
    return [events.Key("escape", "\x1b"), events.Key(key, character)]


class KeysHeld:
    """An action under way (a claim, a status change, the read that shows its result): the keys
    read before it began wait until it ends (they were typed for what it leads to), at most
    HOLD_MOST seconds; keys read after it act at once (the agent saw it was under way)."""

    def __init__(self) -> None:
        self.since: float | None = None
        self._under_way = 0

    def begin(self) -> None:
        if self.since is None:
            self.since = monotonic()
        self._under_way += 1

    def end(self) -> None:
        self._under_way = max(0, self._under_way - 1)
        if not self._under_way:
            self.since = None

    def holds(self, event: events.Key | events.Paste) -> bool:
        since = self.since
        if since is not None and monotonic() - since > HOLD_MOST:
            return False  # an answer that never came (a read that failed) frees the keys
        return typed_before(since, event)


def _overtakes(event: events.Key | events.Paste) -> bool:
    """Keys that may go ahead of held ones: leaving, quitting, the key panel, moving (issue 15:
    Esc, navigation, ? and Ctrl+Q work while a save waits); never typing or Enter."""
    return isinstance(event, events.Key) and (event.key == "question_mark" or not _acts(event))


def _acts(event: events.Key | events.Paste) -> bool:
    """Typing, a paste, Enter: what a refused burst's rest would do harm with (arrows, Esc and
    Ctrl keys only move or leave, so they are let through)."""
    return not isinstance(event, events.Key) or event.is_printable or event.key == "enter"


def _holds_keys(node: object):
    return getattr(node, "holds_keys", None)


def held_while(waiting: bool, event: events.Key | events.Paste) -> bool:
    """The usual holds_keys: while waiting, every key but those LET_THROUGH."""
    return waiting and getattr(event, "key", None) not in LET_THROUGH


def read_at(event: events.Key | events.Paste) -> float:
    """When the app read the key from the terminal (monotonic seconds); a key that never
    waited in the line (a test's direct post) counts as read now."""
    return getattr(event, "_read_at", monotonic())


def typed_before(since: float | None, event: events.Key | events.Paste) -> bool:
    """For a form that saves: hold the keys read before its save began (typed ahead, for the
    screen beneath once it closes); a key read after it (the agent saw "Saving") acts on the
    form as ever (a second Enter saves nothing, arrows move, Esc leaves)."""
    return since is not None and held_while(True, event) and read_at(event) < since


def _quiet(pump: MessagePump) -> bool:
    """Nothing queued in this pump, nothing waiting for its next idle. (A message it is still
    handling is not seen; the line runs only while every pump awaits, and what a handler awaits
    (a mount, another pump's reply) shows in the queues it waits on.)"""
    return pump._message_queue.empty() and pump._pending_message is None and not pump._next_callbacks


class TypeAhead(_AppBase):
    """Mixed into the floor app before App: keys and pastes from the terminal, in one line."""

    _ahead: deque[events.Key | events.Paste]
    _releasing: asyncio.Task[None] | None = None
    _dropping_until = 0.0
    """Keys read before this instant are the rest of a burst being dropped (drop_burst)."""
    _say_dropped: Callable[[], object] | None = None

    def drop_burst(self, say: Callable[[], object]) -> None:
        """Drop the keys waiting in the line, and those still arriving in the same burst (until
        a pause of BURST_GAP); say() once a key has been dropped (now, or when one arrives)."""
        dropped = bool(self.line)
        self.line.clear()
        self._dropping_until = monotonic() + BURST_GAP
        if dropped:
            say()
        else:
            self._say_dropped = say

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if getattr(event, "_let_in", False):
                await self.let_in(event)  # its turn came
                return
            now = monotonic()
            if now < self._dropping_until and _acts(event):  # the rest of a refused burst
                self._dropping_until = now + BURST_GAP
                said, self._say_dropped = self._say_dropped, None
                if said is not None:
                    said()
                return
            self._say_dropped = None
            for one in _unalt(event):
                one._read_at = now  # type: ignore[union-attr]
                self.line.append(one)
            self._release_soon()
            return
        await super().on_event(event)

    async def let_in(self, event: events.Key | events.Paste) -> None:
        """A key whose turn came: Textual sends it on as usual (the floor app runs bindings
        first)."""
        await super().on_event(event)

    @property
    def line(self) -> deque[events.Key | events.Paste]:
        """Keys read from the terminal that have not gone in yet, oldest first."""
        try:
            return self._ahead
        except AttributeError:
            self._ahead = deque()
            return self._ahead

    def keys_first(self, keys: Iterable[events.Key]) -> None:
        """Put keys back at the head of the line (a key that reached a screen after the form it
        opened took over, handed on to that form): they were typed before the ones waiting."""
        self.line.extendleft(reversed(list(keys)))
        self._release_soon()

    def keys_wait(self) -> bool:
        """The app's own reason to hold every key (the floor app: a screen being read before it
        opens). Subclasses extend it."""
        return False

    def _release_soon(self) -> None:
        if self._releasing is None or self._releasing.done():
            self._releasing = asyncio.create_task(self._release())

    async def _release(self) -> None:
        line = self.line
        while line and self.is_running:
            await self._settled()
            if not line or not self.is_running:
                break
            event = self._next_free()
            if event is None:  # the screen holds every key waiting: look again shortly
                await asyncio.sleep(HELD_POLL)
                continue
            line.remove(event)
            event._let_in = True  # type: ignore[union-attr]
            self.post_message(event)
            await asyncio.sleep(0)  # the App takes it from its queue before the next look

    def _next_free(self) -> events.Key | events.Paste | None:
        """The oldest key, unless something holds it; then the first key behind it that may go
        ahead (_overtakes) and nothing holds. Typing never overtakes: a key read after a save
        began is not held, but it waits behind the keys typed before it."""
        holders = [h for h in map(_holds_keys, self._holders()) if h is not None]
        for index, event in enumerate(self.line):
            if (index == 0 or _overtakes(event)) and not any(holds(event) for holds in holders):
                return event
        return None

    def _holders(self) -> list[object]:
        """Who may hold the line: the screen on top and the focused widget with its parents
        (a customer search picking the first match decides where the next keys go)."""
        screen = self.screen
        focused = screen.focused
        nodes: list[object] = [screen]
        if focused is not None:
            nodes += [node for node in focused.ancestors_with_self if node is not screen and node is not self]
        return nodes

    async def _settled(self) -> None:
        """Until the app has done all the last key asked of it (or SETTLE_MOST passed)."""
        until = monotonic() + SETTLE_MOST
        spins = 0
        while not self._is_settled() and monotonic() < until:
            await asyncio.sleep(0 if spins < SPINS_BEFORE_SLEEP else 0.002)
            spins += 1

    def _is_settled(self) -> bool:
        if self.keys_wait() or not _quiet(self):
            return False
        stack = self.screen_stack
        if not stack:
            return False  # nothing to type into yet
        if stack[-1]._callbacks:  # what it runs after its next repaint  # type: ignore[attr-defined]
            return False
        return all(_quiet(node) for screen in stack for node in screen.walk_children(with_self=True))


def typed_ahead(app: object) -> bool:
    """Whether keys wait in the app's line: typed before what is on screen now showed."""
    return isinstance(app, TypeAhead) and bool(app.line)


def drop_burst(app: object, say: Callable[[], object]) -> None:
    """The app's drop_burst, where the app keeps a line (a test's bare App does not)."""
    if isinstance(app, TypeAhead):
        app.drop_burst(say)


def drop_line(app: object) -> int:
    """Drop the keys waiting in the app's line (typed for what was refused); how many."""
    if not isinstance(app, TypeAhead):
        return 0
    dropped = len(app.line)
    app.line.clear()
    return dropped


def hand_on(app: object, keys: Iterable[events.Key]) -> None:
    """Keys a screen received for what opened since (a form over it): at the head of the app's
    line, ahead of the keys typed after them."""
    if isinstance(app, TypeAhead):
        app.keys_first(keys)
        return
    for key in keys:  # an app without a line (a test's bare App): in order, behind the rest
        app.post_message(key)  # type: ignore[attr-defined]
