"""The one door every page's table goes through: text a spreadsheet would run as a formula is neutralised first.

`st.dataframe` offers every viewer (public visitors included) a CSV download and a clipboard copy that Streamlit
cannot be told to neutralise, so the frame itself is: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return (after leading spaces) is shown and downloaded with a leading apostrophe, exactly as `manage.py
export` writes it. Numeric columns are never touched, so numbers sort, align and download as numbers.

On a phone (ui.phone.is_phone) a table shows the few columns that matter (presentation.tables.phone_columns: name,
latest value, status) and the whole table is one tap away, in an expander under it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from presentation import labels, tables
from store.cells import neutralise
from ui import phone as phones
from ui import presenting

# What only the first of the two tables of a phone may carry: a widget key and a selection's callback
_ONCE = ("key", "on_select", "selection_mode")
# Hidden columns the expander's label names; the rest are counted
NAMED = 3
# A phone's table: pixels across (a 390-px screen less the page's margins), of a CJK and of another character, of a
# cell's padding, the least a column gets, and the most a column that is not the widest takes
PHONE_PX = 360
CJK_PX, OTHER_PX, PAD_PX = 14, 8, 20
MIN_PX, MAX_PX = 72, 150
# Streamlit's table: header and default row heights; one more line of wrapped text; the lines a cell may wrap to
# (Streamlit wraps a cell's text in rows taller than 4 rem)
HEADER_PX, ROW_PX, LINE_PX, WRAP_MIN_PX, LINES = 40, 35, 21, 66, 6


def show(frame: pd.DataFrame, phone: list[str] | None = None, **kwargs):
    """`st.dataframe(frame, **kwargs)` with the frame's risky text cells neutralised; returns what st.dataframe does.

    In presentation mode a table is an HTML table at the projector's font size (ui.presenting.table_html), as tall
    as its rows and as wide as the page (its text wraps), long tables in pages (ui.presenting.paged).
    On a phone it shows `phone` (or presentation.tables.phone_columns' choice) and, under it, the whole table in an
    expander.
    """
    if presenting.active():  # an HTML table at the projector's font size (st.dataframe's canvas keeps ~14 px)
        frame, kwargs = presenting.paged(frame, kwargs)
        return presenting.show_table(neutralise(frame), kwargs)
    frame = neutralise(frame)
    if not phones.is_phone() or "column_order" in kwargs:
        return st.dataframe(frame, **kwargs)
    shown = tables.phone_columns(frame.columns, phone)
    if len(shown) == len(frame.columns):
        return st.dataframe(frame, **kwargs)
    shown_table = st.dataframe(frame, column_order=shown, **_fit(frame, shown, kwargs))
    hidden = [str(c) for c in frame.columns if str(c) not in shown]
    with st.expander(labels.PHONE["more_columns"].format(names=_names(hidden))):
        st.dataframe(frame, **{k: v for k, v in kwargs.items() if k not in _ONCE})
    return shown_table


def scroll_note(n_rows: int, limit: int) -> str | None:
    """The line under a table that scrolls inside (how many rows are below); none in presentation mode, where the
    table is paged instead."""
    return None if presenting.active() else tables.scroll_note(n_rows, limit)


def _names(hidden: list[str]) -> str:
    """'目标、年终值（判断依据）、完成进度等 6 列': the first hidden columns by name, the rest counted."""
    if len(hidden) <= NAMED:
        return "、".join(hidden)
    return labels.PHONE["names_more"].format(names="、".join(hidden[:NAMED]), n=len(hidden))


def _given_px(entry) -> int | None:
    """The pixel width a column's config gives it (a dict's 'width' as an int), else None."""
    width = entry.get("width") if isinstance(entry, dict) else None
    return width if isinstance(width, int) and not isinstance(width, bool) else None


def _text_px(text) -> int:
    text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return sum(CJK_PX if ord(ch) >= 0x2E80 else OTHER_PX for ch in text) + PAD_PX


def _fit(frame: pd.DataFrame, shown: list[str], kwargs: dict) -> dict:
    """st.dataframe's arguments for a phone's screen: when the columns' widths would not fit it, each column as
    wide as its text (at most MAX_PX) and the one with the longest cells (usually the name) the rest, its text
    wrapped over up to LINES lines; rows as tall as the shown columns need (the page's row height may be for a long
    text the phone leaves under 更多列). A pixel width the page gave a column (presentation.tables.fitted, for a
    1366-px screen) counts as its width while the columns fit; when they do not, it is fitted like the others (a
    456-px task text beside two columns scrolled sideways on a 390-px phone)."""
    config = dict(kwargs.get("column_config") or {})
    sample = frame.head(200)
    cells = {c: max([_text_px(v) for v in sample[c]], default=PAD_PX) for c in shown if c in sample
             and not (c in config and config[c] is None)}
    natural = {c: _given_px(config.get(c)) or max(_text_px(c), px) for c, px in cells.items()}
    if not natural:
        return kwargs
    lines = 1
    if sum(natural.values()) > PHONE_PX:
        widest = max(cells, key=cells.get)
        # a narrow width the page chose (a 44-px number) stays; a text's width is at least MIN_PX
        narrow = {c: min(w, MAX_PX) if _given_px(config.get(c)) else max(MIN_PX, min(w, MAX_PX))
                  for c, w in natural.items()}
        others = sum(w for c, w in narrow.items() if c != widest)
        for column in natural:
            given = config.get(column)
            width = max(MIN_PX, PHONE_PX - others) if column == widest else narrow[column]
            entry = given if isinstance(given, dict) else {"label": given} if isinstance(given, str) else {}
            config[column] = {**entry, "width": width}
            if column == widest:
                lines = min(LINES, -(-(cells[widest] - PAD_PX) // max(1, width - PAD_PX)))
        kwargs = {**kwargs, "column_config": config}
    row, before = (ROW_PX if lines <= 1 else max(WRAP_MIN_PX, 12 + LINE_PX * lines)), kwargs.get("row_height") or ROW_PX
    if row == before:
        return kwargs
    kwargs = {**kwargs, "row_height": row}
    if isinstance(kwargs.get("height"), int):  # as many rows as the page chose, each as tall as the phone needs
        kwargs["height"] = HEADER_PX + round((kwargs["height"] - HEADER_PX) / before) * row
    return kwargs
