"""Where a report's workbook is written: the one path of the weekly and the monthly export.

    with report_file(session, Week, week, path, clear=clear, language=language, progress=progress) as out:
        ...                                  # read out.period's figures, write out.part
    return ExportResult(out.target, out.period.label, ..., out.seconds(), out.renamed_from)

Before anything is written, the session is checked (an unknown login is told how to be
added), the period resolved (a bad or future one refused), a clear export refused to an agent
(and audited), and the language and the file's place checked. The parts are written in a
hidden folder beside the target (the same file system), and the whole file, out.part, is put
in place at the end: the file appears whole or not at all. An OSError on the way (a full disk,
a folder gone read-only) is StorageProblem("report.save_failed"), one while the file's place is
checked or its folder made (a folder above it we may not enter) "report.folder.not_writable"
or "report.exports.cannot_make": never a raw OSError; the work folder is removed
whatever happens, and the leftovers of a killed export by the next one. progress(1.0,
"saving") is called last.

Where, and under which name (issue 21):

- path None: the floor's exports folder (the policy's [exports] folder; relative to the floor
  file's folder, on PostgreSQL to ~/callfloor), file callfloor-<period>.xlsx. The folder is
  made on the first export that needs it (also when a typed path is in it): mode 3770
  (setgid, so files get the floor's group; sticky, so nobody deletes another's file) when its
  group is the floor file's (we may chown it to that group); otherwise 0700, the maker's own
  (on PostgreSQL there is no floor file: a shared folder is made by the host's admin,
  docs/floor-host.md). A folder that exists is used as it is, never chmodded.
- Agents export to the exports folder only: an agent's explicit path elsewhere is refused
  (InvalidInput "report.file.agents_folder"); a supervisor may write anywhere. A relative
  path is the current folder's, for agents and supervisors alike (a bare name is in the
  exports folder only when run there).
- Never overwritten: an existing name gets a new one, "callfloor-2026-W47 (2).xlsx", then (3);
  the final move is os.link, which fails rather than replace a file that appeared meanwhile
  (ExportTarget(path, overwrite=True) replaces, for `callfloor export --overwrite`).
  out.target is the name actually written once the body is done, out.asked the name asked
  for (out.renamed_from: that name when it was taken, for "saved as (2): X existed").
- A clear export says so in its name: "-CLEAR" before .xlsx unless its name says CLEAR
  already, so it never shares a name with the masked one and is known on the share; a
  masked export to a name saying CLEAR is refused.
- Modes: 0640 for a masked file (the floor's group reads it on the share), 0600 for a clear
  one (its supervisor's alone), whatever the umask and wherever it is written.
"""

from __future__ import annotations

import errno
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
from db.connection import is_sqlite

Progress = Callable[[float, str], None]
P = TypeVar("P", bound=CalendarPeriod)

MASKED_MODE = 0o640
"""A masked workbook: its owner writes, the folder's group (the floor's) reads it on the share."""
CLEAR_MODE = 0o600
"""A clear workbook (phones and order numbers in full): the supervisor who wrote it alone."""
FOLDER_MODE = 0o3770
"""The floor's exports folder: the floor's group writes in it (every agent exports there),
setgid (files get the folder's group), sticky (only a file's owner removes or renames it)."""
OWN_FOLDER_MODE = 0o700
"""The exports folder in a person's own home (a floor on PostgreSQL that names none)."""
HOME_BASE = "callfloor"
"""On PostgreSQL a relative exports folder is in ~/callfloor (there is no floor file)."""
CLEAR_WORD = "CLEAR"
MAX_COPIES = 999
"""callfloor-2026-W47 (2).xlsx .. (999): a folder holding more is refused, not filled."""


def _silent(fraction: float, phase: str) -> None:
    """No one asked to be told."""


@dataclass(frozen=True)
class ExportTarget:
    """Where an export goes, for export_week and export_month's path: a path (None: the floor's
    exports folder, named after the period) and whether an existing file there may be replaced
    (otherwise the export takes a new name)."""

    path: str | os.PathLike | None = None
    overwrite: bool = False


