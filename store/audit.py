"""The audit trail: who did what and when (uploads and rollbacks write theirs in their own transaction)."""

from __future__ import annotations

import pandas as pd

from store.uploads import now


def record(con, user: str, action: str, detail: str = "") -> None:
    """Append one entry (e.g. a failed login)."""
    con.execute("INSERT INTO audit VALUES (?, ?, ?, ?)", [now(), user, action, detail])


def entries(con, limit: int = 500) -> pd.DataFrame:
    """Newest entries first: at, user, action, detail."""
    return con.execute(
        "SELECT logged_at AS at, user_name AS user, action, detail FROM audit ORDER BY logged_at DESC LIMIT ?",
        [limit]).df()
