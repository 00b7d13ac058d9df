"""Copying a floor from one database into another: a SQLite file into an empty PostgreSQL
database, or back into a new SQLite file (`callfloor db copy`; who may, the report check and
the words are core.admin.copy's).

    with copying(source, target) as job:      # one snapshot of source, one transaction on target
        held = job.held_rows()                 # {} for an empty target
        copied = job.copy_rows()               # {table: rows}, ids kept
        job.count_differences()                # {} when every table has as many rows on both sides
    # the target's transaction commits here; an exception inside rolls it back whole

- **One snapshot.** The source is read in one read transaction (SQLite: BEGIN, whose first
  read fixes what it sees; PostgreSQL: REPEATABLE READ READ ONLY), so agents may keep writing
  and the copy is still the floor of one moment, every foreign key in it pointing at a row
  that is in it too.
- **One transaction.** The target is written in one write transaction (the floor's write
  lock), tables in foreign-key order (peewee's sort_models over db.models.ALL_MODELS), in
  batches of BATCH_ROWS read by primary key; PostgreSQL takes each batch through COPY. A copy
  that fails or is refused leaves the target as it was.
- **Ids kept.** Every row keeps its id, so refs, links and the change log's numbers mean the
  same; on PostgreSQL each table's id sequence is then set past its highest id (SQLite needs
  nothing: a new row takes MAX(id) + 1). A row that points at a later row of its own table (a
  callback following one made after it, by an import) goes in without that link, which is set
  once the table is in.
- **Values through the models.** Each value is read as the source's driver gives it and
  written as the model's field would write it (python_value, then db_value): a time stored as
  text on SQLite becomes a TIMESTAMP on PostgreSQL and back, to the second, as the app itself
  would store it; booleans and dates likewise.
- **Not copied:** the change log (floor_change, schema 6), which says what running screens
  have not seen yet: there are no such screens on a new database. Its triggers log every row
  the copy writes, so the log is emptied in the same transaction. schema_meta is the target's
  own (its migrations wrote it); only keys the target lacks are copied. Nor are the running
  sessions' presence rows (session_presence, schema 10): they say who is at work on the floor
  being left, and would only show as away on the new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import peewee
from peewee import (
    AutoField,
    CharField,
    Database,
    DatabaseError,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
    TextField,
)

from db.connection import translate, write_transaction
from db.errors import StorageError
from db.fields import EARLIEST_INSTANT, LATEST_INSTANT, UTCDateTimeField
from db.models import ALL_MODELS, FloorChange, PhraseCache, SchemaMeta, SessionPresence
from db.models import database as database_proxy

# Two peewee names its stubs leave out: the context that turns a driver's error into peewee's
# (as its own queries do), and the foreign-key order of models (as create_tables uses it).
driver_errors: Any = vars(peewee)["__exception_wrapper__"]
sort_models: Callable[[Any], list[type[Model]]] = vars(peewee)["sort_models"]

BATCH_ROWS = 5_000
"""Rows read and written at a time: big enough that a 100,000-ticket floor takes few round
trips, small enough that a batch of long descriptions stays a few megabytes."""

COPIED: tuple[type[Model], ...] = tuple(
    m for m in sort_models(ALL_MODELS) if m not in (FloorChange, SessionPresence, PhraseCache)
)
"""Every table of the floor in foreign-key order (a table after those it points at), but the
change log, the presence of sessions and the phrases' cache (counted again on the copy)."""

LOG = FloorChange
"""The change log: emptied in the target after the copy (see the module's docstring)."""

NOT_HELD = (SchemaMeta,)
"""Tables whose rows do not make a database a floor: its migrations write schema_meta."""


class CopyFailed(StorageError):
    """The copy of one table failed (a value the target refuses, a lost connection): the
    target's transaction is rolled back, nothing of the copy is kept."""

    def __init__(self, table: str, detail: str):
        self.table, self.detail = table, detail
        super().__init__(f"the copy stopped at the table {table}: {detail}")


def engine(db: Database) -> str | None:
    """ "sqlite" or "postgresql" for the two engines a floor is copied between, else None."""
    if isinstance(db, SqliteDatabase):
        return "sqlite"
    if isinstance(db, PostgresqlDatabase):
        return "postgresql"
    return None


@contextmanager
def read_snapshot(db: Database) -> Iterator[None]:
    """One read transaction: every query inside sees the same committed floor."""
    with db.atomic():
        if isinstance(db, PostgresqlDatabase):  # before the first query: it fixes the snapshot
            db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def bind(db: Database) -> None:
    """The models (db.models' proxy) read and write db from now on: a process opens one floor
    at a time, a copy two (open_database binds the one it opened last)."""
    database_proxy.initialize(db)


@contextmanager
def bound_to(db: Database) -> Iterator[None]:
    """The models read and write db inside the block, the database they were bound to before
    after it."""
    before = database_proxy.obj
    bind(db)
    try:
        yield
    finally:
        if before is not None:
            bind(before)


