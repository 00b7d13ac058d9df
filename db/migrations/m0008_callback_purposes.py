"""Schema 8: one call, not five. A customer has at most one open routine callback; a reason
that comes up while one is open joins it as a callback_purpose row (the callback's own key,
group, ticket and reason stay its first purpose), so the call runs every purpose's questions
once and each rule firing is still booked only once (its key is unique here as in callback).
The new table is watched like callback (schema 6), so running screens see a purpose join.
The log of tries gains an index on its time, for the monthly callback work report."""

from peewee import (
    CharField,
    Database,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
    TextField,
)

from db.fields import UTCDateTimeField
from db.migrations import m0006_floor_changes as changes

WATCHED = ("callback_purpose", "callback", "ticket_id", None)
TRIGGERS = tuple(f"callback_purpose_change_{verb}" for verb in ("insert", "update", "delete"))
"""The SQLite triggers schema 8 adds (db check looks for them)."""


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Ticket(Base):  # only as a foreign-key target
        class Meta:
            table_name = "ticket"

    class Callback(Base):
        class Meta:
            table_name = "callback"

    class CallbackPurpose(Base):
        callback = ForeignKeyField(Callback, on_delete="RESTRICT")
        key = CharField(unique=True, max_length=128)
        group = CharField(max_length=32)
        ticket = ForeignKeyField(Ticket, null=True, on_delete="RESTRICT")
        reason = TextField(null=True)
        added_at = UTCDateTimeField()
        script_version = IntegerField(null=True)

        class Meta:
            table_name = "callback_purpose"

    db.create_tables([CallbackPurpose])
    # The monthly callback work report reads a month of tries by time (core/report/monthly.py).
    db.execute_sql('CREATE INDEX IF NOT EXISTS "callback_attempt_at" ON "callback_attempt" ("at")')
    if isinstance(db, SqliteDatabase):
        statements = changes.sqlite_watch(*WATCHED)
    elif isinstance(db, PostgresqlDatabase):
        statements = changes.postgres_watch(*WATCHED)
    else:
        statements = []
    for statement in statements:
        db.execute_sql(statement)
