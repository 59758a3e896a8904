"""Per-series facts of the actual values: first, latest, value at a deadline, and the least-squares trend."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import periods
from metrics.settings import DEFAULT, Settings

SERIES_KEYS = ["code", "district"]


def period_indices(values: pd.Series) -> pd.Series:
    """Quarter indices (periods.index) of a column of period strings, computed once per distinct period.

    Args:
        values: period strings such as '2025Q4'; missing entries stay missing.

    Returns:
        A float Series (NaN where missing) aligned with `values`, in quarters since year 0.
    """
    # factorize + take: Series.map over a str column costs ~1 µs a row, a lookup by code ~10 ns.
    codes, uniques = pd.factorize(values)
    lookup = np.array([periods.index(p) for p in uniques] + [np.nan], dtype=float)
    return pd.Series(lookup[codes], index=values.index, dtype=float)


def period_labels(indices: pd.Series) -> pd.Series:
    """Period strings of quarter indices; missing indices become None.

    Args:
        indices: quarter indices (periods.index), possibly NaN.

    Returns:
        An object Series of '2025Q4'-style strings or None.
    """
    lookup = {i: periods.from_index(int(i)) for i in pd.unique(indices.dropna())}
    out = indices.map(lookup).astype(object)
    return out.where(indices.notna(), None)


def observed(actuals: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """The actual values that count at `as_of`, sorted by series and quarter.

    Args:
        actuals: code, period, district, value (the values that count; revisions already resolved).
        as_of: the as-of period; later periods are dropped.

    Returns:
        A new frame code, district, qidx (quarter index, int), value, with missing values dropped and one row
        per series and quarter (the last one given wins).
    """
    frame = actuals[["code", "district", "period", "value"]].dropna(subset=["period", "value"])
    qidx = period_indices(frame["period"])
    frame = frame.assign(qidx=qidx.astype("int64"), value=frame["value"].astype(float))
    frame = frame[frame["qidx"] <= periods.index(as_of)]
    frame = frame.drop_duplicates(SERIES_KEYS + ["qidx"], keep="last")
    return frame.sort_values(SERIES_KEYS + ["qidx"], kind="stable")[SERIES_KEYS + ["qidx", "value"]]


def summarize(obs: pd.DataFrame, settings: Settings = DEFAULT) -> pd.DataFrame:
    """First value, latest value and trend of every series (code, district).

    The trend is the least-squares line through the last up-to-PROJECTION_WINDOW observations, fitted on their
    real quarter indices, so a missing quarter widens the spacing instead of being ignored.

    Args:
        obs: output of observed().
        settings: PROJECTION_WINDOW is used.

    Returns:
        One row per series: code, district, first_idx, first_value, latest_idx, latest_value, n_window
        (observations in the fit), slope (change per quarter, in the indicator's unit; NaN with fewer than
        two observations) and level (the trend's value at latest_idx, in the indicator's unit).
    """
    grouped = obs.groupby(SERIES_KEYS, sort=False)
    first = grouped.head(1).rename(columns={"qidx": "first_idx", "value": "first_value"})
    last = grouped.tail(1).rename(columns={"qidx": "latest_idx", "value": "latest_value"})
    window = obs[grouped.cumcount(ascending=False) < settings.PROJECTION_WINDOW]
    wgroups = window.groupby(SERIES_KEYS, sort=False)
    x = window["qidx"].astype(float)
    y = window["value"]
    x_mean = wgroups["qidx"].transform("mean")
    y_mean = wgroups["value"].transform("mean")
    dx = x - x_mean
    parts = pd.DataFrame({
        "code": window["code"], "district": window["district"],
        "sxy": dx * (y - y_mean), "sxx": dx * dx, "n_window": 1,
        "x_mean": x_mean, "y_mean": y_mean,
    })
    fit = parts.groupby(SERIES_KEYS, sort=False).agg(
        sxy=("sxy", "sum"), sxx=("sxx", "sum"), n_window=("n_window", "sum"),
        x_mean=("x_mean", "first"), y_mean=("y_mean", "first"),
    ).reset_index()
    slope = (fit["sxy"] / fit["sxx"].where(fit["n_window"] >= 2)).astype(float)
    # Float noise on a flat series must not read as a (tiny) trend.
    noise = 1e-12 * np.maximum(1.0, fit["y_mean"].abs())
    slope = slope.where(~(slope.abs() < noise), 0.0)
    fit = fit.assign(slope=slope)
    out = first.merge(last, on=SERIES_KEYS).merge(fit, on=SERIES_KEYS)
    out["level"] = np.where(
        out["n_window"] >= 2,
        out["y_mean"] + out["slope"] * (out["latest_idx"] - out["x_mean"]),
        out["latest_value"],
    )
    return out[SERIES_KEYS + ["first_idx", "first_value", "latest_idx", "latest_value", "n_window", "slope",
                              "level"]].reset_index(drop=True)


def value_at_or_before(obs: pd.DataFrame, wanted: pd.DataFrame) -> pd.DataFrame:
    """For each wanted (code, district, qidx), the last observation at or before that quarter.

    Args:
        obs: output of observed().
        wanted: code, district, qidx (int quarter index) — e.g. the deadline quarter of a final target.

    Returns:
        `wanted` in its own row order with found_idx and found_value added (NaN when nothing is that early).
    """
    if wanted.empty:
        return wanted.assign(found_idx=pd.Series(dtype=float), found_value=pd.Series(dtype=float))
    left = wanted.reset_index(drop=True).assign(_row=lambda f: np.arange(len(f)))
    right = obs.rename(columns={"qidx": "found_idx", "value": "found_value"})
    merged = pd.merge_asof(
        left.sort_values("qidx"), right.sort_values("found_idx"),
        left_on="qidx", right_on="found_idx", by=SERIES_KEYS, direction="backward",
    )
    return merged.sort_values("_row").drop(columns="_row").reset_index(drop=True)


def attainment_index(level: pd.Series, slope: pd.Series, latest_idx: pd.Series, target: pd.Series,
                     increase: pd.Series, settings: Settings = DEFAULT) -> pd.Series:
    """First quarter after the latest in which the trend line reaches the target.

    Args:
        level: the trend's value at latest_idx (indicator's unit).
        slope: the trend's change per quarter (indicator's unit per quarter).
        latest_idx: quarter index of the latest value.
        target: the target value.
        increase: True where higher is better.
        settings: ATTAINMENT_HORIZON caps how far ahead a quarter is reported.

    Returns:
        Quarter indices (float, NaN when the trend is flat, heads the wrong way, is unknown or reaches the
        target only beyond the horizon). Never latest_idx itself: the caller handles an already met target.
    """
    heading = np.where(increase, slope > 0, slope < 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross = latest_idx + (target - level) / slope
    first = np.maximum(np.ceil(cross - settings.TOLERANCE), latest_idx + 1)
    ok = heading & np.isfinite(first) & (first - latest_idx <= settings.ATTAINMENT_HORIZON)
    return pd.Series(np.where(ok, first, np.nan), index=level.index)
