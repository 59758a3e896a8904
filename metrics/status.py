"""Status of every indicator, district and target year: gap, progress, projection, pace and the verdict."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import periods
from metrics.growth import grade, growth_ratio
from metrics.settings import CITY, DEFAULT, SEVERITY, STATUS_ORDER, VERDICTS, Settings
from metrics.trajectory import (
    attainment_index,
    deadline_columns,
    period_indices,
    period_labels,
    series_frame,
    summarize,
)

STATUS_COLUMNS = [
    "code", "district", "target_year", "target_value", "direction", "unit", "baseline_value", "baseline_period",
    "baseline_assumed", "latest_period", "latest_value", "judged_period", "judged_value", "gap", "progress_pct",
    "expected_pct", "lag_pp", "projected_value", "projection_bound", "ratio_r", "status", "required_rate",
    "recent_rate", "attainment_period", "status_cagr", "contested", "judged", "final",
]
# Statuses that are not a verdict on the target: nothing to colour, count or rank.
NO_VERDICT = tuple(s for s in STATUS_ORDER if s not in VERDICTS)


def _bounds(indicators: pd.DataFrame) -> pd.DataFrame:
    """code, min_value, max_value, cumulative of every indicator (missing columns: unbounded, not cumulative)."""
    ind = indicators.drop_duplicates("code")
    out = pd.DataFrame({"code": ind["code"].to_numpy()})
    for col in ("min_value", "max_value"):
        out[col] = pd.to_numeric(ind[col], errors="coerce").to_numpy(dtype=float) if col in ind else np.nan
    out["cumulative"] = ind["cumulative"].fillna(False).astype(bool).to_numpy() if "cumulative" in ind else False
    return out


def _rows(indicators: pd.DataFrame, targets: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """One row per (code, district, target year): every series, plus 全市 for every indicator.

    A district row takes the district's own target (targets.district); without one it has no target value and
    own_target False. 全市 rows take the city-wide targets (district missing or 全市). Column _code is the row's
    position in the indicators (joins by position: a merge on text keys cost more than all the rules).
    """
    ind = indicators[["code", "unit", "direction", "baseline_value", "baseline_period"]].drop_duplicates("code")
    ind = ind.merge(_bounds(indicators), on="code").reset_index(drop=True)
    codes = pd.Index(ind["code"])
    # hash lookups (get_indexer), not isin: isin on Arrow strings loops in Python (7 ms on 21,000 series)
    known = series[codes.get_indexer(series["code"]) >= 0]
    with_city = pd.Index(known.loc[known["district"] == CITY, "code"].unique())
    city = pd.DataFrame({"code": ind["code"].to_numpy(), "district": CITY})
    rows = pd.concat([known, city[with_city.get_indexer(city["code"]) < 0]], ignore_index=True)
    pos = codes.get_indexer(rows["code"])
    for col in ind.columns.drop("code"):
        rows[col] = ind[col].iloc[pos].set_axis(rows.index)
    tgt = targets.dropna(subset=["target_year"])
    where = tgt["district"].fillna(CITY).replace("", CITY) if "district" in tgt else pd.Series(CITY, index=tgt.index)
    tgt = tgt.assign(district=where.astype(rows["district"].dtype), target_year=tgt["target_year"].astype(float),
                     target_value=tgt["target_value"].astype(float))
    tgt = tgt[["code", "district", "target_year", "target_value"]].drop_duplicates(
        ["code", "district", "target_year"], keep="last").assign(own_target=True)
    # every row once per city-wide target year of its code (once, without a year, when the code has none); a
    # district's own target in a year the city has none adds that district's row below, never a 全市 row (the city
    # has no target that year: it is not 目标待定)
    years = tgt.loc[tgt["district"] == CITY, ["code", "target_year"]].drop_duplicates()
    years = years.assign(_code=codes.get_indexer(years["code"]))
    years = years[years["_code"] >= 0].sort_values(["_code", "target_year"], kind="stable")
    per_code = np.bincount(years["_code"].to_numpy(), minlength=len(codes))
    start = np.concatenate([[0], np.cumsum(per_code)[:-1]])
    repeat = np.maximum(per_code[pos], 1)
    take = np.repeat(np.arange(len(rows)), repeat)
    offset = np.arange(len(take)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    has_year = per_code[pos][take] > 0
    year_values = years["target_year"].to_numpy(dtype=float)
    rows = rows.iloc[take].reset_index(drop=True)
    rows["target_year"] = np.where(has_year, year_values[np.minimum(start[pos][take] + offset,
                                                                   max(len(year_values) - 1, 0))]
                                   if len(year_values) else np.nan, np.nan)
    rows["_code"] = pos[take]
    rows = _own_years(rows, tgt)
    rows = rows.merge(tgt, on=["code", "district", "target_year"], how="left")
    rows["own_target"] = rows["own_target"].astype("boolean").fillna(False).astype(bool)
    rows["target_year"] = rows["target_year"].astype(float)
    rows["target_value"] = rows["target_value"].astype(float)
    order = np.lexsort((rows["target_year"].to_numpy(), pd.factorize(rows["district"], sort=True)[0],
                        pd.factorize(rows["code"], sort=True)[0]))
    return rows.iloc[order].reset_index(drop=True)


def _own_years(rows: pd.DataFrame, tgt: pd.DataFrame) -> pd.DataFrame:
    """`rows` (one per series and city-wide target year) with a row for each district's own target in a year the
    city has none; a series that gains a year loses its row without one."""
    own = tgt.loc[tgt["district"] != CITY, ["code", "district", "target_year"]]
    if own.empty:
        return rows
    first = rows[["code", "district"]].drop_duplicates().reset_index()  # 'index': a row of each series
    have = rows[["code", "district", "target_year"]].assign(_have=True)
    extra = own.merge(first, on=["code", "district"]).merge(have, on=["code", "district", "target_year"], how="left")
    extra = extra[extra["_have"].isna()]
    if extra.empty:
        return rows
    added = rows.loc[extra["index"].to_numpy()].assign(target_year=extra["target_year"].to_numpy(dtype=float))
    rows = pd.concat([rows, added], ignore_index=True)
    gained = pd.MultiIndex.from_frame(extra[["code", "district"]])
    yearless = rows["target_year"].isna() & pd.MultiIndex.from_frame(rows[["code", "district"]]).isin(gained)
    return rows[~yearless].reset_index(drop=True)


def clamp_projection(projected: pd.Series, latest: pd.Series, min_value: pd.Series, max_value: pd.Series,
                     cumulative: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A projection held inside the indicator's bounds.

    Args:
        projected: the trend's value at the deadline (indicator's unit).
        latest: the latest value; a cumulative count never falls below it.
        min_value, max_value: the indicator's bounds (NaN = unbounded on that side).
        cumulative: True where the indicator is a running total.

    Returns:
        (clamped projection, bound): bound is 'max', 'min' or 'cumulative' where the clamp moved the
        projection, None otherwise.
    """
    floor = min_value.where(~(cumulative.astype(bool) & (latest > min_value.fillna(-np.inf))), latest)
    upper = projected > max_value
    lower = projected < floor
    clamped = projected.where(~upper, max_value).where(~lower, floor)
    floor_kind = np.where(cumulative.astype(bool) & (floor != min_value), "cumulative", "min")
    bound = np.select([upper.to_numpy(), lower.to_numpy()], ["max", floor_kind], default="").astype(object)
    bound[bound == ""] = None
    return clamped, pd.Series(bound, index=projected.index, dtype=object)


