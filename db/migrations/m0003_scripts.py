"""Schema 3: callback scripts (回访话术) as data. One row per group and version, holding the
TOML source exactly as a supervisor loaded it; answers given under a version keep pointing at
it, so a loaded version is never changed or deleted."""

from peewee import CharField, Database, IntegerField, Model, TextField

from db.fields import UTCDateTimeField


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Script(Base):
        group = CharField(max_length=32)
        version = IntegerField()
        source = TextField()
        loaded_at = UTCDateTimeField()
        loaded_by = CharField(max_length=64)

        class Meta:
            indexes = ((("group", "version"), True),)

    db.create_tables([Script], safe=False)
