"""Cells a spreadsheet would run as a formula, made plain text: the one rule for every table the software hands out.

A CSV file, the clipboard or a table pasted from a slide turns `=HYPERLINK(…)`, `+1+cmd|…` or `@SUM(…)` into a live
formula in Excel and WPS. Every download (the export, the pages' tables, the deck's tables) passes its text through
here; pure pandas, no SQL, so store, ui and reports import it alike.
"""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value) -> bool:
    """True for text that starts, after leading spaces, with a character a spreadsheet reads as a formula."""
    return isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_START)


def neutralise_text(value):
    """`=1+1` -> `'=1+1` (the apostrophe makes it text); anything else, numbers included, is returned unchanged."""
    return "'" + value if is_risky(value) else value


def _is_text(column: pd.Series) -> bool:
    dtype = column.dtype
    return (isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_object_dtype(dtype)
            or pd.api.types.is_string_dtype(dtype))


def neutralise(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """A copy with every risky text cell prefixed with an apostrophe.

    Args:
        frame: any table; it is not modified.
        columns: the columns to treat; default every text column (object, string or categorical). A numeric
            column is never touched, so -3.5 stays a number; numbers inside an object column stay numbers too.

    Returns:
        The copy, same columns, dtypes and index; a column changes to object dtype only when it held a risky
        categorical value.
    """
    out = frame.copy()
    positions = range(out.shape[1]) if columns is None else [out.columns.get_loc(c) for c in columns]
    for i in positions:
        column = out.iloc[:, i]
        if columns is None and not _is_text(column):
            continue
        risky = column.map(is_risky).to_numpy(dtype=bool)
        if not risky.any():
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        column = column.copy()
        column[risky] = ["'" + v for v in column[risky]]
        out.isetitem(i, column)
    return out
