"""重点任务: all 140 tasks, searchable and filterable, with full text and status history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import tasks as task_metrics
from presentation import labels, tables
from store.catalog import sectors
from ui import context, grid, phone
from ui.auth import require_page

require_page(__file__)

C = labels.COLUMNS
T = labels.TASKS
TABLE_ROWS = 8  # rows the task table shows before it scrolls (wrapped texts make rows tall)
# The table's columns in pixels: 1 056 in all, the width of the page beside the sidebar on a 1366-px screen
# (ui.style narrows the margins there); wider screens stretch them. Texts wrap in the tall rows.
COLUMN_PX = {C["no"]: 44, C["group_name"]: 110, C["text"]: 456, C["task_status"]: 72, C["period"]: 72,
             C["note"]: 132, C["responsible"]: 170}

data = context.header(labels.PAGES["tasks"])
if data is not None:
    tasks = data.tasks
    resp = data.responsibilities[data.responsibilities["subject"] == "task"]
    with phone.filter_box():
        f1, f2, f3, f4 = st.columns(4)
        query = f1.text_input(T["search"], placeholder=T["search_hint"])
        sector = f2.multiselect(C["sector"], sectors(), placeholder=labels.ANY)
        status = f3.multiselect(C["task_status"], task_metrics.STATES, format_func=labels.TASK_STATE.get,
                                placeholder=labels.ANY)
        agency = f4.selectbox(C["responsible"], [labels.ALL] + sorted(resp["agency"].unique()))
        g1, g2, g3 = st.columns(3)
        part = g1.multiselect(C["part_name"], sorted(tasks["part_name"].unique(), key=lambda n: tasks[
            tasks["part_name"] == n]["part_no"].iloc[0]), placeholder=labels.ANY)
        area = g2.multiselect(C["area_name"],
                              list(dict.fromkeys(tasks[tasks["part_name"].isin(part) | (not part)]["area_name"])),
                              placeholder=labels.ANY)
        role = g3.multiselect(C["role"], list(labels.ROLE), format_func=labels.ROLE.get, placeholder=labels.ANY)

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
    if agency != labels.ALL or role:
        held = resp if agency == labels.ALL else task_metrics.held(resp, agency)
        if role:
            held = held[held["role"].isin(role)]
        shown = shown[shown["task_no"].isin(held["subject_no"])]
    shown = shown[task_metrics.in_states(shown, status)]

    st.caption(T["count"].format(n=len(shown), total=len(tasks)))
    # One row a task, no sideways scrolling (the 1366-px screen with its sidebar included): the units in one
    # wrapped cell role by role (full lists in the detail below); 领域 is a filter and in the detail.
    table = pd.DataFrame({
        C["no"]: shown["task_no"], C["group_name"]: shown["group_name"], C["text"]: shown["text"],
        C["task_status"]: tables.task_words(shown["status"], shown["overdue"]),
        C["period"]: shown["period"].fillna("—"), C["note"]: shown["note"].fillna(""),
        C["responsible"]: [tables.responsibility(*units) for units in
                           zip(shown["lead"], shown["assist"], shown["joint"], strict=True)]})
    row_px = max(tables.wrapped_row_px(table[C["text"]], COLUMN_PX[C["text"]]) or tables.ROW_PX,
                 tables.wrapped_row_px(table[C["responsible"]], COLUMN_PX[C["responsible"]]) or tables.ROW_PX)
    grid.show(table, hide_index=True, width="stretch", row_height=row_px,
              height=tables.table_height(len(table), row_px, limit=TABLE_ROWS),
              column_config={name: st.column_config.Column(width=px) for name, px in COLUMN_PX.items()})
    if note := grid.scroll_note(len(table), TABLE_ROWS):
        st.caption(note)

    if not shown.empty:
        pick = st.selectbox(T["pick"], shown["task_no"].tolist(), format_func=lambda n: labels.TASK_NO.format(n=int(n)))
        task = tasks.set_index("task_no").loc[pick]
        st.subheader(f"{labels.TASK_NO.format(n=int(pick))} · {task['group_name']}")
        st.write(task["text"])
        st.caption(T["path"].format(part=task["part_name"], area=task["area_name"], group=task["group_name"],
                                    sector=task["sector"]))
        st.markdown("　".join(f"**{C[col]}**：{task[col]}" for col in ("lead", "assist", "joint") if task[col]))
        hist = data.task_history[data.task_history["task_no"] == pick].sort_values("period", ascending=False)
        if hist.empty:
            st.info(T["no_reports"])
        else:
            grid.show(pd.DataFrame({
                C["period"]: hist["period"], C["status"]: hist["status"], C["note"]: hist["note"],
                C["reporting_unit"]: hist["unit"],
                C["first_reported"]: hist["first_reported_at"].dt.strftime("%Y-%m-%d"),
                C["revised_flag"]: hist["revised"].map({True: labels.REPORT_CELL["revised"], False: ""})}),
                hide_index=True, width="stretch", height=tables.table_height(len(hist)))
