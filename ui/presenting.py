"""Presentation mode (?present=1, for a projector): the top bar (a row of page links, since the sidebar is hidden,
and the exit, which Esc also presses) and tables in pages instead of inner scrolling.

The CSS is ui.style's, the figures' sizes presentation.theme.for_projector's (applied in ui.context.chart).
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from presentation import labels

EXIT_KEY = "leave_presentation"
# Rows of a table's page on a projector (about 44 px each at 1920 px): a page and its heading fit one screen
PAGE_ROWS = 12
# Esc leaves presentation mode, as it leaves a slide show; not while a field, a dropdown or a dialog has it
# (Streamlit closes those on Esc and marks the event handled). Installed once per browser tab.
_ESC = f"""<script>
(() => {{
  const doc = document;
  if (doc.body.dataset.presentKeys) return;
  doc.body.dataset.presentKeys = 'on';
  doc.addEventListener('keydown', (event) => {{
    if (event.key !== 'Escape' || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target && target.closest && target.closest('input, textarea, select, [role="listbox"], [role="dialog"]')) return;
    const exit = doc.querySelector('.st-key-{EXIT_KEY} button');
    if (exit) exit.click();
  }});
}})();
</script>"""


def top_bar(pages: list) -> None:
    """Links to `pages` (st.Page objects the role may open) that stay in presentation mode, and the exit."""
    with st.container(horizontal=True, key="present_bar", vertical_alignment="center", gap="small"):
        for page in pages:
            st.page_link(page, label=page.title, query_params={"present": "1"})
        if st.button(labels.PRESENT["exit"], key=EXIT_KEY, icon=":material/close_fullscreen:",
                     help=labels.PRESENT["exit_help"]):
            st.query_params.pop("present", None)
            st.rerun()
    st.html(_ESC, unsafe_allow_javascript=True, width=1)


def active() -> bool:
    """True in presentation mode (the query parameter present=1; ui.context.presentation_mode reads the same)."""
    return st.query_params.get("present") == "1"


def paged(frame: pd.DataFrame, kwargs: dict) -> tuple[pd.DataFrame, dict]:
    """The rows of the page picked under a long table (PAGE_ROWS a page), and st.dataframe's arguments for a
    table as tall as its rows (the pages' pixel heights assume the normal mode's smaller rows)."""
    kwargs = {**kwargs, "height": "content"}
    n = len(frame)
    pages = -(-n // PAGE_ROWS)
    if pages <= 1:
        return frame, kwargs
    name = "|".join(map(str, frame.columns)) + str(kwargs.get("key", ""))
    key = "present_rows_" + hashlib.sha1(name.encode()).hexdigest()[:12]
    if st.session_state.get(key) not in range(1, pages + 1):
        st.session_state[key] = 1
    page = st.segmented_control(
        labels.PRESENT["rows"], list(range(1, pages + 1)), key=key, label_visibility="collapsed",
        format_func=lambda p: labels.PRESENT["rows_range"].format(first=(p - 1) * PAGE_ROWS + 1,
                                                                   last=min(p * PAGE_ROWS, n))) or 1
    st.caption(labels.PRESENT["rows_note"].format(n=n, per=PAGE_ROWS))
    return frame.iloc[(page - 1) * PAGE_ROWS:page * PAGE_ROWS], kwargs
