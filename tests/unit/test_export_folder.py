"""The floor's exports folder and exports that never overwrite (issue 21): the folder named by
the policy ([exports] folder, beside the floor file by default) is made on the first export,
mode 3770 with the floor file's group; files are 0640 (masked) or 0600 (clear) whatever the
umask; a name already taken gets "(2)", "(3)" ... (the final move is os.link, which cannot
replace a file that appeared meanwhile); a clear export says CLEAR in its name and never
touches the masked one.

The floor's clock stands at Fri 2026-11-20 10:00 Shanghai: 2026-W46 is the last full week (an
empty one: each export here is quick)."""

from __future__ import annotations

import errno
import grp
import os
import stat
from pathlib import Path

import openpyxl
import pytest

from core.basics import InvalidInput, NotAllowed, PolicyError, StorageProblem
from core.policy import default_policy, parse_policy, policy_toml
from core.report import export_file
from core.report.export_file import (
    CLEAR_MODE,
    FOLDER_MODE,
    MASKED_MODE,
    ExportTarget,
    default_target,
    exports_folder,
    floor_file,
    put_in_place,
)
from core.report.monthly_book import export_month
from core.report.workbook import export_week

WEEK = "2026-W46"


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """~ is the test's own (a floor on PostgreSQL exports to ~/callfloor/exports)."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def on_sqlite(session) -> bool:
    return floor_file(session) is not None


# ---------------------------------------------------------------- the folder


def test_the_first_export_makes_the_exports_folder_beside_the_floor_file(floor, home):
    folder = exports_folder(floor)
    expected = floor_file(floor).parent / "exports" if on_sqlite(floor) else home / "callfloor" / "exports"
    assert folder == expected and not folder.exists()
    result = export_week(floor, WEEK, None)
    assert result.path == folder / "callfloor-2026-W46.xlsx" == default_target(floor, WEEK)
    assert openpyxl.load_workbook(result.path, read_only=True).sheetnames[0]
    if on_sqlite(floor):
        # the floor's group writes in it (every agent exports there), setgid and sticky
        assert mode(folder) == FOLDER_MODE == 0o3770
        assert os.stat(folder).st_gid == os.stat(floor_file(floor)).st_gid
    else:
        assert mode(folder) == 0o700 and mode(folder.parent) == 0o700  # a person's own
    assert mode(result.path) == MASKED_MODE == 0o640
    assert sorted(p.name for p in folder.iterdir()) == ["callfloor-2026-W46.xlsx"]  # no work folder left


def test_the_folder_takes_the_floor_file_s_group_where_we_may(floor, floor_path):
    group = other_group()
    os.chown(floor_path, -1, group)
    result = export_week(floor, WEEK, None)
    folder = result.path.parent
    assert os.stat(folder).st_gid == group and mode(folder) == 0o3770
    assert os.stat(result.path).st_gid == group  # the setgid folder gave it the floor's group


def other_group() -> int:
    """A group not ours that this user may give a file (root: any); skip when there is none."""
    mine = os.getegid()
    others = [g for g in os.getgroups() if g != mine]
    if os.geteuid() == 0:
        others = [g.gr_gid for g in grp.getgrall() if g.gr_gid != mine][:1]
    if not others:
        pytest.skip("this user is in no group but its own: no other group to give the floor file")
    return others[0]


def refused(*args, **kwargs):
    raise PermissionError(errno.EPERM, "Operation not permitted")


def test_a_group_we_may_not_take_keeps_the_folder_private(floor, floor_path, monkeypatch):
    """The floor file's group is not ours to give (chown fails): 3770 would open the folder to
    our own group (li's), which would read every masked file there; so 0700, ours alone."""
    os.chown(floor_path, -1, other_group())
    monkeypatch.setattr(export_file.os, "chown", refused)
    result = export_week(floor, WEEK, None)
    assert os.stat(result.path.parent).st_gid != os.stat(floor_path).st_gid
    assert mode(result.path.parent) == 0o700 and mode(result.path) == 0o640


def test_a_folder_that_has_the_floor_s_group_already_gets_3770_without_chown(floor, floor_path, monkeypatch):
    assert os.stat(floor_path).st_gid == os.getegid()  # the floor file is ours: so is a new folder's group
    monkeypatch.setattr(export_file.os, "chown", refused)
    result = export_week(floor, WEEK, None)
    assert (
        mode(result.path.parent) == 0o3770
        and os.stat(result.path.parent).st_gid == os.stat(floor_path).st_gid
    )


def test_with_no_floor_file_a_shared_folder_we_make_is_private(floor, tmp_path, monkeypatch):
    """PostgreSQL: no floor file, so no floor's group to give; the admin makes a shared folder
    (install -d -m 3770 -g GROUP); one made by an export is its maker's alone."""
    monkeypatch.setattr(export_file, "floor_file", lambda session: None)
    shared = tmp_path / "srv" / "exports"
    shared.parent.mkdir()
    floor.policy = parse_policy(f'[exports]\nfolder = "{shared}"\n', "floor.toml")
    result = export_week(floor, WEEK, None)
    assert result.path == shared / "callfloor-2026-W46.xlsx"
    assert mode(shared) == 0o700 and mode(result.path) == 0o640


@pytest.mark.parametrize("folder_mode", [0o3770, 0o2750, 0o755])
def test_a_folder_that_exists_is_used_as_it_is(floor, tmp_path, monkeypatch, folder_mode):
    """An admin's folder (another owner, their group and mode): never chmodded nor chowned."""
    shared = tmp_path / "admin" / "exports"
    shared.mkdir(parents=True)
    os.chmod(shared, folder_mode)
    gid = os.stat(shared).st_gid
    floor.policy = parse_policy(f'[exports]\nfolder = "{shared}"\n', "floor.toml")
    touched: list = []
    real_chmod, real_chown = os.chmod, os.chown

    def chmod(path, *args, **kwargs):
        touched.append(("chmod", Path(path)))
        return real_chmod(path, *args, **kwargs)

    def chown(path, *args, **kwargs):
        touched.append(("chown", Path(path)))
        return real_chown(path, *args, **kwargs)

    monkeypatch.setattr(export_file.os, "chmod", chmod)
    monkeypatch.setattr(export_file.os, "chown", chown)
    result = export_week(floor, WEEK, None)
    assert result.path.parent == shared
    assert [(what, path) for what, path in touched if path == shared] == []
    assert (mode(shared), os.stat(shared).st_gid) == (folder_mode, gid)


def test_the_policy_names_the_folder_absolute_or_beside_the_floor_file(floor, tmp_path):
    shared = tmp_path / "share" / "exports"
    shared.parent.mkdir()
    floor.policy = parse_policy(f'[exports]\nfolder = "{shared}"\n', "floor.toml")
    assert exports_folder(floor) == shared
    assert export_week(floor, WEEK, None).path == shared / "callfloor-2026-W46.xlsx"
    floor.policy = parse_policy('[exports]\nfolder = "reports"\n', "floor.toml")
    base = floor_file(floor).parent if on_sqlite(floor) else Path.home() / "callfloor"
    assert exports_folder(floor) == base / "reports"


def test_a_folder_whose_parent_is_missing_is_refused_in_both_languages(floor, tmp_path):
    missing = tmp_path / "nowhere" / "exports"
    floor.policy = parse_policy(f'[exports]\nfolder = "{missing}"\n', "floor.toml")
    with pytest.raises(StorageProblem) as refused:
        export_week(floor, WEEK, None)
    assert refused.value.code == "report.exports.cannot_make"
    assert f"cannot make the floor's exports folder {missing}" in refused.value.say("en")
    assert f"无法创建现场的导出文件夹 {missing}" in refused.value.say("zh")
    assert not missing.parent.exists()


def test_a_typed_path_in_the_exports_folder_makes_it_too(floor):
    target = exports_folder(floor) / "meeting.xlsx"
    assert export_week(floor, WEEK, str(target)).path == target


def test_on_postgresql_the_folder_is_in_the_home_folder(floor, home, monkeypatch):
    monkeypatch.setattr(export_file, "floor_file", lambda session: None)
    assert exports_folder(floor) == home / "callfloor" / "exports"
    result = export_week(floor, WEEK, None)
    assert result.path == home / "callfloor" / "exports" / "callfloor-2026-W46.xlsx"
    assert mode(home / "callfloor") == 0o700 and mode(result.path.parent) == 0o700


# ---------------------------------------------------------------- the files' modes


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_files_are_0640_masked_and_0600_clear_whatever_the_umask(floor, tmp_path, umask):
    """Root reads any file whatever its mode; the mode itself is what is checked here."""
    before = os.umask(umask)
    try:
        masked = export_week(floor, WEEK, tmp_path / "typed.xlsx").path
        clear = export_week(floor, WEEK, tmp_path / "typed.xlsx", clear=True).path
    finally:
        os.umask(before)
    assert (masked.name, mode(masked)) == ("typed.xlsx", 0o640)
    assert (clear.name, mode(clear)) == ("typed-CLEAR.xlsx", CLEAR_MODE)


# ---------------------------------------------------------------- never overwritten


def test_a_second_export_of_the_same_week_gets_a_new_name(floor):
    first = export_week(floor, WEEK, None).path
    first_bytes, first_inode = first.read_bytes(), os.stat(first).st_ino
    second = export_week(floor, WEEK, None).path
    third = export_month(floor, None, None).path  # another period: its own name
    fourth = export_week(floor, WEEK, None).path
    assert second.name == "callfloor-2026-W46 (2).xlsx"
    assert third.name == "callfloor-2026-10.xlsx"
    assert fourth.name == "callfloor-2026-W46 (3).xlsx"
    assert first.read_bytes() == first_bytes and os.stat(first).st_ino == first_inode
    assert mode(second) == 0o640


def test_a_clear_export_says_clear_and_never_touches_the_masked_one(floor, tmp_path):
    masked = export_week(floor, WEEK, None).path
    kept = masked.read_bytes()
    clear = export_week(floor, WEEK, None, clear=True).path
    assert clear.name == "callfloor-2026-W46-CLEAR.xlsx" and clear.parent == masked.parent
    assert masked.read_bytes() == kept and mode(clear) == 0o600
    again = export_week(floor, WEEK, None, clear=True).path
    assert again.name == "callfloor-2026-W46-CLEAR (2).xlsx"
    # a typed name gets -CLEAR unless it says CLEAR as a word already
    for typed, written in (
        ("meeting.xlsx", "meeting-CLEAR.xlsx"),
        ("clear.xlsx", "clear.xlsx"),
        ("week_clear_47.xlsx", "week_clear_47.xlsx"),
        ("nuclear.xlsx", "nuclear-CLEAR.xlsx"),
    ):
        assert export_week(floor, WEEK, tmp_path / typed, clear=True).path.name == written


def test_a_masked_export_to_a_name_that_says_clear_is_refused(floor, tmp_path):
    with pytest.raises(InvalidInput) as refused:
        export_week(floor, WEEK, tmp_path / "week-CLEAR.xlsx")
    assert refused.value.code == "report.file.clear_name_masked"
    assert "this export is masked: name it without CLEAR, e.g. callfloor-2026-W46.xlsx" in refused.value.say()
    assert "本次导出是脱敏的" in refused.value.say("zh")
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_file_that_appears_while_the_export_runs_is_not_overwritten(floor, tmp_path):
    target = tmp_path / "race.xlsx"

    def appear(fraction: float, phase: str) -> None:
        if not target.exists():
            target.write_bytes(b"someone else's report")  # after the check, before the move

    result = export_week(floor, WEEK, target, progress=appear)
    assert result.path == tmp_path / "race (2).xlsx"
    assert target.read_bytes() == b"someone else's report"


def test_a_file_that_appears_between_the_last_look_and_the_link_is_not_overwritten(tmp_path, monkeypatch):
    part = tmp_path / "part.xlsx"
    part.write_bytes(b"ours")
    target = tmp_path / "week.xlsx"
    real_link = os.link

    def link_after_another(source, name):
        if name == target:
            target.write_bytes(b"theirs")  # the very moment before our link
        return real_link(source, name)

    monkeypatch.setattr(export_file.os, "link", link_after_another)
    written = put_in_place(part, target, clear=False)
    assert written == tmp_path / "week (2).xlsx"
    assert (target.read_bytes(), written.read_bytes()) == (b"theirs", b"ours")
    assert not part.exists()


def test_where_links_are_not_supported_a_new_file_is_made_exclusively(floor, tmp_path, monkeypatch):
    def no_links(source, name):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(export_file.os, "link", no_links)
    target = tmp_path / "fat.xlsx"
    target.write_bytes(b"kept")
    result = export_week(floor, WEEK, target)
    assert result.path == tmp_path / "fat (2).xlsx" and target.read_bytes() == b"kept"
    assert mode(result.path) == 0o640 and openpyxl.load_workbook(result.path, read_only=True).sheetnames
    assert sorted(p.name for p in tmp_path.glob("fat*")) == ["fat (2).xlsx", "fat.xlsx"]
    assert not list(tmp_path.glob(".callfloor-export-*"))


def test_overwrite_replaces_the_file_on_purpose(floor, tmp_path):
    target = tmp_path / "week.xlsx"
    target.write_bytes(b"last week's")
    result = export_week(floor, WEEK, ExportTarget(target, overwrite=True))
    assert result.path == target and target.read_bytes() != b"last week's" and mode(target) == 0o640
    assert not (tmp_path / "week (2).xlsx").exists()


def test_a_folder_full_of_copies_is_refused_not_filled(tmp_path, monkeypatch):
    monkeypatch.setattr(export_file, "MAX_COPIES", 3)
    part = tmp_path / "part.xlsx"
    part.write_bytes(b"ours")
    for name in ("w.xlsx", "w (2).xlsx", "w (3).xlsx"):
        (tmp_path / name).write_bytes(b"old")
    with pytest.raises(StorageProblem) as refused:
        put_in_place(part, tmp_path / "w.xlsx", clear=False)
    assert refused.value.code == "report.file.too_many"
    assert "move old reports away" in refused.value.say() and "请移走旧报表" in refused.value.say("zh")


def test_an_agent_exports_to_the_floor_s_folder_too(floor, as_li):
    result = export_week(as_li, WEEK, None)
    assert result.path == exports_folder(floor) / "callfloor-2026-W46.xlsx"


def test_an_agent_s_file_elsewhere_is_refused_in_both_languages(floor, as_li, tmp_path, monkeypatch):
    folder = exports_folder(floor)
    for typed in (tmp_path / "mine.xlsx", folder / ".." / "up.xlsx", "bare.xlsx"):
        monkeypatch.chdir(tmp_path)  # a bare name is the current folder's, for agents too
        with pytest.raises(InvalidInput) as refused:
            export_month(as_li, None, typed) if typed == "bare.xlsx" else export_week(as_li, WEEK, typed)
        assert (refused.value.field, refused.value.code) == ("file", "report.file.agents_folder")
        assert f"agents' exports go to the floor's exports folder {folder}" in refused.value.say("en")
        assert f"客服的导出只能保存到现场的导出文件夹 {folder}" in refused.value.say("zh")
    assert "give no file to save callfloor-2026-10.xlsx there" in refused.value.say("en")  # the month's
    assert list(tmp_path.rglob("*.xlsx")) == [] and not folder.exists()


def test_an_agent_may_name_a_file_in_the_exports_folder_and_a_supervisor_any(floor, as_li, tmp_path):
    folder = exports_folder(floor)
    assert export_week(as_li, WEEK, folder / "meeting.xlsx").path == folder / "meeting.xlsx"
    assert export_week(as_li, WEEK, ExportTarget(None)).path == folder / "callfloor-2026-W46.xlsx"
    assert export_week(floor, WEEK, tmp_path / "boss.xlsx").path == tmp_path / "boss.xlsx"


def test_the_clear_refusal_still_comes_first_for_an_agent(as_li, tmp_path):
    with pytest.raises(NotAllowed, match="only a supervisor may export the clear report"):
        export_week(as_li, WEEK, tmp_path / "x.xlsx", clear=True)


# ---------------------------------------------------------------- a folder we may not enter


def test_a_folder_we_may_not_enter_is_a_storage_problem_not_a_traceback(floor, tmp_path, monkeypatch):
    """Path.is_dir raises PermissionError on EACCES (/root/x as another user); faked, since the
    tests may run as root."""
    locked = tmp_path / "locked"
    real_is_dir = Path.is_dir

    def is_dir(self):
        if locked in (self, *self.parents):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_is_dir(self)

    monkeypatch.setattr(Path, "is_dir", is_dir)
    with pytest.raises(StorageProblem) as refused:
        export_week(floor, WEEK, locked / "x" / "r.xlsx")
    assert refused.value.code == "report.folder.not_writable"
    assert refused.value.say("en") == (
        f"cannot write in {locked / 'x'} (Permission denied); choose a folder you can write to"
    )
    assert (
        refused.value.say("zh") == f"无法写入 {locked / 'x'}（Permission denied）；请选择一个可以写入的文件夹"
    )
    # the exports folder itself (no path given), when the policy names one there
    floor.policy = parse_policy(f'[exports]\nfolder = "{locked / "exports"}"\n', "floor.toml")
    with pytest.raises(StorageProblem) as refused:
        export_week(floor, WEEK, None)
    assert refused.value.code == "report.folder.not_writable" and str(locked) in refused.value.say()


def test_a_folder_whose_mode_cannot_be_set_is_refused_and_removed(floor, monkeypatch):
    monkeypatch.setattr(export_file.os, "chmod", refused)
    folder = exports_folder(floor)
    with pytest.raises(StorageProblem) as problem:
        export_week(floor, WEEK, None)
    assert problem.value.code == "report.exports.cannot_make"
    assert f"cannot make the floor's exports folder {folder} (Operation not permitted)" in problem.value.say()
    assert f"无法创建现场的导出文件夹 {folder}" in problem.value.say("zh")
    assert not folder.exists()


def test_any_other_os_error_while_the_place_is_checked_is_a_storage_problem(floor, tmp_path, monkeypatch):
    def broken(target):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(export_file, "work_folder", broken)
    with pytest.raises(StorageProblem) as problem:
        export_week(floor, WEEK, tmp_path / "r.xlsx")
    assert problem.value.code == "report.folder.not_writable" and "Input/output error" in problem.value.say()


# ---------------------------------------------------------------- the name asked for


def test_the_result_says_which_name_was_taken(floor, tmp_path):
    first = export_week(floor, WEEK, None)
    second = export_week(floor, WEEK, None)
    assert first.renamed_from is None
    assert second.renamed_from == first.path and second.path.name == "callfloor-2026-W46 (2).xlsx"
    clear = export_week(floor, WEEK, tmp_path / "m.xlsx", clear=True)
    again = export_week(floor, WEEK, tmp_path / "m.xlsx", clear=True)
    assert clear.renamed_from is None and again.renamed_from == tmp_path / "m-CLEAR.xlsx"
    month = export_month(floor, None, None)
    month_again = export_month(floor, None, None)
    assert month.renamed_from is None and month_again.renamed_from == month.path
    replaced = export_week(floor, WEEK, ExportTarget(first.path, overwrite=True))
    assert replaced.path == first.path and replaced.renamed_from is None


# ---------------------------------------------------------------- the policy's value


def test_the_default_is_exports_and_policy_show_writes_it_back():
    assert default_policy().exports_folder == "exports"
    text = policy_toml(default_policy())
    assert "[exports]\n# where report exports go" in text and 'folder = "exports"' in text
    changed = parse_policy('[exports]\nfolder = "/srv/callfloor-share/exports"\n', "floor.toml")
    assert parse_policy(policy_toml(changed), "shown.toml").exports_folder == "/srv/callfloor-share/exports"


@pytest.mark.parametrize(
    "value, code, english, chinese",
    [
        ('""', "policy.folder.not_folder", "must be a folder in quotes", "必须是加引号的文件夹路径"),
        ("42", "policy.folder.not_folder", "not 42", "而不是 42"),
        ('"   "', "policy.folder.not_folder", "must be a folder in quotes", "必须是加引号的文件夹路径"),
        ('"~/exports"', "policy.folder.home", "each person's own home folder", "每个人自己的主目录"),
        ('"/srv/week.xlsx"', "policy.folder.file", "names a .xlsx file", "是一个 .xlsx 文件名"),
        ('"/srv/a\\nb"', "policy.folder.control", "holds a control character", "含有控制字符"),
        ('" /srv/x"', "policy.folder.spaces", "begins or ends with a space", "首尾有空格"),
        (f'"/{"x" * 1100}"', "policy.folder.too_long", "1,101 characters long", "1,101 个字符"),
    ],
)
def test_a_bad_folder_is_refused_with_the_key_and_an_example(value, code, english, chinese):
    with pytest.raises(PolicyError) as refused:
        parse_policy(f"[exports]\nfolder = {value}\n", "floor.toml")
    error = refused.value
    assert (error.key, error.code) == ("exports.folder", code)
    assert error.say("en").startswith("floor.toml: exports.folder: ") and english in error.say("en")
    assert chinese in error.say("zh")
    assert '"/srv/callfloor/exports"' in error.say("en") and '"/srv/callfloor/exports"' in error.say("zh")


def test_an_unknown_key_of_exports_is_refused():
    with pytest.raises(PolicyError) as refused:
        parse_policy('[exports]\nfolders = "x"\n', "floor.toml")
    assert refused.value.key == "exports.folders" and "known: folder" in refused.value.say()


def test_an_exports_folder_not_shared_with_the_floor_s_group_says_how_to_share_it(floor, monkeypatch):
    """An agent cannot "choose a folder you can write to": when the floor's own exports folder
    will not take their file (made 0700 by someone else), they are told what a supervisor does."""
    folder = exports_folder(floor)
    folder.mkdir(parents=True, exist_ok=True)

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export_file.tempfile, "mkdtemp", refused)
    with pytest.raises(StorageProblem) as said:
        export_week(floor.as_login("li"), "2026-W46", None)
    assert said.value.code == "report.exports.not_shared"
    assert f"chmod 3770 {folder}" in said.value.say("en") and "共享" in said.value.say("zh")
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir()
    with pytest.raises(StorageProblem) as said:  # a folder a supervisor typed: choose another
        export_week(floor, "2026-W46", str(elsewhere / "r.xlsx"))
    assert said.value.code == "report.folder.not_writable"
