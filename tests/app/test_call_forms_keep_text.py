"""What a user trial of the call screen found, with Pilot at 80x24 and the frozen clock of
tests/conftest.py (Fri 2026-11-20 10:00 Shanghai):

- the busy and refused forms say "Esc cancels and keeps the text", and now do: the text comes
  back when the form opens again (the session's drafts, tui/base/drafts.py, as the ticket's
  forms keep theirs), also after leaving the call and coming back; the end-of-call menu and a
  text answer being typed lose nothing either;
- the closing's list of answers names each question by what it measures (efficiency, 服务效率)
  or by the start of its words, never by its id, and says yes and no in the UI language;
- the busy form's refusals name its field as the form does (再打时间).

The callback is the resolved group's (script: overall*, efficiency, solving, attitude, improve
(text; "响应慢" asks slow_step), further_need (y/n), warmth (y/n)), as in
tests/app/test_call_screen.py."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from core.callbacks.calls import call_log, get_callback
from tests import settling
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_call_screen import end_call, open_call
from tests.app.test_ticket_screen import messages, type_text
from tests.conftest import sh
from tests.settling import answered
from tui import i18n
from tui.app import make_app
from tui.base.drafts import drafts
from tui.modals.call_outcome import BusyForm, BusyTimeChoice, CallOutcomeModal
from tui.modals.text_entry import TextEntryModal
from tui.screens.call import CallScreen

IDS = ("overall", "efficiency", "solving", "attitude", "improve", "slow_step", "further_need", "warmth")
"""The resolved script's question ids: the agent never reads them."""


@pytest.fixture(autouse=True)
def keep_language():
    """make_app sets the process-wide language; put it back for the tests that follow."""
    before = i18n.language()
    yield
    i18n.set_language(before)


async def escape_to(pilot, screen) -> None:
    await pilot.press("escape")
    await pilot.pause()
    assert pilot.app.screen is screen


# --------------------------------------------------------------- Esc keeps the text


