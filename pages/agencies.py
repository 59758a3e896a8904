"""分单位: ranking with its rule, each agency's scorecard, and the reporting matrix."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import page_charts
from metrics import reporting
from metrics import tasks as task_metrics
from metrics.ranking import RULE, rank_agencies
from presentation import formats, labels, tables
from ui import context, grid, links, reporting_panel
from ui.auth import require_page

require_page(__file__)

A = labels.AGENCIES
C = labels.COLUMNS

data = context.header(labels.PAGES["agencies"])
if data is not None:
    ranking = rank_agencies(data.agency_rollup, data.task_by_agency, data.project_by_agency,
                            reporting.late_in(data.matrix, data.as_of))
    kinds = data.agencies.set_index("name")["kind"]
    charts = page_charts.agencies(data)
    tab_rank, tab_card, tab_matrix = st.tabs([A["tab_rank"], A["tab_card"], A["tab_matrix"]])
    with tab_rank:
        st.info(RULE)
        st.caption(A["rank_order"])
        ranking = ranking.iloc[::-1]  # worst first: the units that need attention lead the table and the screenshot
        grid.show(pd.DataFrame({
            C["rank"]: ranking["rank"], C["agency"]: ranking["agency"],
            C["kind"]: ranking["agency"].map(kinds).map(labels.AGENCY_KIND).fillna(""),
            C["n_lead_indicators"]: ranking["n_indicators"], C["n_red_indicators"]: ranking["n_red"],
            C["worst_indicator"]: [tables.status_word(s) for s in ranking["worst"]],
            C["n_held_tasks"]: ranking["n_tasks"], C["n_held_projects"]: ranking["n_projects"],
            C["n_overdue"]: ranking["n_overdue"], C["n_late"]: ranking["n_late"],
            C["share_lagging"]: [formats.percent(v * 100) for v in ranking["share_lagging"]],
            C["share_done"]: [formats.percent(v * 100) for v in ranking["share_done"]]}),
            # every row on the page: the weakest units sit at the bottom and must be in a screenshot too
            hide_index=True, width="stretch", height=tables.table_height(len(ranking)))
        context.chart(charts["agency_status"], page_charts.file_name("agency_status", data.as_of), key="agency_status")
    with tab_card:
        names = sorted(data.agencies["name"])
        agency = st.selectbox(A["pick"], names, index=names.index(links.from_url("agency", names, labels.DEFAULT_AGENCY)))
        links.to_url("agency", agency)
        led = data.headline[data.headline["lead"] == agency]
        tasks = data.tasks.merge(task_metrics.held(data.responsibilities, agency), left_on="task_no",
                                 right_on="subject_no")
        card = task_metrics.per_role(data.task_by_agency).set_index("agency").reindex([agency]).fillna(0).iloc[0]
        m = st.columns(4)
        m[0].metric(A["led"], labels.COUNT.format(n=len(led)))
        held = {r: int(card[f"n_{r}"]) for r in ("lead", "assist", "joint")}
        m[1].metric(A["held"], labels.COUNT.format(n=sum(held.values())), delta=A["held_split"].format(**held),
                    delta_arrow="off", delta_color="gray")
        m[2].metric(A["overdue"], labels.COUNT.format(n=int(card["n_overdue"])))
        m[3].metric(A["lagging"], labels.COUNT.format(n=int(card["n_lagging"])))
        reporting_panel.agency(data, agency)  # its broken promises (整改逾期), when it has any
        st.markdown(f"**{A['led_heading']}**")
        if led.empty:
            st.info(A["led_none"])
        else:
            rows = tables.indicator_rows(led)
            grid.show(rows, hide_index=True, width="stretch", **tables.fitted(rows, tables.INDICATOR_PX))
        st.markdown(f"**{A['held_heading']}**")
        if tasks.empty:
            st.info(A["held_none"])
        else:
            row_px = tables.wrapped_row_px(tasks["text"]) or tables.ROW_PX  # task texts wrap, never cut
            grid.show(pd.DataFrame({
                C["no"]: tasks["task_no"], C["role"]: tasks["role"].map(labels.ROLE),
                C["task_status"]: tables.task_words(tasks["status"], tasks["overdue"]),
                C["period"]: tasks["period"].fillna("—"), C["note"]: tasks["note"].fillna(""),
                C["text"]: tasks["text"]}), hide_index=True, width="stretch", row_height=row_px,
                height=tables.table_height(len(tasks), row_px, limit=8),
                column_config={C["text"]: st.column_config.TextColumn(width=tables.TEXT_PX)})
            if note := grid.scroll_note(len(tasks), 8):
                st.caption(note)
        projects = data.projects.merge(task_metrics.held(data.responsibilities, agency, "project"),
                                       left_on="project_no", right_on="subject_no")
        st.markdown(f"**{A['projects_heading']}**")
        if projects.empty:
            st.info(A["projects_none"])
        else:
            grid.show(pd.DataFrame({
                C["no"]: projects["project_no"], C["project"]: projects["name"],
                C["role"]: projects["role"].map(labels.ROLE),
                C["task_status"]: tables.task_words(projects["status"], projects["overdue"]),
                C["image_progress"]: projects["progress_pct"], C["period"]: projects["period"].fillna("—"),
                C["note"]: projects["note"].fillna("")}), hide_index=True, width="stretch",
                column_config={C["image_progress"]: st.column_config.ProgressColumn(
                    min_value=0, max_value=100, format="%.0f%%")})
    with tab_matrix:
        st.caption(A["matrix_note"])
        context.chart(charts["reporting"], page_charts.file_name("reporting", data.as_of), key="matrix")