def _judged(rows: pd.DataFrame, as_of_idx: int) -> pd.Series:
    """True on the target year each series (code, district) is judged against: among its own targets (全市: the
    city's; a district: the district's own), the earliest not yet due, else the latest; a district without any
    target of its own, the year its code's 全市 row is judged on (that row is shown, never judged)."""
    year = rows["target_year"].to_numpy(dtype=float)
    code = rows["_code"].to_numpy()
    city = (rows["district"] == CITY).to_numpy()
    sid = pd.factorize(pd.MultiIndex.from_arrays([code, rows["district"].to_numpy()]))[0]
    has_year = ~np.isnan(year)
    candidate = has_year & (city | rows["own_target"].to_numpy(dtype=bool))
    due = year * 4 + 3 <= as_of_idx

    def judged_year(group: np.ndarray, n: int) -> np.ndarray:
        open_year = np.full(n, np.inf)
        np.fmin.at(open_year, group[candidate & ~due], year[candidate & ~due])
        last_year = np.full(n, -np.inf)
        np.fmax.at(last_year, group[candidate], year[candidate])
        return np.where(np.isfinite(open_year), open_year, np.where(np.isfinite(last_year), last_year, np.nan))

    own_year = judged_year(sid, sid.max() + 1 if len(sid) else 0)[sid]
    city_year = np.full(code.max() + 1 if len(code) else 0, np.nan)
    city_year[code[city]] = own_year[city]
    chosen = np.where(np.isnan(own_year), city_year[code], own_year)
    return pd.Series((year == chosen) | ~has_year, index=rows.index)


