"""Presentation mode (?present=1, for a projector): the top bar (a row of page links, since the sidebar is hidden,
and the exit, which Esc also presses) and tables in pages instead of inner scrolling, drawn as HTML tables.

st.dataframe draws its cells on a canvas at a fixed ~14 px, whatever the page's font; on a projector a table is
therefore an HTML table (table_html, styled by ui.style: the projector's root font, at least 18 px, text wrapping
inside the page's width, statuses with their colour), built from the same frame and column_config.

The CSS is ui.style's, the figures' sizes presentation.theme.for_projector's (applied in ui.context.chart).
"""

from __future__ import annotations

import hashlib
import html
import math
import numbers

import pandas as pd
import streamlit as st

from presentation import labels

EXIT_KEY = "leave_presentation"
# Rows of a table's page on a projector (about 44 px each at 1920 px): a page and its heading fit one screen
PAGE_ROWS = 12
# A table whose texts wrap (a task's content, a progress note) gets fewer rows a page, so a page still fits one
# projector screen: LONG_ROWS when any text cell is longer than LONG_TEXT characters (three lines or more)
LONG_ROWS, LONG_TEXT = 6, 60
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


def rows_per_page(frame: pd.DataFrame) -> int:
    """PAGE_ROWS, or LONG_ROWS for a table with long texts that wrap to several lines."""
    texts = frame.select_dtypes(include=["object", "string"])
    longest = max((int(texts[c].astype(str).str.len().max()) for c in texts.columns if len(texts)), default=0)
    return LONG_ROWS if longest > LONG_TEXT else PAGE_ROWS


def paged(frame: pd.DataFrame, kwargs: dict) -> tuple[pd.DataFrame, dict]:
    """The rows of the page picked under a long table (rows_per_page() a page), and st.dataframe's arguments for
    a table as tall as its rows (the pages' pixel heights assume the normal mode's smaller rows)."""
    kwargs = {**kwargs, "height": "content"}
    n, per = len(frame), rows_per_page(frame)
    pages = -(-n // per)
    if pages <= 1:
        return frame, kwargs
    name = "|".join(map(str, frame.columns)) + str(kwargs.get("key", ""))
    key = "present_rows_" + hashlib.sha1(name.encode()).hexdigest()[:12]
    if st.session_state.get(key) not in range(1, pages + 1):
        st.session_state[key] = 1
    page = st.segmented_control(
        labels.PRESENT["rows"], list(range(1, pages + 1)), key=key, label_visibility="collapsed",
        format_func=lambda p: labels.PRESENT["rows_range"].format(first=(p - 1) * per + 1,
                                                                   last=min(p * per, n))) or 1
    st.caption(labels.PRESENT["rows_note"].format(n=n, per=per))
    return frame.iloc[(page - 1) * per:page * per], kwargs


# Cells of at most this many characters stay on one line (statuses, dates, units; numbers always), and
# headers of at most SHORT_HEADER; longer text wraps
SHORT_CELL, SHORT_HEADER = 8, 6
# A status word (a verdict or a task's state) -> its colour, shown as a dot before the word
_COLOURS = {**{labels.STATUS[k]: c for k, c in labels.STATUS_COLOR.items() if k in labels.STATUS},
            **labels.TASK_STATUS_COLOR}
TASK_SEPARATOR = " · "


def show_table(frame: pd.DataFrame, kwargs: dict):
    """A table on a projector: st.html of table_html (the CSS is ui.style's)."""
    return st.html(table_html(frame, kwargs.get("column_config"), kwargs.get("column_order"),
                              kwargs.get("hide_index", False)))


def table_html(frame: pd.DataFrame, column_config: dict | None = None, column_order=None,
               hide_index: bool | None = False) -> str:
    """`frame` as an HTML table of class present-table, read the way st.dataframe would show it: the columns of
    `column_order` (all by default; a column configured as None is hidden), headers renamed by a config's label,
    progress columns as a bar with their formatted value, numbers right-aligned, statuses with their colour."""
    config = dict(column_config or {})
    columns = [c for c in (column_order if column_order is not None else frame.columns)
               if c in frame.columns and not (c in config and config[c] is None)]
    index = not hide_index
    head = ([("", "")] if index else []) + [(_label(c, config.get(c)), _kind(frame[c], config.get(c)))
                                           for c in columns]
    rows = []
    entries = [config.get(c) for c in columns]
    for key, values in zip(frame.index, frame[columns].itertuples(index=False, name=None), strict=True):
        cells = [f'<th class="present-index" scope="row">{html.escape(str(key))}</th>'] if index else []
        cells += [_cell(value, entry) for value, entry in zip(values, entries, strict=True)]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = "".join(f'<th scope="col" class="{kind}{" short" if len(label) <= SHORT_HEADER else ""}">'
                     f'{html.escape(label)}</th>' for label, kind in head)
    return (f'<div class="present-table-box"><table class="present-table"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _label(column, entry) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and entry.get("label"):
        return str(entry["label"])
    return str(column)


def _type(entry) -> str | None:
    return (entry.get("type_config") or {}).get("type") if isinstance(entry, dict) else None


def _kind(series: pd.Series, entry) -> str:
    """The header's class: numbers right-aligned like their cells."""
    return "num" if _type(entry) != "progress" and pd.api.types.is_numeric_dtype(series.dtype) \
        and not pd.api.types.is_bool_dtype(series.dtype) else ""


def _missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number(value, fmt: str | None) -> str:
    if fmt and "%" in fmt:
        try:
            return fmt % value
        except (TypeError, ValueError):
            pass
    if isinstance(value, numbers.Integral) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value)}"
    return f"{value:.4g}" if math.isfinite(value) else str(value)


def _cell(value, entry) -> str:
    kind = _type(entry)
    if _missing(value):
        return "<td></td>"
    if kind == "progress":
        config = entry["type_config"]
        low, high = config.get("min_value") or 0, config.get("max_value") or 100
        share = 0.0 if high == low else min(1.0, max(0.0, (float(value) - low) / (high - low)))
        return (f'<td class="progress"><span class="present-bar"><span style="width:{share * 100:.0f}%">'
                f'</span></span>{html.escape(_number(value, config.get("format")))}</td>')
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        fmt = (entry.get("type_config") or {}).get("format") if isinstance(entry, dict) else None
        return f'<td class="num">{html.escape(_number(value, fmt))}</td>'
    text = str(value)
    colour = _COLOURS.get(text.split(TASK_SEPARATOR)[0])
    dot = f'<span class="present-dot" style="background:{colour}"></span>' if colour else ""
    short = ' class="short"' if len(text) <= SHORT_CELL else ""
    return f"<td{short}>{dot}{html.escape(text)}</td>"
