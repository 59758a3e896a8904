"""Plotly figures shared by the pages, the PNG exports and the briefing deck."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from metrics import periods
from metrics.settings import STATUS_ORDER
from ui import labels as L
from ui import theme as T
from ui.format import number

C = L.CHARTS


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16, color=T.MUTED), x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_layout(title=title, xaxis_visible=False, yaxis_visible=False, height=260)
    return fig


def status_counts(headline: pd.DataFrame, title: str = C["status_counts"]) -> go.Figure:
    """Bar per status (worst first) with the status colours; counts of indicators."""
    counts = headline["status"].value_counts()
    present = [s for s in STATUS_ORDER if counts.get(s, 0)]
    if not present:
        return _empty(title, L.EMPTY_DB)
    fig = go.Figure(go.Bar(
        x=[L.STATUS[s] for s in present], y=[int(counts[s]) for s in present],
        marker_color=[L.STATUS_COLOR[s] for s in present], text=[L.COUNT.format(n=int(counts[s])) for s in present],
        textposition="outside", cliponaxis=False, hovertemplate=C["status_hover"]))
    fig.update_layout(title=title, yaxis_title=C["indicator_count_axis"], height=340, showlegend=False,
                      yaxis_range=[0, max(counts) * 1.25])
    return fig


def progress_bullets(rows: pd.DataFrame, title: str = C["progress"]) -> go.Figure:
    """One bar per indicator: progress toward its target (%), a tick at the time-proportional expectation.

    Args:
        rows: headline rows joined with name (code, name, unit, status, progress_pct, expected_pct,
            latest_value, target_value, target_year).
    """
    rows = rows[rows["progress_pct"].notna()].copy()
    if rows.empty:
        return _empty(title, C["no_progress"])
    rows = rows.iloc[::-1]
    shown = rows["progress_pct"].clip(-20, 130)
    labels = [C["bullet_label"].format(name=r["name"], year=int(r["target_year"])) for _, r in rows.iterrows()]
    text = [C["bullet_text"].format(progress=p, value=number(v, u), target=number(t, u)) for p, v, u, t in
            zip(rows["progress_pct"], rows["latest_value"], rows["unit"], rows["target_value"], strict=True)]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=labels, x=shown, orientation="h", name=C["progress_trace"],
        marker_color=[L.STATUS_COLOR[s] for s in rows["status"]],
        cliponaxis=False, customdata=[L.STATUS[s] for s in rows["status"]],
        hovertemplate=C["progress_hover"]))
    fig.add_trace(go.Scatter(
        y=labels, x=rows["expected_pct"], mode="markers", name=C["expected_trace"],
        marker=dict(symbol="line-ns", size=26, line=dict(width=3, color=T.INK)),
        hovertemplate=C["expected_hover"]))
    # The numbers sit right of the bar's end, or right of 0 for progress below zero: Plotly's "outside" text of
    # a negative bar lands on the indicator names.
    fig.add_trace(go.Scatter(
        y=labels, x=shown.clip(lower=0) + 2, mode="text", text=text, textposition="middle right",
        textfont=dict(size=12, color=T.MUTED), showlegend=False, hoverinfo="skip", cliponaxis=False))
    fig.add_vline(x=100, line=dict(color=T.MUTED, width=1, dash="dot"))
    fig.update_layout(title=title, height=max(320, 46 * len(rows) + 120), bargap=0.35,
                      xaxis=dict(title=C["progress_axis"], range=[-20, 190], ticksuffix="%"),
                      # Top right, across from the title: short indicator names must not pull it under the title.
                      legend=dict(x=1, xanchor="right"),
                      margin=dict(l=16, r=24, t=80, b=16))
    return fig


def _axis(first: str, last: str) -> list[str]:
    return periods.span(first, last)


def indicator_series(name: str, unit: str, series: pd.DataFrame, status_rows: pd.DataFrame,
                     revisions: pd.DataFrame | None = None, title: str | None = None) -> go.Figure:
    """Time series of one indicator (one district) with target lines, trajectory and projection.

    Args:
        series: period, value (the values that count).
        status_rows: metrics status rows of this code and district, one per target year.
        revisions: period, old_value, new_value of revised points (marked with rings).
    """
    title = title or name
    if series.empty:
        return _empty(title, L.NO_DATA_FOR_INDICATOR)
    series = series.sort_values("period")
    targets = status_rows.dropna(subset=["target_year"])
    deadlines = [periods.year_end(int(y)) for y in targets["target_year"]]
    last = max([series["period"].iloc[-1]] + deadlines)
    fig = go.Figure()
    suffix = unit if unit == "%" else (f" {unit}" if unit else "")
    fig.add_trace(go.Scatter(
        x=series["period"], y=series["value"], mode="lines+markers", name=C["actual"],
        line=dict(color=T.ACCENT, width=3), marker=dict(size=8),
        hovertemplate="%{x}：%{y}" + suffix + "<extra>" + C["actual"] + "</extra>"))
    for _, row in targets.iterrows():
        year = int(row["target_year"])
        deadline = periods.year_end(year)
        base_p, base_v = row.get("baseline_period"), row.get("baseline_value")
        if pd.notna(row["target_value"]):
            fig.add_trace(go.Scatter(
                x=[series["period"].iloc[0], deadline], y=[row["target_value"]] * 2, mode="lines",
                name=C["target_named"].format(year=year, value=number(row["target_value"], unit)),
                line=dict(color=T.TARGET, width=2, dash="dash"),
                hovertemplate=C["target"].format(year=year) + "：%{y}" + suffix + "<extra></extra>"))
            if isinstance(base_p, str) and pd.notna(base_v):
                fig.add_trace(go.Scatter(
                    x=[base_p, deadline], y=[base_v, row["target_value"]], mode="lines",
                    name=C["trajectory"].format(year=year), line=dict(color=T.TRAJECTORY, width=1.5, dash="dot"),
                    hoverinfo="skip"))
        if pd.notna(row.get("projected_value")) and row.get("judged") and not row.get("final"):
            fig.add_trace(go.Scatter(
                x=[row["latest_period"], deadline], y=[row["latest_value"], row["projected_value"]],
                mode="lines+markers",
                name=C["projection"].format(year=year, value=number(row["projected_value"], unit)),
                line=dict(color=T.PROJECTION, width=2.5, dash="dash"), marker=dict(size=[0, 10]),
                hovertemplate=C["projection_hover"] + suffix + "<extra></extra>"))
    if revisions is not None and not revisions.empty:
        fig.add_trace(go.Scatter(
            x=revisions["period"], y=revisions["new_value"], mode="markers", name=C["revised"],
            marker=dict(size=16, symbol="circle-open", line=dict(width=2.5, color="#8e24aa")),
            customdata=revisions["old_value"],
            hovertemplate=C["revised_hover"] + suffix + "<extra></extra>"))
    values = pd.concat([series["value"], targets["target_value"].dropna(), targets["projected_value"].dropna()])
    low, high = float(values.min()), float(values.max())
    pad = (high - low) * 0.12 or abs(high) * 0.1 or 1
    fig.update_layout(
        title=title, height=440, hovermode="closest",
        xaxis=dict(type="category", categoryorder="array", categoryarray=_axis(series["period"].iloc[0], last),
                   title=C["period_axis"], nticks=16),
        yaxis=dict(title=f"{name}（{unit}）" if unit else name, range=[low - pad, high + pad],
                   ticksuffix="%" if unit == "%" else ""),
        legend=dict(y=1.0, yanchor="bottom"), margin=dict(l=16, r=24, t=110, b=16))
    return fig


def sector_status(rollup: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Stacked horizontal bars: indicators per status for each group (sector or agency)."""
    if rollup.empty:
        return _empty(title, C["no_indicators"])
    rows = rollup.iloc[::-1]
    fig = go.Figure()
    for status in reversed(STATUS_ORDER):
        if rows[status].sum() == 0:
            continue
        fig.add_trace(go.Bar(y=rows[by], x=rows[status], orientation="h", name=L.STATUS[status],
                             marker_color=L.STATUS_COLOR[status], text=rows[status].where(rows[status] > 0, ""),
                             textposition="inside",
                             hovertemplate=C["count_hover"] + "<extra>" + L.STATUS[status] + "</extra>"))
    fig.update_layout(title=title, barmode="stack", height=max(300, 44 * len(rows) + 140),
                      xaxis=dict(title=C["indicator_count_axis"], dtick=1), legend_traceorder="reversed")
    return fig


