"""The callbacks screen (key 4) with Pilot at 80x24 and a frozen clock (Fri 2026-11-20 10:00
Shanghai): opening it books what the rules call for; overdue, due today and upcoming in
sections; group and mine filters; claim, and the refusal of a supervisor's follow-up to an
agent; another process's claim shows within a second; customer text shown as typed.

Issue 17 (one call, not five): a customer's second routine reason joins the open callback, so a
test that needs separate callbacks gives each its own customer (another_customer); and a window
that merely opened is upcoming, so "today" is a window that closes today (the clock or the
resolution is put where that is true). tests/app/test_callbacks_respect.py has the rest of it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len

from core.callbacks.calls import finish_call, get_callback, list_callbacks
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer, set_callback_preferences
from core.tickets.lifecycle import NewTicket, claim, intake, set_status
from tests.app.conftest import SIZE, screen_text
from tests.app.test_ticket_screen import footer_keys, messages, segments_text
from tests.callback_calls import answer_every_question
from tests.conftest import FLOOR_MORNING, sh
from tui.screens.callbacks import CallbacksScreen
from tui.screens.queue import QueueScreen
from tui.widgets.callback_table import CallbackTable

ROOT = Path(__file__).resolve().parents[2]


def another_customer(session, code: str, name: str | None = None) -> str:
    """A customer of its own (no delivery date: no new-customer call), so its callbacks are not
    joined to C001's (one open routine callback per customer, issue 17). Returns the code."""
    digits = "".join(c for c in code if c.isdigit())
    add_customer(session, CustomerForm(code=code, name=name or f"客户{code}", phone=f"1390000{digits:0>4}"))
    return code


def resolve(session, ref: str, by=None) -> None:
    """Claim (when nobody has) and resolve ref as by (li by default)."""
    by = by or session.as_login("li")
    try:
        claim(by, ref)
    except Exception:  # already owned by someone: resolve as the owner below
        pass
    set_status(by, ref, "resolved", "已处理")


async def open_callbacks(app, pilot) -> CallbacksScreen:
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    assert isinstance(app.screen, CallbacksScreen)
    await pilot.pause()
    return app.screen


def table_lines(app) -> list[str]:
    """The table's lines on screen: the column heading, then sections and rows."""
    lines = screen_text(app).splitlines()  # the counts, the table, the selected one, the keys
    return [line for line in lines[2:-2] if line]


def row_of(app, text: str) -> str:
    """The table's one row holding text."""
    [line] = [line for line in table_lines(app) if text in line]
    return line


def wait_for(pilot, predicate, seconds: float = 20.0):  # generous: a loaded machine is slow, not wrong
    async def waiting():
        for _ in range(int(seconds / 0.05)):
            if predicate():
                return True
            await pilot.pause(0.05)
        return predicate()

    return waiting()


def low_score(session, ref: str) -> int:
    """li calls back ref's resolved callback and the customer scores 2: returns the supervisor's
    follow-up (high priority, due within 3 working days)."""
    as_li = session.as_login("li")
    [task] = [v for v in list_callbacks(session) if v.ticket_ref == ref]
    answer_every_question(as_li, task.id, overall="2", score="3", yes_no="no")
    outcome = finish_call(as_li, task.id)
    assert outcome.low_score
    return outcome.follow_up_id


