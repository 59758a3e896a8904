"""总览: status counts, progress against the time-proportional schedule, 2025 results, changes, urgent items."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import page_charts
from metrics import status as metrics_status
from metrics import tasks as task_metrics
from metrics.settings import RED, STATUS_ORDER
from presentation import formats, labels, readings, tables
from ui import context, grid, reporting_panel
from ui.auth import require_page

require_page(__file__)

# Past a few dozen rows a list stops being a briefing (and slows the browser): the worst or newest ones only.
URGENT_LIMIT = 10
REVISIONS_LIMIT = 20
OVERDUE_LIMIT = 20
OVERDUE_TASKS_LIMIT = 10  # overdue tasks named one a line (short title and units); the rest are counted
TABLE_ROWS = 15  # rows a table shows before it scrolls
V = labels.OVERVIEW
C = labels.COLUMNS

data = context.header(labels.PAGES["overview"], labels.APP_SUBTITLE)
if data is not None:
    head = data.headline
    # no indicator has a value yet (an empty store, or only task reports): nothing moved, nothing is urgent, and
    # neither may be said as if it had been checked
    has_values = bool(data.status["latest_value"].notna().any())
    # Two labelled groups from one helper: the tiles, the chart and the 2025 table count the same rows.
    results, progress = readings.headline_groups(data.status)
    for group in (results, progress):
        st.markdown(f"**{group.title}**")
        cols = st.columns(len(STATUS_ORDER))
        for col, (status, n) in zip(cols, group.counts, strict=False):
            col.html(
                f"<div style='border-left:6px solid {labels.STATUS_COLOR[status]};padding:6px 12px;background:#f7f8fa;"
                f"border-radius:4px'><div style='font-size:0.95rem;color:#4a5561'>{labels.STATUS[status]}</div>"
                f"<div style='font-size:2rem;font-weight:700;color:{labels.STATUS_COLOR[status]}'>"
                f"{n}<span style='font-size:1rem;color:#6b7785'> {V['card_unit']}</span>"
                "</div></div>")
    overdue = data.tasks[data.tasks["overdue"]]
    st.caption(V["scope"].format(n=len(head), results=len(results.rows), progress=len(progress.rows),
                                 overdue=len(overdue)))

    charts = page_charts.overview(data)
    left, right = st.columns([3, 2])
    with left:
        if len(progress.rows) > page_charts.BULLET_LIMIT:
            st.caption(V["bullets_capped"].format(limit=page_charts.BULLET_LIMIT))
        context.chart(charts["overview_progress"], page_charts.file_name("overview_progress", data.as_of),
                      key="bullets")
    with right:
        context.chart(charts["overview_status"], page_charts.file_name("overview_status", data.as_of), key="counts")

    st.subheader(results.title)
    final = results.rows.merge(data.indicators[["code", "name"]], on="code")
    if final.empty:
        st.info(V["final_not_due"].format(year=results.year) if results.year else labels.HEADLINE["no_results"])
    else:
        st.markdown(V["final_counts"].format(counts="，".join(
            labels.COUNT_OF.format(status=labels.STATUS[s], n=n) for s, n in results.counts)))
        table = pd.DataFrame({
            C["indicator"]: final["name"], C["result"]: [readings.word(s) for s in final["status"]],
            C["latest_value"]: [readings.latest(r) for r in final.to_dict("records")],
            # Plain dicts, not iterrows: a Series per row cost ~0.15 s with a thousand indicators.
            C["result_note"]: [readings.sentence(r) for r in final.to_dict("records")]})
        grid.show(table, hide_index=True, width="stretch", height=tables.table_height(len(table), limit=TABLE_ROWS))

    c1, c2 = st.columns(2)
    with c1:
        st.subheader(V["changes"].format(period=data.extra["previous_period"]))
        moved = data.changes[data.changes["move"] != "same"]
        if not has_values:
            st.info(V["no_values"])
        elif moved.empty:
            st.info(V["no_moves"])
        else:
            grid.show(pd.DataFrame({
                C["indicator"]: moved["name"],
                C["previous_quarter"]: [tables.status_word(s) for s in moved["status_before"]],
                C["this_quarter"]: [tables.status_word(s) for s in moved["status_after"]],
                C["move"]: [("▲ " if m == "up" else "▼ ") + labels.MOVE[m] for m in moved["move"]]}),
                hide_index=True, width="stretch")
        revs = data.revisions
        if len(revs) > REVISIONS_LIMIT:
            st.caption(V["revisions_capped"].format(n=len(revs), limit=REVISIONS_LIMIT))
            revs = revs.sort_values("uploaded_at", ascending=False, kind="stable").head(REVISIONS_LIMIT)
        if not revs.empty:
            names = data.indicators.set_index("code")["name"]
            units = data.indicators.set_index("code")["unit"]
            st.markdown(f"**{V['revisions']}**")
            grid.show(pd.DataFrame({
                C["indicator"]: revs["code"].map(names), C["period"]: revs["period"],
                C["district"]: revs["district"],
                C["old_new"]: [f"{formats.number(o, units[c])} → {formats.number(n, units[c])}"
                             for c, o, n in zip(revs["code"], revs["old_value"], revs["new_value"], strict=True)],
                C["revised_at"]: revs["uploaded_at"].dt.strftime("%Y-%m-%d")}), hide_index=True, width="stretch")
    with c2:
        st.subheader(V["urgent"])
        urgent = metrics_status.worst_first(head[head["status"].isin(RED)])
        if urgent.empty and has_values:
            st.success(V["no_urgent"])
        for _, row in urgent.head(URGENT_LIMIT).iterrows():
            st.markdown(f"<span style='color:{labels.STATUS_COLOR[row['status']]};font-weight:700'>"
                        f"【{labels.STATUS[row['status']]}】</span> **{row['name']}**（{row['lead']}）："
                        f"{readings.sentence(row)}", unsafe_allow_html=True)
        if len(urgent) > URGENT_LIMIT:
            st.caption(V["urgent_more"].format(n=len(urgent) - URGENT_LIMIT))
        if not overdue.empty:
            named = overdue.head(OVERDUE_TASKS_LIMIT)
            listed = "\n".join(f"- {tables.task_line(n, g, lead, joint)}" for n, g, lead, joint in zip(
                named["task_no"], named["group_name"], named["lead"], named["joint"], strict=True))
            st.markdown(f"**{V['overdue_tasks'].format(n=len(overdue))}**\n\n{listed}")
            if len(overdue) > OVERDUE_TASKS_LIMIT:
                st.caption(V["overdue_rest"].format(n=len(overdue) - OVERDUE_TASKS_LIMIT))
        late = data.projects[task_metrics.needs_attention(data.projects)]
        if not late.empty:  # the key projects count where the tasks do (issue 20)
            listed = "、".join(f"{labels.PROJECT_TITLE.format(no=int(r['project_no']), name=r['name'])}（{w}）"
                              for (_, r), w in zip(late.head(OVERDUE_LIMIT).iterrows(),
                                                   tables.task_words(late["status"].head(OVERDUE_LIMIT),
                                                                     late["overdue"].head(OVERDUE_LIMIT)),
                                                   strict=True))
            more = V["attention_projects_more"] if len(late) > OVERDUE_LIMIT else ""
            st.markdown(f"**{V['attention_projects'].format(n=len(late))}**：{listed}{more}")
        reporting_panel.overview(data)  # agencies overdue with the quarter's reports, broken promises (整改逾期)
