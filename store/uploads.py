"""Uploads: preview against what counts now, one-transaction commit, rollback, sample removal, history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from intake.kinds import UPLOAD_KINDS, upload_kind
from store.db import writing
from store.errors import DuplicateUpload, InvalidState, NotFound

__all__ = ["Preview", "commit", "has_sample", "history", "preview", "remove_sample", "rollback"]


def _shape(kind: str) -> tuple[str, list[str], list[str], list[str]]:
    """(table, key columns, compared columns, inserted columns) of an upload kind, from intake.kinds."""
    entry = upload_kind(kind)
    return entry.table, list(entry.keys), list(entry.compared), list(entry.fields)


LOCAL_TZ = ZoneInfo("Asia/Shanghai")  # the plan's agencies, the sample manifest and --known-on dates use it


def now() -> dt.datetime:
    """Commit timestamps: naive Beijing time, microsecond precision, as users read and type them."""
    return dt.datetime.now(LOCAL_TZ).replace(tzinfo=None)


@dataclass
class Preview:
    """What a commit would do: each row marked add / revise / same, with the old values."""

    kind: str
    rows: pd.DataFrame | None  # normalized rows + change ('add'|'revise'|'same') + old_<col>; None: counts only
    duplicate_of: int | None = None
    tally: dict[str, int] | None = None

    @property
    def counts(self) -> dict[str, int]:
        if self.tally is not None:
            return self.tally
        vc = self.rows["change"].value_counts()
        return {k: int(vc.get(k, 0)) for k in ("add", "revise", "same")}


def _current_sql(kind: str) -> str:
    table, keys, compared, _ = _shape(kind)
    cols = ", ".join(f"x.{c}" for c in keys + compared)
    # Catalog targets (upload_id NULL) count as current too.
    live = "x.upload_id IS NULL OR u.rolled_back_at IS NULL" if kind == "targets" else "u.rolled_back_at IS NULL"
    part = ", ".join(f"x.{k}" for k in keys)
    return f"""SELECT {cols} FROM {table} x LEFT JOIN uploads u USING (upload_id)
                WHERE {live}
              QUALIFY row_number() OVER (PARTITION BY {part} ORDER BY coalesce(x.upload_id, 0) DESC) = 1"""


def preview(con, kind: str, rows: pd.DataFrame, sha256: str | None = None, *, detail: bool = True) -> Preview:
    """Compare normalized rows with what counts now.

    Args:
        rows: intake's normalized frame for `kind` (may carry a `row` column with Excel row numbers).
        detail: False returns only the counts (what a commit records), without sending every row back.
    """
    table, keys, compared, _ = _shape(kind)
    duplicate = None
    if sha256:
        # fetchall, not fetchone: DuckDB refuses register() while a result is left unfinished.
        hits = con.execute(
            "SELECT upload_id FROM uploads WHERE sha256 = ? AND kind = ? AND rolled_back_at IS NULL "
            "ORDER BY upload_id DESC LIMIT 1", [sha256, kind]).fetchall()
        duplicate = hits[0][0] if hits else None
    # Only the comparison comes back from DuckDB, by row position: sending a million strings back to pandas
    # that intake already holds cost more than the join itself.
    incoming = rows.reset_index(drop=True)
    con.register("_incoming", incoming.assign(_pos=np.arange(len(incoming))))
    try:
        old = ", ".join(f"c.{c} AS old_{c}" for c in compared)
        join = " AND ".join(f"c.{k} = i.{k}" for k in keys)
        differs = " OR ".join(f"c.{c} IS DISTINCT FROM i.{c}" for c in compared)
        compare = f"""SELECT i._pos, {old},
                             CASE WHEN c.{keys[0]} IS NULL THEN 'add' WHEN {differs} THEN 'revise' ELSE 'same'
                             END AS change
                        FROM _incoming i LEFT JOIN ({_current_sql(kind)}) c ON {join}"""
        if not detail:
            found = dict(con.execute(f"SELECT change, count(*) FROM ({compare}) GROUP BY change").fetchall())
            tally = {k: int(found.get(k, 0)) for k in ("add", "revise", "same")}
            return Preview(kind=kind, rows=None, duplicate_of=duplicate, tally=tally)
        compared_rows = con.execute(f"{compare} ORDER BY i._pos").df()
    finally:
        con.unregister("_incoming")
    result = incoming.assign(**{c: compared_rows[c].to_numpy() for c in compared_rows.columns if c != "_pos"})
    if "row" in result.columns:
        result = result.sort_values("row", kind="stable").reset_index(drop=True)
    return Preview(kind=kind, rows=result, duplicate_of=duplicate)


def commit(con, kind: str, rows: pd.DataFrame, *, file_name: str, sha256: str, user: str,
           is_sample: bool = False, uploaded_at: dt.datetime | None = None) -> tuple[int, Preview]:
    """Write one upload and its rows in a single transaction; nothing is visible until COMMIT.

    Raises:
        DuplicateUpload: the same file is already committed (and not rolled back).
    """
    table, _, _, inserted = _shape(kind)
    with writing(con):
        result = preview(con, kind, rows, sha256, detail=False)
        if result.duplicate_of is not None:
            raise DuplicateUpload(
                f"该文件已于第 {result.duplicate_of} 号上传提交过（内容完全相同），本次未做任何更改。",
                result.duplicate_of)
        upload_id = con.execute("SELECT nextval('upload_ids')").fetchone()[0]
        counts = result.counts
        con.execute(
            "INSERT INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'committed', NULL, NULL, ?)",
            [upload_id, kind, file_name, sha256, user, uploaded_at or now(),
             counts["add"], counts["revise"], counts["same"], is_sample])
        frame = rows[[c for c in inserted if c in rows.columns]].copy()
        frame["upload_id"] = upload_id
        con.register("_commit_rows", frame)
        try:
            cols = ", ".join(frame.columns)
            con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _commit_rows")
        finally:
            con.unregister("_commit_rows")
        con.execute("INSERT INTO audit VALUES (?, ?, 'upload', ?)",
                    [uploaded_at or now(), user, f"#{upload_id} {kind} {file_name} sha256={sha256[:12]}"])
    return upload_id, result


def rollback(con, upload_id: int, user: str, at: dt.datetime | None = None) -> None:
    """Mark an upload rolled back: its values stop counting, the previous ones count again."""
    with writing(con):
        row = con.execute("SELECT rolled_back_at FROM uploads WHERE upload_id = ?", [upload_id]).fetchone()
        if row is None:
            raise NotFound(f"没有编号为 {upload_id} 的上传。请用 uploads 命令查看上传记录。")
        if row[0] is not None:
            raise InvalidState(f"第 {upload_id} 号上传已于 {row[0]:%Y-%m-%d %H:%M} 回滚，无需重复操作。")
        at = at or now()
        con.execute("UPDATE uploads SET state = 'rolled_back', rolled_back_at = ?, rolled_back_by = ? "
                    "WHERE upload_id = ?", [at, user, upload_id])
        con.execute("INSERT INTO audit VALUES (?, ?, 'rollback', ?)", [at, user, f"#{upload_id}"])


def remove_sample(con, user: str) -> int:
    """Delete every sample upload and its rows (sample data is not history worth keeping)."""
    with writing(con):
        ids = [r[0] for r in con.execute("SELECT upload_id FROM uploads WHERE is_sample").fetchall()]
        if ids:
            for table in dict.fromkeys(entry.table for entry in UPLOAD_KINDS.values()):
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, upload_id)", [ids])
            con.execute("DELETE FROM uploads WHERE is_sample")
            con.execute("INSERT INTO audit VALUES (?, ?, 'remove-sample', ?)", [now(), user, f"{len(ids)} uploads"])
        con.execute("DELETE FROM reports WHERE is_sample")  # the sample's online reports (store.reports) and their
        con.execute("DELETE FROM outbox WHERE is_sample")  # messages go with it
    return len(ids)


def has_sample(con) -> bool:
    """True while sample uploads count: every page then says so."""
    return bool(con.execute(
        "SELECT count(*) FROM uploads WHERE is_sample AND rolled_back_at IS NULL").fetchone()[0])


def history(con) -> pd.DataFrame:
    """All uploads, newest first."""
    return con.execute(
        """SELECT upload_id, kind, file_name, sha256, user_name AS user, uploaded_at, rows_added,
                  rows_revised, rows_unchanged, state, rolled_back_at, rolled_back_by, is_sample
             FROM uploads ORDER BY upload_id DESC"""
    ).df()
