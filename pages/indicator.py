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

data = context.header(L.PAGES["indicator"])
if data is not None:
    inds = data.indicators
    options = inds["code"].tolist()
    wanted = st.query_params.get("code")
    names = dict(zip(inds["code"], inds["name"], strict=True))
    code = st.selectbox("选择指标", options, key="indicator_code", index=options.index(wanted) if wanted in options else 0,
                        format_func=lambda c: f"{names[c]}（{c}）")
    st.query_params["code"] = code
    ind = inds.set_index("code").loc[code]
    unit = ind["unit"]
    rows = data.status[data.status["code"] == code]
    districts = [d for d in DISTRICTS if d in set(rows["district"])]
    district = st.radio("区域", districts, horizontal=True) if len(districts) > 1 else CITY
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
    m[0].metric("最新值", F.number(judged["latest_value"], unit), help=f"报告期 {judged['latest_period'] or '—'}")
    m[1].metric("目标值", F.number(judged["target_value"], unit) if pd.notna(judged["target_value"]) else "待定",
                help=f"{int(judged['target_year'])} 年" if pd.notna(judged["target_year"]) else None)
    m[2].metric("完成进度", F.percent(judged["progress_pct"]))
    m[3].metric("序时进度", F.percent(judged["expected_pct"]),
                delta=None if pd.isna(judged["lag_pp"]) else f"落后 {F.points(judged['lag_pp'])}"
                if judged["lag_pp"] > 0 else f"领先 {F.points(-judged['lag_pp'])}",
                delta_color="inverse" if pd.notna(judged["lag_pp"]) and judged["lag_pp"] > 0 else "normal")
    m[4].metric("距目标差距", F.gap(judged["gap"], unit))
    m[5].metric("按趋势预计（目标年末）", F.number(judged["projected_value"], unit))

    per_q = unit if unit != "%" else "个百分点"
    pace = st.columns(4)
    pace[0].metric("所需季度增幅", F.number(judged["required_rate"], "") + (f" {per_q}/季度" if pd.notna(
        judged["required_rate"]) else ""), help="到目标年末每季度还需变化多少")
    pace[1].metric("近期季度增幅", F.number(judged["recent_rate"], "") + (f" {per_q}/季度" if pd.notna(
        judged["recent_rate"]) else ""), help="最近至多 8 个季度的趋势斜率")
    pace[2].metric("按趋势达标季度", judged["attainment_period"] or "不会达标（按现趋势）"
                   if judged["status"] not in ("target_pending", "no_data") else "—")
    cagr = judged["status_cagr"]
    pace[3].metric("增长率法判断", tables.status_word(cagr) if cagr else "不适用",
                   delta="两种方法结论不一致" if judged["contested"] else None, delta_color="off")

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
        title = f"各区最新值（{data.as_of}）" + ("：各区合计为全市数" if is_count else "：按全市目标判断")
        context.chart(figures.district_values(district_rows, ind["name"], unit, target, title,
                                              by_status=not is_count), f"{code}_分区_{data.as_of}", key="districts")

    left, right = st.columns([1, 1])
    with left:
        st.subheader("各目标年份")
        st.dataframe(tables.indicator_rows(own), hide_index=True, width="stretch")
        st.subheader("历史数值")
        hist = detail["history"]
        hist = hist[hist["district"] == district]
        if hist.empty:
            st.info(L.NO_DATA_FOR_INDICATOR)
        else:
            st.dataframe(pd.DataFrame({
                "报告期": hist["period"], "数值": [F.number(v, unit) for v in hist["value"]],
                "是否计入": ["✔ 当前值" if c else ("已回滚" if pd.notna(r) else "已被修订")
                         for c, r in zip(hist["counts"], hist["rolled_back_at"], strict=True)],
                "上传编号": hist["upload_id"], "上传时间": hist["uploaded_at"].dt.strftime("%Y-%m-%d %H:%M"),
                "备注": hist["note"]}), hide_index=True, width="stretch", height=320)
    with right:
        st.subheader("来源")
        proj = data.projects.set_index("project_no").loc[int(ind["project_no"])]
        st.markdown(f"**重点工程（{int(ind['project_no'])}）{proj['name']}**")
        st.write(proj["text"])
        units = [("牵头单位", proj["lead"]), ("协办单位", proj["assist"]), ("按职责分工负责", proj["joint"])]
        st.markdown("　".join(f"**{k}**：{v}" for k, v in units if v))
        st.caption(f"方向：{L.DIRECTION[ind['direction']]} · 单位：{unit or '（系数）'} · 领域：{ind['sector']}")
        st.subheader("为什么是这个状态：相关重点任务")
        linked = data.indicator_tasks[data.indicator_tasks["code"] == code]["task_no"]
        tasks = data.tasks[data.tasks["task_no"].isin(linked)]
        if tasks.empty:
            st.info("目录中未关联任务。")
        else:
            st.dataframe(pd.DataFrame({
                "任务": tasks["task_no"].map(lambda n: f"第{int(n)}项"),
                "最新进展": [("逾期未报 · " if o else "") + (s or "未报送")
                         for s, o in zip(tasks["status"], tasks["overdue"], strict=True)],
                "报告期": tasks["period"].fillna("—"), "进展说明": tasks["note"].fillna(""),
                "责任单位": [lead or joint for lead, joint in zip(tasks["lead"], tasks["joint"], strict=True)],
                "任务内容": tasks["text"]}), hide_index=True, width="stretch")
