"""分领域: the eight sectors side by side, then one sector's indicators, projects and tasks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import page_charts
from metrics.settings import RED
from presentation import formats, labels, tables
from store.catalog import sectors
from ui import context, grid, links
from ui.auth import require_page

require_page(__file__)

C = labels.COLUMNS
S = labels.SECTORS
TASK_ROWS = 8  # task rows shown before the table scrolls (wrapped texts make rows tall)
# Columns in pixels, 1 056 a table: the width of the page beside the sidebar on a 1366-px screen (ui.style narrows
# the margins there); wider screens stretch them. Names, units, notes and texts wrap in taller rows.
PROJECT_PX = {C["no"]: 44, C["project"]: 200, C["task_status"]: 100, C["image_progress"]: 110, C["period"]: 72,
              C["lead_or_joint"]: 150, C["note"]: 380}
PROJECT_TEXT_PX = {C["no"]: 44, C["project"]: 160, C["lead"]: 130, C["assist"]: 150, C["joint"]: 150,
                   C["content"]: 422}
TASK_PX = {C["no"]: 44, C["category"]: 150, C["task_status"]: 90, C["period"]: 72, C["lead_or_joint"]: 170,
           C["text"]: 530}

data = context.header(labels.PAGES["sectors"])
if data is not None:
    order = sectors()
    roll, tasks, projects_by = page_charts.sector_frames(data, order)
    charts = page_charts.sectors(data, order)
    for column, chart in zip(st.columns(2), ("sector_status", "sector_tasks"), strict=True):
        with column:
            context.chart(charts[chart], page_charts.file_name(chart, data.as_of), key=chart)
    summary = pd.DataFrame({
        C["sector"]: order,
        C["n_indicators"]: roll["total"],
        C["worst_status"]: [tables.status_word(s) if t else "—"
                            for s, t in zip(roll["worst"], roll["total"], strict=True)],
        C["n_red"]: roll[list(RED)].sum(axis=1),
        C["n_tasks"]: tasks["n_tasks"].fillna(0).astype(int),
        C["share_done"]: [formats.percent(v * 100) if pd.notna(v) else "—" for v in tasks["share_done"]],
        C["share_lagging"]: [formats.percent(v * 100) if pd.notna(v) else "—" for v in tasks["share_lagging"]],
        C["n_overdue"]: tasks["n_overdue"].fillna(0).astype(int),
        C["n_projects"]: projects_by["n_projects"].fillna(0).astype(int),
        C["n_lagging_projects"]: projects_by["n_lagging"].fillna(0).astype(int),
        C["n_overdue_projects"]: projects_by["n_overdue"].fillna(0).astype(int),
    })
    grid.show(summary, hide_index=True, width="stretch")

    chosen = st.segmented_control(S["pick"], order, default=links.from_url("sector", order),
                                  key="sector_pick") or order[0]
    links.to_url("sector", chosen)
    st.subheader(chosen)
    head = data.headline[data.headline["sector"] == chosen]
    if head.empty:
        st.info(S["no_indicators"])
    else:
        st.markdown(f"**{S['indicators']}**")
        rows = tables.indicator_rows(head)
        grid.show(rows, hide_index=True, width="stretch", **tables.fitted(rows, tables.INDICATOR_PX))
    projects = data.projects[data.projects["sector"] == chosen]
    st.markdown(f"**{S['projects'].format(n=len(projects))}**")
    if not projects.empty:  # each project's latest report, as on 重点工程
        table = pd.DataFrame({
            C["no"]: projects["project_no"], C["project"]: projects["name"],
            C["task_status"]: tables.task_words(projects["status"], projects["overdue"]),
            C["image_progress"]: projects["progress_pct"], C["period"]: projects["period"].fillna("—"),
            C["lead_or_joint"]: [lead or joint for lead, joint in zip(projects["lead"], projects["joint"],
                                                                      strict=True)],
            C["note"]: projects["note"].fillna("")})
        fit = tables.fitted(table, PROJECT_PX, wrapped=(C["project"], C["lead_or_joint"], C["note"]))
        fit["column_config"][C["image_progress"]] = st.column_config.ProgressColumn(
            min_value=0, max_value=100, format="%.0f%%", width=PROJECT_PX[C["image_progress"]])
        grid.show(table, hide_index=True, width="stretch", height=tables.table_height(len(table), fit["row_height"]),
                  **fit)
    with st.expander(S["project_texts"], expanded=False):
        texts = projects[["project_no", "name", "lead", "assist", "joint", "text"]].rename(columns={
            "project_no": C["no"], "name": C["project"], "lead": C["lead"], "assist": C["assist"],
            "joint": C["joint"], "text": C["content"]})
        fit = tables.fitted(texts, PROJECT_TEXT_PX, wrapped=(C["project"], C["lead"], C["assist"], C["joint"],
                                                             C["content"]))
        grid.show(texts, hide_index=True, width="stretch", height=tables.table_height(len(texts), fit["row_height"]),
                  **fit)
    sector_tasks = data.tasks[data.tasks["sector"] == chosen]
    st.markdown(f"**{S['tasks'].format(n=len(sector_tasks))}**")
    table = pd.DataFrame({
        C["no"]: sector_tasks["task_no"], C["category"]: sector_tasks["group_name"],
        C["task_status"]: tables.task_words(sector_tasks["status"], sector_tasks["overdue"]),
        C["period"]: sector_tasks["period"].fillna("—"),
        C["lead_or_joint"]: [lead or joint
                             for lead, joint in zip(sector_tasks["lead"], sector_tasks["joint"], strict=True)],
        C["text"]: sector_tasks["text"]})
    fit = tables.fitted(table, TASK_PX, wrapped=(C["category"], C["lead_or_joint"], C["text"]))  # wrap, never cut
    grid.show(table, hide_index=True, width="stretch",
              height=tables.table_height(len(sector_tasks), fit["row_height"], limit=TASK_ROWS), **fit)
    if note := grid.scroll_note(len(sector_tasks), TASK_ROWS):
        st.caption(note)
