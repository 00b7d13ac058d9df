"""Opening the floor database, its pragmas, refusing network filesystems, schema drift, check and backup."""

from __future__ import annotations

import pytest
from peewee import SqliteDatabase

from db import migrations
from db.connection import BUSY_TIMEOUT_SECONDS, open_database
from db.errors import DatabaseMissing, NetworkFilesystem, SchemaTooNew, StorageError
from db.maintenance import backup, check
from db.models import ALL_MODELS
from db.netfs import filesystem_type, is_network_type, refuse_network_filesystem
from tests.engines import query


def pragma(db, name):
    return db.execute_sql(f"PRAGMA {name}").fetchone()[0]


@pytest.fixture
def fresh(floor_db):
    """A new floor built by the migrations, open (a file, or a database on the test server)."""
    db = open_database(**floor_db.where(), create=True)
    yield db
    db.close()


# ---------------------------------------------------------------- opening


@pytest.mark.sqlite_only("a SQLite file that is not there")
def test_a_missing_file_is_not_created_by_accident(tmp_path):
    with pytest.raises(DatabaseMissing) as caught:
        open_database(tmp_path / "typo.db")
    assert "callfloor db init" in str(caught.value)
    assert not (tmp_path / "typo.db").exists()


@pytest.mark.sqlite_only("the SQLite file's folder is not there")
def test_a_missing_folder_is_reported(tmp_path):
    with pytest.raises(DatabaseMissing) as caught:
        open_database(tmp_path / "nowhere" / "floor.db", create=True)
    assert "does not exist" in str(caught.value)


def test_exactly_one_of_path_or_url(tmp_path):
    with pytest.raises(ValueError):
        open_database()
    with pytest.raises(ValueError):
        open_database(tmp_path / "a.db", url="sqlite:///b.db", create=True)


def test_create_builds_the_latest_schema(fresh):
    assert migrations.current_version(fresh) == migrations.LATEST
    assert {m._meta.table_name for m in ALL_MODELS} <= set(fresh.get_tables())


@pytest.mark.sqlite_only("SQLite's pragmas (WAL, synchronous, busy timeout)")
def test_pragmas_for_many_readers_and_one_writer(fresh):
    assert pragma(fresh, "journal_mode") == "wal"
    assert pragma(fresh, "foreign_keys") == 1
    assert pragma(fresh, "synchronous") == 1  # NORMAL
    assert pragma(fresh, "busy_timeout") == BUSY_TIMEOUT_SECONDS * 1000


@pytest.mark.sqlite_only("a sqlite:/// URL opens a SQLite file")
def test_a_sqlite_url_opens_the_same_way(tmp_path):
    path = tmp_path / "via-url.db"
    db = open_database(url=f"sqlite:///{path}", create=True)
    try:
        assert pragma(db, "journal_mode") == "wal"
        assert migrations.current_version(db) == migrations.LATEST
    finally:
        db.close()


def test_reopening_is_idempotent(floor_db):
    open_database(**floor_db.where(), create=True).close()
    db = open_database(**floor_db.where())
    try:
        assert migrations.upgrade(db, lambda d: d.atomic()) == []
        assert check(db).ok
    finally:
        db.close()


def test_a_database_from_a_newer_callfloor_is_refused(floor_db):
    open_database(**floor_db.where(), create=True).close()
    query(floor_db, "UPDATE schema_meta SET value = ? WHERE key = 'version'", (str(migrations.LATEST + 1),))
    with pytest.raises(SchemaTooNew) as caught:
        open_database(**floor_db.where())
    assert "upgrade callfloor" in str(caught.value)


# ---------------------------------------------------------------- network filesystems


