"""The contact directory (key 3) with Pilot at 80x24: every department with its contact, phone,
backup and online hours, marked online or offline now; a supervisor edits and adds by keys,
a refusal keeps the form open with the typing; an agent only reads; both languages."""

from __future__ import annotations

import pytest

from core.admin import setup as admin
from core.handoffs.directory import add_department, list_departments
from tests.app.conftest import SIZE, screen_text
from tests.app.test_ticket_screen import footer_keys, messages, type_text
from tui.modals.text_entry import TextEntryModal
from tui.screens.directory import DirectoryScreen
from tui.screens.queue import QueueScreen

DIRECTORY = ["logistics", "production", "rnd", "tech", "warehouse"]
"""The policy's departments as init_floor puts them in the directory, in the list's order."""


@pytest.fixture
def directory(queue_floor):
    admin.init_floor(queue_floor)
    return queue_floor


def entry(session, name: str):
    return next(d for d in list_departments(session) if d.name == name)


def lines_of(app, name: str) -> tuple[str, str]:
    """A department's two lines on screen: name, hours, mark; then contact and backup."""
    lines = screen_text(app).splitlines()
    [row] = [n for n, line in enumerate(lines) if f"({name})" in line or line.strip().startswith(name)]
    return lines[row], lines[row + 1]


async def open_directory(app, pilot) -> DirectoryScreen:
    await pilot.pause()
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(app.screen, DirectoryScreen)
    return app.screen


async def move_to(pilot, name: str) -> None:
    screen = pilot.app.screen
    names = [d.name for d in screen.entries]
    await pilot.press(*["j"] * (names.index(name) - names.index(screen.current_name())))
    await pilot.pause()
    assert screen.current_name() == name


async def test_key_3_lists_every_department_and_esc_goes_back_to_the_queue(app_for, directory):
    add_department(
        directory,
        "qa_lab",
        contact="周敏",
        phone="13700000000",
        hours="09:00-17:00",
        backup_contact="Ann",
        backup_phone="13900002222",
    )
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_directory(app, pilot)
        assert [d.name for d in screen.entries] == sorted(DIRECTORY + ["qa_lab"])
        text = screen_text(app)
        assert "Department directory" in text and "6 departments" in text
        for name in DIRECTORY + ["qa_lab"]:
            assert name in text  # all six fit 80x24
        first, second = lines_of(app, "warehouse")
        assert "Warehouse (warehouse)" in first and "hours 08:00-18:00" in first and "online now" in first
        first, second = lines_of(app, "qa_lab")
        assert "hours 09:00-17:00" in first and "online now" in first
        assert "周敏" in second and "13700000000" in second and "Ann" in second and "13900002222" in second
        assert {"e", "n", "escape"} <= footer_keys(app)
        await pilot.press("down", "j", "j", "k", "up")
        await pilot.pause()
        assert screen.current_name() == "production"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def test_a_supervisor_edits_a_departments_phone_and_hours_by_keys(app_for, directory):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_directory(app, pilot)
        await move_to(pilot, "warehouse")
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TextEntryModal)
        assert form.values() == {
            "contact": "",
            "phone": "",
            "backup_contact": "",
            "backup_phone": "",
            "hours": "08:00-18:00",
        }  # the entry as it stands
        assert "Edit Warehouse (warehouse) in the directory" in screen_text(app)
        await type_text(pilot, "张伟")
        await pilot.press("tab")
        await type_text(pilot, "021-55550000")
        await pilot.press("tab", "tab", "tab")  # past the backup contact and phone, to the hours
        await type_text(pilot, "07:30-19:00")  # the field's text was selected: typing replaces it
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Saved Warehouse (warehouse) in the directory" in messages(app)
        assert screen.current_name() == "warehouse"
        first, second = lines_of(app, "warehouse")
        assert "hours 07:30-19:00" in first and "张伟" in second and "021-55550000" in second
    saved = entry(directory, "warehouse")
    assert (saved.contact_person, saved.phone, saved.online_hours) == ("张伟", "021-55550000", "07:30-19:00")


