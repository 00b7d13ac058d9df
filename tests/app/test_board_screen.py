"""The countdown board, driven by Pilot on a real floor; other agents' work arrives from real
callfloor processes writing to the same floor."""

from __future__ import annotations

import os

import pytest

from core.admin import setup as admin
from core.basics.errors import StorageProblem
from core.customers.records import set_callback_preferences
from core.handoffs import board
from core.handoffs import lifecycle as handoffs
from core.tickets import queue
from core.tickets.lifecycle import set_status
from tests.app.conftest import screen_text
from tests.cli.conftest import Floor
from tests.settling import answered
from tui.app import make_app
from tui.screens.board import BoardScreen
from tui.screens.queue import QueueScreen
from tui.text.block_font import block_lines
from tui.wall import make_wall
from tui.widgets.status_line import StatusLine

WALL = (160, 45)
BIG_WALL = (240, 67)


@pytest.fixture
def board_floor(queue_floor):
    """queue_floor (T000001 red, T000002 yellow li's, T000003 green) with the policy's
    departments and one handoff: T000001 to the warehouse, due 11:00 (sent 10:00)."""
    admin.init_floor(queue_floor)
    handoffs.add_handoff(queue_floor, "T000001", "warehouse", "confirm order 1023 left the depot", "11:00")
    return queue_floor


@pytest.fixture
def other_agent(floor_db) -> Floor:
    """Another agent's terminal: the real command, its own process and connection."""
    return Floor(floor_db)


async def wait_for(pilot, app, text: str, seconds: float = 20.0) -> str:
    """The screen once it shows text; fails after seconds. Generous on purpose: the board's
    promise of about a second is a budget (tests/bench), and a loaded machine must not fail
    the behaviour test."""
    for _ in range(int(seconds / 0.05)):
        shown = screen_text(app)
        if text in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError(f"{text!r} not shown within {seconds} s:\n{screen_text(app)}")


async def test_each_open_handoff_is_a_row_with_its_stages_and_countdown(board_floor):
    app = make_wall(board_floor.as_login("li"), "en")
    async with app.run_test(size=WALL) as pilot:
        await pilot.pause()
        shown = screen_text(app)
    assert "open 1  overdue 0  stuck 0  unsynced 0" in shown
    assert "Fri 10:00:00" in shown
    row = next(line for line in shown.splitlines() if "T000001" in line)
    assert "Warehouse" in row and "华***" in row and "华东贸易" not in row  # masked on the wall
    assert "confirm order **** left the depot" in row  # the order number masked (docs/floor.md, Privacy)
    assert "10:00 sent → …" in row and "11:00" in row and row.rstrip().endswith("1:00")


async def test_a_handoff_from_another_process_shows_within_a_second_and_so_does_its_answer(
    board_floor, other_agent
):
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        await pilot.pause()
        other_agent.ok(
            "handoff",
            "add",
            "T000003",
            "--dept",
            "tech",
            "--need",
            "check the firmware",
            "--due",
            "+30m",
            user="li",
        )
        shown = await wait_for(pilot, app, "check the firmware")
        assert "open 2" in shown
        row = next(line for line in shown.splitlines() if "T000003" in line)
        assert row.rstrip().endswith("30:00")  # under an hour: mm:ss
        number = [h.id for h in handoffs.list_handoffs(board_floor) if h.ref == "T000003"][0]
        other_agent.ok("handoff", "answer", str(number), "firmware 1.2 fixes it", user="li")
        shown = await wait_for(pilot, app, "10:00 answered")
        row = next(line for line in shown.splitlines() if "T000003" in line)
        assert "10:00 sent → 10:00 answered → …" in row
        other_agent.ok("handoff", "synced", str(number), user="li")
        shown = await wait_for(pilot, app, "open 1 ")
        assert "T000003" not in shown  # told to the customer: off the board