def indicator_status(indicators: pd.DataFrame, targets: pd.DataFrame, actuals: pd.DataFrame, as_of: str,
                     settings: Settings = DEFAULT) -> pd.DataFrame:
    """Status of every indicator for every district with data (and always 全市) and every target year.

    全市 rows are one per city-wide target year; a district's rows are the city's years plus the years of its own
    targets. Each series has one `judged` row: the earliest of its own targets not yet due, else its latest (全市:
    the city's targets; a district without any target of its own: the year its 全市 row is judged on).

    Rules (first that applies): not_judged (a district row without the district's own target: its values and
    trend are shown, never a verdict against the city's target); target_pending (no target value); for a final
    target (its deadline, the last quarter of the target year, is at or before `as_of`) achieved / missed on the
    judged value (the last value at or before the deadline), no_data if there is none; no_data (no value at or
    before `as_of`); achieved (latest value meets the target: >= for direction 'increase', <= for 'decrease'); a
    target equal to the baseline that is not met is regressing (progress cannot be measured); with two or more
    observations in the window, R = ratio_r; with one, R = progress_pct / expected_pct (on_track when no time has
    elapsed). R >= ON_TRACK on_track, >= AT_RISK at_risk, >= REGRESS off_track, else regressing.

    The projection (the trend's value at the deadline) stays inside the indicator's bounds (min_value,
    max_value) and, for a cumulative count, never below the latest value; projection_bound says which bound
    held it ('max', 'min', 'cumulative'), and R uses the held projection.

    The indicator's baseline applies to every district. Without a baseline value the series' first value at
    or before `as_of` is the baseline (baseline_assumed); a baseline value without a period takes the first
    value's period.

    Args:
        indicators: code, unit, direction ('increase' | 'decrease'), baseline_value, baseline_period; optional
            min_value, max_value (NaN = unbounded) and cumulative (bool).
        targets: code, target_year (int), target_value (NaN = pending); optional district (missing or 全市 =
            city-wide, otherwise that district's own target).
        actuals: code, period, district, value; periods after `as_of` are ignored.
        as_of: the as-of period, e.g. '2026Q3'.
        settings: thresholds and the projection window.

    Returns:
        A new frame with STATUS_COLUMNS, one row per (code, district, target_year); target_year is NaN
        (Int64 <NA>) for an indicator without any target row. latest_period / latest_value are always the
        newest value at or before `as_of`; judged_period / judged_value are the value the verdict is on: for a
        final target the last value at or before its deadline, otherwise the latest. gap, progress_pct and
        lag_pp use the judged value; the projection columns are NaN on a final row.
        status_cagr is the growth-method status (None where undefined, pending, not judged or without data;
        equal to status on a final row) and contested marks rows where it differs from status.
        Units: gap, values in the indicator's unit (gap > 0 = still to go, < 0 = beyond the target);
        progress_pct, expected_pct in percent; lag_pp in percentage points; ratio_r a ratio (1 = on the
        line); required_rate and recent_rate in the indicator's unit per quarter.
    """
    return judge(indicators, targets, series_frame(actuals, as_of, deadlines(targets), settings.PROJECTION_WINDOW),
                 as_of, settings)


def deadlines(targets: pd.DataFrame) -> list[str]:
    """The deadline (last quarter of the target year) of every target year in `targets`, oldest first."""
    return sorted({periods.year_end(int(y)) for y in targets["target_year"].dropna()})