async def test_key_4_from_the_queue_books_a_resolved_ticket_as_due_today(app_for, queue_floor, clock):
    set_callback_preferences(queue_floor, "C001", call_time="14:00-17:00")
    resolve(queue_floor, "T000002")
    # Resolved Friday 10:00: 24 h end on Saturday, so due by the next working morning, Monday
    # 12:00 (issue 17; was Monday's close). On Friday it is upcoming (a window that merely
    # opened is not today's); on Monday morning it is due today.
    clock.set(sh(2026, 11, 23, 10))
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QueueScreen)
        screen = await open_callbacks(app, pilot)  # opening it schedules: nothing existed before
        [view] = screen.entries
        assert view.ticket_ref == "T000002" and view.group == "resolved"
        text = screen_text(app)
        assert "Callbacks  overdue 0  today 1  upcoming 0" in text
        lines = table_lines(app)
        assert lines[0].split()[:3] == ["!", "Due", "Group"]
        assert lines[1] == "Due today · 1"
        row = lines[2]
        # due Monday's morning, the group, the customer, the ticket, no owner
        assert row.split()[:3] == ["today", "12:00", "Resolved"]
        assert "华东贸易有限公司" in row and "T000002" in row
        # under the list: the selected callback, the phone masked
        assert row.split()[-1] == "14:00-17:00"  # when the customer likes to be called
        assert f"#{view.id} 华东贸易有限公司 138****5678 · invoice question  prefers 14:00-17:00" in text
        assert "13812345678" not in text
        assert {"enter", "c", "g", "m", "r", "escape"} <= footer_keys(app)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("4")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_overdue_sorts_first_in_red_then_today_then_upcoming(app_for, queue_floor, clock):
    clock.set(sh(2026, 11, 18, 10))  # Wednesday: resolved then, due Thursday 10:00
    # C002's: one open routine callback per customer, so C001's would have joined it (issue 17)
    late = intake(queue_floor, NewTicket(another_customer(queue_floor, "C002"), "phone", "发票抬头开错了"))
    resolve(queue_floor, late)
    clock.set(FLOOR_MORNING)
    resolve(queue_floor, "T000002")  # due Monday 12:00, the next working morning
    complaint = intake(queue_floor, NewTicket("C001", "phone", "我要投诉送货员"))
    resolve(queue_floor, complaint)  # a complaint: called from Tuesday, 2-3 working days on
    clock.set(sh(2026, 11, 23, 10))  # Monday: T000002's window closes today (issue 17: not Friday)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert [v.ticket_ref for v in screen.entries] == [late, "T000002", complaint]
        lines = table_lines(app)
        assert lines[1] == "Overdue · 1" and late in lines[2] and lines[2].split()[0] == "11-19"
        assert lines[3] == "Due today · 1" and "T000002" in lines[4]
        assert lines[5] == "Upcoming · 1" and complaint in lines[6] and "Complaint" in lines[6]
        assert "from 11-24" in lines[6]  # when its window opens
        assert "overdue 1  today 1  upcoming 1" in screen_text(app)
        table = screen.query_one(CallbackTable)
        red = table.get_component_rich_style("callback-table--overdue", partial=True)
        [due] = [
            s for strip in app.screen._compositor.render_strips() for s in strip if s.text.startswith("11-19")
        ]
        assert due.style.color == red.color and due.style.bold
        assert screen.table.current.ticket_ref == late  # the cursor starts on the most urgent
        await pilot.press("j")
        await pilot.pause()
        assert screen.table.current.ticket_ref == "T000002"
        clock.set(sh(2026, 11, 24, 10))  # Tuesday: Monday's noon has passed, the complaint's window opened
        screen.tick()  # what the screen's 30-second timer does
        await pilot.pause()
        lines = table_lines(app)
        # a window that merely opened is upcoming (issue 17): the complaint closes Wednesday
        assert lines[1] == "Overdue · 2" and lines[4] == "Upcoming · 1" and complaint in lines[5]
        assert lines[5].split()[0] == "11-25"
        assert "overdue 2  today 0  upcoming 1" in screen_text(app)
        assert screen.table.current.ticket_ref == "T000002"  # still on the agent's row
        clock.set(sh(2026, 11, 25, 10))  # Wednesday: the complaint's window closes today
        screen.tick()
        await pilot.pause()
        lines = table_lines(app)
        assert lines[4] == "Due today · 1" and complaint in lines[5] and "today 18:00" in lines[5]
        assert screen.table.current.ticket_ref == "T000002"


async def test_group_filter_shows_one_group_and_all_again(app_for, queue_floor):
    resolve(queue_floor, "T000002")
    complaint = intake(queue_floor, NewTicket("C001", "phone", "我要投诉送货员"))
    resolve(queue_floor, complaint)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert len(screen.entries) == 2
        await pilot.press("g")
        await pilot.pause()
        text = screen_text(app)
        assert (
            "Show the callbacks of one group" in text
            and "All groups" in text
            and "Low-score follow-up" in text
        )
        await pilot.press("down", "down", "down")  # all, new customer, in use, complaint
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.group == "complaint"
        assert [v.ticket_ref for v in screen.entries] == [complaint]
        assert "group: Complaint" in screen_text(app)
        assert "T000002" not in screen_text(app)
        await pilot.press("g", "up")  # the list starts on the group shown: one up is in use
        await pilot.press("enter")
        await pilot.pause()
        assert screen.group == "in_use" and screen.entries == []
        assert "No open callbacks here. g picks another group, m shows everyone's." in screen_text(app)
        await pilot.press("g", "home", "enter")
        await pilot.pause()
        assert screen.group is None and len(screen.entries) == 2
        assert "group:" not in screen_text(app)


