"""Second opinion on status by the growth-rate method of Statistics Canada / Open SDG."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.settings import DEFAULT, Settings


def grade(ratio: pd.Series | np.ndarray, settings: Settings = DEFAULT) -> np.ndarray:
    """Status of a progress ratio by the shared thresholds.

    Args:
        ratio: R, where 1.0 means exactly on the line to the target; a ratio exactly on a threshold gets the
            better status (float noise within settings.TOLERANCE is ignored).
        settings: ON_TRACK, AT_RISK, REGRESS, TOLERANCE.

    Returns:
        An object array of on_track / at_risk / off_track / regressing (None where the ratio is NaN).
    """
    r = np.asarray(ratio, dtype=float)
    tol = settings.TOLERANCE
    graded = np.select(
        [r >= settings.ON_TRACK - tol, r >= settings.AT_RISK - tol, r >= settings.REGRESS - tol, r < 0],
        ["on_track", "at_risk", "off_track", "regressing"],
        default="",
    ).astype(object)
    graded[np.isnan(r)] = None
    return graded


def growth_ratio(baseline: pd.Series, latest: pd.Series, target: pd.Series, years_elapsed: pd.Series,
                 years_total: pd.Series) -> pd.Series:
    """Observed compound annual growth rate since baseline divided by the required one.

    CR_a = (latest / baseline) ** (1 / years_elapsed) - 1; CR_r = (target / baseline) ** (1 / years_total) - 1.
    For a decreasing indicator both rates are negative, so the ratio is positive when it falls.

    Args:
        baseline, latest, target: values in the indicator's unit.
        years_elapsed: years from the baseline quarter's end to the latest quarter's end.
        years_total: years from the baseline quarter's end to the deadline.

    Returns:
        CR_a / CR_r (ratio, 1.0 = on the required growth path); NaN where undefined: a non-positive value,
        no time elapsed or none left in the plan, or a required rate of zero (target equal to baseline).
    """
    defined = (baseline > 0) & (latest > 0) & (target > 0) & (years_elapsed > 0) & (years_total > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        cr_a = (latest / baseline) ** (1.0 / years_elapsed) - 1.0
        cr_r = (target / baseline) ** (1.0 / years_total) - 1.0
        ratio = cr_a / cr_r
    defined &= (cr_r != 0) & np.isfinite(ratio)
    return ratio.where(defined)
