"""What holds the app up, for the tests that show it never blocks (tests/faults, tests/app):
another process that holds the floor's write lock, as a backup that copies the file does (on
PostgreSQL: every table locked against writes, plain reads still going); a core read that
waits until the test releases it, as a slow disk does; and a busy timeout long enough for a
save to outlive the held lock."""

from __future__ import annotations

import select
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.engines import FloorDb

LOCK_HOLDER = """
import select, sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
db.execute("BEGIN EXCLUSIVE")  # what a backup that copies the file holds
print("held", flush=True)
select.select([sys.stdin], [], [], 30)  # released by a line on stdin, or after 30 s
db.execute("ROLLBACK")
db.close()
"""

PG_LOCK_HOLDER = """
import select, sys
import psycopg
db = psycopg.connect(sys.argv[1])
tables = [name for (name,) in db.execute(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
)]
# What a backup that holds the floor still holds on a server: writes wait, plain reads do not
db.execute("LOCK TABLE " + ", ".join('"%s"' % name for name in tables) + " IN EXCLUSIVE MODE")
print("held", flush=True)
select.select([sys.stdin], [], [], 30)  # released by a line on stdin, or after 30 s
db.rollback()
db.close()
"""


class LockHolder:
    """Another process that holds the floor's write lock until released (30 s at most)."""

    def __init__(self, where: Path | FloorDb):
        where = where if isinstance(where, FloorDb) else FloorDb(path=where)
        script, target = (
            (LOCK_HOLDER, str(where.path)) if where.path is not None else (PG_LOCK_HOLDER, str(where.url))
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", script, target],
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        ready, _, _ = select.select([self.process.stdout], [], [], 20)
        if not ready or self.process.stdout.readline().strip() != "held":
            self.process.kill()
            raise RuntimeError("the lock holder did not take the lock")

    def release(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.write("go\n")
            self.process.stdin.flush()
            self.process.wait(timeout=20)


@pytest.fixture
def hold_lock():
    """hold_lock(floor_db) -> a LockHolder (a Path is a SQLite file); every holder is released
    (or killed) at the end."""
    holders: list[LockHolder] = []

    def hold(where: Path | FloorDb) -> LockHolder:
        holders.append(LockHolder(where))
        return holders[-1]

    try:
        yield hold
    finally:
        for holder in holders:
            try:
                holder.release()
            except Exception:
                holder.process.kill()


@pytest.fixture
def patient(monkeypatch):
    """A save outlives the held lock (the floor's default busy timeout instead of the faults'
    one second). Asked for first, so it is set before the floor is opened."""
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", "15")


class Held:
    """A core read that waits until released (a slow disk): it wraps the real call."""

    def __init__(self, monkeypatch, module, name: str) -> None:
        self.gate = threading.Event()
        self.waiting = threading.Event()
        real: Callable = getattr(module, name)

        def held(*args, **kwargs):
            self.waiting.set()
            assert self.gate.wait(30), "the test never released the read"
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, held)

    def release(self) -> None:
        self.gate.set()
