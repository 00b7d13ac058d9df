"""Schema 6: what changed on the floor, not only that something did. Every write to a table a
screen shows adds a row to floor_change in the same transaction (triggers, so no write path can
forget it): the kind of thing, the ticket and customer it concerns, and for a ticket its queue
position and tier before and after. A running session reads the rows since its last look and
reads again only what a change touches (tui/floor_watch.py); the queue's header counts follow
from the before/after columns without counting open tickets again.

The newest KEEP rows are kept; a session that fell further behind reads everything again.
"""

from peewee import Database, PostgresqlDatabase, SqliteDatabase

KEEP = 20_000
"""Rows kept: minutes of a busy floor's writes, far more than a session misses between looks."""

PRUNE_EVERY = 1_000
"""The trim runs on every PRUNE_EVERY-th row, so a write pays for it once in a thousand."""

# (table, kind, ticket id column, customer id column) for the tables whose rows a screen shows.
WATCHED = (
    ("timeline_event", "event", "ticket_id", None),
    ("handoff", "handoff", "ticket_id", None),
    ("callback", "callback", "ticket_id", "customer_id"),
    ("callback_attempt", "callback", None, None),
    ("department", "department", None, None),
    ("agent", "agent", None, None),
    ("customer", "customer", None, "id"),
    ("floor_setting", "setting", None, None),
    ("script", "script", None, None),
)

TABLE_SQLITE = """
CREATE TABLE IF NOT EXISTS floor_change (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind VARCHAR(16) NOT NULL,
    ticket_id INTEGER,
    customer_id INTEGER,
    old_due VARCHAR(32),
    new_due VARCHAR(32),
    old_tier VARCHAR(8),
    new_tier VARCHAR(8)
)"""

TABLE_POSTGRES = TABLE_SQLITE.replace("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY").replace(
    "old_due VARCHAR(32),\n    new_due VARCHAR(32)", "old_due TIMESTAMP,\n    new_due TIMESTAMP"
)


def _row(new: str, old: str, verb: str) -> str:
    """The values of the row a change of `ticket` adds (new/old: the trigger's row names)."""
    if verb == "INSERT":
        return f"'ticket', {new}.id, {new}.customer_id, NULL, {new}.next_due_at, NULL, {new}.tier"
    if verb == "DELETE":
        return f"'ticket', {old}.id, {old}.customer_id, {old}.next_due_at, NULL, {old}.tier, NULL"
    return (
        f"'ticket', {new}.id, {new}.customer_id, {old}.next_due_at, {new}.next_due_at, {old}.tier, {new}.tier"
    )


def _other(kind: str, ticket: str | None, customer: str | None, row: str) -> str:
    return (
        f"'{kind}', {f'{row}.{ticket}' if ticket else 'NULL'}, "
        f"{f'{row}.{customer}' if customer else 'NULL'}, NULL, NULL, NULL, NULL"
    )


COLUMNS = "kind, ticket_id, customer_id, old_due, new_due, old_tier, new_tier"


def sqlite_watch(table: str, kind: str, ticket: str | None, customer: str | None) -> list[str]:
    """The SQLite triggers that log a write to `table` (later schemas watch their new tables)."""
    statements = []
    verbs = ("INSERT",) if table == "timeline_event" else ("INSERT", "UPDATE", "DELETE")
    for verb in verbs:
        row = "OLD" if verb == "DELETE" else "NEW"
        values = _other(kind, ticket, customer, row)
        statements.append(
            f'CREATE TRIGGER IF NOT EXISTS "{table}_change_{verb.lower()}" AFTER {verb} ON "{table}" '
            f"BEGIN INSERT INTO floor_change ({COLUMNS}) VALUES ({values}); END"
        )
    return statements


def sqlite_statements() -> list[str]:
    statements = [TABLE_SQLITE]
    for verb in ("INSERT", "UPDATE", "DELETE"):
        statements.append(
            f'CREATE TRIGGER IF NOT EXISTS "ticket_change_{verb.lower()}" AFTER {verb} ON "ticket" '
            f"BEGIN INSERT INTO floor_change ({COLUMNS}) VALUES ({_row('NEW', 'OLD', verb)}); END"
        )
    for watched in WATCHED:
        statements.extend(sqlite_watch(*watched))
    statements.append(
        'CREATE TRIGGER IF NOT EXISTS "floor_change_trim" AFTER INSERT ON floor_change '
        f"WHEN NEW.id % {PRUNE_EVERY} = 0 "
        f"BEGIN DELETE FROM floor_change WHERE id <= NEW.id - {KEEP}; END"
    )
    return statements


LAST_ID = "currval(pg_get_serial_sequence('floor_change', 'id'))"


def postgres_statements() -> list[str]:
    statements = [TABLE_POSTGRES]
    ticket_values = (
        "CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.next_due_at END, "
        "CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.next_due_at END, "
        "CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.tier END, "
        "CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.tier END"
    )
    statements.append(
        "CREATE OR REPLACE FUNCTION ticket_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "DECLARE r ticket; BEGIN "
        "IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF; "
        f"INSERT INTO floor_change ({COLUMNS}) VALUES ('ticket', r.id, r.customer_id, {ticket_values}); "
        f"IF mod({LAST_ID}, {PRUNE_EVERY}) = 0 THEN "
        f"DELETE FROM floor_change WHERE id <= {LAST_ID} - {KEEP}; "
        "END IF; RETURN NULL; END $$"
    )
    statements.append(
        'CREATE TRIGGER "ticket_change" AFTER INSERT OR UPDATE OR DELETE ON "ticket" '
        "FOR EACH ROW EXECUTE FUNCTION ticket_change()"
    )
    for watched in WATCHED:
        statements.extend(postgres_watch(*watched))
    return statements


def postgres_watch(table: str, kind: str, ticket: str | None, customer: str | None) -> list[str]:
    """The PostgreSQL function and trigger that log a write to `table`."""
    function = f"{table}_change"
    ticket_value = f"r.{ticket}" if ticket else "NULL"
    customer_value = f"r.{customer}" if customer else "NULL"
    verbs = "INSERT" if table == "timeline_event" else "INSERT OR UPDATE OR DELETE"
    return [
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f'DECLARE r "{table}"; BEGIN '
        "IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF; "
        f"INSERT INTO floor_change ({COLUMNS}) "
        f"VALUES ('{kind}', {ticket_value}, {customer_value}, NULL, NULL, NULL, NULL); "
        "RETURN NULL; END $$",
        f'CREATE TRIGGER "{table}_change" AFTER {verbs} ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {function}()",
    ]


def apply(db: Database) -> None:
    if isinstance(db, SqliteDatabase):
        statements = sqlite_statements()
    elif isinstance(db, PostgresqlDatabase):
        statements = postgres_statements()
    else:
        return  # elsewhere sessions read everything again on every change (db.connection.change_counter)
    for statement in statements:
        db.execute_sql(statement)


TRIGGERS = tuple(
    [f"ticket_change_{verb}" for verb in ("insert", "update", "delete")]
    + [
        f"{table}_change_{verb}"
        for table, *_ in WATCHED
        for verb in (("insert",) if table == "timeline_event" else ("insert", "update", "delete"))
    ]
    + ["floor_change_trim"]
)
"""The SQLite triggers schema 6 makes (db check looks for them)."""
