"""Checking and backing up the floor database while agents keep working."""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit

from peewee import Database, DatabaseError, ForeignKeyField, Model, PostgresqlDatabase

from db import floor_file, migrations
from db.connection import is_sqlite, storage_errors, translate
from db.errors import DiskFull, StorageError
from db.migrations import (
    m0005_audit,
    m0006_floor_changes,
    m0008_callback_purposes,
    m0009_server_parity,
    m0010_presence_alerts,
)
from db.models import ALL_MODELS
from db.postgres import conninfo
from db.sqlite_file import read_only_uri
from db.urls import strip_password


@dataclass(frozen=True)
class CheckReport:
    schema_version: int
    latest_version: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database) -> CheckReport:
    """Integrity, foreign keys and schema version; every problem as one line.

    On a PostgreSQL server, which keeps its own files whole, "integrity" is the catalog: the
    tables and columns, keys and triggers the floor relies on (_server_problems)."""
    problems: list[str] = []
    with storage_errors():
        version = migrations.current_version(db)
        if version != migrations.LATEST:
            problems.append(f"schema version is {version}, expected {migrations.LATEST}")
        server = _ServerCatalog.read(db) if isinstance(db, PostgresqlDatabase) else None
        if version >= 2 and (server is None or server.has("ticket", "next_due_at", "status")):
            # The queue reads "open" as "has a pending target"; the two must agree.
            stray = db.execute_sql(
                "SELECT COUNT(*) FROM ticket "
                "WHERE (next_due_at IS NULL) = (status IN ('new', 'in_progress', 'waiting'))"
            ).fetchone()[0]
            if stray:
                problems.append(f"{stray} tickets whose next due time disagrees with their status")
        if is_sqlite(db):
            rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                problems.extend(f"integrity: {row}" for row in rows)
            for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
            if version >= 5:
                problems.extend(_missing_append_only_triggers(db))
            if version >= 6:
                problems.extend(_missing_change_triggers(db, version))
        elif server is not None:
            problems.extend(_server_problems(db, server, version))
    return CheckReport(version, migrations.LATEST, tuple(problems))


APPEND_ONLY_TRIGGERS = tuple(
    f"{table}_no_{verb}" for table in ("timeline_event", "audit_event") for verb in ("update", "delete")
)
"""Schema 5's triggers: without them the record could be rewritten, so check says so."""

REWRITABLE = "the record could be rewritten"
UNSEEN = "running screens would not see some changes until reopened"
RESTORE = "restore the floor from its latest backup or ask for help"


def _missing_append_only(name: str) -> str:
    return f"trigger {name} is missing: {REWRITABLE}; restore it from the latest backup or ask for help"


def _missing_change_log(name: str) -> str:
    return f"trigger {name} is missing: {UNSEEN}; {RESTORE}"


def _missing_append_only_triggers(db: Database) -> list[str]:
    present = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [_missing_append_only(name) for name in APPEND_ONLY_TRIGGERS if name not in present]


def _missing_change_triggers(db: Database, version: int) -> list[str]:
    present = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    expected = (
        *m0006_floor_changes.TRIGGERS,
        *(m0008_callback_purposes.TRIGGERS if version >= 8 else ()),
        *(m0010_presence_alerts.TRIGGERS if version >= 10 else ()),
    )
    return [_missing_change_log(name) for name in expected if name not in present]


# ---------------------------------------------------------------- a floor on a PostgreSQL server

_IN_SCHEMA = "c.relnamespace = to_regnamespace(current_schema())"
"""The floor's tables: those of the schema its unqualified names land in (public, usually)."""

_ON_DELETE = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
"""pg_constraint.confdeltype in the words a model's on_delete uses."""

ORPHANS_SHOWN = 20
"""Rows listed per foreign key whose parent is missing (SQLite's check lists them all; a
server floor can hold millions)."""


def _attnames(relation: str, numbers: str) -> str:
    """SQL for the names of the columns numbered `numbers` (an array) of `relation`, in order."""
    return (
        f"ARRAY(SELECT a.attname::text FROM unnest({numbers}) WITH ORDINALITY n(num, pos) "
        f"JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = n.num ORDER BY n.pos)"
    )


