"""Writing and looking up many rows at once: imports and the demo floor.

Call inside the caller's write transaction. Rows go straight to the driver's executemany
(DB-API, so any engine), several times faster than building Peewee queries row by row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from peewee import Database, DatabaseProxy, Model, PostgresqlDatabase

LOOKUP_BATCH = 500


def chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def insert_rows(model: type[Model], fields: tuple[str, ...], rows: list[tuple]) -> int:
    """Insert rows of database-ready values (e.g. instants as the text the field stores)."""
    if not rows:
        return 0
    meta = model._meta
    db: Database = meta.database.obj if isinstance(meta.database, DatabaseProxy) else meta.database
    quote = lambda name: f"{db.quote[0]}{name}{db.quote[-1]}"  # noqa: E731
    columns = ", ".join(quote(meta.fields[name].column_name) for name in fields)
    marks = ", ".join([db.param] * len(fields))
    db.cursor().executemany(f"INSERT INTO {quote(meta.table_name)} ({columns}) VALUES ({marks})", rows)
    if isinstance(db, PostgresqlDatabase) and "id" in fields:
        # Ids given here leave PostgreSQL's sequence behind: the next row made the ordinary way
        # (a callback booked after the demo is built) would take an id already used.
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
            f"FROM {quote(meta.table_name)}",
            (meta.table_name,),
        )
    return len(rows)


def insert_dicts(model: type[Model], rows: list[dict]) -> int:
    """Insert rows given as {field name: Python value}, all with the same keys."""
    if not rows:
        return 0
    names = tuple(rows[0])
    convert = [model._meta.fields[name].db_value for name in names]
    values = [tuple(to_db(row[name]) for name, to_db in zip(names, convert, strict=True)) for row in rows]
    return insert_rows(model, names, values)


def lookup(field, keys: Iterable, *columns) -> dict:
    """{key: (columns...)} for the rows whose field is in keys, LOOKUP_BATCH keys a query."""
    model = field.model
    found = {}
    for batch in chunks(sorted(set(keys)), LOOKUP_BATCH):
        query = model.select(field, *columns).where(field.in_(batch)).tuples()
        for values in query:
            found[values[0]] = tuple(values[1:])
    return found
