"""Which keys a floor may move where: the check of a policy's [keys] (docs/keys.md, "Moving keys").

core checks a key map's shape; only the app knows its bindings, so the ids and keys are checked
here, against the real bindings. They are found by walking what the apps use: the screens,
modals and widgets their code names (what they compose, push or open, through the tui
functions they call), each with the bindings Textual merges from its bases. No list is kept by
hand, so a new screen's keys are checked the day it is written.

A map is refused for an id no app has, a binding given no key, two bindings sharing a key on
one screen after the move (the screen's own, its widgets' and the app's; on a modal, the
modal's, its widgets' and the app's priority keys), and a key a terminal cannot send
(unsendable says which, and why).
"""

from __future__ import annotations

import difflib
import importlib
import re
import string
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from textual.app import App
from textual.dom import DOMNode
from textual.keys import Keys, _character_to_key
from textual.screen import ModalScreen, Screen

from core.basics import PolicyError
from tui.i18n import catalogue
from tui.i18n import keys as _words  # noqa: F401  (registers the words)

KeyMap = Sequence[tuple[str, str]]
"""(binding id, keys) pairs, as the policy's [keys] holds them: keys are comma-separated."""

SCREENS_NAMED = 3
"""A collision names at most this many screens (the rest are counted)."""


# What a terminal sends -------------------------------------------------------------------------
# The rule is what xterm (and tmux over SSH, which passes xterm's keys on) delivers to Textual
# without the kitty keyboard protocol, which a floor's thin terminals do not speak: printable
# characters; Ctrl with a letter and with \ ] ^ _ (one control byte each); Enter, Tab, Shift+Tab,
# Esc, Backspace, the arrows and editing keys, F1 to F12; and Ctrl, Shift or Ctrl+Shift with the
# arrows and editing keys, Ctrl with F1 to F12 (xterm's CSI 1;m sequences). A control byte
# carries no Shift, so Shift with a letter is the capital letter and Ctrl+Shift is Ctrl.

_LETTERS = frozenset(string.ascii_lowercase)
_CAPITALS = frozenset(string.ascii_uppercase)
_DIGITS = frozenset(string.digits)
_SIGNS = frozenset(_character_to_key(chr(code)) for code in range(33, 127) if not chr(code).isalnum())
"""Textual's names of the printable signs: question_mark, slash, full_stop, ..."""
_FUNCTION = frozenset(f"f{n}" for n in range(1, 13))
_HIGH_FUNCTION = frozenset(f"f{n}" for n in range(13, 25))
_PLAIN = frozenset({"escape", "enter", "tab", "backspace", "space", "insert", "delete", "pageup", "pagedown"})
_MOVES = frozenset({"up", "down", "left", "right", "home", "end", "delete"})
"""Keys xterm sends with Shift, Ctrl or both (CSI 1;2A and the like)."""
_CTRL_SIGNS = frozenset({"backslash", "right_square_bracket", "circumflex_accent", "underscore"})
"""The signs with a control byte of their own (0x1c to 0x1f)."""
_SAME_AS = {
    "return": "enter",
    "ctrl+i": "tab",
    "ctrl+m": "enter",
    "ctrl+h": "backspace",
    "ctrl+left_square_bracket": "escape",
    "ctrl+enter": "enter",
    "ctrl+tab": "tab",
    "ctrl+backspace": "backspace",
    "ctrl+escape": "escape",
    "shift+enter": "enter",
    "shift+space": "space",
    "shift+backspace": "backspace",
    "shift+escape": "escape",
}
"""Keys whose bytes are another key's: the app only ever sees the other one."""
_TERMINAL_KEEPS = frozenset({"shift+pageup", "shift+pagedown", "shift+insert"})
"""xterm's (and most terminals') scrollback and paste: they never reach the app."""
_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NEVER_SENT = frozenset({"meta", "super", "hyper"})
_NAMES = frozenset(
    {
        key.value.rpartition("+")[2]
        for key in Keys
        if re.fullmatch(r"[a-z0-9_]+", key.value.rpartition("+")[2])
    }
    | _LETTERS
    | _CAPITALS
    | _DIGITS
    | _SIGNS
)
"""Every key name Textual knows (textual.keys), with the printable characters' names."""


