"""2. Metrics: service.snapshot.build (every status and roll-up) against one DuckDB aggregate over the same rows."""

from __future__ import annotations

from pathlib import Path

from benchmarks.common import Line, Outcome, alternate, fmt_s, median, timed
from service import snapshot
from store import db as store_db

# The floor: per series, the latest value, the first value and the least-squares slope over quarters, from the
# values that count (live uploads), in one GROUP BY, fetched into pandas like the snapshot's frames.
FLOOR_SQL = """
SELECT a.code, a.district, count(*) AS n, max(a.period) AS latest_period,
       arg_max(a.value, a.period) AS latest_value, arg_min(a.value, a.period) AS first_value,
       regr_slope(a.value, CAST(substr(a.period, 1, 4) AS INTEGER) * 4 + CAST(substr(a.period, 6, 1) AS INTEGER))
           AS slope
  FROM actuals a JOIN uploads u USING (upload_id)
 WHERE u.rolled_back_at IS NULL
 GROUP BY a.code, a.district
"""


def run(db: Path, rows: int, runs: int) -> Outcome:
    sizes = {}

    def measure() -> float:
        def build():
            with store_db.connect(db, read_only=True) as con:
                snap = snapshot.build(con)
            sizes["status"] = len(snap.status)
        return timed(build)

    def floor() -> float:
        def query():
            with store_db.connect(db, read_only=True) as con:
                sizes["floor"] = len(con.execute(FLOOR_SQL).df())
        return timed(query)

    got, base = alternate(measure, floor, runs)
    line = Line("metrics", median(got), median(base), 3.0, f"service.snapshot.build, {rows:,} rows",
                "one GROUP BY code, district (arg_max, regr_slope)", runs=f"{runs} / {runs}")
    facts = [f"snapshot: {sizes['status']:,} status rows; floor: {sizes['floor']:,} series",
             f"snapshot runs: {', '.join(fmt_s(s) for s in got)}; floor runs: {', '.join(fmt_s(s) for s in base)}",
             "the statuses read one frame per series (store.series: first, newest and deadline values in one "
             "GROUP BY); nothing is kept in the database, a page's first view computes this",
             "tasks and projects: states once per build, counts by sector and agency from them; the reporting "
             "matrix and roll-ups counted in numpy (the fixed cost that does not grow with the rows)"]
    return Outcome("metrics", [line], facts)
