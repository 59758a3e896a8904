"""Phones: which browser is one, and a Plotly figure laid out again for a 390-pixel screen."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from presentation import labels, theme

# Characters of a title line on a phone (a CJK character is about 16 px at the phone's title size)
TITLE_LINE = 20
# Pixel height of one horizontal bar's row on a phone: the name above, the bar below
BAR_ROW = 64
# What the per-bar text keeps on a phone: its part before this separator (the percentage)
TEXT_SEPARATOR = " · "
# About this many labels on a phone's time axis
TICKS = 5
# Vertical bars: beyond this many, the text over each bar (a value, a share) would run into its neighbours' on a
# phone and goes (the axis and a tap's hover give the values)
COLUMN_TEXT = 8
# Legend: pixels of one row; names up to this many characters stand two to a row
LEGEND_ROW = 22
LEGEND_SHORT = 8


def is_phone(user_agent: str | None = None) -> bool:
    """True for a phone's browser ("Mobi" in its User-Agent, as MDN advises), False for tablets and desktops.

    CSS reflows the page at any narrow width; this only picks the figures' phone layout, which CSS cannot do.
    """
    if user_agent is None:
        try:
            user_agent = st.context.headers.get("User-Agent", "")
        except Exception:  # noqa: BLE001 - no browser (AppTest, bare mode): not a phone
            return False
    return "Mobi" in user_agent and "iPad" not in user_agent


def _wrap(text: str, width: int = TITLE_LINE) -> str:
    """A long title over lines of at most `width` characters, broken after '：' or before '（' where possible."""
    if len(text) <= width:
        return text
    for mark, after in (("：", 1), ("（", 0)):
        cut = text.find(mark, 4)
        if 0 < cut + after <= width:
            return text[:cut + after] + "<br>" + _wrap(text[cut + after:], width)
    return text[:width] + "<br>" + _wrap(text[width:], width)


def _categories(trace) -> list:
    return list(dict.fromkeys(trace.y)) if trace.y is not None else []


def _names_above_bars(fig: go.Figure) -> None:
    """Horizontal bars: each category's name on a line of its own above its bar, the axis labels hidden."""
    bars = [t for t in fig.data if t.type == "bar" and t.orientation == "h"]
    if not bars or not all(isinstance(y, str) for y in _categories(bars[0])):
        return
    names = _categories(bars[0])
    fig.update_yaxes(showticklabels=False)
    margin_top, margin_bottom = 110, 90
    fig.update_layout(height=BAR_ROW * len(names) + margin_top + margin_bottom, bargap=0.5,
                      margin=dict(l=8, r=8, t=margin_top, b=margin_bottom))
    for name in names:
        fig.add_annotation(text=name, x=0, xref="paper", xanchor="left", y=name, yref="y", yanchor="middle",
                           yshift=BAR_ROW * 0.38, showarrow=False, font=dict(size=13, color=theme.INK),
                           bgcolor="rgba(255,255,255,0.85)")
    for trace in fig.data:  # per-bar text keeps its percentage: the rest would run off a phone's screen
        if trace.type == "scatter" and trace.mode == "text" and trace.text is not None:
            trace.text = [str(t).split(TEXT_SEPARATOR)[0].strip() for t in trace.text]


def fit(fig: go.Figure) -> go.Figure:
    """A copy of `fig` for a phone: title wrapped, legend below the plot, fewer ticks, horizontal bars with their
    names above them, bar text that does not fit hidden (the text over more than COLUMN_TEXT vertical bars too)."""
    fig = go.Figure(fig)
    title = fig.layout.title.text
    if title:
        fig.update_layout(title=dict(text=_wrap(title), font=dict(size=16)))
    fig.update_layout(uniformtext=dict(minsize=10, mode="hide"), font=dict(size=13),
                      margin=dict(l=8, r=8, t=90 if title and "<br>" in fig.layout.title.text else 64))
    periods = fig.layout.xaxis.categoryarray
    if fig.layout.xaxis.nticks and periods:  # a time axis with chosen ticks: about five on a phone
        fig.update_xaxes(tickmode="array", tickvals=list(periods)[::-(-len(periods) // TICKS)], tickangle=0)
    fig.update_xaxes(title_font=dict(size=12))
    fig.update_yaxes(title_font=dict(size=12))
    columns = [t for t in fig.data if t.type == "bar" and t.orientation != "h" and t.x is not None]
    if columns and (len(columns[0].x) > 5 or not isinstance(columns[0].x[0], str)):  # many, or grouped, columns
        fig.update_xaxes(tickangle=-90)
    for trace in columns:
        if len(trace.x) > COLUMN_TEXT and trace.text is not None:
            trace.text = None
    _names_above_bars(fig)
    _legend_below(fig)
    if any(t.type == "choropleth" for t in fig.data):  # charts.district_map: a city map and an inset
        _map_stacked(fig)
    return fig


def _map_stacked(fig: go.Figure) -> None:
    """The district map (charts.district_map) for a phone: the city across the width, 深汕's inset and the colour bar
    under it, district names only (values on tap), the notes wrapped under the figure."""
    fig.layout.shapes = []  # the inset's frame
    fig.update_layout(height=600, margin=dict(b=96),
                      geo=dict(domain=dict(x=[0.0, 1.0], y=[0.34, 1.0])),
                      geo2=dict(domain=dict(x=[0.0, 0.34], y=[0.04, 0.30])))
    notes = [a for a in fig.layout.annotations if a.y == 0]  # the caption; the inset's title goes
    for note in notes:
        note.update(text="<br>".join(_wrap(line, 26) for line in str(note.text).split("<br>")), font_size=9,
                    align="left", yanchor="top", yshift=-4)
    fig.layout.annotations = notes
    for trace in fig.data:
        if trace.type == "scattergeo" and trace.text is not None:
            trace.text = [str(t).split("<br>")[0] for t in trace.text]
            trace.textfont.size = 9
    if fig.layout.coloraxis.colorbar.orientation:
        fig.layout.coloraxis.colorbar.update(orientation="h", x=0.68, xanchor="center", y=0.12, yanchor="middle",
                                             len=0.55, thickness=10)


def _legend_below(fig: go.Figure) -> None:
    """The legend under everything (axis titles included), the figure taller by its rows."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    if len(names) < 2 or fig.layout.showlegend is False:
        return
    per_row = 2 if max(len(n) for n in names) <= LEGEND_SHORT else 1
    rows = -(-len(names) // per_row)
    extra = rows * LEGEND_ROW + 8
    height = fig.layout.height or 450
    bottom = fig.layout.margin.b if fig.layout.margin.b is not None else 16
    fig.update_layout(height=height + extra, margin=dict(b=bottom + extra),
                      legend=dict(orientation="h", x=0, xanchor="left", y=0, yanchor="bottom", yref="container",
                                  font=dict(size=12), entrywidth=0.5 if per_row == 2 else 1, entrywidthmode="fraction"))


def filter_box():
    """Where a page draws its filters: under a closed expander on a phone (a screenful of fields before the table
    otherwise), in the page itself elsewhere."""
    return st.expander(labels.PHONE["filters"]) if is_phone() else st.container()
