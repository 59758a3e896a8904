"""Ranking of agencies as task supervision does it: red indicators first, then silence, then lagging work."""

from __future__ import annotations

import pandas as pd

from metrics.settings import DEFAULT, RED

RULE = (
    "排名规则（依次比较，越少/越高越靠前）：① 牵头指标中未达成、逆向变化、严重滞后的项数（越少越好）；"
    "② 本季度逾期未报和逾期报送（首次报送晚于报送期限）的任务和重点工程数（越少越好）；③ 滞后任务占比（越低越好）；④ 已完成任务占比（越高越好）。"
    "统计范围为该单位牵头或按职责分工负责的任务和重点工程；协办单位自己在线填报的计入其逾期报送。"
)


def rank_agencies(agency_rollup: pd.DataFrame, task_by_agency: pd.DataFrame,
                  project_by_agency: pd.DataFrame | None = None, late: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per agency with the ranking keys and its rank (1 = best), following RULE.

    Args:
        agency_rollup: metrics.rollups.by_agency() (agency, status counts, worst).
        task_by_agency: metrics.tasks.task_progress_by_agency() (agency, role, n_tasks, n_done, n_lagging,
            n_overdue).
        project_by_agency: metrics.projects.project_progress_by_agency() (agency, role, n_projects, n_overdue), or
            None. Overdue key projects the agency leads (or is jointly responsible for) count in key ② with its
            overdue tasks: silence about a project is silence too.
        late: agency, n_late — the as-of quarter's reports that came after its deadline
            (metrics.reporting.late_in(); an assisting unit's own online reports included); they count in key ②
            too: a report weeks late is little better than none.

    Returns:
        agency, n_red, n_indicators, worst, n_tasks, n_overdue (tasks, plus projects when given), n_late,
        n_behind (n_overdue + n_late: key ②), share_lagging, share_done, rank; with project_by_agency also
        n_projects and n_overdue_projects.
    """
    held = task_by_agency[task_by_agency["role"].isin(DEFAULT.REPORTING_ROLES)]
    tasks = held.groupby("agency", as_index=False)[["n_tasks", "n_done", "n_lagging", "n_overdue"]].sum()
    ind = agency_rollup.assign(n_red=agency_rollup[list(RED)].sum(axis=1))
    ind = ind[["agency", "n_red", "total", "worst"]].rename(columns={"total": "n_indicators"})
    out = tasks.merge(ind, on="agency", how="outer")
    extra: list[str] = []
    if project_by_agency is not None:
        held_projects = project_by_agency[project_by_agency["role"].isin(DEFAULT.REPORTING_ROLES)]
        projects = held_projects.groupby("agency", as_index=False)[["n_projects", "n_overdue"]].sum()
        out = out.merge(projects.rename(columns={"n_overdue": "n_overdue_projects"}), on="agency", how="outer")
        extra = ["n_projects", "n_overdue_projects"]
    if late is not None and len(late):
        out = out.merge(late[["agency", "n_late"]], on="agency", how="left")
    else:
        out["n_late"] = 0
    for col in ("n_tasks", "n_done", "n_lagging", "n_overdue", "n_red", "n_indicators", "n_late", *extra):
        out[col] = out[col].fillna(0).astype(int)
    if extra:
        out["n_overdue"] = out["n_overdue"] + out["n_overdue_projects"]
    out["n_behind"] = out["n_overdue"] + out["n_late"]
    denom = out["n_tasks"].where(out["n_tasks"] > 0)
    out["share_lagging"] = (out["n_lagging"] / denom).fillna(0.0)
    out["share_done"] = (out["n_done"] / denom).fillna(0.0)
    out = out.sort_values(["n_red", "n_behind", "share_lagging", "share_done", "agency"],
                          ascending=[True, True, True, False, True], kind="stable").reset_index(drop=True)
    keys = out[["n_red", "n_behind", "share_lagging", "share_done"]].round(9)
    # ties share a rank (1, 2, 2, 4 …)
    changed = keys.ne(keys.shift()).any(axis=1)
    position = pd.Series(range(1, len(out) + 1))
    out["rank"] = position.where(changed).ffill().astype(int)
    return out[["agency", "n_red", "n_indicators", "worst", "n_tasks", "n_overdue", "n_late", "n_behind",
                "share_lagging", "share_done", "rank", *extra]]
