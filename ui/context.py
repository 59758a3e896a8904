"""Streamlit glue shared by every page: the database, cached snapshots keyed by data version, the header."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from presentation import labels, theme
from service import snapshot as snap
from store import db as store_db
from store import values
from store.errors import StoreError
from store.uploads import now
from ui import phone

theme.register()


def db_path() -> str:
    """The database this app serves ($CLEANPROD_DB or data/cleanprod.duckdb)."""
    return str(store_db.db_path())


def data_version() -> int:
    """Changes on every commit, rollback or sample removal: the key of every cache."""
    with store_db.connect(db_path(), read_only=True) as con:
        return store_db.data_version(con)


@st.cache_data(show_spinner=False, max_entries=32)
def _snapshot(path: str, version: int, as_of: str | None, known_on: dt.datetime | None,
              today: dt.date | None = None) -> snap.Snapshot:
    with store_db.connect(path, read_only=True) as con:
        return snap.build(con, as_of, known_on, today)


@st.cache_data(show_spinner=False, max_entries=64)
def _detail(path: str, version: int, code: str) -> dict:
    with store_db.connect(path, read_only=True) as con:
        return snap.indicator_detail(con, code)


def snapshot(as_of: str | None = None) -> snap.Snapshot:
    """The snapshot for the sidebar's as-of period (or `as_of`), from cache while the data is unchanged."""
    version = data_version()
    chosen = as_of or st.session_state.get("as_of") or (_periods(db_path(), version) or [None])[-1]
    # keyed by the day too: a deadline passing overnight makes unreported tasks overdue without any new data
    return _snapshot(db_path(), version, chosen, None, now().date())


@st.cache_data(show_spinner=False, max_entries=8)
def _periods(path: str, version: int) -> list[str]:
    with store_db.connect(path, read_only=True) as con:
        return values.periods(con)


def available_periods() -> list[str]:
    """Quarters with data, oldest first (the as-of choices); a cheap query, not a second snapshot."""
    return _periods(db_path(), data_version())


def indicator_detail(code: str) -> dict:
    """Values of every district and the revision history of one indicator."""
    return _detail(db_path(), data_version(), code)


def clear_caches() -> None:
    """After a write in this process: the data version changes anyway; this frees memory early."""
    _snapshot.clear()
    _detail.clear()
    _periods.clear()


def after_write() -> None:
    """After a commit, rollback or sample change in this process: free the caches (the data version has moved, so
    the next view computes the snapshot of the new data; nothing is kept or refreshed in the database)."""
    clear_caches()


def presentation_mode() -> bool:
    """True when the page should hide the sidebar and chrome (query parameter present=1)."""
    return st.query_params.get("present") == "1"


def header(title: str, caption: str | None = None, empty_note: bool = True) -> snap.Snapshot | None:
    """Title, '数据截至', the sample banner and (empty_note) what to do in an empty store; returns the snapshot, or
    None after showing a clean error."""
    try:
        data = snapshot()
    except StoreError as exc:
        st.title(title)
        st.error(exc.message)
        return None
    st.title(title)
    period = data.as_of or "—"
    line = labels.DATA_AS_OF.format(period=period)
    if data.empty and data.period:  # the quarter the pages' 逾期未报 counts are for, in sight
        line += f"（{labels.EMPTY_PERIOD.format(period=data.period)}）"
    if caption:
        line += f" · {caption}"
    if data.period and data.extra.get("due") is False:  # why nothing is 逾期未报 in the first days of a quarter
        line += " · " + labels.NOT_DUE_YET.format(period=data.period, deadline=data.extra["deadline"])
    st.caption(line)
    if data.has_sample:
        st.warning(labels.SAMPLE_BANNER, icon="⚠️")
    if data.empty and empty_note:  # every page of an empty store says what to do (the upload page is the answer)
        st.info(labels.EMPTY_DB)
    return data


def chart(fig, name: str, key: str | None = None) -> None:
    """A Plotly chart whose camera button saves '<name>.png' at 2x scale; on a phone, laid out for its width; in
    presentation mode, with the projector's text sizes (the one place every page's figure passes)."""
    present = presentation_mode()
    if present:
        fig = theme.for_projector(fig)
    elif phone.is_phone():
        fig = phone.fit(fig)
    # Streamlit's own chart theme would override the projector template's sizes and colours with its ~15 px grey
    st.plotly_chart(fig, width="stretch", config=theme.chart_config(name), key=key,
                    theme=None if present else "streamlit")