def unsendable(key: str) -> tuple[str, dict[str, str]] | None:
    """Why a terminal cannot deliver key to the app (a word's code and its values), or None."""
    *modifiers, name = key.split("+")
    if not name or any(not part for part in modifiers):
        return "keys.unknown_key.far", {"key": key}
    canonical = [m for m in _MODIFIERS if m in modifiers]
    if name not in _NAMES or any(m not in _MODIFIERS for m in modifiers) or canonical != modifiers:
        return _unknown_key(key, modifiers, name)
    if _NEVER_SENT & set(modifiers):
        return "keys.unsendable.modifier", {"key": key}
    if "alt" in modifiers:
        return "keys.unsendable.alt", {"key": key}
    if name in _HIGH_FUNCTION:
        return "keys.unsendable.high_f", {"key": key}
    if key in _SAME_AS:
        return "keys.unsendable.same_as", {"key": key, "fix": _SAME_AS[key]}
    if key in _TERMINAL_KEEPS:
        return "keys.unsendable.terminal_keeps", {"key": key}
    if not modifiers:
        return None
    if modifiers == ["shift"]:
        return _with_shift(key, name)
    if modifiers == ["ctrl"]:
        return _with_ctrl(key, name)
    if name in _LETTERS | _CAPITALS:
        return "keys.unsendable.ctrl_shift", {"key": key, "fix": f"ctrl+{name.lower()}"}
    if name in _DIGITS:
        return "keys.unsendable.ctrl_digit", {"key": key}
    return None if name in _MOVES else ("keys.unsendable.other", {"key": key})


def _with_shift(key: str, name: str) -> tuple[str, dict[str, str]] | None:
    if name in _LETTERS | _CAPITALS:
        return "keys.unsendable.shift_letter", {"key": key, "fix": name.upper()}
    if name in _DIGITS | _SIGNS:
        return "keys.unsendable.shift_sign", {"key": key}
    if name in _FUNCTION:
        return "keys.unsendable.shift_f", {"key": key}
    return None if name in _MOVES | {"tab"} else ("keys.unsendable.other", {"key": key})


def _with_ctrl(key: str, name: str) -> tuple[str, dict[str, str]] | None:
    if name in _LETTERS | _CTRL_SIGNS | _MOVES | _FUNCTION | {"pageup", "pagedown", "insert"}:
        return None
    if name in _CAPITALS:
        return "keys.unsendable.ctrl_shift", {"key": key, "fix": f"ctrl+{name.lower()}"}
    if name in _DIGITS:
        return "keys.unsendable.ctrl_digit", {"key": key}
    if name in _SIGNS:
        return "keys.unsendable.ctrl_sign", {"key": key}
    return "keys.unsendable.other", {"key": key}


def _unknown_key(key: str, modifiers: list[str], name: str) -> tuple[str, dict[str, str]]:
    """A name Textual does not know, with the closest one it does when there is one."""
    fixed = [_closest(m, _MODIFIERS) for m in modifiers] + [_closest(name, _NAMES)]
    if None in fixed:
        return "keys.unknown_key.far", {"key": key}
    parts = [part for part in fixed if part is not None]
    ordered = [m for m in _MODIFIERS if m in parts[:-1]] + parts[-1:]
    return "keys.unknown_key", {"key": key, "near": "+".join(ordered)}


def _closest(word: str, known: Iterable[str]) -> str | None:
    known = sorted(known)
    if word in known:
        return word
    if word.lower() in known:
        return word.lower()  # "F5": key names are lower-case
    near = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return near[0] if near else None


