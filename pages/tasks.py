"""重点任务: all 140 tasks, searchable and filterable, with full text and status history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from store.catalog import sectors
from ui import context
from ui import labels as L
from ui.auth import require_page

require_page(__file__)

STATUS_CHOICES = ["已完成", "推进中", "滞后", "未启动", "逾期未报", "从未报送"]

data = context.header(L.PAGES["tasks"])
if data is not None:
    tasks = data.tasks
    resp = data.responsibilities[data.responsibilities["subject"] == "task"]
    f1, f2, f3, f4 = st.columns(4)
    query = f1.text_input("搜索任务内容或编号", placeholder="例如：建筑垃圾、岸电、56")
    sector = f2.multiselect("领域", sectors())
    status = f3.multiselect("最新进展", STATUS_CHOICES)
    agency = f4.selectbox("责任单位", ["（全部）"] + sorted(resp["agency"].unique()))
    g1, g2, g3 = st.columns(3)
    part = g1.multiselect("部分", sorted(tasks["part_name"].unique(), key=lambda n: tasks[
        tasks["part_name"] == n]["part_no"].iloc[0]))
    area = g2.multiselect("领域方向", list(dict.fromkeys(tasks[tasks["part_name"].isin(part) | (not part)]["area_name"])))
    role = g3.multiselect("职责", list(L.ROLE), format_func=L.ROLE.get)

    shown = tasks
    if query.strip():
        q = query.strip()
        shown = shown[shown["text"].str.contains(q, regex=False) | (shown["task_no"].astype(str) == q)
                      | shown["group_name"].str.contains(q, regex=False)]
    if sector:
        shown = shown[shown["sector"].isin(sector)]
    if part:
        shown = shown[shown["part_name"].isin(part)]
    if area:
        shown = shown[shown["area_name"].isin(area)]
    if agency != "（全部）" or role:
        held = resp
        if agency != "（全部）":
            held = held[held["agency"] == agency]
        if role:
            held = held[held["role"].isin(role)]
        shown = shown[shown["task_no"].isin(held["subject_no"])]
    state = shown["status"].fillna("从未报送").where(~shown["overdue"] | shown["status"].isna(), "逾期未报")
    if status:
        keep = state.isin(status) | (shown["status"].isin(status))
        shown, state = shown[keep], state[keep]

    st.caption(f"共 {len(shown)} 项（全部 {len(tasks)} 项）")
    table = pd.DataFrame({
        "编号": shown["task_no"], "领域": shown["sector"], "任务类别": shown["group_name"],
        "最新进展": state, "报告期": shown["period"].fillna("—"), "进展说明": shown["note"].fillna(""),
        "牵头单位": shown["lead"], "协办单位": shown["assist"], "按职责分工负责": shown["joint"],
        "任务内容": shown["text"]})
    st.dataframe(table, hide_index=True, width="stretch", height=520,
                 column_config={"任务内容": st.column_config.TextColumn(width="large")})

    if not shown.empty:
        pick = st.selectbox("查看任务详情", shown["task_no"].tolist(), format_func=lambda n: f"第{int(n)}项")
        task = tasks.set_index("task_no").loc[pick]
        st.subheader(f"第{int(pick)}项 · {task['group_name']}")
        st.write(task["text"])
        st.caption(f"{task['part_name']} › {task['area_name']} › {task['group_name']} · 领域：{task['sector']}")
        st.markdown("　".join(f"**{label}**：{task[col]}" for col, label in
                              (("lead", "牵头单位"), ("assist", "协办单位"), ("joint", "按职责分工负责")) if task[col]))
        hist = data.task_history[data.task_history["task_no"] == pick].sort_values("period", ascending=False)
        if hist.empty:
            st.info("该任务尚无进展报告。")
        else:
            st.dataframe(pd.DataFrame({
                "报告期": hist["period"], "状态": hist["status"], "进展说明": hist["note"], "填报单位": hist["unit"],
                "首次报送": hist["first_uploaded_at"].dt.strftime("%Y-%m-%d"),
                "是否修订": hist["revised"].map({True: "已修订", False: ""})}), hide_index=True, width="stretch")
