"""Reporting discipline: for each agency and quarter, were its task reports on time, late, revised or missing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from metrics import periods as quarters
from metrics.settings import DEFAULT, REPORT_CELLS, TASK_DONE, Settings
from metrics.trajectory import period_indices

MATRIX_COLUMNS = ["agency", "period", "n_tasks", "n_missing", "n_late", "n_revised", "n_on_time", "cell"]


def report_deadline(period: str, settings: Settings = DEFAULT) -> dt.datetime:
    """The moment a report for `period` becomes late.

    Args:
        period: a quarter such as '2025Q4'.
        settings: REPORT_GRACE_DAYS.

    Returns:
        Midnight starting the day after quarter end + REPORT_GRACE_DAYS (naive local time): a report committed
        before it is on time; with 20 days, 2025Q4 reports are on time through 2026-01-20.
    """
    last = quarters.last_day(period) + dt.timedelta(days=settings.REPORT_GRACE_DAYS + 1)
    return dt.datetime.combine(last, dt.time())


def reporting_matrix(tasks: pd.DataFrame, responsibilities: pd.DataFrame, task_status_history: pd.DataFrame,
                     periods: list[str], settings: Settings = DEFAULT, *, subject: str = "task",
                     key: str = "task_no") -> pd.DataFrame:
    """Agency × quarter reporting cells, in long form (pivot on agency / period / cell for a grid).

    An agency answers for the tasks it holds in a role of settings.REPORTING_ROLES (lead, and joint where no
    lead is named). A task is due in a quarter unless an earlier quarter's report already said 已完成.
    Each due task is missing (no report for the quarter), late (first committed after report_deadline()),
    revised (on time, then changed: flagged revised / is_revision, or rows of the quarter that differ in
    status or note) or on_time.
    The cell is the worst of its tasks in REPORT_CELLS order; None when nothing was due.

    Args:
        tasks: task_no (only these tasks are counted).
        responsibilities: subject ('task' | 'project'), subject_no, agency, role.
        task_status_history: task_no, period, status, optionally note, and a commit time — the first of
            first_uploaded_at, committed_at, uploaded_at present (tz-aware times are converted to
            settings.TIMEZONE) — and optionally a flag revised or is_revision (bool). Either every committed row,
            or one row per (task, period) as store.values.task_status() returns it (its first_uploaded_at and
            revised are then used).
        periods: the quarters to show, e.g. ['2025Q3', '2025Q4'].
        settings: REPORT_GRACE_DAYS, REPORTING_ROLES, TIMEZONE.
        subject, key: what is reported — 'task' keyed by task_no, or 'project' keyed by project_no (the same
            rules; `tasks` and the history then carry project_no). combined() adds matrices of both.

    Returns:
        A new frame with MATRIX_COLUMNS, one row per (agency, period), sorted by agency then period; counts
        are numbers of tasks.
    """
    resp = responsibilities[(responsibilities["subject"] == subject)
                            & responsibilities["role"].isin(settings.REPORTING_ROLES)]
    resp = resp.rename(columns={"subject_no": "_item"})[["_item", "agency"]].drop_duplicates()
    resp = resp[resp["_item"].isin(tasks[key])]

    hist = task_status_history
    time_col = next(c for c in ("first_uploaded_at", "committed_at", "uploaded_at") if c in hist.columns)
    flag_col = next((c for c in ("revised", "is_revision") if c in hist.columns), None)
    committed = pd.to_datetime(hist[time_col])
    if getattr(committed.dt, "tz", None) is not None:
        committed = committed.dt.tz_convert(settings.TIMEZONE).dt.tz_localize(None)
    flag = hist[flag_col].fillna(False).astype(bool) if flag_col else pd.Series(False, index=hist.index)
    note = hist["note"].fillna("").astype(str) if "note" in hist.columns else ""
    hist = pd.DataFrame({
        "_item": hist[key], "_q": period_indices(hist["period"]), "status": hist["status"],
        "committed_at": committed, "flag": flag, "content": hist["status"].astype(str) + "\x1f" + note,
    }).sort_values("committed_at", kind="stable")
    per_quarter = hist.groupby(["_item", "_q"]).agg(
        first_commit=("committed_at", "min"), n_versions=("content", "nunique"),
        any_revision=("flag", "any"), status=("status", "last"),
    ).reset_index()
    done_q = per_quarter[per_quarter["status"] == TASK_DONE].groupby("_item")["_q"].min()

    grid = pd.DataFrame({"period": list(periods)})
    grid["_q"] = period_indices(grid["period"])
    grid["deadline"] = pd.to_datetime(pd.Series([report_deadline(p, settings) for p in grid["period"]]))
    cells = pd.DataFrame({"_item": tasks[key].drop_duplicates()}).merge(grid, how="cross")
    cells = cells.merge(per_quarter, on=["_item", "_q"], how="left")
    finished_before = cells["_item"].map(done_q) < cells["_q"]
    cells = cells[~(finished_before & cells["first_commit"].isna())]
    cells["cell"] = np.select(
        [cells["first_commit"].isna(), cells["first_commit"] >= cells["deadline"],
         cells["any_revision"].fillna(False).astype(bool) | (cells["n_versions"] > 1)],
        ["missing", "late", "revised"], default="on_time",
    )

    joined = resp.merge(grid[["period"]], how="cross").merge(
        cells[["_item", "period", "cell"]], on=["_item", "period"], how="left")
    counts = pd.crosstab([joined["agency"], joined["period"]], joined["cell"])
    counts = counts.reindex(columns=list(REPORT_CELLS), fill_value=0)
    full = pd.MultiIndex.from_product([sorted(resp["agency"].unique()), list(periods)], names=["agency", "period"])
    counts = counts.reindex(full, fill_value=0).astype("int64")
    out = pd.DataFrame({
        "agency": full.get_level_values(0), "period": full.get_level_values(1),
        "n_tasks": counts.sum(axis=1).to_numpy(),
        **{f"n_{name}": counts[name].to_numpy() for name in REPORT_CELLS},
    })
    first_bad = np.argmax(counts[list(REPORT_CELLS)].to_numpy() > 0, axis=1)
    out["cell"] = pd.Series(np.array(REPORT_CELLS, dtype=object)[first_bad], dtype=object).where(out["n_tasks"] > 0,
                                                                                                None)
    return out[MATRIX_COLUMNS]



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
