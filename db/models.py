"""The floor's tables as Peewee models, at the newest schema version.

Migrations in db/migrations/ build these tables step by step; a test checks that a database
built by the migrations has exactly the columns these models declare.

Annotations without a value (`id: AutoField[int]`, `owner_id: ForeignKeyField[int | None]`) only
tell the type checker what peewee adds by itself: the AutoField primary key, and each foreign
key's raw id (the field on the class, the id on a row). Peewee ignores annotations.
"""

from __future__ import annotations

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    FloatField,
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
    id: AutoField[int]
    login = CharField(unique=True, max_length=64)
    display_name = CharField(max_length=100)
    role = CharField(max_length=16)  # agent | supervisor
    team = CharField(max_length=64, null=True)
    active = BooleanField(default=True)
    created_at = UTCDateTimeField()

    @classmethod
    def active_supervisors(cls):
        """The floor's active supervisors: a floor without one may not be used (core.floor.session)."""
        return cls.select().where((cls.role == "supervisor") & (cls.active == True))  # noqa: E712


class Customer(BaseModel):
    id: AutoField[int]
    code = CharField(unique=True, max_length=64)
    name = CharField(max_length=200)
    short_name = CharField(max_length=64, null=True)
    contact_person = CharField(max_length=100, null=True)
    phone = CharField(max_length=32, null=True)
    type = CharField(max_length=8, default="new")  # new | old | vip
    industry = CharField(max_length=100, null=True)
    delivery_date = DateField(null=True)
    created_at = UTCDateTimeField()
    # schema 4: when the customer likes to be called back ("14:00-17:00", local), and the
    # churn-risk flag the quarterly callback list is built from
    preferred_call_time = CharField(max_length=16, null=True)
    churn_risk = BooleanField(default=False)


class Ticket(BaseModel):
    id: AutoField[int]
    ref = CharField(unique=True, max_length=32)
    customer = ForeignKeyField(Customer, backref="tickets", on_delete="RESTRICT")
    customer_id: ForeignKeyField[int]
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
    owner_id: ForeignKeyField[int | None]
    status = CharField(max_length=16)  # new | in_progress | waiting | resolved | closed
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
    paused_at = UTCDateTimeField(null=True)
    """When the solution clock stopped (core/tickets/pauses.py); None while it runs."""

    class Meta:
        indexes = (
            (("status", "solution_due_at"), False),
            (("owner", "status"), False),
            # schema 10: the floor screen counts each agent's day
            (("resolved_at",), False),
            (("first_response_at",), False),
        )


class TimelineEvent(BaseModel):
    """Append-only: every change to a ticket, who did it, when, and before/after."""

    id: AutoField[int]
    ticket = ForeignKeyField(Ticket, backref="events", on_delete="RESTRICT")
    ticket_id: ForeignKeyField[int]
    at = UTCDateTimeField()
    actor = CharField(max_length=64)
    kind = CharField(max_length=32)
    text = TextField(null=True)
    before = TextField(null=True)  # JSON object of the changed fields
    after = TextField(null=True)

    class Meta:
        indexes = (
            (("ticket", "id"), False),
            # schema 12: a period's customer contacts, read for what customers keep saying
            (("kind", "at"), False),
        )


class Department(BaseModel):
    """Schema 2: the emergency contact directory (紧急联络表)."""

    id: AutoField[int]
    name = CharField(unique=True, max_length=64)
    contact_person = CharField(max_length=100, null=True)
    phone = CharField(max_length=32, null=True)
    backup_contact = CharField(max_length=100, null=True)
    backup_phone = CharField(max_length=32, null=True)
    online_hours = CharField(max_length=32, null=True)  # "08:00-18:00"
    active = BooleanField(default=True)


class Handoff(BaseModel):
    """Schema 2: a request to another department: problem + what is needed + by when."""

    id: AutoField[int]
    ticket = ForeignKeyField(Ticket, backref="handoffs", on_delete="RESTRICT")
    ticket_id: ForeignKeyField[int]
    department = ForeignKeyField(Department, backref="handoffs", on_delete="RESTRICT")
    department_id: ForeignKeyField[int]
    problem = TextField()
    need = TextField()
    due_at = UTCDateTimeField(index=True)
    stage = CharField(max_length=16)  # sent | answered | synced
    sent_at = UTCDateTimeField()
    answered_at = UTCDateTimeField(null=True)
    answer = TextField(null=True)
    synced_at = UTCDateTimeField(null=True)
    created_by = CharField(max_length=64)
    withdrawn_at = UTCDateTimeField(null=True)  # stage "withdrawn": ended with its ticket