async def test_the_busy_forms_time_and_note_come_back_after_esc(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await pilot.press("5")
        await end_call(pilot, "2")
        assert isinstance(app.screen, BusyForm) and shows(app, "Esc cancels")
        await type_text(pilot, "明天 10:00")
        await pilot.press("tab")
        await type_text(pilot, "在开会")
        await escape_to(pilot, screen)
        assert "Kept what you typed" in messages(app)
        assert "Question 2 of 7" in screen_text(app)  # the call goes on where it was
        await end_call(pilot, "2")
        form = app.screen
        assert isinstance(form, BusyForm)
        assert (form.field("when").value, form.field("note").value) == ("明天 10:00", "在开会")
        # the time is said at once, as when it was typed; the next key adds to it
        assert shows(app, "Sat 11-21 10:00 is outside working hours")
        assert form.focused is form.field("when")
        assert form.field("when").cursor_position == len("明天 10:00")
        await pilot.press("enter")
        assert isinstance(app.screen, BusyTimeChoice)
        await pilot.press("2")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
        assert f"Callback #{callback}: call again at 11-21 10:00" in messages(app)
        assert drafts(app) == {}  # saved: no longer a draft
    assert get_callback(floor, callback).call_after == sh(2026, 11, 21, 10)
    [busy] = call_log(floor, callback)
    assert (busy.outcome, busy.note) == ("busy", "在开会")


async def test_the_refused_forms_words_come_back_after_esc(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await end_call(pilot, "4")
        assert isinstance(app.screen, TextEntryModal) and shows(app, "refused the callback")
        await type_text(pilot, "too busy, stop calling")
        await escape_to(pilot, screen)
        assert "Kept what you typed" in messages(app)
        await end_call(pilot, "4")
        form = app.screen
        assert isinstance(form, TextEntryModal)
        assert form.field("note").value == "too busy, stop calling"
        await type_text(pilot, "!")  # the cursor is at the end: the text is added to
        assert form.field("note").value == "too busy, stop calling!"
        await pilot.press("enter")
        await pilot.pause()
        assert f"Callback #{callback} closed: the customer refused" in messages(app)
        assert drafts(app) == {}
    assert get_callback(floor, callback).status == "refused"
    assert call_log(floor, callback)[-1].note == "too busy, stop calling!"


async def test_the_chinese_forms_keep_their_text_too(floor, callback):
    app = make_app(floor.as_login("li"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await end_call(pilot, "2")
        assert shows(app, "Esc 取消并保留输入")
        await type_text(pilot, "明天 10:00")
        await escape_to(pilot, screen)
        assert "已保留输入内容" in messages(app)
        await end_call(pilot, "4")  # the refused form has its own draft: empty
        refused = app.screen
        assert isinstance(refused, TextEntryModal) and refused.field("note").value == ""
        await type_text(pilot, "不需要回访")
        await escape_to(pilot, screen)
        await end_call(pilot, "2")
        busy = app.screen
        assert isinstance(busy, BusyForm) and busy.field("when").value == "明天 10:00"
        assert shows(app, "周六 11-21 10:00 不在工作时间内")
        await escape_to(pilot, screen)
        await end_call(pilot, "4")
        refused = app.screen
        assert isinstance(refused, TextEntryModal) and refused.field("note").value == "不需要回访"


async def test_the_drafts_outlive_leaving_the_call_and_go_when_it_ends(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await end_call(pilot, "2")
        await type_text(pilot, "15:30")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # leave the call: the answers and the typing are kept
        await pilot.pause()
        assert not isinstance(app.screen, CallScreen)
        await open_call(app, pilot, callback)
        await end_call(pilot, "2")
        assert isinstance(app.screen, BusyForm) and app.screen.field("when").value == "15:30"
        assert shows(app, "That is Fri 11-20 15:30")
        await pilot.press("escape")
        await pilot.pause()
        await end_call(pilot, "3")  # unreachable: the call ends (it is tried again later)
        assert not isinstance(app.screen, CallScreen)
        assert "attempt 1 of 3" in messages(app)
        assert drafts(app) == {}  # a new call starts from nothing
        await open_call(app, pilot, callback)
        await end_call(pilot, "2")
        assert isinstance(app.screen, BusyForm) and app.screen.field("when").value == ""


async def test_a_form_emptied_before_esc_keeps_no_draft(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await end_call(pilot, "4")
        await type_text(pilot, "no")
        await escape_to(pilot, screen)
        await end_call(pilot, "4")
        app.screen.field("note").value = ""
        await escape_to(pilot, screen)
        assert drafts(app) == {}
        await end_call(pilot, "4")
        assert app.screen.field("note").value == ""


async def test_the_menu_and_a_typed_answer_lose_nothing(floor, as_li, callback):
    """The other ways out and back: the end-of-call menu's Esc, and the busy time's choice's
    Esc (tests/app/test_call_busy_times.py), over an answer being typed."""
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await pilot.press("4", "5", "3", "5")
        await pilot.pause()
        assert "Question 5 of 7" in screen_text(app)
        await type_text(pilot, "送货可以")
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, CallOutcomeModal)
        await escape_to(pilot, screen)
        box = screen.query_one("#call-input", Input)
        assert box.value == "送货可以" and screen.focused is box
        await end_call(pilot, "2")
        await type_text(pilot, "明天 10:00")
        await pilot.press("enter")
        assert isinstance(app.screen, BusyTimeChoice)
        await pilot.press("escape")
        assert isinstance(app.screen, BusyForm) and app.screen.field("when").value == "明天 10:00"
        await escape_to(pilot, screen)
        assert box.value == "送货可以" and screen.focused is box
        await type_text(pilot, "再快一点")
        await pilot.press("enter")
        await pilot.pause()
        assert "Question 6 of 7" in screen_text(app)
    assert get_callback(floor, callback).call_after is None and call_log(floor, callback) == []


async def test_a_form_left_while_it_saves_keeps_no_draft_and_the_call_ends_when_it_lands(
    floor, floor_db, callback, hold_lock
):
    """Esc while the save waits for the floor (another process holds the write lock): the
    save owns the text (offering it again could save it twice), and when it lands the call
    screen goes, as the form says."""
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await end_call(pilot, "4")
        await type_text(pilot, "不需要")
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            await pilot.press("escape")
            assert await answered(lambda: app.screen is screen)
            assert "Still saving in the background" in messages(app)
            assert drafts(app) == {}
            holder.release()
            assert await answered(lambda: not isinstance(app.screen, CallScreen), 20)
        await pilot.pause()
        assert f"Callback #{callback} closed: the customer refused" in messages(app)
        assert drafts(app) == {}
    assert get_callback(floor, callback).status == "refused"
    assert call_log(floor, callback)[-1].note == "不需要"


# ------------------------------------------------------------- the closing, in words


async def answer_all(app, pilot, callback: int) -> CallScreen:
    """The whole script answered by keys: 4 5 3 5, a slow delivery (asks the probe), y, n."""
    screen = await open_call(app, pilot, callback)
    await pilot.press("4", "5", "3", "5")
    await pilot.pause()
    await type_text(pilot, "物流响应慢，送货可以再快一点，包装也要结实")
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, "等快递")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("y", "n")
    await pilot.pause()
    assert screen.question is None  # the closing
    return screen


async def test_the_closing_names_the_questions_by_their_words(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(app, pilot, callback)
        text = screen_text(app)
        assert "Closing" in text and "Every required question has an answer" in text
        assert shows(app, "Answers: Overall: 4  Efficiency: 5  Problem solving: 3  Attitude: 5")
        assert shows(app, "您觉得我们哪些方面…: 物流响应慢，送货可以再…")  # cut to fit
        assert shows(app, "您觉得具体是哪个环…: 等快递")
        assert shows(app, "目前您还有其他需要…: yes  Felt cared for: no")
        # as the trial read it: "overall 4, efficiency 5, solving 3, ..., further_need yes"
        for old in ("overall 4", "efficiency 5", "solving 3", "attitude 5", *IDS[4:]):
            assert old not in text


async def test_the_closing_in_chinese(floor, callback):
    app = make_app(floor.as_login("li"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(app, pilot, callback)
        text = screen_text(app)
        assert "结束语" in text
        assert shows(app, "回答：总体满意度：4  服务效率：5  问题解决能力：3  态度友好度：5")
        assert shows(app, "目前您还有其他需要…：是  沟通有温度：否")
        # a line breaks between two answers, never inside a question's name
        assert "您觉得我们哪些方面…：物流响应慢，送货可以再…" in text
        for question in IDS:
            assert question not in text
        assert "yes" not in text and " no" not in text


async def test_a_saved_yes_no_answer_and_a_missing_required_question_are_said_in_words(floor, callback):
    app = make_app(floor.as_login("li"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_all(app, pilot, callback)
        await pilot.press("up")
        await pilot.pause()
        assert "已记录：否" in screen_text(app)  # the warmth question's saved answer
        # A closing reached with the required overall score unanswered (a call whose script
        # changed under it) names it by its words too.
        call = screen.call
        assert call is not None
        del call.answers["overall"]
        screen.position = len(call.questions)
        screen.show()
        await pilot.pause()
        assert shows(app, "尚未作答的必答题：总体满意度")


# ------------------------------------------------------ the busy field, in one word


async def test_a_refused_time_names_the_field_as_the_form_does(floor, callback):
    app = make_app(floor.as_login("li"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await end_call(pilot, "2")
        form = app.screen
        assert isinstance(form, BusyForm) and shows(app, "再打时间（15:30")
        await type_text(pilot, "soon")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and shows(app, "再打时间：")
        assert "再次拨打时间" not in screen_text(app)