async def test_mine_shows_only_my_callbacks(app_for, queue_floor):
    resolve(queue_floor, "T000002")
    other = intake(queue_floor, NewTicket(another_customer(queue_floor, "C002"), "phone", "建议增加夜间服务"))
    resolve(queue_floor, other)  # another customer's: a callback of its own (issue 17)
    schedule_callbacks(queue_floor)
    mine = next(v for v in list_callbacks(queue_floor) if v.ticket_ref == other)
    from core.callbacks.calls import claim_callback

    claim_callback(queue_floor.as_login("li"), mine.id)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert len(screen.entries) == 2
        await pilot.press("m")
        await pilot.pause()
        assert [v.id for v in screen.entries] == [mine.id]
        assert "mine only" in screen_text(app) and "T000002" not in screen_text(app)
        assert "li" in row_of(app, other).split()  # the owner column
        await pilot.press("m")
        await pilot.pause()
        assert len(screen.entries) == 2 and "mine only" not in screen_text(app)


async def test_claim_from_the_list(app_for, queue_floor):
    resolve(queue_floor, "T000002")
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        [view] = screen.entries
        await pilot.press("c")
        await pilot.pause()
        assert f"Callback #{view.id} is yours" in messages(app)
        assert "wang" in row_of(app, "T000002").split()  # the owner column (upcoming: "from 11-20" last)
        assert "c" not in footer_keys(app)  # claiming one's own changes nothing: not offered
    assert get_callback(queue_floor, view.id).owner == "wang"


async def test_an_agent_cannot_claim_a_low_score_follow_up_a_supervisor_can(app_for, queue_floor):
    resolve(queue_floor, "T000002")
    schedule_callbacks(queue_floor)
    follow_up = low_score(queue_floor, "T000002")
    # Issue 17: the follow-up is assigned at once, to boss (li has no team: round robin, and boss
    # is the only supervisor), so a supervisor no longer needs to claim it; an agent still cannot.
    assert get_callback(queue_floor, follow_up).owner == "boss"
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        first = screen.table.current
        assert first.id == follow_up and first.priority == "high"  # high priority first
        row = row_of(app, "Low score")
        assert row.startswith("! ") and "T000002" in row and "boss" in row.split()
        assert "c" not in footer_keys(app)  # a supervisor makes that call: not offered
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is screen and app.is_running
    assert get_callback(queue_floor, follow_up).owner == "boss"
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert screen.table.current.id == follow_up  # at the top: yours
        assert "c" not in footer_keys(app)  # already boss's: nothing to claim
    assert get_callback(queue_floor, follow_up).owner == "boss"