def task_progress(progress: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Stacked bars of task states (done, in progress, lagging, not started, overdue) per group."""
    if progress.empty:
        return _empty(title, C["no_tasks"])
    rows = progress.iloc[::-1]
    state = L.TASK_STATE
    parts = [("n_done", state["done"]), ("n_in_progress", state["in_progress"]), ("n_lagging", state["lagging"]),
             ("n_not_started", state["not_started"]), ("n_unreported", state["overdue"])]
    fig = go.Figure()
    for col, label in parts:
        if col not in rows:
            continue
        fig.add_trace(go.Bar(y=rows[by], x=rows[col], orientation="h", name=label,
                             marker_color=L.TASK_STATUS_COLOR[label], text=rows[col].where(rows[col] > 0, ""),
                             textposition="inside",
                             hovertemplate=C["count_hover"] + "<extra>" + label + "</extra>"))
    fig.update_layout(title=title, barmode="stack", height=max(300, 44 * len(rows) + 140),
                      xaxis_title=C["task_count_axis"])
    return fig


def district_values(rows: pd.DataFrame, name: str, unit: str, target: float | None, title: str,
                    by_status: bool = True) -> go.Figure:
    """Latest value by district, coloured by status (or plain for counts), with the target as a line."""
    if rows.empty:
        return _empty(title, C["no_districts"])
    rows = rows.sort_values("latest_value", ascending=False)
    fig = go.Figure(go.Bar(
        x=rows["district"], y=rows["latest_value"],
        marker_color=[L.STATUS_COLOR[s] for s in rows["status"]] if by_status else T.ACCENT,
        text=[number(v, unit) for v in rows["latest_value"]], textposition="outside", cliponaxis=False,
        customdata=[L.STATUS[s] for s in rows["status"]],
        hovertemplate="%{x}：%{y}<br>%{customdata}<extra></extra>"))
    if target is not None and not math.isnan(target):
        fig.add_hline(y=target, line=dict(color=T.TARGET, dash="dash", width=2),
                      annotation_text=C["target_line"].format(value=number(target, unit)),
                      annotation_position="top left")
    fig.update_layout(title=title, height=400, showlegend=False,
                      yaxis=dict(title=f"{name}（{unit}）" if unit else name), xaxis_title="")
    return fig


def reporting_matrix(matrix: pd.DataFrame, title: str = C["matrix"]) -> go.Figure:
    """Heatmap of report cells: on time, late, revised, missing."""
    if matrix.empty:
        return _empty(title, C["no_reports"])
    order = ["missing", "late", "revised", "on_time"]
    code = {c: i for i, c in enumerate(order)}
    grid = matrix.pivot(index="agency", columns="period", values="cell")
    z = grid.apply(lambda col: col.map(code)).to_numpy()
    text = grid.apply(lambda col: col.map(L.REPORT_CELL)).to_numpy()
    scale = []
    for i, c in enumerate(order):
        scale += [[i / len(order), L.REPORT_CELL_COLOR[c]], [(i + 1) / len(order), L.REPORT_CELL_COLOR[c]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(grid.columns), y=list(grid.index), zmin=-0.5, zmax=len(order) - 0.5, colorscale=scale,
        text=text, hovertemplate="%{y} · %{x}：%{text}<extra></extra>", xgap=2, ygap=2,
        colorbar=dict(tickvals=list(range(len(order))), ticktext=[L.REPORT_CELL[c] for c in order], title="")))
    fig.update_layout(title=title, height=max(360, 26 * len(grid) + 140), xaxis=dict(type="category", side="top"),
                      yaxis=dict(autorange="reversed"), margin=dict(l=16, r=24, t=110, b=16))
    return fig
