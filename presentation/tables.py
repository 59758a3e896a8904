"""Tables as leaders read them: Chinese headers, numbers with units, statuses in words."""

from __future__ import annotations

import pandas as pd

from presentation import formats, labels, readings

C = labels.COLUMNS
T = labels.TABLES


def status_word(status) -> str:
    return readings.word(status)


def task_words(statuses, overdue) -> list[str]:
    """Latest task states in words: '逾期未报 · 推进中' when overdue, '未报送' when a task never reported."""
    prefix = f"{labels.TASK_STATE['overdue']} · "
    return [(prefix if o else "") + (s or labels.TASK_STATE["not_reported"])
            for s, o in zip(statuses, overdue, strict=True)]


def indicator_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Status rows (with name) -> display table: 指标, 目标, 最新值, 年终值, 进度, 序时, 差距, 预计, 状态.

    最新值 is always the newest value; 年终值 is the value an expired target is judged on (blank otherwise).
    """
    records = rows.to_dict("records")
    out = pd.DataFrame({
        C["indicator"]: rows["name"],
        C["target"]: [_target(r) for r in records],
        C["latest_value"]: [readings.latest(r) for r in records],
        C["judged_value"]: [readings.judged(r) for r in records],
        C["progress_pct"]: [formats.percent(v) for v in rows["progress_pct"]],
        C["expected_pct"]: [formats.percent(v) for v in rows["expected_pct"]],
        C["gap"]: [formats.gap(v, u) for v, u in zip(rows["gap"], rows["unit"], strict=True)],
        C["projected_value"]: [readings.projection(r) for r in records],
        C["status"]: [status_word(s) for s in rows["status"]],
    })
    if "lead" in rows:
        out.insert(1, C["lead"], rows["lead"].fillna(""))
    return out.reset_index(drop=True)


def _target(row) -> str:
    year, value = row["target_year"], row["target_value"]
    if row["status"] == "not_judged":
        return T["no_district_target"]
    if pd.isna(year):
        return T["pending"]
    if pd.isna(value):
        return T["target_pending"].format(year=int(year))
    return T["target"].format(year=int(year), value=formats.number(value, row["unit"]))
