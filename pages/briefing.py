"""汇报导出: the briefing deck (PowerPoint), a ZIP of a page's charts (PNG and SVG), a PDF of the overview."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

from reports import content, images
from reports.deck import build_deck
from store import db as store_db
from store.catalog import sectors
from store.errors import StoreError
from ui import context
from ui import labels as L
from ui.auth import require_page

require_page(__file__)

ALL = "（全部）"


def _deck_bytes(as_of, sector, agency, known_on) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_deck(context.db_path(), Path(tmp) / "deck.pptx", as_of=as_of, sector=sector, agency=agency,
                          known_on=known_on)
        return path.read_bytes()


def _briefing(as_of) -> content.Briefing:
    with store_db.connect(context.db_path()) as con:
        return content.collect(con, as_of)


def _offer(slot: str, key: tuple, label: str, file_name: str, mime: str) -> None:
    """The download button of a file built earlier with the same choices (kept across reruns)."""
    built = st.session_state.get(slot)
    if built and built[0] == key:
        st.download_button(label, built[1], file_name=file_name, mime=mime, on_click="ignore", key=f"dl_{slot}")


data = context.header(L.PAGES["export"], "按需生成，生成后点击下载")
if data is not None:
    if data.empty:
        st.info(L.EMPTY_DB)
    else:
        images.warm_up()  # the chart renderer starts while the user picks the scope
    version = context.data_version()
    period = data.as_of or "—"

    st.subheader("汇报材料（PowerPoint）")
    st.caption("16:9 幻灯片：封面、总体情况、与上季度相比的变化、分领域、每项指标一页（含图表和关键数字）、分单位汇总、"
               "逾期未报或滞后的任务。表格为可编辑的原生表格。")
    c1, c2, c3 = st.columns(3)
    sector = c1.selectbox("领域", [ALL] + sectors(), key="deck_sector")
    agency = c2.selectbox("单位", [ALL] + sorted(data.agencies["name"]), key="deck_agency")
    day = c3.date_input("按某日掌握的数据（可选）", value=None, key="deck_known_on", format="YYYY-MM-DD",
                        help="重现过去某日的汇报：只用当日已提交且未回滚的数据，之后的修订和回滚不计入。")
    known_on = dt.datetime.combine(day, dt.time.max) if day else None
    choice = (version, data.as_of, sector, agency, known_on)
    scope = "".join(f"_{v}" for v in (sector, agency) if v != ALL)
    if st.button("生成汇报材料", type="primary", key="build_deck"):
        with st.spinner("正在生成汇报材料（渲染全部图表，约需十几秒）……"):
            try:
                st.session_state["deck"] = (choice, _deck_bytes(
                    data.as_of, None if sector == ALL else sector, None if agency == ALL else agency, known_on))
            except StoreError as exc:
                st.error(exc.message)
    _offer("deck", choice, "下载汇报材料", L.DECK_FILE.format(period=period).replace(".pptx", f"{scope}.pptx"),
           "application/vnd.openxmlformats-officedocument.presentationml.presentation")

    st.divider()
    st.subheader("图表图片（PNG 和 SVG 压缩包）")
    st.caption("每张图表也可用图表右上角的相机按钮单独保存为 2 倍清晰度的 PNG。")
    page = st.selectbox("页面", list(L.EXPORT_PAGES), format_func=L.EXPORT_PAGES.get, key="zip_page")
    zip_choice = (version, data.as_of, page)
    if st.button("生成图表压缩包", key="build_zip"):
        with st.spinner("正在渲染图表……"):
            brief = _briefing(data.as_of)
            st.session_state["charts_zip"] = (zip_choice, images.charts_zip(images.page_figures(brief, page)))
    _offer("charts_zip", zip_choice, "下载图表压缩包", f"图表_{L.EXPORT_PAGES[page]}_{period}.zip", "application/zip")

    st.divider()
    st.subheader("总览 PDF")
    st.caption("各页面也可直接用浏览器打印（Ctrl+P）：打印时自动隐藏侧栏，图表不会被截断。")
    pdf_choice = (version, data.as_of)
    if st.button("生成总览 PDF", key="build_pdf"):
        with st.spinner("正在生成 PDF……"):
            st.session_state["overview_pdf"] = (pdf_choice, images.overview_pdf(_briefing(data.as_of)))
    _offer("overview_pdf", pdf_choice, "下载总览 PDF", f"总览_{period}.pdf", "application/pdf")
