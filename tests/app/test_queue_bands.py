"""The queue's bands on screen (issue 16, triage that saves what can be saved): at risk first,
then overdue (least overdue first), then the rest; the header counts each band; `b` lists the
at-risk and overdue tickets; and live refresh follows the bands, reading again only when what
is on show moves (a change, or the clock moving a ticket between bands), at 80x24.

The clock stands at Friday 2026-11-20 10:00 Shanghai; business time, the at-risk window runs to
11:00."""

from __future__ import annotations

import pytest

from core.tickets import queue
from core.tickets.lifecycle import NewTicket, change_tier, claim, intake, log_contact
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_live_refresh import looked
from tests.conftest import sh
from tests.settling import answered


@pytest.fixture
def reads_counted(monkeypatch):
    """How often the queue reads a page and counts the open tickets (the costly reads)."""
    counted = {"page": 0, "counts": 0}
    page, counts = queue.queue_page, queue.queue_counts

    def counting_page(*args, **kwargs):
        counted["page"] += 1
        return page(*args, **kwargs)

    def counting_counts(*args, **kwargs):
        counted["counts"] += 1
        return counts(*args, **kwargs)

    monkeypatch.setattr(queue, "queue_page", counting_page)
    monkeypatch.setattr(queue, "queue_counts", counting_counts)
    return counted


def _row_refs(app) -> list[str]:
    """The refs of the rows on show, top to bottom."""
    return [
        line.split()[1]
        for line in screen_text(app).splitlines()
        if line[:2] in ("R ", "Y ", "G ", "红 ", "黄 ", "绿 ") and len(line.split()) > 1
    ]


def _new(session, tier: str, received_at=None, description: str = "客户询问发票开具流程") -> str:
    return intake(session, NewTicket("C001", "phone", description, tier=tier, received_at=received_at))


@pytest.fixture
def triage_floor(floor, as_li):
    """Five open tickets, taken in out of queue order:

    T000001  green  received Thursday 10:00, due Thursday 11:00   overdue (a day)
    T000002  yellow received 09:00, due 09:30                     overdue (30 min)
    T000003  green  received 10:00, due 11:00                     the rest (the window's end)
    T000004  red    received 09:59, due 10:14                     at risk: 14 minutes left
    T000005  yellow received 10:00, answered: solution due 14:00  the rest
    """
    _new(floor, "green", sh(2026, 11, 19, 10, 0))
    _new(floor, "yellow", sh(2026, 11, 20, 9, 0))
    _new(floor, "green")
    _new(floor, "red", sh(2026, 11, 20, 9, 59))
    answered_ref = _new(floor, "yellow")
    log_contact(as_li, answered_ref, "out", "已回复客户")
    return floor


