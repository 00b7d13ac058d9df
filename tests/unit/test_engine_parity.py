"""Both engines get the same schema from the same migrations: a floor built on SQLite and one
built on PostgreSQL have the same tables, columns (nullability, type family, a database
default or not), primary keys, indexes, foreign keys and triggers, up to the differences listed
here with their reasons. A floor made on PostgreSQL before schema 9 and upgraded has them too.

Needs the PostgreSQL test server (CALLFLOOR_TEST_DB_URL, `make test-pg`); skipped without it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from peewee import BooleanField, Database

from db import migrations
from db.connection import open_database
from db.models import ALL_MODELS
from tests.engines import ON_POSTGRES, new_floor_db

pytestmark = pytest.mark.skipif(
    not ON_POSTGRES, reason="compares SQLite with PostgreSQL: set CALLFLOOR_TEST_DB_URL (make test-pg)"
)

BOOLEANS = {
    (model._meta.table_name, f.column_name)
    for model in ALL_MODELS
    for f in model._meta.sorted_fields
    if isinstance(f, BooleanField)
}
"""Columns the models declare boolean: SQLite keeps them as INTEGER (0/1), PostgreSQL as boolean."""

TYPE_DIFFERENCES = {
    ("floor_change", "old_due"): ("varchar(32)", "timestamp"),
    ("floor_change", "new_due"): ("varchar(32)", "timestamp"),
}
"""(table, column) -> (SQLite's family, PostgreSQL's). Schema 6 declares the change log's copies
of ticket.next_due_at VARCHAR(32) on SQLite, which holds the same text as a DATETIME column
there (SQLite stores an instant as text either way, db/fields.py), and TIMESTAMP on PostgreSQL
like ticket.next_due_at itself."""

INDEX_NAMES: dict[tuple[str, str], str] = {}
"""(table, SQLite's index name) -> PostgreSQL's, where they differ on purpose (none today)."""

SQLITE_ONLY_TRIGGERS = {
    ("floor_change", "trim", "AFTER", "INSERT", "row"): "PostgreSQL trims the change log inside "
    "ticket_change's function (db/migrations/m0006_floor_changes.py)",
}
POSTGRES_ONLY_TRIGGERS = {
    ("timeline_event", "append-only", "BEFORE", "TRUNCATE", "statement"): "SQLite has no TRUNCATE",
    ("audit_event", "append-only", "BEFORE", "TRUNCATE", "statement"): "SQLite has no TRUNCATE",
    ("action_event", "append-only", "BEFORE", "TRUNCATE", "statement"): "SQLite has no TRUNCATE",
    ("floor_change", "notify", "AFTER", "INSERT", "statement"): "sessions on a server listen for it "
    "(db/postgres.py); SQLite's PRAGMA data_version needs no trigger",
}
"""Trigger facts (table, kind, timing, event, level) only one engine has, and why."""


@dataclass(frozen=True)
class Column:
    family: str
    not_null: bool
    default: str
    """"none", "value" (a DEFAULT), or "auto" (the primary key numbers rows)."""


@dataclass
class Catalog:
    engine: str
    version: int = 0
    columns: dict[str, dict[str, Column]] = field(default_factory=dict)
    primary_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)
    indexes: dict[str, dict[str, tuple[tuple[str, ...], bool]]] = field(default_factory=dict)
    """table -> index name -> (columns, unique); primary keys left out."""
    foreign_keys: dict[str, set[tuple[tuple[str, ...], str, tuple[str, ...], str, str]]] = field(
        default_factory=dict
    )
    """table -> {(columns, parent, parent columns, on update, on delete)}."""
    triggers: set[tuple[str, str, str, str, str]] = field(default_factory=set)
    """(table, kind, timing, event, level): kind is change-log, append-only, trim or notify."""


# ---------------------------------------------------------------- reading the catalogs


def _kind(body: str) -> str:
    if re.search(r"INSERT INTO floor_change", body, re.I):
        return "change-log"
    if re.search(r"RAISE", body):
        return "append-only"
    if "pg_notify" in body or re.search(r"\bNOTIFY\b", body):
        return "notify"
    if re.search(r"DELETE FROM floor_change", body, re.I):
        return "trim"
    return "other"


def _sqlite_family(declared: str) -> str:
    declared = declared.upper()
    if declared == "INTEGER":
        return "integer"
    if found := re.fullmatch(r"VARCHAR\((\d+)\)", declared):
        return f"varchar({found[1]})"
    return {"TEXT": "text", "DATETIME": "timestamp", "DATE": "date", "REAL": "real"}.get(declared, declared)


def sqlite_catalog(db: Database) -> Catalog:
    catalog = Catalog("SQLite", migrations.current_version(db))
    tables = [
        name
        for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if not name.startswith("sqlite_")
    ]
    for table in tables:
        info = db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
        key = tuple(name for *_, name in sorted((pk, name) for _, name, _, _, _, pk in info if pk))
        catalog.primary_keys[table] = key
        columns = catalog.columns[table] = {}
        for _, name, declared, not_null, default, pk in info:
            family = _sqlite_family(declared)
            if (table, name) in BOOLEANS and family == "integer":
                family = "boolean"  # peewee's BooleanField is INTEGER on SQLite
            auto = pk and key == (name,) and family == "integer"  # INTEGER PRIMARY KEY: the rowid
            columns[name] = Column(
                family,
                bool(not_null) or bool(pk),
                "auto" if auto else ("value" if default is not None else "none"),
            )
        indexes = catalog.indexes[table] = {}
        for _, name, unique, origin, _ in db.execute_sql(f'PRAGMA index_list("{table}")').fetchall():
            if origin != "pk":
                cols = tuple(c[2] for c in db.execute_sql(f'PRAGMA index_info("{name}")').fetchall())
                indexes[name] = (cols, bool(unique))
        keys: dict[int, list] = {}
        for number, _, parent, column, parent_column, on_update, on_delete, _ in db.execute_sql(
            f'PRAGMA foreign_key_list("{table}")'
        ).fetchall():
            keys.setdefault(number, []).append((column, parent, parent_column, on_update, on_delete))
        catalog.foreign_keys[table] = {
            (
                tuple(c for c, *_ in rows),
                rows[0][1],
                tuple(p for _, _, p, _, _ in rows),
                rows[0][3],
                rows[0][4],
            )
            for rows in keys.values()
        }
    for table, sql in db.execute_sql("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
        head = re.match(
            r'CREATE TRIGGER (?:IF NOT EXISTS )?"?\w+"? (BEFORE|AFTER|INSTEAD OF) (\w+)', sql, re.I
        )
        assert head, sql
        catalog.triggers.add((table, _kind(sql), head[1].upper(), head[2].upper(), "row"))
    return catalog


_IN_SCHEMA = "c.relnamespace = to_regnamespace(current_schema())"


def _pg_family(shown: str) -> str:
    if shown in ("integer", "bigint", "smallint"):
        return "integer"
    if found := re.fullmatch(r"character varying\((\d+)\)", shown):
        return f"varchar({found[1]})"
    return {"timestamp without time zone": "timestamp", "double precision": "real"}.get(shown, shown)


def _names(relation: str, numbers: str) -> str:
    return (
        f"ARRAY(SELECT a.attname::text FROM unnest({numbers}) WITH ORDINALITY n(num, pos) "
        f"JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = n.num ORDER BY n.pos)"
    )


_ACTIONS = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}


def postgres_catalog(db: Database) -> Catalog:
    catalog = Catalog("PostgreSQL", migrations.current_version(db))
    for table, key in db.execute_sql(
        f"SELECT c.relname::text, {_names('k.conrelid', 'k.conkey')} FROM pg_constraint k "
        f"JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'p' AND {_IN_SCHEMA}"
    ):
        catalog.primary_keys[table] = tuple(key)
    for table, name, shown, not_null, default, identity in db.execute_sql(
        "SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
        "pg_get_expr(d.adbin, d.adrelid), a.attidentity::text FROM pg_class c "
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
        "LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum "
        f"WHERE c.relkind IN ('r', 'p') AND {_IN_SCHEMA} ORDER BY c.relname, a.attnum"
    ):
        auto = bool(identity) or (default or "").startswith("nextval(")
        catalog.columns.setdefault(table, {})[name] = Column(
            _pg_family(shown), not_null, "auto" if auto else ("value" if default is not None else "none")
        )
        catalog.primary_keys.setdefault(table, ())
        catalog.indexes.setdefault(table, {})
        catalog.foreign_keys.setdefault(table, set())
    for table, name, cols, unique in db.execute_sql(
        f"SELECT c.relname::text, i.relname::text, {_names('x.indrelid', 'x.indkey::int2[]')}, x.indisunique "
        "FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid "
        f"WHERE NOT x.indisprimary AND {_IN_SCHEMA}"
    ):
        catalog.indexes[table][name] = (tuple(cols), unique)
    for table, cols, parent, parent_cols, on_update, on_delete in db.execute_sql(
        f"SELECT c.relname::text, {_names('k.conrelid', 'k.conkey')}, p.relname::text, "
        f"{_names('k.confrelid', 'k.confkey')}, k.confupdtype::text, k.confdeltype::text "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
        f"WHERE k.contype = 'f' AND {_IN_SCHEMA}"
    ):
        catalog.foreign_keys[table].add(
            (tuple(cols), parent, tuple(parent_cols), _ACTIONS[on_update], _ACTIONS[on_delete])
        )
    for table, kind_of, body in db.execute_sql(
        "SELECT c.relname::text, t.tgtype::int, f.prosrc FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc f ON f.oid = t.tgfoid "
        f"WHERE NOT t.tgisinternal AND {_IN_SCHEMA}"
    ):
        # pg_trigger.tgtype: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead
        timing = "INSTEAD OF" if kind_of & 64 else ("BEFORE" if kind_of & 2 else "AFTER")
        level = "row" if kind_of & 1 else "statement"
        for bit, event in ((4, "INSERT"), (8, "DELETE"), (16, "UPDATE"), (32, "TRUNCATE")):
            if kind_of & bit:
                catalog.triggers.add((table, _kind(body), timing, event, level))
    return catalog


# ---------------------------------------------------------------- comparing them


def differences(lite: Catalog, server: Catalog) -> list[str]:
    """Every difference between the two catalogs that is not listed above, one line each."""
    out: list[str] = []
    if lite.version != server.version:
        out.append(f"schema version: SQLite {lite.version}, PostgreSQL {server.version}")
    for table in sorted(lite.columns.keys() - server.columns.keys()):
        out.append(f"table {table}: only on SQLite")
    for table in sorted(server.columns.keys() - lite.columns.keys()):
        out.append(f"table {table}: only on PostgreSQL")
    for table in sorted(lite.columns.keys() & server.columns.keys()):
        out += _table_differences(table, lite, server)
    out += _trigger_differences(lite.triggers, server.triggers)
    return out


def _table_differences(table: str, lite: Catalog, server: Catalog) -> list[str]:
    out = []
    ours, theirs = lite.columns[table], server.columns[table]
    for name in sorted(ours.keys() - theirs.keys()):
        out.append(f"column {table}.{name}: only on SQLite")
    for name in sorted(theirs.keys() - ours.keys()):
        out.append(f"column {table}.{name}: only on PostgreSQL")
    for name in sorted(ours.keys() & theirs.keys()):
        a, b = ours[name], theirs[name]
        families = (a.family, b.family)
        if a.family != b.family and TYPE_DIFFERENCES.get((table, name)) != families:
            out.append(f"column {table}.{name}: type {a.family} on SQLite, {b.family} on PostgreSQL")
        if a.not_null != b.not_null:
            out.append(
                f"column {table}.{name}: {'NOT NULL' if a.not_null else 'nullable'} on SQLite, "
                f"{'NOT NULL' if b.not_null else 'nullable'} on PostgreSQL"
            )
        if a.default != b.default:
            out.append(
                f"column {table}.{name}: database default {a.default} on SQLite, {b.default} on PostgreSQL"
            )
    if lite.primary_keys.get(table) != server.primary_keys.get(table):
        out.append(
            f"primary key of {table}: {lite.primary_keys.get(table)} on SQLite, "
            f"{server.primary_keys.get(table)} on PostgreSQL"
        )
    theirs_named = {
        INDEX_NAMES.get((table, name), name): shape for name, shape in lite.indexes[table].items()
    }
    for name in sorted(theirs_named.keys() | server.indexes[table].keys()):
        a_index, b_index = theirs_named.get(name), server.indexes[table].get(name)
        if a_index != b_index:
            out.append(f"index {table}.{name}: {_index(a_index)} on SQLite, {_index(b_index)} on PostgreSQL")
    for key in sorted(lite.foreign_keys[table] - server.foreign_keys[table]):
        out.append(f"foreign key {table}{_key(key)}: only on SQLite")
    for key in sorted(server.foreign_keys[table] - lite.foreign_keys[table]):
        out.append(f"foreign key {table}{_key(key)}: only on PostgreSQL")
    return out


def _index(shape: tuple[tuple[str, ...], bool] | None) -> str:
    if shape is None:
        return "missing"
    return f"{'UNIQUE ' if shape[1] else ''}({', '.join(shape[0])})"


def _key(key: tuple[tuple[str, ...], str, tuple[str, ...], str, str]) -> str:
    cols, parent, parent_cols, on_update, on_delete = key
    actions = f"ON UPDATE {on_update} ON DELETE {on_delete}"
    return f"({', '.join(cols)}) -> {parent}({', '.join(parent_cols)}) {actions}"


def _trigger_differences(lite: set, server: set) -> list[str]:
    out = []
    for fact in sorted(lite - server):
        if fact not in SQLITE_ONLY_TRIGGERS:
            out.append(f"trigger on {fact[0]}: {' '.join(fact[1:])}: only on SQLite")
    for fact in sorted(server - lite):
        if fact not in POSTGRES_ONLY_TRIGGERS:
            out.append(f"trigger on {fact[0]}: {' '.join(fact[1:])}: only on PostgreSQL")
    for fact in sorted(SQLITE_ONLY_TRIGGERS.keys() - (lite - server)):
        out.append(f"listed as SQLite's alone, but not so (update SQLITE_ONLY_TRIGGERS): {fact}")
    for fact in sorted(POSTGRES_ONLY_TRIGGERS.keys() - (server - lite)):
        out.append(f"listed as PostgreSQL's alone, but not so (update POSTGRES_ONLY_TRIGGERS): {fact}")
    return out


def _report(found: list[str]) -> str:
    return "the engines' catalogs differ:\n  " + "\n  ".join(found)


# ---------------------------------------------------------------- the floors


def _catalog_of(where: dict, read) -> Catalog:
    db = open_database(**where, create=True)
    try:
        return read(db)
    finally:
        db.close()


@pytest.fixture(scope="module")
def sqlite_floor(tmp_path_factory) -> Catalog:
    return _catalog_of({"path": tmp_path_factory.mktemp("parity") / "floor.db"}, sqlite_catalog)


@pytest.fixture
def server_floor(tmp_path: Path) -> Iterator[dict]:
    target = new_floor_db(tmp_path)
    try:
        yield target.where()
    finally:
        target.drop()


def _made_before_schema_9(db: Database) -> None:
    """Take a floor back to what schema 8 left on PostgreSQL before schema 9 existed: no defaults
    on row_version and churn_risk (Peewee's migrator added them without), no notification."""
    for statement in (
        'ALTER TABLE "ticket" ALTER COLUMN "row_version" DROP DEFAULT',
        'ALTER TABLE "customer" ALTER COLUMN "churn_risk" DROP DEFAULT',
        'DROP TRIGGER IF EXISTS "floor_change_notify" ON "floor_change"',
        "UPDATE schema_meta SET value = '8' WHERE key = 'version'",
    ):
        db.execute_sql(statement)


def test_the_engines_build_the_same_schema(sqlite_floor, server_floor):
    server = _catalog_of(server_floor, postgres_catalog)
    assert sqlite_floor.version == migrations.LATEST
    found = differences(sqlite_floor, server)
    assert not found, _report(found)


def test_a_server_floor_made_before_schema_9_is_repaired_by_it(sqlite_floor, server_floor):
    db = open_database(**server_floor, create=True)
    try:
        with db.atomic():
            _made_before_schema_9(db)
        old = postgres_catalog(db)
    finally:
        db.close()
    assert old.columns["ticket"]["row_version"].default == "none"  # the floor as it was
    server = _catalog_of(server_floor, postgres_catalog)  # opening it upgrades it
    found = differences(sqlite_floor, server)
    assert not found, _report(found)


def test_the_comparison_sees_a_difference(sqlite_floor, server_floor):
    """The tests above can fail: a column without its default, a missing index and a dropped
    append-only trigger each show as a line of the diff."""
    db = open_database(**server_floor, create=True)
    try:
        db.execute_sql('ALTER TABLE "ticket" ALTER COLUMN "row_version" DROP DEFAULT')
        db.execute_sql('DROP INDEX "ticket_next_due_at"')
        db.execute_sql('DROP TRIGGER "audit_event_no_change" ON "audit_event"')
        server = postgres_catalog(db)
    finally:
        db.close()
    assert differences(sqlite_floor, server) == [
        "column ticket.row_version: database default value on SQLite, none on PostgreSQL",
        "index ticket.ticket_next_due_at: (next_due_at) on SQLite, missing on PostgreSQL",
        "trigger on audit_event: append-only BEFORE DELETE row: only on SQLite",
        "trigger on audit_event: append-only BEFORE UPDATE row: only on SQLite",
    ]
