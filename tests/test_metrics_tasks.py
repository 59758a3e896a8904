"""Task progress: latest status per task, overdue reports, counts by sector and by agency."""

import pandas as pd
import pytest

from metrics.tasks import (
    count_states,
    held,
    in_states,
    latest_task_status,
    needs_attention,
    per_role,
    state_flags,
    summarize_by,
    summarize_by_agency,
    summarize_tasks,
    task_progress,
    task_progress_by_agency,
    task_states,
)

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


# As of 2025Q4: task 1 done, 2 lagging (reported), 3 done earlier, 4 not started (overdue), 5 never reported.
STATES = task_states(TASKS, STATUS, "2025Q4")


def test_each_task_is_in_one_reported_state_or_never_reported_and_may_be_overdue_besides():
    flags = state_flags(STATES).set_index(STATES["task_no"])
    assert flags.columns.tolist() == ["done", "in_progress", "lagging", "not_started", "overdue", "never_reported"]
    assert flags.loc[1].tolist() == [True, False, False, False, False, False]
    assert flags.loc[4].tolist() == [False, False, False, True, True, False]
    assert flags.loc[5].tolist() == [False, False, False, False, True, True]


def test_count_states_counts_overdue_with_the_tasks_that_never_reported():
    assert count_states(STATES) == {"total": 5, "done": 2, "in_progress": 0, "lagging": 1, "not_started": 1,
                                    "overdue": 2, "never_reported": 1}


@pytest.mark.parametrize(("chosen", "expected"), [
    ([], [1, 2, 3, 4, 5]),
    (["lagging"], [2]),
    (["overdue"], [4, 5]),
    (["never_reported", "done"], [1, 3, 5]),
])
def test_in_states_keeps_the_tasks_in_any_chosen_state(chosen, expected):
    assert STATES[in_states(STATES, chosen)]["task_no"].tolist() == expected


def test_needs_attention_is_overdue_or_lagging():
    assert STATES[needs_attention(STATES)]["task_no"].tolist() == [2, 4, 5]


def test_held_lists_what_one_agency_is_named_for_with_its_role():
    assert held(RESP, "乙局").to_dict("list") == {"subject_no": [2, 4, 5], "role": ["assist", "lead", "joint"]}
    assert held(RESP, "甲局", "project").to_dict("list") == {"subject_no": [1], "role": ["lead"]}
    assert held(RESP, "丙局").empty


def test_per_role_counts_held_tasks_by_role_and_overdue_only_where_the_agency_reports():
    out = per_role(task_progress_by_agency(TASKS, RESP, STATUS, "2025Q4")).set_index("agency")
    assert out.loc["甲局"].to_dict() == {"n_lead": 2, "n_assist": 0, "n_joint": 0, "n_overdue": 0, "n_lagging": 1}
    # 乙局 assists on task 2 (lagging, counted) and answers for 4 (lead) and 5 (joint), both overdue
    assert out.loc["乙局"].to_dict() == {"n_lead": 1, "n_assist": 1, "n_joint": 1, "n_overdue": 2, "n_lagging": 1}
    assert per_role(task_progress_by_agency(TASKS, RESP, STATUS, "2025Q4").iloc[:0]).empty


def test_counts_from_states_computed_once_equal_the_counts_from_reports():
    # service.snapshot computes each subject's states once and reads the counts by sector and by agency from them
    states = task_states(TASKS.assign(note="catalog", status="ignored"), STATUS, "2025Q4")
    pd.testing.assert_frame_equal(summarize_by(states, "sector"), task_progress(TASKS, STATUS, "2025Q4"))
    pd.testing.assert_frame_equal(summarize_by_agency(states, RESP),
                                  task_progress_by_agency(TASKS, RESP, STATUS, "2025Q4"))


def test_summarize_lists_the_tasks_of_groups_with_a_missing_key():
    tasks = TASKS.assign(sector=["工业", None, None, "建筑", "建筑"], lead=["甲局", "甲局", "乙局", "乙局", "乙局"])
    out = summarize_tasks(task_states(tasks, STATUS, "2025Q4"), ["sector", "lead"])
    assert out["n_overdue"].tolist() == [0, 2, 0, 0]
    assert out["overdue_tasks"].tolist() == [[], [4, 5], [], []]
    # the group (None, 甲局) counts task 2 as lagging and lists it (the lists once lost groups with a missing key)
    assert out["lagging_tasks"].tolist() == [[], [], [], [2]]
    assert out["lagging_tasks"].map(len).tolist() == out["n_lagging"].tolist()
