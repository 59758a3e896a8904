"""Each dashboard page's charts, built by one function for the page, the chart ZIP and the deck alike: what a
meeting gets is what the screen shows.

The builders read a service.snapshot.Snapshot (`data`) and return {chart key: figure}; a chart key names its PNG
through presentation.labels.CHART_FILES (file_name()).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import district_map, figures
from metrics import status as metrics_status
from metrics.settings import CITY, VERDICTS
from presentation import labels, readings
from presentation.formats import percent

# Past a few dozen bars the progress chart stops being readable (and fast): the worst ones only.
BULLET_LIMIT = 30


def file_name(chart: str, period: str | None, **fields) -> str:
    """The file stem of a chart's PNG, e.g. '总览_状态分布_2026Q3'."""
    return labels.CHART_FILES[chart].format(period=period, **fields)


def indicator_file(code: str, district: str, period: str | None) -> str:
    """The file stem of an indicator's series chart, e.g. 'P17_CW_RECYCLING_全市_2026Q3'."""
    return f"{code}_{district}_{period}"


def bullet_rows(progress: pd.DataFrame, indicators: pd.DataFrame, limit: int = BULLET_LIMIT) -> pd.DataFrame:
    """The progress group's rows with the indicator's name, the worst `limit` of them when there are more."""
    shown = progress.drop(columns="name", errors="ignore").merge(indicators[["code", "name"]], on="code", how="left")
    return metrics_status.worst_first(shown).head(limit) if len(shown) > limit else shown


def overview(data) -> dict[str, go.Figure]:
    """总览: where each open target is heading ('overview_progress') and the headline's counts ('overview_status')."""
    groups = readings.headline_groups(data.status)
    return {"overview_progress": figures.progress_bullets(bullet_rows(groups[1].rows, data.indicators),
                                                          trends=data.recent),
            "overview_status": figures.status_counts([(g.title, g.counts) for g in groups])}


def sector_frames(data, order: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The sector roll-up, task progress and project progress, one row per sector of `order` (zero-filled counts
    where a sector has no indicators; task and project counts left missing where it has none)."""
    roll = data.sector_rollup.set_index("sector").reindex(order).reset_index()
    counts = [c for c in roll.columns if c not in ("sector", "worst", "codes")]
    roll[counts] = roll[counts].fillna(0).astype(int)
    tasks = data.task_by_sector.set_index("sector").reindex(order).reset_index()
    projects = data.project_by_sector.set_index("sector").reindex(order).reset_index()
    return roll, tasks, projects


def sectors(data, order: list[str]) -> dict[str, go.Figure]:
    """分领域: indicators per status ('sector_status') and task states ('sector_tasks') per sector, in `order`."""
    roll, tasks, _ = sector_frames(data, order)
    return {"sector_status": figures.sector_status(roll[roll["total"] > 0], "sector", labels.CHARTS["sector_status"]),
            "sector_tasks": figures.task_progress(tasks.dropna(subset=["n_tasks"]), "sector",
                                                  labels.CHARTS["sector_tasks"])}


def agencies(data) -> dict[str, go.Figure]:
    """分单位: indicators per status by lead agency ('agency_status') and the reporting matrix ('reporting')."""
    return {"agency_status": figures.sector_status(data.agency_rollup, "agency", labels.CHARTS["agency_status"]),
            "reporting": figures.reporting_matrix(data.matrix.dropna(subset=["cell"]))}


def by_district(data, code: str) -> bool:
    """True when the indicator has values by district at the as-of period (its map is drawn)."""
    rows = data.status[(data.status["code"] == code) & (data.status["district"] != CITY)]
    return bool(rows["latest_value"].notna().any())


def map_file(code: str, period: str | None) -> str:
    """The file stem of an indicator's district map, e.g. 'P04_CP_AUDIT_分区地图_2026Q3'."""
    return labels.CHART_FILES["district_map"].format(code=code, period=period)


def indicator_map(data, code: str, *, height: int = 620) -> go.Figure | None:
    """指标详情: the districts of an indicator reported by district on the map, for the as-of period; None when the
    indicator has no district values.

    A district judged against its own target is drawn in its status colour; one without its own target is the
    category 未设分区目标 (grey), never coloured against the city's target. When no district has a target of its
    own, the map shows the latest values on a blue scale that carries no verdict, and says so. A district without a
    value is 未报送; one whose latest value is older than the as-of period says which quarter it shows.
    """
    if not by_district(data, code):
        return None
    C = labels.CHARTS
    ind = data.indicators.set_index("code").loc[code]
    unit = ind["unit"]
    rows = data.status[(data.status["code"] == code) & data.status["judged"]]
    shares = readings.city_shares(rows, unit)
    rows = rows[(rows["district"] != CITY) & rows["latest_value"].notna()]
    notes = []
    for district, period in zip(rows["district"], rows["latest_period"], strict=True):
        parts = [C["map_share"].format(share=percent(shares[district]))] if district in shares else []
        if period != data.as_of:
            parts.append(C["map_stale"].format(period=period))
        notes.append("<br>".join(parts))
    frame = pd.DataFrame({"district": rows["district"].to_numpy(), "status": rows["status"].to_numpy(),
                          "value": rows["latest_value"].to_numpy(dtype=float), "note": notes})
    if frame["status"].isin(VERDICTS).any():
        return district_map.district_status_map(
            frame, "status", C["map_status_title"].format(name=ind["name"], period=data.as_of), detail="note",
            caption=f"{C['map_mixed_note']}<br>{C['map_caption']}", height=height)
    return district_map.district_choropleth(
        frame, "value", C["map_value_title"].format(name=ind["name"], period=data.as_of), unit=unit,
        value_label=C["map_value"], colorscale=district_map.VALUE_SCALE, detail="note",
        caption=f"{C['map_value_note']}<br>{C['map_caption']}", height=height)


def indicator(data, code: str, series: pd.DataFrame, district: str = CITY, *, for_slide: bool = False) -> go.Figure:
    """指标详情: one indicator's series in one district with its targets, trajectory, projection and revised points.

    Args:
        series: period, value (the values that count) of this code and district.
        for_slide: drop the chart title (the slide's title names the indicator) and enlarge the text for projectors.
    """
    ind = data.indicators.set_index("code").loc[code]
    rows = data.status[(data.status["code"] == code) & (data.status["district"] == district)]
    revs = data.revisions[(data.revisions["code"] == code) & (data.revisions["district"] == district)]
    fig = figures.indicator_series(ind["name"], ind["unit"], series, rows, revs, title=f"{ind['name']}（{district}）")
    if for_slide:
        fig.update_layout(title_text="", font_size=15, legend=dict(font_size=14, y=1.02),
                          margin=dict(l=8, r=16, t=96, b=8), yaxis_title_text=ind["unit"] or "")
    return fig
