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
    # Per series, the periods wanted: the first, the last `window`, and the last at or before each deadline.
    picks = ["[min(period)]", f"max(period, {int(window)})"]
    picks += ["[max(period) FILTER (WHERE period <= ?)]"] * len(deadlines)
    return con.execute(
        f"""WITH cur AS (
                SELECT a.code, a.period, a.district, arg_max(a.value, a.upload_id) AS value
                  FROM actuals a JOIN uploads u USING (upload_id)
                 WHERE {cond} AND a.period <= ?
                 GROUP BY a.code, a.period, a.district),
            picked AS (
                SELECT code, district, unnest(periods) AS period
                  FROM (SELECT code, district, list_concat({', '.join(picks)}) AS periods
                          FROM cur GROUP BY code, district))
            SELECT c.code, c.period, c.district, c.value
              FROM cur c SEMI JOIN picked p USING (code, district, period)
             ORDER BY c.code, c.district, c.period""",
        params + [as_of, *deadlines],
    ).df()
