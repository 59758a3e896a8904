"""Which target year the headline reports results for: derived from the targets, never written into the code."""

from __future__ import annotations

import pandas as pd

from metrics.settings import CITY


def result_year(status_df: pd.DataFrame) -> int | None:
    """The target year whose results the headline reports: the latest year that has ended (its city-wide rows are
    final), else the first year still open (the results due next).

    Args:
        status_df: metrics.status.indicator_status() rows (district, target_year, final).

    Returns:
        A year such as 2025, or None when no city-wide row has a target year.
    """
    city = status_df[(status_df["district"] == CITY) & status_df["target_year"].notna()]
    ended = city.loc[city["final"].astype(bool), "target_year"]
    year = ended.max() if not ended.empty else city["target_year"].min()
    return None if pd.isna(year) else int(year)
