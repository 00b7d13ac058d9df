"""Schema 2: the department directory, handoffs, floor settings (the shared policy), and
three ticket columns: the last customer update, a row version for stale-edit checks, and
the next due time the queue sorts on."""

from peewee import (
    BooleanField,
    CharField,
    Database,
    ForeignKeyField,
    IntegerField,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
    Table,
    TextField,
)

from db.fields import UTCDateTimeField


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Ticket(Base):  # only as a foreign-key target
        class Meta:
            table_name = "ticket"

    class Department(Base):
        name = CharField(unique=True, max_length=64)
        contact_person = CharField(max_length=100, null=True)
        phone = CharField(max_length=32, null=True)
        backup_contact = CharField(max_length=100, null=True)
        backup_phone = CharField(max_length=32, null=True)
        online_hours = CharField(max_length=32, null=True)
        active = BooleanField(default=True)

    class Handoff(Base):
        ticket = ForeignKeyField(Ticket, on_delete="RESTRICT")
        department = ForeignKeyField(Department, on_delete="RESTRICT")
        problem = TextField()
        need = TextField()
        due_at = UTCDateTimeField(index=True)
        stage = CharField(max_length=16)
        sent_at = UTCDateTimeField()
        answered_at = UTCDateTimeField(null=True)
        answer = TextField(null=True)
        synced_at = UTCDateTimeField(null=True)
        created_by = CharField(max_length=64)

    class FloorSetting(Base):
        key = CharField(primary_key=True, max_length=64)
        value = TextField()
        updated_at = UTCDateTimeField()
        updated_by = CharField(max_length=64)

    db.create_tables([Department, Handoff, FloorSetting], safe=False)
    # Here: playhouse.migrate loads the PostgreSQL driver, which sessions need not carry (db/drivers.py).
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(db)
    operations = [
        migrator.add_column("ticket", "last_update_at", UTCDateTimeField(null=True)),
        migrator.add_column("ticket", "next_due_at", UTCDateTimeField(null=True)),
        migrator.add_index("ticket", ("next_due_at",), False),
    ]
    if isinstance(db, (SqliteDatabase, PostgresqlDatabase)):
        # A NOT NULL column with a default the database keeps: SQLite adds it in place (Peewee's
        # migrator would rebuild the ticket table and trip the timeline's foreign keys), and
        # PostgreSQL fills rows written without it (the migrator leaves no default there).
        db.execute_sql('ALTER TABLE "ticket" ADD COLUMN "row_version" INTEGER NOT NULL DEFAULT 1')
    else:
        operations.append(migrator.add_column("ticket", "row_version", IntegerField(default=1)))
    migrate(*operations)
    # The last outbound contact was only on the timeline in schema 1. (Table sets the named
    # columns as attributes at run time, where the checker cannot see them.)
    ticket = Table("ticket", ("id", "last_update_at")).bind(db)
    event = Table("timeline_event", ("ticket_id", "at", "kind"))
    latest = (
        event.select(event.at)  # type: ignore[attr-defined]
        .where((event.ticket_id == ticket.id) & (event.kind == "contact_out"))  # type: ignore[attr-defined]
        .order_by(event.at.desc())  # type: ignore[attr-defined]
        .limit(1)
    )
    ticket.update(last_update_at=latest).execute()
    db.execute_sql(
        "UPDATE ticket SET next_due_at = CASE WHEN first_response_at IS NULL "
        "THEN response_due_at ELSE solution_due_at END "
        "WHERE status IN ('new', 'in_progress')"
    )
