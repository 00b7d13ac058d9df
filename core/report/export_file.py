"""Where a report's workbook is written: the one path of the weekly and the monthly export.

    with report_file(session, Week, week, path, clear=clear, language=language, progress=progress) as out:
        ...                                  # read out.period's figures, write out.part
    return ExportResult(out.target, out.period.label, ..., out.seconds())

Before anything is written, the session is checked (an unknown login is told how to be
added), the period resolved (a bad or future one refused), a clear export refused to an agent
(and audited), and the language and the file's place checked. The parts are written in a
hidden folder beside the target (the same file system), and the whole file, out.part, is moved
into place with os.replace at the end: the file appears whole or not at all. An OSError on the
way (a full disk, a folder gone read-only) is StorageProblem("report.save_failed"); the work
folder is removed whatever happens, and the leftovers of a killed export by the next one.
progress(1.0, "saving") is called last.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from core.basics import InvalidInput, StorageProblem
from core.floor import Session, audit, storage_problems
from core.policy import Policy
from core.report.period import CalendarPeriod
from core.report.words import Words, check_language

Progress = Callable[[float, str], None]
P = TypeVar("P", bound=CalendarPeriod)


def _silent(fraction: float, phase: str) -> None:
    """No one asked to be told."""


@dataclass(frozen=True)
class ReportFile(Generic[P]):
    """What an export writes with, once everything is checked."""

    period: P
    policy: Policy
    """The floor's policy when the export was checked (its words' and its calendar's)."""
    words: Words
    target: Path
    """Where the workbook goes (absolute)."""
    work: Path
    """The work folder beside it, for the parts."""
    clear: bool
    """Phones and order numbers in full (a supervisor asked)."""
    progress: Progress
    started: float
    """time.perf_counter() when the export began."""

    @property
    def part(self) -> Path:
        """The whole workbook, written here, is moved to target at the end."""
        return self.work / "report.xlsx"

    def seconds(self) -> float:
        """Since the export began."""
        return time.perf_counter() - self.started


@contextmanager
def report_file(
    session: Session,
    kind: type[P],
    period: str | P | None,
    path,
    *,
    clear: bool,
    language: str | None,
    progress: Progress | None,
) -> Iterator[ReportFile[P]]:
    """Check what is asked (kind: Week or Month; period: its label, one, or None for the last
    full one; clear=True: supervisors only), then give the body a work folder to write
    out.part in, and move it to the target when the body is done; see the module's docstring."""
    started = time.perf_counter()
    with storage_problems():
        session.require_agent()  # an unknown login is told how to be added, before anything is written
        policy = session.policy
        the_period = kind.resolve(period, session.now(), policy.calendar.tz)
        if clear and not session.is_supervisor:
            raise audit.refuse(
                session,
                "report.clear.supervisors_only",
                action="export the clear report",
                target=the_period.label,
                login=session.login,
            )
    words = Words(policy, check_language(language, policy))
    target = target_file(path)
    work = work_folder(target)
    out = ReportFile(the_period, policy, words, target, Path(work), clear, progress or _silent, started)
    try:
        yield out
        os.replace(out.part, target)
    except OSError as exc:  # a full disk, a folder gone read-only, ...
        raise StorageProblem("report.save_failed", path=str(target), reason=str(exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.progress(1.0, "saving")


# ---------------------------------------------------------------- where the file goes


def target_file(path) -> Path:
    """Where a workbook goes: an absolute .xlsx path in a folder that exists (else InvalidInput)."""
    if path is None or not str(path).strip():
        raise InvalidInput("file", "report.file.none")
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise InvalidInput(
            "file", "report.file.folder", path=str(target), example=str(target / "report.xlsx")
        )
    if target.suffix.lower() != ".xlsx":
        raise InvalidInput(
            "file", "report.file.not_xlsx", name=target.name, example=f"{target.stem or 'report'}.xlsx"
        )
    if not target.parent.is_dir():
        raise InvalidInput("file", "report.file.no_folder", folder=str(target.parent))
    return target


WORK_PREFIX = ".callfloor-export-"
STALE_AFTER_SECONDS = 24 * 3600
"""A work folder whose export cannot be asked about (another host's) is left this long."""


def work_folder(target: Path) -> str:
    """A hidden folder beside the target for the parts (same file system: os.replace works),
    mode 0700 (mkdtemp's): its parts hold customers' data in clear. Named for this host and
    process, so that the next export can tell the leftovers of a killed one and remove them."""
    clean_stale_work_folders(target.parent)
    try:
        return tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{_host()}-{os.getpid()}-", dir=target.parent)
    except OSError as exc:
        raise StorageProblem(
            "report.folder.not_writable", folder=str(target.parent), reason=str(exc.strerror or exc)
        ) from exc


def clean_stale_work_folders(folder: Path) -> list[Path]:
    """Remove this user's export work folders in folder whose export is gone (its process on
    this host has ended, or the folder is a day old); the ones removed."""
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(WORK_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue  # not ours to judge (nor, mode 0700, to remove)
        if _still_running(entry.name) and time.time() - info.st_mtime < STALE_AFTER_SECONDS:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "host"


def _still_running(name: str) -> bool:
    """Whether the export that named this work folder may still be writing it (True when that
    cannot be told: another host's, or a name from before hosts and processes were in it)."""
    parts = name[len(WORK_PREFIX) :].rsplit("-", 2)
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit():
        return True
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # a process of another user's holds the number now: not ours, leave it to age
    return True
