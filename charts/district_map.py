"""A map of Shenzhen's districts (大鹏新区 and 深汕特别合作区 included), drawn by Plotly offline.

The boundaries are shipped in data/geo/shenzhen_districts.geojson (built by scripts/make_district_geojson.py; how
each boundary was obtained is in data/geo/README.md). The figure uses no tiles, no base map and no network:

* the geo subplots are invisible (`visible=False`): only the shipped polygons are drawn;
* plotly.js fetches its world topojson from a CDN for any geo subplot whose FIRST trace has a `locationmode` — every
  Choropleth has one, `geojson-id` — even with the base map hidden. So the first trace of each subplot is the
  Scattergeo of the district labels (longitude/latitude, no locationmode), and the choropleths follow. This holds
  for the plotly.js of plotly.py (kaleido's PNGs) and of Streamlit alike; tests/test_district_map.py checks the
  order and renders a PNG without network.

深汕特别合作区 lies ~60 km east of the city: it gets an inset (a second geo subplot, top right), so the city stays large.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from metrics.settings import CITY
from presentation import labels, theme
from presentation.formats import number

GEOJSON = Path(__file__).resolve().parent.parent / "data" / "geo" / "shenzhen_districts.geojson"
# CITY: the catalog's city-wide row, not a polygon, ignored by the map
NOT_REPORTED_COLOR = "#d5d9df"  # lighter than the status grey: a district without a value is not a status

# The map's words (presentation.labels.CHARTS' map_* entries).
TEXT = {key: labels.CHARTS[f"map_{key}"] for key in ("caption", "inset", "status", "not_reported")}
NOT_REPORTED = TEXT["not_reported"]
# A scale for values without a verdict (no district target): light to dark blue, never red or green.
VALUE_SCALE = [[0.0, "#dbe8f6"], [1.0, "#1f5fa8"]]

# red -> amber -> green, the app's status colours (off track, at risk, on track)
REACH_SCALE = ((0.0, labels.STATUS_COLOR["off_track"]), (0.5, labels.STATUS_COLOR["at_risk"]),
               (1.0, labels.STATUS_COLOR["on_track"]))

_MAIN_DOMAIN = dict(x=[0.0, 0.78], y=[0.06, 1.0])
_INSET_DOMAIN = dict(x=[0.81, 1.0], y=[0.50, 0.90])
# a halo on four sides: one soft shadow vanished on the darkest fills
_LABEL_FONT = dict(family=theme.FONT_FAMILY, size=13, color=theme.INK,
                   shadow="1px 1px 2px white, -1px -1px 2px white, 1px -1px 2px white, -1px 1px 2px white")


@functools.cache
def boundaries() -> dict:
    """The shipped FeatureCollection (read once per process; treat it as read-only)."""
    return json.loads(GEOJSON.read_text(encoding="utf-8"))


@functools.cache
def districts() -> tuple[str, ...]:
    """The districts the map draws, in the file's (the catalog's) order."""
    return tuple(f["properties"]["district"] for f in boundaries()["features"])


@functools.cache
def _collection(names: tuple[str, ...]) -> dict:
    """The features of these districts only: each trace carries its own polygons, so a figure (and its JSON in the
    browser) holds every polygon once, however many traces it has."""
    wanted = set(names)
    return {"type": "FeatureCollection",
            "features": [f for f in boundaries()["features"] if f["properties"]["district"] in wanted]}


@functools.cache
def _bounds(geo: str) -> tuple[list[float], list[float]]:
    """Longitude and latitude ranges of a subplot's districts, padded by 3%: the map fills its domain (fitbounds
    leaves wide margins around a region this small)."""
    lons, lats = [], []
    for feature in boundaries()["features"]:
        if _subplot(feature["properties"]["district"]) == geo:
            for polygon in feature["geometry"]["coordinates"]:
                lons += [x for x, _ in polygon[0]]
                lats += [y for _, y in polygon[0]]
    pad_x, pad_y = (max(lons) - min(lons)) * 0.03, (max(lats) - min(lats)) * 0.03
    return [min(lons) - pad_x, max(lons) + pad_x], [min(lats) - pad_y, max(lats) + pad_y]


@functools.cache
def _label_points() -> dict[str, tuple[float, float]]:
    return {f["properties"]["district"]: (f["properties"]["label_lon"], f["properties"]["label_lat"])
            for f in boundaries()["features"]}


def reach_colorscale(higher_is_better: bool = True) -> list[list]:
    """Plotly colour scale red (bad) -> amber -> green (good); reversed when lower values are better."""
    scale = [[pos, colour] for pos, colour in REACH_SCALE]
    if not higher_is_better:
        scale = [[1.0 - pos, colour] for pos, colour in reversed(scale)]
    return scale


def _values(frame: pd.DataFrame, value: str) -> dict[str, object]:
    if "district" not in frame.columns or value not in frame.columns:
        raise KeyError(f"district_choropleth needs the columns 'district' and {value!r}")
    rows = frame[frame["district"] != CITY]
    unknown = sorted(set(rows["district"]) - set(districts()))
    if unknown:
        raise ValueError(f"districts not on the map: {unknown}")
    if rows["district"].duplicated().any():
        raise ValueError("one row per district expected")
    return {d: v for d, v in zip(rows["district"], rows[value], strict=True)
            if not (v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA)}


@functools.cache
def inset() -> str:
    """The district drawn in the inset: the easternmost (深汕特别合作区, ~60 km east of the city)."""
    return max(boundaries()["features"], key=lambda f: f["properties"]["label_lon"])["properties"]["district"]


def _subplot(district: str) -> str:
    return "geo2" if district == inset() else "geo"


def _label_trace(names: list[str], text: list[str], geo: str) -> go.Scattergeo:
    points = _label_points()
    return go.Scattergeo(
        lon=[points[n][0] for n in names], lat=[points[n][1] for n in names], text=text, mode="text",
        textfont=_LABEL_FONT, hoverinfo="skip", showlegend=False, geo=geo, name="labels")


def _constant(names: list[str], colour: str, hover: list[str], name: str, geo: str, legend: bool) -> go.Choropleth:
    """Polygons in one colour (a category, or 未报送)."""
    return go.Choropleth(
        geojson=_collection(tuple(names)), featureidkey="properties.district", locations=names, z=[0] * len(names),
        colorscale=[[0, colour], [1, colour]], showscale=False, customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", marker_line=dict(color="white", width=1.2),
        name=name, legendgroup=name, showlegend=legend, geo=geo)


def district_choropleth(frame: pd.DataFrame, value: str, title: str, *, unit: str = "",
                        value_label: str | None = None, higher_is_better: bool = True,
                        zmin: float | None = None, zmax: float | None = None,
                        colors: Mapping[str, str] | None = None, category_labels: Mapping[str, str] | None = None,
                        detail: str | None = None, show_values: bool = True, caption: str | None = None,
                        height: int = 620, colorscale: list | None = None) -> go.Figure:
    """Shenzhen's districts coloured by `frame[value]` (one row per district; 全市 is ignored).

    Args:
        frame: a `district` column with the catalog's names (store.catalog.DISTRICTS) and the `value` column.
            A district absent from the frame, or with a missing value, is drawn grey as 未报送.
        value: the column to colour by: numbers (continuous scale) or, with `colors`, category keys.
        title: the figure's title.
        unit: the indicator's unit, for hover, labels and the colour bar ('%' -> '95.1%').
        value_label: the value's name in hover and on the colour bar (default: `value`).
        higher_is_better: continuous scale red -> amber -> green upwards (False: downwards).
        zmin, zmax: the colour scale's ends (default: the values' range).
        colors: categorical colouring: category key -> colour, in legend order; e.g. presentation.labels'
            STATUS_COLOR (with category_labels=labels.STATUS) or TASK_STATUS_COLOR. A key outside it is an error.
        category_labels: category key -> words for legend, hover and labels (default: the key itself).
        detail: optional column of extra hover text (a line under the value).
        show_values: print each district's value under its name (for PNGs and slides, where there is no hover).
        caption: the note under the map (default: the 示意图 note on the boundaries' sources).
        height: figure height in px (the width follows the container; 1200 x 800 for slides).
        colorscale: the continuous scale instead of red -> amber -> green, e.g. VALUE_SCALE for values that are
            not judged against any target (a colour must not read as a verdict).
    """
    values = _values(frame, value)
    details = {}
    if detail is not None:
        details = {d: t for d, t in zip(frame["district"], frame[detail], strict=True) if isinstance(t, str) and t}
    name = value_label or value
    if colors is not None:
        unknown = sorted({str(v) for v in values.values()} - set(colors))
        if unknown:
            raise ValueError(f"values without a colour: {unknown}")
        words = {k: (category_labels or {}).get(k, k) for k in colors}
        shown = {d: words[v] for d, v in values.items()}
    else:
        shown = {d: number(v, unit) for d, v in values.items()}

    def hover(d: str) -> str:
        line = f"{name}：{shown[d]}" if d in values else TEXT["not_reported"]
        extra = f"<br>{details[d]}" if d in details else ""
        return f"<b>{d}</b><br>{line}{extra}"

    def label(d: str) -> str:
        if not show_values:
            return d
        return f"{d}<br>{shown[d]}" if d in values else f"{d}<br>{TEXT['not_reported']}"

    fig = go.Figure()
    for geo in ("geo", "geo2"):  # the label trace first: see the module's docstring (no topojson fetch)
        names = [d for d in districts() if _subplot(d) == geo]
        fig.add_trace(_label_trace(names, [label(d) for d in names], geo))

    legend_done: set[str] = set()
    if colors is not None:
        for key, colour in colors.items():
            for geo in ("geo", "geo2"):
                names = [d for d in districts() if _subplot(d) == geo and d in values and str(values[d]) == key]
                if names:
                    fig.add_trace(_constant(names, colour, [hover(d) for d in names], words[key], geo,
                                            legend=words[key] not in legend_done))
                    legend_done.add(words[key])
    else:
        numbers = [float(v) for v in values.values()]
        low = zmin if zmin is not None else (min(numbers) if numbers else 0.0)
        high = zmax if zmax is not None else (max(numbers) if numbers else 1.0)
        if high <= low:
            low, high = low - 1.0, high + 1.0
        for geo in ("geo", "geo2"):
            names = [d for d in districts() if _subplot(d) == geo and d in values]
            if names:
                fig.add_trace(go.Choropleth(
                    geojson=_collection(tuple(names)), featureidkey="properties.district", locations=names,
                    z=[float(values[d]) for d in names], coloraxis="coloraxis", customdata=[hover(d) for d in names],
                    hovertemplate="%{customdata}<extra></extra>", marker_line=dict(color="white", width=1.2),
                    name=name, showlegend=False, geo=geo))
        bar_title = f"{name}（{unit}）" if unit else name
        fig.update_layout(coloraxis=dict(
            colorscale=colorscale or reach_colorscale(higher_is_better), cmin=low, cmax=high,
            colorbar=dict(title=dict(text=bar_title, side="top", font=dict(size=13)), orientation="v",
                          x=1.0, xanchor="right", y=0.06, yanchor="bottom", len=0.38, thickness=14,
                          tickfont=dict(size=12), outlinewidth=0)))

    for geo in ("geo", "geo2"):
        missing = [d for d in districts() if _subplot(d) == geo and d not in values]
        if missing:
            fig.add_trace(_constant(missing, NOT_REPORTED_COLOR, [hover(d) for d in missing],
                                    TEXT["not_reported"], geo, legend=TEXT["not_reported"] not in legend_done))
            legend_done.add(TEXT["not_reported"])

    geo_style = dict(visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    ranges = {geo: dict(zip(("lonaxis_range", "lataxis_range"), _bounds(geo), strict=True)) for geo in ("geo", "geo2")}
    fig.update_layout(
        title=title, height=height, margin=dict(l=16, r=16, t=72, b=28),
        geo=dict(domain=_MAIN_DOMAIN, **ranges["geo"], **geo_style),
        geo2=dict(domain=_INSET_DOMAIN, **ranges["geo2"], **geo_style),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0.0),
        dragmode=False,
        shapes=[dict(type="rect", xref="paper", yref="paper", x0=_INSET_DOMAIN["x"][0] - 0.005,
                     x1=_INSET_DOMAIN["x"][1], y0=_INSET_DOMAIN["y"][0] - 0.01, y1=_INSET_DOMAIN["y"][1] + 0.08,
                     line=dict(color="#c4cad3", width=1, dash="dot"))],
        annotations=[
            dict(text=TEXT["inset"], xref="paper", yref="paper", x=sum(_INSET_DOMAIN["x"]) / 2,
                 y=_INSET_DOMAIN["y"][1] + 0.075, xanchor="center", yanchor="top", showarrow=False,
                 font=dict(size=12, color=theme.MUTED)),
            dict(text=caption if caption is not None else TEXT["caption"], xref="paper", yref="paper", x=0.0, y=0.0,
                 xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=11, color=theme.MUTED)),
        ])
    return fig


def district_status_map(frame: pd.DataFrame, status: str, title: str, **options) -> go.Figure:
    """Districts coloured by an indicator status key (metrics' statuses), in the app's status colours and words."""
    return district_choropleth(frame, status, title, value_label=TEXT["status"], colors=labels.STATUS_COLOR,
                               category_labels=labels.STATUS, **options)
