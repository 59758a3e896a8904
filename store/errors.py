"""Typed errors of the store; each message says, in Chinese, what is wrong and how to fix it."""

from errors import UserError


class StoreError(UserError):
    """Base class of the store's errors: the message is for users (Chinese first)."""


class NotADatabase(StoreError):
    """The file given as the database is not a DuckDB file of this project."""


class DatabaseBusy(StoreError):
    """Another process holds the database; the caller may try again later."""


class DuplicateUpload(StoreError):
    """The same file (same SHA-256) is already committed."""

    def __init__(self, message: str, upload_id: int):
        super().__init__(message)
        self.upload_id = upload_id


class NotFound(StoreError):
    """An upload, indicator or task that does not exist."""


class InvalidState(StoreError):
    """An action that does not apply, e.g. rolling back an upload twice."""


class DiskFull(StoreError):
    """The disk holding the database (or its temporary files) is full: the write was refused whole."""
