"""Task progress: latest status per task, overdue reports, counts by sector and by agency."""

import pandas as pd

from metrics.tasks import latest_task_status, task_progress, task_progress_by_agency

TASKS = pd.DataFrame({"task_no": [1, 2, 3, 4, 5], "sector": ["工业", "工业", "工业", "建筑", "建筑"]})
STATUS = pd.DataFrame({
    "task_no": [1, 1, 2, 2, 3, 4, 1],
    "period": ["2025Q3", "2025Q4", "2025Q3", "2025Q4", "2025Q2", "2025Q3", "2026Q1"],
    "status": ["推进中", "已完成", "推进中", "滞后", "已完成", "未启动", "推进中"],
    "note": "", "unit": "市工业和信息化局",
})
RESP = pd.DataFrame({
    "subject": ["task", "task", "task", "task", "task", "project"],
    "subject_no": [1, 2, 2, 4, 5, 1],
    "agency": ["甲局", "甲局", "乙局", "乙局", "乙局", "甲局"],
    "role": ["lead", "lead", "assist", "lead", "joint", "lead"],
})


def test_latest_task_status_carries_the_last_report_and_flags_overdue():
    out = latest_task_status(STATUS, "2025Q4").set_index("task_no")
    assert out["period"].to_dict() == {1: "2025Q4", 2: "2025Q4", 3: "2025Q2", 4: "2025Q3"}
    assert out["status"].to_dict() == {1: "已完成", 2: "滞后", 3: "已完成", 4: "未启动"}
    assert out["reported"].to_dict() == {1: True, 2: True, 3: False, 4: False}
    # Task 3 finished earlier, so its silence is not overdue; task 4 is.
    assert out["overdue"].to_dict() == {1: False, 2: False, 3: False, 4: True}


def test_task_progress_by_sector():
    out = task_progress(TASKS, STATUS, "2025Q4").set_index("sector")
    industry, building = out.loc["工业"], out.loc["建筑"]
    assert industry["n_tasks"] == 3 and industry["n_done"] == 2 and industry["n_lagging"] == 1
    assert industry["share_done"] == 2 / 3 and industry["share_lagging"] == 1 / 3
    assert industry["n_overdue"] == 0 and industry["lagging_tasks"] == [2] and industry["overdue_tasks"] == []
    # Task 5 never reported: unreported and overdue.
    assert building["n_not_started"] == 1 and building["n_unreported"] == 1
    assert building["n_overdue"] == 2 and building["overdue_tasks"] == [4, 5]
    assert building["n_in_progress"] == 0


def test_task_progress_by_agency_and_role():
    out = task_progress_by_agency(TASKS, RESP, STATUS, "2025Q4").set_index(["agency", "role"])
    assert out.index.tolist() == [("乙局", "assist"), ("乙局", "joint"), ("乙局", "lead"), ("甲局", "lead")]
    assert out.loc[("甲局", "lead"), "n_tasks"] == 2  # the project row is skipped
    assert out.loc[("甲局", "lead"), "lagging_tasks"] == [2]
    assert out.loc[("乙局", "joint"), "overdue_tasks"] == [5]


def test_later_reports_are_ignored():
    out = latest_task_status(STATUS, "2025Q3").set_index("task_no")
    assert out.loc[1, "status"] == "推进中" and out.loc[2, "status"] == "推进中"
