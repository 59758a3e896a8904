"""Roll-ups of indicator statuses by sector, agency and district that count, never average, so no red is hidden."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.settings import CITY, SEVERITY, UNASSIGNED, VERDICTS, worst


def rollup(status_rows: pd.DataFrame, by: str) -> pd.DataFrame:
    """Count indicators by status within each group.

    Args:
        status_rows: one row per indicator to count (e.g. headline()), with code, status and the column `by`;
            a missing group value is counted under UNASSIGNED ('未分类'); rows that are no verdict (not_judged)
            are not counted.
        by: the grouping column, e.g. 'sector' or 'lead'.

    Returns:
        A new frame, one row per group, ordered worst group first (then by name): the column `by`, one count
        column per status in VERDICTS (zero-filled, worst first), total (number of rows counted), worst
        (the most severe status present) and codes (a dict status -> sorted list of codes, only the statuses
        present). Counts always add up to total.
    """
    rows = status_rows.loc[status_rows["status"].isin(VERDICTS), ["code", "status", by]]
    values = rows[by].astype(object).where(rows[by].notna(), UNASSIGNED)
    groups = sorted(values.unique(), key=str)
    n_verdicts = len(VERDICTS)
    # one number per (group, status), statuses worst first within a group
    cell = pd.Index(groups).get_indexer(values) * n_verdicts + pd.Index(VERDICTS).get_indexer(rows["status"])
    tally = np.bincount(cell, minlength=len(groups) * n_verdicts).reshape(len(groups), n_verdicts)
    counts = pd.DataFrame(tally.astype("int64"), index=pd.Index(groups, name=by), columns=list(VERDICTS))
    counts["total"] = counts.sum(axis=1)
    members = rows["code"].to_numpy(dtype=object)
    order = np.argsort(members, kind="stable")
    order = order[np.argsort(cell[order], kind="stable")]
    cell, members = cell[order], members[order]
    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]]) if len(cell) else np.zeros(0, dtype=int)
    codes: dict[object, dict[str, list]] = {group: {} for group in counts.index}
    runs = np.split(members, starts[1:]) if len(cell) else []
    for at, part in zip(cell[starts], runs, strict=True):
        codes[groups[at // n_verdicts]][VERDICTS[at % n_verdicts]] = part.tolist()
    counts["worst"] = [worst(codes[group]) for group in counts.index]
    counts["codes"] = [codes[group] for group in counts.index]
    out = counts.reset_index().rename(columns={"index": by})
    order = out["worst"].map(SEVERITY).fillna(len(SEVERITY))
    return out.assign(_rank=order).sort_values(["_rank", by], kind="stable").drop(columns="_rank").reset_index(
        drop=True)


def by_sector(headline: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """rollup() of headline statuses by the indicator's sector.

    Args:
        headline: output of status.headline().
        indicators: code, sector.

    Returns:
        See rollup(); the group column is 'sector'.
    """
    return rollup(_with(headline, indicators, "sector"), "sector")


def by_agency(headline: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """rollup() of headline statuses by the indicator's lead agency.

    Args:
        headline: output of status.headline().
        indicators: code, lead (the lead agency's name).

    Returns:
        See rollup(); the group column is 'agency'.
    """
    rows = _with(headline, indicators, "lead").rename(columns={"lead": "agency"})
    return rollup(rows, "agency")


def by_district(status_df: pd.DataFrame) -> pd.DataFrame:
    """rollup() by district of the judged target year, for districts other than 全市.

    Args:
        status_df: output of status.indicator_status().

    Returns:
        See rollup(); the group column is 'district'. Each district counts the indicators it is judged on: a row
        without the district's own target (not_judged) is not a verdict and is not counted.
    """
    rows = status_df[status_df["judged"] & (status_df["district"] != CITY) & status_df["status"].isin(VERDICTS)]
    return rollup(rows.drop_duplicates(["code", "district"]), "district")


def _with(headline: pd.DataFrame, indicators: pd.DataFrame, column: str) -> pd.DataFrame:
    """The headline rows with one indicator column joined on code (every headline row kept once)."""
    extra = indicators[["code", column]].drop_duplicates("code")
    return headline.drop(columns=[column], errors="ignore").merge(extra, on="code", how="left")
