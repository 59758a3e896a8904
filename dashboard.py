"""Entry point of the dashboard: page config, navigation, sidebar (as-of period, presentation mode)."""

from __future__ import annotations

import streamlit as st

from store.errors import StoreError
from ui import auth, context
from ui import labels as L
from ui.style import inject_css

st.set_page_config(page_title=L.APP_TITLE, page_icon=":material/eco:", layout="wide", initial_sidebar_state="expanded")

# (file, title, icon); the navigation only lists what the session's role may open
ALL_PAGES = [
    ("pages/overview.py", L.PAGES["overview"], ":material/dashboard:"),
    ("pages/sectors.py", L.PAGES["sectors"], ":material/category:"),
    ("pages/agencies.py", L.PAGES["agencies"], ":material/account_balance:"),
    ("pages/indicator.py", L.PAGES["indicator"], ":material/show_chart:"),
    ("pages/tasks.py", L.PAGES["tasks"], ":material/checklist:"),
    ("pages/upload.py", L.PAGES["upload"], ":material/upload_file:"),
    ("pages/data_admin.py", L.PAGES["manage"], ":material/manage_history:"),
    ("pages/briefing.py", L.PAGES["export"], ":material/slideshow:"),
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
        present = st.toggle(L.PRESENTATION_MODE, value=context.presentation_mode(), help=L.PRESENTATION_HELP)
        if present != context.presentation_mode():  # the CSS is injected before the sidebar: apply it now
            if present:
                st.query_params["present"] = "1"
            else:
                del st.query_params["present"]
            st.rerun()
        st.caption(L.APP_SUBTITLE)
        auth.logout_button()


inject_css(context.presentation_mode())
if auth.gate() is None:
    st.stop()
st.session_state["_entry"] = True  # pages refuse to run without this entry point (see ui/auth.require_page)
PAGES = [st.Page(file, title=title, icon=icon, default=(file == ALL_PAGES[0][0]))
         for file, title, icon in ALL_PAGES if auth.visible(file)]
nav = st.navigation(PAGES, position="hidden" if context.presentation_mode() else "sidebar")
sidebar()
nav.run()
if context.presentation_mode() and st.button(L.PRESENTATION_EXIT, key="leave_presentation"):
    del st.query_params["present"]
    st.rerun()
