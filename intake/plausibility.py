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
CUMULATIVE_MARK = "累计"  # an indicator whose name says 累计 never falls


def unusual(rows: pd.DataFrame, previous: pd.DataFrame, history: pd.DataFrame,
            indicators: pd.DataFrame) -> pd.Series:
    """Why each new actual value looks wrong (a Chinese sentence), or None.

    Args:
        rows: intake's actuals rows: code, period, district, value.
        previous: for each (code, district, period) of `rows`, the value that counts for the latest earlier
            period in the store: code, district, period, prev_period, prev_value.
        history: per code, the median of the values that count now: code, median.
        indicators: code, name, unit.
    """
    reason = pd.Series(None, index=rows.index, dtype=object)
    if rows.empty or (previous["prev_value"].isna().all() and history.empty
                      and not rows.duplicated(["code", "district"]).any()):
        return reason  # nothing earlier in the store or in the file to compare with
    units = dict(zip(indicators["code"], indicators["unit"].fillna(""), strict=True))
    names = dict(zip(indicators["code"], indicators["name"].astype(str), strict=True))
    frame = rows[["code", "period", "district", "value"]].copy()
    frame["_i"] = np.arange(len(frame))
    stored = frame.merge(previous, on=["code", "district", "period"], how="left")
    # the file's own earlier quarter of the same series counts as previous too, when it is later
    ordered = frame.sort_values(["code", "district", "period"])
    group = ordered.groupby(["code", "district"], sort=False)
    ordered["file_prev_period"] = group["period"].shift()
    ordered["file_prev_value"] = group["value"].shift()
    stored = stored.merge(ordered[["_i", "file_prev_period", "file_prev_value"]], on="_i").sort_values("_i")
    use_file = stored["file_prev_period"].notna() & (
        stored["prev_period"].isna() | (stored["file_prev_period"] > stored["prev_period"]))
    prev_value = stored["prev_value"].where(~use_file, stored["file_prev_value"]).to_numpy(dtype=float)
    prev_period = stored["prev_period"].where(~use_file, stored["file_prev_period"]).to_numpy(dtype=object)
    value = stored["value"].to_numpy(dtype=float)
    codes = stored["code"].to_numpy(dtype=object)
    out = np.full(len(stored), None, dtype=object)

    median = dict(zip(history["code"], history["median"], strict=True))
    for code in pd.unique(codes):
        if units.get(code) != "%" or median.get(code) is None or not median[code] > FRACTION_HISTORY_ABOVE:
            continue
        mine = codes == code
        if (value[mine] <= 1).all():
            out[mine] = labels.notice("unusual_fraction", median=median[code])

    cumulative = np.array([CUMULATIVE_MARK in names.get(c, "") for c in codes], dtype=bool)
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