async def test_countdowns_tick_and_colours_turn_as_the_deadline_nears(board_floor, clock):
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        await pilot.pause()
        screen = app.screen
        table = screen.table

        def row() -> str:
            return next(line for line in screen_text(app).splitlines() if "T000001" in line).rstrip()

        assert table.looks[0].colour == "green"
        clock.advance(seconds=1)
        screen.tick()
        await pilot.pause()
        assert row().endswith("59:59")
        clock.advance(minutes=30)  # 50% of the hour left
        screen.tick()
        await pilot.pause()
        assert table.looks[0].colour == "yellow" and row().endswith("29:59")
        clock.advance(minutes=15)  # under 15 minutes
        screen.tick()
        assert table.looks[0].colour == "red"
        clock.advance(minutes=20)  # five minutes past the deadline
        screen.tick()
        await pilot.pause()
        assert table.looks[0].colour == "overdue" and row().endswith("+0:05")
        assert "overdue 1" in screen_text(app)


async def test_rows_that_do_not_fit_rotate_in_pages(board_floor, clock):
    for minutes in range(30):  # 31 handoffs; 21 rows fit at 80x24
        handoffs.add_handoff(board_floor, "T000002", "tech", f"item {minutes:02d}", f"+{minutes + 70}m")
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = screen_text(app)
        assert "page 1/2" in first and "T000001" in first and "item 19" in first and "item 20" not in first
        clock.advance(seconds=8)
        app.screen.tick()
        await pilot.pause()
        second = screen_text(app)
        assert (
            "page 2/2" in second and "item 20" in second and "item 29" in second and "T000001" not in second
        )
        clock.advance(seconds=8)
        app.screen.tick()
        await pilot.pause()
        assert "page 1/2" in screen_text(app)


async def test_an_unreadable_database_keeps_the_last_picture_and_says_so(board_floor, monkeypatch):
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        await pilot.pause()
        assert "live · read 10:00:00" in screen_text(app)

        def locked(*_):
            raise StorageProblem("the floor database stayed locked by another process")

        monkeypatch.setattr(queue, "change_token", locked)
        monkeypatch.setattr(board, "board_picture", locked)
        app.screen.poll()
        app.screen.tick()
        await pilot.pause()
        shown = screen_text(app)
        assert "NOT LIVE since 10:00:00, picture of 10:00:00" in shown and "stayed locked" in shown
        assert "T000001" in shown and "confirm order ****" in shown  # the last picture stays
        monkeypatch.undo()
        app.screen.poll()
        await pilot.pause()
        assert "live · read 10:00:00" in screen_text(app)


@pytest.mark.sqlite_only("the SQLite file removed under the board")
async def test_a_database_file_removed_under_the_board_is_reported(board_floor, floor_path):
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        await pilot.pause()
        os.remove(floor_path)
        shown = await wait_for(pilot, app, "NOT LIVE since")
        assert "T000001" in shown
        # The one-line status ends in an ellipsis where a long temp path pushes the words past
        # the wall's width: read the whole message where it is kept.
        assert "is gone" in app.screen.query_one("#board-status", StatusLine).text


async def test_customer_text_on_the_board_is_text(board_floor):
    handoffs.add_handoff(board_floor, "T000002", "tech", "[bold red]x[/] \x1b[2J wipe", "+2h")
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        await pilot.pause()
        shown = screen_text(app)
    assert "[bold red]x[/]" in shown and "\x1b" not in shown


async def test_the_board_is_a_view_in_the_agents_app_on_key_2(board_floor):
    app = make_app(board_floor.as_login("li"), "zh")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        shown = screen_text(app)
        assert "未完成 1" in shown and "T000001" in shown
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


