"""The workbook's figures read on a second connection, in a thread, while this one streams
the rows.

The figures (this week's, last week's, the 8-week trend, the Response and Categories counts)
are a few long SQL statements that SQLite works through in C with Python's lock released, so
in another thread they cost the export almost no time. (The rows are not read that way: the
driver takes Python's lock back for every row, and the two threads then queue for the lock;
measured, no faster.) The workbook must still be one snapshot of the floor: the rows and the
figures as of the same moment. On SQLite (WAL) each connection reads its own snapshot, taken
at its transaction's first read, so:

1. this connection notes PRAGMA data_version, outside any transaction;
2. the other thread opens its read transaction and reads once (its snapshot is taken);
3. this connection opens its read transaction, reads once and notes data_version again.

If no other connection committed between 1 and 3, data_version is unchanged and both
snapshots are the same state of the floor. If something was committed in that window (a few
milliseconds), the figures the other thread read are dropped and read again here, in this
connection's transaction. Other engines, and a database in memory, read everything here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from core.basics import InvalidInput
from core.floor import Session
from core.report.export_rows import ticket_tallies
from core.report.figures import TREND_WEEKS, TrendPoint, WeekFigures, trend, weekly_figures
from core.report.sheets import WeekTallies
from core.report.week import Week
from db.connection import is_sqlite
from db.models import Agent
from db.rows import as_tuples


@dataclass(frozen=True)
class Figures:
    """What the short sheets show besides the rows."""

    week: WeekFigures
    previous: WeekFigures | None
    """Last week's figures as of now (None before the calendar's first week)."""
    trend: list[TrendPoint]
    names: dict[str, str]
    """Every agent's login -> display name."""
    tallies: WeekTallies
    """The Response and Categories sheets' counts."""


def read_figures(session: Session, week: Week) -> Figures:
    """The week's figures, last week's, the 8-week trend (its last two points are those two
    weeks' figures, not read twice), the agents' names and the tickets' counts by tier and
    category."""
    figures = weekly_figures(session, week)
    try:
        previous = weekly_figures(session, week.previous)
        earlier = trend(session, week.shifted(-2), TREND_WEEKS - 2)
    except InvalidInput:  # the calendar's first weeks
        previous, earlier = None, [p for p in trend(session, week) if p.week != week.label]
    points = earlier + [
        TrendPoint(f.week.label, f.received, f.satisfaction_avg) for f in (previous, figures) if f
    ]
    return Figures(
        figures,
        previous,
        points,
        dict(as_tuples(Agent.select(Agent.login, Agent.display_name))),
        ticket_tallies(session, week, session.now()),
    )


def _data_version(session: Session) -> int:
    return session.db.execute_sql("PRAGMA data_version").fetchone()[0]


_Result = TypeVar("_Result")


class _Reader(threading.Thread, Generic[_Result]):
    """A thread on its own connection: takes its snapshot, then runs work in it."""

    def __init__(self, session: Session, name: str, work: Callable[[], _Result]):
        super().__init__(name=f"callfloor-report-{name}", daemon=True)
        self.session, self.work = session, work
        self.snapshot = threading.Event()
        self.result: _Result | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        db = self.session.db  # this thread gets its own connection
        try:
            with db.atomic():
                db.execute_sql("SELECT 1 FROM agent LIMIT 1")  # the snapshot is taken here
                self.snapshot.set()
                self.result = self.work()
        except BaseException as exc:  # noqa: BLE001  (given to the caller's thread)
            self.error = exc
        finally:
            self.snapshot.set()
            db.close()


class FiguresAlongside:
    """start() before this connection's read transaction; snapshot_taken() right after that
    transaction's first read; figures() inside it; stop() in any case at the end."""

    def __init__(self, session: Session, week: Week):
        self.session, self.week = session, week
        self._reader: _Reader[Figures] | None = None
        self._version: int | None = None
        self._same = False

    def start(self) -> None:
        db = self.session.db
        if not is_sqlite(db) or db.database == ":memory:" or db.in_transaction():
            return  # this connection reads everything
        self.session.require_agent()  # looked up here, not in the other thread
        self._version = _data_version(self.session)
        self._reader = _Reader(self.session, "figures", lambda: read_figures(self.session, self.week))
        self._reader.start()
        self._reader.snapshot.wait()

    def snapshot_taken(self) -> None:
        """Right after this connection's transaction made its first read."""
        if self._reader is not None:
            self._same = _data_version(self.session) == self._version

    def figures(self) -> Figures:
        """The figures of this connection's snapshot."""
        if self._reader is not None:
            self._reader.join()
            result = self._reader.result
            if self._same and self._reader.error is None and result is not None:
                return result
        return read_figures(self.session, self.week)

    def stop(self) -> None:
        """Wait for the other thread (it closes its connection when done)."""
        if self._reader is not None:
            self._reader.join()
