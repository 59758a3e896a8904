"""Agency ranking: red indicators first, then overdue reports, lagging share, done share; ties share a rank."""

import pandas as pd

from metrics.ranking import rank_agencies


def _rollup(rows):
    cols = ["agency", "missed", "regressing", "off_track", "at_risk", "no_data", "target_pending", "on_track",
            "achieved", "total", "worst"]
    return pd.DataFrame(rows, columns=cols)


def test_red_indicators_rank_before_task_counts():
    roll = _rollup([["甲", 1, 0, 0, 0, 0, 0, 0, 0, 1, "missed"], ["乙", 0, 0, 0, 0, 0, 0, 1, 0, 1, "on_track"]])
    tasks = pd.DataFrame({"agency": ["甲", "乙"], "role": ["lead", "lead"], "n_tasks": [4, 4], "n_done": [4, 0],
                          "n_lagging": [0, 2], "n_overdue": [0, 3]})
    out = rank_agencies(roll, tasks)
    assert out["agency"].tolist() == ["乙", "甲"]
    assert out["rank"].tolist() == [1, 2]


def test_overdue_then_lagging_share_then_done_share_and_ties_share_rank():
    roll = _rollup([])
    tasks = pd.DataFrame({
        "agency": ["甲", "乙", "丙", "丁", "丁"], "role": ["lead", "joint", "lead", "lead", "assist"],
        "n_tasks": [2, 2, 2, 2, 9], "n_done": [1, 1, 2, 1, 0], "n_lagging": [0, 1, 0, 0, 9],
        "n_overdue": [1, 0, 0, 0, 9]})
    out = rank_agencies(roll, tasks)
    assert out["agency"].tolist() == ["丙", "丁", "乙", "甲"]
    assert out.set_index("agency").loc["丁", "n_tasks"] == 2  # assisting roles are not counted
    assert out["rank"].tolist() == [1, 2, 3, 4]
    tie = rank_agencies(roll, tasks.assign(n_done=[1, 1, 1, 1, 0], n_lagging=0, n_overdue=0))
    assert tie["rank"].tolist() == [1, 1, 1, 1]


def test_agency_with_indicators_but_no_tasks_is_ranked():
    roll = _rollup([["甲", 0, 0, 0, 1, 0, 0, 0, 0, 1, "at_risk"]])
    tasks = pd.DataFrame(columns=["agency", "role", "n_tasks", "n_done", "n_lagging", "n_overdue"])
    out = rank_agencies(roll, tasks)
    assert out.iloc[0][["agency", "n_red", "n_tasks", "share_done", "rank"]].tolist() == ["甲", 0, 0, 0.0, 1]
