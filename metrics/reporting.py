"""Reporting discipline: for each agency and quarter, were its task reports on time, late, revised or missing."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from metrics import deadlines
from metrics.settings import DEFAULT, REPORT_CELLS, TASK_DONE, Settings
from metrics.trajectory import period_indices

ASSIST = "assist"  # the role of an assisting unit: counted only for the reports it makes itself
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
                     today: dt.date | None = None, submissions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Agency × quarter reporting cells, in long form (pivot on agency / period / cell for a grid).

    An agency answers for the tasks it holds in a role of settings.REPORTING_ROLES (lead, and joint where no
    lead is named); an assisting unit (role ASSIST) is counted for a task and quarter only when it submitted its
    own online report of it (one that relies on the lead's report owes nothing). A task is due in a quarter unless
    an earlier quarter's report already said 已完成, or nothing came for it yet and the quarter's deadline is still
    ahead on `today`.
    Each due (agency, task) is missing (no report for the quarter), late (reported after report_deadline()),
    revised (on time, then changed: flagged revised / is_revision, or rows of the quarter that differ in
    status or note — a property of the task's reports) or on_time. The time a lead or joint unit reported is the
    earlier of the task's first report (any upload) and its own first online submission; an assisting unit's is
    its own submission.
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
        submissions: agency, <key>, period, submitted_at — each unit's first online submission of a report
            (whatever its state since: submitted, accepted or returned; never-submitted drafts absent); several
            rows of one report: the earliest counts. None: consolidated uploads only.

    Returns:
        A new frame with MATRIX_COLUMNS, one row per (agency, period), sorted by agency then period; counts
        are numbers of tasks. Its agencies: every lead or joint unit, and assisting units with a report counted.
    """
    owned = responsibilities[(responsibilities["subject"] == subject) & responsibilities["agency"].notna()]
    items = pd.Index(tasks[key].drop_duplicates())
    n_items, n_periods, n_cells = len(items), len(periods), len(REPORT_CELLS)
    reports_for = owned["role"].isin(settings.REPORTING_ROLES).to_numpy()
    keep = (items.get_indexer(owned["subject_no"]) >= 0) & (reports_for | (owned["role"] == ASSIST).to_numpy())
    agency_code, agency_names = pd.factorize(owned["agency"].to_numpy()[keep])
    # (agency, item) pairs, once each; a unit that both leads and assists a task answers for it as its lead
    pair_code, inverse = np.unique(agency_code * max(n_items, 1) + items.get_indexer(owned["subject_no"])[keep],
                                   return_inverse=True)
    leads = np.zeros(len(pair_code), dtype=bool)
    np.logical_or.at(leads, inverse, reports_for[keep])
    p_agency, p_item = pair_code // max(n_items, 1), pair_code % max(n_items, 1)

    quarters = period_indices(pd.Series(list(periods), dtype=object)).to_numpy()
    ends = [report_deadline(p, calendar) for p in periods]
    due_at = np.array(ends, dtype="datetime64[us]")
    first, revised, finished_before = _parts(items, task_status_history, key, quarters, settings)  # items × periods
    own = _submitted(submissions, key, agency_names, items, list(periods), pair_code, settings)  # pairs × periods
    when = np.where(leads[:, None], np.fmin(first[p_item], own), own)
    names = {name: i for i, name in enumerate(REPORT_CELLS)}
    cell = np.select([np.isnat(when), when >= due_at[None, :], revised[p_item]],
                     [names["missing"], names["late"], names["revised"]], default=names["on_time"])
    not_due = np.isnat(when) & (finished_before[p_item] | ~leads[:, None])  # done earlier; an assisting unit silent
    if today is not None:  # nothing is missing before the deadline has passed
        not_due |= np.isnat(when) & np.array([today < end.date() for end in ends], dtype=bool)[None, :]
    cell = np.where(not_due, -1, cell)

    # the agencies shown: every lead or joint unit, and each assisting unit with a report counted
    shown = np.unique(p_agency[leads | (cell >= 0).any(axis=1)])
    agencies = sorted(agency_names[shown])
    position = np.full(len(agency_names), -1)
    position[shown] = pd.Index(agencies).get_indexer(agency_names[shown])
    agency = position[p_agency]
    counted = (cell >= 0) & (agency >= 0)[:, None]
    flat = (agency[:, None] * n_periods + np.arange(n_periods)[None, :]) * n_cells + cell
    tally = np.bincount(flat[counted], minlength=len(agencies) * n_periods * n_cells)
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


