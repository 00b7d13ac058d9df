"""The floor on a PostgreSQL server (psycopg 3), behaving as the SQLite floor does.

- **One writer at a time.** A write transaction first takes the floor's transaction-level
  advisory lock, as SQLite's BEGIN IMMEDIATE takes the file's write lock: every read-then-write
  in core (the next ref, a stale-edit check, a claim) stays correct as written, two writers
  never deadlock, and ids in the change log are in commit order. A write waits for the lock at
  most CALLFLOOR_BUSY_TIMEOUT (the connection's lock_timeout) and then fails as "busy".
- **Timeouts.** connect_timeout and lock_timeout follow the busy timeout; a session that sits
  in an open transaction (a process stopped mid-write) is ended by the server, so it cannot
  hold the floor's write lock for ever.
- **Change signal.** Every transaction that logs a change (schema 6's floor_change) notifies
  the channel `floor_change` when it commits (schema 9). A session listens on a connection of
  its own and counts the notifications of other sessions (its own connections' backend pids
  are left out, as SQLite's data_version leaves out a connection's own writes). Asking costs
  one non-blocking read of a socket. When the listening connection drops (server restart,
  network), the question fails once (the screens say NOT LIVE), the next one connects again
  and counts one change, so every screen reads again what it shows: nothing sent while it was
  away is missed, because what changed is read from the log by id, not from the notifications.
"""

from __future__ import annotations

import math
import threading
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from peewee import InterfaceError, OperationalError, PostgresqlDatabase, __exception_wrapper__  # type: ignore[attr-defined]  # not in its stubs

from db.drivers import postgres_driver
from db.urls import database_identity

FLOOR_WRITE_LOCK = 0x43616C6C  # "Call": the floor's one advisory lock key
"""The key of the transaction-level advisory lock every write takes first."""

CHANGE_CHANNEL = "floor_change"
"""The channel schema 9's trigger notifies when a transaction logged a change."""

APPEND_ONLY_SQLSTATE = "23C01"
"""The error code schema 9's append-only triggers raise (timeline and audit): class 23, an integrity
constraint violation, as SQLite's RAISE(ABORT) is, so both engines refuse the same way."""