@pytest.fixture
def reads_counted(monkeypatch):
    """How often the board reads every open handoff, and how often only the changed tickets'."""
    counted = {"all": 0, "changed": 0}
    whole, changed = board.board_picture, board.board_changes

    def counting_whole(*args, **kwargs):
        counted["all"] += 1
        return whole(*args, **kwargs)

    def counting_changed(*args, **kwargs):
        counted["changed"] += 1
        return changed(*args, **kwargs)

    monkeypatch.setattr(board, "board_picture", counting_whole)
    monkeypatch.setattr(board, "board_changes", counting_changed)
    return counted


async def test_a_handoff_change_reads_that_tickets_handoffs_not_the_whole_board(board_floor, reads_counted):
    """Live refresh costs nothing it need not: a handoff added, answered and synced reads only its
    own ticket's handoffs; a ticket's change only the breaching count; a customer's change (a
    name beside the rows) the whole board again."""
    li = board_floor.as_login("li")
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        app.look_now()  # the watch's first look cannot itemise: the board reads everything again
        assert await answered(lambda: reads_counted["all"] == 2)
        reads_counted["all"] = 0
        added = handoffs.add_handoff(li, "T000003", "tech", "check the firmware", "+30m")
        app.look_now()
        shown = await wait_for(pilot, app, "check the firmware")
        assert "open 2" in shown
        handoffs.answer_handoff(li, added.id, "firmware 1.2 fixes it")
        app.look_now()
        await wait_for(pilot, app, "10:00 answered")
        handoffs.sync_handoff(li, added.id)
        app.look_now()
        shown = await wait_for(pilot, app, "open 1 ")
        assert "T000003" not in shown and "T000001" in shown
        assert reads_counted["all"] == 0 and reads_counted["changed"] >= 3
        queue_changes = reads_counted["changed"]
        set_status(li, "T000002", "resolved", "已处理", "客户确认")  # a ticket: the breaching count
        app.look_now()  # the idle look may see the change first and hand it over a moment later
        assert await answered(lambda: reads_counted["changed"] > queue_changes)
        assert reads_counted["all"] == 0
        set_callback_preferences(board_floor, "C001", call_time="09:00-18:00")
        app.look_now()
        for _ in range(200):
            if reads_counted["all"]:
                break
            await pilot.pause(0.05)
        assert reads_counted["all"] == 1


@pytest.mark.parametrize("size", [WALL, BIG_WALL])
async def test_a_change_of_one_row_draws_that_row_only(board_floor, monkeypatch, size):
    """A wall screen over SSH: another handoff added below and one answered draw those rows,
    not the rows that stayed as they were (one-line rows, and a big wall's three-line ones)."""
    from tui.widgets.board_table import RowWords

    li = board_floor.as_login("li")
    handoffs.add_handoff(li, "T000002", "tech", "check the firmware", "+3h")
    drawn: list[str] = []
    segments = RowWords.segments

    def counting(self, row, *args):
        drawn.append(row.ref)
        return segments(self, row, *args)

    monkeypatch.setattr(RowWords, "segments", counting)
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=size) as pilot:
        app.look_now()
        await wait_for(pilot, app, "check the firmware")
        await pilot.pause()
        drawn.clear()
        [firmware] = [h.id for h in handoffs.list_handoffs(board_floor) if h.ref == "T000002"]
        handoffs.answer_handoff(li, firmware, "firmware 1.2 fixes it")
        app.look_now()
        await wait_for(pilot, app, "10:00 answered")
        await pilot.pause()
        assert set(drawn) == {"T000002"}


