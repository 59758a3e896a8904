"""Progress of the key tasks: latest reported status, overdue reports, and counts by sector or agency."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import periods
from metrics.settings import DEFAULT, TASK_DONE, TASK_IN_PROGRESS, TASK_LAGGING, TASK_NOT_STARTED, Settings
from metrics.trajectory import period_indices

PROGRESS_COLUMNS = [
    "n_tasks", "n_done", "share_done", "n_lagging", "share_lagging", "n_not_started", "n_in_progress",
    "n_unreported", "n_overdue", "overdue_tasks", "lagging_tasks",
]
# The states lists, filters and counts name (words: presentation.labels.TASK_STATE): the latest reported status,
# then overdue (逾期未报: no report for the as-of quarter and not done, a task that never reported included) and
# never_reported. A task is in one reported state or never_reported, and may be overdue besides.
REPORTED = {TASK_DONE: "done", TASK_IN_PROGRESS: "in_progress", TASK_LAGGING: "lagging", TASK_NOT_STARTED: "not_started"}
STATES: tuple[str, ...] = (*REPORTED.values(), "overdue", "never_reported")


def latest_task_status(task_status: pd.DataFrame, as_of: str, key: str = "task_no",
                       extra: tuple[str, ...] = (), due: bool = True) -> pd.DataFrame:
    """Each task's latest report at or before `as_of`.

    A task is overdue (逾期未报) when it has no report for the `as_of` quarter itself, unless its latest report
    says 已完成: a finished task has nothing left to report; and nothing is overdue while the `as_of` quarter's
    reporting deadline is still ahead (due=False). Key projects follow the same rule (key='project_no').

    Args:
        task_status: task_no, period, status (未启动 / 推进中 / 已完成 / 滞后), note, unit — the values that count.
        as_of: the as-of period, e.g. '2026Q3'; later reports are ignored.
        key: the column numbering what reports ('task_no', or 'project_no' for key projects).
        extra: further columns of the reports carried with the latest one (a project's progress_pct, investment).
        due: False while the as-of quarter's reporting deadline has not passed (metrics.deadlines.is_due()).

    Returns:
        A new frame, one row per task that reported at least once: task_no, period, status, note, unit,
        reported (bool: a report for `as_of` exists) and overdue (bool), then `extra`.
    """
    cols = [c for c in (key, "period", "status", "note", "unit", *extra) if c in task_status.columns]
    frame = task_status[cols].dropna(subset=["period"])
    frame = frame.assign(_q=period_indices(frame["period"]))
    frame = frame[frame["_q"] <= periods.index(as_of)]
    latest = frame.sort_values([key, "_q"], kind="stable").drop_duplicates(key, keep="last")
    latest = latest.drop(columns="_q").reset_index(drop=True)
    for col in ("note", "unit"):
        if col not in latest.columns:
            latest[col] = ""
    for col in extra:
        if col not in latest.columns:
            latest[col] = float("nan")
    latest["reported"] = latest["period"] == as_of
    latest["overdue"] = ~latest["reported"] & (latest["status"] != TASK_DONE) & due
    return latest[[key, "period", "status", "note", "unit", "reported", "overdue", *extra]]


def task_states(tasks: pd.DataFrame, task_status: pd.DataFrame, as_of: str, key: str = "task_no",
                extra: tuple[str, ...] = (), due: bool = True) -> pd.DataFrame:
    """Every task with its latest status; a task that never reported has status None and is overdue (once due).

    Args:
        tasks: task_no (or `key`) plus any grouping columns (kept).
        task_status: as for latest_task_status().
        as_of: the as-of period.
        key, extra, due: as for latest_task_status().

    Returns:
        A new frame: the columns of `tasks`, then period, status, note, unit, reported, overdue, `extra`.
    """
    latest = latest_task_status(task_status, as_of, key, extra, due)
    out = tasks.drop(columns=[c for c in latest.columns if c != key and c in tasks.columns])
    out = out.merge(latest, on=key, how="left")
    out["status"] = out["status"].astype(object).where(out["status"].notna(), None)
    out["reported"] = out["reported"].fillna(False).astype(bool)
    out["overdue"] = out["overdue"].fillna(due).astype(bool)
    return out


def summarize_tasks(states: pd.DataFrame, keys: list[str], key: str = "task_no") -> pd.DataFrame:
    """Counts of task states per group.

    Args:
        states: output of task_states() (possibly joined with agencies), with the `keys` columns.
        keys: grouping columns.
        key: the column numbering the counted items ('task_no', or 'project_no': the lists then hold projects).

    Returns:
        A new frame: `keys`, then PROGRESS_COLUMNS. Shares are fractions of n_tasks (0–1); overdue_tasks and
        lagging_tasks are sorted lists of task numbers; n_unreported counts tasks that never reported.
    """
    grouped = states[keys].groupby(keys, sort=True, dropna=False)
    sizes = grouped.size()  # one row per group, in the order of the output
    group = grouped.ngroup().to_numpy()
    n_groups = len(sizes)
    status = states["status"].to_numpy(dtype=object)
    flags = {name: status == reported for reported, name in REPORTED.items()}
    flags["never_reported"] = pd.isna(status)
    flags["overdue"] = states["overdue"].to_numpy().astype(bool)
    n_tasks = sizes.to_numpy(dtype="int64")
    counts = {name: np.bincount(group, weights=flag, minlength=n_groups).astype("int64")
              for name, flag in flags.items()}
    numbers = states[key].to_numpy()
    out = pd.DataFrame({
        "n_tasks": n_tasks, "n_done": counts["done"], "share_done": counts["done"] / n_tasks,
        "n_lagging": counts["lagging"], "share_lagging": counts["lagging"] / n_tasks,
        "n_not_started": counts["not_started"], "n_in_progress": counts["in_progress"],
        "n_unreported": counts["never_reported"], "n_overdue": counts["overdue"],
        "overdue_tasks": _members(numbers, group, flags["overdue"], n_groups),
        "lagging_tasks": _members(numbers, group, flags["lagging"], n_groups),
    }, index=sizes.index)
    return out.reset_index()[keys + PROGRESS_COLUMNS]


def summarize_by(states: pd.DataFrame, by: str, key: str = "task_no") -> pd.DataFrame:
    """Counts of task (or project) states per value of one column of the states: task_progress() from states
    already computed.

    Args:
        states: task_states() rows with the column `by`.
        by: the grouping column.
        key: 'task_no', or 'project_no' for key projects.

    Returns:
        See summarize_tasks(); one row per value of `by`.
    """
    return summarize_tasks(states, [by], key)


def summarize_by_agency(states: pd.DataFrame, responsibilities: pd.DataFrame, subject: str = "task",
                        key: str = "task_no") -> pd.DataFrame:
    """Counts of task (or project) states per responsible agency and role: task_progress_by_agency() from states
    already computed (a task counts once for each agency and role it names).

    Args:
        states: task_states() rows (only these tasks are counted).
        responsibilities: subject ('task' | 'project'; only `subject` is counted), subject_no, agency, role.
        subject, key: 'project' and 'project_no' count the key projects by the same rules.

    Returns:
        See summarize_tasks(); one row per (agency, role).
    """
    resp = responsibilities[responsibilities["subject"] == subject]
    resp = resp.rename(columns={"subject_no": key})[[key, "agency", "role"]].drop_duplicates()
    return summarize_tasks(states[[key, "status", "overdue"]].merge(resp, on=key), ["agency", "role"], key)


def task_progress(tasks: pd.DataFrame, task_status: pd.DataFrame, as_of: str, by: str = "sector") -> pd.DataFrame:
    """Task progress per group of tasks.

    Args:
        tasks: task_no and the column `by`.
        task_status: task_no, period, status, note, unit.
        as_of: the as-of period.
        by: the grouping column of `tasks`.

    Returns:
        See summarize_tasks(); one row per value of `by`.
    """
    return summarize_by(task_states(tasks[["task_no", by]], task_status, as_of), by)


def task_progress_by_agency(tasks: pd.DataFrame, responsibilities: pd.DataFrame, task_status: pd.DataFrame,
                            as_of: str, subject: str = "task", key: str = "task_no") -> pd.DataFrame:
    """Task progress per responsible agency and role (a task counts once for each agency and role it names).

    Args:
        tasks: task_no (only these tasks are counted).
        responsibilities: subject ('task' | 'project'; only `subject` is counted), subject_no, agency, role.
        task_status: task_no, period, status, note, unit.
        as_of: the as-of period.
        subject, key: 'project' and 'project_no' count the key projects by the same rules.

    Returns:
        See summarize_tasks(); one row per (agency, role).
    """
    return summarize_by_agency(task_states(tasks[[key]], task_status, as_of, key), responsibilities, subject, key)


def _members(numbers: np.ndarray, group: np.ndarray, chosen: np.ndarray, n_groups: int) -> list[list]:
    """Sorted task (or project) numbers of the chosen rows per group (group numbers 0..n_groups-1; empty lists for
    groups without any)."""
    if n_groups == 0:
        return []
    chosen = chosen.astype(bool)
    numbers, group = numbers[chosen], group[chosen]
    order = np.argsort(numbers, kind="stable")
    order = order[np.argsort(group[order], kind="stable")]
    counts = np.bincount(group, minlength=n_groups)
    return [part.tolist() for part in np.split(numbers[order], np.cumsum(counts)[:-1])]


def state_flags(states: pd.DataFrame) -> pd.DataFrame:
    """Which of STATES each task (or project) is in.

    Args:
        states: task_states() rows (status, overdue).

    Returns:
        A new frame of booleans aligned with `states`, one column per STATES.
    """
    status = states["status"]
    flags = {key: status == reported for reported, key in REPORTED.items()}
    flags["overdue"] = states["overdue"].astype(bool)
    flags["never_reported"] = status.isna()
    return pd.DataFrame(flags, index=states.index)[list(STATES)]


def count_states(states: pd.DataFrame) -> dict[str, int]:
    """How many tasks are in each of STATES, after total (the number of tasks).

    Args:
        states: task_states() rows.
    """
    flags = state_flags(states)
    return {"total": len(states), **{key: int(flags[key].sum()) for key in STATES}}


def in_states(states: pd.DataFrame, chosen) -> pd.Series:
    """True for each task in any of the chosen STATES (all tasks when none is chosen): a filter of the lists.

    Args:
        states: task_states() rows.
        chosen: keys of STATES, e.g. ['lagging', 'overdue'].
    """
    if not chosen:
        return pd.Series(True, index=states.index)
    return state_flags(states)[list(chosen)].any(axis=1)


def needs_attention(states: pd.DataFrame) -> pd.Series:
    """True for each task (or project) that is overdue (逾期未报) or lagging (滞后): what the briefings list.

    Args:
        states: task_states() rows.
    """
    return states["overdue"].astype(bool) | (states["status"] == TASK_LAGGING)


def held(responsibilities: pd.DataFrame, agency: str, subject: str = "task") -> pd.DataFrame:
    """What one agency is named for, with the role it is named in.

    Args:
        responsibilities: subject ('task' | 'project'), subject_no, agency, role.
        agency: the agency's canonical name.
        subject: 'task' or 'project'.

    Returns:
        A new frame: subject_no, role (a task held in two roles appears twice).
    """
    rows = responsibilities[(responsibilities["subject"] == subject) & (responsibilities["agency"] == agency)]
    return rows[["subject_no", "role"]].reset_index(drop=True)


def per_role(progress: pd.DataFrame, settings: Settings = DEFAULT) -> pd.DataFrame:
    """One row per agency: the tasks it holds in each role and what it answers for.

    Args:
        progress: task_progress_by_agency() rows (agency, role, n_tasks, n_overdue, n_lagging).
        settings: REPORTING_ROLES are the roles whose agency answers for a task's report.

    Returns:
        A new frame: agency, n_lead, n_assist, n_joint, n_overdue (overdue tasks of the reporting roles),
        n_lagging (of every role), sorted by agency.
    """
    if progress.empty:
        return pd.DataFrame(columns=["agency", "n_lead", "n_assist", "n_joint", "n_overdue", "n_lagging"])
    roles = progress.pivot_table(index="agency", columns="role", values="n_tasks", aggfunc="sum", fill_value=0)
    out = roles.reindex(columns=["lead", "assist", "joint"], fill_value=0).add_prefix("n_")
    reporting = progress[progress["role"].isin(settings.REPORTING_ROLES)]
    out["n_overdue"] = reporting.groupby("agency")["n_overdue"].sum()
    out["n_lagging"] = progress.groupby("agency")["n_lagging"].sum()
    out = out.fillna(0).astype(int).reset_index()
    out.columns.name = None
    return out.sort_values("agency").reset_index(drop=True)