async def test_the_at_risk_ticket_is_on_top_and_the_header_counts_each_band(triage_floor):
    from tui.app import make_app

    app = make_app(triage_floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _row_refs(app) == ["T000004", "T000002", "T000001", "T000003", "T000005"]
        assert app.screen.table.current.ref == "T000004"
        text = screen_text(app)
        assert "open 5" in text and "at risk 1  overdue 2" in text
        (top,) = [line for line in text.splitlines() if "T000004" in line]
        assert top.split()[2] == "14m"  # its time left


async def test_b_lists_the_at_risk_and_overdue_tickets_only(triage_floor):
    from tui.app import make_app

    app = make_app(triage_floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        assert _row_refs(app) == ["T000004", "T000002", "T000001"]
        assert shows(app, "at risk or overdue: 1/3")
        assert "at risk 1  overdue 2" in screen_text(app)  # the header counts the whole floor
        await pilot.press("a")
        assert shows(app, "all open: 1/5")


async def test_the_bands_in_chinese(triage_floor):
    from tui.app import make_app

    app = make_app(triage_floor.as_login("boss"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")
        text = screen_text(app)
        assert "临近超时 1  已超时 2" in text
        assert shows(app, "临近超时或已超时：1/3")


async def settled(app, pilot) -> None:
    """The queue's reads have landed and the screen has nothing more to do (no timing asserted:
    a busy host only takes longer)."""
    for _ in range(3):
        await app.screen.read_done("queue-load")
        await pilot.pause()


async def quiet(app, pilot, reads_counted) -> None:
    """settled, until a round of it reads nothing more (on a busy host a late read of the
    opening lands after the first round). The watch's first look is asked for first: it reads
    the rows and counts them again, and on a busy host its own would come in mid-test."""
    app.look_now()
    for _ in range(20):
        seen = reads_counted["page"]
        await settled(app, pilot)
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if reads_counted["page"] == seen:
            return


async def test_the_clock_moving_a_ticket_on_show_to_another_band_reads_the_rows_again(
    triage_floor, clock, reads_counted
):
    from tui.app import make_app

    app = make_app(triage_floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        # the opening reads, and any a first look of the floor asks for (a supervisor's session
        # writes the alerts the triage floor's red tickets call for, and reads again after them)
        await quiet(app, pilot, reads_counted)
        before = reads_counted["page"]
        counted = reads_counted["counts"]
        app.screen.tick()  # nothing moved: nothing is read
        await pilot.pause()
        assert reads_counted["page"] == before
        clock.set(sh(2026, 11, 20, 10, 5))  # T000003 (due 11:00) comes within the hour
        app.screen.tick()
        await settled(app, pilot)
        assert reads_counted["page"] == before + 1
        assert _row_refs(app) == ["T000004", "T000003", "T000002", "T000001", "T000005"]
        assert await answered(lambda: "at risk 2  overdue 2" in screen_text(app))
        app.screen.tick()  # the same minute: nothing moved since
        await pilot.pause()
        assert reads_counted["page"] == before + 1
        clock.set(sh(2026, 11, 20, 10, 15))  # T000004 falls due: the least overdue of all
        app.screen.tick()
        await settled(app, pilot)
        assert reads_counted["page"] == before + 2
        assert _row_refs(app) == ["T000003", "T000004", "T000002", "T000001", "T000005"]
        assert await answered(lambda: "at risk 1  overdue 3" in screen_text(app))
        assert reads_counted["counts"] == counted  # the header moved by two index counts
        assert app.screen.counts == queue.queue_counts(triage_floor)


async def test_a_change_to_an_overdue_row_below_the_rows_on_show_reads_nothing(floor, reads_counted):
    """The rows on show are not sorted by due time any more: the most overdue ticket, the one
    due first, is at the bottom of the overdue band, below the rows on show."""
    from tui.app import make_app

    for _ in range(5):
        _new(floor, "red")  # at risk: due 10:15
    for minute in range(0, 40):
        _new(floor, "red", sh(2026, 11, 19, 9, minute))  # overdue since Thursday, least first
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        assert _row_refs(app)[:6] == ["T000001", "T000002", "T000003", "T000004", "T000005", "T000045"]
        assert "T000006" not in _row_refs(app)  # the most overdue: far below
        before = reads_counted["page"]
        claim(floor.as_login("li"), "T000006")
        claim(floor.as_login("wang"), "T000007")  # the next most overdue: far below too
        await looked(app, pilot)
        assert reads_counted["page"] == before
        claim(floor.as_login("li"), "T000003")  # on show
        await looked(app, pilot)
        seen = before  # a change reaches the session when it polls (PostgreSQL: when told)
        assert await answered(lambda: reads_counted["page"] > seen)
        before = reads_counted["page"]
        _new(floor, "green", sh(2026, 11, 20, 10, 0))  # the rest: below everything
        await looked(app, pilot)
        assert reads_counted["page"] == before
        assert await answered(lambda: shows(app, "open 46"))
        change_tier(floor, "T000046", "red", "客户说今天必须处理")  # the rest -> at risk, on show
        await looked(app, pilot)
        seen = before
        assert await answered(lambda: reads_counted["page"] > seen)
        assert _row_refs(app)[:6] == ["T000001", "T000002", "T000003", "T000004", "T000005", "T000046"]


async def test_the_clock_moving_tickets_off_the_rows_on_show_reads_only_when_they_move(
    floor, as_li, clock, reads_counted
):
    """At the bottom of the queue (the rest), tickets falling due or coming within the hour
    above it leave the rows on show where they are: nothing is read until the agent moves. At
    the top, the clock moving tickets between the bands on show reads them again."""
    from tui.app import make_app

    reds = [_new(floor, "red") for _ in range(3)]  # at risk: due 10:15
    green = _new(floor, "green")  # the rest: due 11:00, at risk from 10:01
    for _ in range(30):  # the rest: solution due 14:00
        log_contact(as_li, _new(floor, "yellow"), "out", "已回复客户")
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await looked(app, pilot)
        assert _row_refs(app)[:4] == [*reds, green]
        await pilot.press("G")  # the bottom: the rest only
        before = reads_counted["page"]
        clock.set(sh(2026, 11, 20, 10, 16))  # the reds fall due, the green comes within the hour
        app.screen.tick()
        await pilot.pause()
        assert reads_counted["page"] == before
        assert app.screen.counts == queue.queue_counts(floor)
        assert await answered(lambda: "at risk 1  overdue 3" in screen_text(app))
        await pilot.press("g")  # the agent moves: the rows are read again, in today's bands
        assert reads_counted["page"] > before
        assert _row_refs(app)[:4] == [green, *reversed(reds)]  # overdue: newest first on a tie
        before = reads_counted["page"]
        clock.set(sh(2026, 11, 20, 11, 1))  # the green falls due: on show, it moves
        app.screen.tick()
        await pilot.pause()
        assert reads_counted["page"] > before
        assert _row_refs(app)[:4] == [green, *reversed(reds)]  # the least overdue now
        assert "at risk 0  overdue 4" in screen_text(app)
        shown = _row_refs(app)
        assert shown == [row.ref for row in queue.queue_page(floor, limit=len(shown)).rows]
