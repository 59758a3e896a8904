"""指标详情: one indicator's series with targets, trajectory and projection, districts, pace, and the tasks behind it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import figures, page_charts
from metrics.settings import CITY, COUNT_UNITS, VERDICTS
from presentation import formats, labels, readings, tables
from store.catalog import DISTRICTS
from ui import context, grid, links, phone
from ui.auth import require_page

require_page(__file__)

C = labels.COLUMNS
D = labels.INDICATOR
HISTORY_ROWS = 8  # quarters the history shows before it scrolls (newest first)
# The related tasks' columns in pixels: about 1 030 in all, the page's width beside the sidebar on a 1366-px screen
# (ui.style); wider screens stretch them. Notes, units and texts wrap in tall rows.
TASK_COLUMN_PX = {C["task"]: 64, C["task_status"]: 72, C["period"]: 72, C["note"]: 170, C["responsible"]: 200,
                  C["text"]: 456}

data = context.header(labels.PAGES["indicator"])
if data is not None:
    # a shared link opened on a phone: the indicator's name and headline sentence first, above the pickers (issue 19)
    headline = st.container() if phone.is_phone() else None
    inds = data.indicators
    options = inds["code"].tolist()
    names = dict(zip(inds["code"], inds["name"], strict=True))
    code = st.selectbox(D["pick"], options, key="indicator_code",
                        index=options.index(links.from_url("code", options)), format_func=names.__getitem__)
    links.to_url("code", code)
    st.caption(D["code"].format(code=code))
    ind = inds.set_index("code").loc[code]
    unit = ind["unit"]
    rows = data.status[data.status["code"] == code]
    districts = [d for d in DISTRICTS if d in set(rows["district"])]
    district = st.radio(D["district"], districts, horizontal=True,
                        index=districts.index(links.from_url("district", districts, CITY))) \
        if len(districts) > 1 else CITY
    links.to_url("district", None if district == CITY else district)
    own = rows[rows["district"] == district].merge(inds[["code", "name"]], on="code")
    judged = own[own["judged"]].iloc[0]
    shares = readings.city_shares(rows, unit)
    share = shares.get(district)

    colour = readings.colour(judged["status"])
    badge = "" if colour is None else (
        f"　<span style='background:{colour};color:white;padding:2px 10px;border-radius:4px;"
        f"font-size:1rem;display:inline-block;white-space:nowrap'>{labels.STATUS[judged['status']]}</span>")
    with headline or st.container():
        st.markdown(f"### {ind['name']}{badge}", unsafe_allow_html=True)
        st.markdown(f"**{district}**：{readings.sentence(judged, share)}")
    if judged["status"] == "not_judged":
        st.caption(D["no_verdict"])
    elif judged["baseline_assumed"] and pd.notna(judged["baseline_period"]):  # no value yet: no baseline to name
        st.caption(f"{labels.BASELINE_ASSUMED}（{judged['baseline_period']}：{formats.number(judged['baseline_value'], unit)}）")

    latest_help = D["period_help"].format(as_of=data.period, period=judged["latest_period"]) \
        if pd.notna(judged["latest_period"]) else D["no_value_help"].format(as_of=data.period)
    # the newest value as the sentence prints it (99.96%, not 100%, beside a target of 100%), and its quarter in
    # sight when it is older than the as-of period (never quoted as the current value)
    stale = readings.stale(judged, data.as_of)
    latest_tile = dict(label=C["latest_value"], value=readings.shown_value(judged, "latest_value"), help=latest_help,
                       delta=stale.text if stale else None, delta_arrow=stale.arrow if stale else "auto",
                       delta_color=stale.colour if stale else "normal")
    if judged["status"] == "not_judged":
        m = st.columns(4)
        m[0].metric(**latest_tile)
        m[1].metric(D["share"], formats.percent(share), help=D["share_help"])
        m[2].metric(C["recent_rate"], formats.rate(judged["recent_rate"], unit), help=D["recent_help"])
        m[3].metric(D["projected"], formats.number(judged["projected_value"], unit), help=D["projected_help"],
                    delta=readings.bound_note(judged), delta_arrow="off", delta_color="gray")
    else:
        final = bool(judged["final"])
        m = st.columns(5 if final else 6)
        m[0].metric(**latest_tile)
        rest = m[1:]
        if final:  # the expired target's own figure: the value it is judged on
            year = int(judged["target_year"])
            rest[0].metric(D["judged"].format(year=year), readings.shown_value(judged, "judged_value"),
                           help=D["judged_help"].format(year=year, period=judged["judged_period"])
                           if pd.notna(judged["judged_period"]) else D["judged_none_help"].format(year=year))
            rest = rest[1:]
        rest[0].metric(C["target_value"], formats.number(judged["target_value"], unit)
                       if pd.notna(judged["target_value"]) else labels.TABLES["pending"],
                       help=D["year_help"].format(year=int(judged["target_year"]))
                       if pd.notna(judged["target_year"]) else None)
        rest[1].metric(C["progress_pct"], formats.percent(judged["progress_pct"]),
                       help=D["progress_help"].format(period=judged["baseline_period"] or "—",
                                                      value=formats.number(judged["baseline_value"], unit)))
        if not final:  # the schedule and the trend only matter while the target is open
            delta = readings.lag(judged)
            rest[2].metric(C["expected_pct"], formats.percent(judged["expected_pct"]), help=D["expected_help"],
                           delta=delta.text if delta else None, delta_arrow=delta.arrow if delta else "auto",
                           delta_color=delta.colour if delta else "normal")
            rest = rest[1:]
        rest[2].metric(C["gap"], readings.gap(judged), help=D["gap_help"])
        if not final:
            note = readings.bound_note(judged)
            rest[3].metric(D["projected"], formats.number(judged["projected_value"], unit), help=D["projected_help"],
                           delta=note, delta_arrow="off", delta_color="gray")

        pace = st.columns(4)
        pace[0].metric(C["required_rate"], formats.rate(judged["required_rate"], unit), help=D["required_help"])
        pace[1].metric(C["recent_rate"], formats.rate(judged["recent_rate"], unit), help=D["recent_help"])
        pace[2].metric(D["attainment"], judged["attainment_period"] or D["never_attained"]
                       if judged["status"] not in ("target_pending", "no_data") else "—")
        cagr = judged["status_cagr"]
        pace[3].metric(C["status_cagr"], tables.status_word(cagr) if cagr else D["not_applicable"],
                       delta=D["contested"] if judged["contested"] else None, delta_color="off", delta_arrow="off")

    detail = context.indicator_detail(code)
    series = detail["actuals"][detail["actuals"]["district"] == district][["period", "value"]]
    context.chart(page_charts.indicator(data, code, series, district),
                  page_charts.indicator_file(code, district, data.as_of), key="series")

    district_rows = rows[(rows["district"] != CITY) & rows["judged"]]
    if not district_rows.empty:
        judged_any = district_rows["status"].isin(VERDICTS).any()
        is_count = unit in COUNT_UNITS
        title = D["districts_title"].format(period=data.as_of) + (
            D["districts_target"] if judged_any else D["districts_count"] if is_count else D["districts_plain"])
        district_map = page_charts.indicator_map(data, code)
        where, bars = st.columns([1, 1]) if district_map is not None else (None, st.container())
        if where is not None:
            with where:
                context.chart(district_map, page_charts.map_file(code, data.as_of), key="district_map")
        with bars:
            bars_fig = figures.district_values(district_rows, ind["name"], unit, title, shares=shares, as_of=data.as_of)
            if district_map is not None:  # beside the map: as tall as it
                bars_fig.update_layout(height=district_map.layout.height)
            context.chart(bars_fig,
                          labels.CHART_FILES["districts"].format(code=code, period=data.as_of), key="districts")

    # its target years across the page: ten columns would scroll sideways in half of it
    st.subheader(D["target_years"])
    grid.show(tables.indicator_rows(own), hide_index=True, width="stretch",
              phone=[C["target"], C["progress_pct"], C["status"]])
    left, right = st.columns([1, 1])
    with left:
        st.subheader(D["history"])
        hist = detail["history"]
        # newest quarter first: the numbers a leader asks about are at the top of the table and of a screenshot
        hist = hist[hist["district"] == district].sort_values("period", ascending=False, kind="stable")
        if hist.empty:
            st.info(labels.NO_DATA_FOR_INDICATOR)
        else:
            grid.show(pd.DataFrame({
                C["period"]: hist["period"], C["value"]: [formats.number(v, unit) for v in hist["value"]],
                C["counts"]: [D["current"] if c else
                              (labels.UPLOAD_STATE["rolled_back"] if pd.notna(r) else D["superseded"])
                              for c, r in zip(hist["counts"], hist["rolled_back_at"], strict=True)],
                C["upload_id"]: hist["upload_id"],
                C["uploaded_at"]: hist["uploaded_at"].dt.strftime("%Y-%m-%d %H:%M"),
                C["remark"]: hist["note"]}), hide_index=True, width="stretch",
                height=tables.table_height(len(hist), limit=HISTORY_ROWS))
            if note := grid.scroll_note(len(hist), HISTORY_ROWS):
                st.caption(note)
    with right:
        st.subheader(D["source"])
        proj = data.projects.set_index("project_no").loc[int(ind["project_no"])]
        st.markdown(f"**{labels.PROJECT_TITLE.format(no=int(ind['project_no']), name=proj['name'])}**")
        st.write(proj["text"])
        units = [(C["lead"], proj["lead"]), (C["assist"], proj["assist"]), (C["joint"], proj["joint"])]
        st.markdown("　".join(f"**{k}**：{v}" for k, v in units if v))
        st.caption(D["about"].format(direction=labels.DIRECTION[ind["direction"]], unit=unit or D["no_unit"],
                                     sector=ind["sector"]))
    with st.container():  # the tasks behind it across the page: their texts wrap instead of running off a column
        st.subheader(D["why"])
        linked = data.indicator_tasks[data.indicator_tasks["code"] == code]["task_no"]
        tasks = data.tasks[data.tasks["task_no"].isin(linked)]
        if tasks.empty:
            st.info(D["no_linked"])
        else:
            table = pd.DataFrame({
                C["task"]: tasks["task_no"].map(lambda n: labels.TASK_NO.format(n=int(n))),
                C["task_status"]: tables.task_words(tasks["status"], tasks["overdue"]),
                C["period"]: tasks["period"].fillna("—"), C["note"]: tasks["note"].fillna(""),
                C["responsible"]: [tables.units_short(lead or joint)
                                   for lead, joint in zip(tasks["lead"], tasks["joint"], strict=True)],
                C["text"]: tasks["text"]})
            row_px = max(tables.wrapped_row_px(table[name], TASK_COLUMN_PX[name]) or tables.ROW_PX
                         for name in (C["note"], C["responsible"], C["text"]))
            grid.show(table, hide_index=True, width="stretch", row_height=row_px,
                      height=tables.table_height(len(tasks), row_px),
                      column_config={name: st.column_config.Column(width=px) for name, px in TASK_COLUMN_PX.items()})
