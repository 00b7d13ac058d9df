"""The call screen (a callback, 回访) with Pilot at 80x24 and a frozen clock (Fri 2026-11-20
10:00 Shanghai): a whole call by keys, busy, unreachable until given up, resuming a dropped
call in a new app, the low-score loop, required questions, the probe, hostile names.

The callback is the resolved group's (script: overall*, efficiency, solving, attitude, improve
(text; "响应慢" asks slow_step), further_need (y/n), warmth (y/n)), built with core functions
as tests/unit/test_callbacks.py does, and the screen is pushed directly."""

from __future__ import annotations

from core.callbacks.calls import call_log, claim_callback, get_callback, list_callbacks, resume_call
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer
from core.tickets.lifecycle import claim, set_status
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text
from tests.app.test_ticket_screen import messages, segments_text, type_text
from tests.conftest import sh
from tui.app import make_app
from tui.modals.call_outcome import CallOutcomeModal
from tui.modals.text_entry import TextEntryModal
from tui.screens.call import CallScreen


async def open_call(app, pilot, number: int) -> CallScreen:
    await pilot.pause()
    app.push_screen(CallScreen(number))
    await pilot.pause()
    assert isinstance(app.screen, CallScreen)
    return app.screen


def footer_keys(app) -> set[str]:
    """The call's keys the footer offers now (the app's own, ? and Ctrl+Q, left out)."""
    return {
        key
        for key, active in app.screen.active_bindings.items()
        if active.enabled and active.binding.show and active.node is not app
    }


async def end_call(pilot, number_key: str) -> None:
    """Ctrl+E, then the outcome's number in the menu."""
    await pilot.press("ctrl+e")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CallOutcomeModal)
    await pilot.press(number_key)
    await pilot.pause()


