"""`callfloor export` and the floor's exports folder (issue 21): with no -o the workbook goes to
the exports folder (beside the floor file; on PostgreSQL ~/callfloor/exports); a name already
taken gets "(2)" and the output says the name written and that nothing was overwritten, unless
--overwrite; a clear export says CLEAR in its file name and in its output, in both languages.

The floor is tests/cli/conftest.py's, at Fri 2026-11-20 10:00 Shanghai: 2026-W46 is the last
full week."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import NOW


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def run(floor, home, *args, user="boss"):
    return floor.run("export", *args, user=user, env={"HOME": str(home)})


def exports(floor, home):
    return floor.path.parent / "exports" if floor.path is not None else home / "callfloor" / "exports"


def test_no_output_path_writes_to_the_exports_folder(cli_floor, home):
    done = run(cli_floor, home, user="li")
    written = exports(cli_floor, home) / "callfloor-2026-W46.xlsx"
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{written}: weekly report 2026-W46, 0 tickets, phones masked (")
    assert done.stdout.count("\n") == 1
    assert stat.S_IMODE(written.stat().st_mode) == 0o640
    if cli_floor.path is not None:
        assert stat.S_IMODE(written.parent.stat().st_mode) == 0o3770


def test_a_second_export_takes_a_new_name_and_says_so(cli_floor, home):
    first = run(cli_floor, home)
    second = run(cli_floor, home)
    folder = exports(cli_floor, home)
    assert first.returncode == second.returncode == 0
    lines = second.stdout.splitlines()
    assert lines[0].startswith(f"{folder / 'callfloor-2026-W46 (2).xlsx'}: weekly report 2026-W46")
    assert lines[1] == "callfloor-2026-W46.xlsx was taken, so this is a new file: nothing was overwritten"
    month = run(cli_floor, home, "--month", "2026-10")
    again = run(cli_floor, home, "--month", "2026-10")
    assert month.stdout.startswith(f"{folder / 'callfloor-2026-10.xlsx'}: monthly callback report 2026-10")
    assert again.stdout.startswith(f"{folder / 'callfloor-2026-10 (2).xlsx'}: monthly callback report")


def test_an_explicit_path_still_works_and_overwrite_replaces_on_purpose(cli_floor, home, tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    kept = run(cli_floor, home, "-o", str(target))
    assert (
        kept.stdout.startswith(f"{tmp_path / 'out (2).xlsx'}: weekly report")
        and target.read_bytes() == b"old"
    )
    replaced = run(cli_floor, home, "-o", str(target), "--overwrite")
    assert replaced.returncode == 0 and replaced.stdout.startswith(f"{target}: weekly report")
    assert replaced.stdout.count("\n") == 1 and target.read_bytes() != b"old"
    assert not (tmp_path / "out (3).xlsx").exists()


def test_a_clear_export_says_clear_in_its_name_and_its_output(cli_floor, home):
    masked = run(cli_floor, home)
    clear = run(cli_floor, home, "--clear")
    folder = exports(cli_floor, home)
    assert masked.returncode == clear.returncode == 0
    written = folder / "callfloor-2026-W46-CLEAR.xlsx"
    assert clear.stdout.startswith(
        f"{written}: weekly report 2026-W46, 0 tickets, CLEAR phone and order numbers"
    )
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [
        "callfloor-2026-W46-CLEAR.xlsx",
        "callfloor-2026-W46.xlsx",
    ]


def test_the_output_speaks_chinese_and_says_mingwen(cli_floor, home):
    done = cli_floor.run("--lang", "zh", "export", "--clear", "--month", "2026-10", env={"HOME": str(home)})
    written = exports(cli_floor, home) / "callfloor-2026-10-CLEAR.xlsx"
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{written}：2026-10 回访工作月报，完成回访 0 次，CLEAR 明文：")
    again = cli_floor.run("--lang", "zh", "export", env={"HOME": str(home)})
    assert "张工单" in again.stdout and "电话已脱敏" in again.stdout


def test_a_masked_export_to_a_clear_name_is_refused(cli_floor, home, tmp_path):
    done = run(cli_floor, home, "-o", str(tmp_path / "w-CLEAR.xlsx"))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "callfloor: file: 'w-CLEAR.xlsx' says CLEAR, which marks a file with phones and order "
        "numbers in full; this export is masked: name it without CLEAR, e.g. callfloor-2026-W46.xlsx\n"
    )
    assert not list(tmp_path.glob("*.xlsx"))


def test_an_agent_s_file_outside_the_exports_folder_is_refused(cli_floor, home, tmp_path):
    folder = exports(cli_floor, home)
    done = run(cli_floor, home, "-o", str(tmp_path / "mine.xlsx"), user="li")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"callfloor: file: li is an agent, and agents' exports go to the floor's exports folder {folder}, "
        f"not {tmp_path / 'mine.xlsx'}; give no file to save callfloor-2026-W46.xlsx there (a supervisor "
        "may save elsewhere)\n"
    )
    zh = cli_floor.run(
        "--lang",
        "zh",
        "export",
        "--month",
        "2026-10",
        "-o",
        str(tmp_path / "m.xlsx"),
        user="wang",
        env={"HOME": str(home)},
    )
    assert zh.returncode == 1 and f"客服的导出只能保存到现场的导出文件夹 {folder}" in zh.stderr
    assert not list(tmp_path.rglob("*.xlsx"))
    inside = run(cli_floor, home, "-o", str(folder / "mine.xlsx"), user="li")  # in the folder: fine
    assert inside.returncode == 0 and inside.stdout.startswith(f"{folder / 'mine.xlsx'}: weekly report")


LOCKED_EXPORT = """
import errno, pathlib, sys
locked = pathlib.Path(sys.argv[1])
real_is_dir = pathlib.Path.is_dir

def is_dir(self):  # /root as another user: EACCES (faked, since the tests may run as root)
    if locked in (self, *self.parents):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    return real_is_dir(self)

pathlib.Path.is_dir = is_dir
from tui.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_folder_the_user_may_not_enter_is_one_line_not_a_traceback(cli_floor, tmp_path):
    locked = tmp_path / "root"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER="boss", CALLFLOOR_NOW=NOW, HOME=str(tmp_path))
    for language, said in (
        (
            "en",
            f"callfloor: cannot write in {locked / 'x'} (Permission denied); choose a folder you "
            "can write to\n",
        ),
        ("zh", f"callfloor: 无法写入 {locked / 'x'}（Permission denied）；请选择一个可以写入的文件夹\n"),
    ):
        done = subprocess.run(
            [sys.executable, "-c", LOCKED_EXPORT, str(locked), "--lang", language, "export"]
            + ["-o", str(locked / "x" / "r.xlsx"), *cli_floor.db.args()],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).parents[2],
        )
        assert (done.returncode, done.stdout, done.stderr) == (1, "", said)
