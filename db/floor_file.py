"""Creating a new floor file that every agent of the floor group can write.

Fifty agents log in with their own accounts and all write one SQLite file, so the file must be
group-writable by the floor's group from its first byte, whatever the umask of whoever ran
`callfloor db init`. The file is created empty (SQLite takes an empty file as a new
database), given its group and mode 0660, and only then opened by SQLite, which gives the
-wal and -shm files it makes the database file's mode.
"""

from __future__ import annotations

import grp
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from db.errors import StorageError
from db.netfs import refuse_network_filesystem

FLOOR_FILE_MODE = 0o660
"""Read and write for the owner and the floor group, nothing for anyone else."""


class GroupProblem(StorageError):
    """The group named for the floor does not exist here, or this user cannot give files to it."""


@dataclass(frozen=True)
class FloorFile:
    path: Path
    group: str
    mode: int


def floor_group_id(name: str | None) -> tuple[int, str]:
    """The group's id and name; None means the caller's primary group."""
    if name is None:
        gid = os.getegid()
        try:
            return gid, grp.getgrgid(gid).gr_name
        except KeyError:
            return gid, str(gid)
    try:
        return grp.getgrnam(name).gr_gid, name
    except KeyError:
        raise GroupProblem(
            f"there is no group {name!r} on this host; create it first "
            f"(groupadd {name}) or name one of yours (see: id -Gn)"
        ) from None


def create_floor_file(path: str | os.PathLike, group: str | None = None) -> FloorFile | None:
    """Create path as an empty file with mode 0660 and the floor group. None when the file is
    already there (an existing floor is left as it is) or its folder is missing (opening it
    says so). A group problem leaves no file behind."""
    file = Path(path)
    gid, name = floor_group_id(group)
    if not file.parent.is_dir():
        return None
    refuse_network_filesystem(file)
    return _create(file, gid, name)


def create_building_file(
    path: str | os.PathLike, group: str | None = None, purpose: str = "init"
) -> FloorFile:
    """A new empty 0660 file for the floor group beside path (same folder, so the finished floor
    is renamed into place): a hidden .NAME.PURPOSE-XXXXXXXX that put_in_place() or
    remove_sqlite_files() ends. A build killed halfway leaves only this file, never a floor."""
    file = Path(path)
    gid, name = floor_group_id(group)
    if not file.parent.is_dir():
        raise StorageError(f"the folder {file.parent} does not exist; create it first")
    refuse_network_filesystem(file)
    for _ in range(100):
        made = _create(
            file.with_name(f".{file.name}.{purpose}-{secrets.token_hex(4)}"),
            gid,
            name,
            f"a new floor database for {file} as",
        )
        if made is not None:
            return made
    raise StorageError(f"cannot create a new file in {file.parent}")  # 100 name clashes: not in this world


def put_in_place(building: Path, path: str | os.PathLike, *, replace: bool = False) -> None:
    """Give the finished floor in building its real name. Without replace, a file that appeared
    at path meanwhile (another db init) is never overwritten: the rename is a hard link, which
    fails when the name is taken."""
    for suffix in ("-wal", "-shm", "-journal"):  # the closed build's side files, empty by now
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    target = Path(path)
    try:
        if replace:
            for suffix in ("-wal", "-shm"):  # the old file's: SQLite would read them into the new one
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            os.replace(building, target)
            return
        try:
            os.link(building, target)
        except FileExistsError:
            raise StorageError(
                f"{target} appeared while the new floor was being built (another "
                "`db init`?); it is left as it is and nothing was changed"
            ) from None
        except OSError:  # a filesystem without hard links: check, then rename
            if target.exists():
                raise StorageError(
                    f"{target} appeared while the new floor was being built; it is "
                    "left as it is and nothing was changed"
                ) from None
            os.rename(building, target)
            return
        building.unlink()
    except OSError as exc:
        raise StorageError(f"cannot put the new floor in place at {target}: {exc.strerror}") from exc


def remove_sqlite_files(file: Path) -> None:
    """A build or copy that failed (a new floor, a demo, a backup): its file and SQLite's side
    files go."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{file}{suffix}").unlink(missing_ok=True)


def create_group_file(file: Path, gid: int, what: str = "the floor database") -> FloorFile | None:
    """O_EXCL create with mode 0660 and group gid, whatever the umask; None when the name is
    taken. A group this user cannot give files to leaves no file (GroupProblem)."""
    try:
        name = grp.getgrgid(gid).gr_name
    except KeyError:
        name = str(gid)
    return _create(file, gid, name, what)


def _create(file: Path, gid: int, name: str, what: str = "the floor database") -> FloorFile | None:
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FLOOR_FILE_MODE)
    except FileExistsError:
        return None
    except OSError as exc:
        raise StorageError(f"cannot create {what} {file}: {exc.strerror}") from exc
    try:
        os.fchown(fd, -1, gid)
        os.fchmod(fd, FLOOR_FILE_MODE)  # the umask trimmed what open() was asked for
    except BaseException as exc:
        os.close(fd)
        file.unlink(missing_ok=True)
        if isinstance(exc, PermissionError):
            raise GroupProblem(
                f"you cannot give files to the group {name!r} (you are not in it); "
                "ask an administrator to add you (usermod -aG), log in again, "
                "or name one of your groups (see: id -Gn)"
            ) from None
        if isinstance(exc, OSError):
            raise StorageError(f"cannot set up {what} {file}: {exc.strerror}") from exc
        raise
    os.close(fd)
    return FloorFile(file, name, stat.S_IMODE(os.stat(file).st_mode))