@pytest.fixture
def mounts(tmp_path):
    """A fake /proc/self/mounts: / is ext4, tmp_path/share is the type given, tmp_path/local ext4."""
    base = tmp_path.resolve()
    (base / "share" / "floor" / "local").mkdir(parents=True)
    (base / "local").mkdir()
    (base / "with space").mkdir()

    def write(share_type: str):
        table = tmp_path / "mounts"
        table.write_text(
            "/dev/sda1 / ext4 rw,relatime 0 0\n"
            "proc /proc proc rw 0 0\n"
            f"server:/export {base}/share {share_type} rw 0 0\n"
            f"/dev/sdb1 {base}/share/floor/local ext4 rw 0 0\n"
            f"//nas/x {str(base / 'with space').replace(' ', chr(92) + '040')} cifs rw 0 0\n",
            encoding="utf-8",
        )
        return str(table)

    write.base = base
    return write


@pytest.mark.sqlite_only("refusing a SQLite file on a network filesystem")
@pytest.mark.parametrize("fs_type", ["nfs4", "cifs", "fuse.sshfs", "nfs", "smb3"])
def test_a_file_on_a_network_filesystem_is_refused(mounts, fs_type):
    table = mounts(fs_type)
    target = mounts.base / "share" / "floor" / "floor.db"
    assert filesystem_type(target, table) == fs_type
    with pytest.raises(NetworkFilesystem) as caught:
        refuse_network_filesystem(target, table)
    message = str(caught.value)
    assert fs_type in message and str(target) in message and "ssh" in message


@pytest.mark.sqlite_only("refusing a SQLite file on a network filesystem")
def test_a_file_on_a_local_disk_is_allowed(mounts):
    table = mounts("nfs4")
    target = mounts.base / "local" / "floor.db"
    assert filesystem_type(target, table) == "ext4"
    refuse_network_filesystem(target, table)


@pytest.mark.sqlite_only("refusing a SQLite file on a network filesystem")
def test_the_deepest_mount_decides(mounts):
    table = mounts("nfs4")
    assert filesystem_type(mounts.base / "share" / "floor" / "local" / "floor.db", table) == "ext4"
    assert filesystem_type(mounts.base / "share" / "floor" / "floor.db", table) == "nfs4"


@pytest.mark.sqlite_only("refusing a SQLite file on a network filesystem")
def test_mount_points_with_escaped_spaces_are_understood(mounts):
    table = mounts("ext4")
    with pytest.raises(NetworkFilesystem):
        refuse_network_filesystem(mounts.base / "with space" / "floor.db", table)


@pytest.mark.sqlite_only("refusing a SQLite file on a network filesystem")
def test_no_mount_table_means_no_judgement(tmp_path):
    assert filesystem_type(tmp_path / "floor.db", str(tmp_path / "no-such-mounts")) is None
    refuse_network_filesystem(tmp_path / "floor.db", str(tmp_path / "no-such-mounts"))


@pytest.mark.sqlite_only("refusing a SQLite file on a network filesystem")
def test_network_types():
    assert is_network_type("nfs4") and is_network_type("fuse.sshfs") and is_network_type("cifs")
    assert not is_network_type("ext4") and not is_network_type("xfs") and not is_network_type(None)


# ---------------------------------------------------------------- schema drift


def _columns(db, table):
    """{column: (not null, primary key)} as the engine built them."""
    if not isinstance(db, SqliteDatabase):
        return {c.name: (not c.null, c.primary_key) for c in db.get_columns(table)}
    return {row[1]: (row[3], row[5]) for row in db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()}


def test_migrations_build_exactly_the_columns_the_models_declare(fresh):
    for model in ALL_MODELS:
        table = model._meta.table_name
        built = _columns(fresh, table)
        declared = {f.column_name for f in model._meta.sorted_fields}
        assert set(built) == declared, table


def test_migrations_agree_with_the_models_on_nullability_and_keys(fresh):
    for model in ALL_MODELS:
        built = _columns(fresh, model._meta.table_name)
        for field in model._meta.sorted_fields:
            notnull, pk = built[field.column_name]
            assert bool(pk) == field.primary_key, (model.__name__, field.name)
            if not field.primary_key:
                assert bool(notnull) == (not field.null), (model.__name__, field.name)