_COLUMNS_SQL = (
    "SELECT c.relname::text, a.attname::text FROM pg_class c "
    "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    f"WHERE c.relkind IN ('r', 'p') AND {_IN_SCHEMA}"
)
_TRIGGERS_SQL = (
    "SELECT c.relname::text, t.tgname::text, t.tgenabled::text FROM pg_trigger t "
    f"JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND {_IN_SCHEMA}"
)
_FOREIGN_KEYS_SQL = (
    f"SELECT k.conname::text, c.relname::text, {_attnames('k.conrelid', 'k.conkey')}, "
    f"p.relname::text, {_attnames('k.confrelid', 'k.confkey')}, k.confdeltype::text, k.convalidated, "
    # a key whose enforcing triggers are disabled (DISABLE TRIGGER ALL) refuses nothing
    "NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgconstraint = k.oid AND t.tgenabled = 'D') "
    "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
    f"JOIN pg_class p ON p.oid = k.confrelid WHERE k.contype = 'f' AND {_IN_SCHEMA}"
)
_UNIQUE_SQL = (
    f"SELECT i.relname::text, c.relname::text, {_attnames('x.indrelid', 'x.indkey::int2[]')}, "
    "x.indisvalid AND x.indisready, x.indisprimary "
    "FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid "
    # a partial or expression index does not make its columns unique
    f"WHERE x.indisunique AND x.indpred IS NULL AND x.indexprs IS NULL AND {_IN_SCHEMA}"
)


@dataclass(frozen=True)
class _ForeignKey:
    name: str
    table: str
    columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]
    on_delete: str
    validated: bool
    enforced: bool
    """False when a trigger that enforces it is disabled."""


@dataclass(frozen=True)
class _UniqueIndex:
    name: str
    table: str
    columns: tuple[str, ...]
    valid: bool
    primary: bool


@dataclass(frozen=True)
class _ServerCatalog:
    """What a PostgreSQL floor's catalog holds, read once for db check."""

    columns: dict[str, set[str]]
    triggers: dict[tuple[str, str], str]
    """(table, trigger) -> pg_trigger.tgenabled: O and A fire, D is disabled, R fires only on a replica."""
    foreign_keys: tuple[_ForeignKey, ...]
    unique: tuple[_UniqueIndex, ...]

    def has(self, table: str, *columns: str) -> bool:
        return set(columns) <= self.columns.get(table, set())

    @classmethod
    def read(cls, db: Database) -> _ServerCatalog:
        columns: dict[str, set[str]] = {}
        for table, column in db.execute_sql(_COLUMNS_SQL).fetchall():
            columns.setdefault(table, set()).update([column] if column else [])
        triggers = {(table, name): state for table, name, state in db.execute_sql(_TRIGGERS_SQL).fetchall()}
        keys = tuple(
            _ForeignKey(
                name, table, tuple(cols), parent, tuple(parents), _ON_DELETE[deletes], valid, enforced
            )
            for name, table, cols, parent, parents, deletes, valid, enforced in db.execute_sql(
                _FOREIGN_KEYS_SQL
            ).fetchall()
        )
        unique = tuple(
            _UniqueIndex(name, table, tuple(cols), valid, primary)
            for name, table, cols, valid, primary in db.execute_sql(_UNIQUE_SQL).fetchall()
        )
        return cls(columns, triggers, keys, unique)


def _server_problems(db: Database, catalog: _ServerCatalog, version: int) -> list[str]:
    """db check on PostgreSQL. The models describe the latest schema, so an older floor (said
    already by the version line; opening it upgrades it) is not told what it lacks."""
    complete = version >= migrations.LATEST
    problems = _missing_columns(catalog) if complete else []
    for model in ALL_MODELS:
        for field in model._meta.sorted_fields:
            if isinstance(field, ForeignKeyField):
                problems += _foreign_key_problems(db, catalog, field, complete)
    problems += _unique_problems(catalog, complete)
    if version >= 5:
        problems += _trigger_problems(catalog, append_only_triggers(db), REWRITABLE, _missing_append_only)
    if version >= 6:
        problems += _trigger_problems(catalog, change_log_triggers(version), UNSEEN, _missing_change_log)
    return problems


