"""The real `callfloor serve-board` in a process of its own, for the server's tests and the
browser's: started on a free port, stopped with SIGTERM as a service manager would."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

from tests.cli.conftest import CALLFLOOR, Floor
from tests.terminal.tmux import descendants

SERVING = re.compile(r"serving the wall board on http://[^:]+:(\d+)/")


class BoardServer:
    def __init__(
        self, floor: Floor, *args: str, user: str = "li", port: int = 0, env: dict | None = None
    ) -> None:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
        full_env.update(CALLFLOOR_USER=user, PYTHONUNBUFFERED="1", **(env or {}))
        self.process = subprocess.Popen(
            [CALLFLOOR, "serve-board", "--port", str(port), *args, *floor.db.args()],
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: list[str] = []
        self.port = 0
        found = threading.Event()

        def read() -> None:
            assert self.process.stdout is not None
            for line in self.process.stdout:
                self.lines.append(line.rstrip("\n"))
                matched = SERVING.search(line)
                if matched:
                    self.port = int(matched.group(1))
                    found.set()
            found.set()

        threading.Thread(target=read, daemon=True).start()
        found.wait(30)
        assert self.port, f"the server did not start:\n{self.output}"

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_for_line(self, text: str, seconds: float = 20.0) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            found = [line for line in self.lines if text in line]
            if found:
                return found[-1]
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not logged within {seconds} s:\n{self.output}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.process.returncode

    def __enter__(self) -> BoardServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def new_link(floor: Floor, label: str = "TV by the door") -> tuple[int, str]:
    """A link made with the command, as a supervisor would: its id and token."""
    said = floor.ok("serve-board", "--new-token", "--label", label)
    number = int(re.search(r"Link (\d+) for", said).group(1))
    token = re.search(r"/board/([A-Za-z0-9_-]+)", said).group(1)
    return number, token


def board_processes(server: int) -> list[int]:
    """The board processes a server (its pid) runs for its browsers: under the shell that
    textual-serve starts for each."""
    found = []
    for pid in descendants(server):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "tui.cli.main board" in command and "sh -c" not in command:
            found.append(pid)
    return found
