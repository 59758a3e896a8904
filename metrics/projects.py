"""Progress of the 25 key projects: the task rules (latest report, 逾期未报, counts) applied to project reports."""

from __future__ import annotations

import pandas as pd

from metrics import tasks as task_rules

EXTRA = ("progress_pct", "investment")  # what a project report carries beyond a task's
# summarize_tasks() names its columns for tasks; for projects they count projects
_RENAMED = {"n_tasks": "n_projects", "overdue_tasks": "overdue_projects", "lagging_tasks": "lagging_projects"}
PROGRESS_COLUMNS = [_RENAMED.get(c, c) for c in task_rules.PROGRESS_COLUMNS]


def project_states(projects: pd.DataFrame, project_status: pd.DataFrame, as_of: str,
                   due: bool = True) -> pd.DataFrame:
    """Every project with its latest report; one that never reported has status None and is overdue.

    Args:
        projects: project_no plus any catalog columns (kept).
        project_status: project_no, period, status, note, unit, progress_pct (0–100), investment (万元).
        as_of: the as-of period, e.g. '2026Q3'.
        due: False while the as-of quarter's reporting deadline is still ahead (nothing overdue yet).

    Returns:
        A new frame: the columns of `projects`, then period, status, note, unit, reported, overdue, progress_pct
        (of the latest report, NaN when it gave none) and investment.
    """
    return task_rules.task_states(projects, project_status, as_of, key="project_no", extra=EXTRA, due=due)


def project_progress(projects: pd.DataFrame, project_status: pd.DataFrame, as_of: str,
                     by: str = "sector") -> pd.DataFrame:
    """Project counts per group (n_projects, n_done, n_lagging, n_overdue, overdue_projects, …).

    Args:
        projects: project_no and the column `by`.
        project_status: as for project_states().
        as_of: the as-of period.
        by: the grouping column of `projects`.
    """
    return summarize_by(project_states(projects[["project_no", by]], project_status, as_of), by)


def project_progress_by_agency(projects: pd.DataFrame, responsibilities: pd.DataFrame,
                               project_status: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """Project counts per responsible agency and role (lead, assist, joint), overdue projects listed by number.

    Args:
        projects: project_no (only these projects are counted).
        responsibilities: subject, subject_no, agency, role (the project rows are used).
        project_status: as for project_states().
        as_of: the as-of period.
    """
    return summarize_by_agency(project_states(projects[["project_no"]], project_status, as_of), responsibilities)


def summarize_by(states: pd.DataFrame, by: str = "sector") -> pd.DataFrame:
    """project_progress() from project_states() already computed.

    Args:
        states: project_states() rows with the column `by`.
        by: the grouping column.
    """
    return task_rules.summarize_by(states, by, key="project_no").rename(columns=_RENAMED)


def summarize_by_agency(states: pd.DataFrame, responsibilities: pd.DataFrame) -> pd.DataFrame:
    """project_progress_by_agency() from project_states() already computed.

    Args:
        states: project_states() rows (only these projects are counted).
        responsibilities: subject, subject_no, agency, role (the project rows are used).
    """
    return task_rules.summarize_by_agency(states, responsibilities, subject="project",
                                          key="project_no").rename(columns=_RENAMED)
