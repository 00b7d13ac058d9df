"""Schema 5: the record cannot be rewritten. The audit table (refusals on role grounds), and
triggers that make the timeline and the audit append-only in the database itself, so no
program, script or hand-typed SQL can quietly change or remove what happened.

A later step that rebuilds timeline_event or audit_event (Peewee's SQLite migrator does that
for some column changes) drops their triggers with the old table: it must create them again.
"""

from peewee import CharField, Database, Model, MySQLDatabase, PostgresqlDatabase, SqliteDatabase, TextField

from db.errors import StorageError
from db.fields import UTCDateTimeField

APPEND_ONLY = {
    "timeline_event": "timeline events are append-only: a recorded event is never changed or "
    "deleted; record a new event instead",
    "audit_event": "audit events are append-only: a recorded refusal is never changed or deleted",
}
"""Each append-only table and the message its triggers give (shown to a person as it is)."""


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class AuditEvent(Base):
        at = UTCDateTimeField(index=True)
        login = CharField(max_length=64)
        action = CharField(max_length=200)
        target = CharField(max_length=200)
        reason = TextField()

    db.create_tables([AuditEvent], safe=False)
    for table, message in APPEND_ONLY.items():
        for statement in append_only_triggers(db, table, message):
            db.execute_sql(statement)


def append_only_triggers(db: Database, table: str, message: str) -> list[str]:
    """The statements that make `table` refuse UPDATE and DELETE on this engine."""
    if isinstance(db, SqliteDatabase):
        return [
            f'CREATE TRIGGER "{table}_no_{verb.lower()}" BEFORE {verb} ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            for verb in ("UPDATE", "DELETE")
        ]
    if isinstance(db, PostgresqlDatabase):
        # One function per table carries its message; TRUNCATE skips row triggers, so it
        # gets a statement trigger of its own.
        function = f"{table}_append_only"
        return [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$",
            f'CREATE TRIGGER "{table}_no_change" BEFORE UPDATE OR DELETE ON "{table}" '
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f'CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    if isinstance(db, MySQLDatabase):
        # A one-statement body needs no DELIMITER; MySQL caps MESSAGE_TEXT at 128 characters.
        return [
            f"CREATE TRIGGER `{table}_no_{verb.lower()}` BEFORE {verb} ON `{table}` FOR EACH ROW "
            f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{message[:128]}'"
            for verb in ("UPDATE", "DELETE")
        ]
    raise StorageError(
        f"callfloor cannot make the timeline append-only on {type(db).__name__}; "
        "use SQLite, PostgreSQL or MySQL"
    )
