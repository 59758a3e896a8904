"""Entry point of the dashboard: page config, navigation, sidebar (as-of period, presentation mode)."""

from __future__ import annotations

import streamlit as st

import sitemap
from errors import UserError
from presentation import labels
from ui import auth, context, links, presenting
from ui.style import inject_css

st.set_page_config(page_title=labels.APP_TITLE, page_icon=":material/eco:", layout="wide", initial_sidebar_state="auto")


def sidebar() -> None:
    """As-of period picker and presentation mode; both apply to every page."""
    with st.sidebar:
        st.markdown(f"### {labels.APP_TITLE}")
        try:
            periods = context.available_periods()
        except UserError as exc:
            st.error(exc.message)
            return
        if periods:
            options = list(reversed(periods))
            if st.session_state.get("as_of") not in options:
                st.session_state["as_of"] = links.from_url("as_of", options)
            links.to_url("as_of", st.selectbox(labels.AS_OF_PICKER, options, key="as_of"))
        present = st.toggle(labels.PRESENTATION_MODE, value=context.presentation_mode(), help=labels.PRESENT["help"])
        if present != context.presentation_mode():  # the CSS is injected before the sidebar: apply it now
            if present:
                st.query_params["present"] = "1"
            else:
                del st.query_params["present"]
            st.rerun()
        st.caption(labels.APP_SUBTITLE)
        auth.logout_button()


def _login_page() -> None:
    """Before login every page's URL leads here (the gate has drawn the form): no page is run, no name is sent."""


def _denied_page() -> None:
    st.error(labels.AUTH["denied"])


def _stand_in(render, page: sitemap.Page, default: bool = False) -> st.Page:
    """A hidden page at `page`'s URL that only calls `render`: a shared or typed link keeps its path and query
    (no "Page not found"), and nothing of the real page is sent."""
    return st.Page(lambda: render(), title=labels.APP_TITLE, url_path="login" if default else page.key,
                   default=default, visibility="hidden")


def _follow_link() -> None:
    """After a login that a page's own URL sent here (ui.auth.require_page), open that page with its query; or,
    when the role may not open it, say so instead of moving on silently."""
    target = st.session_state.pop("_next", None)
    if not target:
        return
    file, query = target
    if auth.visible(file):
        st.switch_page(file, query_params=query)
    st.error(labels.AUTH["denied"])


inject_css(context.presentation_mode())
if (st.session_state.pop("_arrived", False) or "_settled" not in st.session_state) and st.context.headers:
    # A browser's new session (or one sent here by a page opened by its own URL): one more run, so that the session
    # settles on this entry point's navigation before any form is drawn (otherwise the first submission of the
    # login form is dropped). AppTest has no browser (no headers) and no frontend page state to settle.
    st.session_state["_settled"] = True
    st.navigation([_stand_in(_login_page, page, default=i == 0) for i, page in enumerate(sitemap.PAGES)],
                  position="hidden")
    st.rerun()
if auth.gate() is None:
    st.navigation([_stand_in(_login_page, page, default=i == 0) for i, page in enumerate(sitemap.PAGES)],
                  position="hidden").run()
else:
    st.session_state["_entry"] = True  # pages refuse to run without this entry point (see ui/auth.require_page)
    pages = [st.Page(page.file, title=page.title, icon=page.icon, url_path=page.key, default=i == 0)
             if auth.visible(page.file) else _stand_in(_denied_page, page) for i, page in enumerate(sitemap.PAGES)]
    nav = st.navigation(pages, position="hidden" if context.presentation_mode() else "sidebar")
    _follow_link()
    sidebar()
    if context.presentation_mode():  # the sidebar is hidden: the pages and the exit in a row at the top
        presenting.top_bar([shown for shown, page in zip(pages, sitemap.PAGES, strict=True) if auth.visible(page.file)])
    try:
        nav.run()
    except UserError as exc:  # a user-facing failure no page caught: its message, no traceback
        st.error(exc.message)
