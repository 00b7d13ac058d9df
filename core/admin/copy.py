"""`callfloor db copy`: the floor moved from its SQLite file into an empty PostgreSQL database
(--to-url), or out of one into a new SQLite file (--from-url ... --db NEWPATH), so a floor is
never locked into either.

The rows are copied by db.copy (one snapshot of the source, one transaction on the target,
ids kept). Before the target's transaction commits, the copy is checked twice: every table
has as many rows on both sides, and the floor's figures (`figures`: the command line gives the
weekly report's, core.report, which this package may not import) are the same on both, read
from each side by its own engine's queries at one frozen instant. Any difference rolls the
copy back and says what differed.

A server database is refused, untouched (not even migrated), when it holds a floor's rows or
another program's tables. A new SQLite file is built under a hidden name beside its path and
put in place only when the copy is kept (as `db init` builds one), so a half-made copy never
shows up as a floor. Passwords in the URLs are never shown (db.urls.redact_url), whoever
words the refusal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.basics import (
    CallfloorError,
    Clock,
    Count,
    FrozenClock,
    InvalidInput,
    Message,
    Refused,
    StorageProblem,
    SystemClock,
)
from core.basics.errors import words
from core.floor import Session, audit, open_session, read_floor_policy, storage_problems
from db import copy as floor_copy
from db import floor_file
from db.connection import open_database
from db.urls import database_identity, is_postgres_url, is_sqlite_url, redact_url

__all__ = ["CopyResult", "Figures", "copy_floor", "redact_url"]

Figures = Callable[[Session], dict[str, dict]]
"""What a copy is checked with besides its row counts: figures read from a floor, by what
they are ({"2026-W47": the week's report as JSON, ...}); equal on both sides, or the copy is
not kept."""


@dataclass(frozen=True)
class CopyResult:
    source: str
    """The floor copied, as shown: its file, or its URL without the password."""
    target: str
    """Where the copy is, as shown."""
    tables: tuple[tuple[str, int], ...]
    """Every table copied with its rows, in the order copied (the same on both sides)."""
    figures: tuple[str, ...]
    """The figures that matched on both sides, by name ("2026-W47")."""
    as_of: datetime
    """The instant the figures were read at, on both sides, in floor time."""
    seconds: float
    made: floor_file.FloorFile | None = None
    """The new SQLite file (--from-url): its path, group and mode."""


def copy_floor(
    source_path=None,
    source_url: str | None = None,
    *,
    to_url: str | None = None,
    to_path=None,
    group: str | None = None,
    login: str | None = None,
    clock: Clock | None = None,
    figures: Figures | None = None,
) -> CopyResult:
    """Copy the floor at source_path / source_url into the empty PostgreSQL database at to_url,
    or into the new SQLite file to_path. A supervisor's move (the copy holds every customer's
    phone in clear). Refused, with nothing written, when the target is not empty, is the
    source itself, is the wrong kind, or (a file) exists already."""
    urls = [url for url in (source_url, to_url) if url]
    with _passwords_hidden(urls):
        _refuse_bad_targets(source_path, source_url, to_url, to_path, group)
        now = (clock or SystemClock()).now()
        session = open_session(source_path, source_url, login=login, clock=FrozenClock(now))
        try:
            shown = source_path or redact_url(str(source_url))
            return _copy(session, shown, to_url, to_path, group, figures)
        finally:
            session.close()


def _refuse_bad_targets(source_path, source_url, to_url, to_path, group) -> None:
    if (to_url is None) == (to_path is None):
        raise ValueError("give exactly one of to_url or to_path")
    if to_url is not None:
        if is_sqlite_url(to_url):
            raise InvalidInput("--to-url", "admin.copy.to_url_not_server", url=redact_url(to_url))
        if not is_postgres_url(to_url):
            raise InvalidInput("--to-url", "admin.copy.engine_unsupported", url=redact_url(to_url))
        if group is not None:
            raise InvalidInput("--group", "admin.group.not_sqlite")
        if source_url and is_postgres_url(source_url):
            if database_identity(source_url) == database_identity(to_url):
                raise Refused("admin.copy.same_database", url=redact_url(to_url))
        return
    if source_url is None or not is_postgres_url(source_url):
        where = redact_url(source_url) if source_url else str(source_path)
        raise InvalidInput("--from-url", "admin.copy.from_url_not_server", url=where)
    if str(to_path) == ":memory:":
        raise InvalidInput("--db", "admin.copy.new_file_needed")
    if Path(to_path).exists() or Path(to_path).is_symlink():
        raise InvalidInput("--db", "admin.copy.file_exists", path=str(to_path))


def _copy(
    session: Session,
    shown_source: str,
    to_url: str | None,
    to_path,
    group: str | None,
    figures: Figures | None,
) -> CopyResult:
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "admin.copy.supervisor_only",
            login=session.login,
            action="copy the floor",
            target=redact_url(to_url) if to_url else str(to_path),
        )
    _refuse_engine(session.db, shown_source)
    if to_url is not None:
        return _copy_into(session, figures, shown_source, (to_url, None), redact_url(to_url))
    with storage_problems():
        try:
            building = floor_file.create_building_file(to_path, group, purpose="copy")
        except floor_file.GroupProblem as exc:
            raise InvalidInput("--group", "admin.group.unusable", detail=str(exc)) from exc
    try:
        result = _copy_into(session, figures, shown_source, (None, building.path), str(to_path))
        with storage_problems():
            floor_file.put_in_place(building.path, to_path)
    except BaseException:
        floor_file.remove_sqlite_files(building.path)
        raise
    return _with_file(result, floor_file.FloorFile(Path(to_path), building.group, building.mode))


def _with_file(result: CopyResult, made: floor_file.FloorFile) -> CopyResult:
    return CopyResult(
        result.source, result.target, result.tables, result.figures, result.as_of, result.seconds, made
    )


def _refuse_engine(db, shown: str) -> None:
    if floor_copy.engine(db) is None:
        raise InvalidInput("--db-url", "admin.copy.engine_unsupported", url=shown)


def _copy_into(
    session: Session, figures: Figures | None, shown_source: str, where: tuple, shown_target: str
) -> CopyResult:
    """The copy into the target where=(url, None) or (None, path of a new file), checked
    before it is kept."""
    started = time.monotonic()
    source, (url, path) = session.db, where
    read = figures or _no_figures
    with storage_problems():
        _refuse_unless_empty(url, path, shown_target)  # before its migrations touch it
        target = open_database(path=path, url=url, create=True)
    try:
        _refuse_engine(target, shown_target)
        with storage_problems():
            with floor_copy.copying(source, target) as job:
                _refuse_held(job.held_rows(), shown_target)  # again, inside the target's write lock
                with floor_copy.bound_to(source):
                    before = read(session)
                try:
                    copied = job.copy_rows()
                except floor_copy.CopyFailed as exc:
                    raise StorageProblem(
                        "admin.copy.failed", table=exc.table, detail=exc.detail, target=shown_target
                    ) from exc
                differ = job.count_differences()
                if differ:
                    raise StorageProblem(
                        "admin.copy.counts_differ",
                        target=shown_target,
                        tables=", ".join(f"{t} {a} -> {b}" for t, (a, b) in differ.items()),
                    )
                with floor_copy.bound_to(target):
                    after = read(_session_on(target, session))
                _refuse_other_figures(before, after, shown_target)
    finally:
        target.close()
        floor_copy.bind(source)  # the models read the source again, as before
    return CopyResult(
        source=shown_source,
        target=shown_target,
        tables=tuple(copied.items()),
        figures=tuple(before),
        as_of=session.now().astimezone(session.policy.calendar.tz),
        seconds=time.monotonic() - started,
    )


def _no_figures(session: Session) -> dict[str, dict]:
    return {}


def _refuse_unless_empty(url: str | None, path, shown: str) -> None:
    """The target as it is (no migration yet): another program's tables, or a floor's rows,
    and it is refused untouched."""
    if path is not None:
        return  # a new file built for this copy: empty by making
    target = open_database(url=url, upgrade=False)
    try:
        foreign = floor_copy.foreign_tables(target)
        if foreign:
            raise Refused("admin.copy.foreign_tables", target=shown, tables=", ".join(foreign))
        _refuse_held(floor_copy.held_rows(target), shown)
    finally:
        target.close()


def _refuse_held(held: dict[str, int], shown: str) -> None:
    if held:
        raise Refused("admin.copy.target_not_empty", target=shown, held=_listing(held))


FIRST_SAID = ("ticket", "customer", "agent")
"""What a person knows a floor by: said first of what a target holds."""


def _listing(held: dict[str, int]) -> Count | Message:
    """What the target holds, "12 tickets, 40 customers, 3 people, 1 department", in the
    message's language."""
    known = words()
    tables = [t for t in FIRST_SAID if t in held] + [t for t in held if t not in FIRST_SAID]
    said: list[Count | Message] = [
        Count(held[table], f"count.copy.{table}")
        if f"count.copy.{table}" in known
        else Message("admin.copy.rows_in", {"n": held[table], "table": table})
        for table in tables
    ]
    listing = said[-1]
    for first in reversed(said[:-1]):
        listing = Message("admin.copy.and", {"a": first, "b": listing})
    return listing


def _session_on(target, session: Session) -> Session:
    """The same person at the same instant on the copy, under the copy's own policy (its
    floor_setting row came across with the rest)."""
    policy, revision, _ = read_floor_policy()
    return Session(
        db=target, policy=policy, clock=session.clock, login=session.login, policy_revision=revision
    )


def _refuse_other_figures(before: dict[str, dict], after: dict[str, dict], shown: str) -> None:
    for name, ours in before.items():
        theirs = after.get(name, {})
        if ours != theirs:
            fields = [key for key in ours if ours[key] != theirs.get(key)] or ["(all)"]
            raise StorageProblem(
                "admin.copy.figures_differ", name=name, fields=", ".join(fields), target=shown
            )


@contextmanager
def _passwords_hidden(urls: list[str]) -> Iterator[None]:
    """A refusal raised inside names a database by its URL without the password, whoever
    wrote its words (a storage fault's detail repeats what the driver said)."""
    try:
        yield
    except CallfloorError as exc:
        params = {name: _hidden(value, urls) for name, value in exc.params.items()}
        if params != exc.params:
            exc.message = Message(exc.code, params)
        raise


def _hidden(value, urls: list[str]):
    if not isinstance(value, str):
        return value
    for url in urls:
        value = value.replace(url, redact_url(url))
    return value
