"""指标详情: one indicator's series with targets, trajectory and projection, districts, pace, and the tasks behind it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import figures
from metrics.settings import CITY
from store.catalog import COUNT_UNITS, DISTRICTS
from ui import context, tables
from ui import format as F
from ui import labels as L
from ui.auth import require_page

require_page(__file__)

C = L.COLUMNS
D = L.INDICATOR

data = context.header(L.PAGES["indicator"])
if data is not None:
    inds = data.indicators
    options = inds["code"].tolist()
    wanted = st.query_params.get("code")
    names = dict(zip(inds["code"], inds["name"], strict=True))
    code = st.selectbox(D["pick"], options, key="indicator_code",
                        index=options.index(wanted) if wanted in options else 0,
                        format_func=lambda c: f"{names[c]}（{c}）")
    st.query_params["code"] = code
    ind = inds.set_index("code").loc[code]
    unit = ind["unit"]
    rows = data.status[data.status["code"] == code]
    districts = [d for d in DISTRICTS if d in set(rows["district"])]
    district = st.radio(D["district"], districts, horizontal=True) if len(districts) > 1 else CITY
    own = rows[rows["district"] == district].merge(inds[["code", "name"]], on="code")
    judged = own[own["judged"]].iloc[0]

    color = L.STATUS_COLOR[judged["status"]]
    st.markdown(
        f"### {ind['name']}　<span style='background:{color};color:white;padding:2px 10px;border-radius:4px;"
        f"font-size:1rem'>{L.STATUS[judged['status']]}</span>", unsafe_allow_html=True)
    st.markdown(f"**{district}**：{tables.sentence(judged)}")
    if judged["baseline_assumed"]:
        st.caption(f"{L.BASELINE_ASSUMED}（{judged['baseline_period']}：{F.number(judged['baseline_value'], unit)}）")

    m = st.columns(6)
    m[0].metric(C["latest_value"], F.number(judged["latest_value"], unit),
                help=D["period_help"].format(period=judged["latest_period"] or "—"))
    m[1].metric(C["target_value"], F.number(judged["target_value"], unit) if pd.notna(judged["target_value"])
                else L.TABLES["pending"],
                help=D["year_help"].format(year=int(judged["target_year"])) if pd.notna(judged["target_year"])
                else None)
    m[2].metric(C["progress_pct"], F.percent(judged["progress_pct"]))
    m[3].metric(C["expected_pct"], F.percent(judged["expected_pct"]),
                delta=None if pd.isna(judged["lag_pp"]) else D["behind"].format(points=F.points(judged["lag_pp"]))
                if judged["lag_pp"] > 0 else D["ahead"].format(points=F.points(-judged["lag_pp"])),
                delta_color="inverse" if pd.notna(judged["lag_pp"]) and judged["lag_pp"] > 0 else "normal")
    m[4].metric(C["gap"], F.gap(judged["gap"], unit))
    m[5].metric(D["projected"], F.number(judged["projected_value"], unit))

    per_q = D["per_quarter"].format(unit=unit if unit != "%" else D["points_unit"])
    pace = st.columns(4)
    pace[0].metric(C["required_rate"], F.number(judged["required_rate"], "") + (per_q if pd.notna(
        judged["required_rate"]) else ""), help=D["required_help"])
    pace[1].metric(C["recent_rate"], F.number(judged["recent_rate"], "") + (per_q if pd.notna(
        judged["recent_rate"]) else ""), help=D["recent_help"])
    pace[2].metric(D["attainment"], judged["attainment_period"] or D["never_attained"]
                   if judged["status"] not in ("target_pending", "no_data") else "—")
    cagr = judged["status_cagr"]
    pace[3].metric(C["status_cagr"], tables.status_word(cagr) if cagr else D["not_applicable"],
                   delta=D["contested"] if judged["contested"] else None, delta_color="off")

    detail = context.indicator_detail(code)
    series = detail["actuals"][detail["actuals"]["district"] == district][["period", "value"]]
    revs = data.revisions[(data.revisions["code"] == code) & (data.revisions["district"] == district)]
    fig = figures.indicator_series(ind["name"], unit, series, own, revs,
                                   title=f"{ind['name']}（{district}）")
    context.chart(fig, f"{code}_{district}_{data.as_of}", key="series")

    district_rows = rows[(rows["district"] != CITY) & rows["judged"]]
    if not district_rows.empty:
        # A count's city target is not each district's: show counts as shares of the city, not against the target.
        is_count = unit in COUNT_UNITS
        target = judged["target_value"] if pd.notna(judged["target_value"]) and not is_count else None
        title = D["districts_title"].format(period=data.as_of) + (
            D["districts_count"] if is_count else D["districts_target"])
        context.chart(figures.district_values(district_rows, ind["name"], unit, target, title,
                                              by_status=not is_count),
                      L.CHART_FILES["districts"].format(code=code, period=data.as_of), key="districts")

    left, right = st.columns([1, 1])
    with left:
        st.subheader(D["target_years"])
        st.dataframe(tables.indicator_rows(own), hide_index=True, width="stretch")
        st.subheader(D["history"])
        hist = detail["history"]
        hist = hist[hist["district"] == district]
        if hist.empty:
            st.info(L.NO_DATA_FOR_INDICATOR)
        else:
            st.dataframe(pd.DataFrame({
                C["period"]: hist["period"], C["value"]: [F.number(v, unit) for v in hist["value"]],
                C["counts"]: [D["current"] if c else
                              (L.UPLOAD_STATE["rolled_back"] if pd.notna(r) else D["superseded"])
                              for c, r in zip(hist["counts"], hist["rolled_back_at"], strict=True)],
                C["upload_id"]: hist["upload_id"],
                C["uploaded_at"]: hist["uploaded_at"].dt.strftime("%Y-%m-%d %H:%M"),
                C["remark"]: hist["note"]}), hide_index=True, width="stretch", height=320)
    with right:
        st.subheader(D["source"])
        proj = data.projects.set_index("project_no").loc[int(ind["project_no"])]
        st.markdown(f"**{L.PROJECT_TITLE.format(no=int(ind['project_no']), name=proj['name'])}**")
        st.write(proj["text"])
        units = [(C["lead"], proj["lead"]), (C["assist"], proj["assist"]), (C["joint"], proj["joint"])]
        st.markdown("　".join(f"**{k}**：{v}" for k, v in units if v))
        st.caption(D["about"].format(direction=L.DIRECTION[ind["direction"]], unit=unit or D["no_unit"],
                                     sector=ind["sector"]))
        st.subheader(D["why"])
        linked = data.indicator_tasks[data.indicator_tasks["code"] == code]["task_no"]
        tasks = data.tasks[data.tasks["task_no"].isin(linked)]
        if tasks.empty:
            st.info(D["no_linked"])
        else:
            st.dataframe(pd.DataFrame({
                C["task"]: tasks["task_no"].map(lambda n: L.TASK_NO.format(n=int(n))),
                C["task_status"]: tables.task_words(tasks["status"], tasks["overdue"]),
                C["period"]: tasks["period"].fillna("—"), C["note"]: tasks["note"].fillna(""),
                C["responsible"]: [lead or joint
                                   for lead, joint in zip(tasks["lead"], tasks["joint"], strict=True)],
                C["text"]: tasks["text"]}), hide_index=True, width="stretch")
