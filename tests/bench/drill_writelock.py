"""Experiments, not the product: other ways for the agents' processes to take SQLite's write
lock, so their effect on the load drill's tail latency is measured before anyone changes
db/connection.py. The load drill installs one with --write-lock in its agent processes only.

Why: SQLite's busy handler (what busy_timeout installs) sleeps 1, 2, 5, 10, 15, 20, 25, 25,
25, 50, 50, then 100 ms between tries. A writer that has waited a while tries only every
100 ms and keeps losing the lock to writers that just arrived, so under contention a few
writes wait for seconds while the transactions themselves take milliseconds.

- poll:MS  retry BEGIN IMMEDIATE every ~MS ms with the busy timeout off. Measured on two
           shared cores with 50 writers and no think time: far worse (the waiters' polling
           eats the CPU the lock holder needs; 211 ms CPU a write, 9 writes/s).
- queue    wait for an exclusive flock on a file beside the database before BEGIN
           IMMEDIATE: waiters sleep in the kernel and are woken when the holder releases,
           with no backing-off and no CPU spent waiting (no timeout in this experiment).
"""

from __future__ import annotations

import fcntl
import os
import random
import sqlite3
import time

from peewee import OperationalError


class PollingWrite:
    def __init__(self, db, interval: float, timeout: float):
        self.db, self.interval, self.timeout = db, interval, timeout

    def __enter__(self):
        deadline = time.monotonic() + self.timeout
        conn = self.db.connection()
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                self.transaction = self.db.atomic("IMMEDIATE")
                try:
                    return self.transaction.__enter__()
                except (OperationalError, sqlite3.OperationalError) as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                        raise
                time.sleep(self.interval * random.uniform(0.5, 1.5))
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")

    def __exit__(self, *exc):
        return self.transaction.__exit__(*exc)


class QueuedWrite:
    def __init__(self, db, fd: int):
        self.db, self.fd = db, fd

    def __enter__(self):
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        try:
            self.transaction = self.db.atomic("IMMEDIATE")
            return self.transaction.__enter__()
        except BaseException:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            raise

    def __exit__(self, *exc):
        try:
            return self.transaction.__exit__(*exc)
        finally:
            fcntl.flock(self.fd, fcntl.LOCK_UN)


def install(mode: str, db_path: str, timeout: float = 15.0) -> None:
    """Make this process's core writes take the lock the given way ('poll:MS' or 'queue')."""
    import core.floor.session

    if mode.startswith("poll:"):
        interval = float(mode.partition(":")[2]) / 1000
        core.floor.session.write_transaction = lambda db: PollingWrite(db, interval, timeout)
    elif mode == "queue":
        fd = os.open(f"{db_path}-writequeue", os.O_RDWR | os.O_CREAT, 0o660)
        core.floor.session.write_transaction = lambda db: QueuedWrite(db, fd)
    else:
        raise ValueError(f"unknown write-lock mode {mode!r}; use poll:MS or queue")
