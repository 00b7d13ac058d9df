"""The report screen (key 6, issue 21): the last full week's figures beside last week's, Enter
on a figure lists what is behind it, Enter on a row opens it, ←/→ move a week, p switches to
the month. On the hand-built week 2026-W47 of tests/unit/test_report_figures (the clock at
Monday 2026-11-23 10:00:45, so W47 is the last full week): every figure of the Summary drills
into a list the screen shows whole, with the rows core.report.drill lists and as many as the
JSON figure counts (core's own tests check each list against its figure's definition)."""

from __future__ import annotations

import pytest

from core.report import Month, Week, report_json, weekly_figures
from core.report.drill import ROWS_LIMIT, Ask, drill
from core.report.report_view import report_view
from core.report.sheets import SUMMARY_FIGURES
from tests.app.conftest import SIZE, screen_text, shows
from tests.conftest import SHANGHAI
from tests.settling import answered
from tui import i18n
from tui.app import make_app
from tui.modals.app_menu import AppMenu
from tui.screens.report import ReportScreen
from tui.screens.report_list import ReportListScreen
from tui.screens.ticket import TicketScreen

W47 = Week(2026, 47, SHANGHAI)


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


async def open_report(pilot) -> ReportScreen:
    await pilot.press("6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    assert await answered(lambda: screen.view is not None)
    await pilot.pause()
    return screen


async def to_line(pilot, screen: ReportScreen, part: str, name: str) -> None:
    """Down from the top to the line (by keys, as a supervisor moves)."""
    lines = screen.lines
    await pilot.press("home")
    keyed = [line.key for line in lines.lines if line.key is not None]
    for _ in range(keyed.index((part, name))):
        await pilot.press("down")
    assert lines.current_key == (part, name)


async def open_list(pilot, screen: ReportScreen, part: str, name: str) -> ReportListScreen:
    await to_line(pilot, screen, part, name)
    await pilot.press("enter")
    await pilot.pause()
    listed = pilot.app.screen
    assert isinstance(listed, ReportListScreen)
    assert await answered(lambda: listed.drilled is not None)
    await pilot.pause()
    return listed


async def test_6_shows_the_last_full_week_beside_the_one_before(floor, week47):
    figures = weekly_figures(floor, W47).as_json()
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert shows(app, "Week 2026-W47 (11-16 – 11-22)")
        assert shows(app, "as of 2026-11-23 10:00")
        summary = {line.name: line for line in screen.view.parts[0].lines}
        assert [name for name, _ in SUMMARY_FIGURES] == list(summary)
        for name, _ in SUMMARY_FIGURES:
            assert summary[name].now == figures[name]
        text = screen_text(app)
        assert "Feedback received" in text and "57.14%" in text  # resolution_rate 0.5714
        # a rate's change is in percentage points
        line = summary["resolution_rate"]
        if line.change is not None:
            assert "pp" in text


async def test_the_menu_offers_the_report(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AppMenu)
        assert shows(app, "Report")
        # export, then the views in the order of their keys: queue, board, directory,
        # callbacks, floor, report
        await pilot.press(*["down"] * 6, "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert await answered(lambda: app.screen.view is not None)


async def test_an_agent_reads_the_report_too(floor, week47):
    app = make_app(floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert screen.view.json["received"] == 7


async def test_s_switches_a_rate_s_side_and_enter_opens_the_ticket(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        listed = await open_list(pilot, screen, "summary", "first_response_in_target_rate")
        missed = [row.ref for row in listed.rows.rows]
        assert listed.ask_for.side == "no" and shows(app, "[missed]")
        await pilot.press("s")
        assert await answered(lambda: listed.drilled.ask.side == "yes")
        await pilot.pause()
        kept = [row.ref for row in listed.rows.rows]
        assert kept and not set(kept) & set(missed)
        assert shows(app, "[in target]")
        first = listed.rows.rows[0]
        await pilot.press("home", "enter")
        await pilot.pause()
        assert await answered(lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ref == first.ref
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is listed


async def test_a_category_and_a_department_s_late_handoffs(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        parts = {part.name: part for part in screen.view.parts}
        quality = next(line for line in parts["categories"].lines if line.name == "quality")
        listed = await open_list(pilot, screen, "categories", "quality")
        assert listed.drilled.total == quality.now == 2  # T1 and T2
        await pilot.press("escape")
        await pilot.pause()
        warehouse = next(line for line in parts["handoffs"].lines if line.name == "warehouse")
        listed = await open_list(pilot, screen, "handoffs", "warehouse")
        assert listed.ask_for.side == "late"
        assert listed.drilled.total == warehouse.now == 1  # H2, answered 2 h late
        assert [row.kind for row in listed.rows.rows] == ["handoff"]


async def test_left_and_right_move_a_week_but_not_into_one_not_begun(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("left")
        assert await answered(lambda: screen.view.period == Week(2026, 46, SHANGHAI))
        assert shows(app, "Week 2026-W46")
        await pilot.press("right", "right")  # W48 is this week: allowed, as of now
        assert await answered(lambda: screen.view.period == Week(2026, 48, SHANGHAI))
        assert shows(app, "SO FAR")  # this week, compared with a whole one
        assert screen.check_action("move_period", (1,)) is None  # → is greyed: W49 has not begun
        await pilot.press("right")
        await pilot.pause()
        assert screen.week == Week(2026, 48, SHANGHAI)
        await pilot.press("left")
        assert await answered(lambda: screen.view.period == Week(2026, 47, SHANGHAI))
        assert not shows(app, "SO FAR") and screen.check_action("move_period", (1,)) is True


async def test_p_shows_the_month_and_its_low_scores(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("p")
        assert await answered(lambda: isinstance(screen.view.period, Month))
        await pilot.pause()
        assert screen.view.period == Month(2026, 10, SHANGHAI)  # the last full month on 11-23
        await pilot.press("right")  # November: the current month, as of now
        assert await answered(lambda: screen.view.period == Month(2026, 11, SHANGHAI))
        assert shows(app, "Month 2026-11")
        low = next(line for line in screen.view.parts[0].lines if line.name == "low_scores")
        listed = await open_list(pilot, screen, "summary", "low_scores")
        assert listed.drilled.total == low.now == screen.view.json["low_scores"]
        assert all(row.kind == "callback" for row in listed.rows.rows)


async def test_in_chinese_the_figures_and_the_change_in_percentage_points(floor, week47):
    app = make_app(floor.as_login("boss"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        view = report_view(floor, W47, "zh")
        assert shows(app, "周 2026-W47") and shows(app, view.parts[0].lines[0].label)
        if any(line.kind == "rate" and line.change for line in view.parts[0].lines):
            assert shows(app, "个百分点")
        assert screen.view.title == view.title


async def test_a_long_list_reads_its_next_page_as_the_cursor_nears_the_end(floor, week47, monkeypatch):
    """More rows than a page: the first page shows, the rest come as the cursor moves down."""
    from core.tickets.lifecycle import NewTicket, intake

    floor.clock.set(floor.clock.now().replace(hour=9))  # Monday the 23rd, in W48
    for number in range(ROWS_LIMIT + 30):
        intake(floor, NewTicket("C001", "phone", f"第 {number} 个问题"))
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("right")  # W48: the tickets just received
        assert await answered(lambda: screen.view.period == Week(2026, 48, SHANGHAI))
        await pilot.pause()
        listed = await open_list(pilot, screen, "summary", "received")
        total = listed.drilled.total
        assert total > ROWS_LIMIT and len(listed.rows.rows) == ROWS_LIMIT
        assert shows(app, f"{ROWS_LIMIT} of {total} shown")
        await pilot.press("end")
        assert await answered(lambda: len(listed.rows.rows) == total)
        everything = drill(floor, Week(2026, 48, SHANGHAI), listed.ask_for, "en", limit=10_000)
        assert [row.ident for row in listed.rows.rows] == [row.ident for row in everything.rows]


async def test_page_down_passes_no_line_by(floor, week47):
    """PageDown moves a screenful of lines, headings and blanks included: every figure comes
    into view on the way down."""
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        seen: set[str] = set()
        for _ in range(12):
            seen |= {
                line.label for part in screen.view.parts for line in part.lines if shows(app, line.label)
            }
            await pilot.press("pagedown")
        every = {line.label for part in screen.view.parts for line in part.lines}
        assert seen == every


async def test_back_from_a_list_keeps_the_figures_read_a_moment_ago(floor, week47, monkeypatch):
    """Esc back from a list shows the figures on show, not a second costly read; r reads again."""
    from tui.screens import report as report_screen

    reads = []
    real = report_screen.report_view
    monkeypatch.setattr(report_screen, "report_view", lambda *a: reads.append(1) or real(*a))
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert len(reads) == 1
        await open_list(pilot, screen, "summary", "received")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and len(reads) == 1
        await pilot.press("r")
        assert await answered(lambda: len(reads) == 2)


async def _every_line_lists_what_core_lists(pilot, screen: ReportScreen, period) -> int:
    """Down the report line by line, Enter on every line with rows behind it, in every part: the
    list on screen is core's list of that line (as of the view's moment), its title says core's
    count; Esc comes back to the same line."""
    app, view, opened = pilot.app, screen.view, 0
    await pilot.press("home")
    for part in view.parts:
        for line in part.lines:
            assert screen.lines.current_key == (part.name, line.name)
            if line.ask is not None:
                await pilot.press("enter")
                listed = app.screen
                assert isinstance(listed, ReportListScreen)
                assert await answered(lambda: listed.drilled is not None)  # noqa: B023
                expected = drill(app.session, period, line.ask, "en", as_of=view.as_of)
                assert [row.ident for row in listed.rows.rows] == [row.ident for row in expected.rows]
                assert listed.drilled.total == expected.total and shows(app, expected.title)
                counts_itself = line.kind == "count" and line.name != "longest_wait_minutes"
                if counts_itself and line.ask.side in ("yes", "late"):
                    assert expected.total == line.now, (part.name, line.name)
                opened += 1
                await pilot.press("escape")
                assert app.screen is screen
            await pilot.press("down")
    return opened


async def test_every_line_of_the_week_drills_into_its_rows(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        parts = {part.name for part in screen.view.parts}
        assert parts == {"summary", "channels", "categories", "handoffs", "agents", "phrases", "improvements"}
        assert await _every_line_lists_what_core_lists(pilot, screen, W47) >= 20


async def test_every_line_of_the_month_drills_into_its_rows(floor, week47):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("p", "right")  # November, the month of week 47
        november = Month(2026, 11, SHANGHAI)
        assert await answered(lambda: screen.view.period == november)
        await pilot.pause()
        assert {part.name for part in screen.view.parts} == {"summary", "follow_up", "agents", "phrases"}
        assert await _every_line_lists_what_core_lists(pilot, screen, november) >= 10


@pytest.mark.parametrize("language", ["en", "zh"])
async def test_a_phrase_lists_every_ticket_that_said_it_and_enter_opens_one(floor, week47, language):
    """What customers keep saying (issue 23): a line per phrase of `report --json`, Enter lists
    all the tickets that said it (as many as the JSON's count, not only its examples), Enter on
    a row opens the ticket."""
    said = report_json(floor, week="2026-W47")["phrases"]
    assert said and said[0]["count"] == 7  # the fixture's tickets all say 客户询问发票开具流程
    app = make_app(floor.as_login("boss"), language)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        part = next(part for part in screen.view.parts if part.name == "phrases")
        assert part.title == ("客户常说" if language == "zh" else "What customers keep saying")
        assert [(line.label, line.now) for line in part.lines] == [(p["text"], p["count"]) for p in said]
        assert screen.view.json["phrases"] == said
        first = said[0]
        listed = await open_list(pilot, screen, "phrases", first["text"])
        assert listed.drilled.total == first["count"] == len(listed.rows.rows)
        refs = [row.ref for row in listed.rows.rows]
        assert refs[: len(first["examples"])] == first["examples"] and len(set(refs)) == first["count"]
        assert shows(app, first["text"])
        await pilot.press("enter")
        await pilot.pause()
        assert await answered(lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ref == refs[0]


async def test_ctrl_r_on_the_report_offers_the_period_on_show(floor, week47):
    from tui.modals.export_report import ExportReportModal

    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("left", "left")
        assert await answered(lambda: screen.view.period == Week(2026, 45, SHANGHAI))
        await pilot.press("ctrl+r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExportReportModal) and form.period == Week(2026, 45, SHANGHAI)
        assert form.file_field.value == "callfloor-2026-W45.xlsx"
        await pilot.press("escape")
        await pilot.press("p")
        assert await answered(lambda: isinstance(screen.view.period, Month))
        await open_list(pilot, screen, "summary", "callbacks_done")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.period == Month(2026, 10, SHANGHAI) and app.screen.monthly


async def test_n_on_a_categorys_list_opens_a_new_action_on_all_its_tickets(floor, week47):
    """Issue 23: from the meeting's top problem to an action, by keys; an agent is not offered it."""
    from tui.modals.improvement import ActionForm

    listed_refs = [row.ref for row in drill(floor, W47, Ask("category", key="quality"), "en").rows]
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        listed = await open_list(pilot, screen, "categories", "quality")
        assert await answered(lambda: listed.supervisor)
        await pilot.press("n")
        assert await answered(lambda: isinstance(app.screen, ActionForm) and app.screen.ready)
        values = app.screen.values()
        assert values["tickets"].split() == listed_refs and values["category"] == "quality"
    agent = make_app(floor.as_login("li"), "en")
    async with agent.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        listed = await open_list(pilot, screen, "categories", "quality")
        await pilot.press("n")
        await pilot.pause()
        assert agent.screen is listed and "Action on these" not in screen_text(agent)


async def test_the_weeks_improvement_actions_list_and_open_by_keys(floor, week47):
    """Issue 23: the Improvements part's count beside last week's, Enter lists its actions (the
    same number), Enter on one opens the action's own screen."""
    from core.improvement import Problem, add_action
    from tui.screens.actions import ActionScreen

    refs = [row.ref for row in drill(floor, W47, Ask("category", key="quality"), "en").rows]
    number = add_action(floor, "质检加严", "warehouse", "li", 5, "share below 10%", Problem("quality"), refs)
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("right")  # W48, the week under way: the action was opened in it
        assert await answered(lambda: screen.view.period == Week(2026, 48, SHANGHAI))
        part = next(p for p in screen.view.parts if p.name == "improvements")
        opened = next(line for line in part.lines if line.name == "improvements.opened")
        assert (opened.now, opened.before) == (1, 0) == (screen.view.json["improvements"]["opened"], 0)
        listed = await open_list(pilot, screen, "improvements", "improvements.opened")
        assert [(row.kind, row.ident) for row in listed.rows.rows] == [("action", number)]
        assert "A1" in screen_text(app) and "质检加严" in screen_text(app)
        await pilot.press("enter")
        assert await answered(lambda: isinstance(app.screen, ActionScreen))
        assert await answered(lambda: "质检加严" in screen_text(app))