@dataclass
class ReportFile(Generic[P]):
    """What an export writes with, once everything is checked."""

    period: P
    policy: Policy
    """The floor's policy when the export was checked (its words' and its calendar's)."""
    words: Words
    asked: Path
    """The file asked for (absolute; a clear one's name says CLEAR), before a taken name is
    avoided."""
    target: Path
    """Where the workbook goes (absolute); once the body is done, where it went (a new name,
    "... (2).xlsx", when the target was taken)."""
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

    @property
    def renamed_from(self) -> Path | None:
        """The name asked for when it was taken and the workbook went to a new one; else None."""
        return self.asked if self.target != self.asked else None


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
    full one; clear=True: supervisors only; path: a file, None for the floor's exports folder,
    or an ExportTarget), then give the body a work folder to write out.part in, and put it in
    place when the body is done; see the module's docstring."""
    started = time.perf_counter()
    asked = path if isinstance(path, ExportTarget) else ExportTarget(path)
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
        if asked.path is not None and not session.is_supervisor:
            keep_to_exports_folder(session, the_period, asked.path)
    words = Words(policy, check_language(language, policy))
    with folder_problems(_folder_of(session, asked.path)):  # what the steps below do not name better
        target = planned_target(session, the_period, asked.path, clear)
        work = _work_folder_in(session, target)
    out = ReportFile(
        period=the_period,
        policy=policy,
        words=words,
        asked=target,
        target=target,
        work=Path(work),
        clear=clear,
        progress=progress or _silent,
        started=started,
    )
    try:
        yield out
        out.target = put_in_place(out.part, target, clear=clear, overwrite=asked.overwrite)
    except OSError as exc:  # a full disk, a folder gone read-only, ...
        raise StorageProblem("report.save_failed", path=str(target), reason=str(exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.progress(1.0, "saving")


# ---------------------------------------------------------------- where the file goes


def floor_file(session: Session) -> Path | None:
    """The floor's SQLite file (absolute); None on PostgreSQL or in memory."""
    db = session.db
    name = str(getattr(db, "database", "") or "") if is_sqlite(db) else ""
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name).absolute()


def exports_folder(session: Session) -> Path:
    """The floor's exports folder (absolute; it may not exist yet): the policy's [exports]
    folder, a relative one beside the floor file (on PostgreSQL in ~/callfloor). No database
    call: the app's UI thread may ask."""
    folder = Path(session.policy.exports_folder)
    if folder.is_absolute():
        return folder
    floor = floor_file(session)
    base = floor.parent if floor is not None else Path.home() / HOME_BASE
    return base / folder


def default_name(period: CalendarPeriod | str, *, clear: bool = False) -> str:
    """callfloor-2026-W47.xlsx, callfloor-2026-11.xlsx; a clear one callfloor-2026-W47-CLEAR.xlsx."""
    label = period if isinstance(period, str) else period.label
    return f"callfloor-{label}{'-' + CLEAR_WORD if clear else ''}.xlsx"


def default_target(session: Session, period: CalendarPeriod | str, *, clear: bool = False) -> Path:
    """Where an export goes unless someone types otherwise: the exports folder, the period's name."""
    return exports_folder(session) / default_name(period, clear=clear)


def says_clear(name: str) -> bool:
    """Whether a file's name says CLEAR as a word of its own ("week-CLEAR (2).xlsx", "clear.xlsx";
    not "nuclear.xlsx")."""
    return CLEAR_WORD in re.split(r"[^A-Za-z]+", Path(name).stem.upper())


def clear_named(target: Path) -> Path:
    """A clear export's name: "-CLEAR" before .xlsx, unless the name says CLEAR already."""
    if says_clear(target.name):
        return target
    return target.with_name(f"{target.stem}-{CLEAR_WORD}{target.suffix}")


@contextmanager
def folder_problems(folder: Path) -> Iterator[None]:
    """An OSError while a folder is looked at or set up (EACCES on a folder above it, ...)
    becomes StorageProblem("report.folder.not_writable") naming folder, never a traceback."""
    try:
        yield
    except OSError as exc:
        raise StorageProblem(
            "report.folder.not_writable", folder=str(folder), reason=str(exc.strerror or exc)
        ) from exc


def _folder_of(session: Session, path) -> Path:
    """The folder an export's path is in (the exports folder when none is given)."""
    if path is None or not str(path).strip():
        return exports_folder(session)
    return Path(path).expanduser().absolute().parent


def keep_to_exports_folder(session: Session, period: CalendarPeriod, path) -> None:
    """An agent's explicit path must be in the floor's exports folder (where the share serves
    it, mode 3770); elsewhere InvalidInput("report.file.agents_folder"). A relative path is the
    current folder's, as for everyone. An empty one is left to target_file to refuse."""
    if not str(path).strip():
        return
    wanted = Path(path).expanduser().absolute()
    folder = exports_folder(session).absolute()
    if wanted.parent != folder:
        raise InvalidInput(
            "file",
            "report.file.agents_folder",
            login=session.login,
            path=str(wanted),
            folder=str(folder),
            example=default_name(period),
        )


def planned_target(session: Session, period: CalendarPeriod, path, clear: bool) -> Path:
    """The absolute .xlsx path an export is to write (before a taken name is avoided): path, or
    the exports folder's file for the period; the exports folder made when the path is in it."""
    folder = exports_folder(session)
    if path is None:
        path = folder / default_name(period, clear=clear)
    if str(path).strip():
        wanted = Path(path).expanduser().absolute()
        with folder_problems(wanted.parent):
            missing = wanted.parent == folder.absolute() and not wanted.parent.is_dir()
        if missing:
            make_exports_folder(folder, floor_file(session))
    target = target_file(path)
    if clear:
        return clear_named(target)
    if says_clear(target.name):
        raise InvalidInput(
            "file",
            "report.file.clear_name_masked",
            name=target.name,
            example=default_name(period),
        )
    return target


def make_exports_folder(folder: Path, floor: Path | None) -> None:
    """Make the floor's exports folder (not its parents; but ~/callfloor on PostgreSQL).

    Mode 3770 only when its group is the floor file's (chown to it worked, or it was so
    already): group-writable for anyone else would let the maker's own group (e.g. li's) read
    every masked file. Otherwise, and on PostgreSQL (no floor file), 0700: the maker's own
    (right for ~/callfloor/exports; a shared folder there is made by the admin,
    install -d -m 3770 -g GROUP). Whoever makes it sets the mode, whatever the umask; a
    folder that exists, or was made meanwhile by another export, is left as it is."""
    own = floor is None and folder.parent == Path.home() / HOME_BASE
    try:
        if own:
            folder.parent.mkdir(mode=OWN_FOLDER_MODE, exist_ok=True)
        folder.mkdir(mode=0o700)  # closed until its group and mode are given
    except FileExistsError:
        return
    except OSError as exc:
        raise StorageProblem(
            "report.exports.cannot_make", folder=str(folder), reason=str(exc.strerror or exc)
        ) from exc
    try:
        os.chmod(folder, FOLDER_MODE if _has_floor_group(folder, floor) else OWN_FOLDER_MODE)
    except OSError as exc:  # our own new folder: unlikely; leave nothing half-made behind
        shutil.rmtree(folder, ignore_errors=True)
        raise StorageProblem(
            "report.exports.cannot_make", folder=str(folder), reason=str(exc.strerror or exc)
        ) from exc


def _has_floor_group(folder: Path, floor: Path | None) -> bool:
    """Give folder (ours, just made) the floor file's group where we may; whether it has it."""
    if floor is None:
        return False
    try:
        gid = floor.stat().st_gid
        if os.stat(folder).st_gid != gid:
            os.chown(folder, -1, gid)
        return os.stat(folder).st_gid == gid
    except OSError:  # PermissionError: not in the floor's group
        return False


def target_file(path) -> Path:
    """Where a workbook goes: an absolute .xlsx path in a folder that exists (else InvalidInput)."""
    if isinstance(path, ExportTarget):
        path = path.path
    if path is None or not str(path).strip():
        raise InvalidInput("file", "report.file.none")
    target = Path(path).expanduser().absolute()
    with folder_problems(target.parent):  # is_dir raises on EACCES (a folder above we may not enter)
        is_folder = target.is_dir()
    if is_folder:
        raise InvalidInput(
            "file", "report.file.folder", path=str(target), example=str(target / "report.xlsx")
        )
    if target.name.lower() == ".xlsx":  # only the ending was typed: a name is what is missing
        raise InvalidInput("file", "report.file.none")
    if target.suffix.lower() != ".xlsx":
        raise InvalidInput(
            "file", "report.file.not_xlsx", name=target.name, example=f"{target.stem or 'report'}.xlsx"
        )
    with folder_problems(target.parent):
        folder_there = target.parent.is_dir()
    if not folder_there:
        raise InvalidInput("file", "report.file.no_folder", folder=str(target.parent))
    return target


def next_names(target: Path) -> Iterator[Path]:
    """target, then "name (2).xlsx", "name (3).xlsx" ... "name (999).xlsx"."""
    yield target
    for n in range(2, MAX_COPIES + 1):
        yield target.with_name(f"{target.stem} ({n}){target.suffix}")


_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
"""os.link's errors where the file system takes no hard links (FAT, some network mounts)."""


def put_in_place(part: Path, target: Path, *, clear: bool, overwrite: bool = False) -> Path:
    """Give part its mode (0600 clear, 0640 masked) and its folder's group, and put it at
    target, or, target being taken, at the first free name of next_names; the name written.
    Never replaces a file (unless overwrite): os.link fails on a name that exists, even one
    that appeared a moment ago. Where the file system takes no links, the bytes are copied
    into a file made with O_EXCL (no other file is replaced either, but a reader might see it
    growing)."""
    os.chmod(part, CLEAR_MODE if clear else MASKED_MODE)
    _take_folder_group(part, target.parent)
    if overwrite:
        os.replace(part, target)
        return target
    for name in next_names(target):
        try:
            os.link(part, name)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in _NO_LINKS:
                raise
            return _copy_in_place(part, target, clear)
        os.unlink(part)
        return name
    raise StorageProblem("report.file.too_many", folder=str(target.parent), name=target.name, most=MAX_COPIES)


def _copy_in_place(part: Path, target: Path, clear: bool) -> Path:
    for name in next_names(target):
        try:
            fd = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, CLEAR_MODE if clear else MASKED_MODE)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as out, open(part, "rb") as source:
                shutil.copyfileobj(source, out, 1 << 20)
                os.fchmod(out.fileno(), CLEAR_MODE if clear else MASKED_MODE)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            name.unlink(missing_ok=True)
            raise
        return name
    raise StorageProblem("report.file.too_many", folder=str(target.parent), name=target.name, most=MAX_COPIES)


def _take_folder_group(path: Path, folder: Path) -> None:
    """path gets folder's group (as a setgid folder would give it), where we may."""
    try:
        gid = folder.stat().st_gid
        if path.stat().st_gid != gid:
            os.chown(path, -1, gid)
    except OSError:  # not in that group: the file keeps ours (its mode still keeps others out)
        pass


WORK_PREFIX = ".callfloor-export-"
STALE_AFTER_SECONDS = 24 * 3600
"""A work folder whose export cannot be asked about (another host's) is left this long."""


def _work_folder_in(session: Session, target: Path) -> str:
    """work_folder, saying what to do when it is the floor's exports folder we may not write in:
    an agent cannot "choose another folder"; the folder wants its group and mode."""
    try:
        return work_folder(target)
    except StorageProblem as problem:
        shared = exports_folder(session)
        if problem.code == "report.folder.not_writable" and target.parent == shared:
            raise StorageProblem(
                "report.exports.not_shared", folder=str(shared), reason=problem.params["reason"]
            ) from problem
        raise


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
