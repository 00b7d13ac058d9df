"""Schema 10: the supervisor's live floor (issue 20).

- session_presence: one row per running app session, written by the session itself at start
  and then at most once every 30 seconds (core/floor/presence.py): who, which screen, which
  ticket, and when it last said so. A session that stops saying it (kill -9, a dropped SSH
  link) is away once its row is older than presence.AWAY_AFTER. Not watched by the change log:
  the rows change every few seconds on a big floor and only the floor screen reads them, on a
  timer of its own.
- ticket_alert: an alert fired once per ticket and target (its key is unique, like a callback's),
  so that many sessions checking the same clock cannot fire it twice. Watched (kind "alert"), so
  every supervisor's session and the owner's hear of it at their next look.
- ticket gains indexes on resolved_at and first_response_at: the floor screen counts each
  agent's day from them.
"""

from peewee import (
    CharField,
    Database,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
)

from db.fields import UTCDateTimeField
from db.migrations import m0006_floor_changes as changes

WATCHED = ("ticket_alert", "alert", "ticket_id", None)
TRIGGERS = tuple(f"ticket_alert_change_{verb}" for verb in ("insert", "update", "delete"))
"""The SQLite triggers schema 10 adds (db check looks for them)."""


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Ticket(Base):  # only as a foreign-key target
        class Meta:
            table_name = "ticket"

    class SessionPresence(Base):
        token = CharField(primary_key=True, max_length=32)
        login = CharField(max_length=64, index=True)
        host = CharField(max_length=64, null=True)
        pid = IntegerField(null=True)
        screen = CharField(max_length=32, null=True)
        ticket_ref = CharField(max_length=32, null=True)
        started_at = UTCDateTimeField()
        seen_at = UTCDateTimeField(index=True)

        class Meta:
            table_name = "session_presence"

    class TicketAlert(Base):
        key = CharField(unique=True, max_length=128)
        ticket = ForeignKeyField(Ticket, on_delete="RESTRICT")
        kind = CharField(max_length=16)
        target = CharField(max_length=16)
        due_at = UTCDateTimeField()
        owner_login = CharField(max_length=64, null=True)
        fired_at = UTCDateTimeField(index=True)
        fired_by = CharField(max_length=64)
        owner_told_at = UTCDateTimeField(null=True)

        class Meta:
            table_name = "ticket_alert"

    db.create_tables([SessionPresence, TicketAlert])
    # The floor screen counts each agent's day (resolved today, first responses today).
    db.execute_sql('CREATE INDEX IF NOT EXISTS "ticket_resolved_at" ON "ticket" ("resolved_at")')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "ticket_first_response_at" ON "ticket" ("first_response_at")')
    if isinstance(db, SqliteDatabase):
        statements = changes.sqlite_watch(*WATCHED)
    elif isinstance(db, PostgresqlDatabase):
        # Run again on a floor taken back to an older version, it makes the same floor.
        statements = ['DROP TRIGGER IF EXISTS "ticket_alert_change" ON "ticket_alert"']
        statements += changes.postgres_watch(*WATCHED)
    else:
        statements = []
    for statement in statements:
        db.execute_sql(statement)
