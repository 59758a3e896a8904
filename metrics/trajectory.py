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
    codes, uniques = pd.factorize(indices)  # missing: -1, the lookup's last entry
    lookup = np.array([periods.from_index(int(i)) for i in uniques] + [None], dtype=object)
    return pd.Series(lookup[codes], index=indices.index, dtype=object)


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


def window_columns(width: int) -> tuple[list[str], list[str]]:
    """Names of a series frame's window columns: (quarter indices, values), newest first."""
    return [f"window_idx_{i}" for i in range(width)], [f"window_value_{i}" for i in range(width)]


def deadline_columns(deadline: str) -> tuple[str, str]:
    """Names of a series frame's columns for the last value at or before `deadline`: (quarter index, value)."""
    return f"at_{deadline}_idx", f"at_{deadline}_value"


def window_width(series: pd.DataFrame) -> int:
    """How many window columns a series frame has."""
    return sum(1 for c in series.columns if c.startswith("window_idx_"))


def series_frame(actuals: pd.DataFrame, as_of: str, deadlines=(), window: int = DEFAULT.PROJECTION_WINDOW
                 ) -> pd.DataFrame:
    """The series frame of `actuals` at `as_of`, built in pandas (store.series builds the same in DuckDB).

    A series frame has one row per series (code, district) with a value at or before `as_of`:
    code, district, n_values (quarters with a value), first_idx, first_value (the oldest quarter's value),
    window_idx_0 … window_idx_{w-1} and window_value_0 … (the newest `window` values, newest first; NaN past the
    series' length), and for each deadline at or before `as_of`, at_<deadline>_idx and at_<deadline>_value (the
    last value at or before it; NaN when there is none). Quarter indices are periods.index() values, as floats.

    Args:
        actuals: code, period, district, value (the values that count; revisions already resolved).
        as_of: the as-of period; later values are ignored.
        deadlines: periods such as '2025Q4' whose last value at or before them is wanted (final targets).
        window: how many newest values to keep (at least the projection window).
    """
    obs = observed(actuals, as_of)
    grouped = obs.groupby(SERIES_KEYS, sort=False)
    first = grouped.head(1)
    out = first[SERIES_KEYS].reset_index(drop=True)
    sid = grouped.ngroup().to_numpy()
    out["n_values"] = np.bincount(sid, minlength=len(out)).astype("int64")
    out["first_idx"] = first["qidx"].to_numpy(dtype=float)
    out["first_value"] = first["value"].to_numpy(dtype=float)
    rank = grouped.cumcount(ascending=False).to_numpy()
    keep = rank < window
    qidx = obs["qidx"].to_numpy(dtype=float)
    value = obs["value"].to_numpy(dtype=float)
    idx_grid = np.full((len(out), window), np.nan)
    value_grid = np.full((len(out), window), np.nan)
    idx_grid[sid[keep], rank[keep]] = qidx[keep]
    value_grid[sid[keep], rank[keep]] = value[keep]
    idx_cols, value_cols = window_columns(window)
    grids = {**dict(zip(idx_cols, idx_grid.T, strict=True)), **dict(zip(value_cols, value_grid.T, strict=True))}
    limit = periods.index(as_of)
    for deadline in sorted(set(deadlines)):
        at = periods.index(deadline)
        if at > limit:
            continue
        early = (qidx <= at)
        # obs is sorted by series and quarter: the last early row of each series is its value at the deadline
        last = np.full(len(out), -1)
        last[sid[early]] = np.flatnonzero(early)
        found = last >= 0
        idx_col, value_col = deadline_columns(deadline)
        grids[idx_col] = np.where(found, qidx[last], np.nan)
        grids[value_col] = np.where(found, value[last], np.nan)
    return pd.concat([out, pd.DataFrame(grids, index=out.index)], axis=1)


def recent(series: pd.DataFrame, quarters: int = DEFAULT.PROJECTION_WINDOW) -> pd.DataFrame:
    """The newest up-to-`quarters` values of each series of a series frame, as rows (the overview's sparklines).

    Args:
        series: a series frame (series_frame() or store.series.read's), with at least `quarters` window columns
            for the full count (fewer give fewer values).

    Returns:
        A new frame: code, district, period, value; oldest first within each series; quarters without a value
        are absent (the window holds observed quarters only).
    """
    width = min(quarters, window_width(series))
    idx_cols, value_cols = window_columns(width)
    parts = [pd.DataFrame({"code": series["code"].to_numpy(), "district": series["district"].to_numpy(),
                           "order": -i, "idx": series[i_col].to_numpy(dtype=float),
                           "value": series[v_col].to_numpy(dtype=float)})
             for i, (i_col, v_col) in enumerate(zip(idx_cols, value_cols, strict=True))]
    if not parts:
        return pd.DataFrame(columns=["code", "district", "period", "value"])
    rows = pd.concat(parts, ignore_index=True).dropna(subset=["idx"])
    rows = rows.sort_values(["code", "district", "order"], kind="stable").reset_index(drop=True)
    rows["period"] = period_labels(rows["idx"])
    return rows[["code", "district", "period", "value"]]


