"""Status of every indicator, district and target year: gap, progress, projection, pace and the verdict."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import periods
from metrics.growth import grade, growth_ratio
from metrics.settings import CITY, DEFAULT, SEVERITY, Settings
from metrics.trajectory import (
    SERIES_KEYS,
    attainment_index,
    observed,
    period_indices,
    period_labels,
    summarize,
    value_at_or_before,
)

STATUS_COLUMNS = [
    "code", "district", "target_year", "target_value", "direction", "unit", "baseline_value", "baseline_period",
    "baseline_assumed", "latest_period", "latest_value", "gap", "progress_pct", "expected_pct", "lag_pp",
    "projected_value", "ratio_r", "status", "required_rate", "recent_rate", "attainment_period", "status_cagr",
    "contested", "judged", "final",
]


def _rows(indicators: pd.DataFrame, targets: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """One row per (code, district, target year): every series, plus 全市 for every indicator."""
    ind = indicators[["code", "unit", "direction", "baseline_value", "baseline_period"]].drop_duplicates("code")
    city = pd.DataFrame({"code": ind["code"].to_numpy(), "district": CITY})
    keys = pd.concat([series[SERIES_KEYS], city]).drop_duplicates()
    keys = keys[keys["code"].isin(ind["code"])]
    rows = keys.merge(ind, on="code").merge(series, on=SERIES_KEYS, how="left")
    tgt = targets[["code", "target_year", "target_value"]].dropna(subset=["target_year"])
    tgt = tgt.drop_duplicates(["code", "target_year"], keep="last")
    rows = rows.merge(tgt, on="code", how="left")
    rows["target_year"] = rows["target_year"].astype(float)
    rows["target_value"] = rows["target_value"].astype(float)
    return rows.sort_values(["code", "district", "target_year"], kind="stable").reset_index(drop=True)


def _judged(rows: pd.DataFrame, as_of_idx: int) -> pd.Series:
    """True on the target year each code is judged against: the earliest not yet due, else the latest."""
    years = rows[["code", "target_year"]].drop_duplicates()
    due = years["target_year"] * 4 + 3 <= as_of_idx
    open_year = years["target_year"].where(~due).groupby(years["code"]).min()
    last_year = years["target_year"].groupby(years["code"]).max()
    judged_year = open_year.fillna(last_year)
    wanted = rows["code"].map(judged_year)
    return (rows["target_year"] == wanted) | rows["target_year"].isna()


def indicator_status(indicators: pd.DataFrame, targets: pd.DataFrame, actuals: pd.DataFrame, as_of: str,
                     settings: Settings = DEFAULT) -> pd.DataFrame:
    """Status of every indicator for every district with data (and always 全市) and every target year.

    Rules (first that applies): target_pending (no target value); for a final target (its deadline, the last
    quarter of the target year, is at or before `as_of`) achieved / missed on the last value at or before the
    deadline, no_data if there is none; no_data (no value at or before `as_of`); achieved (latest value meets
    the target: >= for direction 'increase', <= for 'decrease'); a target equal to the baseline that is not met
    is regressing (progress cannot be measured); with two or more observations in the window, R = ratio_r;
    with one, R = progress_pct / expected_pct (on_track when no time has elapsed). R >= ON_TRACK on_track,
    >= AT_RISK at_risk, >= REGRESS off_track, else regressing.

    The indicator's baseline applies to every district. Without a baseline value the series' first value at
    or before `as_of` is the baseline (baseline_assumed); a baseline value without a period takes the first
    value's period.

    Args:
        indicators: code, unit, direction ('increase' | 'decrease'), baseline_value, baseline_period.
        targets: code, target_year (int), target_value (NaN = pending).
        actuals: code, period, district, value; periods after `as_of` are ignored.
        as_of: the as-of period, e.g. '2026Q3'.
        settings: thresholds and the projection window.

    Returns:
        A new frame with STATUS_COLUMNS, one row per (code, district, target_year); target_year is NaN
        (Int64 <NA>) for an indicator without any target row. On a final row latest_period / latest_value
        are the value judged (the last at or before the deadline) and the projection columns are NaN.
        status_cagr is the growth-method status (None where undefined, pending or without data; equal to status
        on a final row) and contested marks rows where it differs from status.
        Units: gap, latest/baseline/projected values in the indicator's unit (gap > 0 = still to go);
        progress_pct, expected_pct in percent; lag_pp in percentage points; ratio_r a ratio (1 = on the
        line); required_rate and recent_rate in the indicator's unit per quarter.
    """
    as_of_idx = periods.index(as_of)
    obs = observed(actuals, as_of)
    series = summarize(obs, settings)
    rows = _rows(indicators, targets, series)

    increase = (rows["direction"] != "decrease").to_numpy()
    target = rows["target_value"]
    deadline_idx = rows["target_year"] * 4 + 3
    final = (deadline_idx <= as_of_idx).to_numpy()
    pending = target.isna().to_numpy()

    # A final target is judged on the last value at or before its deadline.
    latest_idx = rows["latest_idx"].astype(float).copy()
    latest = rows["latest_value"].astype(float).copy()
    wanted = rows.loc[final, SERIES_KEYS].assign(qidx=deadline_idx[final].astype("int64"))
    found = value_at_or_before(obs, wanted)
    latest_idx[final] = found["found_idx"].to_numpy(dtype=float)
    latest[final] = found["found_value"].to_numpy(dtype=float)
    has_value = latest.notna().to_numpy()

    given = rows["baseline_value"].notna()
    given_idx = period_indices(rows["baseline_period"].where(rows["baseline_period"].notna() & given))
    baseline = rows["baseline_value"].where(given, rows["first_value"]).astype(float)
    base_idx = given_idx.fillna(rows["first_idx"].astype(float))

    meets = np.where(increase, latest >= target, latest <= target) & has_value
    gap = np.where(increase, target - latest, latest - target)
    span = target - baseline
    flat_target = (span == 0).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        progress = ((latest - baseline) / span.where(~flat_target)) * 100.0
        base_end = (base_idx + 1) / 4.0
        deadline_end = rows["target_year"] + 1.0
        total_years = deadline_end - base_end
        elapsed = ((as_of_idx + 1) / 4.0 - base_end) / total_years
    expected = (elapsed.clip(0.0, 1.0) * 100.0).where(total_years > 0, 100.0).where(base_idx.notna())

    trend = (rows["n_window"] >= 2).to_numpy() & ~final
    projected = (rows["level"] + rows["slope"] * (deadline_idx - rows["latest_idx"])).where(trend)
    ratio_r = (projected - baseline) / span.where(~flat_target)
    with np.errstate(divide="ignore", invalid="ignore"):
        required = ((target - latest) / (deadline_idx - latest_idx)).where(~final)
        ratio_time = progress / expected
    one_point = np.where(expected == 0, "on_track", grade(ratio_time, settings))

    status = np.select(
        [pending, final & ~has_value, final & meets, final, ~has_value, meets, flat_target, trend],
        ["target_pending", "no_data", "achieved", "missed", "no_data", "achieved", "regressing",
         grade(ratio_r, settings)],
        default=one_point,
    ).astype(object)

    reach = attainment_index(rows["level"], rows["slope"], rows["latest_idx"].astype(float), target,
                             pd.Series(increase, index=rows.index), settings).where(~final)
    reach = reach.where(~meets, latest_idx)

    cagr_ratio = growth_ratio(baseline, latest, target, (latest_idx - base_idx) / 4.0, deadline_end - base_end)
    verdict = ~np.isin(status, ["target_pending", "no_data"])
    cagr = np.where(meets, "achieved", grade(cagr_ratio, settings)).astype(object)
    cagr = np.where(verdict, np.where(final, status, cagr), None)

    out = pd.DataFrame({
        "code": rows["code"], "district": rows["district"],
        "target_year": rows["target_year"].astype("Int64"), "target_value": target,
        "direction": rows["direction"], "unit": rows["unit"],
        "baseline_value": baseline, "baseline_period": period_labels(base_idx),
        "baseline_assumed": ~given.to_numpy(),
        "latest_period": period_labels(latest_idx), "latest_value": latest,
        "gap": gap, "progress_pct": progress, "expected_pct": expected, "lag_pp": expected - progress,
        "projected_value": projected, "ratio_r": ratio_r, "status": status,
        "required_rate": required, "recent_rate": rows["slope"].astype(float),
        "attainment_period": period_labels(reach), "status_cagr": pd.Series(cagr, dtype=object),
        "judged": _judged(rows, as_of_idx), "final": final,
    })
    out["contested"] = out["status_cagr"].notna() & (out["status_cagr"] != out["status"])
    return out[STATUS_COLUMNS]


def headline(status_df: pd.DataFrame) -> pd.DataFrame:
    """The headline of each indicator: district 全市 on the judged target year.

    Args:
        status_df: output of indicator_status().

    Returns:
        A new frame, one row per code, same columns.
    """
    mask = (status_df["district"] == CITY) & status_df["judged"]
    return status_df[mask].drop_duplicates("code").reset_index(drop=True)


def worst_first(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows ordered most severe status first (STATUS_ORDER), then furthest behind schedule (lag_pp, largest first).

    Args:
        rows: status rows (status, lag_pp), e.g. headline().

    Returns:
        A new frame, same columns, same index labels.
    """
    rank = rows["status"].map(SEVERITY)
    order = rows.assign(_rank=rank).sort_values(["_rank", "lag_pp"], ascending=[True, False], kind="stable")
    return order.drop(columns="_rank")


def status_changes(prev_headline: pd.DataFrame, curr_headline: pd.DataFrame) -> pd.DataFrame:
    """How each indicator's headline status moved between two snapshots (e.g. two as-of periods).

    A code present in only one snapshot shows None on the other side and is ranked as no_data there.

    Args:
        prev_headline: headline() of the earlier snapshot (code, status).
        curr_headline: headline() of the later snapshot (code, status).

    Returns:
        A new frame code, status_before, status_after, move: 'up' (less severe by STATUS_ORDER), 'down'
        (more severe) or 'same', sorted by code.
    """
    before = prev_headline[["code", "status"]].rename(columns={"status": "status_before"})
    after = curr_headline[["code", "status"]].rename(columns={"status": "status_after"})
    both = before.merge(after, on="code", how="outer").sort_values("code").reset_index(drop=True)
    for col in ("status_before", "status_after"):
        both[col] = both[col].astype(object).where(both[col].notna(), None)
    rank_before = both["status_before"].fillna("no_data").map(SEVERITY)
    rank_after = both["status_after"].fillna("no_data").map(SEVERITY)
    both["move"] = np.select([rank_after > rank_before, rank_after < rank_before], ["up", "down"], "same")
    return both
