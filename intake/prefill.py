"""What a blank upload template is pre-filled with from the catalog: field -> values, and the number of rows."""

from __future__ import annotations

import pandas as pd

from intake.context import Context
from intake.settings import CITY_WIDE


def indicators_by_district(ctx: Context) -> tuple[dict[str, object], int]:
    """A row per indicator for the latest period, 全市; an indicator reported by district gets a row per district."""
    ind = ctx.indicators
    filled: dict[str, object] = {
        "code": ind["code"].astype(str),
        "name": ind["name"].astype(str),
        "unit": ind["unit"].fillna("").astype(str),
        "period": ctx.latest_period,
        "district": CITY_WIDE,
    }
    if "by_district" not in ind.columns:
        return filled, len(ind)
    repeat = [len(ctx.districts) if bool(b) else 1 for b in ind["by_district"].fillna(False)]
    ind = ind.loc[ind.index.repeat(repeat)].reset_index(drop=True)
    within = ind.groupby("code", sort=False).cumcount()
    districts = pd.Series(ctx.districts)
    filled.update({
        "code": ind["code"].astype(str),
        "name": ind["name"].astype(str),
        "unit": ind["unit"].fillna("").astype(str),
        "district": districts.iloc[within.to_numpy() % len(districts)].reset_index(drop=True),
    })
    return filled, len(ind)


def tasks(ctx: Context) -> tuple[dict[str, object], int]:
    """A row per key task, numbered from 1, for the latest period."""
    return {"task_no": pd.Series(range(1, ctx.task_count + 1)).astype(str), "period": ctx.latest_period}, \
        ctx.task_count


def projects(ctx: Context) -> tuple[dict[str, object], int]:
    """A row per key project, numbered from 1, for the latest period."""
    return {"project_no": pd.Series(range(1, ctx.project_count + 1)).astype(str), "period": ctx.latest_period}, \
        ctx.project_count


def indicators(ctx: Context) -> tuple[dict[str, object], int]:
    """A row per indicator, 全市 (a district's own target: the district's name instead)."""
    ind = ctx.indicators
    return {
        "code": ind["code"].astype(str),
        "name": ind["name"].astype(str),
        "unit": ind["unit"].fillna("").astype(str),
        "district": CITY_WIDE,
    }, len(ind)