def judge(indicators: pd.DataFrame, targets: pd.DataFrame, series: pd.DataFrame, as_of: str,
          settings: Settings = DEFAULT) -> pd.DataFrame:
    """indicator_status() of a series frame (metrics.trajectory.series_frame, or store.series read in DuckDB).

    Args:
        indicators, targets, as_of, settings: as for indicator_status().
        series: a series frame at `as_of` with at least PROJECTION_WINDOW window values and the at_<deadline>
            columns of every target deadline at or before `as_of`.

    Returns:
        The same frame indicator_status() returns for the values behind `series`.
    """
    as_of_idx = periods.index(as_of)
    summary = summarize(series, settings)
    rows = _rows(indicators, targets, summary)

    increase = (rows["direction"] != "decrease").to_numpy()
    target = rows["target_value"]
    deadline_idx = rows["target_year"] * 4 + 3
    final = (deadline_idx <= as_of_idx).to_numpy()
    own = ((rows["district"] == CITY) | rows["own_target"]).to_numpy()
    unjudged = ~own & rows["target_year"].notna().to_numpy()
    pending = target.isna().to_numpy() & ~unjudged

    latest_idx = rows["latest_idx"].astype(float)
    latest = rows["latest_value"].astype(float)
    # A final target is judged on the last value at or before its deadline; an open one on the latest.
    judged_idx = latest_idx.copy()
    judged_value = latest.copy()
    for deadline in pd.unique(deadline_idx[final]):
        at = (deadline_idx == deadline).to_numpy() & final
        idx_col, value_col = deadline_columns(periods.from_index(int(deadline)))
        if idx_col not in rows:
            raise ValueError(f"the series frame lacks the values at the deadline {idx_col[3:9]}")
        judged_idx[at] = rows.loc[at, idx_col].to_numpy(dtype=float)
        judged_value[at] = rows.loc[at, value_col].to_numpy(dtype=float)
    has_value = judged_value.notna().to_numpy()

    given = rows["baseline_value"].notna()
    given_idx = period_indices(rows["baseline_period"].where(rows["baseline_period"].notna() & given))
    baseline = rows["baseline_value"].where(given, rows["first_value"]).astype(float)
    base_idx = given_idx.fillna(rows["first_idx"].astype(float))

    # A value on the target up to float noise (0.6399999999999999 read from a workbook's formula for 0.64) meets
    # it, with no gap: a leader would otherwise read 0.64 against 0.64, 未达成.
    on_target = ((judged_value - target).abs() <= settings.TOLERANCE * np.maximum(1.0, target.abs())).to_numpy()
    meets = (np.where(increase, judged_value >= target, judged_value <= target) | on_target) & has_value
    gap = np.where(on_target, 0.0, np.where(increase, target - judged_value, judged_value - target))
    span = target - baseline
    flat_target = (span == 0).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        progress = ((judged_value - baseline) / span.where(~flat_target)) * 100.0
        base_end = (base_idx + 1) / 4.0
        deadline_end = rows["target_year"] + 1.0
        total_years = deadline_end - base_end
        elapsed = ((as_of_idx + 1) / 4.0 - base_end) / total_years
    expected = (elapsed.clip(0.0, 1.0) * 100.0).where(total_years > 0, 100.0).where(base_idx.notna())

    trend = (rows["n_window"] >= 2).to_numpy() & ~final
    raw = (rows["level"] + rows["slope"] * (deadline_idx - rows["latest_idx"])).where(trend)
    projected, bound = clamp_projection(raw, latest, rows["min_value"], rows["max_value"], rows["cumulative"])
    ratio_r = (projected - baseline) / span.where(~flat_target)
    with np.errstate(divide="ignore", invalid="ignore"):
        required = ((target - latest) / (deadline_idx - latest_idx)).where(~final)
        ratio_time = progress / expected
    one_point = np.where(expected == 0, "on_track", grade(ratio_time, settings))

    status = np.select(
        [unjudged, pending, final & ~has_value, final & meets, final, ~has_value, meets, flat_target, trend],
        ["not_judged", "target_pending", "no_data", "achieved", "missed", "no_data", "achieved", "regressing",
         grade(ratio_r, settings)],
        default=one_point,
    ).astype(object)

    reach = attainment_index(rows["level"], rows["slope"], latest_idx, target,
                             pd.Series(increase, index=rows.index), settings).where(~final)
    reach = reach.where(~meets, judged_idx)

    cagr_ratio = growth_ratio(baseline, judged_value, target, (judged_idx - base_idx) / 4.0,
                              deadline_end - base_end)
    verdict = ~np.isin(status, ["target_pending", "no_data", *NO_VERDICT])
    cagr = np.where(meets, "achieved", grade(cagr_ratio, settings)).astype(object)
    cagr = np.where(verdict, np.where(final, status, cagr), None)

    # A district without its own target: values and trend only, nothing measured against a target.
    mute = pd.Series(unjudged, index=rows.index)
    out = pd.DataFrame({
        "code": rows["code"], "district": rows["district"],
        "target_year": rows["target_year"].astype("Int64"), "target_value": target,
        "direction": rows["direction"], "unit": rows["unit"],
        "baseline_value": baseline, "baseline_period": period_labels(base_idx),
        "baseline_assumed": ~given.to_numpy(),
        "latest_period": period_labels(latest_idx), "latest_value": latest,
        "judged_period": period_labels(judged_idx), "judged_value": judged_value,
        "gap": pd.Series(gap, index=rows.index).mask(mute), "progress_pct": progress.mask(mute),
        "expected_pct": expected.mask(mute), "lag_pp": (expected - progress).mask(mute),
        "projected_value": projected, "projection_bound": bound, "ratio_r": ratio_r.mask(mute), "status": status,
        "required_rate": required.mask(mute), "recent_rate": rows["slope"].astype(float),
        "attainment_period": period_labels(reach.mask(mute)), "status_cagr": pd.Series(cagr, dtype=object),
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


def headline_groups(status_df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two groups of the headline, city-wide: results and progress.

    Args:
        status_df: output of indicator_status().

    Returns:
        (results, progress): results are the 全市 rows of the latest target year that has ended (e.g. every 2025
        target from 2025Q4 on), judged on their year's last value; progress is, per code, the 全市 row of the next
        target not yet due (or without a year). A code appears at most once in each; new frames.
    """
    city = status_df[status_df["district"] == CITY]
    final = city[city["final"]]
    results = final[final["target_year"] == final["target_year"].max()] if not final.empty else final
    progress = city[city["judged"] & ~city["final"]].drop_duplicates("code")
    return results.reset_index(drop=True), progress.reset_index(drop=True)


def projected_progress(rows: pd.DataFrame) -> pd.Series:
    """How far from baseline to target each row will be at its deadline, in percent: the R its status grades × 100.

    With a trend that is ratio_r; with one value, progress_pct / expected_pct (the current pace carried on to the
    deadline); a target already met shows its progress_pct. So a row's status is grade(projected_progress / 100)
    wherever a status was graded, and a chart of it cannot contradict the status.

    Args:
        rows: indicator_status() rows.

    Returns:
        A float Series aligned with `rows`, NaN where no ratio was graded (final, pending, no data, not judged).
    """
    expected = rows["expected_pct"].where(rows["expected_pct"] > 0)
    pace = (rows["progress_pct"] / expected).where(expected.notna(), 1.0)
    ratio = rows["ratio_r"].astype(float).where(rows["ratio_r"].notna(), pace)
    ratio = ratio.where(rows["status"] != "achieved", rows["progress_pct"] / 100.0)
    graded = rows["status"].isin(["on_track", "at_risk", "off_track", "regressing", "achieved"]) & ~rows["final"]
    return (ratio * 100.0).where(graded)


def city_shares(status_df: pd.DataFrame) -> dict[str, float]:
    """Each district's latest value as a share of the city's value in the same quarter, for one indicator.

    Meaningful where district values add up to the city's (counts); the caller decides that.

    Args:
        status_df: indicator_status() rows of one code (any target years).

    Returns:
        {district: share in percent}; districts whose latest quarter has no city value are left out, and 全市
        maps to 100.
    """
    latest = status_df.drop_duplicates("district").set_index("district")[["latest_period", "latest_value"]]
    if CITY not in latest.index:
        return {}
    city_period, city_value = latest.loc[CITY]
    same = latest[(latest["latest_period"] == city_period) & latest["latest_value"].notna()]
    if not city_value or pd.isna(city_value):
        return {}
    return {d: float(v) / float(city_value) * 100.0 for d, v in same["latest_value"].items()}


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
