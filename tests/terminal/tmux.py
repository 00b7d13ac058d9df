"""The real program in a real terminal: tmux at a fixed size, keys by send-keys, the screen
by capture-pane. This is how an agent sees callfloor over SSH."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid

TMUX = shutil.which("tmux")


class Terminal:
    def __init__(self, command: list[str], env: dict[str, str], width: int = 80, height: int = 24):
        self.socket = f"cf-{uuid.uuid4().hex[:8]}"
        self.command, self.env, self.width, self.height = command, env, width, height

    def _tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self) -> Terminal:
        env_args = [f"{k}={v}" for k, v in self.env.items()]
        # -u: a test process that ran a Textual app under Pilot has COLUMNS/LINES set, and the
        # program in the pane would take them over the pane's real size.
        shell = " ".join(
            ["env", "-u", "COLUMNS", "-u", "LINES", *map(_quote, env_args), *map(_quote, self.command)]
        )
        self._tmux(
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(self.width),
            "-y",
            str(self.height),
            f"{shell}; sleep 600",
        )
        self._tmux("set-option", "-t", "t", "status", "off")
        return self

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 10.0, poll: float = 0.02) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear within {timeout} s; the screen:\n{screen}")
            time.sleep(poll)

    def wait_for_change(self, before: str, timeout: float = 5.0, poll: float = 0.002) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if screen != before:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen did not change within {timeout} s")
            time.sleep(poll)

    def app_pid(self) -> int | None:
        """The callfloor process inside the pane (the pane runs a shell around it)."""
        pane = int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())
        for pid in descendants(pane):
            try:
                cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "callfloor" in cmd:
                return pid
        return None

    def close(self) -> None:
        self._tmux("kill-server", check=False)

    def __enter__(self) -> Terminal:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()


def descendants(pid: int) -> list[int]:
    """Every process under pid (children, theirs, and so on), from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
                found.extend(descendants(int(entry)))
    return found


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
