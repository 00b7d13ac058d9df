"""Faults of the floor's storage, made real: a tiny tmpfs that fills up, a read-only bind mount,
a file deleted under a running app, and a second process that holds the write lock.

Mounting needs root (the test machines and CI run as root); elsewhere the mount fixtures skip
with the reason. Every mount is unmounted when the test ends, passed or failed (lazily, if a
connection the test left open keeps it busy).

The busy timeout is one second here (CALLFLOOR_BUSY_TIMEOUT) instead of fifteen, so a save
that meets a held lock gives up quickly.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from tests.app.conftest import app_for, queue_floor  # noqa: F401  (fixtures, re-exported)
from tests.cli.conftest import Floor
from tests.engines import FloorDb
from tests.lock_holder import LockHolder, hold_lock, patient  # noqa: F401  (fixtures, re-exported)

FAULT_BUSY_TIMEOUT = "1"
"""Seconds a save waits for another process's lock in these tests."""


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch):
    """Autouse, so it is set before the floor fixture opens the database."""
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", FAULT_BUSY_TIMEOUT)


def _mount(*argv: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs or a read-only bind mount needs root")
    done = subprocess.run(["mount", *argv], capture_output=True, text=True)
    if done.returncode != 0:
        if "permission denied" in done.stderr.lower() or "not permitted" in done.stderr.lower():
            pytest.skip(f"mount is not permitted here: {done.stderr.strip()}")
        raise RuntimeError(f"mount {' '.join(argv)} failed: {done.stderr.strip()}")


def _unmount(point: Path) -> None:
    """Unmount, lazily when something still holds it open (the test failed before closing)."""
    if subprocess.run(["umount", str(point)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


class TinyDisk:
    """A small tmpfs that a filler file can fill to the last byte."""

    def __init__(self, path: Path):
        self.path = path
        self.filler = path / "filler"

    def fill(self) -> None:
        """Write until the filesystem says it is full (ENOSPC)."""
        block = b"\0" * 65536
        with open(self.filler, "ab", buffering=0) as out:
            while True:
                try:
                    written = out.write(block)
                except OSError as exc:
                    if exc.errno != errno.ENOSPC:
                        raise
                    block = block[: len(block) // 2]
                    if not block:
                        return
                    continue
                if not written:
                    return

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@pytest.fixture
def tiny_disk(tmp_path) -> TinyDisk:
    """A 4 MB tmpfs at tmp_path/disk, unmounted at the end whatever happened."""
    point = tmp_path / "disk"
    point.mkdir()
    _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point))
    try:
        yield TinyDisk(point)
    finally:
        _unmount(point)


@pytest.fixture
def read_only_view(tmp_path):
    """read_only_view(folder) -> a read-only bind mount of folder (the same files, unwritable
    through it, as on a read-only filesystem); unmounted at the end whatever happened."""
    points: list[Path] = []

    def view(folder: Path) -> Path:
        point = tmp_path / f"read-only-{len(points)}"
        point.mkdir()
        _mount("--bind", str(folder), str(point))
        points.append(point)
        _mount("-o", "remount,bind,ro", str(point))
        return point

    try:
        yield view
    finally:
        for point in reversed(points):
            _unmount(point)


def cli(where: Path | FloorDb) -> Floor:
    """The real callfloor command on the floor (a SQLite file's path, or any FloorDb: tests/cli's
    Floor), with the short busy timeout."""
    floor = Floor(where)
    run = floor.run

    def run_short(*args, env=None, **kwargs):
        return run(*args, env={"CALLFLOOR_BUSY_TIMEOUT": FAULT_BUSY_TIMEOUT, **(env or {})}, **kwargs)

    floor.run = run_short
    return floor


def one_line_refusal(done) -> str:
    """The command failed with exit 1 and one line on stderr, no traceback; returns the line."""
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("callfloor: "), done.stderr
    return lines[0]
