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
from tests.settling import answered
from tui.screens.queue import COUNTS_EVERY

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
    counted = {"page": 0, "ticket": 0, "counts": 0}
    page, detail, counts = queue.queue_page, ticket_reads.ticket_detail, queue.queue_counts

    def counting_page(*args, **kwargs):
        counted["page"] += 1
        return page(*args, **kwargs)

    def counting_detail(*args, **kwargs):
        counted["ticket"] += 1
        return detail(*args, **kwargs)

    def counting_counts(*args, **kwargs):
        counted["counts"] += 1
        return counts(*args, **kwargs)

    monkeypatch.setattr(queue, "queue_page", counting_page)
    monkeypatch.setattr(queue, "queue_counts", counting_counts)
    monkeypatch.setattr(ticket_reads, "ticket_detail", counting_detail)
    return counted


async def looked(app, pilot) -> None:
    """The app's watch looks at the floor now (rather than at the next half second). Its idle
    look may see a change first and hand it over a moment later: what a change must show is
    waited for with answered()."""
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
        assert await answered(lambda: shows(app, f"open {TICKETS - 1}"))  # but the header follows
        assert await answered(lambda: shows(app, f"1/{TICKETS - 1}"))
        claim(long_queue.as_login("li"), "T000058")
        set_status(long_queue.as_login("li"), "T000058", "resolved", "已开票", "客户确认收到")
        await looked(app, pilot)
        assert reads_counted["page"] == before  # and again: the counts move, the rows stay
        assert await answered(lambda: shows(app, f"open {TICKETS - 2}"))
        await pilot.press("down")  # the agent moves: now the pages below are read again
        assert reads_counted["page"] > before


async def test_a_change_among_the_rows_on_show_reads_them_again(long_queue, reads_counted):
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        before = reads_counted["page"]
        counted = reads_counted["counts"]
        claim(long_queue.as_login("li"), "T000003")
        await looked(app, pilot)
        assert await answered(lambda: reads_counted["page"] > before and shows(app, "li"))
        assert reads_counted["counts"] == counted  # the header moves by the change, not a count


async def test_a_change_on_show_reads_the_rows_on_show_not_the_whole_page(long_queue, monkeypatch):
    """A page of 100 rows costs twice what the twenty on show do, on every change on show; the
    rest of the page is read when the agent moves down to it."""
    from tui.app import make_app
    from tui.widgets.queue_table import BELOW, PAGE

    asked: list[tuple[int, int]] = []
    page = queue.queue_page

    def recording(session, view="all", text=None, offset=0, limit=50, owner=None):
        asked.append((offset, limit))
        return page(session, view, text, offset, limit, owner)

    monkeypatch.setattr(queue, "queue_page", recording)
    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        table = app.screen.query_one("QueueTable")
        on_show = table.size.height - 1
        asked.clear()
        claim(long_queue.as_login("li"), "T000003")
        await looked(app, pilot)
        assert await answered(lambda: shows(app, "li"))
        assert asked == [(0, on_show + BELOW)]
        asked.clear()
        for _ in range(on_show + BELOW):
            await pilot.press("down")
        assert await answered(lambda: shows(app, f"T{on_show + BELOW + 1:06d}"))
        assert (0, PAGE) in asked  # the row past those read: the page, read whole


async def test_the_header_counts_follow_every_kind_of_change_without_counting_again(
    long_queue, reads_counted
):
    """Tickets taken in, resolved, reopened and moved between tiers, above and below the rows on
    show: the header moved by the changes says what a fresh count says."""
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        counted = reads_counted["counts"]
        li = long_queue.as_login("li")
        intake(long_queue, NewTicket("C001", "phone", "质量问题 投诉"))
        change_tier(long_queue, "T000002", "red", "客户很生气")
        change_tier(long_queue, "T000050", "green", "已安抚")
        await looked(app, pilot)
        for ref in ("T000001", "T000055"):
            claim(li, ref)
            set_status(li, ref, "resolved", "已处理", "客户确认")
        await looked(app, pilot)
        set_status(li, "T000055", "in_progress", "客户又来电")
        await looked(app, pilot)
        assert reads_counted["counts"] == counted
        truth = queue.counts_as_of(long_queue)[0]
        assert app.screen.counts == truth
        assert await answered(lambda: shows(app, f"open {truth.open}"))


