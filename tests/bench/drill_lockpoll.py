"""An experiment, not the product: take SQLite's write lock by polling BEGIN IMMEDIATE every
millisecond or so instead of through SQLite's busy handler.

Why: SQLite's default busy handler (what busy_timeout installs) sleeps 1, 2, 5, 10, 15, 20,
25, 25, 25, 50, 50, then 100 ms between tries. A writer that has waited a while tries only
every 100 ms and keeps losing the lock to writers that just arrived and try at once, so under
contention a few writes wait for seconds while the transactions themselves take milliseconds.
Polling at a short fixed interval (with jitter) gives every waiter the same chance at each
release. The load drill installs this with --lock-poll MS in its agent processes only, to
measure the difference before anyone changes db/connection.py.
"""
from __future__ import annotations

import random
import sqlite3
import time

from peewee import OperationalError


class PollingWrite:
    """A write transaction (SQLite) whose BEGIN IMMEDIATE is retried every ~interval seconds
    with the busy timeout off, until timeout; then the usual 'locked' error."""

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


def install(interval_ms: float, timeout: float = 15.0) -> None:
    """Make this process's core writes take the lock by polling (see the module's docstring)."""
    import core.session

    core.session.write_transaction = lambda db: PollingWrite(db, interval_ms / 1000, timeout)
