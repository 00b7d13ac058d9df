"""Defect 8: inputs nobody expected were tracebacks, and any unexpected error ended the app.
Now each such input is a clear refusal: a handoff's "by when" and a callback's "busy until"
more than a year ahead, a handoff number past SQLite's integers, a policy with no working
time (refused by `policy check` and `policy load`; and a stored one makes every deadline a
PolicyError, never a loop or an overflow). And the app has one last resort: an unexpected
error in an action, a handler or a worker is shown as a notification naming a log file that
holds its traceback (mode 0600), and the app keeps running."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta

import pytest
from textual.worker import WorkerFailed

from core.basics.errors import CallfloorError, InvalidInput, PolicyError
from core.callbacks.calls import claim_callback, customer_busy
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer
from core.handoffs.directory import add_department
from core.handoffs.lifecycle import add_handoff
from core.policy.document import parse_policy
from tests.app.conftest import SIZE
from tests.conftest import sh
from tests.engines import FloorDb, query

FAR = "+99999999h"

NO_WORKING_TIME = {
    "every weekday a holiday": '[calendar]\nworkdays = ["mon"]\nholidays = ["2026-01-01..2125-12-31"]\n'
    '[sla]\nmode = "business"\n',
    "a holiday range over every day": "[calendar]\n"
    'workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
    'holidays = ["2026-11-01..2030-12-31"]\n',
    "opening equals closing": '[calendar]\nhours = ["09:00-09:00"]\n',
}


# ------------------------------------------------------------------ inputs, refused clearly


def test_a_handoff_by_when_far_ahead_is_refused(queue_floor):
    add_department(queue_floor, "warehouse")
    with pytest.raises(InvalidInput) as refused:
        add_handoff(queue_floor, "T000001", "warehouse", "confirm the location", FAR)
    assert refused.value.field == "due" and "more than a year ahead" in str(refused.value)
    with pytest.raises(InvalidInput):
        add_handoff(queue_floor, "T000001", "warehouse", "confirm the location", "+" + "9" * 5000 + "m")
    assert add_handoff(queue_floor, "T000001", "warehouse", "confirm the location", "+2h").id


def test_a_callback_busy_until_far_ahead_is_refused(floor, as_li):
    add_customer(
        floor, CustomerForm(code="C002", name="New Co", type="new", delivery_date=date(2026, 11, 18))
    )
    [booked] = schedule_callbacks(floor)
    claim_callback(as_li, booked.id)
    with pytest.raises(InvalidInput) as refused:
        customer_busy(as_li, booked.id, FAR)
    assert refused.value.field == "call again at" and "more than a year ahead" in str(refused.value)
    assert customer_busy(as_li, booked.id, "+2h").status == "open"


def test_the_command_line_refuses_them_without_a_traceback(cli_floor):
    ref = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损"
    ).strip()
    done = cli_floor.run("handoff", "add", ref, "--dept", "warehouse", "--need", "check it", "--due", FAR)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "more than a year ahead" in done.stderr
    done = cli_floor.run("handoff", "answer", "99999999999999999999999", "x")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "no handoff #99999999999999999999999" in done.stderr
    done = cli_floor.run("ticket", "show", "T" + "9" * 5000)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "no ticket" in done.stderr


@pytest.mark.parametrize("case", sorted(NO_WORKING_TIME))
def test_a_policy_without_working_time_is_refused_by_check_and_load(cli_floor, tmp_path, case):
    source = tmp_path / "policy.toml"
    source.write_text(NO_WORKING_TIME[case], encoding="utf-8")
    for command in (("policy", "check", str(source)), ("policy", "load", str(source))):
        done = cli_floor.run(*command)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (command, done.stderr)
        assert "calendar" in done.stderr, done.stderr
    assert "the built-in defaults (no policy file loaded)" in cli_floor.ok("policy", "show")
    assert "no policy loaded" in cli_floor.ok("policy", "show", "--as-loaded")


def store_policy(where: FloorDb, text: str) -> None:
    """A policy put in the floor without policy load (an older callfloor, a hand edit):
    SQLite's INSERT OR REPLACE, a server's upsert."""
    on_sqlite = where.path is not None
    query(
        where,
        ("INSERT OR REPLACE" if on_sqlite else "INSERT")
        + " INTO floor_setting (key, value, updated_at, updated_by) "
        "VALUES ('policy', ?, '2026-11-20 02:00:00', 'boss')"
        + ("" if on_sqlite else " ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
        (text,),
    )


def test_a_stored_policy_without_working_time_is_a_refusal_everywhere(cli_floor):
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    store_policy(cli_floor.db, NO_WORKING_TIME["every weekday a holiday"])
    for command in (
        ("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "again"),
        ("callbacks", "schedule"),
    ):
        done = cli_floor.run(*command)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (command, done.stderr)
        assert "calendar" in done.stderr


def test_the_calendar_gives_up_with_a_policy_error_not_a_loop():
    policy = parse_policy('[calendar]\nhours = ["09:00-09:01"]\n', "policy.toml")
    with pytest.raises(PolicyError) as refused:  # a year of business time at a minute a day
        policy.calendar.add_business_time(sh(2026, 11, 20, 10), timedelta(days=366))
    assert refused.value.key == "calendar" and isinstance(refused.value, ValueError)
    empty = parse_policy('[calendar]\nholidays = ["2026-11-01..2030-12-31"]\n', "policy.toml")
    with pytest.raises(CallfloorError):
        empty.calendar.next_opening(sh(2026, 11, 20, 10))
    with pytest.raises(PolicyError):
        empty.calendar.next_working_day(sh(2026, 11, 20).date())


# ------------------------------------------------------------------ the app's last resort


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    folder = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


def notifications(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def assert_logged(state_home, app, text: str):
    log = state_home / "callfloor" / "errors.log"
    assert str(log) in notifications(app)
    content = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in content and text in content
    assert stat.S_IMODE(os.stat(log).st_mode) == 0o600
    return content


async def test_an_action_that_raises_is_shown_logged_and_the_app_goes_on(app_for, state_home, monkeypatch):
    from tui.screens.queue import QueueScreen

    def broken(self):
        raise RuntimeError("claim broke unexpectedly")

    monkeypatch.setattr(QueueScreen, "action_claim", broken)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert "claim broke unexpectedly" in notifications(app)
        assert_logged(state_home, app, "RuntimeError: claim broke unexpectedly")
        await pilot.press("2")  # still answers keys
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"
    assert app.return_code in (None, 0)


async def test_a_handler_that_raises_leaves_its_screen_working(app_for, state_home, monkeypatch):
    def broken(*_):
        raise KeyError("the row went away")

    import tui.app

    monkeypatch.setattr(tui.app, "TicketScreen", broken)  # what the queue's Enter handler has the app open
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        assert_logged(state_home, app, "KeyError: 'the row went away'")
        await pilot.press("down")  # the queue's message pump still reads
        await pilot.pause()
        assert app.screen.table.cursor == 1


async def test_a_worker_that_raises_is_shown_and_logged(app_for, state_home):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()

        def work():
            raise ValueError("a worker's surprise")

        worker = app.run_worker(work, thread=True)
        with pytest.raises(WorkerFailed):  # what awaiting it says; the app was told the same
            await worker.wait()
        await pilot.pause()
        assert app.is_running
        assert_logged(state_home, app, "ValueError: a worker's surprise")


def test_the_log_falls_back_to_a_private_temp_folder(tmp_path, monkeypatch):
    from tui import last_resort

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    monkeypatch.setenv("HOME", str(blocked))
    monkeypatch.setattr(last_resort.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    try:
        raise RuntimeError("nowhere else to write")
    except RuntimeError as error:
        path = last_resort.write_error(error)
    assert path == tmp_path / "tmp" / f"callfloor-{os.getuid()}" / "errors.log"
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert "nowhere else to write" in path.read_text(encoding="utf-8")


async def test_a_result_for_a_screen_esc_closed_is_dropped_and_one_on_show_is_not(app_for, state_home):
    """A read that finishes after Esc closed its screen finds the screen's widgets gone
    (NoMatches, seen under load): nobody will see it, so it is no error. The same lookup failing
    on the screen on show is a real bug, shown and logged."""
    from textual.css.query import NoMatches
    from textual.screen import Screen

    class Shown(Screen):
        def show_counts(self) -> None:
            self.query_one("#counts")  # what a read's result does when it lands

    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        closed = Shown()
        await app.push_screen(closed)
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        with pytest.raises(NoMatches) as late:
            closed.show_counts()
        app._handle_exception(WorkerFailed(late.value))
        await pilot.pause()
        assert app.is_running and not (state_home / "callfloor" / "errors.log").exists()
        shown = Shown()
        await app.push_screen(shown)
        await pilot.pause()
        with pytest.raises(NoMatches) as bug:
            shown.show_counts()
        app._handle_exception(WorkerFailed(bug.value))
        await pilot.pause()
        assert app.is_running
        assert_logged(state_home, app, "NoMatches")
