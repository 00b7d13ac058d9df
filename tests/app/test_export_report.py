"""Export the weekly report from the app (issue 6, "Menu"): Ctrl+R, the F2 menu or the palette
open the form on the last full week; left/right move by week but never into one that has
not begun; clear phones are for supervisors only; Enter writes the workbook in a thread
worker with a progress bar, and the form closes saying where the file is: the floor's exports
folder by default (tests/app/test_export_folder.py has the folder's own tests). A bad file name
is said in the form, with the typed name kept.

The floor's clock stands at Fri 2026-11-20 10:00 Shanghai: this week is 2026-W47 (11-16 to
11-22), the last full week 2026-W46 (11-09 to 11-15). The queue floor's three tickets came in
this week."""

from __future__ import annotations

import threading

import openpyxl
import pytest
from textual.widgets import Input, ProgressBar, Static

from core.basics.errors import StorageProblem
from core.report.book import SUMMARY_TABLE_ROW
from core.report.export_file import exports_folder
from tests.app.conftest import SIZE, screen_text, shows
from tests.settling import answered
from tui.modals import export_report
from tui.modals.app_menu import AppMenu
from tui.modals.export_report import ExportReportModal

SHEETS = [
    "Summary",
    "Channels",
    "Categories",
    "Response",
    "Handoffs",
    "Agents",
    "Callbacks",
    "Tickets",
    "Suggestions",
    "Phrases",
    "Improvements",
]
PHONE = "13812345678"
"""C001's phone, in full: only a clear report holds it."""


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """~ is a folder of the test's own: the form's default file goes there."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


@pytest.fixture
def exports(queue_floor, home):
    """The floor's exports folder (beside the floor file; on PostgreSQL ~/callfloor/exports)."""
    return exports_folder(queue_floor)