def _missing_columns(catalog: _ServerCatalog) -> list[str]:
    problems = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in catalog.columns:
            problems.append(f"table {table} is missing: {RESTORE}")
            continue
        problems.extend(
            f"column {table}.{field.column_name} is missing: {RESTORE}"
            for field in model._meta.sorted_fields
            if field.column_name not in catalog.columns[table]
        )
    return problems


def _foreign_key_problems(
    db: Database, catalog: _ServerCatalog, field: ForeignKeyField, complete: bool
) -> list[str]:
    table, column = field.model._meta.table_name, field.column_name
    parent, parent_column = field.rel_model._meta.table_name, field.rel_field.column_name
    said = f"{table}.{column} -> {parent}.{parent_column}"
    shape = (table, (column,), parent, (parent_column,))
    key = next(
        (k for k in catalog.foreign_keys if (k.table, k.columns, k.parent, k.parent_columns) == shape), None
    )
    problems = []
    if key is None:
        if complete:
            problems.append(
                f"foreign key {said} is missing: rows could point at a missing {parent}; {RESTORE}"
            )
    else:
        said = f"{key.name} ({said})"
        expected = (field.on_delete or "NO ACTION").upper()
        if key.on_delete != expected:
            problems.append(
                f"foreign key {said} is ON DELETE {key.on_delete}, expected {expected}: {RESTORE}"
            )
        if not key.validated:
            problems.append(
                f"foreign key {said} is not validated: older rows may point at a missing {parent}; "
                f"the floor's owner validates it: ALTER TABLE {table} VALIDATE CONSTRAINT {key.name}"
            )
        if not key.enforced:
            problems.append(
                f"foreign key {said} is not enforced (its triggers are disabled): rows could point at a "
                f"missing {parent}; the floor's owner enables them: ALTER TABLE {table} ENABLE TRIGGER ALL"
            )
    if catalog.has(table, column) and catalog.has(parent, parent_column):
        problems += _orphans(db, table, _key_column(field.model), column, parent, parent_column)
    return problems


def _orphans(db: Database, table: str, key: str, column: str, parent: str, parent_column: str) -> list[str]:
    """SQLite's foreign_key_check for one key: the rows pointing at a missing parent."""
    found = db.execute_sql(
        f'SELECT c."{key}" FROM "{table}" c WHERE c."{column}" IS NOT NULL AND NOT EXISTS '
        f'(SELECT 1 FROM "{parent}" p WHERE p."{parent_column}" = c."{column}") '
        f"ORDER BY 1 LIMIT {ORPHANS_SHOWN + 1}"
    ).fetchall()
    problems = [
        f"foreign key: {table} row {row} points at a missing {parent}" for (row,) in found[:ORPHANS_SHOWN]
    ]
    if len(found) > ORPHANS_SHOWN:
        problems.append(f"foreign key: more {table} rows point at a missing {parent} (the first are listed)")
    return problems


def _key_column(model: type[Model]) -> str:
    key = model._meta.primary_key
    assert key, f"{model.__name__} has a primary key"  # every floor model does
    return key.column_name


def _unique_problems(catalog: _ServerCatalog, complete: bool) -> list[str]:
    problems = []
    for model in ALL_MODELS:
        table = model._meta.table_name
        declared = [((_key_column(model),), True)] + [
            (tuple(f.column_name for f in index._expressions), False)
            for index in model._meta.fields_to_index()
            if index._unique
        ]
        for columns, primary in declared:
            named = ", ".join(columns)
            what = f"{'primary key' if primary else 'unique index'} on {table}({named})"
            found = [
                index
                for index in catalog.unique
                if index.table == table
                and set(index.columns) == set(columns)
                and (index.primary or not primary)
            ]
            if not found:
                if complete:
                    problems.append(f"{what} is missing: two rows could have the same {named}; {RESTORE}")
            elif not any(index.valid for index in found):
                problems.append(
                    f"{what} ({found[0].name}) is not valid (an interrupted CREATE INDEX CONCURRENTLY or "
                    f"REINDEX?): duplicates are not refused; the floor's owner rebuilds it: "
                    f"REINDEX INDEX {found[0].name}"
                )
    return problems


