"""The floor's tables as Peewee models, at the newest schema version.

Migrations in db/migrations/ build these tables step by step; a test checks that a database
built by the migrations has exactly the columns these models declare.
"""
from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from db.fields import UTCDateTimeField

database = DatabaseProxy()
"""Bound to the real database by db.connection.open_database()."""


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class SchemaMeta(BaseModel):
    """One row per key; 'version' holds the schema version as text."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()


class Agent(BaseModel):
    login = CharField(unique=True, max_length=64)
    display_name = CharField(max_length=100)
    role = CharField(max_length=16)  # agent | supervisor
    team = CharField(max_length=64, null=True)
    active = BooleanField(default=True)
    created_at = UTCDateTimeField()


class Customer(BaseModel):
    code = CharField(unique=True, max_length=64)
    name = CharField(max_length=200)
    short_name = CharField(max_length=64, null=True)
    contact_person = CharField(max_length=100, null=True)
    phone = CharField(max_length=32, null=True)
    type = CharField(max_length=8, default="new")  # new | old | vip
    industry = CharField(max_length=100, null=True)
    delivery_date = DateField(null=True)
    created_at = UTCDateTimeField()


class Ticket(BaseModel):
    ref = CharField(unique=True, max_length=32)
    customer = ForeignKeyField(Customer, backref="tickets", on_delete="RESTRICT")
    channel = CharField(max_length=32)
    platform = CharField(max_length=64, null=True)
    received_at = UTCDateTimeField(index=True)
    category = CharField(max_length=32)
    subtag = CharField(max_length=32, null=True)
    tier = CharField(max_length=8)  # red | yellow | green
    tier_source = CharField(max_length=100)  # "keyword:漏发", "agent", "default", "import"
    description = TextField()
    mood = CharField(max_length=16, null=True)  # anxious | calm | angry
    owner = ForeignKeyField(Agent, null=True, backref="tickets", on_delete="RESTRICT")
    status = CharField(max_length=16)  # new | in_progress | resolved | closed
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
    # schema 2: the last outbound contact, for "customer update due before 17:00 today"
    last_update_at = UTCDateTimeField(null=True)
    # schema 2: bumped by every change, so a stale edit can be detected
    row_version = IntegerField(default=1)
    # schema 2: the nearest target still pending (response, else solution); NULL once
    # resolved. The queue sorts on it, so it pages on an index.
    next_due_at = UTCDateTimeField(null=True, index=True)

    class Meta:
        indexes = (
            (("status", "solution_due_at"), False),
            (("owner", "status"), False),
        )


class TimelineEvent(BaseModel):
    """Append-only: every change to a ticket, who did it, when, and before/after."""

    ticket = ForeignKeyField(Ticket, backref="events", on_delete="RESTRICT")
    at = UTCDateTimeField()
    actor = CharField(max_length=64)
    kind = CharField(max_length=32)
    text = TextField(null=True)
    before = TextField(null=True)  # JSON object of the changed fields
    after = TextField(null=True)

    class Meta:
        indexes = ((("ticket", "id"), False),)


class Department(BaseModel):
    """Schema 2: the emergency contact directory (紧急联络表)."""

    name = CharField(unique=True, max_length=64)
    contact_person = CharField(max_length=100, null=True)
    phone = CharField(max_length=32, null=True)
    backup_contact = CharField(max_length=100, null=True)
    backup_phone = CharField(max_length=32, null=True)
    online_hours = CharField(max_length=32, null=True)  # "08:00-18:00"
    active = BooleanField(default=True)


class Handoff(BaseModel):
    """Schema 2: a request to another department: problem + what is needed + by when."""

    ticket = ForeignKeyField(Ticket, backref="handoffs", on_delete="RESTRICT")
    department = ForeignKeyField(Department, backref="handoffs", on_delete="RESTRICT")
    problem = TextField()
    need = TextField()
    due_at = UTCDateTimeField(index=True)
    stage = CharField(max_length=16)  # sent | answered | synced
    sent_at = UTCDateTimeField()
    answered_at = UTCDateTimeField(null=True)
    answer = TextField(null=True)
    synced_at = UTCDateTimeField(null=True)
    created_by = CharField(max_length=64)


class FloorSetting(BaseModel):
    """Schema 2: floor-wide settings every session shares, e.g. the policy TOML."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()
    updated_at = UTCDateTimeField()
    updated_by = CharField(max_length=64)


class Script(BaseModel):
    """Schema 3: one version of a callback group's script (回访话术), its TOML source as loaded.
    Rows are only added: answers keep the version they were given under."""

    group = CharField(max_length=32)
    version = IntegerField()
    source = TextField()
    loaded_at = UTCDateTimeField()
    loaded_by = CharField(max_length=64)

    class Meta:
        indexes = ((("group", "version"), True),)


ALL_MODELS = (SchemaMeta, Agent, Customer, Ticket, TimelineEvent, Department, Handoff, FloorSetting, Script)
