"""Refuse a SQLite file on a network filesystem.

SQLite's file locks are unreliable over NFS, SMB, sshfs and other FUSE mounts: two hosts can
both believe they hold the write lock and the file is corrupted. The floor model is one host
that holds the file and agents who SSH into it.
"""

from __future__ import annotations

import os
from pathlib import Path

from db.errors import NetworkFilesystem

MOUNTS_FILE = "/proc/self/mounts"
NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "sshfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "ncpfs",
        "davfs",
        "coda",
        "ocfs2",
    }
)


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def filesystem_type(path: str | os.PathLike, mounts_file: str = MOUNTS_FILE) -> str | None:
    """The type of the filesystem that holds path (its nearest existing folder), or None."""
    target = Path(path).absolute()
    while not target.exists() and target != target.parent:
        target = target.parent
    target = target.resolve()
    try:
        with open(mounts_file, encoding="utf-8", errors="replace") as mounts:
            lines = mounts.read().splitlines()
    except OSError:
        return None  # no mount table (not Linux): nothing to judge by
    best, best_type = None, None
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = Path(_unescape(parts[1])), parts[2]
        if (target == mount_point or mount_point in target.parents) and (
            best is None or len(mount_point.parts) >= len(best.parts)
        ):
            best, best_type = mount_point, fs_type
    return best_type


def is_network_type(fs_type: str | None) -> bool:
    if not fs_type:
        return False
    return fs_type in NETWORK_TYPES or fs_type.startswith("fuse")


def refuse_network_filesystem(path: str | os.PathLike, mounts_file: str = MOUNTS_FILE) -> None:
    fs_type = filesystem_type(path, mounts_file)
    if is_network_type(fs_type):
        raise NetworkFilesystem(
            f"refusing to open {path}: it is on a network filesystem ({fs_type}), where "
            "SQLite's locks are not safe and the floor's data can be corrupted. Keep the "
            "database on a local disk of the floor host and have agents SSH into that host "
            "to run callfloor (ssh floor-host callfloor)."
        )
