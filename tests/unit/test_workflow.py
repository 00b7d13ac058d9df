"""A ticket's life (core.tickets.lifecycle, core.tickets.reads, core.people.agents): intake, claim,
status, notes, contacts, reclassification, and the timeline event every change writes in its own
transaction."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from core.basics.errors import (
    AlreadyClaimed,
    InvalidInput,
    NotAllowed,
    NotFound,
    Refused,
    StorageProblem,
    UnknownAgent,
)
from core.people.agents import add_agent, ensure_first_supervisor, list_agents
from core.tickets.lifecycle import (
    ClaimResult,
    add_note,
    change_category,
    change_tier,
    claim,
    load,
    log_contact,
    normalise_ref,
    set_status,
)
from core.tickets.reads import list_tickets, ticket_detail
from core.tickets.sla import due_times
from db.models import Ticket, TimelineEvent
from tests.conftest import UTC, sh
from tests.engines import refuse_inserts

NOW = sh(2026, 11, 20, 10, 0)


def iso(at) -> str:
    """How the timeline writes an instant in before/after: ISO 8601 in UTC."""
    return at.astimezone(UTC).isoformat()


def events(ref: str) -> list[dict]:
    """The ticket's timeline, oldest first, with before/after decoded."""
    ticket = Ticket.get(Ticket.ref == ref)
    return [
        dict(
            kind=e.kind,
            actor=e.actor,
            at=e.at,
            text=e.text,
            before=json.loads(e.before) if e.before else None,
            after=json.loads(e.after) if e.after else None,
        )
        for e in TimelineEvent.select().where(TimelineEvent.ticket == ticket.id).order_by(TimelineEvent.id)
    ]


def row(ref: str) -> dict:
    """Every stored field of the ticket, as read back from the database."""
    return dict(Ticket.get(Ticket.ref == ref).__data__)


def all_events() -> int:
    return TimelineEvent.select().count()


def in_state(floor, as_li, new_ticket, status: str) -> str:
    """A ticket moved to status along the normal path (li owns it once claimed)."""
    ref = new_ticket()
    if status == "new":
        return ref
    claim(as_li, ref)
    if status == "in_progress":
        return ref
    set_status(as_li, ref, "resolved", "已解答")
    if status == "resolved":
        return ref
    set_status(as_li, ref, "closed")
    return ref


def refused_without_trace(ref: str, error, call, *args, **kwargs):
    """call(...) raises error and leaves the ticket and the timeline exactly as they were."""
    before_row, before_events = row(ref), all_events()
    with pytest.raises(error) as caught:
        call(*args, **kwargs)
    assert row(ref) == before_row
    assert all_events() == before_events
    return caught.value


# ================================================================ intake


def test_intake_returns_the_first_ref_and_stores_the_ticket(floor, new_ticket):
    ref = new_ticket()
    assert ref == "T000001"
    stored = load(ref)
    assert (stored.status, stored.owner_id, stored.channel, stored.category) == (
        "new",
        None,
        "phone",
        "other",
    )
    assert (stored.tier, stored.tier_source) == ("yellow", "default")
    assert stored.received_at == NOW
    assert stored.created_by == "boss"
    assert stored.row_version == 1 and stored.reopened_count == 0


def test_refs_count_up(new_ticket):
    assert [new_ticket() for _ in range(3)] == ["T000001", "T000002", "T000003"]


def test_intake_writes_one_created_event_with_the_due_times(floor, new_ticket):
    ref = new_ticket(description="货物破损，需要换货")
    response_due, solution_due = due_times(NOW, "red", floor.policy)
    [created] = events(ref)
    assert created["kind"] == "created" and created["actor"] == "boss" and created["at"] == NOW
    assert created["before"] is None
    assert created["after"] == {
        "tier": "red",
        "tier_source": "keyword:破损",
        "channel": "phone",
        "category": "other",
        "response_due_at": iso(response_due),
        "solution_due_at": iso(solution_due),
    }
    stored = load(ref)
    assert (stored.response_due_at, stored.solution_due_at, stored.next_due_at) == (
        response_due,
        solution_due,
        response_due,
    )


def test_agent_given_tier_beats_the_keywords(new_ticket):
    ref = new_ticket(description="货物破损", tier="三级")
    assert (load(ref).tier, load(ref).tier_source) == ("green", "agent")


