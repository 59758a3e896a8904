"""Reading committed values: the ones that count now, or as the store knew them at a past moment."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def _live(known_on: dt.datetime | None) -> tuple[str, list]:
    """SQL condition on uploads `u` for the uploads that count (now, or as known at `known_on`)."""
    if known_on is None:
        return "u.rolled_back_at IS NULL", []
    return "u.uploaded_at <= ? AND (u.rolled_back_at IS NULL OR u.rolled_back_at > ?)", [known_on, known_on]


# An accepted online report lands as an upload when it is verified; the unit reported it when it first submitted it.
# first_reported_at is that submission time for such an upload, else the upload's own time: when the report reached
# the supervising office, which is what timeliness judges (the verifier's delay is not the unit's).
_LANDED = """landed AS (
        SELECT a.upload_id, a.subject, a.item, a.period, min(b.acted_at) AS submitted_at
          FROM reports a JOIN reports b ON b.agency = a.agency AND b.subject = a.subject AND b.item = a.item
               AND b.period = a.period AND b.state = 'submitted'
         WHERE a.upload_id IS NOT NULL
         GROUP BY ALL)"""


def actuals(con, *, as_of: str | None = None, known_on: dt.datetime | None = None,
            codes: list[str] | None = None, district: str | None = None) -> pd.DataFrame:
    """The values that count: newest live upload per (code, period, district).

    Returns:
        code, period, district, value, note, upload_id, uploaded_at.
    """
    cond, params = _live(known_on)
    where = [cond]
    if as_of:
        where.append("a.period <= ?")
        params.append(as_of)
    if codes is not None:
        where.append("list_contains(?, a.code)")
        params.append(list(codes))
    if district:
        where.append("a.district = ?")
        params.append(district)
    return con.execute(
        f"""SELECT a.code, a.period, a.district, a.value, a.note, a.upload_id, u.uploaded_at
              FROM actuals a JOIN uploads u USING (upload_id)
             WHERE {' AND '.join(where)}
           QUALIFY row_number() OVER (PARTITION BY a.code, a.period, a.district
                                      ORDER BY a.upload_id DESC) = 1
             ORDER BY a.code, a.district, a.period""",
        params,
    ).df()


def actual_history(con, code: str) -> pd.DataFrame:
    """Every value ever committed for one indicator, newest first per key, with its upload's state.

    Returns:
        code, period, district, value, note, upload_id, uploaded_at, rolled_back_at, file_name, counts (bool).
    """
    return con.execute(
        """SELECT a.code, a.period, a.district, a.value, a.note, a.upload_id, u.uploaded_at,
                  u.rolled_back_at, u.file_name,
                  u.rolled_back_at IS NULL AND a.upload_id = max(CASE WHEN u.rolled_back_at IS NULL
                      THEN a.upload_id END) OVER (PARTITION BY a.code, a.period, a.district) AS counts
             FROM actuals a JOIN uploads u USING (upload_id)
            WHERE a.code = ?
            ORDER BY a.district, a.period, a.upload_id DESC""",
        [code],
    ).df()


def targets(con, *, known_on: dt.datetime | None = None) -> pd.DataFrame:
    """Targets that count: catalog rows, overridden by the newest live uploaded row per (code, year, district).

    Returns:
        code, target_year, district (全市 for the city's target, else that district's own), target_value (NaN
        when pending), note, upload_id (NA for the catalog).
    """
    cond, params = _live(known_on)
    return con.execute(
        f"""SELECT t.code, t.target_year, coalesce(t.district, '全市') AS district, t.target_value, t.note,
                   t.upload_id
              FROM targets t LEFT JOIN uploads u USING (upload_id)
             WHERE t.upload_id IS NULL OR ({cond})
           QUALIFY row_number() OVER (PARTITION BY t.code, t.target_year, coalesce(t.district, '全市')
                                      ORDER BY coalesce(t.upload_id, 0) DESC) = 1
             ORDER BY t.code, t.target_year, district <> '全市', district""",
        params,
    ).df()


def task_status(con, *, as_of: str | None = None, known_on: dt.datetime | None = None) -> pd.DataFrame:
    """Task reports that count, one per (task_no, period).

    Returns:
        task_no, period, status, note, unit, upload_id, uploaded_at, first_uploaded_at, first_reported_at
        (_LANDED), revised (bool).
    """
    cond, params = _live(known_on)
    where = [cond]
    if as_of:
        where.append("s.period <= ?")
        params.append(as_of)
    return con.execute(
        f"""WITH {_LANDED}
            SELECT s.task_no, s.period, s.status, s.note, s.unit, s.upload_id, u.uploaded_at,
                   min(u.uploaded_at) OVER w AS first_uploaded_at,
                   min(least(coalesce(r.submitted_at, u.uploaded_at), u.uploaded_at)) OVER w AS first_reported_at,
                   count(DISTINCT s.status || s.note) OVER w > 1 AS revised
              FROM task_status s JOIN uploads u USING (upload_id)
              LEFT JOIN landed r ON r.upload_id = s.upload_id AND r.subject = 'task'
                   AND r.item = CAST(s.task_no AS VARCHAR) AND r.period = s.period
             WHERE {' AND '.join(where)}
            WINDOW w AS (PARTITION BY s.task_no, s.period)
           QUALIFY row_number() OVER (PARTITION BY s.task_no, s.period ORDER BY s.upload_id DESC) = 1
             ORDER BY s.task_no, s.period""",
        params,
    ).df()


def project_status(con, *, as_of: str | None = None, known_on: dt.datetime | None = None) -> pd.DataFrame:
    """Key-project reports that count, one per (project_no, period).

    Returns:
        project_no, period, status, note, unit, progress_pct (0–100, NaN when not given), investment (万元, NaN when
        not given), upload_id, uploaded_at, first_uploaded_at, first_reported_at (_LANDED), revised (bool).
    """
    cond, params = _live(known_on)
    where = [cond]
    if as_of:
        where.append("s.period <= ?")
        params.append(as_of)
    return con.execute(
        f"""WITH {_LANDED}
            SELECT s.project_no, s.period, s.status, s.note, s.unit, s.progress_pct, s.investment, s.upload_id,
                   u.uploaded_at, min(u.uploaded_at) OVER w AS first_uploaded_at,
                   min(least(coalesce(r.submitted_at, u.uploaded_at), u.uploaded_at)) OVER w AS first_reported_at,
                   count(DISTINCT s.status || s.note || coalesce(CAST(s.progress_pct AS VARCHAR), '')
                         || coalesce(CAST(s.investment AS VARCHAR), '')) OVER w > 1 AS revised
              FROM project_status s JOIN uploads u USING (upload_id)
              LEFT JOIN landed r ON r.upload_id = s.upload_id AND r.subject = 'project'
                   AND r.item = CAST(s.project_no AS VARCHAR) AND r.period = s.period
             WHERE {' AND '.join(where)}
            WINDOW w AS (PARTITION BY s.project_no, s.period)
           QUALIFY row_number() OVER (PARTITION BY s.project_no, s.period ORDER BY s.upload_id DESC) = 1
             ORDER BY s.project_no, s.period""",
        params,
    ).df()


def periods(con, *, known_on: dt.datetime | None = None) -> list[str]:
    """Quarters that have any live actual, task or project report, oldest first."""
    cond, params = _live(known_on)
    rows = con.execute(
        f"""SELECT DISTINCT period FROM (
                SELECT a.period, a.upload_id FROM actuals a
                UNION ALL SELECT s.period, s.upload_id FROM task_status s
                UNION ALL SELECT p.period, p.upload_id FROM project_status p) v
              JOIN uploads u USING (upload_id) WHERE {cond} ORDER BY period""",
        params,
    ).fetchall()
    return [r[0] for r in rows]


def revisions(con, *, after: dt.datetime | None = None, known_on: dt.datetime | None = None) -> pd.DataFrame:
    """Values whose newest live value replaced an older, different one (committed after `after`).

    Returns:
        code, period, district, old_value, new_value, upload_id, uploaded_at.
    """
    cond, params = _live(known_on)
    extra = ""
    if after is not None:
        extra = "AND uploaded_at > ?"
        params = params + [after]
    # One hash aggregate, no window sort: per key the two newest live values (newest first) and the newest upload.
    return con.execute(
        f"""SELECT code, period, district, v[2] AS old_value, v[1] AS new_value, upload_id, uploaded_at
              FROM (SELECT a.code, a.period, a.district, max_by(a.value, a.upload_id, 2) AS v,
                           max(a.upload_id) AS upload_id, arg_max(u.uploaded_at, a.upload_id) AS uploaded_at,
                           count(*) AS n
                      FROM actuals a JOIN uploads u USING (upload_id) WHERE {cond}
                     GROUP BY a.code, a.period, a.district)
             WHERE n > 1 AND v[2] <> v[1] {extra}
             ORDER BY uploaded_at DESC, code, period, district""",
        params,
    ).df()


def previous_values(con, rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What an upload's actuals are compared with before a commit (intake.plausibility).

    Returns:
        previous: for each distinct (code, district, period) of `rows`, the value that counts now for the latest
            earlier period of the same series: code, district, period, prev_period, prev_value.
        history: per code of `rows`, the median of its values that count now: code, median.
    """
    keys = rows[["code", "district", "period"]].drop_duplicates().reset_index(drop=True)
    stored = con.execute("SELECT count(*) FROM actuals WHERE list_contains(?, code)",
                         [keys["code"].unique().tolist()]).fetchall()[0][0]
    if not stored:  # nothing to compare with (a new indicator, an empty store): skip the join
        return (pd.DataFrame({c: pd.Series(dtype=object) for c in ("code", "district", "period", "prev_period")})
                .assign(prev_value=pd.Series(dtype=float)),
                pd.DataFrame({"code": pd.Series(dtype=object), "median": pd.Series(dtype=float)}))
    current = """SELECT a.code, a.district, a.period, a.value FROM actuals a JOIN uploads u USING (upload_id)
                  WHERE u.rolled_back_at IS NULL AND a.code IN (SELECT DISTINCT code FROM _keys)
                QUALIFY row_number() OVER (PARTITION BY a.code, a.period, a.district ORDER BY a.upload_id DESC) = 1"""
    con.register("_keys", keys)
    try:
        previous = con.execute(
            f"""WITH cur AS ({current})
                SELECT k.code, k.district, k.period, c.period AS prev_period, c.value AS prev_value
                  FROM _keys k ASOF LEFT JOIN cur c
                    ON k.code = c.code AND k.district = c.district AND k.period > c.period""").df()
        history = con.execute(f"SELECT code, median(value) AS median FROM ({current}) GROUP BY code").df()
    finally:
        con.unregister("_keys")
    return previous, history