class FloorSetting(BaseModel):
    """Schema 2: floor-wide settings every session shares, e.g. the policy TOML."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()
    updated_at = UTCDateTimeField()
    updated_by = CharField(max_length=64)

    @classmethod
    def put(cls, key: str, value: str, updated_at, updated_by: str) -> None:
        """Set key's value, whether or not it was there: an upsert both engines read the same
        way (SQLite's INSERT OR REPLACE is not PostgreSQL's)."""
        values = {"value": value, "updated_at": updated_at, "updated_by": updated_by}
        cls.insert(key=key, **values).on_conflict(
            conflict_target=[cls.key], update={getattr(cls, name): v for name, v in values.items()}
        ).execute()


class Script(BaseModel):
    """Schema 3: one version of a callback group's script (回访话术), its TOML source as loaded.
    Rows are only added: answers keep the version they were given under."""

    id: AutoField[int]
    group = CharField(max_length=32)
    version = IntegerField()
    source = TextField()
    loaded_at = UTCDateTimeField()
    loaded_by = CharField(max_length=64)

    class Meta:
        indexes = ((("group", "version"), True),)


class Callback(BaseModel):
    """Schema 4: a callback task (回访) and, once made, its result. One row per rule firing:
    `key` names the rule and what fired it ("resolved:T-000123:0"), so scheduling twice, or
    from two processes at once, cannot make a second row."""

    id: AutoField[int]
    key = CharField(unique=True, max_length=128)
    group = CharField(max_length=32)  # core.callbacks.groups.GROUP_IDS
    customer = ForeignKeyField(Customer, backref="callbacks", on_delete="RESTRICT")
    customer_id: ForeignKeyField[int]
    ticket = ForeignKeyField(Ticket, null=True, backref="callbacks", on_delete="RESTRICT")
    ticket_id: ForeignKeyField[int | None]
    # peewee's stubs type a "self" reference as Any: the annotation names the model
    follows: ForeignKeyField[Callback | None] = ForeignKeyField(
        "self", null=True, backref="follow_ups", on_delete="RESTRICT"
    )
    follows_id: ForeignKeyField[int | None]
    reason = TextField(null=True)  # why it was scheduled, for the agent
    due_from = UTCDateTimeField()
    due_by = UTCDateTimeField()
    call_after = UTCDateTimeField(null=True)  # busy: the time the customer named; unreachable: next try
    priority = CharField(max_length=8, default="normal")  # normal | high
    status = CharField(max_length=16, default="open")  # open | done | refused | unreachable
    owner = ForeignKeyField(Agent, null=True, backref="callbacks", on_delete="RESTRICT")
    owner_id: ForeignKeyField[int | None]
    attempts = IntegerField(default=0)
    script_version = IntegerField(null=True)  # fixed when the call starts
    started_at = UTCDateTimeField(null=True)
    completed_at = UTCDateTimeField(null=True)
    method = CharField(max_length=16, default="phone")  # phone | survey
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
        indexes = (
            (("status", "due_by"), False),
            (("completed_at",), False),
        )


class CallbackPurpose(BaseModel):
    """Schema 8: a reason that joined an open routine callback (one call, not five). The
    callback's own key, group, ticket and reason are its first purpose; each row here is one
    more, with its rule firing's key, unique like Callback.key, so it is booked only once."""

    id: AutoField[int]
    callback = ForeignKeyField(Callback, backref="purposes", on_delete="RESTRICT")
    callback_id: ForeignKeyField[int]
    key = CharField(unique=True, max_length=128)
    group = CharField(max_length=32)
    ticket = ForeignKeyField(Ticket, null=True, on_delete="RESTRICT")
    ticket_id: ForeignKeyField[int | None]
    reason = TextField(null=True)
    added_at = UTCDateTimeField()
    script_version = IntegerField(null=True)  # fixed when the call starts, like Callback's


class CallbackAnswer(BaseModel):
    """Schema 4: one answer, saved the moment it is given, so a dropped call resumes."""

    id: AutoField[int]
    callback = ForeignKeyField(Callback, backref="answers", on_delete="RESTRICT")
    callback_id: ForeignKeyField[int]
    question = CharField(max_length=64)
    script_version = IntegerField()
    answer = TextField()
    answered_at = UTCDateTimeField()
    answered_by = CharField(max_length=64)

    class Meta:
        indexes = ((("callback", "question"), True),)