def foreign_tables(db: Database) -> list[str]:
    """Tables in db that are no floor's (another program's data): such a database is not empty."""
    ours = {model._meta.table_name for model in ALL_MODELS}
    with driver_errors:
        return sorted(name for name in db.get_tables() if name not in ours and not name.startswith("sqlite_"))


def held_rows(db: Database) -> dict[str, int]:
    """{table: rows} of the floor tables in db that hold rows (schema_meta and the change log
    aside): {} for an empty database, migrated or not."""
    with driver_errors:
        present = set(db.get_tables())
    held = {}
    for model in COPIED:
        table = model._meta.table_name
        if model in NOT_HELD or table not in present:
            continue
        rows = _count(db, table)
        if rows:
            held[table] = rows
    return held


def row_counts(db: Database) -> dict[str, int]:
    """{table: rows} of every copied table."""
    return {model._meta.table_name: _count(db, model._meta.table_name) for model in COPIED}


def _count(db: Database, table: str) -> int:
    with driver_errors:
        return db.execute_sql(f"SELECT COUNT(*) FROM {_name(table)}").fetchone()[0]


def _name(identifier: str) -> str:
    """A quoted identifier: "group" is a column name, and a keyword."""
    return '"' + identifier.replace('"', '""') + '"'


class FloorCopy:
    """A copy under way: the source in its snapshot, the target in its transaction."""

    def __init__(self, source: Database, target: Database, batch: int = BATCH_ROWS):
        self.source, self.target, self.batch = source, target, batch

    def held_rows(self) -> dict[str, int]:
        """The target's rows (inside its write lock, so no other copy is filling it now)."""
        return held_rows(self.target)

    def copy_rows(self) -> dict[str, int]:
        """Copy every table; {table: rows copied}. Then the target's change log is emptied and
        its id sequences set past the copied ids. CopyFailed names the table that failed."""
        copied = {}
        for model in COPIED:
            table = model._meta.table_name
            try:
                copied[table] = self._copy_table(model)
            except CopyFailed:
                raise
            except (DatabaseError, sqlite3.Error, StorageError) as exc:
                raise CopyFailed(table, _said(exc)) from exc
        try:
            with driver_errors:
                self.target.execute_sql(f"DELETE FROM {_name(LOG._meta.table_name)}")
                self._reset_sequences()
        except DatabaseError as exc:
            raise CopyFailed(LOG._meta.table_name, _said(exc)) from exc
        return copied

    def count_differences(self) -> dict[str, tuple[int, int]]:
        """{table: (source rows, target rows)} for every table whose counts differ."""
        before, after = row_counts(self.source), row_counts(self.target)
        return {table: (rows, after[table]) for table, rows in before.items() if after[table] != rows}

    # One table ---------------------------------------------------------------------------

    def _copy_table(self, model: type[Model]) -> int:
        fields: list[Field] = list(model._meta.sorted_fields)
        key = _key(model)
        key_at = fields.index(key)
        convert = [_converter(field) for field in fields]
        links = [  # a link to a row of the same table (a callback's follows)
            index
            for index, field in enumerate(fields)
            if isinstance(field, ForeignKeyField) and field.rel_model is model
        ]
        table, columns = model._meta.table_name, ", ".join(_name(f.column_name) for f in fields)
        kept = self._target_keys(model) if model is SchemaMeta else {}
        write = self._writer(table, columns, len(fields))
        later: list[tuple[Any, int, Any]] = []  # (id, column index, link) set once the table is in
        total, last = 0, None
        while True:
            rows = self._read(table, columns, key.column_name, last)
            out = []
            for row in rows:
                values = [
                    value if how is None or value is None else how(value)
                    for how, value in zip(convert, row, strict=True)
                ]
                if kept:
                    if values[key_at] in kept:
                        _same_value(table, values, kept[values[key_at]])
                        continue
                for index in links:
                    if values[index] is not None and values[index] >= values[key_at]:
                        later.append((values[key_at], index, values[index]))
                        values[index] = None
                out.append(values)
            if out:
                write(out)
            total += len(rows)
            if len(rows) < self.batch:
                break
            last = rows[-1][key_at]
        for key_value, index, link in later:
            self._execute(
                f"UPDATE {_name(table)} SET {_name(fields[index].column_name)} = {self.target.param} "
                f"WHERE {_name(key.column_name)} = {self.target.param}",
                (link, key_value),
            )
        return total

    def _read(self, table: str, columns: str, key: str, after: Any) -> list[tuple]:
        param = self.source.param
        where = "" if after is None else f" WHERE {_name(key)} > {param}"
        sql = f"SELECT {columns} FROM {_name(table)}{where} ORDER BY {_name(key)} LIMIT {self.batch}"
        with driver_errors:
            return list(self.source.execute_sql(sql, () if after is None else (after,)).fetchall())

    def _writer(self, table: str, columns: str, width: int) -> Callable[[list[list]], None]:
        target = self.target
        if isinstance(target, PostgresqlDatabase):
            sql = f"COPY {_name(table)} ({columns}) FROM STDIN"

            def copy_in(rows: list[list]) -> None:
                with driver_errors:
                    with target.cursor().copy(sql) as copy:
                        for row in rows:
                            copy.write_row(row)

            return copy_in
        insert = f"INSERT INTO {_name(table)} ({columns}) VALUES ({', '.join([target.param] * width)})"

        def insert_many(rows: list[list]) -> None:
            with driver_errors:
                target.cursor().executemany(insert, rows)

        return insert_many

    def _execute(self, sql: str, params: tuple) -> None:
        with driver_errors:
            self.target.execute_sql(sql, params)

    def _target_keys(self, model: type[Model]) -> dict[Any, list]:
        """The target's own rows of a table it already has (schema_meta), by key."""
        fields = list(model._meta.sorted_fields)
        columns = ", ".join(_name(f.column_name) for f in fields)
        key_at = fields.index(_key(model))
        with driver_errors:
            rows = self.target.execute_sql(
                f"SELECT {columns} FROM {_name(model._meta.table_name)}"
            ).fetchall()
        return {row[key_at]: list(row) for row in rows}

    def _reset_sequences(self) -> None:
        if not isinstance(self.target, PostgresqlDatabase):
            return  # SQLite: a new row's id is MAX(id) + 1 (AUTOINCREMENT tables: sqlite_sequence follows)
        for model in COPIED:
            key = _key(model)
            if not isinstance(key, AutoField):
                continue
            table, column = _name(model._meta.table_name), _name(key.column_name)
            self.target.execute_sql(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({column}), 1), "
                f"MAX({column}) IS NOT NULL) FROM {table}",
                (table, key.column_name),
            )


