"""重点工程: all 25 key projects with their latest report, 形象进度, units, linked indicators and history."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from metrics import tasks as task_metrics
from metrics.settings import DEFAULT as METRIC_SETTINGS
from presentation import labels, readings, tables
from store.catalog import sectors
from ui import context, grid, phone
from ui.auth import require_page

require_page(__file__)

C = labels.COLUMNS
P = labels.PROJECTS
# The project table's columns in pixels: 1 010 in all, the width of the page beside the sidebar on a 1366-px screen
# (ui.style narrows the margins there); wider screens stretch them. The WRAPPED ones set the rows' height.
COLUMN_PX = {C["no"]: 44, C["project"]: 184, C["task_status"]: 100, C["image_progress"]: 110, C["investment"]: 130,
             C["period"]: 72, C["note"]: 240, C["lead_or_joint"]: 130}
WRAPPED = (C["project"], C["note"], C["lead_or_joint"])


def _amounts(values: pd.Series) -> list[str]:
    """完成投资 in 万元 as a report writes it: thousands separated, "—" where the unit gave none (not "None")."""
    return [f"{v:,.0f}" if pd.notna(v) else "—" for v in values]


def _overdue_by_unit(data) -> pd.DataFrame:
    """One row per lead (or jointly responsible) unit with overdue projects: 单位, 职责, 工程数, 逾期未报, which."""
    rows = data.project_by_agency
    rows = rows[rows["role"].isin(METRIC_SETTINGS.REPORTING_ROLES) & (rows["n_overdue"] > 0)]
    rows = rows.sort_values(["n_overdue", "agency"], ascending=[False, True])
    return pd.DataFrame({
        C["agency"]: rows["agency"], C["role"]: rows["role"].map(labels.ROLE),
        C["n_projects"]: rows["n_projects"], C["n_overdue"]: rows["n_overdue"],
        C["overdue_projects"]: ["、".join(P["project_no"].format(n=n) for n in ns) for ns in rows["overdue_projects"]],
    }).reset_index(drop=True)


data = context.header(labels.PAGES["projects"])
if data is not None:
    projects = data.projects
    resp = data.responsibilities[data.responsibilities["subject"] == "project"]
    with phone.filter_box():
        f1, f2, f3, f4 = st.columns(4)
        query = f1.text_input(P["search"], placeholder=P["search_hint"])
        sector = f2.multiselect(C["sector"], [s for s in sectors() if s in set(projects["sector"])], placeholder=labels.ANY)
        status = f3.multiselect(C["task_status"], task_metrics.STATES, format_func=labels.TASK_STATE.get,
                                placeholder=labels.ANY)
        agency = f4.selectbox(C["responsible"], [labels.ALL] + sorted(resp["agency"].unique()))

    counts = task_metrics.count_states(projects)
    for col, state in zip(st.columns(len(task_metrics.STATES)), task_metrics.STATES, strict=True):
        col.metric(labels.TASK_STATE[state], labels.COUNT.format(n=counts[state]))

    shown = projects
    if query.strip():
        q = query.strip()
        shown = shown[shown["name"].str.contains(q, regex=False) | shown["text"].str.contains(q, regex=False)
                      | (shown["project_no"].astype(str) == q)]
    if sector:
        shown = shown[shown["sector"].isin(sector)]
    if agency != labels.ALL:
        held = task_metrics.held(data.responsibilities, agency, "project")
        shown = shown[shown["project_no"].isin(held["subject_no"])]
    shown = shown[task_metrics.in_states(shown, status)]

    st.caption(P["count"].format(n=len(shown), total=len(projects)))
    # Every project on the page, no sideways scrolling (the 1366-px screen with its sidebar included): names,
    # notes and units wrap in two-line rows; the lead (or jointly responsible) units shortened (every unit by role,
    # the sector and the linked indicators are in the detail below).
    table = pd.DataFrame({
        C["no"]: shown["project_no"], C["project"]: shown["name"],
        C["task_status"]: tables.task_words(shown["status"], shown["overdue"]),
        C["image_progress"]: shown["progress_pct"], C["investment"]: _amounts(shown["investment"]),
        C["period"]: shown["period"].fillna("—"), C["note"]: shown["note"].fillna(""),
        C["lead_or_joint"]: [tables.units_short(lead or joint, 1)
                             for lead, joint in zip(shown["lead"], shown["joint"], strict=True)],
    })
    row_px = max([tables.wrapped_row_px(table[name], COLUMN_PX[name]) or tables.ROW_PX for name in WRAPPED])
    grid.show(table, hide_index=True, width="stretch", row_height=row_px,
              height=tables.table_height(len(table), row_px),
              column_config={**{name: st.column_config.Column(width=px) for name, px in COLUMN_PX.items()},
                             C["image_progress"]: st.column_config.ProgressColumn(
                                 min_value=0, max_value=100, format="%.0f%%", width=COLUMN_PX[C["image_progress"]])})

    st.subheader(P["overdue_heading"].format(period=data.period or "—"))
    st.caption(P["overdue_note"].format(period=data.period or "—"))
    overdue = _overdue_by_unit(data)
    if overdue.empty:
        st.info(P["overdue_none"])
    else:
        grid.show(overdue, hide_index=True, width="stretch")

    if not shown.empty:
        pick = st.selectbox(P["pick"], shown["project_no"].tolist(),
                            format_func=lambda n: labels.PROJECT_TITLE.format(
                                no=int(n), name=projects.set_index("project_no").at[n, "name"]))
        project = projects.set_index("project_no").loc[pick]
        st.subheader(labels.PROJECT_TITLE.format(no=int(pick), name=project["name"]))
        st.write(project["text"])
        st.caption(P["path"].format(category=project["category_name"], sector=project["sector"]))
        st.markdown("　".join(f"**{C[col]}**：{project[col]}" for col in ("lead", "assist", "joint") if project[col]))
        measured = data.headline[data.headline["project_no"] == pick] if "project_no" in data.headline else []
        st.markdown(f"**{P['linked_heading']}**")
        if len(measured):
            grid.show(pd.DataFrame({
                C["code"]: measured["code"], C["indicator"]: measured["name"],
                C["latest_value"]: [readings.latest(r) for r in measured.to_dict("records")],
                C["status"]: [tables.status_word(s) for s in measured["status"]]}),
                hide_index=True, width="stretch")
        else:
            st.caption(P["no_linked"])
        st.markdown(f"**{P['history']}**")
        hist = data.project_history[data.project_history["project_no"] == pick].sort_values("period",
                                                                                          ascending=False)
        if hist.empty:
            st.info(P["no_reports"])
        else:
            grid.show(pd.DataFrame({
                C["period"]: hist["period"], C["status"]: hist["status"],
                C["image_progress"]: hist["progress_pct"], C["investment"]: _amounts(hist["investment"]),
                C["note"]: hist["note"], C["reporting_unit"]: hist["unit"],
                C["first_reported"]: hist["first_reported_at"].dt.strftime("%Y-%m-%d"),
                C["revised_flag"]: hist["revised"].map({True: labels.REPORT_CELL["revised"], False: ""})}),
                hide_index=True, width="stretch",
                column_config={C["image_progress"]: st.column_config.ProgressColumn(
                    min_value=0, max_value=100, format="%.0f%%")})