class CallbackAttempt(BaseModel):
    """Schema 4: each try at a callback and how it ended (busy, unreachable, refused, done)."""

    id: AutoField[int]
    callback = ForeignKeyField(Callback, backref="attempt_log", on_delete="RESTRICT")
    callback_id: ForeignKeyField[int]
    at = UTCDateTimeField()
    agent = CharField(max_length=64)
    outcome = CharField(max_length=16)
    note = TextField(null=True)
    next_try_at = UTCDateTimeField(null=True)

    class Meta:
        # Schema 8: the monthly callback work report reads a month of tries by time.
        indexes = ((("at",), False),)


class AuditEvent(BaseModel):
    """Schema 5: a refusal on role grounds (an agent trying a supervisor's move), kept so a
    supervisor can see who tried what. Append-only like the timeline: triggers refuse UPDATE
    and DELETE in the database itself."""

    id: AutoField[int]
    at = UTCDateTimeField(index=True)
    login = CharField(max_length=64)
    action = CharField(max_length=200)  # what was attempted: "export the clear report"
    target = CharField(max_length=200)  # what on: "2026-W47", "T000012", "policy"
    reason = TextField()  # the refusal as the person saw it


class FloorChange(BaseModel):
    """Schema 6: one row per write to what a screen shows, added by triggers in the writing
    transaction (db/migrations/m0006_floor_changes.py): sessions read only what changed."""

    id: AutoField[int]
    kind = CharField(max_length=16)  # ticket | event | handoff | callback | department | ...
    ticket_id = IntegerField(null=True)
    customer_id = IntegerField(null=True)
    old_due = UTCDateTimeField(null=True)  # a ticket's next_due_at before and after
    new_due = UTCDateTimeField(null=True)
    old_tier = CharField(max_length=8, null=True)
    new_tier = CharField(max_length=8, null=True)


class SessionPresence(BaseModel):
    """Schema 10: a running app session says who it is, which screen and ticket it shows, and
    when it last said so (core/floor/presence.py). A row left behind by a session that died is
    away once old, and trimmed after a day."""

    token = CharField(primary_key=True, max_length=32)
    login = CharField(max_length=64, index=True)
    host = CharField(max_length=64, null=True)
    pid = IntegerField(null=True)
    screen = CharField(max_length=32, null=True)
    ticket_ref = CharField(max_length=32, null=True)
    started_at = UTCDateTimeField()
    seen_at = UTCDateTimeField(index=True)


class TicketAlert(BaseModel):
    """Schema 10: an alert before a breach, fired once per ticket and target: `key` is unique
    ("unclaimed:<ticket id>:response:<due>"), so every session may check and only one fires."""

    id: AutoField[int]
    key = CharField(unique=True, max_length=128)
    ticket = ForeignKeyField(Ticket, backref="alerts", on_delete="RESTRICT")
    ticket_id: ForeignKeyField[int]
    kind = CharField(max_length=16)  # unclaimed | owner_away
    target = CharField(max_length=16)  # response | solution
    due_at = UTCDateTimeField()
    owner_login = CharField(max_length=64, null=True)  # the owner when it fired (told too)
    fired_at = UTCDateTimeField(index=True)
    fired_by = CharField(max_length=64)  # the session's login whose check fired it
    owner_told_at = UTCDateTimeField(null=True)
    """When the owner's own session told them (an owner-away alert is told to the owner once,
    not again by every session they start)."""


class BoardLink(BaseModel):
    """Schema 11: a link to the served wall board (callfloor serve-board --new-token). Only the
    token's SHA-256 is kept; a revoked link keeps its row for the visit log."""

    id: AutoField[int]
    token_sha256 = CharField(unique=True, max_length=64)
    label = CharField(max_length=80)  # which screen: "TV by the door"
    created_by = CharField(max_length=64)
    created_at = UTCDateTimeField()
    revoked_by = CharField(max_length=64, null=True)
    revoked_at = UTCDateTimeField(null=True)


