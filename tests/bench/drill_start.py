"""Starting a drill's processes together. Fifty interpreters take seconds to start on a small
machine, so each process opens its session, says "ready" in its log, and waits for the go
file; the drill writes it (holding the end time) once all are ready. Writing starts together
and the interpreters' start-up is not counted as floor time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.bench.drill_log import read_records

ROOT = Path(__file__).resolve().parents[2]
CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))


class Deadline:
    """When to stop: the end time in the go file. The drill may rewrite the file to stop its
    processes sooner (the backup drill stops the writers once the backup is done)."""

    def __init__(self, path: str):
        self.path = path
        self.seen: float | None = None
        self.end = 0.0

    def passed(self) -> bool:
        stamp = os.stat(self.path).st_mtime_ns
        if stamp != self.seen:
            self.seen, self.end = stamp, json.loads(Path(self.path).read_text())["end"]
        return time.time() >= self.end


def wait_for_go(path: str, poll: float = 0.02) -> Deadline:
    """Block until the drill says go."""
    while not os.path.exists(path):
        time.sleep(poll)
    return Deadline(path)


class Crew:
    """The processes of one drill run, each with its log file in folder."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.go_file = self.folder / "go.json"
        self.processes: dict[str, subprocess.Popen] = {}

    def log_of(self, name: str) -> Path:
        return self.folder / f"{name}.jsonl"

    def start(self, name: str, module: str, *args: str) -> subprocess.Popen:
        """python -m module --log FOLDER/name.jsonl --go FOLDER/go.json *args, from the repo root."""
        out = open(self.folder / f"{name}.out", "wb")
        process = subprocess.Popen(
            [sys.executable, "-m", module, "--log", str(self.log_of(name)), "--go", str(self.go_file), *args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        out.close()
        self.processes[name] = process
        return process

    def is_ready(self, name: str) -> bool:
        log = self.log_of(name)
        return log.exists() and any(r["kind"] == "ready" for r in read_records(log))

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        waiting = set(self.processes)
        while waiting:
            waiting = {name for name in waiting if not self.is_ready(name)}
            for name in waiting:
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited before it was ready:\n{self.output(name)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"not ready after {timeout} s: {sorted(waiting)}")
            time.sleep(0.05)

    def go(self, seconds: float) -> tuple[float, float]:
        """Start them all; returns (start, end) in epoch seconds."""
        start = time.time()
        self.stop_at(start + seconds)
        return start, start + seconds

    def stop_at(self, end: float) -> None:
        partial = self.go_file.with_suffix(".partial")
        partial.write_text(json.dumps({"end": end}))
        os.replace(partial, self.go_file)  # appears whole or not at all

    def wait(self, timeout: float) -> dict[str, int]:
        """Exit codes once all have finished; a process still running after timeout is killed (-9)."""
        deadline = time.monotonic() + timeout
        codes = {}
        for name, process in self.processes.items():
            try:
                codes[name] = process.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                codes[name] = process.wait()
        return codes

    def kill(self, name: str) -> None:
        """SIGKILL: no cleanup, no flush, no rollback; as a power cut is to the process."""
        process = self.processes[name]
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is None:
                self.kill(name)

    def output(self, name: str) -> str:
        path = self.folder / f"{name}.out"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def failures(self, codes: dict[str, int], allowed=(0,)) -> dict[str, str]:
        """Processes that ended otherwise than allowed, with the tail of what they printed."""
        return {
            name: f"exit {code}: {self.output(name)}" for name, code in codes.items() if code not in allowed
        }


def callfloor(*args: str, user: str = "boss", timeout: float = 300) -> subprocess.CompletedProcess:
    """The real command, as a person on the floor host runs it (real time: no CALLFLOOR_NOW)."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("CALLFLOOR_NOW", "CALLFLOOR_DB", "CALLFLOOR_DB_URL")
    }
    env["CALLFLOOR_USER"] = user
    return subprocess.run([CALLFLOOR, *args], env=env, capture_output=True, text=True, timeout=timeout)
