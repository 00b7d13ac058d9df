"""Schema 4: callbacks (回访) — the task table with its result, the answers given during a
call (saved one by one so a dropped call resumes), and the log of tries; two customer
columns: the preferred call time and the churn-risk flag."""

from peewee import (
    BooleanField,
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


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    # Only as foreign-key targets.
    class Customer(Base):
        class Meta:
            table_name = "customer"

    class Ticket(Base):
        class Meta:
            table_name = "ticket"

    class Agent(Base):
        class Meta:
            table_name = "agent"

    class Callback(Base):
        key = CharField(unique=True, max_length=128)
        group = CharField(max_length=32)
        customer = ForeignKeyField(Customer, on_delete="RESTRICT")
        ticket = ForeignKeyField(Ticket, null=True, on_delete="RESTRICT")
        follows = ForeignKeyField("self", null=True, on_delete="RESTRICT")
        reason = TextField(null=True)
        due_from = UTCDateTimeField()
        due_by = UTCDateTimeField()
        call_after = UTCDateTimeField(null=True)
        priority = CharField(max_length=8, default="normal")
        status = CharField(max_length=16, default="open")
        owner = ForeignKeyField(Agent, null=True, on_delete="RESTRICT")
        attempts = IntegerField(default=0)
        script_version = IntegerField(null=True)
        started_at = UTCDateTimeField(null=True)
        completed_at = UTCDateTimeField(null=True)
        method = CharField(max_length=16, default="phone")
        overall = IntegerField(null=True)
        efficiency = IntegerField(null=True)
        solving = IntegerField(null=True)
        attitude = IntegerField(null=True)
        warm = BooleanField(null=True)
        feedback = TextField(null=True)
        category = CharField(max_length=64, null=True)
        suggestion = TextField(null=True)
        follow_up_status = CharField(max_length=64, null=True)
        remarks = TextField(null=True)
        created_at = UTCDateTimeField()
        created_by = CharField(max_length=64)
        row_version = IntegerField(default=1)

        class Meta:
            indexes = ((("status", "due_by"), False), (("completed_at",), False))

    class CallbackAnswer(Base):
        callback = ForeignKeyField(Callback, on_delete="RESTRICT")
        question = CharField(max_length=64)
        script_version = IntegerField()
        answer = TextField()
        answered_at = UTCDateTimeField()
        answered_by = CharField(max_length=64)

        class Meta:
            indexes = ((("callback", "question"), True),)

    class CallbackAttempt(Base):
        callback = ForeignKeyField(Callback, on_delete="RESTRICT")
        at = UTCDateTimeField()
        agent = CharField(max_length=64)
        outcome = CharField(max_length=16)
        note = TextField(null=True)
        next_try_at = UTCDateTimeField(null=True)

    db.create_tables([Callback, CallbackAnswer, CallbackAttempt], safe=False)
    # Here: playhouse.migrate loads the PostgreSQL driver, which sessions need not carry (db/drivers.py).
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(db)
    operations = [migrator.add_column("customer", "preferred_call_time", CharField(max_length=16, null=True))]
    if isinstance(db, SqliteDatabase):
        # As in schema 2: SQLite adds a NOT NULL column with a default in place, where Peewee's
        # migrator would rebuild the table and trip the foreign keys pointing at it.
        db.execute_sql('ALTER TABLE "customer" ADD COLUMN "churn_risk" INTEGER NOT NULL DEFAULT 0')
    elif isinstance(db, PostgresqlDatabase):  # a default the database keeps (schema 2's row_version)
        db.execute_sql('ALTER TABLE "customer" ADD COLUMN "churn_risk" BOOLEAN NOT NULL DEFAULT false')
    else:
        operations.append(migrator.add_column("customer", "churn_risk", BooleanField(default=False)))
    migrate(*operations)