def cut(series: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """A series frame as it was at an earlier quarter: values after `as_of` dropped, series without any left out.

    Exact for the window as long as the frame kept enough values (one more than the window per quarter cut).
    Deadline columns after `as_of` are dropped.
    """
    limit = periods.index(as_of)
    kept = series[series["first_idx"] <= limit]
    width = window_width(series)
    idx_cols, value_cols = window_columns(width)
    idx_grid = kept[idx_cols].to_numpy(dtype=float)
    value_grid = kept[value_cols].to_numpy(dtype=float)
    later = np.nan_to_num(idx_grid, nan=-np.inf) > limit  # newest first: the later ones lead each row
    shift = later.sum(axis=1)
    take = np.arange(width)[None, :] + shift[:, None]
    inside = take < width
    take = np.minimum(take, width - 1)
    rows = np.arange(len(kept))[:, None]
    new_idx = np.where(inside, idx_grid[rows, take], np.nan)
    new_value = np.where(inside, value_grid[rows, take], np.nan)
    out = kept.copy()
    out[idx_cols] = new_idx
    out[value_cols] = new_value
    out["n_values"] = out["n_values"] - shift
    late = [c for c in series.columns if c.startswith("at_") and periods.index(c.split("_")[1]) > limit]
    return out.drop(columns=late).reset_index(drop=True)


def _kahan_sums(values: np.ndarray) -> np.ndarray:
    """Row sums of `values` skipping NaN, column by column with Kahan's compensation (as pandas' groupby sums)."""
    total = np.zeros(len(values))
    compensation = np.zeros(len(values))
    for column in values.T:
        valid = ~np.isnan(column)
        y = column - compensation
        t = total + y
        compensation = np.where(valid, (t - total) - y, compensation)
        total = np.where(valid, t, total)
    return total


def summarize(series: pd.DataFrame, settings: Settings = DEFAULT) -> pd.DataFrame:
    """First value, latest value and trend of every series of a series frame.

    The trend is the least-squares line through the last up-to-PROJECTION_WINDOW observations, fitted on their
    real quarter indices, so a missing quarter widens the spacing instead of being ignored.

    Args:
        series: a series frame (series_frame() or store.series) with at least PROJECTION_WINDOW window columns.
        settings: PROJECTION_WINDOW is used.

    Returns:
        One row per series: code, district, first_idx, first_value, latest_idx, latest_value, n_window
        (observations in the fit), slope (change per quarter, in the indicator's unit; NaN with fewer than
        two observations), level (the trend's value at latest_idx, in the indicator's unit), and the frame's
        at_<deadline> columns.
    """
    width = settings.PROJECTION_WINDOW
    if window_width(series) < width:
        raise ValueError(f"the series frame keeps {window_width(series)} values, the window needs {width}")
    idx_cols, value_cols = window_columns(width)
    # oldest first, as the fit was always summed (missing values lead and add nothing)
    x = series[idx_cols[::-1]].to_numpy(dtype=float)
    y = series[value_cols[::-1]].to_numpy(dtype=float)
    n = (~np.isnan(x)).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_mean = _kahan_sums(x) / n
        y_mean = _kahan_sums(y) / n
        dx = x - x_mean[:, None]
        sxy = _kahan_sums(dx * (y - y_mean[:, None]))
        sxx = _kahan_sums(dx * dx)
        slope = np.where(n >= 2, sxy / np.where(n >= 2, sxx, np.nan), np.nan)
    # Float noise on a flat series must not read as a (tiny) trend.
    noise = 1e-12 * np.maximum(1.0, np.abs(y_mean))
    slope = np.where(np.abs(slope) < noise, 0.0, slope)
    latest_idx = series["window_idx_0"].to_numpy(dtype=float)
    latest_value = series["window_value_0"].to_numpy(dtype=float)
    out = series[SERIES_KEYS].reset_index(drop=True).assign(**{
        "first_idx": series["first_idx"].to_numpy(dtype=float),
        "first_value": series["first_value"].to_numpy(dtype=float),
        "latest_idx": latest_idx, "latest_value": latest_value, "n_window": n.astype("int64"), "slope": slope,
        "level": np.where(n >= 2, y_mean + slope * (latest_idx - x_mean), latest_value),
    })
    at = [c for c in series.columns if c.startswith("at_")]
    if at:
        out = pd.concat([out, series[at].reset_index(drop=True)], axis=1)
    return out


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
