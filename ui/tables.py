"""Tables as leaders read them: Chinese headers, numbers with units, statuses in words."""

from __future__ import annotations

import pandas as pd

from ui import format as F
from ui import labels as L


def status_word(status) -> str:
    return L.STATUS.get(status, "—") if isinstance(status, str) else "—"


def indicator_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Status rows (with name) -> display table: 指标, 目标, 最新值, 进度, 序时, 差距, 预计, 状态."""
    out = pd.DataFrame({
        "指标": rows["name"],
        "目标": [f"{int(y)}年 {F.number(v, u)}" if pd.notna(y) and pd.notna(v) else
                 (f"{int(y)}年 待定" if pd.notna(y) else "待定")
                 for y, v, u in zip(rows["target_year"], rows["target_value"], rows["unit"], strict=True)],
        "最新值": [f"{F.number(v, u)}（{p}）" if isinstance(p, str) else "—"
                  for v, u, p in zip(rows["latest_value"], rows["unit"], rows["latest_period"], strict=True)],
        "完成进度": [F.percent(v) for v in rows["progress_pct"]],
        "序时进度": [F.percent(v) for v in rows["expected_pct"]],
        "距目标差距": [F.gap(v, u) for v, u in zip(rows["gap"], rows["unit"], strict=True)],
        "按趋势预计": [F.number(v, u) for v, u in zip(rows["projected_value"], rows["unit"], strict=True)],
        "状态": [status_word(s) for s in rows["status"]],
    })
    if "lead" in rows:
        out.insert(1, "牵头单位", rows["lead"].fillna(""))
    return out.reset_index(drop=True)


def final_result(row) -> str:
    """'未达成：2025Q4 为 86.6%，距 2025 年目标 90% 差 3.4 个百分点' (the deck and overview use this)."""
    unit = row["unit"]
    value, target = row["latest_value"], row["target_value"]
    head = f"{row['latest_period']} 为 {F.number(value, unit)}，{int(row['target_year'])} 年目标 {F.number(target, unit)}"
    gap = row["gap"]
    if row["status"] == "achieved":
        return f"{head}，已达成" + (f"（超出 {F.gap(-gap, unit)}）" if pd.notna(gap) and gap < 0 else "")
    if row["status"] == "missed":
        return f"{head}，差 {F.gap(gap, unit)}，未达成"
    return f"{head}，{status_word(row['status'])}"


def sentence(row) -> str:
    """The key numbers of one indicator in words, for the deck and the detail page."""
    unit = row["unit"]
    if row["status"] == "target_pending":
        latest = F.number(row["latest_value"], unit) if pd.notna(row["latest_value"]) else "暂无数据"
        return f"目标值待定（{row.get('note') or '待上级下达'}）；最新值 {latest}。"
    if row["status"] == "no_data":
        return "暂无上报数据。"
    if row["final"]:
        return final_result(row) + "。"
    text = (f"{row['latest_period']} 为 {F.number(row['latest_value'], unit)}，距 {int(row['target_year'])} 年目标 "
            f"{F.number(row['target_value'], unit)} 差 {F.gap(row['gap'], unit)}；完成进度 "
            f"{F.percent(row['progress_pct'])}，序时进度 {F.percent(row['expected_pct'])}")
    if pd.notna(row["projected_value"]):
        text += f"；按近期趋势预计 {int(row['target_year'])} 年末达 {F.number(row['projected_value'], unit)}"
    return text + f"，{status_word(row['status'])}。"