def _local(times: pd.Series, settings: Settings) -> np.ndarray:
    """Times as naive local datetime64[us] (tz-aware ones converted to settings.TIMEZONE)."""
    times = pd.to_datetime(times)
    if getattr(times.dt, "tz", None) is not None:
        times = times.dt.tz_convert(settings.TIMEZONE).dt.tz_localize(None)
    return times.to_numpy(dtype="datetime64[us]")


def _submitted(submissions: pd.DataFrame | None, key: str, agency_names: np.ndarray, items: pd.Index,
               periods: list[str], pair_code: np.ndarray, settings: Settings) -> np.ndarray:
    """Each (agency, item) pair's first online submission in each quarter: pairs × periods, NaT where none (a pair
    is agency code × len(items) + item, as reporting_matrix numbers them)."""
    own = np.full((len(pair_code), len(periods)), np.datetime64("NaT"), dtype="datetime64[us]")
    if submissions is None or submissions.empty or not len(pair_code):
        return own
    agency = pd.Index(agency_names).get_indexer(submissions["agency"])
    item = items.get_indexer(submissions[key])
    period = pd.Index(periods).get_indexer(submissions["period"])
    at = _local(submissions["submitted_at"], settings)
    code = agency * max(len(items), 1) + item
    pair = np.searchsorted(pair_code, code).clip(max=len(pair_code) - 1)
    ok = (agency >= 0) & (item >= 0) & (period >= 0) & ~np.isnat(at) & (pair_code[pair] == code)
    np.fmin.at(own, (pair[ok], period[ok]), at[ok])
    return own


def _parts(items: pd.Index, hist: pd.DataFrame, key: str, quarters: np.ndarray,
           settings: Settings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per item (rows: `items`) and quarter (columns: `quarters`): the time of its first report (NaT: none came),
    whether its reports were revised, and whether an earlier quarter's last report said 已完成."""
    time_col = next(c for c in ("first_reported_at", "first_uploaded_at", "committed_at", "uploaded_at") if c in hist.columns)
    flag_col = next((c for c in ("revised", "is_revision") if c in hist.columns), None)
    flag = hist[flag_col].fillna(False).astype(bool) if flag_col else pd.Series(False, index=hist.index)
    note = hist["note"].fillna("").astype(str) if "note" in hist.columns else ""
    content, _ = pd.factorize(hist["status"].astype(str) + "\x1f" + note)  # -1: missing, not a version
    item = items.get_indexer(hist[key])
    q = period_indices(hist["period"]).to_numpy()
    keep = (item >= 0) & ~np.isnan(q)
    n_items, n_periods = len(items), len(quarters)
    first = np.full((n_items, n_periods), np.datetime64("NaT"), dtype="datetime64[us]")  # no report: missing
    if not keep.any():
        return first, np.zeros(first.shape, dtype=bool), np.zeros(first.shape, dtype=bool)
    item, q = item[keep], q[keep].astype("int64")
    committed = _local(hist[time_col], settings)[keep]
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

    # each (item, quarter) of the grid
    wanted = (np.arange(n_items)[:, None] * span + (quarters[None, :] - q_min)).astype("int64")
    at = np.searchsorted(group[starts], wanted).clip(max=len(starts) - 1)
    found = group[starts][at] == wanted
    first = np.where(found, first_commit[at], np.datetime64("NaT"))
    revised = found & (any_revision[at] | (n_versions[at] > 1))
    return first, revised, done_q[:, None] < quarters[None, :]


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
