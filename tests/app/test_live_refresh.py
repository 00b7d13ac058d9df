"""Live refresh costs nothing when nothing visible changed (issue 15): the queue reads again only
when a change touches the rows on show (or its view's membership), and its header counts move
by the floor's changes without counting the queue again; the ticket screen reads again only for
a change of its own ticket."""

from __future__ import annotations

import pytest

from core.tickets import queue
from core.tickets import reads as ticket_reads
from core.tickets.lifecycle import NewTicket, add_note, change_tier, claim, intake, set_status
from tests.app.conftest import SIZE, shows
from tests.app.test_ticket_screen import open_ticket

TICKETS = 60


@pytest.fixture
def long_queue(floor):
    """60 open yellow tickets received at the same minute: the queue runs T000001..T000060, top
    to bottom, and 80x24 shows about twenty of them."""
    for number in range(TICKETS):
        intake(floor, NewTicket("C001", "phone", f"发票问题 {number}"))
    return floor


@pytest.fixture
def reads_counted(monkeypatch):
    """How often screens read the queue's page and a ticket (the costly reads a refresh makes)."""
    counted = {"page": 0, "ticket": 0}
    page, detail = queue.queue_page, ticket_reads.ticket_detail

    def counting_page(*args, **kwargs):
        counted["page"] += 1
        return page(*args, **kwargs)

    def counting_detail(*args, **kwargs):
        counted["ticket"] += 1
        return detail(*args, **kwargs)

    monkeypatch.setattr(queue, "queue_page", counting_page)
    monkeypatch.setattr(ticket_reads, "ticket_detail", counting_detail)
    return counted


async def looked(app, pilot) -> None:
    """The app's watch looks at the floor now (rather than at the next half second)."""
    app.look_now()
    await pilot.pause()


async def test_a_change_below_the_rows_on_show_reads_nothing_but_moves_the_counts(long_queue, reads_counted):
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        assert shows(app, "T000001") and not shows(app, "T000060")
        assert shows(app, f"open {TICKETS}")
        before = reads_counted["page"]
        add_note(long_queue, "T000060", "客户来电询问进度")  # another session's note, far below
        await looked(app, pilot)
        assert reads_counted["page"] == before
        claim(long_queue.as_login("li"), "T000059")
        set_status(long_queue.as_login("li"), "T000059", "resolved", "已开票", "客户确认收到")
        await looked(app, pilot)
        assert reads_counted["page"] == before  # still nothing on show moved
        assert shows(app, f"open {TICKETS - 1}")  # but the header follows
        assert shows(app, f"1/{TICKETS - 1}")
        claim(long_queue.as_login("li"), "T000058")
        set_status(long_queue.as_login("li"), "T000058", "resolved", "已开票", "客户确认收到")
        await looked(app, pilot)
        assert reads_counted["page"] == before  # and again: the counts move, the rows stay
        assert shows(app, f"open {TICKETS - 2}")
        await pilot.press("down")  # the agent moves: now the pages below are read again
        assert reads_counted["page"] > before


async def test_a_change_among_the_rows_on_show_reads_them_again(long_queue, reads_counted):
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        before = reads_counted["page"]
        claim(long_queue.as_login("li"), "T000003")
        await looked(app, pilot)
        assert reads_counted["page"] > before
        assert shows(app, "li")


async def test_a_change_from_far_below_that_jumps_to_the_top_reads_again(long_queue, reads_counted):
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        before = reads_counted["page"]
        change_tier(long_queue, "T000060", "red", "客户说今天必须处理")  # due sooner: to the top
        await looked(app, pilot)
        assert reads_counted["page"] > before
        assert app.screen.table.row(0).ref == "T000060"
        assert shows(app, "red 1")


async def test_the_ticket_screen_reads_again_only_for_its_own_ticket(long_queue, reads_counted):
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await looked(app, pilot)
        before = reads_counted["ticket"]
        add_note(long_queue, "T000002", "another ticket's note")
        await looked(app, pilot)
        assert reads_counted["ticket"] == before
        add_note(long_queue, "T000001", "this ticket's note")
        await looked(app, pilot)
        assert reads_counted["ticket"] > before
        assert shows(app, "this ticket's note")
