"""分单位: ranking with its rule, each agency's scorecard, and the reporting matrix."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import figures
from metrics.ranking import RULE, rank_agencies
from ui import context, tables
from ui import format as F
from ui import labels as L
from ui.auth import require_page

require_page(__file__)

data = context.header(L.PAGES["agencies"])
if data is not None:
    ranking = rank_agencies(data.agency_rollup, data.task_by_agency)
    kinds = data.agencies.set_index("name")["kind"]
    tab_rank, tab_card, tab_matrix = st.tabs(["排名", "单位记分卡", "报送情况"])
    with tab_rank:
        st.info(RULE)
        st.dataframe(pd.DataFrame({
            "名次": ranking["rank"], "单位": ranking["agency"],
            "类型": ranking["agency"].map(kinds).map(L.AGENCY_KIND).fillna(""),
            "牵头指标": ranking["n_indicators"], "红色指标": ranking["n_red"],
            "最差指标状态": [tables.status_word(s) for s in ranking["worst"]],
            "负责任务": ranking["n_tasks"], "逾期未报": ranking["n_overdue"],
            "滞后占比": [F.percent(v * 100) for v in ranking["share_lagging"]],
            "已完成占比": [F.percent(v * 100) for v in ranking["share_done"]]}),
            hide_index=True, width="stretch", height=600)
    with tab_card:
        names = sorted(data.agencies["name"])
        agency = st.selectbox("选择单位", names, index=names.index("市住房建设局") if "市住房建设局" in names else 0)
        led = data.headline[data.headline["lead"] == agency]
        held = data.responsibilities[(data.responsibilities["subject"] == "task")
                                     & (data.responsibilities["agency"] == agency)]
        tasks = data.tasks.merge(held[["subject_no", "role"]], left_on="task_no", right_on="subject_no")
        m = st.columns(4)
        m[0].metric("牵头指标", f"{len(led)} 项")
        m[1].metric("负责任务（牵头/协办/分工负责）",
                    "/".join(str(int((tasks["role"] == r).sum())) for r in ("lead", "assist", "joint")))
        m[2].metric("本季度逾期未报", f"{int((tasks['overdue'] & (tasks['role'] != 'assist')).sum())} 项")
        m[3].metric("滞后任务", f"{int((tasks['status'] == '滞后').sum())} 项")
        st.markdown("**牵头的指标**")
        if led.empty:
            st.info("该单位不牵头任何量化指标。")
        else:
            st.dataframe(tables.indicator_rows(led), hide_index=True, width="stretch")
        st.markdown("**负责的重点任务**")
        if tasks.empty:
            st.info("该单位没有负责的重点任务。")
        else:
            st.dataframe(pd.DataFrame({
                "编号": tasks["task_no"], "职责": tasks["role"].map(L.ROLE),
                "最新进展": [("逾期未报 · " if o else "") + (s or "未报送")
                         for s, o in zip(tasks["status"], tasks["overdue"], strict=True)],
                "报告期": tasks["period"].fillna("—"), "进展说明": tasks["note"].fillna(""),
                "任务内容": tasks["text"]}), hide_index=True, width="stretch")
    with tab_matrix:
        st.caption("统计各单位牵头或按职责分工负责的任务；季度结束后 20 天内首次报送为按时；"
                   "已修订指报送后又改过；未报送指该季度没有报告（已完成的任务此后不再要求报送）。")
        matrix = data.matrix.dropna(subset=["cell"])
        context.chart(figures.reporting_matrix(matrix), f"报送情况_{data.as_of}", key="matrix")
