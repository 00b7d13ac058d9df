"""The export form and the floor's exports folder (issue 21): the form proposes the period's name
in the exports folder (the policy's [exports] folder, beside the floor file by default); an
agent chooses the period only (the file field is greyed: their files land where the floor's
share serves them); a supervisor may type another name or any path; a second export of the
same week writes a new name and says so; a clear export's name and closing message say CLEAR
(明文 in Chinese).

The floor's clock stands at Fri 2026-11-20 10:00 Shanghai: 2026-W46 is the last full week."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from core.report.export_file import floor_file
from tests.app import test_export_report as export_tests
from tests.app.conftest import SIZE, screen_text
from tui.modals.export_report import ExportReportModal

# the export form's own tests' fixtures and steps (home is autouse: ~ is the test's own)
home, exports = export_tests.home, export_tests.exports
notes, open_form = export_tests.notes, export_tests.open_form


async def export(pilot) -> None:
    await export_tests.export(pilot, pilot.app.screen)


@pytest.mark.parametrize("login", ["li", "boss"])
async def test_the_proposed_file_is_in_the_exports_folder(app_for, exports, login):
    app = app_for(login)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        assert form.query_one(Input).value == "callfloor-2026-W46.xlsx"
        assert form.target == str(exports / "callfloor-2026-W46.xlsx")
        assert "in the floor's exports folder" in screen_text(app)  # the field's label says where
        await export(pilot)
        written = exports / "callfloor-2026-W46.xlsx"
        assert f"Saved 2026-W46 to {written} (0 tickets)" in notes(app)
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o640
    if floor_file(app.session) is not None:
        assert stat.S_IMODE(os.stat(exports).st_mode) == 0o3770


async def test_an_agent_cannot_change_the_folder_or_the_name(app_for, exports, tmp_path):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        field = form.query_one(Input)
        assert field.disabled and form.known and not form.may_clear
        await pilot.press("tab", "tab", "tab")
        # typed at the greyed field: it takes nothing (no p or m in it: those are the form's keys)
        await pilot.press(*"/srv/x.xlsx")
        await pilot.pause()
        assert app.focused is not field and field.value == "callfloor-2026-W46.xlsx"
        assert "Enter saves to the floor's folder" in screen_text(app)
        await pilot.press("left")  # the name follows the week
        await pilot.pause()
        assert field.value == "callfloor-2026-W45.xlsx"
        await export(pilot)
        assert not isinstance(app.screen, ExportReportModal)
    assert (exports / "callfloor-2026-W45.xlsx").exists()
    assert not list(tmp_path.glob("*.xlsx"))


async def test_a_supervisor_may_type_another_name_or_any_path(app_for, exports, tmp_path):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        field = form.query_one(Input)
        assert not field.disabled
        field.value = "meeting.xlsx"  # a name: in the exports folder
        assert form.target == str(exports / "meeting.xlsx")
        field.value = str(tmp_path / "elsewhere.xlsx")  # a path: there
        await export(pilot)
        assert f"Saved 2026-W46 to {tmp_path / 'elsewhere.xlsx'}" in notes(app)
    assert stat.S_IMODE(os.stat(tmp_path / "elsewhere.xlsx").st_mode) == 0o640  # never 0644


async def test_a_second_export_of_the_same_week_writes_a_new_name_and_says_it(app_for, exports):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await export(pilot)
        form = await open_form(pilot)
        assert form.query_one(Input).value == "callfloor-2026-W46.xlsx"
        await export(pilot)
        second = exports / "callfloor-2026-W46 (2).xlsx"
        said = notes(app)
        assert f"Saved 2026-W46 to {second} (0 tickets)" in said
        assert (
            "callfloor-2026-W46.xlsx was already there, so this is a new file (nothing was overwritten)"
            in said
        )
    assert sorted(p.name for p in exports.iterdir()) == [
        "callfloor-2026-W46 (2).xlsx",
        "callfloor-2026-W46.xlsx",
    ]


async def test_a_clear_export_s_name_and_message_say_clear(app_for, exports):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert form.clear and form.query_one(Input).value == "callfloor-2026-W46-CLEAR.xlsx"
        await export(pilot)
        written = exports / "callfloor-2026-W46-CLEAR.xlsx"
        assert f"Saved 2026-W46 CLEAR (phones and order numbers in full) to {written}" in notes(app)
        assert any(n.title == "Weekly report, CLEAR" for n in app._notifications)
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600


async def test_a_clear_export_says_mingwen_in_chinese_and_a_typed_name_gets_clear(app_for, exports):
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        form.query_one(Input).value = "周会.xlsx"
        await pilot.press("m", "p")
        await pilot.pause()
        assert form.query_one(Input).value == "周会.xlsx"  # typed: it stays
        await export(pilot)
        written = exports / "周会-CLEAR.xlsx"
        assert f"已将 2026-10 明文（CLEAR，电话和订单号完整显示）保存到 {written}" in notes(app)
    assert written.exists()


@pytest.mark.parametrize(
    "lang, said",
    [
        ("en", "cannot write in {folder} (Permission denied); choose a folder you can write to"),
        ("zh", "无法写入 {folder}（Permission denied）；请选择一个可以写入的文件夹"),
    ],
)
async def test_a_folder_the_supervisor_may_not_enter_is_said_in_their_language(
    app_for, exports, tmp_path, monkeypatch, lang, said
):
    """Path.is_dir raises PermissionError on EACCES (/root/x as another user; faked, since the
    tests may run as root): the form says the typed refusal, never "PermissionError: ..."."""
    locked = tmp_path / "root"
    real_is_dir = Path.is_dir

    def is_dir(self):
        if locked in (self, *self.parents):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    app = app_for("boss", lang)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_form(pilot)
        field = form.query_one(Input)
        field.value = str(locked / "x" / "r.xlsx")
        await export(pilot)
        assert app.screen is form
        problem = str(form.query_one(".modal-problem", Static).render())
        assert said.format(folder=locked / "x") in problem and "PermissionError" not in problem
        assert field.value == str(locked / "x" / "r.xlsx") and app.focused is field