def _trigger_problems(
    catalog: _ServerCatalog, expected: list[tuple[str, str]], harm: str, missing: Callable[[str], str]
) -> list[str]:
    problems = []
    for table, name in expected:
        state = catalog.triggers.get((table, name))
        if state is None:
            problems.append(missing(name))
        elif state not in ("O", "A"):  # D: disabled; R: fires only in a replica's sessions
            how = "is disabled" if state == "D" else "fires only on a replica (ENABLE REPLICA)"
            problems.append(
                f"trigger {name} on {table} {how}: {harm}; the floor's owner enables it: "
                f"ALTER TABLE {table} ENABLE TRIGGER {name}"
            )
    return problems


_CREATE_TRIGGER = re.compile(r'CREATE TRIGGER "(\w+)" .*? ON "(\w+)"')


def _created(statements: list[str]) -> list[tuple[str, str]]:
    """(table, trigger) of each CREATE TRIGGER among a migration's statements."""
    return [(found[2], found[1]) for statement in statements if (found := _CREATE_TRIGGER.search(statement))]


def append_only_triggers(db: Database) -> list[tuple[str, str]]:
    """(table, trigger) of schema 5's append-only triggers on this PostgreSQL floor."""
    return _created(
        [
            statement
            for table, message in m0005_audit.APPEND_ONLY.items()
            for statement in m0005_audit.append_only_triggers(db, table, message)
        ]
    )


def change_log_triggers(version: int) -> list[tuple[str, str]]:
    """(table, trigger) of the change-log triggers schemas 6, 8, 9 and 10 make on PostgreSQL."""
    statements = m0006_floor_changes.postgres_statements()
    if version >= 8:
        statements += m0006_floor_changes.postgres_watch(*m0008_callback_purposes.WATCHED)
    if version >= 9:  # the change log's notification, which running sessions listen for
        statements += m0009_server_parity.postgres_statements()
    if version >= 10:
        statements += m0006_floor_changes.postgres_watch(*m0010_presence_alerts.WATCHED)
    return _created(statements)


# ---------------------------------------------------------------- backup


