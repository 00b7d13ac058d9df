"""Shared by both imports: who may import, collecting a row's problems, batched reads/writes."""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator

from core.errors import InvalidInput, NotAllowed
from core.importing.csvfile import Row, Table
from core.importing.times import BadTime
from core.session import Session

BATCH = 500
"""Rows per INSERT and keys per IN (...) query."""

BAD = object()
"""What RowCheck returns for a value that failed; its problem is already recorded."""


def require_supervisor(session: Session, what: str) -> None:
    """Only a supervisor on the floor imports (UnknownAgent for a login not on the floor)."""
    if not session.is_supervisor:
        raise NotAllowed(f"importing {what} is a supervisor's job; {session.login} is an agent. "
                         "Ask a supervisor to run the import")


class RowCheck:
    """Runs one row's checks and keeps every problem, so one pass reports them all."""

    def __init__(self, table: Table, row: Row):
        self.table, self.row = table, row
        self.problems: list[tuple[int, str]] = []

    def __call__(self, check: Callable, *args):
        try:
            return check(*args)
        except InvalidInput as exc:
            self.fail(str(exc))
            return BAD

    def fail(self, reason: str) -> None:
        self.problems.append((self.row.line, reason))

    def time(self, column: str, parse: Callable, *args):
        """parse(cell, *args) for a time column; None when blank, BAD (recorded) when unusable."""
        value = self.row.get(column)
        if not value.strip():
            return None
        try:
            return parse(value, *args)
        except BadTime as exc:
            self.fail(f"{self.table.label(column)} {value.strip()!r} {exc}")
            return BAD

    @property
    def ok(self) -> bool:
        return not self.problems


def text_or_none(value: str) -> str | None:
    return value if value.strip() else None


def chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_batch_size(columns: int) -> int:
    """Rows per INSERT, under SQLite's bound-variable limit (999 before SQLite 3.32)."""
    limit = 32_766 if sqlite3.sqlite_version_info >= (3, 32) else 999
    return max(1, min(BATCH, limit // max(columns, 1)))


def insert_all(model, rows: list[dict]) -> None:
    """Insert rows (dicts with the same keys: field names) in multi-row INSERTs of up to BATCH.

    Call inside the import's one write transaction. The statement text is built once per
    batch size and values go through each field's db_value, as Model.insert_many would do;
    peewee's own query builder takes over ten times longer for 50,000 tickets.
    """
    if not rows:
        return
    db, meta = model._meta.database, model._meta
    names = list(rows[0])
    fields = [meta.fields[name] for name in names]
    head = f"INSERT INTO {_quoted(db, meta.table_name)} ({', '.join(_quoted(db, f.column_name) for f in fields)}) VALUES "
    one = "(" + ", ".join([db.param] * len(fields)) + ")"
    convert = [(name, f.db_value) for name, f in zip(names, fields)]
    for batch in chunks(rows, insert_batch_size(len(fields))):
        params = [to_db(row[name]) for row in batch for name, to_db in convert]
        db.execute_sql(head + ", ".join([one] * len(batch)), params)


def lookup(field, keys: Iterable, *columns) -> dict:
    """{key: (columns...)} for rows whose field is in keys, queried BATCH keys at a time."""
    db, meta = field.model._meta.database, field.model._meta
    selected = ", ".join(_quoted(db, f.column_name) for f in (field, *columns))
    found = {}
    for batch in chunks(sorted(set(keys))):
        marks = ", ".join([db.param] * len(batch))
        sql = (f"SELECT {selected} FROM {_quoted(db, meta.table_name)} "
               f"WHERE {_quoted(db, field.column_name)} IN ({marks})")
        for values in db.execute_sql(sql, [field.db_value(k) for k in batch]).fetchall():
            found[field.python_value(values[0])] = tuple(c.python_value(v) for c, v in zip(columns, values[1:]))
    return found


def _quoted(db, name: str) -> str:
    return f"{db.quote[0]}{name}{db.quote[-1]}"
