"""The series frame read in DuckDB: per series (code × district) the few facts metrics judge, not every row.

A status reads, per series, the first value, the newest values of the trend window and the last value at or before
each deadline (metrics.trajectory.series_frame describes the frame; it builds the same in pandas). One GROUP BY
code, district over the values that count gives them: each row carries its quarter and upload as one number
(quarter × 2³² + upload), so "the newest upload of the newest quarter" is one arg_max and no row needs to be
deduplicated first.

Only a series in which some quarter holds more than one live value (a revision, or a value uploaded again) needs
the deduplication, and only for its window; a bitmask of quarters per series finds those series in the same
GROUP BY, and a second query reads just them — with their revisions, which only they can have.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from metrics import periods
from metrics.trajectory import deadline_columns, window_columns
from store.values import _live

KEY = 1 << 32  # quarter × KEY + upload_id orders a series' rows by quarter, then by upload
MASK_QUARTERS = 64  # quarters a series' bitmask covers (ending at the as-of period); older ones: read exactly
_QUARTER = "(CAST(substr(a.period, 1, 4) AS INTEGER) * 4 + CAST(substr(a.period, 6, 1) AS INTEGER) - 1)"


@dataclass
class SeriesRead:
    """What a snapshot reads of the actual values."""

    frame: pd.DataFrame      # the series frame (metrics.trajectory.series_frame's columns)
    revisions: pd.DataFrame  # store.values.revisions() of the quarters at or before as_of


def read(con, *, as_of: str, deadlines: list[str], window: int,
         known_on: dt.datetime | None = None) -> SeriesRead:
    """The series frame of the values that count at `as_of` (as known on `known_on`), and their revisions.

    Args:
        as_of: later quarters are ignored.
        deadlines: periods whose last value at or before them is wanted (those after `as_of` are left out).
        window: newest values kept per series.
        known_on: None for the values that count now.

    Returns:
        frame: one row per series with a value at or before `as_of` (see metrics.trajectory.series_frame).
        revisions: the columns and order of store.values.revisions(known_on=...), for quarters up to `as_of`.
    """
    limit = periods.index(as_of)
    cond, params = _live(known_on)
    wanted = [d for d in sorted(set(deadlines)) if periods.index(d) <= limit]
    idx_cols, value_cols = window_columns(window)
    low = limit - MASK_QUARTERS + 1
    at = []
    for d in wanted:
        idx_col, value_col = deadline_columns(d)
        q = periods.index(d)
        at.append(f'CAST(max(q) FILTER (WHERE q <= {q}) AS DOUBLE) AS "{idx_col}", '
                  f'arg_max(value, k) FILTER (WHERE q <= {q}) AS "{value_col}"')
    grid = [f'CAST(ks[{i + 1}] // {KEY} AS DOUBLE) AS "{c}"' for i, c in enumerate(idx_cols)]
    grid += [f'vs[{i + 1}] AS "{c}"' for i, c in enumerate(value_cols)]
    frame = con.execute(
        f"""WITH live AS (
                SELECT a.code, a.district, a.value, {_QUARTER} AS q,
                       {_QUARTER} * {KEY} + a.upload_id AS k, a.upload_id
                  FROM actuals a JOIN uploads u USING (upload_id)
                 WHERE {cond} AND a.period <= ?),
            agg AS (
                SELECT code, district, count(*) AS n_values,
                       CAST(min(q) AS DOUBLE) AS first_idx, arg_min(value, q * {KEY} - upload_id) AS first_value,
                       max(k, {window}) AS ks, max_by(value, k, {window}) AS vs,
                       {''.join(a + ', ' for a in at)}
                       count(*) FILTER (WHERE q < {low}) = 0
                           AND bit_count(bit_or(CASE WHEN q >= {low} THEN CAST(1 AS UBIGINT) << CAST(q - {low} AS UBIGINT)
                                                     ELSE CAST(0 AS UBIGINT) END)) = count(*) AS distinct_quarters
                  FROM live GROUP BY code, district)
            SELECT code, district, n_values, first_idx, first_value, {', '.join(grid)},
                   {''.join(f'"{c}", ' for d in wanted for c in deadline_columns(d))} distinct_quarters
              FROM agg""",
        params + [as_of],
    ).df()
    exact = frame.pop("distinct_quarters").to_numpy(dtype=bool)
    revisions, fixed = _repeated(con, frame.loc[~exact, ["code", "district"]], as_of, window, cond, params)
    if len(fixed):
        frame = frame.set_index(["code", "district"])
        fixed = fixed.set_index(["code", "district"])
        frame.loc[fixed.index, fixed.columns] = fixed
        frame = frame.reset_index()
    return SeriesRead(frame=frame, revisions=revisions)


def _repeated(con, keys: pd.DataFrame, as_of: str, window: int, cond: str, params: list
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """For series where a quarter holds more than one live value: their revisions, and their exact window and
    count (code, district, n_values, window columns)."""
    idx_cols, value_cols = window_columns(window)
    con.register("_repeated", keys)
    try:
        rows = con.execute(
            f"""WITH cur AS (
                    SELECT a.code, a.period, a.district, max_by(a.value, a.upload_id, 2) AS v,
                           max(a.upload_id) AS upload_id, arg_max(u.uploaded_at, a.upload_id) AS uploaded_at,
                           count(*) AS n
                      FROM actuals a JOIN uploads u USING (upload_id)
                     WHERE {cond} AND a.period <= ? {'' if len(keys) else 'AND FALSE'}
                       AND EXISTS (SELECT 1 FROM _repeated r WHERE r.code = a.code AND r.district = a.district)
                     GROUP BY a.code, a.period, a.district)
                SELECT code, period, district, v[2] AS old_value, v[1] AS new_value, upload_id, uploaded_at, n,
                       {_QUARTER.replace('a.period', 'period')} AS q,
                       row_number() OVER (PARTITION BY code, district ORDER BY period DESC) AS newest,
                       count(*) OVER (PARTITION BY code, district) AS n_values
                  FROM cur
               QUALIFY newest <= {int(window)} OR (n > 1 AND v[2] <> v[1])""",
            params + [as_of],
        ).df()
    finally:
        con.unregister("_repeated")
    revised = rows[(rows["n"] > 1) & (rows["old_value"] != rows["new_value"])]
    revisions = revised[["code", "period", "district", "old_value", "new_value", "upload_id", "uploaded_at"]]
    revisions = revisions.sort_values(["uploaded_at", "code", "period", "district"],
                                      ascending=[False, True, True, True], kind="stable").reset_index(drop=True)
    win = rows[rows["newest"] <= window]
    series = win.drop_duplicates(["code", "district"])[["code", "district", "n_values"]].reset_index(drop=True)
    sid = win.groupby(["code", "district"], sort=False).ngroup().to_numpy()
    slot = win["newest"].to_numpy() - 1
    idx_grid = np.full((len(series), window), np.nan)
    value_grid = np.full((len(series), window), np.nan)
    idx_grid[sid, slot] = win["q"].to_numpy(dtype=float)
    value_grid[sid, slot] = win["new_value"].to_numpy(dtype=float)
    fixed = pd.concat([series, pd.DataFrame(np.hstack([idx_grid, value_grid]), columns=idx_cols + value_cols)],
                      axis=1)
    return revisions, fixed