def _in_another_process(floor_db, script: str) -> None:
    """Run core as another agent's callfloor process does: its own connection to the floor."""
    code = (
        "import sys\nfrom tests.engines import FloorDb\n"
        "from core.callbacks import calls as callbacks\n"
        f"s = FloorDb.from_spec({floor_db.spec()!r}).open(login='wang')\n" + script
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


async def test_a_claim_and_a_finished_call_in_another_process_show_within_a_second(
    app_for, queue_floor, floor_db
):
    resolve(queue_floor, "T000002")
    other = intake(queue_floor, NewTicket(another_customer(queue_floor, "C002"), "phone", "建议增加夜间服务"))
    resolve(queue_floor, other)  # another customer's: a callback of its own (issue 17)
    schedule_callbacks(queue_floor)
    first, second = list_callbacks(queue_floor)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert screen.table.current.id == first.id
        await pilot.press("j")
        await pilot.pause()
        _in_another_process(floor_db, f"callbacks.claim_callback(s, {second.id})\n")
        assert await wait_for(pilot, lambda: "wang" in row_of(app, second.ticket_ref).split())
        assert screen.table.current.id == second.id  # the cursor stays on its row
        _in_another_process(floor_db, f"callbacks.customer_refused(s, {second.id}, 'no time')\n")
        assert await wait_for(pilot, lambda: not any(second.ticket_ref in line for line in table_lines(app)))
        assert [v.id for v in screen.entries] == [first.id] and screen.table.current.id == first.id


async def test_customer_text_is_shown_as_typed_and_wide_columns_line_up(app_for, queue_floor):
    add_customer(queue_floor, CustomerForm(code="X1", name="[bold]x[/] \x1b[31m红", phone="13900001111"))
    add_customer(queue_floor, CustomerForm(code="X2", name="Plain Latin Name Ltd", phone="13900002222"))
    for code in ("X1", "X2"):
        resolve(queue_floor, intake(queue_floor, NewTicket(code, "phone", "\x1b[2J [red]坏[/] 问题")))
    resolve(queue_floor, "T000002")
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_callbacks(app, pilot)
        text = screen_text(app)
        assert "[bold]x[/] ␛[31m红" in text
        assert "\x1b" not in segments_text(app)
        rows = [line for line in table_lines(app) if "T00000" in line]
        assert len(rows) == 3
        columns = {cell_len(line[: line.index("T00000")]) for line in rows}
        assert len(columns) == 1  # the ticket column starts at the same cell on every row
        x1 = next(n for n, v in enumerate(app.screen.table.rows) if v.customer_code == "X1")
        await pilot.press(*["j"] * x1)
        await pilot.pause()
        text = screen_text(app)
        assert "139****1111" in text and "13900001111" not in text  # the selected one's, masked


async def test_nothing_to_call_is_a_friendly_empty_list(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert screen.entries == []
        assert "No open callbacks. Resolved tickets get one within 24 hours; r checks again." in screen_text(
            app
        )
        assert not app._notifications
        await pilot.press("c", "enter")
        await pilot.pause()
        assert app.screen is screen


async def test_r_books_what_was_resolved_since(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert screen.entries == []
        resolve(queue_floor, "T000002")
        await pilot.press("r")
        await pilot.pause()
        assert "Checked the rules: 1 new callbacks" in messages(app)
        assert [v.ticket_ref for v in screen.entries] == ["T000002"]


async def test_a_scheduling_failure_is_a_message_and_the_list_still_shows(app_for, queue_floor, monkeypatch):
    from core.basics.errors import StorageProblem
    from tui.screens import callbacks as screen_module

    resolve(queue_floor, "T000002")
    schedule_callbacks(queue_floor)

    def locked(session):
        raise StorageProblem("the floor database stayed locked")

    monkeypatch.setattr(screen_module, "schedule_callbacks", locked)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        assert "the floor database stayed locked" in messages(app)
        assert len(screen.entries) == 1 and "T000002" in screen_text(app)


async def test_chinese_sections_and_columns(app_for, queue_floor, clock):
    clock.set(sh(2026, 11, 18, 10))
    late = intake(queue_floor, NewTicket("C001", "phone", "发票抬头开错了"))
    resolve(queue_floor, late)
    clock.set(sh(2026, 11, 19, 16))  # Thursday 16:00: due 24 hours on, today 16:00
    # another customer's: C001's second reason would join the overdue call (issue 17)
    yesterday = intake(queue_floor, NewTicket(another_customer(queue_floor, "C002"), "phone", "询问保修期"))
    resolve(queue_floor, yesterday)
    clock.set(FLOOR_MORNING)
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_callbacks(app, pilot)
        text = screen_text(app)
        assert "回访任务  已超期 1  今天 1  以后 0" in text
        assert "已超期 · 1" in text and "今天到期 · 1" in text
        assert row_of(app, yesterday).split()[:3] == ["今天", "16:00", "已解决工单"]
        assert "截止" in text and "对象" in text and "已解决工单" in text
        footer = text.splitlines()[-1]
        assert "认领" in footer and "对象" in footer and "我的" in footer


async def test_enter_opens_the_call(app_for, queue_floor):
    if importlib.util.find_spec("tui.screens.call") is None:
        pytest.skip("tui/screens/call.py (the call screen, built by another change) is not there yet")
    resolve(queue_floor, "T000002")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_callbacks(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CallScreen" and app.screen is not screen


def test_the_callbacks_timeline_kinds_have_words_in_both_languages(queue_floor):
    """A low score on an open ticket and a shipped improvement are timeline events of their own."""
    from core.callbacks.schedule import record_improvement
    from core.tickets.reads import ticket_detail
    from tests.conftest import SHANGHAI
    from tui import i18n
    from tui.text.event_rows import timeline_rows

    resolve(queue_floor, "T000002")
    schedule_callbacks(queue_floor)
    set_status(
        queue_floor.as_login("li"), "T000002", "in_progress", "客户又来电"
    )  # open again before the call
    low_score(queue_floor, "T000002")
    record_improvement(queue_floor.as_login("li"), "T000002", "发票系统改为自动校验抬头")
    detail = ticket_detail(queue_floor, "T000002")
    before = i18n.language()
    try:
        for language, words, scored in (
            ("en", ("low score", "improved"), "scored 2 of 5; 老板 follows up (callback #"),
            ("zh", ("低分回访", "改进上线"), "评分 2/5；由 老板 跟进（回访 #"),
        ):
            i18n.set_language(language)
            rows = timeline_rows(detail, queue_floor.policy, SHANGHAI, FLOOR_MORNING.date())
            kinds = {row.kind: row for row in rows}
            assert set(words) <= set(kinds)
            assert kinds[words[0]].tone == "change" and scored in kinds[words[0]].text
            assert kinds[words[1]].tone == "change" and kinds[words[1]].text == "发票系统改为自动校验抬头"
    finally:
        i18n.set_language(before)