def conninfo(url: str) -> str:
    """url as libpq reads it: the scheme postgresql:// whatever peewee called it."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


class FloorPostgresDatabase(PostgresqlDatabase):
    """PostgresqlDatabase with the floor's timeouts, write lock and change signal."""

    def __init__(self, url: str, busy_timeout: float, **kwargs: Any) -> None:
        self.url = url
        self.busy_timeout = busy_timeout
        self._listener: Any = None
        self._listener_lock = threading.Lock()
        self._locking = threading.local()
        """.on while write_transaction opens a transaction: begin() takes the write lock too."""
        self._heard = 0
        self._heard_from: dict[int, int] = {}
        """Notifications heard per backend pid (a connection's own are not news to it)."""
        postgres_driver()  # peewee was imported without it (db/drivers.py)
        lock_ms = max(1, round(busy_timeout * 1000))
        # A transaction left open by a stopped process ends after this (never on a person:
        # core never holds a transaction open while waiting for one).
        idle_ms = max(60_000, 4 * lock_ms)
        super().__init__(
            conninfo(url),
            prefer_psycopg3=True,
            connect_timeout=max(2, math.ceil(busy_timeout)),
            application_name="callfloor",
            options=f"-c lock_timeout={lock_ms} -c idle_in_transaction_session_timeout={idle_ms}",
            **kwargs,
        )

    def cursor(self, *args: Any, **kwargs: Any) -> Any:
        """A cursor on a usable connection: one the server dropped (a restart, a network cut)
        failed its last statement, which said so; outside a transaction the next one connects
        again instead of failing for the rest of the session."""
        conn = None if self.is_closed() else self._state.conn  # type: ignore[attr-defined]
        if conn is not None and (conn.closed or conn.broken) and not self.in_transaction():
            self.close()
        return super().cursor(*args, **kwargs)

    @property
    def database_name(self) -> str:
        """The database's own name on the server (the URL's path, or its dbname=)."""
        return database_identity(self.url)[2]

    def take_write_lock(self) -> None:
        """Inside a transaction: wait (at most the lock timeout) for the floor's write lock."""
        self.execute_sql("SELECT pg_advisory_xact_lock(%s)", (FLOOR_WRITE_LOCK,))

    def begin(self, isolation_level: Any = None) -> None:
        """BEGIN; a write transaction (write_transaction sets locking_begin) takes the floor's
        write lock in the same round trip: every round trip made while others wait for the
        lock is time added to each of their saves (the 200-agent drill on a busy host).

        A connection the server dropped since its last use (a restart, a network cut) fails
        here before anything was begun: it is replaced and BEGIN sent once more, so the save
        goes through instead of failing once on every thread's stale connection."""
        try:
            self._begin(isolation_level)
        except (OperationalError, InterfaceError):
            if not self._dropped():
                raise
            self.close()
            self._begin(isolation_level)

    def _begin(self, isolation_level: Any) -> None:
        if isolation_level is None and getattr(self._locking, "on", False):
            cursor = self.cursor()
            try:
                with __exception_wrapper__:
                    cursor.execute(f"BEGIN; SELECT pg_advisory_xact_lock({FLOOR_WRITE_LOCK})")
            except BaseException:
                with suppress(Exception):  # a dropped connection has nothing to end
                    cursor.connection.rollback()  # BEGIN went through and the lock did not: end it here
                raise
            return
        super().begin(isolation_level)

    def execute_sql(self, sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        """A statement outside a transaction (a read) on a connection the server dropped since
        its last use is sent once more on a new connection (see begin)."""
        try:
            return super().execute_sql(sql, params, *args, **kwargs)
        except (OperationalError, InterfaceError):
            if self.in_transaction() or not self._dropped():
                raise
            self.close()
            return super().execute_sql(sql, params, *args, **kwargs)

    def _dropped(self) -> bool:
        """Whether the calling thread's connection is one the server has dropped."""
        conn = None if self.is_closed() else self._state.conn  # type: ignore[attr-defined]
        return conn is not None and (conn.closed or conn.broken)

    # The change signal ------------------------------------------------------------------

    def heard_changes(self) -> int:
        """How many transactions logged changes since this process started listening, less those
        of the calling thread's own connection (SQLite's data_version is per connection too: a
        connection's own writes do not move it, another thread's do), plus one for every time
        it had to listen again. Raises the driver's error when the server cannot be asked; the
        next call connects again."""
        import psycopg

        with self._listener_lock:
            if self._listener is None or self._listener.closed:
                listener = psycopg.connect(
                    self.database,
                    autocommit=True,
                    **{**self.connect_params, "application_name": "callfloor-watch"},
                )
                listener.execute(f"LISTEN {CHANGE_CHANNEL}")
                if self._listener is not None:
                    self._heard += 1  # listening again: whatever was sent meanwhile counts as a change
                self._listener = listener
            try:
                for note in self._listener.notifies(timeout=0):
                    self._heard += 1
                    self._heard_from[note.pid] = self._heard_from.get(note.pid, 0) + 1
            except psycopg.Error:
                self._listener.close()
                raise
            pid = self._own_pid()
            own = self._heard_from.get(pid, 0) if pid is not None else 0
            return self._heard - own

    def _own_pid(self) -> int | None:
        """The backend pid of the calling thread's connection, if it has one."""
        conn = None if self.is_closed() else self._state.conn  # type: ignore[attr-defined]
        return None if conn is None or conn.closed else conn.info.backend_pid

    def close(self) -> bool:
        with self._listener_lock:
            if self._listener is not None:
                self._listener.close()
                self._listener = None
        return super().close()
