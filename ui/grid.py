"""The one door every page's table goes through: text a spreadsheet would run as a formula is neutralised first.

`st.dataframe` offers every viewer (public visitors included) a CSV download and a clipboard copy that Streamlit
cannot be told to neutralise, so the frame itself is: a text cell starting with `=`, `+`, `-`, `@`, a tab or a
carriage return (after leading spaces) is shown and downloaded with a leading apostrophe, exactly as `manage.py
export` writes it. Numeric columns are never touched, so numbers sort, align and download as numbers.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from store.cells import neutralise
from ui import presenting


def show(frame: pd.DataFrame, **kwargs):
    """`st.dataframe(frame, **kwargs)` with the frame's risky text cells neutralised; returns what st.dataframe does.

    In presentation mode a table has no inner scrolling: it is as tall as its rows, long tables in pages (ui.presenting).
    """
    if presenting.active():
        frame, kwargs = presenting.paged(frame, kwargs)
    return st.dataframe(neutralise(frame), **kwargs)
