"""The app's last resort: an error nobody expected, in an action, a message handler, a timer or
a worker, is written with its traceback to a log file of this user's, shown as a notification
that names that file, and the app keeps running (Textual's default ends the app with a
traceback, which on a floor throws an agent out mid-call).

Textual sends every unhandled error to App._handle_exception, and a message pump whose handler
raised stops reading its messages. So the apps override _handle_exception (timers, workers,
mounting), catch in _dispatch_action (every key binding, palette command and menu choice), and
the apps and screens catch in _dispatch_message, so that their pumps keep reading.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.worker import WorkerFailed

from tui.i18n import live as _words  # noqa: F401  (registers the words)
from tui.i18n import tr

LOG_NAME = "errors.log"
STORM = (20, 10.0)
"""This many unexpected errors within this many seconds (say, one each frame) is a broken app:
it ends with Textual's traceback rather than repainting error messages for ever."""

if TYPE_CHECKING:
    # The mixins below are typed as the Textual classes they are mixed into, so their super()
    # calls and self.notify type-check; at run time they stay plain mixins (MRO unchanged).
    from textual.app import App
    from textual.message_pump import MessagePump

    _PumpBase = MessagePump
    _AppBase = App[Any]
else:
    _PumpBase = _AppBase = object


def log_folders() -> list[Path]:
    """$XDG_STATE_HOME/callfloor, else ~/.local/state/callfloor; then a private temp folder."""
    state = os.environ.get("XDG_STATE_HOME", "").strip()
    folders = [Path(state) / "callfloor"] if state and os.path.isabs(state) else []
    try:
        folders.append(Path.home() / ".local" / "state" / "callfloor")
    except RuntimeError:  # no home directory for this user
        pass
    folders.append(Path(tempfile.gettempdir()) / f"callfloor-{os.getuid()}")
    return folders


def write_error(error: BaseException) -> Path | None:
    """Append error's traceback to the first log file that can be written (mode 0600, in a
    folder of this user's); its path, or None when none could be."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    entry = f"--- {datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z} (pid {os.getpid()})\n{text}\n"
    for folder in log_folders():
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.lstat(folder)
            if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
                continue  # a shared temp folder someone else made: not for this user's log
            path = folder / LOG_NAME
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8", errors="replace") as log:
                os.fchmod(fd, 0o600)  # the traceback may quote a customer's words
                log.write(entry)
            return path
        except OSError:
            continue
    return None


class KeepsReading(_PumpBase):
    """Mixed into the apps and the screens: an error raised by one of their message handlers
    goes to the app's last resort, and their message pump keeps reading."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)
        except NoMatches as error:
            if not self._going_away():  # a screen on show without its widget: a real bug
                self.app._handle_exception(error)
        except Exception as error:  # noqa: BLE001 (the last resort: anything)
            self.app._handle_exception(error)

    def _going_away(self) -> bool:
        """A result (a read that finished, a tick) reached a screen that is being closed, or an
        app that is ending: its widgets are already gone, and nobody will see it. Dropped."""
        app = self.app
        if getattr(app, "_exit", False) or getattr(self, "_closing", False) or not self.is_attached:
            return True
        return isinstance(self, Screen) and self not in app.screen_stack


class LastResort(KeepsReading, _AppBase):
    """Mixed into the apps (before App): the one handler for unexpected errors."""

    _unexpected_at: list[float]

    def unexpected(self, error: BaseException) -> Path | None:
        """Log error with its traceback and say so; the app goes on."""
        if isinstance(error, WorkerFailed):  # a worker's own error is the one to show and log
            error = error.error
        if isinstance(error, NoMatches) and self._for_a_screen_gone(error):
            return None  # a read that finished after its screen closed: nobody will see it
        path = write_error(error)
        where = str(path) if path else tr("error.unexpected.nolog")
        self.notify(
            tr("error.unexpected", error=f"{type(error).__name__}: {error}"[:300], log=where),
            title=tr("error.unexpected.title"),
            severity="error",
            timeout=30,
            markup=False,
        )
        return path

    def _for_a_screen_gone(self, error: BaseException) -> bool:
        """Whether error was raised by a widget or screen that has left the app's screens (a
        worker's result that came after Esc closed its screen): its widgets are gone."""
        frame = error.__traceback__
        while frame is not None:
            node = frame.tb_frame.f_locals.get("self")
            if isinstance(node, DOMNode):
                screen = node if isinstance(node, Screen) else None
                if not node.is_attached or (screen is not None and screen not in self.screen_stack):
                    return True
            frame = frame.tb_next
        return False

    def _handle_exception(self, error: Exception) -> None:
        if not self._can_go_on():
            super()._handle_exception(error)
            return
        try:
            self.unexpected(error)
        except Exception:  # noqa: BLE001 (showing it failed too: end as Textual would)
            super()._handle_exception(error)

    def _can_go_on(self) -> bool:
        """Before the first screen is up there is nothing to go on with; and a storm of errors
        is a loop, not a mishap."""
        if not getattr(self, "_dom_ready", False) or getattr(self, "_exit", False):
            return False
        now = time.monotonic()
        count, seconds = STORM
        times = [t for t in getattr(self, "_unexpected_at", []) if now - t < seconds] + [now]
        self._unexpected_at = times
        return len(times) <= count

    async def _dispatch_action(self, namespace: DOMNode, action_name: str, params: Any) -> bool:
        """Every action (a key, the palette, the menu) comes through here."""
        try:
            return await super()._dispatch_action(namespace, action_name, params)
        except Exception as error:  # noqa: BLE001 (the last resort: anything)
            self._handle_exception(error)
            return True
