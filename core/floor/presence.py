"""Who is at work right now: each running app session says who it is, which screen it shows
and which ticket it has open, in a row of its own (schema 10's session_presence), at start and
then at most once every BEAT_SECONDS. A session that stops saying it (kill -9, a dropped SSH
link, a frozen thin client) is away once its row is older than AWAY_AFTER; a session that quits
takes its row away.

Presence counts real time, not the floor's clock: it says whether a process is alive, which a
demo's or a test's frozen floor time does not change. The rows are not in the change log
(running screens would read again for every beat); the floor screen reads them on a timer.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.floor.session import Session
from core.floor.storage import reading, storage_problems
from db.connection import write_transaction
from db.models import SessionPresence
from db.rows import as_tuples

BEAT_SECONDS = 30.0
"""A session writes its row at most this often (and at least this often while it runs)."""

AWAY_AFTER = timedelta(seconds=50)
"""A row older than this is a session gone: a beat held up by another program's write lock (up
to the busy timeout, 15 s) is still on time, and a session killed just after its beat shows as
away within a minute of its death."""

FORGET_AFTER = timedelta(days=1)
"""Rows of sessions gone longer than this are deleted (by the next session that starts)."""

SCREENS = (
    "queue",
    "ticket",
    "intake",
    "customer",
    "board",
    "directory",
    "callbacks",
    "call",
    "floor",
    "report",
    "reportlist",
)
"""The screens a session may say it shows (anything else is said as None)."""


def presence_now() -> datetime:
    """The real time, to the second (presence is about live processes, not the floor's clock)."""
    return datetime.now(UTC).replace(microsecond=0)


def new_token() -> str:
    """A session's own key for its row: one app run, one row."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Whereabouts:
    """What a session shows: the screen's name (SCREENS) and the ticket open on it, if any."""

    screen: str | None = None
    ticket_ref: str | None = None

    def cleaned(self) -> Whereabouts:
        screen = self.screen if self.screen in SCREENS else None
        ref = self.ticket_ref[:32] if isinstance(self.ticket_ref, str) and self.ticket_ref else None
        return Whereabouts(screen, ref)


def say_here(
    session: Session,
    token: str,
    where: Whereabouts,
    now: datetime | None = None,
    first: bool = False,
    again: bool = False,
) -> bool:
    """Write this session's row (one short write; a beat of a few bytes). first: the session's
    first beat, which also forgets the rows of sessions gone more than FORGET_AFTER ago.
    again: a later beat of a running app, which only moves its row: a beat held up behind a
    write lock must not bring back the row its own quit deleted meanwhile. Returns whether the
    row is there now (False: again found none). Not one of the session's saves
    (Session.writing): quitting never waits for a beat."""
    now = now or presence_now()
    where = where.cleaned()
    values = {
        "login": session.login[:64],
        "host": socket.gethostname()[:64] or None,
        "pid": os.getpid(),
        "screen": where.screen,
        "ticket_ref": where.ticket_ref,
        "seen_at": now,
    }
    row = SessionPresence
    with storage_problems(), write_transaction(session.db):
        if again:
            return bool(row.update(**values).where(row.token == token).execute())
        if first:
            row.delete().where(row.seen_at < now - FORGET_AFTER).execute()
        row.insert(token=token, started_at=now, **values).on_conflict(
            conflict_target=[row.token], update={getattr(row, name): value for name, value in values.items()}
        ).execute()
    return True


def leave(session: Session, token: str) -> None:
    """The session quits: its row goes, so it shows as away at once, not a minute later."""
    with storage_problems(), write_transaction(session.db):
        SessionPresence.delete().where(SessionPresence.token == token).execute()


@dataclass(frozen=True)
class Presence:
    """A person's freshest session: where it is, when it last said so, and whether that is
    recent enough to count as online."""

    login: str
    screen: str | None
    ticket_ref: str | None
    seen_at: datetime
    online: bool
    sessions: int = 1
    """How many of the person's sessions are online (a second terminal, a wall board)."""


def _freshest(rows, now: datetime) -> dict[str, Presence]:
    """rows: (login, screen, ticket_ref, seen_at) of every session row."""
    newest: dict[str, tuple] = {}
    online: dict[str, int] = {}
    for row in rows:
        login, seen_at = row[0], row[3]
        if login not in newest or seen_at > newest[login][3]:
            newest[login] = row
        if now - seen_at <= AWAY_AFTER:
            online[login] = online.get(login, 0) + 1
    return {
        login: Presence(login, screen, ref, seen_at, login in online, online.get(login, 0))
        for login, (_, screen, ref, seen_at) in newest.items()
    }


def presence_rows(now: datetime | None = None) -> dict[str, Presence]:
    """Each login's freshest session (inside a transaction or a read already under way)."""
    now = now or presence_now()
    row = SessionPresence
    return _freshest(as_tuples(row.select(row.login, row.screen, row.ticket_ref, row.seen_at)), now)


@reading
def who_is_here(session: Session, now: datetime | None = None) -> dict[str, Presence]:
    """Each login's freshest session, online or away (logins never seen are absent)."""
    return presence_rows(now)


def online_logins(now: datetime | None = None) -> set[str]:
    """The logins with a session online now (inside a read or write already under way)."""
    now = now or presence_now()
    row = SessionPresence
    fresh = row.select(row.login).where(row.seen_at >= now - AWAY_AFTER).distinct()
    return {login for (login,) in as_tuples(fresh)}
