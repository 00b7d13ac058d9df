"""Errors the storage layer raises; core turns them into messages for people."""


class StorageError(Exception):
    """Something about the database itself is wrong; str() is a message for a person."""


class DatabaseMissing(StorageError):
    pass


class NetworkFilesystem(StorageError):
    pass


class SchemaTooNew(StorageError):
    pass


class DatabaseBusy(StorageError):
    pass