async def test_a_whole_call_by_keys_to_done(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        text = screen_text(app)
        header = text.splitlines()[1:4]  # under the who line
        assert f"Callback #{callback}" in header[0] and "华东贸易有限公司" in header[0]
        assert (
            "13812345678" in header[0] and "Resolved ticket" in header[0]
        )  # the phone in clear: it is dialled
        assert (
            "T000001" in header[1] and "due by 11-23 12:00" in header[1] and "attempts so far 0" in header[1]
        )
        assert "Script: 已解决工单回访 v1" in header[2]
        assert (
            "您好，请问是华东贸易有限公司吗？我是客服中心的李娜。您反馈的发票抬头开错了问题"
            in text.replace("\n ", "")
        )
        assert "Question 1 of 7" in text and "* required" in text and "总体满意度" in text
        assert "Press 1-5" in text
        assert {"ctrl+e", "escape", "down"} <= footer_keys(app) and "up" not in footer_keys(app)
        await pilot.press("4")
        await pilot.pause()
        assert "Question 2 of 7" in screen_text(app) and "服务效率" in screen_text(app)
        await pilot.press("5", "3", "5")
        await pilot.pause()
        assert "Question 5 of 7" in screen_text(app) and "optional" in screen_text(app)
        await type_text(pilot, "送货可以再快一点")
        await pilot.press("enter")
        await pilot.pause()
        assert "Press y for yes" in screen_text(app) and {"y", "n"} <= footer_keys(app)
        await pilot.press("y", "n")
        await pilot.pause()
        text = screen_text(app)
        assert "Closing" in text and "非常感谢您抽出时间接受回访" in text
        assert "Every required question has an answer" in text and "enter" in footer_keys(app)
        await pilot.press("enter")  # at the closing, Enter opens the end-of-call menu
        await pilot.pause()
        assert isinstance(app.screen, CallOutcomeModal)
        await pilot.press("enter")  # Done is the first option
        await pilot.pause()
        assert app.screen is not screen and not isinstance(app.screen, CallScreen)
        assert f"Callback #{callback} done: overall 4" in messages(app)
    done = get_callback(floor, callback)
    assert done.status == "done" and done.owner == "li"
    assert (done.overall, done.efficiency, done.solving, done.attitude) == (4, 5, 3, 5)
    assert (
        done.warm is False and "送货可以再快一点" in done.feedback and done.suggestion == "送货可以再快一点"
    )
    assert [a.outcome for a in call_log(floor, callback)] == ["done"]


async def test_busy_reschedules_at_the_time_the_customer_names(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await pilot.press("5")
        await pilot.pause()
        await end_call(pilot, "2")
        form = app.screen
        assert isinstance(form, TextEntryModal) and "is busy: when to call again" in screen_text(app)
        await type_text(pilot, "9:00")  # already passed at 10:00: the form stays, saying so
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "has already passed" in screen_text(app)
        form.field("when").value = ""
        await type_text(pilot, "soon")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and "'soon' is not a time" in screen_text(app)
        form.field("when").value = ""
        await type_text(pilot, "15:30")
        await pilot.press("tab")
        await type_text(pilot, "在开会")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, (TextEntryModal, CallScreen))
        assert f"Callback #{callback}: call again at 15:30" in messages(app)
    later = get_callback(floor, callback)
    assert later.status == "open" and later.call_after == sh(2026, 11, 20, 15, 30)
    assert resume_call(floor.as_login("li"), callback).answers == {"overall": "5"}  # the answer is kept
    [busy] = call_log(floor, callback)
    assert (busy.outcome, busy.note) == ("busy", "在开会")


async def test_a_busy_form_cancelled_goes_back_to_the_call(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await end_call(pilot, "2")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and "Question 1 of 7" in screen_text(app)
        await pilot.press("3")  # the keys answer again at once
        await pilot.pause()
        assert "Question 2 of 7" in screen_text(app)
    assert get_callback(floor, callback).call_after is None


async def test_unreachable_is_retried_then_given_up_at_the_most_attempts(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        for attempt in (1, 2):
            await open_call(app, pilot, callback)
            assert f"attempts so far {attempt - 1}" in screen_text(app)
            await end_call(pilot, "3")
            assert not isinstance(app.screen, CallScreen)
            assert f"attempt {attempt} of 3, next try 12:00" in messages(app)
            after = get_callback(floor, callback)
            assert (after.status, after.attempts, after.call_after) == ("open", attempt, sh(2026, 11, 20, 12))
        await open_call(app, pilot, callback)
        await end_call(pilot, "3")
        assert f"Callback #{callback}: given up after 3 attempts" in messages(app)
        # Opening it again says why it cannot be called, and offers only Back.
        await open_call(app, pilot, callback)
        text = screen_text(app).replace("\n ", " ")
        assert f"Callback #{callback} could not be opened" in text and "is unreachable" in text
        assert footer_keys(app) == {"escape"}
        await pilot.press("4", "y", "ctrl+e")  # nothing happens, nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, CallScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CallScreen)
    given_up = get_callback(floor, callback)
    assert (given_up.status, given_up.attempts) == ("unreachable", 3)


async def test_quitting_mid_call_and_opening_it_again_resumes_at_the_next_question(
    floor, floor_db, clock, callback
):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await pilot.press("4", "5")
        await pilot.pause()
        assert "Question 3 of 7" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    floor.close()
    again = floor_db.open(login="li", clock=clock)
    try:
        app = make_app(again)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_call(app, pilot, callback)
            text = screen_text(app)
            assert "Question 3 of 7" in text and "2/7 answered" in text and "问题的解决情况" in text
            assert screen.call.answers == {"overall": "4", "efficiency": "5"}
            await pilot.press("up")  # the earlier answers are there
            await pilot.pause()
            assert "Question 2 of 7" in screen_text(app) and "saved: 5" in screen_text(app)
    finally:
        again.close()


async def test_going_back_changes_an_answer_and_returns_to_the_next_unanswered(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await pilot.press("4", "4", "4")
        await pilot.pause()
        assert "Question 4 of 7" in screen_text(app)
        await pilot.press("pageup", "up", "up")
        await pilot.pause()
        assert "Question 1 of 7" in screen_text(app) and "saved: 4" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert "Question 4 of 7" in screen_text(app)  # the first unanswered one after it
        await pilot.press("down")  # attitude is optional: it may be stepped over
        await pilot.pause()
        assert "Question 5 of 7" in screen_text(app)
        await pilot.press("up")  # from the text field too
        await pilot.pause()
        assert "Question 4 of 7" in screen_text(app)
    assert resume_call(floor.as_login("li"), callback).answers == {
        "overall": "2",
        "efficiency": "4",
        "solving": "4",
    }


async def test_a_score_of_2_reopens_the_ticket_and_books_the_supervisor(floor, callback, resolved_ticket):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await pilot.press("2", "3", "3", "4")
        await type_text(pilot, "没解决")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", "y")
        await pilot.pause()
        await end_call(pilot, "1")
        assert not isinstance(app.screen, CallScreen)
    scored = get_callback(floor, callback)
    assert scored.status == "done" and scored.overall == 2 and scored.priority == "high"
    [follow_up] = list_callbacks(floor, group="low_score_followup")
    assert follow_up.follows == callback and follow_up.priority == "high"
    assert (
        f"score 2: ticket {resolved_ticket} reopened, supervisor follow-up #{follow_up.id} booked"
        in messages(app)
    )
    detail = ticket_detail(floor, resolved_ticket)
    assert detail.status == "in_progress"
    reopened = [e for e in detail.events if e.kind == "reopened"][-1]
    assert f"callback #{callback} scored 2" in reopened.text


async def test_the_supervisor_makes_the_low_score_follow_up(floor, as_li, callback):
    from core.callbacks.calls import answer_question, finish_call, start_call

    start_call(as_li, callback)
    for question, value in (("overall", "1"), ("efficiency", "2")):
        answer_question(as_li, callback, question, value)
    follow_up = finish_call(as_li, callback).follow_up_id
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:  # an agent cannot make it
        await open_call(app, pilot, follow_up)
        assert "a supervisor makes that call" in screen_text(app).replace("\n ", " ")
    app = make_app(floor)  # boss, the supervisor
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, follow_up)
        header = screen_text(app).splitlines()[1:4]  # under the who line
        assert f"Callback #{follow_up}" in header[0] and "Low-score follow-up" in header[0]
        assert "high priority" in header[1] and "T000001" in header[1]
        assert "低分跟进回访" in header[2] and f"callback #{callback} scored 1 of 5" in header[2]
        await pilot.press("y", "4")
        await pilot.pause()
        await end_call(pilot, "1")
        assert f"Callback #{follow_up} done: overall 4" in messages(app)
    assert get_callback(floor, callback).follow_up_status == "done"


async def test_a_required_question_blocks_done_with_a_message(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await pilot.press("down")  # the overall score is required: not stepped over
        await pilot.pause()
        assert "Question 1 of 7" in screen_text(app) and "This question is required" in screen_text(app)
        await end_call(pilot, "1")  # Done, with the overall score unanswered
        assert app.screen is screen
        text = screen_text(app)
        assert "Question 1 of 7" in text and "cannot be done yet" in text
        assert "no answer to the required question overall" in messages(app)
        await pilot.press("4")  # still on the question: its key answers it
        await pilot.pause()
        assert "Question 2 of 7" in screen_text(app)
    view = get_callback(floor, callback)
    assert view.status == "open" and view.overall is None
    assert resume_call(floor.as_login("li"), callback).answers == {"overall": "4"}


CUSTOM_SCRIPT = """
group = "resolved"
version = 2
title = "Custom resolved callback"
opening = "Hello {customer}, this is {agent} about {product}."
closing = "Thank you, {customer}."

[[questions]]
id = "said"
kind = "text"
required = true
text = "What went wrong, in your words?"

[[questions]]
id = "ease"
kind = "choice"
options = ["easy", "so-so", "hard"]
text = "How easy was it to reach us?"

[[questions]]
id = "nps"
kind = "score"
dimension = "overall"
scale = [0, 10]
required = true
text = "From 0 to 10, how likely are you to recommend us?"

[[questions]]
id = "warmth"
kind = "yes_no"
warmth = true
text = "Did you feel cared for?"
"""
"""A supervisor's script with what the shipped ones lack: a required text question, a
choice, and a score too wide for one key (0-10)."""


async def test_a_supervisors_script_text_choice_and_a_wide_score(floor, callback, tmp_path):
    from core.callbacks.scripts import load_scripts

    source = tmp_path / "resolved.toml"
    source.write_text(CUSTOM_SCRIPT, encoding="utf-8")
    load_scripts(floor, [source])
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        text = screen_text(app)
        assert "Custom resolved callback v2" in text
        assert "Hello 华东贸易有限公司, this is 李娜 about 发票抬头开错了." in text
        assert "Question 1 of 4" in text and "* required" in text
        await pilot.press("enter")  # required: an empty answer is refused, with a message
        await pilot.pause()
        assert "Question 1 of 4" in screen_text(app) and "This question is required" in screen_text(app)
        await type_text(pilot, "wrong title on the invoice")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Question 2 of 4" in text and " 1  easy" in text and " 3  hard" in text
        await pilot.press("4")  # no 4th option: said, and no view switch
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and "Pick an option from 1 to 3" in screen_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert "Question 3 of 4" in screen_text(app) and "Type a whole number from 0 to 10" in screen_text(
            app
        )
        await type_text(pilot, "11")
        await pilot.press("enter")
        await pilot.pause()
        assert "11 is outside the scale; give 0 to 10" in screen_text(app)
        app.focused.value = ""
        await type_text(pilot, "10")
        await pilot.press("enter")
        await pilot.press("y")
        await pilot.pause()
        assert "Thank you, 华东贸易有限公司." in screen_text(app)
        await end_call(pilot, "1")
        assert f"Callback #{callback} done: overall 10" in messages(app)
    done = get_callback(floor, callback)
    assert (done.status, done.overall, done.warm, done.script_version) == ("done", 10, True, 2)
    assert "wrong title on the invoice" in done.feedback and "so-so" in done.feedback


async def test_digits_on_a_yes_no_question_and_an_optional_text_skipped(floor, as_li, new_ticket):
    ref = new_ticket(description="我要投诉你们的送货员")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "已道歉")
    [task] = schedule_callbacks(floor)  # the complaint script: "fixed" (y/n, required) first
    assert task.group == "complaint"
    floor.clock.set(task.due_from)  # a complaint is checked from its second working day
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, task.id)
        assert "Question 1 of 7" in screen_text(app) and "* required" in screen_text(app)
        await pilot.press("3")  # a digit on a yes/no question: said, and no view switch
        await pilot.pause()
        assert isinstance(app.screen, CallScreen) and "takes y (yes) or n (no)" in screen_text(app)
        await pilot.press("y", "5", "5", "5", "5")
        await pilot.pause()
        assert "Question 6 of 7" in screen_text(app) and "optional" in screen_text(app)
        await pilot.press("enter")  # the optional text question: Enter on empty skips it
        await pilot.pause()
        assert "Question 7 of 7" in screen_text(app)
    assert "improve" not in resume_call(floor.as_login("li"), task.id).answers


async def test_slow_response_brings_the_probe_next(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await pilot.press("4", "4", "4", "4")
        await type_text(pilot, "客服响应慢")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Question 6 of 8" in text and "follow-up" in text and "您觉得具体是哪个环节比较慢？" in text
        await type_text(pilot, "等回电等了两天")
        await pilot.press("enter")
        await pilot.pause()
        assert "Question 7 of 8" in screen_text(app)
    answers = resume_call(floor.as_login("li"), callback).answers
    assert answers["improve"] == "客服响应慢" and answers["slow_step"] == "等回电等了两天"


async def test_leave_for_later_and_escape_keep_the_answers(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await pilot.press("3")
        await end_call(pilot, "5")
        assert not isinstance(app.screen, CallScreen)
        assert f"Callback #{callback} stays open, answers kept: 1" in messages(app)
        await open_call(app, pilot, callback)
        await pilot.press("4", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, CallScreen)
    view = get_callback(floor, callback)
    assert view.status == "open" and view.owner == "li" and view.attempts == 0
    assert resume_call(floor.as_login("li"), callback).answers == {"overall": "3", "efficiency": "4"}


async def test_refused_closes_the_callback_with_the_customers_words(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await end_call(pilot, "4")
        assert isinstance(app.screen, TextEntryModal)
        await type_text(pilot, "不需要回访")
        await pilot.press("enter")
        await pilot.pause()
        assert f"Callback #{callback} closed: the customer refused" in messages(app)
    assert get_callback(floor, callback).status == "refused"
    assert call_log(floor, callback)[-1].note == "不需要回访"


async def test_someone_elses_callback_is_not_opened(floor, callback, as_wang):
    claim_callback(as_wang, callback)
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        text = screen_text(app).replace("\n ", " ")
        assert "could not be opened" in text and "王强's (wang); only they make this call" in text
        assert footer_keys(app) == {"escape"}


async def test_hostile_customer_name_is_shown_literally(floor, as_li, new_ticket):
    add_customer(floor, CustomerForm(code="C666", name="[bold]x[/] \x1b[31m红", phone="13900001111"))
    ref = new_ticket(customer_code="C666", description="[red]坏[/] \x1b]0;pwn\x07")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "done")
    [task] = schedule_callbacks(floor)
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, task.id)
        text = screen_text(app)
        assert "[bold]x[/] ␛[31m红" in text.splitlines()[1] and "13900001111" in text
        flat = text.replace("\n", "").replace(" ", "")  # the opening, whatever its line breaks
        assert "请问是[bold]x[/]␛[31m红吗" in flat and "[red]坏[/]␛]0;pwn␇" in flat
        raw = segments_text(app)
        assert "\x1b" not in raw and "\x07" not in raw
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "End the call with [bold]x[/] ␛[31m红" in screen_text(app)
        assert "\x1b" not in segments_text(app)


async def test_chinese_words(floor, callback):
    app = make_app(floor.as_login("li"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        text = screen_text(app)
        assert f"回访 #{callback}" in text and "已解决工单" in text and "已拨打 0 次" in text
        assert "第 1 题，共 7 题" in text and "* 必答" in text and "开场白：" in text
        assert "结束通话" in text.splitlines()[-1]
        await end_call(pilot, "2")
        assert "现在不方便：何时再打" in screen_text(app)
        await type_text(pilot, "明天 10:00")
        await pilot.press("enter")
        await pilot.pause()
        assert "周六 11-21 10:00 不在工作时间内" in screen_text(app)  # a Saturday: keep it anyway (2)
        await pilot.press("2")
        assert f"回访 #{callback}：11-21 10:00 再打" in messages(app)
    assert get_callback(floor, callback).call_after == sh(2026, 11, 21, 10)
