"""The snapshot_cache table: computed snapshots, stored as opaque bytes under (data version, as-of, code).

The bytes are service.snapshot_cache's business; this module only keeps and finds them. Writers empty the table
(store.db.bump_data_version); readers only insert, never delete, since two transactions deleting the same row
conflict and the loser would be somebody's upload.
"""

from __future__ import annotations

import logging

import duckdb

from store.db import data_version
from store.uploads import now

log = logging.getLogger(__name__)


def clear(con) -> None:
    """Forget every kept snapshot: called by every data change (store.db.bump_data_version)."""
    con.execute("DELETE FROM snapshot_cache")


def find(con, as_of: str, code: str) -> bytes | None:
    """The newest payload kept for the current data version, `as_of` and code fingerprint `code`."""
    row = con.execute(
        "SELECT payload FROM snapshot_cache WHERE data_version = ? AND as_of = ? AND code = ? "
        "ORDER BY built_at DESC LIMIT 1",
        [data_version(con), as_of, code],
    ).fetchone()
    return row[0] if row else None


def keep(con, version: int, as_of: str, code: str, payload: bytes) -> bool:
    """Store `payload`, computed from data version `version`; False when the data changed meanwhile, the file is
    read-only or another writer got in the way (never raises for those: keeping is only a saving)."""
    try:
        con.execute("BEGIN TRANSACTION")
        if data_version(con) != version:  # computed from data that has changed since
            con.execute("ROLLBACK")
            return False
        con.execute("INSERT INTO snapshot_cache VALUES (?, ?, ?, ?, ?)", [version, as_of, code, now(), payload])
        con.execute("COMMIT")
        return True
    except duckdb.Error as exc:
        log.info("snapshot not kept: %s", exc)
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        return False


def read_consistently(con, work):
    """Run `work(con)` inside one read transaction, so a commit landing meanwhile cannot mix two data versions."""
    con.execute("BEGIN TRANSACTION")
    try:
        return work(con)
    finally:
        con.execute("ROLLBACK")  # read only: nothing to commit
