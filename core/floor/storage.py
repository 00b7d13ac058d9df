"""Storage faults as refusals: each kind of database fault (busy, read-only, disk full, a
missing or moved file, ...) becomes a StorageProblem with a code of its own, so a screen says
it in the person's language. The storage layer's own words (what it found, the path, the fix)
travel as the detail: they stay the English message."""

from __future__ import annotations

import functools
import random
import time
from contextlib import contextmanager

from peewee import IntegrityError

from core.basics import StorageBusy, StorageProblem
from core.basics.errors import WriteCollision
from db.connection import driver_errors, refusal_detail, translate
from db.errors import (
    BadSetting,
    DatabaseBusy,
    DatabaseMissing,
    DatabaseUnreachable,
    DiskFull,
    NetworkFilesystem,
    NotAFloor,
    ReadOnlyDatabase,
    SchemaTooNew,
    SchemaUnreadable,
    StorageError,
    WriteConflict,
)

_CODES: tuple[tuple[type[StorageError], str], ...] = (
    (DatabaseBusy, "storage.busy"),
    (ReadOnlyDatabase, "storage.read_only"),
    (DiskFull, "storage.disk_full"),
    (DatabaseMissing, "storage.missing"),
    (DatabaseUnreachable, "storage.unreachable"),
    (NotAFloor, "storage.not_a_floor"),
    (SchemaTooNew, "storage.schema_too_new"),
    (SchemaUnreadable, "storage.schema_unreadable"),
    (NetworkFilesystem, "storage.network_filesystem"),
    (BadSetting, "storage.bad_setting"),
)
"""The storage layer's kinds of fault and their codes; any other fault is "storage.failed"."""


@contextmanager
def storage_problems():
    """Database failures raised inside become StorageProblem (StorageBusy for a held lock)."""
    try:
        yield
    except StorageError as exc:
        raise storage_problem(exc) from exc
    except IntegrityError as exc:
        raise StorageProblem("storage.integrity", detail=refusal_detail(exc)) from exc
    except driver_errors() as exc:  # peewee's, and a driver's own from a rollback
        raise storage_problem(translate(exc)) from exc


def storage_problem(error: StorageError) -> StorageProblem:
    """The refusal for a storage fault: its kind's code, the storage layer's words as detail."""
    code = next((code for kind, code in _CODES if isinstance(error, kind)), "storage.failed")
    problem = StorageBusy if isinstance(error, DatabaseBusy) else StorageProblem
    if isinstance(error, WriteConflict):
        problem = WriteCollision
    return problem(code, detail=str(error))


RETRIES = 3
"""How many times a call that collided with another write is run again before saying so."""


def retried(call):
    """call(), run again (up to RETRIES times, after a short random pause) when its write
    collided with another on a database server: the collision rolled it back whole, so running
    it again is what the person would do, minus the message. SQLite writers never collide."""
    for attempt in range(RETRIES + 1):
        try:
            return call()
        except WriteCollision:
            if attempt == RETRIES:
                raise
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    raise AssertionError("unreachable")


def reading(function):
    """For read functions: a database failure becomes StorageProblem, a message for a person."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with storage_problems():
            return function(*args, **kwargs)

    return wrapper
