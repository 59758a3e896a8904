"""The reporting cycle on the leaders' pages: agencies overdue with their reports, and 整改逾期 (broken promises)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from presentation import labels
from service import reporting
from store.db import connect
from store.errors import StoreError
from ui import context, grid

R = labels.REPORTING


def _broken(status: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    if not as_of:
        return pd.DataFrame(columns=["agency", "subject", "item", "period", "promise", "current"])
    with connect(context.db_path(), read_only=True) as con:
        return reporting.broken_promises(con, as_of, status)


def _broken_table(broken: pd.DataFrame) -> pd.DataFrame:
    h = R["broken_headers"]
    current = [labels.STATUS.get(c, c) if s == "indicator" else (c or "—")
               for s, c in zip(broken["subject"], broken["current"], strict=True)]
    return pd.DataFrame({h["agency"]: broken["agency"], h["subject"]: broken["subject"].map(labels.REPORT_SUBJECT),
                         h["item"]: broken["item"], h["period"]: broken["period"], h["promise"]: broken["promise"],
                         h["current"]: current})


def overview(data) -> None:
    """总览: which agencies are overdue with the quarter's reports, and every broken promise."""
    try:
        period, deadline, late = reporting.overdue_agencies(context.db_path())
        broken = _broken(data.status, data.as_of)
    except StoreError as exc:
        st.error(exc.message)
        return
    if not late.empty:
        listed = "、".join(f"{a}（{n}）" for a, n in zip(late["agency"], late["n_overdue"], strict=True))
        st.markdown(f"**{R['overdue_agencies'].format(period=period, deadline=deadline)}**：{listed}")
    if not broken.empty:
        st.markdown(f"**{R['overdue_promises']}**")
        grid.show(_broken_table(broken), hide_index=True, width="stretch")


def agency(data, name: str) -> None:
    """分单位 scorecard: the agency's broken promises (整改逾期), when it has any."""
    try:
        broken = _broken(data.status, data.as_of)
    except StoreError as exc:
        st.error(exc.message)
        return
    broken = broken[broken["agency"] == name]
    if not broken.empty:
        st.error(R["overdue_promise_count"].format(n=len(broken)))
        grid.show(_broken_table(broken), hide_index=True, width="stretch")
