"""Tables of the data management page: upload history, audit log and current targets, with Chinese headers."""

from __future__ import annotations

import pandas as pd

from presentation import formats, labels

A = labels.ADMIN
_TIME = "%Y-%m-%d %H:%M"
# The history's file names and uploaders in pixels: the table fits beside the sidebar on a 1366-px screen
HISTORY_PX = {labels.COLUMNS["file_name"]: 220, labels.COLUMNS["user"]: 130}
# On a phone (ui.grid.show's `phone`): what an upload was, when, and whether it counts; which target is set to what
HISTORY_PHONE = [labels.COLUMNS["file_name"], labels.COLUMNS["uploaded_at"], labels.COLUMNS["state"]]
TARGETS_PHONE = [labels.COLUMNS["name"], labels.COLUMNS["target_year"], labels.COLUMNS["target_value"]]


def _time(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).dt.strftime(_TIME).fillna("")


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """store.uploads.history -> 上传编号, 类型, 文件名, 上传人, 上传时间, 新增, 修订, 未变, 状态, 示例数据, 回滚时间, 回滚人."""
    C = labels.COLUMNS
    return pd.DataFrame({
        C["upload_id"]: history["upload_id"].astype(int),
        C["kind"]: history["kind"].map(labels.UPLOAD_KIND).fillna(history["kind"]),
        C["file_name"]: history["file_name"].astype(str),
        C["user"]: history["user"].fillna("").astype(str),
        C["uploaded_at"]: _time(history["uploaded_at"]),
        C["rows_added"]: history["rows_added"].astype(int),
        C["rows_revised"]: history["rows_revised"].astype(int),
        C["rows_unchanged"]: history["rows_unchanged"].astype(int),
        C["state"]: history["state"].map(labels.UPLOAD_STATE).fillna(history["state"]),
        A["sample_col"]: [A["sample_flag"] if s else "" for s in history["is_sample"]],
        C["rolled_back_at"]: _time(history["rolled_back_at"]),
        A["rolled_back_by"]: history["rolled_back_by"].fillna("").astype(str),
    }).reset_index(drop=True)


def rollback_choices(history: pd.DataFrame) -> dict[int, str]:
    """Committed (not rolled back) uploads, newest first: upload id -> '第 N 号 · 指标数据 · time · file'."""
    live = history[history["state"] == "committed"]
    return {
        int(r.upload_id): A["rollback_option"].format(
            id=int(r.upload_id), kind=labels.UPLOAD_KIND.get(r.kind, r.kind),
            at=pd.Timestamp(r.uploaded_at).strftime(_TIME), name=r.file_name)
        for r in live.itertuples()
    }


def audit_table(audit: pd.DataFrame) -> pd.DataFrame:
    """store.audit.entries -> 时间, 操作人, 操作, 详情."""
    H = labels.AUDIT_HEADERS
    return pd.DataFrame({
        H["at"]: _time(audit["at"]),
        H["user"]: audit["user"].fillna("").astype(str),
        H["action"]: audit["action"].map(labels.AUDIT_ACTION).fillna(audit["action"]),
        H["detail"]: audit["detail"].fillna("").astype(str),
    }).reset_index(drop=True)


def targets_table(targets: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Targets that count now with indicator names: 指标代码, 指标名称, 单位, 目标年份, 目标值, 来源, 说明.

    A pending target (no value) reads '目标待定'; pending targets come first.
    """
    C, T = labels.COLUMNS, labels.TARGET_HEADERS
    rows = targets.merge(indicators[["code", "name", "unit"]], on="code", how="left")
    rows["pending"] = rows["target_value"].isna()
    rows = rows.sort_values(["pending", "code", "target_year"], ascending=[False, True, True], kind="stable")
    unit = rows["unit"].fillna("")
    return pd.DataFrame({
        C["code"]: rows["code"],
        C["name"]: rows["name"].fillna(""),
        C["unit"]: unit,
        C["target_year"]: rows["target_year"].astype(int),
        C["target_value"]: [labels.STATUS["target_pending"] if pd.isna(v) else formats.number(v, u)
                            for v, u in zip(rows["target_value"], unit, strict=True)],
        T["source"]: [A["targets_source_catalog"] if pd.isna(u) else A["targets_source_upload"].format(id=int(u))
                      for u in rows["upload_id"]],
        T["note"]: rows["note"].fillna("").astype(str),
    }).reset_index(drop=True)


def pending_count(targets: pd.DataFrame) -> int:
    return int(targets["target_value"].isna().sum())
