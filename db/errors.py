"""Errors the storage layer raises; core turns them into messages for people."""


class StorageError(Exception):
    """Something about the database itself is wrong; str() is a message for a person."""


class DatabaseMissing(StorageError):
    """No file at the path, or the file that was open there was moved or deleted."""


class NetworkFilesystem(StorageError):
    pass


class SchemaTooNew(StorageError):
    pass


class NotAFloor(StorageError):
    """The file is there but is no callfloor floor: not SQLite, another program's database, or
    empty (only `db init` makes a floor); opening it changed nothing."""


class SchemaUnreadable(StorageError):
    """The floor's recorded schema version is not a version number (edited by hand or by another program)."""


class DatabaseBusy(StorageError):
    """Another process held the write lock longer than the busy timeout."""


class WriteConflict(DatabaseBusy):
    """Two transactions collided (PostgreSQL's serialization failure or deadlock); the whole
    call may be run again (core.floor.storage.retried)."""


class DatabaseUnreachable(StorageError):
    """The database server cannot be reached (refused, down, unreachable, too many connections)."""


class ReadOnlyDatabase(StorageError):
    """The database can be read here but not written (read-only mount, permissions)."""


class DiskFull(StorageError):
    """The filesystem that holds the database has no room for the change."""


class BadSetting(StorageError):
    """An environment setting for the storage layer has a value it cannot use."""