class BoardVisit(BaseModel):
    """Schema 11: one connection to the served board, let in or turned away."""

    id: AutoField[int]
    link = ForeignKeyField(BoardLink, backref="visits", null=True, on_delete="RESTRICT")
    link_id: ForeignKeyField[int | None]
    at = UTCDateTimeField(index=True)
    peer = CharField(max_length=64)  # the browser's address
    browser = CharField(max_length=200)  # its User-Agent, cut short
    outcome = CharField(max_length=16)  # shown | unknown | revoked | full
    closed_at = UTCDateTimeField(null=True)
    bytes_sent = IntegerField(null=True)


class ImprovementAction(BaseModel):
    """Schema 12: an improvement action (改进措施) the weekly meeting decided: the problem it
    answers, who is responsible, by when, the effect expected, and where it stands
    (open -> in_progress -> done -> closed; core.improvement)."""

    id: AutoField[int]
    title = CharField(max_length=200)
    category = CharField(max_length=32, null=True)  # the policy's category id
    subtag = CharField(max_length=32, null=True)
    phrase = CharField(max_length=100, null=True)  # what customers keep saying, as the report counts it
    department = ForeignKeyField(Department, backref="actions", on_delete="RESTRICT")
    department_id: ForeignKeyField[int]
    owner = ForeignKeyField(Agent, backref="actions", on_delete="RESTRICT")
    owner_id: ForeignKeyField[int]
    due_at = UTCDateTimeField()
    expect_measure = CharField(max_length=16)  # share | count (core.improvement.expected)
    expect_op = CharField(max_length=8)  # below | above
    expect_value = FloatField()
    status = CharField(max_length=16, default="open", index=True)  # open | in_progress | done | closed
    round = IntegerField(default=0)  # times marked done: each books its own verification calls
    created_by = CharField(max_length=64)
    created_at = UTCDateTimeField(index=True)
    done_at = UTCDateTimeField(null=True)
    closed_at = UTCDateTimeField(null=True)
    row_version = IntegerField(default=1)


class ActionTicket(BaseModel):
    """Schema 12: a ticket an improvement action covers (its customer gets the verification call)."""

    id: AutoField[int]
    action = ForeignKeyField(ImprovementAction, backref="tickets", on_delete="RESTRICT")
    action_id: ForeignKeyField[int]
    ticket = ForeignKeyField(Ticket, backref="actions", on_delete="RESTRICT")
    ticket_id: ForeignKeyField[int]

    class Meta:
        indexes = ((("action", "ticket"), True),)


class ActionEvent(BaseModel):
    """Schema 12: append-only, like a ticket's timeline: every change to an action."""

    id: AutoField[int]
    action = ForeignKeyField(ImprovementAction, backref="events", on_delete="RESTRICT")
    action_id: ForeignKeyField[int]
    at = UTCDateTimeField()
    actor = CharField(max_length=64)
    kind = CharField(max_length=32)
    text = TextField(null=True)
    before = TextField(null=True)  # JSON object of the changed fields
    after = TextField(null=True)

    class Meta:
        indexes = ((("action", "id"), False),)


class PhraseCache(BaseModel):
    """Schema 12: a period's phrases as last counted (core.report.phrase_cache): counting means
    segmenting every text of the period, seconds for a big week, so a period whose texts have
    not changed since (its fingerprint) is read from here. Derived data: never copied."""

    id: AutoField[int]
    period = CharField(
        max_length=64
    )  # its bounds, UTC: "2026-11-15T16:00:00+00:00/2026-11-22T16:00:00+00:00"
    vocabulary = CharField(max_length=64)  # sha256 of the policy's [phrases] and the rules' version
    fingerprint = CharField(max_length=200)  # the period's texts: counts and last ids of each source
    counted_at = UTCDateTimeField()
    phrases = TextField()  # JSON: [{"text", "count", "examples": [ticket ids]}], most said first
    tickets = IntegerField()  # how many tickets said anything

    class Meta:
        indexes = ((("period", "vocabulary"), True),)


ALL_MODELS = (
    SchemaMeta,
    Agent,
    Customer,
    Ticket,
    TimelineEvent,
    Department,
    Handoff,
    FloorSetting,
    Script,
    Callback,
    CallbackPurpose,
    CallbackAnswer,
    CallbackAttempt,
    AuditEvent,
    FloorChange,
    SessionPresence,
    TicketAlert,
    BoardLink,
    BoardVisit,
    ImprovementAction,
    ActionTicket,
    ActionEvent,
    PhraseCache,
)
