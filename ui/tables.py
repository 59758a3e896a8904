"""Tables as leaders read them: Chinese headers, numbers with units, statuses in words."""

from __future__ import annotations

import pandas as pd

from ui import format as F
from ui import labels as L

C = L.COLUMNS
T = L.TABLES


def status_word(status) -> str:
    return L.STATUS.get(status, "—") if isinstance(status, str) else "—"


def task_words(statuses, overdue) -> list[str]:
    """Latest task states in words: '逾期未报 · 推进中' when overdue, '未报送' when a task never reported."""
    prefix = f"{L.TASK_STATE['overdue']} · "
    return [(prefix if o else "") + (s or L.TASK_STATE["not_reported"])
            for s, o in zip(statuses, overdue, strict=True)]


def indicator_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Status rows (with name) -> display table: 指标, 目标, 最新值, 进度, 序时, 差距, 预计, 状态."""
    out = pd.DataFrame({
        C["indicator"]: rows["name"],
        C["target"]: [T["target"].format(year=int(y), value=F.number(v, u)) if pd.notna(y) and pd.notna(v) else
                      (T["target_pending"].format(year=int(y)) if pd.notna(y) else T["pending"])
                      for y, v, u in zip(rows["target_year"], rows["target_value"], rows["unit"], strict=True)],
        C["latest_value"]: [f"{F.number(v, u)}（{p}）" if isinstance(p, str) else "—"
                            for v, u, p in zip(rows["latest_value"], rows["unit"], rows["latest_period"], strict=True)],
        C["progress_pct"]: [F.percent(v) for v in rows["progress_pct"]],
        C["expected_pct"]: [F.percent(v) for v in rows["expected_pct"]],
        C["gap"]: [F.gap(v, u) for v, u in zip(rows["gap"], rows["unit"], strict=True)],
        C["projected_value"]: [F.number(v, u) for v, u in zip(rows["projected_value"], rows["unit"], strict=True)],
        C["status"]: [status_word(s) for s in rows["status"]],
    })
    if "lead" in rows:
        out.insert(1, C["lead"], rows["lead"].fillna(""))
    return out.reset_index(drop=True)


def final_result(row) -> str:
    """'未达成：2025Q4 为 86.6%，距 2025 年目标 90% 差 3.4 个百分点' (the deck and overview use this)."""
    unit = row["unit"]
    value, target = row["latest_value"], row["target_value"]
    head = T["final_head"].format(period=row["latest_period"], value=F.number(value, unit),
                                  year=int(row["target_year"]), target=F.number(target, unit))
    gap = row["gap"]
    if row["status"] == "achieved":
        return T["achieved"].format(head=head) + (
            T["exceeded"].format(gap=F.gap(-gap, unit)) if pd.notna(gap) and gap < 0 else "")
    if row["status"] == "missed":
        return T["missed"].format(head=head, gap=F.gap(gap, unit))
    return f"{head}，{status_word(row['status'])}"


def sentence(row) -> str:
    """The key numbers of one indicator in words, for the deck and the detail page."""
    unit = row["unit"]
    if row["status"] == "target_pending":
        latest = F.number(row["latest_value"], unit) if pd.notna(row["latest_value"]) else L.STATUS["no_data"]
        return T["pending_sentence"].format(note=row.get("note") or T["pending_note"], latest=latest)
    if row["status"] == "no_data":
        return T["no_data"]
    if row["final"]:
        return final_result(row) + "。"
    text = T["progress"].format(
        period=row["latest_period"], value=F.number(row["latest_value"], unit), year=int(row["target_year"]),
        target=F.number(row["target_value"], unit), gap=F.gap(row["gap"], unit),
        progress=F.percent(row["progress_pct"]), expected=F.percent(row["expected_pct"]))
    if pd.notna(row["projected_value"]):
        text += T["projection"].format(year=int(row["target_year"]), value=F.number(row["projected_value"], unit))
    return text + f"，{status_word(row['status'])}。"