# The app's bindings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bound:
    """One binding of a class, as Textual merges it from the class's bases."""

    ident: str | None
    """Its binding id; None for Textual's own (a text field's keys), which no map can move."""
    action: str
    keys: frozenset[str]
    """Its keys before any map."""
    holder: type[DOMNode]
    priority: bool

    @property
    def name(self) -> str:
        return self.ident or self.action


@dataclass(frozen=True)
class Place:
    """A screen or modal with every binding active together on it."""

    screen: type[Screen[Any]]
    bindings: tuple[Bound, ...]


@dataclass(frozen=True)
class FloorBindings:
    places: tuple[Place, ...]
    app_keys: tuple[Bound, ...]
    """The apps' own keys (those that work on every screen)."""

    @property
    def ids(self) -> frozenset[str]:
        every = [b for place in self.places for b in place.bindings] + list(self.app_keys)
        return frozenset(b.ident for b in every if b.ident)


def bound_in(cls: type[DOMNode]) -> tuple[Bound, ...]:
    """cls's bindings, its bases' included (a key a subclass binds again is the subclass's)."""
    merged = cls._merged_bindings or cls._merge_bindings()
    keys: dict[tuple[str | None, str, bool], set[str]] = {}
    for key, bindings in merged.key_to_bindings.items():
        for binding in bindings:
            keys.setdefault((binding.id, binding.action, binding.priority), set()).add(key)
    return tuple(
        Bound(ident, action, frozenset(k), cls, priority) for (ident, action, priority), k in keys.items()
    )


@cache
def floor_bindings(apps: tuple[type[App[Any]], ...]) -> FloorBindings:
    """Every binding of the apps, screen by screen (walked once per set of apps)."""
    named: dict[type, set[type[DOMNode]]] = {}
    todo: list[type] = list(apps)
    while todo:
        cls = todo.pop()
        if cls not in named:
            named[cls] = _named_by(cls)
            todo.extend(n for n in named[cls] if _ours(n))  # Textual's own: their bindings only
    app_keys = tuple(b for app in apps for b in (*bound_in(app), *_palette(app)))
    places = []
    for screen in sorted((c for c in named if issubclass(c, Screen) and _ours(c)), key=lambda c: c.__name__):
        widgets = _widgets(screen, named)
        shared = [b for b in app_keys if b.priority] if issubclass(screen, ModalScreen) else list(app_keys)
        places.append(Place(screen, (*bound_in(screen), *(b for w in widgets for b in bound_in(w)), *shared)))
    return FloorBindings(tuple(places), app_keys)


def _palette(app: type[App[Any]]) -> tuple[Bound, ...]:
    """The command palette's key: Textual binds it on each app it makes, not in BINDINGS."""
    if not app.ENABLE_COMMAND_PALETTE:
        return ()
    return (Bound(None, "command_palette", frozenset({app.COMMAND_PALETTE_BINDING}), app, True),)


def _widgets(screen: type, named: dict[type, set[type[DOMNode]]]) -> list[type[DOMNode]]:
    """The widgets a screen's code names, and the widgets theirs name (never another screen)."""
    found: list[type[DOMNode]] = []
    todo = list(named.get(screen, ()))
    while todo:
        cls = todo.pop()
        if cls in found or issubclass(cls, (Screen, App)):
            continue
        found.append(cls)
        todo.extend(named.get(cls, ()))
    return found


def _ours(thing: object) -> bool:
    return getattr(thing, "__module__", "").startswith("tui.")


def _named_by(cls: type) -> set[type[DOMNode]]:
    """The DOMNode classes named by the code of cls and of its bases in tui, following the tui
    functions that code calls (a form built by a helper)."""
    found: set[type[DOMNode]] = set()
    if not _ours(cls):
        return found
    functions: list[Any] = []
    for klass in cls.__mro__:
        if not _ours(klass):
            continue
        for value in vars(klass).values():
            if isinstance(value, types.FunctionType | staticmethod | classmethod | property):
                functions.append(value)
            else:
                found.update(item for item in _flattened(value) if _is_node_class(item))  # MODES
    walked: set[types.CodeType] = set()
    while functions:
        for scope, code in _codes(functions.pop()):
            if code in walked:
                continue
            walked.add(code)
            for thing in _names(scope, code):
                if _is_node_class(thing):
                    found.add(thing)
                elif isinstance(thing, types.FunctionType) and _ours(thing):
                    functions.append(thing)
    found.discard(cls)
    return found