async def test_a_change_the_count_already_includes_is_not_counted_twice(long_queue, reads_counted):
    """A count read after a write but before the watch delivers that write: the count includes
    it, so the delivery must not move the header again."""
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        li = long_queue.as_login("li")
        claim(li, "T000059")
        set_status(li, "T000059", "resolved", "已开票", "客户确认收到")
        app.screen.on_screen_resume()  # counts again before the watch has looked
        await pilot.pause()
        assert shows(app, f"open {TICKETS - 1}")
        await looked(app, pilot)
        await pilot.pause(COUNTS_EVERY)  # a header repaint the look might have asked for
        assert shows(app, f"open {TICKETS - 1}")
        assert app.screen.counts == queue.counts_as_of(long_queue)[0]


async def test_a_change_from_far_below_that_jumps_to_the_top_reads_again(long_queue, reads_counted):
    from tui.app import make_app

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        before = reads_counted["page"]
        change_tier(long_queue, "T000060", "red", "客户说今天必须处理")  # due sooner: to the top
        await looked(app, pilot)
        assert await answered(lambda: reads_counted["page"] > before)
        assert await answered(lambda: app.screen.table.row(0).ref == "T000060")
        assert await answered(lambda: shows(app, "red 1"))


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
        assert await answered(lambda: reads_counted["ticket"] > before)
        assert await answered(lambda: shows(app, "this ticket's note"))


async def test_a_change_of_one_row_on_show_draws_that_line_only(long_queue, monkeypatch):
    """Over SSH every cell costs: a claim of the third row draws the third row again, not the
    twenty lines around it."""
    from tui.app import make_app
    from tui.widgets.queue_table import QueueTable

    drawn: list[int] = []
    render_line = QueueTable.render_line

    def counting(self, y):
        drawn.append(y)
        return render_line(self, y)

    monkeypatch.setattr(QueueTable, "render_line", counting)
    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        claim(long_queue.as_login("li"), "T000010")  # the first change lays out the scrollbar
        await looked(app, pilot)
        await pilot.pause()
        drawn.clear()
        claim(long_queue.as_login("li"), "T000003")
        await looked(app, pilot)
        # the watch's look lands from its own thread, a moment later on a slower engine
        assert await answered(lambda: 3 in drawn)
        await pilot.pause()
        assert sorted(set(drawn)) == [3]  # line 0 is the heading: T000003 is on line 3


async def test_the_header_follows_a_busy_floor_at_most_once_a_second_and_shows_the_latest(long_queue):
    """Each look on a busy floor moves the counts; the header repaints at most every
    COUNTS_EVERY seconds, and then with the counts as they are by then."""
    from tui.app import make_app
    from tui.widgets.status_line import StatusLine

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        await pilot.pause(COUNTS_EVERY)
        strip = app.screen.query_one("#queue-strip", StatusLine)
        shown: list[str] = []
        app.screen.watch(strip, "text", lambda text: shown.append(text), init=False)
        li = long_queue.as_login("li")
        for ref in ("T000060", "T000059", "T000058"):
            claim(li, ref)
            set_status(li, ref, "resolved", "已开票", "客户确认收到")
            await looked(app, pilot)
        assert len(shown) <= 2  # at once for the first, once more for the rest
        assert await answered(lambda: shows(app, f"open {TICKETS - 3}"))


async def test_a_queue_under_a_ticket_draws_nothing_while_the_floor_changes(long_queue, monkeypatch):
    """The screen just under the one on top is a "background screen" to Textual: every repaint
    there redraws the whole screen on top. So the queue under a ticket neither reads nor draws
    while others work; coming back, it reads and counts again."""
    from tui.app import make_app
    from tui.widgets.queue_table import QueueTable
    from tui.widgets.status_line import StatusLine

    app = make_app(long_queue.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        queue_screen = app.screen
        await open_ticket(app, pilot, "T000030")
        refreshed: list[str] = []
        for kind in (QueueTable, StatusLine):
            original = kind.refresh

            def counting(self, *args, _original=original, **kwargs):
                if self.screen is queue_screen:
                    refreshed.append(type(self).__name__)
                return _original(self, *args, **kwargs)

            monkeypatch.setattr(kind, "refresh", counting)
        li = long_queue.as_login("li")
        claim(li, "T000001")
        claim(li, "T000002")
        set_status(li, "T000002", "resolved", "已处理", "客户确认")
        await looked(app, pilot)
        queue_screen.tick()
        await pilot.pause(COUNTS_EVERY)
        assert refreshed == []
        await pilot.press("escape")
        assert await answered(lambda: shows(app, f"open {TICKETS - 1}") and shows(app, "li"))
