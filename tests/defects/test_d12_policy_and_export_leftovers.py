"""Defect 12, two of its misleading messages: `policy check` passed a policy under which
every intake is refused (here: no category "other", where feedback taken in without a category
goes), and a killed export left `.callfloor-export-*` folders of clear customer data behind for
good. Now the check refuses such a policy with the reason, and the work folders are private
(0700) and the next export removes the ones whose export is gone."""

from __future__ import annotations

import os
import re
import select
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

NO_OTHER = """
[[categories]]
id = "quality"
zh = "产品质量"
en = "Product quality"

[[categories]]
id = "misc"
zh = "其他"
en = "Misc"
"""


def test_policy_check_refuses_a_policy_under_which_every_unsorted_intake_is_refused(cli_floor, tmp_path):
    source = tmp_path / "no-other.toml"
    source.write_text(NO_OTHER, encoding="utf-8")
    for command in ("check", "load"):
        done = cli_floor.run("policy", command, str(source))
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "categories" in done.stderr and '"other"' in done.stderr and "intake" in done.stderr
    # The floor keeps taking in feedback the way the phone system sends it.
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "询问发票")
    fixed = tmp_path / "fixed.toml"
    fixed.write_text(
        NO_OTHER + '\n[[categories]]\nid = "other"\nzh = "待分类"\nen = "Unsorted"\n', encoding="utf-8"
    )
    assert "ok" in cli_floor.ok("policy", "check", str(fixed))


KILLED_EXPORT = """
import sys, time
from datetime import datetime
from core.basics.clock import FrozenClock
from core.report.workbook import export_week
from tests.engines import FloorDb

session = FloorDb.from_spec(sys.argv[1]).open(
    login="boss", clock=FrozenClock(datetime.fromisoformat("2026-11-20T10:00+08:00"))
)

def progress(fraction, phase):
    if phase == "tickets":  # the parts are being written: stop here until killed
        print("working", flush=True)
        time.sleep(120)

export_week(session, None, sys.argv[2], progress=progress)
"""


def work_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(".callfloor-export-"))


def killed_export(floor_db, target: Path) -> Path:
    """An export killed (SIGKILL) while it writes its parts; the folder it left."""
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, floor_db.spec(), str(target)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready and process.stdout.readline().strip() == "working", "the export did not start"
        [left] = work_folders(target.parent)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=20)
    return left


def test_a_killed_exports_folder_is_private_and_the_next_export_removes_it(floor, floor_db, tmp_path):
    from core.report.workbook import export_week

    out = tmp_path / "reports"
    out.mkdir()
    left = killed_export(floor_db, out / "week.xlsx")
    assert left.is_dir() and stat.S_IMODE(left.stat().st_mode) == 0o700
    result = export_week(floor, None, out / "week.xlsx")
    assert result.path.exists()
    assert work_folders(out) == []


def test_a_running_or_unknown_exports_folder_is_left_alone(floor, tmp_path):
    from core.report.workbook import WORK_PREFIX, clean_stale_work_folders, export_week

    out = tmp_path / "reports"
    out.mkdir()
    host = re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "host"
    running = out / f"{WORK_PREFIX}{host}-{os.getpid()}-abc123"  # this process: an export in another thread
    elsewhere = out / f"{WORK_PREFIX}otherhost-1-abc123"  # another host's: cannot be asked
    old_style = out / f"{WORK_PREFIX}k2j4h5"  # named before names said whose
    stale_old = out / f"{WORK_PREFIX}q8w7e6"
    for folder in (running, elsewhere, old_style, stale_old):
        folder.mkdir(mode=0o700)
    day_and_more = time.time() - 25 * 3600
    os.utime(stale_old, (day_and_more, day_and_more))
    assert clean_stale_work_folders(out) == [stale_old]
    export_week(floor, None, out / "week.xlsx")
    assert set(work_folders(out)) == {running, old_style, elsewhere}


def test_a_response_target_after_the_solution_target_is_refused(cli_floor, tmp_path):
    """Found by trying it: red { response = "48h", solution = "1h" } passed policy check."""
    policy = tmp_path / "late-response.toml"
    policy.write_text('[sla]\nred = { response = "48h", solution = "1h" }\n', encoding="utf-8")
    done = cli_floor.run("policy", "check", str(policy))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "sla.red" in done.stderr and "response later than the solution" in done.stderr