def test_intake_accepts_chinese_names_for_channel_category_subtag_and_mood(new_ticket):
    ref = new_ticket(channel="线上工单", category="产品质量", subtag="漏发", mood="焦急")
    stored = load(ref)
    assert (stored.channel, stored.category, stored.subtag, stored.mood) == (
        "online_ticket",
        "quality",
        "missing_item",
        "anxious",
    )


def test_social_media_needs_a_platform(floor, new_ticket):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(channel="social_media")
    assert caught.value.field == "platform"
    ref = new_ticket(channel="社交媒体", platform="微信公众号")
    assert (load(ref).channel, load(ref).platform) == ("social_media", "微信公众号")


@pytest.mark.parametrize("description", ["", "   \n\t "])
def test_blank_description_is_refused(new_ticket, description):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(description=description)
    assert caught.value.field == "description"
    assert Ticket.select().count() == 0 and all_events() == 0


def test_unknown_channel_is_refused_listing_the_known_ones(new_ticket):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(channel="fax")
    assert caught.value.field == "channel"
    assert "phone" in caught.value.problem and "电话" in caught.value.problem
    assert Ticket.select().count() == 0


def test_long_description_is_kept_exactly(floor, new_ticket):
    text = ("客户反映：" + "设备在运行中反复报错，影响生产。" * 2000)[:20_000]
    assert len(text) == 20_000
    ref = new_ticket(description=text)
    assert ticket_detail(floor, ref).description == text


def test_description_at_the_limit_is_accepted_and_one_more_refused(new_ticket):
    new_ticket(description="字" * 100_000)
    with pytest.raises(InvalidInput) as caught:
        new_ticket(description="字" * 100_001)
    assert caught.value.field == "description" and "100,000" in caught.value.problem
    assert Ticket.select().count() == 1


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]x[/]",
        "\x1b[2J清屏",
        "客户很生气😡🙏，说“再也不买了”！",
        "第一行\n第二行\r\n\t缩进 ",
    ],
)
def test_markup_escapes_emoji_and_chinese_are_stored_exactly(floor, new_ticket, text):
    ref = new_ticket(description=text)
    assert ticket_detail(floor, ref).description == text
    assert load(ref).description == text


def test_received_time_in_the_past_is_kept_and_due_times_follow_it(floor, new_ticket):
    ref = new_ticket(received_at=sh(2026, 11, 20, 9, 30), tier="red")
    stored = load(ref)
    assert stored.received_at == sh(2026, 11, 20, 9, 30)
    assert stored.response_due_at == sh(2026, 11, 20, 9, 45)


def test_received_time_in_the_future_is_refused(new_ticket):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(received_at=NOW + timedelta(minutes=1))
    assert "future" in caught.value.problem
    assert Ticket.select().count() == 0


def test_unknown_customer_is_refused_with_how_to_add_it(new_ticket):
    with pytest.raises(NotFound) as caught:
        new_ticket(customer_code="C999")
    assert "C999" in str(caught.value) and "customer add" in str(caught.value)
    assert Ticket.select().count() == 0 and all_events() == 0


def test_unknown_category_is_refused(new_ticket):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(category="weather")
    assert caught.value.field == "category"


def test_unknown_subtag_is_refused(new_ticket):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(category="quality", subtag="smell")
    assert caught.value.field == "subtag" and "missing_item" in caught.value.problem


def test_subtag_on_a_category_without_subtags_is_refused(new_ticket):
    with pytest.raises(InvalidInput) as caught:
        new_ticket(category="billing", subtag="damage")
    assert caught.value.field == "subtag" and "billing" in caught.value.problem


def test_unknown_mood_is_refused(new_ticket):
    with pytest.raises(InvalidInput):
        new_ticket(mood="happy")


def test_unknown_login_cannot_record_and_is_told_how_to_get_added(floor, new_ticket):
    with pytest.raises(UnknownAgent) as caught:
        new_ticket(session=floor.as_login("zhao"))
    assert caught.value.login == "zhao"
    assert "supervisor" in str(caught.value) and "callfloor agent add zhao" in str(caught.value)
    assert Ticket.select().count() == 0


# ================================================================ refs


@pytest.mark.parametrize(
    "typed, ref",
    [
        ("t1", "T000001"),
        ("T1", "T000001"),
        (" t000042 ", "T000042"),
        ("T000001", "T000001"),
        ("t1234567", "T1234567"),
    ],
)
def test_typed_refs_are_normalised(typed, ref):
    assert normalise_ref(typed) == ref


