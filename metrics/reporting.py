"""Reporting discipline: for each agency and quarter, were its task reports on time, late, revised or missing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from metrics import deadlines
from metrics.settings import DEFAULT, REPORT_CELLS, TASK_DONE, Settings
from metrics.trajectory import period_indices

MATRIX_COLUMNS = ["agency", "period", "n_tasks", "n_missing", "n_late", "n_revised", "n_on_time", "cell"]


def report_deadline(period: str, calendar: pd.DataFrame | None = None) -> dt.datetime:
    """The moment a report for `period` becomes late.

    Args:
        period: a quarter such as '2025Q4'.
        calendar: period, deadline — the reporting calendar (metrics.deadlines.deadline()).

    Returns:
        Midnight starting the day after the quarter's deadline day (naive local time): a report first submitted
        before it is on time; with the default 10 days, 2025Q4 reports are on time through 2026-01-10.
    """
    return dt.datetime.combine(deadlines.deadline(period, calendar) + dt.timedelta(days=1), dt.time())


def reporting_matrix(tasks: pd.DataFrame, responsibilities: pd.DataFrame, task_status_history: pd.DataFrame,
                     periods: list[str], settings: Settings = DEFAULT, *, subject: str = "task",
                     key: str = "task_no", calendar: pd.DataFrame | None = None,
                     today: dt.date | None = None) -> pd.DataFrame:
    """Agency × quarter reporting cells, in long form (pivot on agency / period / cell for a grid).

    An agency answers for the tasks it holds in a role of settings.REPORTING_ROLES (lead, and joint where no
    lead is named). A task is due in a quarter unless an earlier quarter's report already said 已完成, or nothing
    came for it yet and the quarter's deadline is still ahead on `today`.
    Each due task is missing (no report for the quarter), late (first reported after report_deadline()),
    revised (on time, then changed: flagged revised / is_revision, or rows of the quarter that differ in
    status or note) or on_time.
    The cell is the worst of its tasks in REPORT_CELLS order; None when nothing was due.

    Args:
        tasks: task_no (only these tasks are counted).
        responsibilities: subject ('task' | 'project'), subject_no, agency, role.
        task_status_history: task_no, period, status, optionally note, and the time it reached the office — the
            first of first_reported_at, first_uploaded_at, committed_at, uploaded_at present (tz-aware times are converted to
            settings.TIMEZONE) — and optionally a flag revised or is_revision (bool). Either every committed row,
            or one row per (task, period) as store.values.task_status() returns it (its first_reported_at — an
            online report's submission time — and revised are then used).
        periods: the quarters to show, e.g. ['2025Q3', '2025Q4'].
        settings: REPORTING_ROLES, TIMEZONE.
        subject, key: what is reported — 'task' keyed by task_no, or 'project' keyed by project_no (the same
            rules; `tasks` and the history then carry project_no). combined() adds matrices of both.
        calendar: period, deadline — the reporting calendar (a quarter not in it: 10 days after its end).
        today: the day the matrix is judged on; a quarter whose deadline is still ahead counts no missing report.
            None: every deadline has passed.

    Returns:
        A new frame with MATRIX_COLUMNS, one row per (agency, period), sorted by agency then period; counts
        are numbers of tasks.
    """
    resp = responsibilities[(responsibilities["subject"] == subject)
                            & responsibilities["role"].isin(settings.REPORTING_ROLES)]
    resp = resp.rename(columns={"subject_no": "_item"})[["_item", "agency"]].drop_duplicates()
    resp = resp[resp["_item"].isin(tasks[key])]

    items = pd.Index(tasks[key].drop_duplicates())
    agencies = sorted(resp["agency"].unique())
    quarters = period_indices(pd.Series(list(periods), dtype=object)).to_numpy()
    ends = [report_deadline(p, calendar) for p in periods]
    cell = _cells(items, task_status_history, key, quarters, np.array(ends, dtype="datetime64[us]"),
                  settings)  # items × periods, -1: not due
    if today is not None:  # nothing is missing before the deadline has passed
        open_ = np.array([today < end.date() for end in ends], dtype=bool)
        cell = np.where(open_[None, :] & (cell == REPORT_CELLS.index("missing")), -1, cell)

    # each reporting (task, agency) pair counts its task's cell in each quarter
    item = items.get_indexer(resp["_item"])
    agency = pd.Index(agencies).get_indexer(resp["agency"])
    keep = (item >= 0) & resp["agency"].notna().to_numpy()
    item, agency = item[keep], agency[keep]
    n_periods, n_cells = len(periods), len(REPORT_CELLS)
    per_pair = cell[item]  # pairs × periods
    flat = (agency[:, None] * n_periods + np.arange(n_periods)[None, :]) * n_cells + per_pair
    tally = np.bincount(flat[per_pair >= 0], minlength=len(agencies) * n_periods * n_cells)
    counts = tally.reshape(len(agencies) * n_periods, n_cells).astype("int64")
    full = pd.MultiIndex.from_product([agencies, list(periods)], names=["agency", "period"])
    out = pd.DataFrame({
        "agency": full.get_level_values(0), "period": full.get_level_values(1),
        "n_tasks": counts.sum(axis=1),
        **{f"n_{name}": counts[:, i] for i, name in enumerate(REPORT_CELLS)},
    })
    first_bad = np.argmax(counts > 0, axis=1)
    out["cell"] = pd.Series(np.array(REPORT_CELLS, dtype=object)[first_bad], dtype=object).where(out["n_tasks"] > 0,
                                                                                                None)
    return out[MATRIX_COLUMNS]


def _cells(items: pd.Index, hist: pd.DataFrame, key: str, quarters: np.ndarray, deadlines: np.ndarray,
           settings: Settings) -> np.ndarray:
    """Each item's cell in each quarter: an index into REPORT_CELLS, or -1 where nothing was due (an earlier
    quarter's last report said 已完成 and none came for this one). Rows: `items`; columns: `quarters`."""
    time_col = next(c for c in ("first_reported_at", "first_uploaded_at", "committed_at", "uploaded_at") if c in hist.columns)
    flag_col = next((c for c in ("revised", "is_revision") if c in hist.columns), None)
    committed = pd.to_datetime(hist[time_col])
    if getattr(committed.dt, "tz", None) is not None:
        committed = committed.dt.tz_convert(settings.TIMEZONE).dt.tz_localize(None)
    flag = hist[flag_col].fillna(False).astype(bool) if flag_col else pd.Series(False, index=hist.index)
    note = hist["note"].fillna("").astype(str) if "note" in hist.columns else ""
    content, _ = pd.factorize(hist["status"].astype(str) + "\x1f" + note)  # -1: missing, not a version
    item = items.get_indexer(hist[key])
    q = period_indices(hist["period"]).to_numpy()
    keep = (item >= 0) & ~np.isnan(q)
    n_items, n_periods = len(items), len(quarters)
    cell = np.zeros((n_items, n_periods), dtype="int64")  # no report: missing
    if not keep.any():
        return cell
    item, q = item[keep], q[keep].astype("int64")
    committed = committed.to_numpy(dtype="datetime64[us]")[keep]
    flag, content = flag.to_numpy()[keep], content[keep]
    done = (hist["status"] == TASK_DONE).fillna(False).to_numpy(dtype=bool)[keep]
    known = hist["status"].notna().to_numpy()[keep]

    # one group per (item, quarter), rows in commit order (stable; missing times last)
    q_min = int(min(q.min(), np.nanmin(quarters) if n_periods else q.min()))
    span = int(max(q.max(), np.nanmax(quarters) if n_periods else q.max())) - q_min + 1
    group = item * span + (q - q_min)
    order = np.argsort(committed, kind="stable")
    order = order[np.argsort(group[order], kind="stable")]
    group, committed, flag, content = group[order], committed[order], flag[order], content[order]
    done, known = done[order], known[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    member = np.cumsum(np.r_[True, group[1:] != group[:-1]]) - 1
    first_commit = committed[starts]  # the earliest (missing only when all are)
    any_revision = np.logical_or.reduceat(flag, starts)
    versions = np.unique(np.stack([member[content >= 0], content[content >= 0]]), axis=1)[0]
    n_versions = np.bincount(versions, minlength=len(starts))
    last_known = np.maximum.reduceat(np.where(known, np.arange(len(group)), -1), starts)
    finished = (last_known >= 0) & done[np.maximum(last_known, 0)]  # the quarter's last status is 已完成
    g_item, g_q = group[starts] // span, group[starts] % span + q_min
    done_q = np.full(n_items, np.inf)
    np.minimum.at(done_q, g_item[finished], g_q[finished])

    # the cell of each (item, quarter) of the grid
    wanted = (np.arange(n_items)[:, None] * span + (quarters[None, :] - q_min)).astype("int64")
    at = np.searchsorted(group[starts], wanted).clip(max=len(starts) - 1)
    found = group[starts][at] == wanted
    commit = np.where(found, first_commit[at], np.datetime64("NaT"))
    late = commit >= deadlines[None, :]
    revised = found & (any_revision[at] | (n_versions[at] > 1))
    names = {name: i for i, name in enumerate(REPORT_CELLS)}
    cell = np.select([np.isnat(commit), late, revised], [names["missing"], names["late"], names["revised"]],
                     default=names["on_time"])
    finished_before = done_q[:, None] < quarters[None, :]
    return np.where(finished_before & np.isnat(commit), -1, cell)


def combined(*matrices: pd.DataFrame) -> pd.DataFrame:
    """One matrix of several subjects (tasks and projects): counts added per agency and quarter, the cell again
    the worst of them (None where nothing was due)."""
    frames = [m for m in matrices if not m.empty]
    if not frames:
        return pd.DataFrame(columns=MATRIX_COLUMNS)
    counts = [f"n_{name}" for name in REPORT_CELLS]
    total = pd.concat(frames).groupby(["agency", "period"], sort=True)[["n_tasks", *counts]].sum().reset_index()
    first_bad = np.argmax(total[counts].to_numpy() > 0, axis=1)
    total["cell"] = pd.Series(np.array(REPORT_CELLS, dtype=object)[first_bad], dtype=object).where(
        total["n_tasks"] > 0, None)
    return total[MATRIX_COLUMNS]


def late_in(matrix: pd.DataFrame, period: str | None) -> pd.DataFrame:
    """agency, n_late: each agency's reports of `period` first made after its deadline (the ranking's key ②)."""
    rows = matrix[matrix["period"] == period] if period else matrix.iloc[0:0]
    return rows[["agency", "n_late"]].reset_index(drop=True)
