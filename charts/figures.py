"""Plotly figures shared by the pages, the PNG exports and the briefing deck."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from metrics import periods
from metrics import status as metrics_status
from metrics.settings import DEFAULT as METRIC_SETTINGS
from metrics.settings import VERDICTS
from presentation import labels, theme
from presentation.formats import number, number_beside, percent

C = labels.CHARTS


def _empty(title: str, message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font=dict(size=16, color=theme.MUTED), x=0.5, y=0.5,
                       xref="paper", yref="paper")
    fig.update_layout(title=title, xaxis_visible=False, yaxis_visible=False, height=260)
    return fig


def status_counts(groups: list[tuple[str, list[tuple[str, int]]]], title: str = C["status_counts"]) -> go.Figure:
    """Indicators per status in labelled groups (the headline's results and progress), in the status colours.

    Args:
        groups: (group title, [(status, count), …]) in display order, e.g. from presentation.readings.headline_groups().
    """
    shown = [(g, s, n) for g, counts in groups for s, n in counts]
    if not any(n for _, _, n in shown):
        return _empty(title, labels.EMPTY_DB)
    fig = go.Figure(go.Bar(
        x=[[g for g, _, _ in shown], [labels.STATUS[s] for _, s, _ in shown]], y=[n for _, _, n in shown],
        marker_color=[labels.STATUS_COLOR[s] for _, s, _ in shown], text=[labels.COUNT.format(n=n) for _, _, n in shown],
        textposition="outside", cliponaxis=False, hovertemplate=C["status_hover"]))
    fig.update_layout(title=title, yaxis_title=C["indicator_count_axis"], height=420, showlegend=False,
                      yaxis_range=[0, max(n for _, _, n in shown) * 1.25], xaxis_tickangle=0,
                      margin=dict(l=16, r=24, t=64, b=72))
    return fig


# The overview's sparklines: the bars' share of the width, and the band of its row a sparkline fills
BARS_WIDTH = 0.8
SPARK_BAND = 0.62


def progress_bullets(rows: pd.DataFrame, title: str = C["progress"], trends: pd.DataFrame | None = None) -> go.Figure:
    """One bar per indicator: where it will be at its deadline on its recent trend, in percent of the way from
    baseline to target (the number its status grades, so the colour and the bar's length agree), with the
    thresholds of the status rule as lines and a diamond where it stands now.

    Args:
        rows: status rows of open targets joined with name (code, name, unit, status, ratio_r, progress_pct,
            expected_pct, latest_value, projected_value, target_value, target_year, final).
        trends: code, period, value of each indicator's recent quarters (oldest first), drawn as a sparkline
            beside its bar in a column of their own (small multiples: direction, not only position); None: no column.
    """
    rows = rows.assign(_reach=metrics_status.projected_progress(rows))
    rows = rows[rows["_reach"].notna()]
    if rows.empty:
        return _empty(title, C["no_progress"])
    rows = rows.iloc[::-1]
    shown = rows["_reach"].clip(-20, 160)
    row_labels = [C["bullet_label"].format(name=r["name"], year=int(r["target_year"])) for r in rows.to_dict("records")]
    text = [C["bullet_text"].format(reach=reach, projected=number_beside(p, t, u), target=number(t, u)) if pd.notna(p)
            else C["bullet_text_now"].format(reach=reach, value=number_beside(v, t, u), target=number(t, u))
            for reach, p, v, u, t in zip(rows["_reach"], rows["projected_value"], rows["latest_value"], rows["unit"],
                                         rows["target_value"], strict=True)]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        y=row_labels, x=shown, orientation="h", name=C["reach_trace"],
        marker_color=[labels.STATUS_COLOR[s] for s in rows["status"]],
        # the hover says the unclipped value (194%), as the bar's label does, never the axis's 160
        cliponaxis=False, customdata=[[labels.STATUS[s], percent(r)] for s, r in zip(rows["status"], rows["_reach"],
                                                                                     strict=True)],
        hovertemplate=C["reach_hover"]))
    fig.add_trace(go.Scatter(
        y=row_labels, x=rows["progress_pct"].clip(-20, 160), mode="markers", name=C["progress_trace"],
        marker=dict(symbol="diamond", size=11, color="white", line=dict(width=2, color=theme.INK)),
        customdata=[percent(p) for p in rows["progress_pct"]], hovertemplate=C["progress_hover"]))
    # The numbers sit right of the bar's end, or right of 0 for a bar below zero: Plotly's "outside" text of a
    # negative bar lands on the indicator names.
    fig.add_trace(go.Scatter(
        y=row_labels, x=shown.clip(lower=0) + 2, mode="text", text=text, textposition="middle right",
        textfont=dict(size=12, color=theme.MUTED), showlegend=False, hoverinfo="skip", cliponaxis=False))
    # The thresholds of the status rule, as legend entries: a bar right of the green line is 按计划推进, and so on.
    for status, line in (("at_risk", METRIC_SETTINGS.AT_RISK), ("on_track", METRIC_SETTINGS.ON_TRACK)):
        fig.add_trace(go.Scatter(
            x=[line * 100] * 2, y=[row_labels[0], row_labels[-1]], mode="lines", hoverinfo="skip",
            name=C["threshold"].format(status=labels.STATUS[status], value=f"{line * 100:.0f}"),
            line=dict(color=labels.STATUS_COLOR[status], width=1.5, dash="dot")))
    fig.add_vline(x=0, line=dict(color=theme.MUTED, width=1))
    fig.update_layout(title=title, height=max(320, 46 * len(rows) + 140), bargap=0.35,
                      xaxis=dict(title=C["reach_axis"], range=[-20, 230], ticksuffix="%"),
                      # Top right, across from the title: short indicator names must not pull it under the title.
                      legend=dict(x=1, xanchor="right"),
                      margin=dict(l=16, r=24, t=80, b=16))
    if trends is not None and not trends.empty:
        _sparklines(fig, rows, row_labels, trends)
    return fig


def _sparklines(fig: go.Figure, rows: pd.DataFrame, row_labels: list[str], trends: pd.DataFrame) -> None:
    """A column right of the bars with each row's recent values as a line (scaled to its own range within its
    row's band) and its newest point in the row's status colour; the bars keep BARS_WIDTH of the width."""
    xs, ys, hover = [], [], []
    ends_x, ends_y, ends_colour, ends_hover = [], [], [], []
    longest = 1
    for position, (code, unit, status) in enumerate(zip(rows["code"], rows["unit"], rows["status"], strict=True)):
        own = trends[trends["code"] == code]
        if own.empty:
            continue
        values = own["value"].to_numpy(dtype=float)
        low, high = values.min(), values.max()
        scaled = (values - low) / (high - low) - 0.5 if high > low else values * 0.0
        line_y = list(position + scaled * SPARK_BAND)
        words = [f"{row_labels[position]}<br>{p}：{number(v, unit)}" for p, v in zip(own["period"], values, strict=True)]
        xs += list(range(len(values))) + [None]
        ys += line_y + [None]
        hover += words + [""]
        ends_x.append(len(values) - 1)
        ends_y.append(line_y[-1])
        ends_colour.append(labels.STATUS_COLOR[status])
        ends_hover.append(words[-1])
        longest = max(longest, len(values))
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", xaxis="x2", yaxis="y2", showlegend=False,
                             line=dict(color=theme.INK, width=1.6), customdata=hover, connectgaps=False,
                             hovertemplate="%{customdata}<extra></extra>"))
    fig.add_trace(go.Scatter(x=ends_x, y=ends_y, mode="markers", xaxis="x2", yaxis="y2", showlegend=False,
                             marker=dict(size=8, color=ends_colour), customdata=ends_hover,
                             hovertemplate="%{customdata}<extra></extra>"))
    n = len(row_labels)
    gap = 0.03
    fig.update_layout(
        xaxis=dict(domain=[0, BARS_WIDTH - gap]),
        xaxis2=dict(domain=[BARS_WIDTH, 1], anchor="y2", range=[-0.5, longest - 0.5], visible=False),
        yaxis=dict(range=[-0.5, n - 0.5]),
        yaxis2=dict(anchor="x2", range=[-0.5, n - 0.5], visible=False),
        legend=dict(x=BARS_WIDTH - gap, xanchor="right"))
    fig.add_annotation(text=C["trend_title"].format(n=longest), x=(BARS_WIDTH + 1) / 2, xref="paper", xanchor="center",
                       y=1, yref="paper", yanchor="bottom", showarrow=False, font=dict(size=12, color=theme.MUTED))


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
        return _empty(title, labels.NO_DATA_FOR_INDICATOR)
    series = series.sort_values("period")
    targets = status_rows.dropna(subset=["target_year"])
    deadlines = [periods.year_end(int(y)) for y in targets["target_year"]]
    last = max([series["period"].iloc[-1]] + deadlines)
    fig = go.Figure()
    # Hovers print values as the page does (formats: the unit's precision, more digits beside a target they would
    # otherwise read like), from customdata: Plotly's own %{y} shows 254.2738 or, with a fixed format, 254.27 家.
    goals = [float(t) for t in targets["target_value"].dropna()]

    def shown(value) -> str:
        return max((number_beside(value, goal, unit) for goal in goals), key=len, default=number(value, unit))

    fig.add_trace(go.Scatter(
        x=series["period"], y=series["value"], mode="lines+markers", name=C["actual"],
        line=dict(color=theme.ACCENT, width=3), marker=dict(size=8), customdata=[shown(v) for v in series["value"]],
        hovertemplate="%{x}：%{customdata}<extra>" + C["actual"] + "</extra>"))
    for _, row in targets.iterrows():
        year = int(row["target_year"])
        deadline = periods.year_end(year)
        base_p, base_v = row.get("baseline_period"), row.get("baseline_value")
        if pd.notna(row["target_value"]):
            fig.add_trace(go.Scatter(
                x=[series["period"].iloc[0], deadline], y=[row["target_value"]] * 2, mode="lines",
                name=C["target_named"].format(year=year, value=number(row["target_value"], unit)),
                line=dict(color=theme.TARGET, width=2, dash="dash"),
                hovertemplate=C["target"].format(year=year) + "：" + number(row["target_value"], unit)
                + "<extra></extra>"))
            if isinstance(base_p, str) and pd.notna(base_v):
                fig.add_trace(go.Scatter(
                    x=[base_p, deadline], y=[base_v, row["target_value"]], mode="lines",
                    name=C["trajectory"].format(year=year), line=dict(color=theme.TRAJECTORY, width=1.5, dash="dot"),
                    hoverinfo="skip"))
        if pd.notna(row.get("projected_value")) and row.get("judged") and not row.get("final"):
            xs, ys = _projection_path(row, deadline)
            bound = row.get("projection_bound")
            fig.add_trace(go.Scatter(
                x=xs, y=ys, mode="lines+markers",
                name=C["projection"].format(year=year, value=number(row["projected_value"], unit),
                                            note=C["projection_bound"][bound] if isinstance(bound, str) else ""),
                line=dict(color=theme.PROJECTION, width=2.5, dash="dash"), marker=dict(size=[0] * (len(xs) - 1) + [10]),
                customdata=[shown(ys[0])] + [number(v, unit) for v in ys[1:]],
                hovertemplate=C["projection_hover"] + "<extra></extra>"))
    if revisions is not None and not revisions.empty:
        fig.add_trace(go.Scatter(
            x=revisions["period"], y=revisions["new_value"], mode="markers", name=C["revised"],
            marker=dict(size=16, symbol="circle-open", line=dict(width=2.5, color="#8e24aa")),
            customdata=[[number(old, unit), shown(new)]
                        for old, new in zip(revisions["old_value"], revisions["new_value"], strict=True)],
            hovertemplate=C["revised_hover"] + "<extra></extra>"))
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


def _projection_path(row, deadline: str) -> tuple[list[str], list[float]]:
    """The projection from the latest value to the deadline; where a bound held it, the trend runs to the bound
    at its slope and stays there, so the line never leaves the indicator's range."""
    start, value, end = row["latest_period"], float(row["latest_value"]), float(row["projected_value"])
    slope = row.get("recent_rate")
    if not isinstance(row.get("projection_bound"), str) or not slope or pd.isna(slope) or end == value:
        return [start, deadline], [value, end]
    first, last = periods.index(start), periods.index(deadline)
    reach = first + max(1, min(last - first, math.ceil((end - value) / slope)))
    if reach >= last or (end - value) / slope <= 0:
        return [start, deadline], [value, end]
    return [start, periods.from_index(reach), deadline], [value, end, end]


def sector_status(rollup: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Stacked horizontal bars: indicators per status for each group (sector or agency)."""
    if rollup.empty:
        return _empty(title, C["no_indicators"])
    rows = rollup.iloc[::-1]
    fig = go.Figure()
    for status in reversed(VERDICTS):
        if rows[status].sum() == 0:
            continue
        fig.add_trace(go.Bar(y=rows[by], x=rows[status], orientation="h", name=labels.STATUS[status],
                             marker_color=labels.STATUS_COLOR[status], text=rows[status].where(rows[status] > 0, ""),
                             textposition="inside",
                             hovertemplate=C["count_hover"] + "<extra>" + labels.STATUS[status] + "</extra>"))
    fig.update_layout(title=title, barmode="stack", height=max(300, 44 * len(rows) + 140),
                      xaxis=dict(title=C["indicator_count_axis"], dtick=1), legend_traceorder="reversed")
    return fig


def task_progress(progress: pd.DataFrame, by: str, title: str) -> go.Figure:
    """Stacked bars of task states (done, in progress, lagging, not started, never reported) per group, and a
    purple mark right of a bar with the overdue tasks (逾期未报) it holds: overdue is not a state of its own (an
    overdue task is also in progress, lagging …), so it is counted beside the bar, never as a segment.

    Only the states that occur are in the legend: each entry is drawn somewhere.
    """
    if progress.empty:
        return _empty(title, C["no_tasks"])
    rows = progress.iloc[::-1]
    state = labels.TASK_STATE
    parts = [("n_done", state["done"]), ("n_in_progress", state["in_progress"]), ("n_lagging", state["lagging"]),
             ("n_not_started", state["not_started"]), ("n_unreported", state["never_reported"])]
    fig = go.Figure()
    for col, label in parts:
        if col not in rows or not rows[col].fillna(0).any():
            continue
        fig.add_trace(go.Bar(y=rows[by], x=rows[col], orientation="h", name=label,
                             marker_color=labels.TASK_STATUS_COLOR[label], text=rows[col].where(rows[col] > 0, ""),
                             textposition="inside",
                             hovertemplate=C["count_hover"] + "<extra>" + label + "</extra>"))
    if "n_overdue" in rows and rows["n_overdue"].fillna(0).any():
        late = rows[rows["n_overdue"].fillna(0) > 0]
        fig.add_trace(go.Scatter(
            y=late[by], x=late["n_tasks"] + float(rows["n_tasks"].max()) * 0.03, mode="markers+text",
            name=C["overdue_marker"],
            marker=dict(symbol="diamond", size=12, color=labels.TASK_STATUS_COLOR[state["overdue"]]),
            text=[C["overdue_text"].format(n=int(n)) for n in late["n_overdue"]], textposition="middle right",
            textfont=dict(size=12, color=labels.TASK_STATUS_COLOR[state["overdue"]]), cliponaxis=False,
            customdata=late["n_overdue"].astype(int), hovertemplate=C["overdue_hover"]))
        fig.update_xaxes(range=[0, float(rows["n_tasks"].max()) * 1.3])
    fig.update_layout(title=title, barmode="stack", height=max(300, 44 * len(rows) + 140),
                      xaxis_title=C["task_count_axis"])
    return fig


def district_values(rows: pd.DataFrame, name: str, unit: str, title: str,
                    shares: dict[str, float] | None = None, as_of: str | None = None) -> go.Figure:
    """Latest value by district: a judged district in its status colour against its own target (a tick), a
    district without its own target in the plain value colour, never against the city's target.

    Args:
        rows: status rows of one code, one per district (district, latest_value, status, target_value).
        shares: district -> share of the city total in percent (counts), shown beside each value.
        as_of: the as-of period; a district whose latest_period is older says which quarter its value is of.
    """
    if rows.empty:
        return _empty(title, C["no_districts"])
    rows = rows.sort_values("latest_value", ascending=False)
    shares = shares or {}
    # a judged district's value beside its own target as the page prints it (99.96%, not 100%)
    values = [number_beside(v, t if s in VERDICTS else None, unit)
              for v, t, s in zip(rows["latest_value"], rows["target_value"], rows["status"], strict=True)]
    # a district whose newest value is older than the as-of period says its quarter (as the map does)
    stale = [C["bar_stale"].format(period=p) if as_of and isinstance(p, str) and p != as_of else ""
             for p in (rows["latest_period"] if "latest_period" in rows else [None] * len(rows))]
    text = [value + (C["share"].format(share=percent(shares[d])) if d in shares else "") + old
            for d, value, old in zip(rows["district"], values, stale, strict=True)]
    fig = go.Figure(go.Bar(
        x=rows["district"], y=rows["latest_value"],
        marker_color=[labels.STATUS_COLOR[s] if s in VERDICTS else theme.ACCENT for s in rows["status"]],
        # constraintext off: Plotly shrinks outside text to the bar's width, unreadably small with 11 districts
        text=text, textposition="outside", cliponaxis=False, constraintext="none", textfont=dict(size=12),
        customdata=[[value + old, labels.STATUS[s]] for value, old, s in zip(values, stale, rows["status"], strict=True)],
        hovertemplate="%{x}：%{customdata[0]}<br>%{customdata[1]}<extra></extra>"))
    own = rows[rows["status"].isin(VERDICTS) & rows["target_value"].notna()]
    if not own.empty:
        fig.add_trace(go.Scatter(
            x=own["district"], y=own["target_value"], mode="markers", name=C["district_target"],
            marker=dict(symbol="line-ew", size=30, line=dict(width=3, color=theme.TARGET)),
            customdata=[number(t, unit) for t in own["target_value"]],
            hovertemplate="%{x}：" + C["district_target"] + " %{customdata}<extra></extra>"))
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
    text = grid.apply(lambda col: col.map(labels.REPORT_CELL)).to_numpy()
    scale = []
    for i, c in enumerate(order):
        scale += [[i / len(order), labels.REPORT_CELL_COLOR[c]], [(i + 1) / len(order), labels.REPORT_CELL_COLOR[c]]]
    fig = go.Figure(go.Heatmap(
        z=z, x=list(grid.columns), y=list(grid.index), zmin=-0.5, zmax=len(order) - 0.5, colorscale=scale,
        text=text, hovertemplate="%{y} · %{x}：%{text}<extra></extra>", xgap=2, ygap=2,
        colorbar=dict(tickvals=list(range(len(order))), ticktext=[labels.REPORT_CELL[c] for c in order], title="")))
    fig.update_layout(title=title, height=max(360, 26 * len(grid) + 140), xaxis=dict(type="category", side="top"),
                      yaxis=dict(autorange="reversed"), margin=dict(l=16, r=24, t=110, b=16))
    return fig