def test_text_that_is_not_a_ref_is_left_as_typed():
    assert normalise_ref("IMPORT-7") == "IMPORT-7"
    assert normalise_ref(None) == ""


def test_a_ticket_can_be_named_by_its_short_ref(as_li, new_ticket):
    new_ticket()
    assert claim(as_li, "t1").ref == "T000001"


def test_unknown_ref_is_not_found(as_li):
    with pytest.raises(NotFound) as caught:
        claim(as_li, "T000099")
    assert "T000099" in str(caught.value)


# ================================================================ claim


def test_first_claim_wins_and_moves_the_ticket_to_in_progress(as_li, new_ticket):
    ref = new_ticket()
    assert claim(as_li, ref) == ClaimResult(ref, already_yours=False)
    stored = load(ref)
    assert (stored.owner.login, stored.status, stored.row_version) == ("li", "in_progress", 2)
    claimed = events(ref)[-1]
    assert claimed["kind"] == "claimed" and claimed["actor"] == "li"
    assert claimed["before"] == {"owner": None, "status": "new"}
    assert claimed["after"] == {"owner": "li", "status": "in_progress"}
    assert len(events(ref)) == 2


def test_claiming_your_own_ticket_again_says_so_and_writes_nothing(as_li, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    before_row, before_events = row(ref), all_events()
    assert claim(as_li, ref) == ClaimResult(ref, already_yours=True)
    assert row(ref) == before_row and all_events() == before_events


def test_a_new_ticket_a_supervisor_gave_you_is_started_by_your_claim(floor, as_li, new_ticket):
    """The trial: a ticket assigned while new stayed new, and its owner could neither claim it
    ("already yours") nor resolve it ("claim it first"). The owner's claim starts it."""
    from core.tickets.actions import may_claim
    from core.tickets.assignment import reassign

    ref = new_ticket()
    reassign(floor, ref, "li", "李娜 knows this customer")
    assert load(ref).status == "new" and may_claim("new", "li", "li") and not may_claim("new", "li", "wang")
    assert claim(as_li, ref) == ClaimResult(ref, already_yours=False)
    stored = load(ref)
    assert (stored.owner.login, stored.status) == ("li", "in_progress")
    claimed = events(ref)[-1]
    assert claimed["before"] == {"owner": "li", "status": "new"}
    assert claimed["after"] == {"owner": "li", "status": "in_progress"}
    assert claim(as_li, ref) == ClaimResult(ref, already_yours=True)  # started: nothing more
    assert not may_claim("in_progress", "li", "li")


def test_the_loser_of_a_claim_is_told_who_owns_it(as_li, as_wang, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    err = refused_without_trace(ref, AlreadyClaimed, claim, as_wang, ref)
    assert err.owner_login == "li"
    assert "李娜" in str(err) and "li" in str(err) and ref in str(err)


def test_a_supervisor_cannot_claim_an_owned_ticket_either(floor, as_li, new_ticket):
    ref = new_ticket()
    claim(as_li, ref)
    assert refused_without_trace(ref, AlreadyClaimed, claim, floor, ref).owner_login == "li"


def test_claiming_a_resolved_unowned_ticket_is_refused(floor, as_li, new_ticket):
    ref = new_ticket()
    set_status(floor, ref, "in_progress")  # a supervisor works it without owning it
    set_status(floor, ref, "resolved", "已解答")
    err = refused_without_trace(ref, Refused, claim, as_li, ref)
    assert "resolved" in str(err) and "reopen" in str(err)


def test_claiming_someone_elses_resolved_ticket_is_refused(as_li, as_wang, floor, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "resolved")
    refused_without_trace(ref, Refused, claim, as_wang, ref)


# ================================================================ status machine

LEGAL = [
    ("in_progress", "resolved", "resolved"),
    ("resolved", "closed", "closed"),
    ("resolved", "in_progress", "reopened"),
    ("closed", "in_progress", "reopened"),
]


@pytest.mark.parametrize("start, target, kind", LEGAL)
def test_every_legal_move_writes_one_event(floor, as_li, new_ticket, start, target, kind):
    ref = in_state(floor, as_li, new_ticket, start)
    count = len(events(ref))
    version = load(ref).row_version
    assert set_status(as_li, ref, target) == target
    assert load(ref).status == target and load(ref).row_version == version + 1
    assert len(events(ref)) == count + 1
    last = events(ref)[-1]
    assert (last["kind"], last["actor"]) == (kind, "li")
    assert last["before"]["status"] == start and last["after"] == {"status": target}


def test_supervisor_starts_a_new_ticket(floor, new_ticket):
    ref = new_ticket()
    set_status(floor, ref, "in_progress")
    assert load(ref).status == "in_progress"
    assert events(ref)[-1]["kind"] == "status"
    assert events(ref)[-1]["before"] == {"status": "new"}


def test_agent_must_claim_a_new_ticket_before_starting_it(as_li, new_ticket):
    ref = new_ticket()
    err = refused_without_trace(ref, Refused, set_status, as_li, ref, "in_progress")
    assert "claim" in str(err)


ILLEGAL = [
    ("new", "resolved"),
    ("new", "closed"),
    ("new", "new"),
    ("in_progress", "new"),
    ("in_progress", "closed"),
    ("in_progress", "in_progress"),
    ("resolved", "new"),
    ("resolved", "resolved"),
    ("closed", "new"),
    ("closed", "resolved"),
    ("closed", "closed"),
]


@pytest.mark.parametrize("start, target", ILLEGAL)
def test_illegal_moves_are_refused_with_the_states_named(floor, as_li, new_ticket, start, target):
    ref = in_state(floor, as_li, new_ticket, start)
    for actor in (as_li, floor):  # not even a supervisor
        err = refused_without_trace(ref, Refused, set_status, actor, ref, target)
        message = str(err)
        assert ref in message
        assert start in message or target in message


def test_resolving_records_the_resolution_and_confirmation(floor, clock, as_li, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    clock.advance(hours=1)
    set_status(as_li, ref, "已完成", "已换货", confirmation="客户签收确认")
    stored = load(ref)
    assert (stored.status, stored.resolution, stored.confirmation) == ("resolved", "已换货", "客户签收确认")
    assert stored.resolved_at == NOW + timedelta(hours=1)
    assert stored.next_due_at is None
    assert events(ref)[-1]["text"] == "已换货"


def test_closing_stamps_the_close_time(floor, clock, as_li, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "resolved")
    clock.advance(days=1)
    set_status(as_li, ref, "closed")
    assert load(ref).closed_at == NOW + timedelta(days=1)


def test_reopen_counts_and_clears_the_resolved_and_closed_stamps(floor, clock, as_li, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "closed")
    resolved_at, closed_at = load(ref).resolved_at, load(ref).closed_at
    clock.advance(hours=3)
    set_status(as_li, ref, "reopen", "回访不满意，重新处理")
    stored = load(ref)
    assert (stored.status, stored.reopened_count) == ("in_progress", 1)
    assert stored.resolved_at is None and stored.closed_at is None
    assert stored.first_response_at is None and stored.next_due_at == stored.response_due_at  # pending again
    last = events(ref)[-1]
    assert last["kind"] == "reopened" and last["text"] == "回访不满意，重新处理"
    assert last["before"] == {
        "status": "closed",
        "resolved_at": iso(resolved_at),
        "closed_at": iso(closed_at),
    }
    set_status(as_li, ref, "resolved")
    set_status(as_li, ref, "in_progress")
    assert load(ref).reopened_count == 2


def test_non_owner_agent_cannot_move_the_ticket(floor, as_li, as_wang, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    err = refused_without_trace(ref, NotAllowed, set_status, as_wang, ref, "resolved")
    assert "li" in str(err) and "supervisor" in str(err)


def test_supervisor_may_move_someone_elses_ticket(floor, as_li, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    set_status(floor, ref, "resolved", "主管代为处理")
    assert load(ref).status == "resolved" and load(ref).owner.login == "li"
    assert events(ref)[-1]["actor"] == "boss"


def test_unknown_status_word_is_refused(floor, as_li, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    err = refused_without_trace(ref, InvalidInput, set_status, as_li, ref, "finished")
    assert err.field == "status"


# ================================================================ notes


def test_anyone_may_add_a_note(floor, as_li, as_wang, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    before_row = row(ref)
    add_note(as_wang, ref, "仓库说明天上午发货")
    last = events(ref)[-1]
    assert (last["kind"], last["actor"], last["text"]) == ("note", "wang", "仓库说明天上午发货")
    assert row(ref) == before_row  # a note leaves the ticket itself alone


def test_blank_note_is_refused(floor, as_li, new_ticket):
    ref = new_ticket()
    err = refused_without_trace(ref, InvalidInput, add_note, as_li, ref, "  ")
    assert err.field == "note"


# ================================================================ contacts


def test_first_outbound_contact_stamps_the_first_response_once(floor, clock, as_li, new_ticket):
    ref = new_ticket()
    clock.advance(minutes=10)
    log_contact(as_li, ref, "out", "已致电客户，确认问题")
    first = load(ref)
    assert first.first_response_at == NOW + timedelta(minutes=10)
    assert first.last_update_at == NOW + timedelta(minutes=10)
    assert first.next_due_at == first.solution_due_at
    clock.advance(hours=2)
    log_contact(as_li, ref, "回复", "告知处理进度")
    second = load(ref)
    assert second.first_response_at == NOW + timedelta(minutes=10)
    assert second.last_update_at == NOW + timedelta(hours=2, minutes=10)
    last = events(ref)[-1]
    assert last["kind"] == "contact_out" and last["before"] is None and last["after"] is None


def test_first_outbound_contact_on_an_unowned_ticket_makes_the_agent_its_owner(clock, as_li, new_ticket):
    ref = new_ticket()
    log_contact(as_li, ref, "outbound", "您好，我是客服李娜")
    stored = load(ref)
    assert (stored.owner.login, stored.status) == ("li", "in_progress")
    [_, contact] = events(ref)
    assert contact["kind"] == "contact_out" and contact["text"] == "您好，我是客服李娜"
    assert contact["before"] == {"owner": None, "status": "new", "first_response_at": None}
    assert contact["after"] == {"owner": "li", "status": "in_progress", "first_response_at": iso(NOW)}


def test_outbound_contact_on_an_owned_ticket_keeps_the_owner(floor, as_li, as_wang, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    log_contact(as_wang, ref, "out", "代同事回复客户")
    assert load(ref).owner.login == "li"
    assert events(ref)[-1]["after"] == {"first_response_at": iso(NOW)}


def test_inbound_contact_counts_and_changes_nothing_else(as_li, new_ticket):
    ref = new_ticket()
    log_contact(as_li, ref, "来电", "客户来电催促")
    log_contact(as_li, ref, "in", "客户又来电")
    stored = load(ref)
    assert stored.inbound_contacts == 2
    assert stored.first_response_at is None and stored.owner_id is None and stored.status == "new"
    assert stored.last_update_at is None
    assert [e["kind"] for e in events(ref)] == ["created", "contact_in", "contact_in"]


def test_contact_needs_a_summary_and_a_direction(as_li, new_ticket):
    ref = new_ticket()
    assert refused_without_trace(ref, InvalidInput, log_contact, as_li, ref, "out", "").field == "summary"
    assert (
        refused_without_trace(ref, InvalidInput, log_contact, as_li, ref, "sideways", "hi").field
        == "direction"
    )


# ================================================================ tier and category


def test_tier_change_recomputes_due_times_from_the_received_time(floor, clock, as_li, new_ticket):
    ref = new_ticket(received_at=sh(2026, 11, 20, 9, 0))
    old = load(ref)
    clock.advance(minutes=20)
    change_tier(as_li, ref, "red", "客户说明天停产")
    stored = load(ref)
    assert (stored.tier, stored.tier_source) == ("red", "agent")
    assert stored.response_due_at == sh(2026, 11, 20, 9, 15)
    assert stored.solution_due_at == sh(2026, 11, 20, 11, 0)
    assert stored.next_due_at == stored.response_due_at
    last = events(ref)[-1]
    assert (last["kind"], last["actor"], last["text"]) == ("tier", "li", "客户说明天停产")
    assert last["at"] == NOW + timedelta(minutes=20)
    assert last["before"] == {
        "tier": "yellow",
        "response_due_at": iso(old.response_due_at),
        "solution_due_at": iso(old.solution_due_at),
    }
    assert last["after"] == {
        "tier": "red",
        "response_due_at": iso(sh(2026, 11, 20, 9, 15)),
        "solution_due_at": iso(sh(2026, 11, 20, 11, 0)),
    }


def test_tier_change_after_first_response_moves_the_next_due_to_the_new_solution(floor, as_li, new_ticket):
    ref = new_ticket()
    log_contact(as_li, ref, "out", "已回复")
    change_tier(as_li, ref, "green", "只是建议")
    # 24 working hours from Friday 10:00: 8 on Friday, 9 on Monday, 7 on Tuesday
    assert load(ref).next_due_at == load(ref).solution_due_at == sh(2026, 11, 24, 16, 0)


def test_tier_change_needs_a_reason(as_li, new_ticket):
    ref = new_ticket()
    assert refused_without_trace(ref, InvalidInput, change_tier, as_li, ref, "red", " ").field == "reason"


def test_tier_change_to_the_same_tier_is_refused(as_li, new_ticket):
    ref = new_ticket()
    refused_without_trace(ref, Refused, change_tier, as_li, ref, "yellow", "确认")


def test_tier_change_on_someone_elses_ticket_is_refused(floor, as_li, as_wang, new_ticket):
    ref = in_state(floor, as_li, new_ticket, "in_progress")
    refused_without_trace(ref, NotAllowed, change_tier, as_wang, ref, "red", "紧急")
    change_tier(floor, ref, "red", "主管升级")
    assert load(ref).tier == "red"


def test_category_change_writes_before_and_after(floor, as_li, new_ticket):
    ref = new_ticket()
    change_category(as_li, ref, "产品质量", "漏发", "客户补充：少发一件")
    stored = load(ref)
    assert (stored.category, stored.subtag, stored.row_version) == ("quality", "missing_item", 2)
    last = events(ref)[-1]
    assert (last["kind"], last["text"]) == ("category", "客户补充：少发一件")
    assert last["before"] == {"category": "other", "subtag": None}
    assert last["after"] == {"category": "quality", "subtag": "missing_item"}


def test_category_change_refusals_write_nothing(floor, as_li, as_wang, new_ticket):
    ref = new_ticket(category="quality", subtag="damage")
    refused_without_trace(ref, Refused, change_category, as_li, ref, "quality", "damage", "同上")
    refused_without_trace(ref, InvalidInput, change_category, as_li, ref, "quality", "smell", "异味")
    refused_without_trace(ref, InvalidInput, change_category, as_li, ref, "billing", None, "")
    claim(as_li, ref)
    refused_without_trace(ref, NotAllowed, change_category, as_wang, ref, "billing", None, "账单问题")


# ================================================================ one change, one event, one transaction


def test_every_change_writes_exactly_one_event(floor, clock, as_li, as_wang, new_ticket):
    ref = new_ticket()
    steps = [
        lambda: claim(as_li, ref),
        lambda: log_contact(as_li, ref, "in", "客户来电"),
        lambda: log_contact(as_li, ref, "out", "已回复"),
        lambda: add_note(as_wang, ref, "备注"),
        lambda: change_tier(as_li, ref, "red", "升级"),
        lambda: change_category(as_li, ref, "efficiency", "delivery_delay", "物流延误"),
        lambda: set_status(as_li, ref, "resolved", "已补发"),
        lambda: set_status(as_li, ref, "in_progress", "客户不满意"),
        lambda: set_status(as_li, ref, "resolved", "再次补发"),
        lambda: set_status(as_li, ref, "closed"),
    ]
    for step in steps:
        count = all_events()
        clock.advance(minutes=1)
        step()
        assert all_events() == count + 1
        assert events(ref)[-1]["at"] == clock.now()
    assert [e["kind"] for e in events(ref)] == [
        "created",
        "claimed",
        "contact_in",
        "contact_out",
        "note",
        "tier",
        "category",
        "resolved",
        "reopened",
        "resolved",
        "closed",
    ]


def test_a_change_whose_event_cannot_be_written_is_not_made(floor, as_li, new_ticket):
    ref = new_ticket()
    log_contact(as_li, ref, "in", "客户来电")
    refuse_inserts(floor.db, "timeline_event", "timeline unavailable")  # as a full disk would, mid-change
    changes = [
        (claim, (as_li, ref)),
        (log_contact, (as_li, ref, "out", "已回复")),
        (log_contact, (as_li, ref, "in", "又来电")),
        (change_tier, (as_li, ref, "red", "升级")),
        (change_category, (as_li, ref, "billing", None, "账单")),
        (set_status, (floor, ref, "in_progress")),
        (add_note, (as_li, ref, "备注")),
    ]
    for call, args in changes:
        refused_without_trace(ref, StorageProblem, call, *args)
    with pytest.raises(StorageProblem):
        new_ticket()
    assert Ticket.select().count() == 1


# ================================================================ agents


def test_unknown_login_is_told_how_a_supervisor_adds_it(floor, new_ticket):
    ref = new_ticket()
    stranger = floor.as_login("zhao")
    for call in (
        lambda: claim(stranger, ref),
        lambda: list_tickets(stranger),
        lambda: add_note(stranger, ref, "hi"),
    ):
        with pytest.raises(UnknownAgent) as caught:
            call()
        assert "callfloor agent add zhao" in str(caught.value) and "supervisor" in str(caught.value)


def test_only_a_supervisor_adds_agents(floor, as_li):
    with pytest.raises(NotAllowed) as caught:
        add_agent(as_li, "zhao", "赵六")
    assert "supervisor" in str(caught.value)
    add_agent(floor, "zhao", "赵六", role="客服专员", team="一组")
    assert [a.login for a in list_agents(floor)] == ["boss", "li", "wang", "zhao"]


def test_adding_an_agent_twice_is_refused(floor):
    with pytest.raises(Refused):
        add_agent(floor, "li", "李娜")


def test_first_supervisor_only_on_an_empty_floor(floor):
    assert ensure_first_supervisor(floor.as_login("li")) is None
    assert [(a.login, a.role) for a in list_agents(floor) if a.role == "supervisor"] == [
        ("boss", "supervisor")
    ]


# ================================================================ reads


def test_open_tickets_list_in_the_queues_triage_bands(floor, clock, as_li, new_ticket):
    a = new_ticket(received_at=sh(2026, 11, 20, 9, 0))  # yellow: response due 09:30
    b = new_ticket(tier="red")  # response due 10:15
    c = new_ticket(received_at=sh(2026, 11, 20, 9, 50), tier="green")  # response due 10:50
    d = new_ticket(received_at=sh(2026, 11, 20, 9, 40), tier="red")  # response due 09:55
    f = new_ticket(received_at=sh(2026, 11, 20, 8, 0))  # clock from 09:00: solution due 13:00
    log_contact(as_li, f, "out", "已回复")
    done = new_ticket(received_at=sh(2026, 11, 20, 7, 0), tier="red")  # overdue, but resolved
    set_status(floor, done, "in_progress")
    set_status(floor, done, "resolved", "已解决")
    queue = list_tickets(floor, open_only=True)
    # at 10:00: at risk (due before 11:00) least time left first, then overdue least overdue
    # first, then the rest
    assert [t.ref for t in queue] == [b, c, d, a, f]
    assert queue[-1].owner == "li" and queue[0].owner is None
    assert queue[0].customer_code == "C001" and queue[0].customer_name == "华东贸易"


def test_full_list_is_oldest_first_and_includes_closed_work(floor, as_li, new_ticket):
    refs = [new_ticket() for _ in range(3)]
    set_status(floor, refs[0], "in_progress")
    set_status(floor, refs[0], "resolved")
    assert [t.ref for t in list_tickets(floor)] == refs
    assert [t.ref for t in list_tickets(floor, open_only=True)] == refs[1:]


def test_ticket_detail_shows_events_in_order_and_the_sla_picture(floor, clock, as_li, new_ticket):
    ref = new_ticket(description="货物破损")  # red: response 10:15, solution 12:00
    clock.advance(minutes=5)
    claim(as_li, ref)
    clock.advance(minutes=15)
    log_contact(as_li, ref, "out", "已联系客户")
    clock.advance(minutes=10)
    add_note(as_li, ref, "等待仓库反馈")
    detail = ticket_detail(as_li, "t1")
    assert detail.ref == ref and detail.owner == "li" and detail.tier == "red"
    assert [(e.kind, e.actor) for e in detail.events] == [
        ("created", "boss"),
        ("claimed", "li"),
        ("contact_out", "li"),
        ("note", "li"),
    ]
    assert [e.at for e in detail.events] == sorted(e.at for e in detail.events)
    assert detail.events[1].after == {"owner": "li", "status": "in_progress"}
    assert detail.sla == {
        "response_left": None,
        "response_overdue": False,
        "response_met_late": True,
        "solution_left": timedelta(minutes=90),
        "solution_overdue": False,
        "solution_paused": False,
        "update_due_by": None,
        "update_overdue": False,
    }
    assert detail.customer.phone_masked == "138****5678"
    assert detail.row_version == 3 and detail.last_update_at == NOW + timedelta(minutes=20)
