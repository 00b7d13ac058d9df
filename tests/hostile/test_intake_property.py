"""Intake and the customer add with generated hostile text in every field.

Either the record is made, with the text stored exactly as typed, or a CallfloorError names
the field and the database is unchanged. No other exception, whatever the input.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from core.basics.errors import CallfloorError, InvalidInput
from core.customers.records import CustomerForm, add_customer
from core.tickets.lifecycle import NewTicket, intake
from db.models import Customer, Ticket, TimelineEvent
from tests.hostile.strategies import hostile_text, maybe_text

CHANNELS = st.one_of(st.sampled_from(["phone", "email", "social_media", "电话"]), hostile_text)


def floor_rows() -> tuple:
    """Every customer, ticket and timeline row, as stored: the 'nothing half-written' check."""
    return (
        tuple(Customer.select().order_by(Customer.id).tuples()),
        tuple(Ticket.select().order_by(Ticket.id).tuples()),
        tuple(TimelineEvent.select().order_by(TimelineEvent.id).tuples()),
    )


@given(
    description=hostile_text,
    channel=CHANNELS,
    platform=maybe_text,
    category=maybe_text,
    subtag=maybe_text,
    mood=st.one_of(st.none(), st.just("angry"), hostile_text),
    tier=st.one_of(st.none(), st.just("red"), hostile_text),
)
@example(
    description="[bold red]X[/]\x1b[2J\x00",
    channel="phone",
    platform=None,
    category=None,
    subtag=None,
    mood=None,
    tier=None,
)
@example(
    description="x" * 100_001,
    channel="phone",
    platform=None,
    category=None,
    subtag=None,
    mood=None,
    tier=None,
)
def test_intake_stores_text_exactly_or_refuses_and_changes_nothing(
    floor, description, channel, platform, category, subtag, mood, tier
):
    before = floor_rows()
    form = NewTicket(
        customer_code="C001",
        channel=channel,
        description=description,
        platform=platform,
        category=category,
        subtag=subtag,
        mood=mood,
        tier=tier,
    )
    try:
        ref = intake(floor, form)
    except InvalidInput as refused:
        assert refused.field in {"description", "channel", "platform", "category", "subtag", "mood", "tier"}
        assert str(refused).startswith(refused.field + ": ")
        assert floor_rows() == before
        return
    stored = Ticket.get(Ticket.ref == ref)
    assert stored.description == description
    assert stored.platform in (None, platform)
    assert TimelineEvent.select().where(TimelineEvent.ticket == stored).count() == 1


@given(code=st.one_of(st.sampled_from(["C9", "c-1/2.x"]), hostile_text), description=st.just("ok"))
def test_intake_for_an_unknown_customer_code_is_refused_cleanly(floor, code, description):
    before = floor_rows()
    try:
        intake(floor, NewTicket(customer_code=code, channel="phone", description=description))
    except CallfloorError:
        assert floor_rows() == before
    else:
        assert code.strip() == "C001"


FIELDS = {
    "customer code",
    "customer name",
    "short name",
    "contact person",
    "phone",
    "customer type",
    "industry",
    "preferred call time",
    "call time",
}


@given(
    code=st.one_of(st.sampled_from(["C9", "C001", " C7 "]), hostile_text),
    name=hostile_text,
    short_name=maybe_text,
    contact=maybe_text,
    phone=st.one_of(st.none(), st.just("+86 138-1234-5678"), hostile_text),
    type_=st.one_of(st.just("vip"), hostile_text),
    industry=maybe_text,
    call_time=st.one_of(st.none(), st.just("14:00-17:00"), hostile_text),
)
@example(
    code="C9",
    name="[bold red]X[/]\x1b]0;title\x07",
    short_name="\u202e",
    contact="\x00",
    phone=None,
    type_="vip",
    industry="🙂",
    call_time=None,
)
def test_customer_add_stores_text_exactly_or_refuses_and_changes_nothing(
    floor, code, name, short_name, contact, phone, type_, industry, call_time
):
    before = floor_rows()
    form = CustomerForm(
        code=code,
        name=name,
        short_name=short_name,
        contact_person=contact,
        phone=phone,
        type=type_,
        industry=industry,
        preferred_call_time=call_time,
    )
    try:
        added = add_customer(floor, form)
    except InvalidInput as refused:
        assert refused.field in FIELDS, refused.field
        assert floor_rows() == before
        return
    except CallfloorError as refused:  # the code is already on file
        assert "already exists" in str(refused)
        assert floor_rows() == before
        return
    stored = Customer.get(Customer.code == added.code)
    assert stored.code == code.strip()
    assert stored.name == name
    for field, typed in (("short_name", short_name), ("contact_person", contact), ("industry", industry)):
        assert getattr(stored, field) == (typed if typed and typed.strip() else None)
    Customer.delete().where(Customer.id == stored.id).execute()  # the next example starts from the same floor
