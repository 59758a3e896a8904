"""汇报导出: the briefing deck (PowerPoint), a ZIP of a page's charts (PNG and SVG), a PDF of the overview."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import streamlit as st

import sitemap
from presentation import labels
from reports import content, images, renderer
from reports.deck import build_deck
from store import db as store_db
from store.catalog import sectors
from store.errors import StoreError
from ui import context
from ui.auth import require_page

require_page(__file__)

ALL = labels.ALL
B = labels.BRIEFING


def _deck_bytes(as_of, sector, agency, known_on) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = build_deck(context.db_path(), Path(tmp) / "deck.pptx", as_of=as_of, sector=sector, agency=agency,
                          known_on=known_on)
        return path.read_bytes()


def _briefing(as_of) -> content.Briefing:
    with store_db.connect(context.db_path(), read_only=True) as con:
        return content.collect(con, as_of)


def _offer(slot: str, key: tuple, label: str, file_name: str, mime: str) -> None:
    """The download button of a file built earlier with the same choices (kept across reruns)."""
    built = st.session_state.get(slot)
    if built and built[0] == key:
        st.download_button(label, built[1], file_name=file_name, mime=mime, on_click="ignore", key=f"dl_{slot}")


data = context.header(labels.PAGES["briefing"], B["caption"])
if data is not None:
    if not data.empty:  # (an empty store: the header said what to do)
        renderer.warm_up()  # the chart renderer starts while the user picks the scope
    version = context.data_version()
    period = data.as_of or "—"

    st.subheader(B["deck"])
    st.caption(B["deck_help"])
    c1, c2, c3 = st.columns(3)
    sector = c1.selectbox(labels.COLUMNS["sector"], [ALL] + sectors(), key="deck_sector")
    agency = c2.selectbox(labels.COLUMNS["agency"], [ALL] + sorted(data.agencies["name"]), key="deck_agency")
    day = c3.date_input(B["known_on"], value=None, key="deck_known_on", format="YYYY-MM-DD",
                        help=B["known_on_help"])
    known_on = dt.datetime.combine(day, dt.time.max) if day else None
    choice = (version, data.as_of, sector, agency, known_on)
    scope = "".join(f"_{v}" for v in (sector, agency) if v != ALL)
    if st.button(B["build_deck"], type="primary", key="build_deck"):
        with st.spinner(B["building_deck"]):
            try:
                st.session_state["deck"] = (choice, _deck_bytes(
                    data.as_of, None if sector == ALL else sector, None if agency == ALL else agency, known_on))
            except StoreError as exc:
                st.error(exc.message)
    _offer("deck", choice, B["download_deck"], labels.DECK_FILE.format(period=period).replace(".pptx", f"{scope}.pptx"),
           "application/vnd.openxmlformats-officedocument.presentationml.presentation")

    st.divider()
    st.subheader(B["charts"])
    st.caption(B["charts_help"])
    page = st.selectbox(B["page"], [p.key for p in sitemap.chart_pages()], format_func=labels.EXPORT_PAGES.get, key="zip_page")
    zip_choice = (version, data.as_of, page)
    if st.button(B["build_zip"], key="build_zip"):
        with st.spinner(B["building_zip"]):
            brief = _briefing(data.as_of)
            st.session_state["charts_zip"] = (zip_choice, images.charts_zip(images.page_figures(brief, page)))
    _offer("charts_zip", zip_choice, B["download_zip"],
           B["zip_file"].format(page=labels.EXPORT_PAGES[page], period=period), "application/zip")

    st.divider()
    st.subheader(B["pdf"])
    st.caption(B["pdf_help"])
    pdf_choice = (version, data.as_of)
    if st.button(B["build_pdf"], key="build_pdf"):
        with st.spinner(B["building_pdf"]):
            st.session_state["overview_pdf"] = (pdf_choice, images.overview_pdf(_briefing(data.as_of)))
    _offer("overview_pdf", pdf_choice, B["download_pdf"], B["pdf_file"].format(period=period), "application/pdf")
