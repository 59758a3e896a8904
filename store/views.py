"""Narrow reads for the dashboard: only the rows the metrics need, so a page's cost does not grow with history."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from store.values import _live


def actuals_for_status(con, *, as_of: str, deadlines: list[str], window: int,
                       known_on: dt.datetime | None = None) -> pd.DataFrame:
    """Per series (code, district), the values that count at or before `as_of` that a status needs.

    That is the first value (an assumed baseline), the last `window` values, and the last value at or before
    each deadline (the quarter a final target is judged on).

    Returns:
        code, period, district, value — a subset of store.values.actuals(as_of=...).
    """
    cond, params = _live(known_on)
    return con.execute(
        f"""WITH cur AS (
                SELECT a.code, a.period, a.district, a.value
                  FROM actuals a JOIN uploads u USING (upload_id)
                 WHERE {cond} AND a.period <= ?
               QUALIFY row_number() OVER (PARTITION BY a.code, a.period, a.district ORDER BY a.upload_id DESC) = 1),
            ranked AS (
                SELECT *, row_number() OVER (PARTITION BY code, district ORDER BY period) AS rn_first,
                          row_number() OVER (PARTITION BY code, district ORDER BY period DESC) AS rn_last
                  FROM cur),
            judged AS (
                SELECT DISTINCT c.code, c.district, max(c.period) AS period
                  FROM cur c JOIN (SELECT unnest(?::VARCHAR[]) AS deadline) d ON c.period <= d.deadline
                 GROUP BY c.code, c.district, d.deadline)
            SELECT r.code, r.period, r.district, r.value
              FROM ranked r LEFT JOIN judged j USING (code, district, period)
             WHERE r.rn_first = 1 OR r.rn_last <= ? OR j.period IS NOT NULL
             ORDER BY r.code, r.district, r.period""",
        params + [as_of, list(deadlines), window],
    ).df()
