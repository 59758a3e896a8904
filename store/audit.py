"""The audit trail: who did what and when (uploads and rollbacks write theirs in their own transaction)."""

from __future__ import annotations

import pandas as pd

from store.db import write
from store.uploads import now  # noqa: F401 (re-exported: callers compute windows in the same clock)


def record(con, user: str, action: str, detail: str = "") -> None:
    """Append one entry on `con`, inside the caller's write (a restore logs itself in its own transaction)."""
    con.execute("INSERT INTO audit VALUES (?, ?, ?, ?)", [now(), user, action, detail])


def log(db, user: str, action: str, detail: str = "") -> None:
    """Append one entry in a write of its own (e.g. a failed login); the data version stays: no figure changes."""
    with write(db, changes_data=False) as con:
        record(con, user, action, detail)


def entries(con, limit: int = 500) -> pd.DataFrame:
    """Newest entries first: at, user, action, detail."""
    return con.execute(
        "SELECT logged_at AS at, user_name AS user, action, detail FROM audit ORDER BY logged_at DESC LIMIT ?",
        [limit]).df()


def times(con, user: str, action: str, since) -> list:
    """When `user` did `action` since a moment, oldest first (e.g. failed logins for the lockout)."""
    rows = con.execute("SELECT logged_at FROM audit WHERE user_name = ? AND action = ? AND logged_at >= ? "
                       "ORDER BY logged_at", [user, action, since]).fetchall()
    return [r[0] for r in rows]