async def test_esc_leaves_the_board_in_the_app_and_the_wall_keeps_no_keys(board_floor):
    """Issue 18 (back from anywhere): key 2 then Esc is the queue again; the footer says so."""
    from tests.app.test_ticket_screen import footer_keys

    app = make_app(board_floor.as_login("li"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and "escape" in footer_keys(app)
        assert "esc Back" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
    wall = make_wall(board_floor.as_login("li"), "en")
    async with wall.run_test(size=WALL) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(wall.screen, BoardScreen) and "escape" not in footer_keys(wall)


LONG_NEED = (
    "confirm the real location of order 1023 and the delivery date before 11:00; "
    "the customer reports at 14:00"
)


@pytest.mark.parametrize("language, legend", [("en", "! STUCK  ·  S SYNC!"), ("zh", "! 停滞  ·  同 待同步")])
async def test_at_80_columns_the_short_marks_keep_their_legend(board_floor, clock, language, legend):
    """Issue 18: at 80 columns STUCK and SYNC! are one character each; the line under the rows
    says what they stand for. Wide boards spell the marks out and need no legend."""
    clock.advance(hours=2, minutes=1)  # no stage change for 2 hours: stuck, and overdue
    app = make_wall(board_floor.as_login("boss"), language)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        row = next(line for line in shown.splitlines() if "T000001" in line)
        assert "!" in row and "STUCK" not in row and "停滞" not in row
        assert legend in shown.splitlines()[-1]
        assert "Warehouse" in row or "仓库" in row  # the department whole
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        shown = screen_text(app)
        assert legend not in shown
        row = next(line for line in shown.splitlines() if "T000001" in line)
        assert ("STUCK" if language == "en" else "停滞") in row


async def test_at_80_columns_nothing_important_is_cut(board_floor):
    """The ref, the whole department name (Tech support is the longest) and the countdown."""
    handoffs.add_handoff(board_floor, "T000002", "tech", LONG_NEED, "+40m")
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = next(line for line in screen_text(app).splitlines() if "T000002" in line)
    assert "Tech support" in row and "confirm the real" in row and row.rstrip().endswith("40:00")


async def test_a_wall_screen_draws_ticket_and_countdown_large_and_wraps_the_need(board_floor):
    """Issue 18: from 200 columns the ref and the time left are block letters, the department
    is a band with its name, and what is needed takes two lines rather than one cut short."""
    handoffs.add_handoff(board_floor, "T000002", "tech", LONG_NEED, "+40m")
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=BIG_WALL) as pilot:
        await pilot.pause()
        lines = screen_text(app).splitlines()
    [at] = [y for y, line in enumerate(lines) if "Tech support" in line]
    row = lines[at - 1 : at + 2]
    for drawn, ref_line, left_line in zip(row, block_lines("T000002"), block_lines("40:00"), strict=True):
        assert ref_line in drawn and drawn.rstrip().endswith(left_line.rstrip())
    assert "confirm the real location" in row[1] and "14:00" in row[2]  # wrapped, not cut
    assert "T000002" not in "".join(lines)  # the ref is drawn, not written


async def test_a_wall_screen_tick_redraws_the_countdowns_not_the_words(board_floor, clock, monkeypatch):
    """A big wall ticks as cheaply as a small one: a second passing draws no row's words."""
    from tui.widgets.board_table import Countdowns, RowWords

    drawn: list[str] = []
    words, countdowns = RowWords.segments, Countdowns.segments

    def counting_words(self, row, *args):
        drawn.append("words")
        return words(self, row, *args)

    def counting_countdowns(self, row, *args):
        drawn.append("countdown")
        return countdowns(self, row, *args)

    monkeypatch.setattr(RowWords, "segments", counting_words)
    monkeypatch.setattr(Countdowns, "segments", counting_countdowns)
    app = make_wall(board_floor.as_login("boss"), "en")
    async with app.run_test(size=BIG_WALL) as pilot:
        await pilot.pause()
        drawn.clear()
        clock.advance(seconds=1)
        app.screen.tick()
        await pilot.pause()
        assert drawn and set(drawn) == {"countdown"}
        assert any(block_lines("59:59")[1].strip() in line for line in screen_text(app).splitlines())


def test_the_block_font_draws_every_character_of_a_ref_and_a_countdown():
    for text in ("T000123", "+12:05", "59:59"):
        lines = block_lines(text)
        assert len(lines) == 3 and len({len(line) for line in lines}) == 1
        assert all(ch in " ▀▄█" for line in lines for ch in line)  # no character fell back to itself