def _codes(function: Any) -> Iterator[tuple[dict[str, Any], types.CodeType]]:
    """A function's code and the code nested in it (lambdas, comprehensions), with its globals."""
    if isinstance(function, property):
        for part in (function.fget, function.fset):
            if part is not None:
                yield from _codes(part)
        return
    if isinstance(function, staticmethod | classmethod):
        function = function.__func__
    if not isinstance(function, types.FunctionType):
        return
    stack = [function.__code__]
    while stack:
        code = stack.pop()
        yield function.__globals__, code
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))


def _names(scope: dict[str, Any], code: types.CodeType) -> Iterator[Any]:
    """What the names a code uses stand for: its module's globals, and the tui modules it
    imports inside the function (a form loaded when first asked for)."""
    modules = [module for n in code.co_names if n.startswith("tui.") and (module := _module(n))]
    for name in code.co_names:
        if name in scope:
            yield scope[name]
        for module in modules:
            if hasattr(module, name):
                yield getattr(module, name)


def _module(name: str) -> types.ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:  # a dotted attribute, not a module
        return None


def _flattened(value: Any) -> Iterator[Any]:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from _flattened(item)
    else:
        yield value


def _is_node_class(thing: object) -> bool:
    return isinstance(thing, type) and issubclass(thing, DOMNode)


# The check -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyProblem:
    """What is wrong with one [keys] line, said in either language."""

    ident: str
    code: str
    params: tuple[tuple[str, str], ...] = ()
    screens: tuple[str, ...] = ()
    """Where two bindings meet: screen class names, said by their words (keys.screen.*)."""

    def say(self, language: str = "en") -> str:
        values = dict(self.params)
        if "holder" in values and values["action"] == "command_palette":
            values["action"] = _words_for("keys.palette", language)
        if self.screens:
            values["screens"] = _screens(self.screens, language)
        return _words_for(self.code, language, **values)


def check_keymap(
    keymap: KeyMap, apps: Sequence[type[App[Any]]], *, unknown_ids: bool = True
) -> tuple[KeyProblem, ...]:
    """Every problem of keymap against the apps' bindings; () when the apps may apply it.

    unknown_ids=False leaves out ids these apps lack: a running app ignores them (Textual
    applies only the ids it has), and the wall's app lacks the agents' ids by design.
    """
    known = floor_bindings(tuple(apps))
    ids = known.ids
    problems: list[KeyProblem] = []
    moved: dict[str, frozenset[str]] = {}
    for ident, keys in keymap:
        wanted = list(dict.fromkeys(key.strip() for key in keys.split(",") if key.strip()))
        if not wanted:
            problems.append(KeyProblem(ident, "keys.empty"))
        elif ident not in ids:
            if unknown_ids:
                problems.append(_unknown_id(ident, ids))
        else:
            refused = [problem for problem in map(unsendable, wanted) if problem]
            problems.extend(KeyProblem(ident, code, tuple(values.items())) for code, values in refused)
            if not refused:
                moved[ident] = frozenset(wanted)
    return (*problems, *_collisions(moved, known))


def _unknown_id(ident: str, ids: frozenset[str]) -> KeyProblem:
    if ident.lower() in ids:
        return KeyProblem(ident, "keys.unknown_id", (("near", ident.lower()),))
    near = difflib.get_close_matches(ident, sorted(ids), n=1, cutoff=0.6)
    if near:
        return KeyProblem(ident, "keys.unknown_id", (("near", near[0]),))
    return KeyProblem(ident, "keys.unknown_id.far")


