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
        raise GroupProblem(f"there is no group {name!r} on this host; create it first "
                           f"(groupadd {name}) or name one of yours (see: id -Gn)") from None


def create_floor_file(path: str | os.PathLike, group: str | None = None) -> FloorFile | None:
    """Create path as an empty file with mode 0660 and the floor group. None when the file is
    already there (an existing floor is left as it is) or its folder is missing (opening it
    says so). A group problem leaves no file behind."""
    file = Path(path)
    gid, name = floor_group_id(group)
    if not file.parent.is_dir():
        return None
    refuse_network_filesystem(file)
    try:
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FLOOR_FILE_MODE)
    except FileExistsError:
        return None
    except OSError as exc:
        raise StorageError(f"cannot create the floor database {file}: {exc.strerror}") from exc
    try:
        os.fchown(fd, -1, gid)
        os.fchmod(fd, FLOOR_FILE_MODE)  # the umask trimmed what open() was asked for
    except BaseException as exc:
        os.close(fd)
        file.unlink(missing_ok=True)
        if isinstance(exc, PermissionError):
            raise GroupProblem(f"you cannot give files to the group {name!r} (you are not in it); "
                               "ask an administrator to add you (usermod -aG), log in again, "
                               "or name one of your groups (see: id -Gn)") from None
        if isinstance(exc, OSError):
            raise StorageError(f"cannot set up the floor database {file}: {exc.strerror}") from exc
        raise
    os.close(fd)
    return FloorFile(file, name, stat.S_IMODE(os.stat(file).st_mode))
