"""A new floor file is 0660 and the floor group's from its first byte, whatever the umask, and
SQLite's -wal and -shm follow it; a bad group leaves no file; an existing floor is left alone."""

from __future__ import annotations

import grp
import os
import stat
from contextlib import contextmanager

import pytest

from core.admin.setup import create_floor_file
from core.basics.errors import InvalidInput
from db.connection import open_database
from db.floor_file import floor_group_id

FLOOR_FILE = pytest.mark.sqlite_only("the floor file's mode and group, and its -wal and -shm")
PAGE_CACHE = pytest.mark.sqlite_only("SQLite's page cache per connection (a server keeps its own)")


def mode_and_group(path) -> tuple[int, int]:
    info = os.stat(path)
    return stat.S_IMODE(info.st_mode), info.st_gid


def another_group() -> tuple[str, int]:
    """A group this user may give files to, other than their primary one where there is one."""
    if os.geteuid() == 0:
        usable = [g.gr_gid for g in grp.getgrall()]
    else:
        usable = os.getgroups()
    others = [gid for gid in usable if gid != os.getegid()] or [os.getegid()]
    return grp.getgrgid(others[0]).gr_name, others[0]


@contextmanager
def umask(mask: int):
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


@FLOOR_FILE
def test_the_file_is_0660_for_the_group_whatever_the_umask(tmp_path):
    name, gid = another_group()
    path = tmp_path / "floor.db"
    with umask(0o077):
        made = create_floor_file(path, group=name)
    assert (made.path, made.group, made.mode) == (path, name, 0o660)
    assert mode_and_group(path) == (0o660, gid)
    assert path.stat().st_size == 0  # SQLite takes an empty file as a new database


@FLOOR_FILE
def test_without_a_group_it_is_the_caller_s_primary_group(tmp_path):
    path = tmp_path / "floor.db"
    made = create_floor_file(path)
    assert made.group == floor_group_id(None)[1]
    assert mode_and_group(path) == (0o660, os.getegid())


@FLOOR_FILE
def test_sqlite_s_wal_and_shm_files_follow_the_database_file(tmp_path):
    name, gid = another_group()
    path = tmp_path / "floor.db"
    with umask(0o077):
        create_floor_file(path, group=name)
        db = open_database(path, create=True)
        try:
            db.execute_sql("CREATE TABLE probe (x)")
            db.execute_sql("INSERT INTO probe VALUES (1)")
            for suffix in ("-wal", "-shm"):
                assert mode_and_group(f"{path}{suffix}")[0] == 0o660, suffix
        finally:
            db.close()


@FLOOR_FILE
def test_an_unknown_group_is_refused_and_leaves_no_file(tmp_path):
    path = tmp_path / "floor.db"
    with pytest.raises(InvalidInput, match="there is no group 'no-such-floor-group' on this host"):
        create_floor_file(path, group="no-such-floor-group")
    assert list(tmp_path.iterdir()) == []


@FLOOR_FILE
def test_a_group_the_caller_cannot_give_files_to_is_refused_and_leaves_no_file(tmp_path, monkeypatch):
    """As the kernel answers a user who is not in the group (EPERM); for real below."""

    def not_yours(fd, uid, gid):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", not_yours)
    with pytest.raises(
        InvalidInput, match="you cannot give files to the group 'root' \\(you are not in it\\)"
    ):
        create_floor_file(tmp_path / "floor.db", group="root")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0 or 0 in os.getgroups(), reason="root may give files to any group")
@FLOOR_FILE
def test_a_group_the_caller_is_not_in_is_refused_for_real(tmp_path):
    with pytest.raises(InvalidInput, match="you cannot give files to the group 'root'"):
        create_floor_file(tmp_path / "floor.db", group="root")
    assert list(tmp_path.iterdir()) == []


@FLOOR_FILE
def test_an_existing_floor_is_left_as_it_is(tmp_path):
    path = tmp_path / "floor.db"
    path.write_bytes(b"")
    os.chmod(path, 0o600)
    before = mode_and_group(path)
    assert create_floor_file(path, group=another_group()[0]) is None
    assert mode_and_group(path) == before


def test_a_group_is_refused_for_a_database_server(tmp_path):
    with pytest.raises(InvalidInput, match="applies to a SQLite file"):
        create_floor_file(None, "postgresql://host/floor", group="callfloor")
    assert create_floor_file(None, "postgresql://host/floor") is None


@PAGE_CACHE
def test_a_session_behind_a_screen_keeps_a_small_page_cache_on_every_connection(tmp_path):
    """Two hundred terminals on one host: each screen's connections (its threads') cache 4 MB
    of pages, not the 16 MB a report or an import keeps."""
    import threading

    from core.floor.session import SCREEN_PAGE_CACHE_MB, open_session

    session = open_session(tmp_path / "floor.db", create=True, login="boss")
    assert session.db.cache_size == -16000
    session.keep_page_cache_small()
    seen: list[int] = []
    thread = threading.Thread(target=lambda: seen.append(session.db.cache_size))  # a new connection
    thread.start()
    thread.join()
    assert session.db.cache_size == seen[0] == -SCREEN_PAGE_CACHE_MB * 1000