def _collisions(moved: dict[str, frozenset[str]], known: FloorBindings) -> list[KeyProblem]:
    """Two bindings on one key on one screen, where the map put at least one there (the app's
    own keys that already share one, Enter in a list and in its form, are as designed)."""
    met: dict[tuple[str, str, str], tuple[Bound, list[str]]] = {}
    for place in known.places:
        on_key: dict[str, list[Bound]] = {}
        for bound in place.bindings:
            for key in moved.get(bound.ident, bound.keys) if bound.ident else bound.keys:
                on_key.setdefault(key, []).append(bound)
        for key, together in on_key.items():
            for mover in together:
                if mover.ident not in moved or key in mover.keys:
                    continue
                for other in together:
                    if other.name == mover.name or _said_by_other(other, key, moved, mover):
                        continue
                    # one problem per binding met, however many classes hold it (an Input
                    # and the filter box made from it)
                    _, screens = met.setdefault((mover.ident, key, other.name), (other, []))
                    screens.append(place.screen.__name__)
    problems = []
    for (ident, key, _name), (other, screens) in met.items():
        code, values = _collision_words(other, key, known)
        problems.append(KeyProblem(ident, code, tuple(values.items()), tuple(dict.fromkeys(screens))))
    return sorted(problems, key=lambda p: (p.ident, p.params))


def _said_by_other(other: Bound, key: str, moved: dict[str, frozenset[str]], mover: Bound) -> bool:
    """Two bindings both moved onto one key: one problem (the first id's), not two."""
    return bool(other.ident in moved and key not in other.keys and str(other.ident) < str(mover.ident))


def _collision_words(other: Bound, key: str, known: FloorBindings) -> tuple[str, dict[str, str]]:
    if other.ident is None:
        return "keys.collision.builtin", {"key": key, "action": other.action, "holder": other.holder.__name__}
    if other in known.app_keys:
        return "keys.collision.app", {"key": key, "other": other.ident}
    return "keys.collision", {"key": key, "other": other.ident}


def _words_for(code: str, language: str, **values: str) -> str:
    english, chinese = catalogue()[code]
    return (chinese if language == "zh" else english).format(**values)


def _screens(names: tuple[str, ...], language: str) -> str:
    words = catalogue()
    said = [words[f"keys.screen.{n}"][language == "zh"] if f"keys.screen.{n}" in words else n for n in names]
    if len(said) > SCREENS_NAMED:  # a key Textual binds on every screen: a few say enough
        more = _words_for("keys.screens.more", language, count=str(len(said) - SCREENS_NAMED + 1))
        said = [*said[: SCREENS_NAMED - 1], more]
    if len(said) == 1:
        return said[0]
    comma = "、" if language == "zh" else ", "
    return comma.join(said[:-1]) + _words_for("keys.screens.and", language) + said[-1]


# The refusal -----------------------------------------------------------------------------------


class KeyMapRefused(PolicyError):
    """A policy whose [keys] the floor's apps cannot use: every problem, one line each."""

    def __init__(self, source: str, problems: Sequence[KeyProblem]):
        self.problems = tuple(problems)
        super().__init__(source, "keys", "policy.keys.refused")

    @property
    def problem(self) -> str:
        return "; ".join(p.say("en") for p in self.problems)

    def say(self, language: str = "en") -> str:
        return "\n".join(self.lines(language))

    def lines(self, language: str = "en") -> list[str]:
        count = len(self.problems)
        head = _words_for(
            "keys.refused.one" if count == 1 else "keys.refused.many", language, count=str(count)
        )
        return [f"{self.source}: {head}", *(f"  keys.{p.ident}: {p.say(language)}" for p in self.problems)]


def refuse_unusable(source: str, keymap: KeyMap, apps: Sequence[type[App[Any]]]) -> None:
    """Raise KeyMapRefused when keymap fails the check (callfloor policy check and load)."""
    problems = check_keymap(keymap, apps)
    if problems:
        raise KeyMapRefused(source, problems)
