"""The floor's log of what changed (schema 6, core/floor/changes.py): every write a screen could
show adds a row in its own transaction, with a ticket's queue time and tier before and after,
so a session reads only what a change touches and moves the queue's counts by the changes."""

from __future__ import annotations

from datetime import timedelta

from core.floor.changes import changes_since
from core.tickets.lifecycle import add_note, change_tier, claim, set_status
from core.tickets.queue import QueueCounts, counted, falling_due, queue_counts
from db.migrations import m0006_floor_changes
from db.models import FloorChange
from tests.engines import ON_POSTGRES, trigger_names


def look(session, last):
    """(the newest change's number, what changed after last), as the app's watch asks."""
    return changes_since(session, last)


def test_the_first_look_reads_everything_and_later_ones_only_what_changed(floor, new_ticket):
    newest, changes = look(floor, None)
    assert changes.everything
    again, nothing = look(floor, newest)
    assert again == newest and not nothing.everything and nothing.rows == ()


def test_a_ticket_carries_its_queue_time_and_tier_before_and_after(floor, as_li, new_ticket):
    start, _ = look(floor, None)
    ref = new_ticket(description="漏发一件")  # red by keyword
    after_intake, changes = look(floor, start)
    (created,) = [c for c in changes.rows if c.kind == "ticket"]
    assert created.old_due is None and created.new_due is not None and created.new_tier == "red"
    assert any(c.kind == "event" and c.ticket_id == created.ticket_id for c in changes.rows)
    assert changes.touches_ticket(created.ticket_id) and changes.touches_customer(created.customer_id)

    change_tier(floor, ref, "green", "客户说不急")
    after_tier, changes = look(floor, after_intake)
    (moved,) = changes.tickets
    assert (moved.old_tier, moved.new_tier) == ("red", "green") and moved.old_due < moved.new_due

    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "补发一件", "客户确认收到")
    _, changes = look(floor, after_tier)
    assert changes.tickets[-1].new_due is None  # resolved: no longer in the queue
    assert not changes.any_of("handoff", "callback", "department")


def test_a_note_changes_the_timeline_not_the_queue(floor, new_ticket):
    ref = new_ticket()
    start, _ = look(floor, None)
    add_note(floor, ref, "客户来电询问进度")
    _, changes = look(floor, start)
    assert changes.any_of("event")
    assert all(c.kind != "ticket" or c.old_due == c.new_due for c in changes.rows)


def test_counts_moved_by_the_changes_match_counting_again(floor, as_li, new_ticket, clock):
    for description in ("漏发一件", "发票问题", "建议增加夜间服务", "今天必须处理", "咨询"):
        new_ticket(description=description)
    at = floor.now()
    before = queue_counts(floor)
    start, _ = look(floor, None)
    refs = [new_ticket(description="货物破损"), new_ticket(description="咨询物流")]
    change_tier(floor, refs[0], "yellow", "复核")
    claim(as_li, refs[1])
    set_status(as_li, refs[1], "resolved", "已答复", "客户确认")
    _, changes = look(floor, start)
    assert counted(before, changes.tickets, at) == queue_counts(floor)


def test_the_overdue_count_moves_by_the_tickets_that_fell_due(floor, new_ticket, clock):
    for description in ("漏发一件", "发票问题", "建议增加夜间服务"):
        new_ticket(description=description)
    at, counts = floor.now(), queue_counts(floor)
    assert counts.overdue == 0
    clock.advance(timedelta(hours=5))
    late = falling_due(floor, at, floor.now())
    assert QueueCounts(counts.open_by_tier, counts.overdue + late) == queue_counts(floor)
    assert late > 0


def test_a_session_that_fell_behind_the_trim_reads_everything(floor, new_ticket):
    start, _ = look(floor, None)
    new_ticket()
    # what the trim does after KEEP more rows: the rows after start are gone
    FloorChange.delete().where(FloorChange.id <= start + 1).execute()
    _, changes = look(floor, start)
    assert changes.everything


def test_every_trigger_schema_6_makes_is_there(floor):
    """On PostgreSQL one trigger a table logs all three verbs (m0006_floor_changes.postgres_statements)."""
    if ON_POSTGRES:
        expected = {"ticket_change"} | {f"{table}_change" for table, *_ in m0006_floor_changes.WATCHED}
    else:
        expected = set(m0006_floor_changes.TRIGGERS)
    assert expected <= trigger_names(floor.db)