async def test_bad_hours_keep_the_form_open_with_the_message_and_the_typing(app_for, directory):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_directory(app, pilot)
        await move_to(pilot, "tech")
        await pilot.press("enter")  # Enter edits too
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TextEntryModal)
        await pilot.press("tab")
        await type_text(pilot, "13800001111")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "18:00-09:00")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form
        assert form.values()["phone"] == "13800001111" and form.values()["hours"] == "18:00-09:00"
        problem = "hours: '18:00-09:00' is not a span like 08:00-18:00 (start before end)"
        assert problem in screen_text(app) and problem in messages(app)
        assert entry(directory, "tech").phone is None  # nothing written
        await pilot.press("backspace")  # mend it where it stands: 18:00-09:0 ...
        await type_text(pilot, "0")
        await pilot.press("home", *["delete"] * 5)
        await type_text(pilot, "08:00")
        assert form.values()["hours"] == "08:00-09:00"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
    assert (entry(directory, "tech").phone, entry(directory, "tech").online_hours) == (
        "13800001111",
        "08:00-09:00",
    )


async def test_an_emptied_field_is_cleared(app_for, directory):
    add_department(directory, "qa_lab", contact="周敏", backup_contact="Ann", backup_phone="13900002222")
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_directory(app, pilot)
        await move_to(pilot, "qa_lab")
        await pilot.press("e", "tab", "tab")
        await pilot.press("backspace")  # the backup contact, selected on the way in
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
    assert (entry(directory, "qa_lab").backup_contact, entry(directory, "qa_lab").contact_person) == (
        None,
        "周敏",
    )


async def test_a_cancelled_edit_keeps_its_typing_for_next_time(app_for, directory):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_directory(app, pilot)
        await pilot.press("e")  # logistics, the first
        await type_text(pilot, "马丽")
        await pilot.press("escape")
        await pilot.pause()
        assert "Kept what you typed" in messages(app)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.values()["contact"] == "马丽"
        await pilot.press("escape")
        await pilot.pause()
    assert entry(directory, "logistics").contact_person is None


async def test_a_supervisor_adds_a_department(app_for, directory):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_directory(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal)
        await type_text(pilot, "qa_lab")
        await pilot.press("tab")
        await type_text(pilot, "周敏")
        await pilot.press("tab")
        await type_text(pilot, "13700000000")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "11:00-17:00")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and screen.current_name() == "qa_lab"
        assert "Added qa_lab to the directory" in messages(app)
        first, second = lines_of(app, "qa_lab")
        assert "offline now" in first and "周敏" in second
    added = entry(directory, "qa_lab")
    assert (added.contact_person, added.phone, added.online_hours) == ("周敏", "13700000000", "11:00-17:00")


async def test_an_agent_reads_the_directory_but_cannot_edit_or_add(app_for, directory):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_directory(app, pilot)
        assert len(screen.entries) == len(DIRECTORY)
        assert not footer_keys(app) & {"e", "n"}
        text = screen_text(app)
        assert "Read only: supervisors keep the directory." in text
        footer = text.splitlines()[-1]
        assert "Edit" not in footer and "Add department" not in footer and "Back" in footer
        await pilot.press("e", "n", "enter")
        await pilot.pause()
        assert app.screen is screen  # no form opened
    assert entry(directory, "warehouse").contact_person is None


async def test_a_department_outside_its_hours_is_marked_offline(app_for, directory):
    # 10:00 on a Friday: before the QA lab opens at 11:00
    add_department(directory, "qa_lab", contact="周敏", phone="13700000000", hours="11:00-17:00")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_directory(app, pilot)
        first, _ = lines_of(app, "qa_lab")
        assert "hours 11:00-17:00" in first and "offline now" in first
        assert "online now" in lines_of(app, "warehouse")[0]
        assert "offline" not in screen_text(app).replace(first, "")


async def test_customer_typed_text_is_shown_as_typed_never_as_markup(app_for, directory):
    add_department(directory, "qa_lab", contact="[bold]周[/]", phone="\x1b[2J137")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_directory(app, pilot)
        _, second = lines_of(app, "qa_lab")
        assert "[bold]周[/]" in second and "␛[2J137" in second


async def test_chinese_names_marks_and_keys(app_for, directory):
    add_department(directory, "qa_lab", hours="11:00-17:00")
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_directory(app, pilot)
        text = screen_text(app)
        assert "紧急联络表" in text and "共 6 个部门" in text
        first, second = lines_of(app, "warehouse")
        assert "仓库 (warehouse)" in first and "在线时间 08:00-18:00" in first and "当前在线" in first
        assert "联系人" in second and "备用" in second
        assert "当前不在线" in lines_of(app, "qa_lab")[0]
        footer = text.splitlines()[-1]
        assert "编辑" in footer and "新增部门" in footer and "返回" in footer
        await move_to(pilot, "warehouse")
        await pilot.press("e")
        await pilot.pause()
        text = screen_text(app)
        assert (
            "编辑联络表：仓库 (warehouse)" in text
            and "备用电话" in text
            and "在线时间，如 08:00-18:00" in text
        )