def backup(db: Database, dest: str | os.PathLike, now: datetime | None = None) -> Path:
    """An online, consistent copy of a SQLite floor database at dest.

    SQLite's backup API copies one snapshot while writers go on (WAL). The copy is written
    beside dest and renamed into place only after it passes an integrity check, so dest is
    either a good backup or absent; a failed copy (a full disk) leaves no partial file behind.
    Like the floor file, the copy is 0660 for the floor file's group whatever the umask: it
    holds every customer's phone in clear.

    A floor on a PostgreSQL server is refused with the pg_dump and pg_restore commands for it
    (server_backup_commands; now names the dump file, the local time when not given).
    """
    if isinstance(db, PostgresqlDatabase):
        raise StorageError(server_backup_commands(db, dest, now or datetime.now().astimezone()))
    if not is_sqlite(db):
        raise StorageError("db backup copies SQLite files; back up other engines with their own tools")
    target = Path(dest)
    if target.exists():
        raise StorageError(f"{target} already exists; give a new file name so no backup is overwritten")
    if not target.parent.is_dir():
        raise StorageError(f"the folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    floor_file.remove_sqlite_files(partial)  # a killed backup's leftover
    try:
        made = floor_file.create_group_file(partial, _floor_gid(db), "the backup")
    except floor_file.GroupProblem as exc:
        raise StorageError(f"cannot give the backup the floor's group: {exc}") from exc
    if made is None:
        raise StorageError(
            f"{partial} appeared as this backup began (another backup to the same name?); "
            "wait for it or give another name"
        )
    try:
        try:
            copy = sqlite3.connect(partial)
            try:
                copy.execute("PRAGMA journal_mode = MEMORY")  # no side file: a failed copy is dropped whole
                db.connection().backup(copy)
                result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            if "full" in str(exc):
                raise DiskFull(
                    f"the disk that holds {target} is full; no backup was written "
                    "(the partial copy is removed): free some space or back up to another disk"
                ) from exc
            raise translate(exc) from exc
        if result != "ok":
            raise StorageError(f"the backup copy failed its integrity check: {result}")
        os.replace(partial, target)
    finally:
        floor_file.remove_sqlite_files(partial)
    return target


def server_backup_commands(db: Database, dest: str | os.PathLike, now: datetime) -> str:
    """What db backup says on a PostgreSQL floor: the server's own tools back it up, with the
    commands for this floor (its URL with any password shown as ***).

    The dump is named floor-YYYYMMDD-HHMM.dump in dest's folder, or dest itself when it ends
    in .dump; the restore goes into a new, empty database beside the floor's."""
    target = Path(dest)
    if target.suffix != ".dump":
        target = target.parent / f"floor-{now:%Y%m%d-%H%M}.dump"
    url = server_url(db)
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/")) or "floor"
    restored = urlunsplit(parts._replace(path="/" + quote(f"{name}_restored")))
    dump = shlex.quote(str(target))
    return "\n".join(
        [
            "a floor on a PostgreSQL server is backed up with pg_dump, not by callfloor: no backup was "
            "written. pg_dump copies one consistent snapshot while agents keep working:",
            f"  (umask 077; pg_dump --format=custom --file={dump} {_quoted(url)})",
            f"To restore it, make a new, empty database (CREATE DATABASE {_identifier(f'{name}_restored')}, "
            "owned by the "
            "floor's owner role) and load the dump into it, then open that with --db-url:",
            f"  pg_restore --exit-on-error --single-transaction --dbname={_quoted(restored)} {dump}",
            "The dump holds every customer's details: umask 077 keeps it readable by you alone. The "
            "password is left out of these commands: give it in PGPASSWORD or ~/.pgpass, never in "
            "the command; docs/postgresql.md has more.",
        ]
    )


def server_url(db: Database) -> str:
    """The PostgreSQL floor's URL as libpq reads it, with no password (for a command to paste)."""
    url = getattr(db, "url", None)  # db.postgres.FloorPostgresDatabase keeps the URL it was given
    if isinstance(url, str):
        return strip_password(conninfo(url))
    params = dict(db.connect_params)
    user = params.pop("user", None)
    params.pop("password", None)  # left out
    host, port = str(params.pop("host", "") or ""), params.pop("port", None)
    if host.startswith("/"):  # a Unix socket's folder goes in the query
        params["host"], host = host, ""
    netloc = f"{quote(str(user), safe='')}@" if user else ""  # the password is left out
    netloc += host + (f":{port}" if port else "")
    query = urlencode({key: str(value) for key, value in params.items()}, safe="/")
    return urlunsplit(("postgresql", netloc, "/" + quote(str(db.database or "")), query, ""))


def _identifier(name: str) -> str:
    """name as SQL spells it: in double quotes unless it is a plain lower-case identifier."""
    return name if re.fullmatch(r"[a-z_][a-z0-9_]*", name) else '"' + name.replace('"', '""') + '"'


def _quoted(url: str) -> str:
    """url in single quotes for a shell (its ? and & would mean something there)."""
    return "'" + url.replace("'", "'\"'\"'") + "'"


def _floor_gid(db: Database) -> int:
    """The group of the floor file (the floor's group); the caller's for an in-memory floor."""
    try:
        return os.stat(db.database).st_gid
    except (OSError, TypeError, ValueError):
        return os.getegid()


def setting_as_is(path: str | os.PathLike, key: str) -> str | None:
    """A floor_setting value read without opening the file as a floor (read-only: no upgrade,
    no journal switch); None when the file has no such setting, is no floor, or cannot be read."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM floor_setting WHERE key = ?", (key,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