def _indexes(db, table):
    """{index name: (columns, unique)} as SQLite built them, without its automatic ones (on a
    server: without the primary key's)."""
    if not isinstance(db, SqliteDatabase):
        return {
            i.name: (tuple(i.columns), i.unique) for i in db.get_indexes(table) if i.name != f"{table}_pkey"
        }
    built = {}
    for _, name, unique, *_ in db.execute_sql(f'PRAGMA index_list("{table}")').fetchall():
        if not name.startswith("sqlite_autoindex"):
            columns = tuple(col[2] for col in db.execute_sql(f'PRAGMA index_info("{name}")').fetchall())
            built[name] = (columns, bool(unique))
    return built


def test_migrations_build_exactly_the_indexes_the_models_declare(fresh):
    for model in ALL_MODELS:
        declared = {
            index._name: (tuple(f.column_name for f in index._expressions), index._unique)
            for index in model._meta.fields_to_index()
        }
        assert _indexes(fresh, model._meta.table_name) == declared, model.__name__


# ---------------------------------------------------------------- check and backup


def test_check_passes_on_a_fresh_floor(fresh):
    report = check(fresh)
    assert report.ok and report.problems == ()
    assert report.schema_version == report.latest_version == migrations.LATEST


def test_check_reports_an_old_schema_version(fresh):
    fresh.execute_sql("UPDATE schema_meta SET value = '1' WHERE key = 'version'")
    report = check(fresh)
    assert not report.ok
    assert report.problems == (f"schema version is 1, expected {migrations.LATEST}",)


@pytest.mark.sqlite_only("foreign keys turned off by a SQLite pragma; a server always enforces them")
def test_check_reports_broken_foreign_keys(fresh):
    fresh.execute_sql("PRAGMA foreign_keys = OFF")
    fresh.execute_sql(
        "INSERT INTO timeline_event (ticket_id, at, actor, kind) "
        "VALUES (42, '2026-11-20 02:00:00', 'li', 'note')"
    )
    fresh.execute_sql("PRAGMA foreign_keys = ON")
    report = check(fresh)
    assert not report.ok
    assert report.problems == ("foreign key: timeline_event row 1 points at a missing ticket",)


def _fill(db):
    db.execute_sql(
        "INSERT INTO agent (login, display_name, role, active, created_at) "
        "VALUES ('li', '李娜', 'agent', 1, '2026-11-20 02:00:00')"
    )
    db.execute_sql(
        "INSERT INTO customer (code, name, type, created_at) "
        "VALUES ('C001', '华东贸易', 'vip', '2026-11-20 02:00:00')"
    )


@pytest.mark.sqlite_only("db backup copies the SQLite file")
def test_backup_is_a_complete_copy_that_passes_check(fresh, tmp_path):
    _fill(fresh)
    target = backup(fresh, tmp_path / "backup.db")
    assert target == tmp_path / "backup.db"
    assert not (tmp_path / "backup.db.partial").exists()
    copy = SqliteDatabase(str(target))
    try:
        assert check(copy).ok
        assert copy.execute_sql("SELECT login, display_name FROM agent").fetchall() == [("li", "李娜")]
        assert copy.execute_sql("SELECT name FROM customer").fetchall() == [("华东贸易",)]
    finally:
        copy.close()


@pytest.mark.sqlite_only("db backup copies the SQLite file")
def test_backup_never_overwrites_a_file(fresh, tmp_path):
    (tmp_path / "old.db").write_bytes(b"keep me")
    with pytest.raises(StorageError) as caught:
        backup(fresh, tmp_path / "old.db")
    assert "already exists" in str(caught.value)
    assert (tmp_path / "old.db").read_bytes() == b"keep me"


@pytest.mark.sqlite_only("db backup copies the SQLite file")
def test_backup_into_a_missing_folder_is_refused(fresh, tmp_path):
    with pytest.raises(StorageError):
        backup(fresh, tmp_path / "nope" / "b.db")
