"""Schema 7: the SLA clock can pause. A ticket's paused_at is when its solution clock stopped
(waiting on the customer, or on a department when the policy says so); a handoff's
withdrawn_at is when it was withdrawn with its ticket (the stage 撤回). Both nullable, added
in place: no table is rebuilt, so the triggers of schemas 5 and 6 stay."""

from peewee import Database

from db.fields import UTCDateTimeField


def apply(db: Database) -> None:
    # Here: playhouse.migrate loads the PostgreSQL driver, which sessions need not carry (db/drivers.py).
    from playhouse.migrate import SchemaMigrator, migrate

    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column("ticket", "paused_at", UTCDateTimeField(null=True)),
        migrator.add_column("handoff", "withdrawn_at", UTCDateTimeField(null=True)),
    )
