"""The ticket detail screen with Pilot at 80x24: open and back, every action, refusals that
keep the typing, hostile customer text, a long timeline, and both languages."""

from __future__ import annotations

import time

from core.customers.records import CustomerForm, add_customer
from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal
from tui.routes import OpenTicket
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen
from tui.widgets.ticket_header import TicketHeader

HOSTILE = "[bold red]x[/] \x1b[2J 货物破损 😀" + "长" * 20000


async def open_ticket(app, pilot, ref: str) -> TicketScreen:
    await pilot.pause()
    app.push_screen(TicketScreen(ref))
    await pilot.pause()
    assert isinstance(app.screen, TicketScreen)
    return app.screen


async def type_text(pilot, text: str) -> None:
    """The first character as a key press (the real path), the rest inserted at the cursor
    (a key press each would make these tests slow without testing anything more)."""
    await pilot.press({" ": "space"}.get(text[0], text[0]))
    pilot.app.focused.insert_text_at_cursor(text[1:])
    await pilot.pause()


async def timed_open(app, pilot, ref: str) -> tuple[float, str]:
    """Open the ticket and time it to its first paint (App._display sees each paint; without
    it, the time until the app is idle). Returns (ms, what that first paint showed)."""
    painted: list[tuple[float, str]] = []
    original = getattr(app, "_display", None)
    if original is not None:

        def display(screen, renderable):
            original(screen, renderable)
            if isinstance(screen, TicketScreen) and not painted:
                painted.append((time.perf_counter(), screen_text(app)))

        app._display = display
    started = time.perf_counter()
    try:
        app.post_message(OpenTicket(ref))  # as the queue opens it: read first, then shown whole
        await pilot.pause()
    finally:
        if original is not None:
            del app._display
    at, shown = painted[0] if painted else (time.perf_counter(), screen_text(app))
    return (at - started) * 1000, shown


