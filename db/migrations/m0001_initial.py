"""Schema 1: agents, customers, tickets and their timeline, as first released."""

from peewee import (
    BooleanField,
    CharField,
    Database,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from db.fields import UTCDateTimeField


def apply(db: Database) -> None:
    class Base(Model):
        class Meta:
            database = db
            legacy_table_names = False

    class SchemaMeta(Base):
        key = CharField(primary_key=True, max_length=64)
        value = TextField()

    class Agent(Base):
        login = CharField(unique=True, max_length=64)
        display_name = CharField(max_length=100)
        role = CharField(max_length=16)
        team = CharField(max_length=64, null=True)
        active = BooleanField(default=True)
        created_at = UTCDateTimeField()

    class Customer(Base):
        code = CharField(unique=True, max_length=64)
        name = CharField(max_length=200)
        short_name = CharField(max_length=64, null=True)
        contact_person = CharField(max_length=100, null=True)
        phone = CharField(max_length=32, null=True)
        type = CharField(max_length=8, default="new")
        industry = CharField(max_length=100, null=True)
        delivery_date = DateField(null=True)
        created_at = UTCDateTimeField()

    class Ticket(Base):
        ref = CharField(unique=True, max_length=32)
        customer = ForeignKeyField(Customer, on_delete="RESTRICT")
        channel = CharField(max_length=32)
        platform = CharField(max_length=64, null=True)
        received_at = UTCDateTimeField(index=True)
        category = CharField(max_length=32)
        subtag = CharField(max_length=32, null=True)
        tier = CharField(max_length=8)
        tier_source = CharField(max_length=100)
        description = TextField()
        mood = CharField(max_length=16, null=True)
        owner = ForeignKeyField(Agent, null=True, on_delete="RESTRICT")
        status = CharField(max_length=16)
        response_due_at = UTCDateTimeField()
        solution_due_at = UTCDateTimeField()
        first_response_at = UTCDateTimeField(null=True)
        resolved_at = UTCDateTimeField(null=True)
        closed_at = UTCDateTimeField(null=True)
        resolution = TextField(null=True)
        confirmation = TextField(null=True)
        reopened_count = IntegerField(default=0)
        inbound_contacts = IntegerField(default=0)
        created_by = CharField(max_length=64)

        class Meta:
            indexes = (
                (("status", "solution_due_at"), False),
                (("owner", "status"), False),
            )

    class TimelineEvent(Base):
        ticket = ForeignKeyField(Ticket, on_delete="RESTRICT")
        at = UTCDateTimeField()
        actor = CharField(max_length=64)
        kind = CharField(max_length=32)
        text = TextField(null=True)
        before = TextField(null=True)
        after = TextField(null=True)

        class Meta:
            indexes = ((("ticket", "id"), False),)

    db.create_tables([SchemaMeta, Agent, Customer, Ticket, TimelineEvent], safe=False)
