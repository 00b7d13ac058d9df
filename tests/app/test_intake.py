"""Intake (new ticket) with Pilot at 80x24: find the customer, channel, description with the
tier suggested live, override, inline errors, a database that cannot be reached, a customer
created inline, Esc, and both languages. The floor is tests/app/conftest's queue_floor
(T000001..T000003 exist), so the first ticket taken here is T000004."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from textual.widgets import Input, Select, TextArea

import tui.screens.intake as intake_screen
from core.basics.errors import NotFound, StorageProblem
from core.customers.records import get_customer
from core.floor.session import Session
from core.tickets.reads import list_tickets, ticket_detail
from tests.app.conftest import SIZE, screen_text
from tests.engines import refuse_writes_on_this_connection
from tests.settling import answered
from tui.screens.intake import ConfirmDiscard, IntakeScreen
from tui.screens.queue import QueueScreen


def notes(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def count(session) -> int:
    return len(list_tickets(session))


async def open_intake(pilot) -> IntakeScreen:
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen)
    return screen


async def pick_customer(pilot, text: str = "C001") -> None:
    """Put text in the search box (the main path types it key by key) and press Enter."""
    search = pilot.app.screen.query_one("#customer-search", Input)
    search.focus()
    search.value = text
    await pilot.press("enter")
    await pilot.pause()


async def type_description(pilot, text: str) -> None:
    """Text into the description as an edit (the main path types it key by key)."""
    area = pilot.app.screen.query_one("#description", TextArea)
    area.focus()
    area.insert(text)
    await pilot.pause()


async def choose(pilot, select_id: str, value) -> None:
    pilot.app.screen.query_one(f"#{select_id}", Select).value = value
    await pilot.pause()


async def test_main_path_keyword_suggests_red_and_saves(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        assert app.focused.id == "customer-search"
        await pilot.press(*"C001")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "华东贸易有限公司" in screen_text(app)  # listed while typing
        await pilot.press("enter")  # picks the first match
        await pilot.pause()
        assert screen.customer.code == "C001"
        text = screen_text(app)
        assert "138****5678" in text and "13812345678" not in text
        assert "Last callback score: -" in text
        assert "T000003" in text  # the customer's last tickets, newest first
        assert text.index("T000003") < text.index("T000002")
        assert app.focused.id == "channel"  # picking moves on to the channel
        await pilot.press("enter", "down", "enter")  # open the list, first channel (phone), take it
        await pilot.pause()
        assert screen.form_values()["channel"] == "phone"
        await pilot.press("tab")  # to the description
        assert app.focused.id == "description"
        await pilot.press(*"客户说货漏发了一件")
        await pilot.pause()
        assert "Suggested: red: 漏发" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IntakeScreen)
        assert getattr(app.screen, "ref", None) == "T000004"  # the new ticket is open
        assert "T000004 saved" in notes(app)
    ticket = ticket_detail(queue_floor, "T000004")
    assert (ticket.customer_code, ticket.channel, ticket.description) == (
        "C001",
        "phone",
        "客户说货漏发了一件",
    )
    assert (ticket.tier, ticket.tier_source) == ("red", "keyword:漏发")
    assert ticket.events[0].actor == "li"


async def test_suggestion_follows_the_typing(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_intake(pilot)
        assert "Suggested: yellow (no keyword)" in screen_text(app)
        screen_ = app.screen
        screen_.query_one("#description", TextArea).focus()
        await pilot.press(*"建议夜间服务")
        assert "Suggested: green: 建议" in screen_text(app)
        await pilot.press(*"，今天必须")
        await pilot.pause()
        assert "Suggested: red: 今天必须" in screen_text(app)  # the most urgent tier wins


async def test_agent_overrides_the_tier(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pick_customer(pilot)
        await choose(pilot, "channel", "email")
        await type_description(pilot, "漏发一件小配件, 客户说不急")
        screen.query_one("#tier", Select).focus()
        await pilot.press("enter", "down", "down", "down", "enter")  # as suggested, red, yellow, green
        await pilot.pause()
        assert screen.form_values()["tier"] == "green"
        assert "Suggested: red: 漏发  overridden: green" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    ticket = ticket_detail(queue_floor, "T000004")
    assert (ticket.tier, ticket.tier_source) == ("green", "agent")


async def test_social_media_needs_the_platform(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pick_customer(pilot)
        assert not screen.query_one("#platform-row").display  # phone, email...: no platform
        await choose(pilot, "channel", "social_media")
        assert screen.query_one("#platform-row").display
        await type_description(pilot, "公众号留言: 发票什么时候开")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        error = screen.query_one("#platform-error")
        assert error.display and "needs the platform" in error.message
        assert "needs the platform" in screen_text(app)  # right under the platform field
        assert "Platform" in notes(app)
        assert app.focused.id == "platform"
        assert count(queue_floor) == 3
        await pilot.press(*"WeChat")
        await pilot.pause()
        assert not error.display  # typing clears the field's error
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IntakeScreen)
    ticket = ticket_detail(queue_floor, "T000004")
    assert (ticket.channel, ticket.platform) == ("social_media", "WeChat")


async def test_every_problem_shown_at_once_next_to_its_field(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = {e.id: e.message for e in screen.query("InlineError") if e.message}
        assert set(shown) == {"customer-error", "channel-error", "description-error"}
        assert "pick a customer" in shown["customer-error"]
        assert "3 field(s) need attention" in notes(app)
        assert app.focused.id == "customer-search"
    assert count(queue_floor) == 3


async def test_empty_description_is_refused_inline(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pick_customer(pilot)
        await choose(pilot, "channel", "phone")
        await type_description(pilot, "   ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, IntakeScreen)
        error = screen.query_one("#description-error")
        assert error.display and error.message.startswith("is empty")
        assert "is empty; write what the customer reported" in screen_text(app)
        assert app.focused.id == "description"
        assert "Description: is empty" in notes(app)
    assert count(queue_floor) == 3


async def fill_everything(pilot, screen: IntakeScreen) -> dict:
    await pick_customer(pilot)
    await choose(pilot, "channel", "social_media")
    screen.query_one("#platform", Input).value = "微信公众号"
    await type_description(pilot, "第二次了, 货又漏发了!\n客户要求今天补发")
    await choose(pilot, "tier", "yellow")
    await choose(pilot, "category", "quality")
    await choose(pilot, "subtag", "missing_item")
    await choose(pilot, "mood", "angry")
    values = screen.form_values()
    assert values["subtag"] == "missing_item" and values["platform"] == "微信公众号"
    return values


async def test_storage_failure_keeps_every_field(app_for, queue_floor, monkeypatch):
    def unreachable(session, form):
        raise StorageProblem("database is locked (another program holds it)")

    monkeypatch.setattr(intake_screen, "intake", unreachable)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        typed = await fill_everything(pilot, screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # still here
        assert screen.form_values() == typed  # nothing lost, field by field
        assert screen.query_one("#description", TextArea).text == "第二次了, 货又漏发了!\n客户要求今天补发"
        assert "Everything you typed is still here" in " ".join(screen_text(app).split())
        assert "database is locked" in notes(app)
        monkeypatch.undo()  # the database is back: the same form saves
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IntakeScreen)
    ticket = ticket_detail(queue_floor, "T000004")
    assert (ticket.tier, ticket.category, ticket.subtag, ticket.mood, ticket.platform) == (
        "yellow",
        "quality",
        "missing_item",
        "angry",
        "微信公众号",
    )
    assert ticket.description == "第二次了, 货又漏发了!\n客户要求今天补发"


async def test_read_only_database_keeps_the_form(app_for, queue_floor, monkeypatch):
    real_writing = Session.writing

    @contextmanager
    def on_a_query_only_connection(session):
        # The save runs in a thread with a connection of its own: that one refuses writes from
        # the start of its transaction (a server fixes a transaction's mode as it begins).
        refuse_writes_on_this_connection(session.db, True)  # writes now fail for real
        try:
            with real_writing(session):
                yield
        finally:
            refuse_writes_on_this_connection(session.db, False)

    monkeypatch.setattr(Session, "writing", on_a_query_only_connection)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        typed = await fill_everything(pilot, screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert screen.form_values() == typed
        assert "read-only" in notes(app)
    assert count(queue_floor) == 3


async def test_create_a_customer_inline(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pilot.press(*"C900")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No customer matches; ctrl+n creates one." in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen.query_one("#new-code", Input).value == "C900"  # what was searched for
        assert app.focused.id == "new-name"
        await pilot.press(*"西北机械厂")
        await pilot.press("tab", *"139-0000-43x1")
        await pilot.press("enter")
        await pilot.pause()
        assert "digits, spaces" in screen.query_one("#new-phone-error").message
        with pytest.raises(NotFound):
            get_customer(queue_floor, "C900")
        await pilot.press("backspace", "backspace", "2", "1", "enter")
        await pilot.pause()
        assert screen.customer.code == "C900"
        assert "139****4321" in screen_text(app) and "139-0000-4321" not in screen_text(app)
        assert "Customer C900 added" in notes(app)
        assert app.focused.id == "channel"
        await choose(pilot, "channel", "phone")
        await type_description(pilot, "first call")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert get_customer(queue_floor, "C900").name == "西北机械厂"
    assert ticket_detail(queue_floor, "T000004").customer_code == "C900"


async def test_save_adds_the_open_new_customer_first(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused.id == "new-code"
        await pilot.press(*"C001")  # taken
        await pilot.press("tab", *"重复的客户")
        await choose(pilot, "channel", "phone")
        await type_description(pilot, "hello")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already exists" in screen.query_one("#new-code-error").message
        assert isinstance(app.screen, IntakeScreen) and count(queue_floor) == 3
        screen.query_one("#new-code", Input).value = "C777"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IntakeScreen)
    assert ticket_detail(queue_floor, "T000004").customer_code == "C777"


async def test_escape_asks_before_losing_typed_work(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_intake(pilot)
        await pilot.press("escape")  # nothing typed: straight back
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        screen = await open_intake(pilot)
        await type_description(pilot, "半句话")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        assert "Discard this ticket?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.description == "半句话"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_intake_in_chinese(app_for, queue_floor):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        text = screen_text(app)
        for word in ("新建工单", "客户", "渠道", "问题描述", "优先级", "分类", "客户情绪", "保存", "取消"):
            assert word in text
        await pick_customer(pilot, "华东")
        assert screen.customer.code == "C001"
        assert "最近回访评分：-" in screen_text(app)
        await type_description(pilot, "货物破损")
        # the suggestion follows the description's change message (one more turn on a busy host)
        assert await answered(lambda: "建议：一级：破损" in screen_text(app))
        await choose(pilot, "channel", "social_media")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "该渠道需要填写平台" in screen.query_one("#platform-error").message
        screen.query_one("#mood", Select).focus()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        assert all(word in screen_text(app) for word in ("焦急", "平和", "愤怒"))
        await pilot.press("escape")  # closes the list, stays on the form
        await pilot.pause()
        assert app.screen is screen


async def test_customer_found_by_phone_tail_and_name(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pick_customer(pilot, "5678")
        assert screen.customer.code == "C001"
        search = screen.query_one("#customer-search", Input)
        search.value = ""
        await pick_customer(pilot, "nobody")
        assert screen.customer.code == "C001"  # no match: the pick stands
        assert "No customer matches" in screen_text(app)


async def test_everything_reachable_by_tab_at_80x24(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pick_customer(pilot)
        await choose(pilot, "channel", "social_media")
        screen.query_one("#customer-search", Input).focus()
        await pilot.pause()
        seen = []
        while app.focused.id not in seen:
            seen.append(app.focused.id)
            region = app.focused.region
            assert region.height > 0 and 0 <= region.y < SIZE[1] - 1  # on screen, above the footer
            await pilot.press("tab")
        assert seen == ["customer-search", "channel", "platform", "description", "tier", "category", "mood"]
        await choose(pilot, "category", "quality")
        assert not screen.query_one("#subtag", Select).disabled


async def test_quit_asks_too_when_something_is_typed(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await type_description(pilot, "客户来电")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDiscard)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen is screen and screen.description == "客户来电"
        assert app.is_running


async def test_new_customer_and_ticket_problems_show_together(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen.query_one("#new-name", Input).value = "西北机械厂"  # no code yet
        await choose(pilot, "channel", "social_media")
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = {e.id for e in screen.query("InlineError") if e.message}
        assert shown == {"new-code-error", "platform-error", "description-error"}
        assert app.focused.id == "new-code"
        assert "3 field(s) need attention: New code" in notes(app)
    with pytest.raises(NotFound):
        get_customer(queue_floor, "")  # nothing was written
    assert count(queue_floor) == 3