def notes(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def cells(path) -> list[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


async def open_form(pilot) -> ExportReportModal:
    """Ctrl+R, then until the form knows who is here (is_supervisor is read in a thread worker,
    which may start after the first pause's look at the workers)."""
    await pilot.press("ctrl+r")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, ExportReportModal)
    assert await answered(lambda: form.known)
    await pilot.pause()  # what _may_clear changed is painted
    return form


async def export(pilot, form: ExportReportModal) -> None:
    """Enter, then wait for the worker and for the form to act on its end."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def test_ctrl_r_opens_the_form_on_the_last_full_week(app_for, home):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        text = screen_text(app)
        assert "2026-W46 (11-09 – 11-15)" in text and "last full week" in text
        assert form.query_one(Input).value == "callfloor-2026-W46.xlsx"
        assert "masked" in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportReportModal)
    assert list(home.iterdir()) == []  # cancelled before it started: nothing written


async def test_the_f2_menu_opens_the_form_and_the_views(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AppMenu)
        text = screen_text(app)
        for words in ("Export report (weekly, monthly)", "Queue", "Board", "Directory", "Callbacks", "Keys"):
            assert words in text
        assert (
            "Export report (weekly, monthly) ^r" in text and "Board                       2" in text
        )  # with keys
        await pilot.press("enter")  # the first entry: export
        await pilot.pause()
        assert isinstance(app.screen, ExportReportModal)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f2", "down", "down", "enter")  # the third: the board (key 2)
        await pilot.pause()
        assert app.current_mode == "board"
        await pilot.press("f2", "escape")
        await pilot.pause()
        assert app.current_mode == "board" and not isinstance(app.screen, AppMenu)


async def test_the_palette_finds_export_by_name(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ExportReportModal)


async def test_the_palette_finds_the_menu_and_the_export_in_chinese(app_for):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"周报")
        await pilot.pause(0.3)
        assert "导出报表（周报、月报）" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, ExportReportModal)
        assert "上一个完整周" in screen_text(app)


async def test_left_and_right_move_by_week_and_never_into_the_future(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("left", "left")
        await pilot.pause()
        assert form.week.label == "2026-W44"
        assert "2026-W44 (10-26 – 11-01)" in screen_text(app)
        assert form.query_one(Input).value == "callfloor-2026-W44.xlsx"  # the name follows the week
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert form.week.label == "2026-W47"
        assert "2026-W47 (11-16 – 11-22)" in screen_text(
            app
        ) and "this week, figures as of now" in screen_text(app)
        await pilot.press("right", "right")
        await pilot.pause()
        assert form.week.label == "2026-W47"  # 2026-W48 has not begun
        assert form.check_action("move", (1,)) is None  # greyed in the footer
        assert form.check_action("move", (-1,)) is True


async def test_the_year_boundary_follows_iso_weeks(app_for, clock):
    from tests.conftest import sh

    clock.set(sh(2026, 1, 7, 10))  # Wednesday of 2026-W02
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.week.label == "2026-W01"  # Monday 2025-12-29
        assert "2026-W01 (12-29 – 01-04)" in screen_text(app)
        await pilot.press("left")
        await pilot.pause()
        assert form.week.label == "2025-W52"


async def test_a_typed_file_name_stays_when_the_week_moves(app_for, home):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        field = form.query_one(Input)
        field.value = str(home / "meeting.xlsx")
        await pilot.press("left")
        await pilot.pause()
        assert field.value == str(home / "meeting.xlsx")


async def test_an_agent_cannot_choose_clear(app_for, exports):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert "clear: supervisors only" in screen_text(app)
        await pilot.press("m")
        await pilot.pause()
        assert form.clear is False
        assert form.check_action("mode", ()) is False  # not offered (the phones line says why)
        await pilot.press("right")  # this week holds the floor's tickets
        await export(pilot, form)
        assert not isinstance(app.screen, ExportReportModal)
    written = exports / "callfloor-2026-W47.xlsx"
    assert written.exists()
    values = cells(written)
    assert PHONE not in " ".join(values)  # masked
    assert any(value.startswith("138") and "*" in value for value in values)


async def test_a_supervisor_exports_clear_and_the_workbook_reads_back(app_for, home, tmp_path):
    target = tmp_path / "reports" / "week 47.xlsx"
    target.parent.mkdir()
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert form.clear is True
        assert "clear: in full" in screen_text(app)
        await pilot.press("right")
        form.query_one(Input).value = str(target)
        bar = form.query_one(ProgressBar)
        await export(pilot, form)
        assert not isinstance(app.screen, ExportReportModal)
        assert bar.percentage == 1.0  # the bar reached 100%
        target = target.with_name("week 47-CLEAR.xlsx")  # a clear file says so in its name
        assert f"Saved 2026-W47 CLEAR (phones and order numbers in full) to {target} (3 tickets)" in notes(
            app
        )
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == SHEETS
    tickets = [row for row in book["Tickets"].iter_rows(values_only=True)]
    assert len([row for row in tickets[1:] if row and row[0]]) == 3
    assert PHONE in " ".join(cells(target))  # clear
    assert list(target.parent.iterdir()) == [target]  # no parts left beside it


async def test_the_default_week_exports_to_the_exports_folder(app_for, exports):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await export(pilot, form)
        expected = exports / "callfloor-2026-W46.xlsx"
        assert f"Saved 2026-W46 to {expected} (0 tickets)" in notes(app)
    assert openpyxl.load_workbook(expected, read_only=True).sheetnames == SHEETS


@pytest.mark.parametrize(
    "typed, said",
    [
        ("/no/such/folder/report.xlsx", "does not exist"),
        ("~/report.csv", "does not end in .xlsx"),
        ("", "no file given"),
        ("~/.xlsx", "no file given"),  # only the ending: it is the name that is missing
    ],
)
async def test_a_bad_file_is_said_in_the_form_and_the_typing_stays(app_for, home, typed, said):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        field = form.query_one(Input)
        field.value = typed
        field.focus()
        await export(pilot, form)
        assert app.screen is form  # still open
        assert said in screen_text(app)
        assert field.value == typed and app.focused is field and not field.disabled
        assert form.exporting is False
        field.value = str(home / "fixed.xlsx")  # corrected at once
        await export(pilot, form)
        assert not isinstance(app.screen, ExportReportModal)
    assert (home / "fixed.xlsx").exists()


async def test_a_refusal_while_writing_is_said_in_the_form(app_for, home, monkeypatch):
    """A folder the floor host will not let us write in (faked: the tests may run as root)."""

    def refused(session, week, path, **options):
        raise StorageProblem(f"cannot write in {home} (Permission denied); choose a folder you can write to")

    monkeypatch.setattr(export_report, "export_week", refused)
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await export(pilot, form)
        assert app.screen is form
        assert shows(app, "Permission denied")
        assert "Permission denied" in str(form.query_one(".modal-problem", Static).render())
        assert form.query_one(Input).value == "callfloor-2026-W46.xlsx" and app.focused is form.query_one(
            Input
        )


async def test_the_app_keeps_drawing_while_the_export_runs(app_for, exports, monkeypatch):
    """The export runs in a thread: the bar and the phase move while it works, the form's keys
    are greyed, and Esc does not drop a half-written file."""
    release = threading.Event()
    reached = threading.Event()
    real = export_report.export_week

    def slow(session, week, path, *, clear=False, progress=None, language=None):
        progress(0.5, "tickets")
        reached.set()
        assert release.wait(10)
        return real(session, week, path, clear=clear, progress=progress, language=language)

    monkeypatch.setattr(export_report, "export_week", slow)
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("enter")
        for _ in range(1000):  # up to 20 s: a loaded machine is slow, not wrong
            await pilot.pause(0.02)
            if reached.is_set():
                break
        await pilot.pause()
        assert form.query_one(ProgressBar).percentage == 0.5
        assert "Writing the tickets" in screen_text(app) and "50%" in screen_text(app)
        assert form.check_action("start", ()) is None and form.check_action("move", (-1,)) is None
        assert form.check_action("period", ()) is None
        await pilot.press("escape", "left")
        await pilot.pause()
        assert app.screen is form and form.week.label == "2026-W46"
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, ExportReportModal)
    assert (exports / "callfloor-2026-W46.xlsx").exists()


# ---------------------------------------------------------------- the monthly callback work report


def _november_callbacks(floor) -> None:
    """Two done callbacks in 2026-11 (the current month at the clock's Friday 11-20): li's scored
    5 with a suggestion, wang's scored 2 (a low score, its follow-up open), each one attempt;
    and one of October's (li, 4)."""
    from db.models import Agent, Callback, CallbackAttempt, Customer
    from tests.conftest import sh

    customer = Customer.get(Customer.code == "C001").id
    for key, login, done, overall, extra in (
        ("oct", "li", sh(2026, 10, 20, 10), 4, {}),
        ("nov-li", "li", sh(2026, 11, 3, 10), 5, {"suggestion": "希望周末也能送货"}),
        (
            "nov-wang",
            "wang",
            sh(2026, 11, 18, 15),
            2,
            {"follow_up_status": "open", "feedback": f"回电 {PHONE}"},
        ),
    ):
        row = Callback.create(
            key=key,
            group="resolved",
            customer=customer,
            due_from=sh(2026, 10, 1),
            due_by=sh(2026, 12, 31),
            status="done",
            owner=Agent.get(Agent.login == login).id,
            completed_at=done,
            overall=overall,
            created_at=sh(2026, 10, 1),
            created_by="test",
            **extra,
        )
        CallbackAttempt.create(callback=row.id, at=done, agent=login, outcome="done")


async def test_p_switches_to_the_month_and_left_right_move_by_month(app_for, home):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert "p: monthly callback report" in screen_text(app)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert form.monthly is True and form.month.label == "2026-10"
        assert "Export monthly callback report" in text and "Month (calendar month, floor time)" in text
        assert "2026-10 (10-01 – 10-31)" in text and "last full month" in text and "p: weekly report" in text
        assert form.query_one(Input).value == "callfloor-2026-10.xlsx"
        await pilot.press("right")
        await pilot.pause()
        assert form.month.label == "2026-11" and "this month, figures as of now" in screen_text(app)
        assert form.check_action("move", (1,)) is None  # 2026-12 has not begun: greyed
        await pilot.press("right", "left", "left")  # the first right does nothing
        await pilot.pause()
        assert form.month.label == "2026-09" and "2026-09 (09-01 – 09-30)" in screen_text(app)
        assert form.query_one(Input).value == "callfloor-2026-09.xlsx"  # the name follows the month
        await pilot.press("p")  # back to the week, where it was
        await pilot.pause()
        assert form.monthly is False and form.week.label == "2026-W46"
        assert "Export weekly report" in screen_text(app)
        assert form.query_one(Input).value == "callfloor-2026-W46.xlsx"
        field = form.query_one(Input)
        field.value = str(home / "meeting.xlsx")
        await pilot.press("p")  # a typed name stays
        await pilot.pause()
        assert field.value == str(home / "meeting.xlsx")


async def test_a_month_is_exported_from_the_keyboard_and_reads_back(app_for, queue_floor, exports):
    _november_callbacks(queue_floor)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("p", "right")
        await pilot.pause()
        assert form.period.label == "2026-11"
        await export(pilot, form)
        assert not isinstance(app.screen, ExportReportModal)
        written = exports / "callfloor-2026-11.xlsx"
        assert f"Saved 2026-11 to {written} (2 callbacks done)" in notes(app)
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["Summary", "Agents", "Low scores", "Suggestions", "Phrases"]
    summary = {
        r[4]: r[1:4]
        for r in book["Summary"].iter_rows(min_row=SUMMARY_TABLE_ROW + 2, values_only=True)
        if r[4]
    }
    # made, reached, done: one each for li and wang; last month: li's October call
    assert summary["calls_made"] == (2, 1, 1) and summary["callbacks_done"] == (2, 1, 1)
    assert summary["satisfaction_avg"] == (3.5, 4, -0.5)  # (5 + 2) / 2 against 4
    assert summary["low_score_follow_up.open"] == (1, 0, 1)
    agents = [r[:5] for r in book["Agents"].iter_rows(min_row=2, values_only=True)]
    assert agents == [("li", "李娜", 1, 1, 1), ("wang", "王强", 1, 1, 1)]
    [low] = list(book["Low scores"].iter_rows(min_row=2, values_only=True))
    assert (low[2], low[6], low[12], low[13]) == ("wang", "138****5678", "Open", "回电 138****5678")  # masked
    assert PHONE not in " ".join(cells(written))
    [suggestion] = list(book["Suggestions"].iter_rows(min_row=2, values_only=True))
    assert suggestion[-1] == "希望周末也能送货"


async def test_the_month_form_speaks_chinese_and_keeps_clear_for_supervisors(app_for, exports):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        assert "导出回访工作月报" in text and "上一个完整月" in text and "p：改为周报" in text
        assert "明文：仅主管可导出" in text and form.check_action("mode", ()) is False
        await export(pilot, form)
        assert "已将 2026-10 保存到" in notes(app)
    assert (
        openpyxl.load_workbook(exports / "callfloor-2026-10.xlsx")["汇总"]["A1"].value  # sheets in Chinese
        == "回访工作月报 2026-10"
    )


async def test_a_refused_name_is_mended_by_typing_on(app_for, home):
    """The cursor stands at the end of the refused name, nothing selected: typing ".xlsx" after
    "report" mends it (it used to replace the whole name)."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        field = form.query_one(Input)
        field.value = str(home / "report")
        field.focus()
        await export(pilot, form)
        assert "does not end in .xlsx" in screen_text(app) and app.focused is field
        await pilot.press(*".xlsx")
        assert field.value == str(home / "report.xlsx")
        await export(pilot, form)
        assert not isinstance(app.screen, ExportReportModal)
    assert (home / "report.xlsx").exists()


async def test_an_agent_is_not_offered_clear_phones(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.check_action("mode", ()) is False  # not greyed and dead: not there
        assert "clear" not in [b.binding.action for b in app.active_bindings.values() if b.enabled]
