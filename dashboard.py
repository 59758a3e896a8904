"""Entry point of the dashboard: page config, navigation, sidebar (as-of period, presentation mode)."""

from __future__ import annotations

import streamlit as st

from store.errors import StoreError
from ui import context
from ui import labels as L
from ui.style import inject_css

st.set_page_config(page_title=L.APP_TITLE, page_icon=":material/eco:", layout="wide", initial_sidebar_state="expanded")

PAGES = [
    st.Page("pages/overview.py", title=L.PAGES["overview"], icon=":material/dashboard:", default=True),
    st.Page("pages/sectors.py", title=L.PAGES["sectors"], icon=":material/category:"),
    st.Page("pages/agencies.py", title=L.PAGES["agencies"], icon=":material/account_balance:"),
    st.Page("pages/indicator.py", title=L.PAGES["indicator"], icon=":material/show_chart:"),
    st.Page("pages/tasks.py", title=L.PAGES["tasks"], icon=":material/checklist:"),
    st.Page("pages/upload.py", title=L.PAGES["upload"], icon=":material/upload_file:"),
    st.Page("pages/data_admin.py", title=L.PAGES["manage"], icon=":material/manage_history:"),
    st.Page("pages/briefing.py", title=L.PAGES["export"], icon=":material/slideshow:"),
]


def sidebar() -> None:
    """As-of period picker and presentation mode; both apply to every page."""
    with st.sidebar:
        st.markdown(f"### {L.APP_TITLE}")
        try:
            periods = context.available_periods()
        except StoreError as exc:
            st.error(exc.message)
            return
        if periods:
            options = list(reversed(periods))
            if st.session_state.get("as_of") not in options:
                st.session_state["as_of"] = options[0]
            st.selectbox(L.AS_OF_PICKER, options, key="as_of")
        if st.toggle(L.PRESENTATION_MODE, value=context.presentation_mode(), help=L.PRESENTATION_HELP):
            st.query_params["present"] = "1"
        elif "present" in st.query_params:
            del st.query_params["present"]
        st.caption(L.APP_SUBTITLE)


nav = st.navigation(PAGES, position="hidden" if context.presentation_mode() else "sidebar")
inject_css(context.presentation_mode())
sidebar()
nav.run()
if context.presentation_mode() and st.button("退出演示模式", key="leave_presentation"):
    del st.query_params["present"]
    st.rerun()
