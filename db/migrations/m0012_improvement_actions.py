"""Schema 12: improvement actions (issue 23), the meeting's decisions above single tickets.

- improvement_action: the title, the problem it answers (a category and sub-tag, a phrase), the
  responsible department and owner, the deadline, the expected effect as a figure (measure,
  below/above, value), the status and how many times it was marked done (each time books its
  own round of verification calls).
- action_ticket: the tickets it covers; their customers get the verification calls.
- action_event: the action's timeline, append-only in the database like a ticket's (schema 5).
- phrase_cache: a period's phrases as last counted (what customers keep saying: segmenting a big
  week's texts takes seconds), with the fingerprint of the texts they were counted from.
- timeline_event gets an index on (kind, at): a period's customer contacts are read by it.
"""

from peewee import (
    CharField,
    Database,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    TextField,
)

from db.fields import UTCDateTimeField
from db.migrations.m0005_audit import append_only_triggers
from db.postgres import APPEND_ONLY_SQLSTATE

APPEND_ONLY_MESSAGE = (
    "action events are append-only: a recorded event is never changed or deleted; record a new event instead"
)


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Agent(Base):
        class Meta:
            table_name = "agent"

    class Department(Base):
        class Meta:
            table_name = "department"

    class Ticket(Base):
        class Meta:
            table_name = "ticket"

    class ImprovementAction(Base):
        title = CharField(max_length=200)
        category = CharField(max_length=32, null=True)
        subtag = CharField(max_length=32, null=True)
        phrase = CharField(max_length=100, null=True)
        department = ForeignKeyField(Department, on_delete="RESTRICT")
        owner = ForeignKeyField(Agent, on_delete="RESTRICT")
        due_at = UTCDateTimeField()
        expect_measure = CharField(max_length=16)
        expect_op = CharField(max_length=8)
        expect_value = FloatField()
        status = CharField(max_length=16, default="open", index=True)
        round = IntegerField(default=0)
        created_by = CharField(max_length=64)
        created_at = UTCDateTimeField(index=True)
        done_at = UTCDateTimeField(null=True)
        closed_at = UTCDateTimeField(null=True)
        row_version = IntegerField(default=1)

        class Meta:
            table_name = "improvement_action"

    class ActionTicket(Base):
        action = ForeignKeyField(ImprovementAction, on_delete="RESTRICT")
        ticket = ForeignKeyField(Ticket, on_delete="RESTRICT")

        class Meta:
            table_name = "action_ticket"
            indexes = ((("action", "ticket"), True),)

    class ActionEvent(Base):
        action = ForeignKeyField(ImprovementAction, on_delete="RESTRICT")
        at = UTCDateTimeField()
        actor = CharField(max_length=64)
        kind = CharField(max_length=32)
        text = TextField(null=True)
        before = TextField(null=True)
        after = TextField(null=True)

        class Meta:
            table_name = "action_event"
            indexes = ((("action", "id"), False),)

    class PhraseCache(Base):
        period = CharField(max_length=64)
        vocabulary = CharField(max_length=64)
        fingerprint = CharField(max_length=200)
        counted_at = UTCDateTimeField()
        phrases = TextField()
        tickets = IntegerField()

        class Meta:
            table_name = "phrase_cache"
            indexes = ((("period", "vocabulary"), True),)

    db.create_tables([ImprovementAction, ActionTicket, ActionEvent, PhraseCache])
    db.execute_sql('CREATE INDEX IF NOT EXISTS "timeline_event_kind_at" ON "timeline_event" ("kind", "at")')
    for statement in append_only_statements(db):
        db.execute_sql(statement)


def append_only_statements(db: Database) -> list[str]:
    """action_event refuses UPDATE and DELETE (and on PostgreSQL TRUNCATE) as the timeline does,
    with schema 9's error code on PostgreSQL; each statement may run again (a floor taken back
    to an older schema is upgraded through this step a second time)."""
    if isinstance(db, PostgresqlDatabase):
        function = "action_event_append_only"
        return [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION USING ERRCODE = '{APPEND_ONLY_SQLSTATE}', "
            f"MESSAGE = '{APPEND_ONLY_MESSAGE}'; END $$",
            'DROP TRIGGER IF EXISTS "action_event_no_change" ON "action_event"',
            'CREATE TRIGGER "action_event_no_change" BEFORE UPDATE OR DELETE ON "action_event" '
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            'DROP TRIGGER IF EXISTS "action_event_no_truncate" ON "action_event"',
            'CREATE TRIGGER "action_event_no_truncate" BEFORE TRUNCATE ON "action_event" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ]
    return [
        statement.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1)
        for statement in append_only_triggers(db, "action_event", APPEND_ONLY_MESSAGE)
    ]
