"""Key-project progress: the task rules (latest report, 逾期未报, counts per agency) applied to project reports."""

import numpy as np
import pandas as pd

from metrics.projects import (
    PROGRESS_COLUMNS,
    project_progress,
    project_progress_by_agency,
    project_states,
    summarize_by,
    summarize_by_agency,
)

PROJECTS = pd.DataFrame({"project_no": [1, 2, 3, 4], "sector": ["工业", "工业", "建筑业", "建筑业"],
                         "name": ["甲", "乙", "丙", "丁"]})
STATUS = pd.DataFrame({
    "project_no": [1, 1, 2, 2, 3, 1],
    "period": ["2026Q2", "2026Q3", "2026Q2", "2026Q3", "2026Q2", "2026Q4"],
    "status": ["推进中", "推进中", "推进中", "已完成", "滞后", "已完成"],
    "note": "", "unit": "",
    "progress_pct": [40.0, 55.0, 90.0, 100.0, np.nan, 100.0],
    "investment": [100.0, 150.0, np.nan, 300.0, 20.0, 400.0],
})
RESP = pd.DataFrame({
    "subject": ["project", "project", "project", "project", "task"],
    "subject_no": [1, 2, 3, 3, 1],
    "agency": ["甲局", "甲局", "乙局", "甲局", "乙局"],
    "role": ["lead", "lead", "lead", "assist", "lead"],
})


def test_each_project_carries_its_latest_report_with_progress_and_investment():
    out = project_states(PROJECTS, STATUS, "2026Q3").set_index("project_no")
    assert out["status"].tolist() == ["推进中", "已完成", "滞后", None]
    assert out["progress_pct"].fillna(-1).tolist() == [55.0, 100.0, -1, -1]
    assert out["investment"].fillna(-1).tolist() == [150.0, 300.0, 20.0, -1]
    # 3 said 滞后 last quarter and nothing this quarter; 4 never reported: both 逾期未报. 2 is done.
    assert out["overdue"].tolist() == [False, False, True, True]
    assert out["name"].tolist() == ["甲", "乙", "丙", "丁"]  # catalog columns kept


def test_counts_per_sector_and_per_agency_name_projects():
    by_sector = project_progress(PROJECTS, STATUS, "2026Q3").set_index("sector")
    assert list(by_sector.columns) == PROGRESS_COLUMNS
    assert by_sector.loc["工业", "n_projects"] == 2 and by_sector.loc["工业", "n_done"] == 1
    assert by_sector.loc["建筑业", "overdue_projects"] == [3, 4]
    by_agency = project_progress_by_agency(PROJECTS, RESP, STATUS, "2026Q3").set_index(["agency", "role"])
    assert by_agency.index.tolist() == [("乙局", "lead"), ("甲局", "assist"), ("甲局", "lead")]  # task rows skipped
    assert by_agency.loc[("乙局", "lead"), "lagging_projects"] == [3]
    assert by_agency.loc[("乙局", "lead"), "overdue_projects"] == [3]
    assert by_agency.loc[("甲局", "lead"), "n_projects"] == 2


def test_overdue_projects_count_in_the_agency_ranking_with_overdue_tasks():
    from metrics.ranking import rank_agencies

    roll = pd.DataFrame({"agency": ["甲局", "乙局"], "missed": 0, "regressing": 0, "off_track": 0, "total": 1,
                         "worst": "on_track"})
    tasks = pd.DataFrame({"agency": ["甲局", "乙局"], "role": "lead", "n_tasks": 2, "n_done": 1, "n_lagging": 0,
                          "n_overdue": [1, 0]})
    assert rank_agencies(roll, tasks)["agency"].tolist() == ["乙局", "甲局"]
    projects = project_progress_by_agency(PROJECTS, RESP, STATUS, "2026Q3")  # 乙局 leads project 3, overdue
    out = rank_agencies(roll, tasks, projects.assign(n_overdue=[2, 0, 0]))
    assert out["agency"].tolist() == ["甲局", "乙局"]
    assert out.set_index("agency")[["n_overdue", "n_projects", "n_overdue_projects"]].to_dict("index") == {
        "甲局": {"n_overdue": 1, "n_projects": 2, "n_overdue_projects": 0},
        "乙局": {"n_overdue": 2, "n_projects": 1, "n_overdue_projects": 2}}


def test_counts_from_states_computed_once_equal_the_counts_from_reports():
    states = project_states(PROJECTS, STATUS, "2026Q3")
    pd.testing.assert_frame_equal(summarize_by(states, "sector"), project_progress(PROJECTS, STATUS, "2026Q3"))
    pd.testing.assert_frame_equal(summarize_by_agency(states, RESP),
                                  project_progress_by_agency(PROJECTS, RESP, STATUS, "2026Q3"))
