"""总览: status counts, progress against the time-proportional schedule, 2025 results, changes, urgent items."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import figures
from metrics.settings import STATUS_ORDER
from ui import context, tables
from ui import format as F
from ui import labels as L
from ui.auth import require_page

require_page(__file__)

BULLET_LIMIT = 30

data = context.header(L.PAGES["overview"], L.APP_SUBTITLE)
if data is not None:
    if data.empty:
        st.info(L.EMPTY_DB)
    head = data.headline
    counts = head["status"].value_counts()
    cols = st.columns(len(STATUS_ORDER))
    for col, status in zip(cols, STATUS_ORDER, strict=True):
        col.html(
            f"<div style='border-left:6px solid {L.STATUS_COLOR[status]};padding:6px 12px;background:#f7f8fa;"
            f"border-radius:4px'><div style='font-size:0.95rem;color:#4a5561'>{L.STATUS[status]}</div>"
            f"<div style='font-size:2rem;font-weight:700;color:{L.STATUS_COLOR[status]}'>"
            f"{int(counts.get(status, 0))}<span style='font-size:1rem;color:#6b7785'> 项</span></div></div>")
    overdue = data.tasks[data.tasks["overdue"]]
    st.caption(f"共 {len(head)} 项指标（按下一个未到期目标判断；目标均已到期的按最终结果）· "
               f"140 项重点任务中 {len(overdue)} 项本季度逾期未报")

    left, right = st.columns([3, 2])
    with left:
        shown = head
        if len(head) > BULLET_LIMIT:  # a bar per indicator stops being readable (and fast) past a few dozen
            rank = head["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})
            shown = head.assign(_r=rank).sort_values(["_r", "lag_pp"], ascending=[True, False]).head(BULLET_LIMIT)
            st.caption(f"指标较多，仅显示最需关注的 {BULLET_LIMIT} 项；完整列表见“分领域”页。")
        context.chart(figures.progress_bullets(shown), f"总览_完成进度_{data.as_of}", key="bullets")
    with right:
        context.chart(figures.status_counts(head), f"总览_状态分布_{data.as_of}", key="counts")

    st.subheader("2025 年目标完成情况")
    final = data.status[(data.status["district"] == "全市") & (data.status["target_year"] == 2025)]
    final = final.merge(data.indicators[["code", "name"]], on="code")
    if final.empty or not final["final"].any():
        st.info("2025 年目标尚未到期（自 2025Q4 起按最终结果判断）。")
    else:
        shown = final[final["final"]]
        achieved = int((shown["status"] == "achieved").sum())
        missed = int((shown["status"] == "missed").sum())
        st.markdown(f"**已达成 {achieved} 项，未达成 {missed} 项**，"
                    f"目标待定 {int((shown['status'] == 'target_pending').sum())} 项。")
        table = pd.DataFrame({
            "指标": shown["name"], "结果": [tables.status_word(s) for s in shown["status"]],
            "说明": [tables.final_result(r) if r["status"] in ("achieved", "missed") else tables.sentence(r)
                   for _, r in shown.iterrows()]})
        st.dataframe(table, hide_index=True, width="stretch", height=36 * (len(table) + 1) + 4)

    c1, c2 = st.columns(2)
    with c1:
        st.subheader(f"与上季度（{data.extra['previous_period']}）相比")
        moved = data.changes[data.changes["move"] != "same"]
        if moved.empty:
            st.info("各指标状态与上季度相同。")
        else:
            st.dataframe(pd.DataFrame({
                "指标": moved["name"], "上季度": [tables.status_word(s) for s in moved["status_before"]],
                "本季度": [tables.status_word(s) for s in moved["status_after"]],
                "变化": [("▲ " if m == "up" else "▼ ") + L.MOVE[m] for m in moved["move"]]}),
                hide_index=True, width="stretch")
        revs = data.revisions
        if not revs.empty:
            names = data.indicators.set_index("code")["name"]
            units = data.indicators.set_index("code")["unit"]
            st.markdown("**历史数据修订**")
            st.dataframe(pd.DataFrame({
                "指标": revs["code"].map(names), "报告期": revs["period"], "区": revs["district"],
                "原值 → 新值": [f"{F.number(o, units[c])} → {F.number(n, units[c])}"
                             for c, o, n in zip(revs["code"], revs["old_value"], revs["new_value"], strict=True)],
                "修订时间": revs["uploaded_at"].dt.strftime("%Y-%m-%d")}), hide_index=True, width="stretch")
    with c2:
        st.subheader("最需关注")
        urgent = head[head["status"].isin(["missed", "regressing", "off_track"])]
        urgent = urgent.assign(_r=urgent["status"].map({s: i for i, s in enumerate(STATUS_ORDER)})).sort_values("_r")
        if urgent.empty:
            st.success("没有未达成、逆向变化或严重滞后的指标。")
        for _, row in urgent.iterrows():
            st.markdown(f"<span style='color:{L.STATUS_COLOR[row['status']]};font-weight:700'>"
                        f"【{L.STATUS[row['status']]}】</span> **{row['name']}**（{row['lead']}）："
                        f"{tables.sentence(row)}", unsafe_allow_html=True)
        if not overdue.empty:
            st.markdown(f"**逾期未报的任务（{len(overdue)} 项）**：" +
                        "、".join(f"第{int(n)}项" for n in overdue["task_no"]))
