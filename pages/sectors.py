"""分领域: the eight sectors side by side, then one sector's indicators, projects and tasks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import figures
from store.catalog import sectors
from ui import context, tables
from ui import format as F
from ui import labels as L
from ui.auth import require_page

require_page(__file__)

data = context.header(L.PAGES["sectors"])
if data is not None:
    order = sectors()
    roll = data.sector_rollup.set_index("sector").reindex(order).reset_index()
    count_cols = [c for c in L.STATUS if c in roll.columns]
    roll[count_cols] = roll[count_cols].fillna(0).astype(int)
    roll["total"] = roll["total"].fillna(0).astype(int)
    tasks = data.task_by_sector.set_index("sector").reindex(order).reset_index()
    left, right = st.columns(2)
    with left:
        context.chart(figures.sector_status(roll[roll["total"] > 0], "sector", "各领域指标状态"),
                      f"分领域_指标状态_{data.as_of}", key="sector_status")
    with right:
        context.chart(figures.task_progress(tasks.dropna(subset=["n_tasks"]), "sector", "各领域重点任务进展"),
                      f"分领域_任务进展_{data.as_of}", key="sector_tasks")
    summary = pd.DataFrame({
        "领域": order,
        "指标数": roll["total"],
        "最差状态": [tables.status_word(s) if t else "—" for s, t in zip(roll["worst"], roll["total"], strict=True)],
        "未达成/逆向/严重滞后": roll[["missed", "regressing", "off_track"]].sum(axis=1),
        "任务数": tasks["n_tasks"].fillna(0).astype(int),
        "已完成占比": [F.percent(v * 100) if pd.notna(v) else "—" for v in tasks["share_done"]],
        "滞后占比": [F.percent(v * 100) if pd.notna(v) else "—" for v in tasks["share_lagging"]],
        "逾期未报": tasks["n_overdue"].fillna(0).astype(int),
    })
    st.dataframe(summary, hide_index=True, width="stretch")

    chosen = st.segmented_control("选择领域", order, default=order[0], key="sector_pick") or order[0]
    st.subheader(chosen)
    head = data.headline[data.headline["sector"] == chosen]
    if head.empty:
        st.info("该领域没有量化指标，进展见下方重点任务。")
    else:
        st.markdown("**指标**")
        st.dataframe(tables.indicator_rows(head), hide_index=True, width="stretch")
    projects = data.projects[data.projects["sector"] == chosen]
    with st.expander(f"重点工程（{len(projects)} 项）", expanded=False):
        st.dataframe(projects[["project_no", "name", "lead", "assist", "joint", "text"]].rename(columns={
            "project_no": "编号", "name": "工程", "lead": "牵头单位", "assist": "协办单位", "joint": "按职责分工负责",
            "text": "内容"}), hide_index=True, width="stretch")
    sector_tasks = data.tasks[data.tasks["sector"] == chosen]
    st.markdown(f"**重点任务（{len(sector_tasks)} 项）**")
    st.dataframe(pd.DataFrame({
        "编号": sector_tasks["task_no"], "类别": sector_tasks["group_name"],
        "最新进展": [("逾期未报 · " if o else "") + (s or "未报送")
                 for s, o in zip(sector_tasks["status"], sector_tasks["overdue"], strict=True)],
        "报告期": sector_tasks["period"].fillna("—"),
        "牵头/负责单位": [lead or joint for lead, joint in zip(sector_tasks["lead"], sector_tasks["joint"], strict=True)],
        "任务内容": sector_tasks["text"]}), hide_index=True, width="stretch")