def messages(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def footer_keys(app) -> set[str]:
    """Keys the footer offers now (the screen's bindings that check_action lets through)."""
    return {
        key for key, active in app.screen.active_bindings.items() if active.enabled and active.binding.show
    }


def segments_text(app) -> str:
    """Every character the compositor would send, to prove no raw control character gets out."""
    return "".join(segment.text for strip in app.screen._compositor.render_strips() for segment in strip)


async def test_open_from_the_queue_with_enter_and_back_with_escape(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert app.screen.ref == "T000001"
        text = screen_text(app)
        assert "T000001" in text and "货物破损, 今天必须处理" in text
        assert "created" in text and "Timeline: 1 events" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_header_shows_tier_status_owner_and_the_masked_phone_only(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        text = screen_text(app)
        assert "138****5678" in text
        assert "13812345678" not in text
        header = text.splitlines()[1:4]  # under the who line
        assert "T000002" in header[0] and "yellow" in header[0] and "in progress" in header[0]
        assert "owner li" in header[0] and "Email" in header[0]
        assert "华东贸易" in header[1] and "Other" in header[1]
        assert "Response 30m left" in header[2] and "Solution 4h00 left" in header[2]
        assert "customer update due by 17:00" in header[2]


async def test_countdowns_tick_without_reading_again(app_for, clock):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000001")
        assert "Response 15m left" in screen_text(app)
        clock.advance(minutes=20)
        screen.query_one(TicketHeader).tick()  # what the 15 s timer calls
        await pilot.pause()
        text = screen_text(app)
        assert "Response overdue 5m" in text and "Solution 1h40 left" in text


async def test_add_a_note(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal)
        await type_text(pilot, "asked the warehouse")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "asked the warehouse" in screen_text(app)
        assert "Note added to T000002" in messages(app)
    notes = [e for e in ticket_detail(queue_floor, "T000002").events if e.kind == "note"]
    assert [(n.actor, n.text) for n in notes] == [("li", "asked the warehouse")]


async def test_log_an_outbound_contact_stamps_the_first_response(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("o")
        await pilot.pause()
        await type_text(pilot, "called back, invoice sent today")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Response met at 10:00" in text
        assert "customer update due" not in text
        assert "first response; called back" in text
    detail = ticket_detail(queue_floor, "T000002")
    assert detail.first_response_at is not None
    assert detail.events[-1].kind == "contact_out"


async def test_log_an_inbound_contact(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("i")
        await pilot.pause()
        await type_text(pilot, "customer asked again")
        await pilot.press("enter")
        await pilot.pause()
    detail = ticket_detail(queue_floor, "T000002")
    assert detail.inbound_contacts == 1 and detail.first_response_at is None


async def test_claim_then_claim_is_no_longer_offered(app_for, queue_floor):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        assert "c" in footer_keys(app) and "r" not in footer_keys(app)
        await pilot.press("c")
        await pilot.pause()
        assert "T000001 is yours" in messages(app)
        assert "owner wang" in screen_text(app)
        assert "c" not in footer_keys(app) and "r" in footer_keys(app)
    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_resolve_with_result_and_confirmation(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        assert "x" not in footer_keys(app)  # close only once resolved
        await pilot.press("r")
        await pilot.pause()
        await type_text(pilot, "invoice reissued")
        await pilot.press("enter")  # to the empty confirmation field
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal)
        await type_text(pilot, "customer said received")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        text = screen_text(app)
        assert "resolved" in text and "Solution met at 10:00" in text
        assert "confirmed: customer said received" in text
        assert {"x", "R"} <= footer_keys(app) and "r" not in footer_keys(app)
    detail = ticket_detail(queue_floor, "T000002")
    assert (detail.status, detail.resolution, detail.confirmation) == (
        "resolved",
        "invoice reissued",
        "customer said received",
    )


async def test_reopen_with_a_reason(app_for, queue_floor, as_li):
    tickets.set_status(as_li, "T000002", "resolved", "done", "words")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("enter")  # empty reason: refused inline, form stays
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal)
        assert "Reason: required" in screen_text(app)
        await type_text(pilot, "callback: not satisfied")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "reopened" in screen_text(app)
    detail = ticket_detail(queue_floor, "T000002")
    assert (detail.status, detail.reopened_count) == ("in_progress", 1)
    assert detail.events[-1].text == "callback: not satisfied"


async def test_close_a_resolved_ticket(app_for, queue_floor, as_li):
    tickets.set_status(as_li, "T000002", "resolved", "done", "words")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the note is optional
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "T000002 closed" in messages(app)
        assert "x" not in footer_keys(app) and "R" in footer_keys(app)
    assert ticket_detail(queue_floor, "T000002").status == "closed"


async def test_tier_change_with_a_reason_moves_the_due_times(app_for, queue_floor):
    before = ticket_detail(queue_floor, "T000003")
    assert before.tier == "green"
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000003")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("up", "up", "enter")  # green -> red, then to the reason
        await pilot.pause()
        await pilot.press("enter")  # no reason yet: the form says so and stays
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await type_text(pilot, "customer loses money")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        text = screen_text(app)
        assert "R red" in text.splitlines()[1]
        assert "green -> red; customer loses money" in text
        assert "Response 15m left" in text
    after = ticket_detail(queue_floor, "T000003")
    assert after.tier == "red"
    assert after.response_due_at < before.response_due_at and after.solution_due_at < before.solution_due_at


async def test_category_change_with_a_reason(app_for, queue_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000002")
        await pilot.press("g")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceModal)
        values = [value for value, _ in modal.options]
        steps = values.index("billing") - values.index("other")  # starts on the current one
        await pilot.press(*(["up"] * -steps if steps < 0 else ["down"] * steps), "enter")
        await type_text(pilot, "it is about the invoice")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Billing" in screen_text(app).splitlines()[2]
    detail = ticket_detail(queue_floor, "T000002")
    assert (detail.category, detail.subtag) == ("billing", None)
    assert detail.events[-1].kind == "category"


async def test_a_refused_action_keeps_the_typed_text_and_says_why(app_for, queue_floor):
    app = app_for("wang")  # T000002 is li's
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        assert "r" not in footer_keys(app)  # core would refuse it (core.tickets.actions), so no key
        # The form opened as r would open it, to see core's own refusal keep the typing.
        app.screen.action_resolve()
        await pilot.pause()
        await type_text(pilot, "replaced the part")
        await pilot.press("tab")
        await type_text(pilot, "signed receipt")
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, TextEntryModal)
        assert modal.values() == {"result": "replaced the part", "confirmation": "signed receipt"}
        assert "owned by 李娜 (li)" in messages(app)
        assert "only the owner or a supervisor" in screen_text(app)
        # Escape keeps the typing as a draft; the form opens with it again.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "Kept what you typed" in messages(app)
        app.screen.action_resolve()
        await pilot.pause()
        assert app.screen.values() == {"result": "replaced the part", "confirmation": "signed receipt"}
        # Even after leaving the ticket and coming back.
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        await open_ticket(app, pilot, "T000002")
        app.screen.action_resolve()
        await pilot.pause()
        assert app.screen.values() == {"result": "replaced the part", "confirmation": "signed receipt"}
        # Typing into the kept text adds to it (the trial's first key wiped it: select on focus).
        await type_text(pilot, " and tested it")
        assert app.screen.values() == {
            "result": "replaced the part and tested it",
            "confirmation": "signed receipt",
        }
    assert ticket_detail(queue_floor, "T000002").status == "in_progress"


async def test_a_claim_lost_to_another_agent_is_reported(app_for, queue_floor, as_li):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        tickets.claim(as_li, "T000001")  # li is faster
        await pilot.press("c")
        await pilot.pause()
        assert "already owned by 李娜 (li)" in messages(app)
        assert "owner li" in screen_text(app)


async def test_hostile_customer_text_is_shown_literally(app_for, queue_floor):
    add_customer(
        queue_floor, CustomerForm(code="C666", name="[blink]坏[/] \x1b]0;pwn\x07", phone="13900001111")
    )
    ref = tickets.intake(queue_floor, tickets.NewTicket("C666", "phone", HOSTILE))
    tickets.add_note(queue_floor, ref, "[red]note[/] \x1b[31m")
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed, _ = await timed_open(app, pilot, ref)
        print(f"\nopening a ticket with a 20,000-character description: first paint {elapsed:.1f} ms")
        text = screen_text(app)
        assert "[bold red]x[/]" in text and "␛[2J 货物破损 😀长长" in text
        assert "[red]note[/] ␛[31m" in text
        assert "[blink]坏[/] ␛]0;pwn␇" in text and "139****1111" in text
        raw = segments_text(app)
        assert "\x1b" not in raw and "\x07" not in raw
        # The description scrolls: Tab to it and page down, still literal.
        await pilot.press("tab")
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert "长长长长" in screen_text(app)
        assert "\x1b" not in segments_text(app)


async def test_a_ticket_with_200_events_opens_quickly(app_for, queue_floor, as_li):
    for number in range(199):
        tickets.add_note(as_li, "T000002", f"step {number}: 跟进仓库发货情况 " + "细节 " * (number % 7))
    assert len(ticket_detail(queue_floor, "T000002").events) == 201
    started = time.perf_counter()
    ticket_detail(queue_floor, "T000002")
    read = (time.perf_counter() - started) * 1000
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await timed_open(app, pilot, "T000003")  # the first ticket screen warms up the stylesheet
        await pilot.press("escape")
        await pilot.pause()
        elapsed, shown = await timed_open(app, pilot, "T000002")
        print(
            f"\nopening a ticket with 201 events at 80x24: core read {read:.1f} ms, "
            f"push to first paint {elapsed:.1f} ms"
        )
        # That first paint was the whole screen: header, newest events, and the keys.
        assert "T000002" in shown and "step 198" in shown and "n Note" in shown.splitlines()[-1]
        text = screen_text(app)
        assert "Timeline: 201 events" in text and "step 198" in text
        await pilot.press("end")
        await pilot.pause()
        assert "created" in screen_text(app)


async def test_chinese_labels(app_for, queue_floor):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        text = screen_text(app)
        header = text.splitlines()[1:4]  # under the who line
        assert (
            "二级" in header[0] and "处理中" in header[0] and "负责人 li" in header[0] and "邮件" in header[0]
        )
        assert "其他" in header[1]
        assert "首响剩余 30m" in header[2] and "17:00 前需向客户更新进展" in header[2]
        assert "处理记录：2 条" in text and "认领" in text and "待处理 → 处理中" in text
        footer = text.splitlines()[-1]
        assert "备注" in footer and "回复" in footer and "完成" in footer
        await pilot.press("n")
        await pilot.pause()
        assert "T000002 添加备注" in screen_text(app)
        await type_text(pilot, "ok")
        await pilot.press("enter")
        await pilot.pause()
        assert "已为 T000002 添加备注" in messages(app)
        await pilot.press("t")
        await pilot.pause()
        modal_text = screen_text(app)
        assert "T000002 的优先级" in modal_text and "红  一级" in modal_text and "原因" in modal_text


async def test_a_missing_ticket_says_so_and_offers_only_back(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T999999")
        assert "Ticket T999999 could not be read" in screen_text(app)
        assert not footer_keys(app) & {"c", "n", "o", "i", "r", "R", "x", "t"}
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_customer_view_from_the_ticket(app_for):
    from tui.screens.customer import CustomerScreen

    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, CustomerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)


# ----------------------------------------------------------------------------- reassign (A)


async def reassign_to(pilot, login: str, reason: str) -> ChoiceModal:
    """A, the agent named by login highlighted in the list, Enter, the reason typed (not saved)."""
    await pilot.press("A")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ChoiceModal)
    logins = [value for value, _ in form.options]
    await pilot.press(*["down"] * logins.index(login), "enter")
    await type_text(pilot, reason)
    return form


async def test_a_supervisor_reassigns_anothers_ticket(app_for, queue_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's
        assert "A" in footer_keys(app)
        form = await reassign_to(pilot, "wang", "li is off today")
        assert "li" not in [value for value, _ in form.options]  # not to the owner it has
        assert "王强 (wang)  agent" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "T000002 is now 王强's (wang)" in messages(app)
        assert "owner wang" in screen_text(app)
    detail = ticket_detail(queue_floor, "T000002")
    assert detail.owner == "wang" and detail.events[-1].kind == "assigned"
    assert detail.events[-1].actor == "boss" and detail.events[-1].text == "li is off today"


async def test_an_agent_has_no_reassign_key_on_anothers_or_an_unowned_ticket(app_for, queue_floor):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        for ref in ("T000002", "T000001"):  # li's; nobody's
            await open_ticket(app, pilot, ref)
            assert "A" not in footer_keys(app)
            await pilot.press("A")
            await pilot.pause()
            assert isinstance(app.screen, TicketScreen)
            await pilot.press("escape")
    assert ticket_detail(queue_floor, "T000002").owner == "li"


async def test_an_agent_passes_on_their_own_and_a_refusal_keeps_the_form(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000002")
        assert "A" in footer_keys(app)
        await reassign_to(pilot, "wang", "wang knows this customer")
        tickets.set_status(queue_floor, "T000002", "resolved", "fixed by the supervisor")  # meanwhile
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert app.screen.values() == {"choice": "wang", "reason": "wang knows this customer"}
        assert "changed by boss at 10:00 (resolved)" in messages(app)
        assert screen.detail.status == "resolved"
        await pilot.press("enter")  # seen now; but a resolved ticket does not change hands
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert app.screen.values() == {"choice": "wang", "reason": "wang knows this customer"}
        assert "only an open ticket changes hands" in messages(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "A" not in footer_keys(app)  # resolved: nothing to reassign
        tickets.set_status(queue_floor, "T000002", "in_progress", "customer called back")
        screen.load()
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert app.screen.values()["reason"] == "wang knows this customer"  # the draft came back
        await pilot.press("enter", "enter")  # the list, then the reason
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "A" not in footer_keys(app)  # wang's now: li may not take it back
    assert ticket_detail(queue_floor, "T000002").owner == "wang"


async def test_a_live_refresh_overtaking_a_refused_saves_read_still_moves_what_was_seen(app_for, queue_floor):
    """A StaleEdit reads the ticket again and then marks that version seen, so the next Enter
    saves. When another session's change lands meanwhile, its read overtakes that one: the mark
    must still move (the fresh-clone CI saw the second Enter refused as stale again)."""
    from core.basics.errors import StaleEdit

    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_ticket(app, pilot, "T000002")
        before = screen.seen_version
        screen._form_open = True  # a form is open: reads alone do not move what was seen
        tickets.change_tier(queue_floor, "T000002", "red", "the customer called twice")
        screen._seeing_changes(StaleEdit("T000002", None, None, None))
        screen.load()  # the floor watch's read, right behind it
        await pilot.pause()
        await pilot.pause()
        assert screen.detail.row_version != before
        assert screen.seen_version == screen.detail.row_version