def _key(model: type[Model]) -> Field:
    """The table's primary key (every floor table has one column as its key)."""
    key = model._meta.primary_key
    if not isinstance(key, Field):
        raise CopyFailed(model._meta.table_name, "the table has no one-column primary key to copy it by")
    return key


def _same_value(table: str, values: list, own: list) -> None:
    if values != own:
        raise CopyFailed(
            table, f"the source's {values[0]!r} is {values[1:]!r} and the target's is {own[1:]!r}"
        )


_AS_STORED = (IntegerField, CharField, TextField)
"""Fields whose values every engine gives and takes alike (ints and text): copied untouched."""


def _converter(field: Field) -> Callable[[Any], Any] | None:
    """How a value of field goes from the source's driver to the target's: None for as it is,
    else through the model's field, as the app reads and writes it (times, dates, booleans)."""
    stored = field.rel_field if isinstance(field, ForeignKeyField) else field
    if isinstance(stored, _AS_STORED):
        return None

    def through_field(value: Any) -> Any:
        return stored.db_value(stored.python_value(value))

    if isinstance(stored, UTCDateTimeField):
        return _instant(through_field)
    return through_field


_EARLIEST, _LATEST = EARLIEST_INSTANT.replace(tzinfo=None), LATEST_INSTANT.replace(tzinfo=None)


def _instant(through_field: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An instant (UTCDateTimeField): a floor holds about ten a row, so the usual one, already
    what the field writes (naive UTC, whole seconds, inside the bounds it reads), goes as it
    is, read from SQLite's text by the same parser the field uses; any other through the field.
    Either way the target gets what db_value(python_value(value)) gives."""
    parse = datetime.fromisoformat

    def convert(value: Any) -> Any:
        try:
            at = value if isinstance(value, datetime) else parse(value)
        except (TypeError, ValueError):
            return through_field(value)
        if at.tzinfo is None and not at.microsecond and _EARLIEST <= at <= _LATEST:
            return at
        return through_field(value)

    return convert


def _said(exc: Exception) -> str:
    """A driver error in words: the storage layer's translation, with PostgreSQL's context
    (which row and column of a COPY) when it gave one."""
    text = str(exc if isinstance(exc, StorageError) else translate(exc)).strip().splitlines()[0]
    # peewee raises its own error while handling the driver's: that one is the context
    found = (exc, exc.__cause__, exc.__context__, *exc.args)
    context = next((d.context for d in (getattr(e, "diag", None) for e in found) if d and d.context), None)
    if context:  # "COPY ticket, line 12, column tier_source: ...": the batch's line, the column
        text = f"{text}; {context.strip().splitlines()[0]}"
    return text


@contextmanager
def copying(source: Database, target: Database, batch: int = BATCH_ROWS) -> Iterator[FloorCopy]:
    """The source in one read snapshot and the target in one write transaction for the block:
    the target's transaction commits when the block ends, and is rolled back (nothing of the
    copy kept) when it raises. Driver errors come out as StorageError."""
    try:
        with read_snapshot(source), write_transaction(target):
            yield FloorCopy(source, target, batch)
    except DatabaseError as exc:
        raise translate(exc) from exc
