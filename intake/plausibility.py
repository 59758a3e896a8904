"""Values that parse but look wrong against the indicator's own history: shown as 请核实 before a commit.

These are not refusals (a real jump happens); the analyst confirms them. They catch what a format cannot: 0.88
typed for 88 %, a value 100× off the previous quarter, a cumulative count that falls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from intake import labels

# A % indicator whose history sits above this while every new value is ≤ 1 was probably typed as a fraction.
FRACTION_HISTORY_ABOVE = 5.0
# A value this many times larger (or smaller) than the same series' previous quarter is shown for checking.
JUMP_FACTOR = 10.0
CUMULATIVE_MARK = "累计"  # an indicator whose name says 累计 never falls (as does one the catalog marks cumulative)


def unusual(rows: pd.DataFrame, previous: pd.DataFrame, history: pd.DataFrame,
            indicators: pd.DataFrame) -> pd.Series:
    """Why each new actual value looks wrong (a Chinese sentence), or None.

    Args:
        rows: intake's actuals rows: code, period, district, value.
        previous: for each (code, district, period) of `rows`, the value that counts for the latest earlier
            period in the store: code, district, period, prev_period, prev_value.
        history: per code, the median of the values that count now: code, median.
        indicators: code, name, unit, optionally cumulative.
    """
    reason = pd.Series(None, index=rows.index, dtype=object)
    if rows.empty or (previous["prev_value"].isna().all() and history.empty
                      and not rows.duplicated(["code", "district"]).any()):
        return reason  # nothing earlier in the store or in the file to compare with
    units = dict(zip(indicators["code"], indicators["unit"].fillna(""), strict=True))
    names = dict(zip(indicators["code"], indicators["name"].astype(str), strict=True))
    frame = rows[["code", "period", "district", "value"]].reset_index(drop=True)
    n = len(frame)
    # the file's own earlier quarter of the same series counts as previous too: sort by series, then period
    code_id, _ = pd.factorize(frame["code"])
    district_id, districts = pd.factorize(frame["district"])
    period_id, period_names = pd.factorize(frame["period"], sort=True)
    series = code_id.astype(np.int64) * (len(districts) + 1) + district_id
    order = np.lexsort((period_id, series))
    before = np.roll(order, 1)
    same = series[order] == series[before]
    same[0] = False
    file_prev_value = np.full(n, np.nan)
    file_prev_period = np.full(n, -1, dtype=np.int64)
    file_prev_value[order[same]] = frame["value"].to_numpy(dtype=float)[before[same]]
    file_prev_period[order[same]] = period_id[before[same]]
    period_text = np.append(np.asarray(period_names, dtype=object), "")  # index -1: no earlier quarter
    prev_value, prev_period = file_prev_value, period_text[file_prev_period]
    if previous["prev_value"].notna().any():  # the store's latest earlier quarter, unless the file's is later
        stored = frame.merge(previous, on=["code", "district", "period"], how="left")
        use_store = stored["prev_period"].notna().to_numpy() & (
            stored["prev_period"].fillna("").to_numpy(dtype=object) > prev_period)
        prev_value = np.where(use_store, stored["prev_value"].to_numpy(dtype=float), prev_value)
        prev_period = np.where(use_store, stored["prev_period"].to_numpy(dtype=object), prev_period)
    stored = frame
    value = stored["value"].to_numpy(dtype=float)
    codes = stored["code"].to_numpy(dtype=object)
    out = np.full(n, None, dtype=object)

    median = dict(zip(history["code"], history["median"], strict=True))
    largest = pd.Series(value).groupby(codes).max()
    fractions = [c for c, top in largest.items()
                 if units.get(c) == "%" and median.get(c, 0) > FRACTION_HISTORY_ABOVE and top <= 1]
    for code in fractions:
        out[codes == code] = labels.notice("unusual_fraction", median=median[code])

    flagged = (dict(zip(indicators["code"], indicators["cumulative"].fillna(False).astype(bool), strict=True))
               if "cumulative" in indicators.columns else {})
    cumulative = pd.Series(codes).isin(
        [c for c in largest.index if flagged.get(c) or CUMULATIVE_MARK in names.get(c, "")]).to_numpy()
    known = np.isfinite(prev_value) & np.isfinite(value)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(known & (prev_value > 0) & (value > 0), value / prev_value, 1.0)
    falls = known & cumulative & (value < prev_value)
    jumps = (ratio >= JUMP_FACTOR) | (ratio <= 1 / JUMP_FACTOR)
    for i in np.flatnonzero((falls | jumps) & pd.isna(out)):
        if falls[i]:
            out[i] = labels.notice("unusual_falls", prev=prev_value[i], period=prev_period[i])
        else:
            out[i] = labels.notice("unusual_jump", prev=prev_value[i], period=prev_period[i], ratio=ratio[i])
    reason[:] = out
    return reason
