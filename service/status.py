"""Indicator statuses as of a period (and as known on a date), from the store through metrics."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics import status as metrics_status
from store import catalog, values
from store.errors import NotFound

CITY = catalog.CITY
STATUS_COLUMNS = [
    "code", "district", "target_year", "target_value", "latest_period", "latest_value", "judged_period",
    "judged_value", "progress_pct", "expected_pct", "lag_pp", "gap", "projected_value", "projection_bound", "status",
    "required_rate", "recent_rate", "attainment_period", "status_cagr", "contested",
]
ALL_DISTRICTS = "all"


def latest_period(con, known_on: dt.datetime | None = None) -> str | None:
    """The newest quarter with any live value: the default as-of period."""
    found = values.periods(con, known_on=known_on)
    return found[-1] if found else None


def compute(con, as_of: str | None = None, known_on: dt.datetime | None = None,
            proposed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Status rows for every indicator, district and target year (metrics.status columns).

    Args:
        proposed: code, district, value of `as_of` not (yet) in the store: the rows are then those of these
            indicators only, as if the values had landed (what a unit's report would make them).
    """
    as_of = as_of or latest_period(con, known_on)
    inds = catalog.indicators(con)
    tgts = values.targets(con, known_on=known_on)
    if as_of is None:  # empty database: every indicator is no_data or target_pending
        from metrics import periods

        as_of = periods.latest_closed()
    if proposed is None or proposed.empty:
        return metrics_status.indicator_status(inds, tgts, values.actuals(con, as_of=as_of, known_on=known_on), as_of)
    codes = sorted(set(proposed["code"]))
    stored = values.actuals(con, as_of=as_of, known_on=known_on, codes=codes)
    new = proposed[["code", "district", "value"]].assign(period=as_of)
    replaced = stored.merge(new[["code", "district", "period"]], how="left", indicator=True)["_merge"] == "both"
    acts = pd.concat([stored[~replaced.to_numpy()], new], ignore_index=True)
    return metrics_status.indicator_status(inds[inds["code"].isin(codes)], tgts, acts, as_of)


def indicator_status_export(con, as_of: str | None = None, known_on: dt.datetime | None = None,
                            district: str = CITY) -> pd.DataFrame:
    """Rows of one district (default 全市) or of every district ('all': 全市 first, then the districts in the
    city's order), one per indicator and target year, in the contract's column order.

    Raises:
        NotFound: a district that is neither 'all' nor one of store.catalog.DISTRICTS.
    """
    if district != ALL_DISTRICTS and district not in catalog.DISTRICTS:
        raise NotFound(f"没有名为“{district}”的区。可选：all、{'、'.join(catalog.DISTRICTS)}。")
    rows = compute(con, as_of, known_on)
    if district != ALL_DISTRICTS:
        rows = rows[rows["district"] == district]
    order = {name: i for i, name in enumerate(catalog.DISTRICTS)}
    rows = rows.assign(_seq=rows["district"].map(order).fillna(len(order)))
    rows = rows.sort_values(["code", "_seq", "district", "target_year"], kind="stable").reset_index(drop=True)
    out = rows[STATUS_COLUMNS].copy()
    for col in ("target_value", "latest_value", "judged_value", "progress_pct", "expected_pct", "lag_pp", "gap",
                "projected_value", "required_rate", "recent_rate"):
        out[col] = pd.to_numeric(out[col], errors="coerce").round(4)
    out["target_year"] = out["target_year"].astype("Int64")
    return out
