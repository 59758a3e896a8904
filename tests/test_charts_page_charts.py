"""The chart ZIP and the deck draw the figures the pages draw: one builder per chart (charts.page_charts)."""

from __future__ import annotations

import json

import pytest

from reports import content, images
from store import db as store_db
from tests.helpers import open_app

PAGES = {"overview": "pages/overview.py", "sectors": "pages/sectors.py", "agencies": "pages/agencies.py"}


def _traces(spec: dict) -> list[dict]:
    """A figure's traces as JSON, without what the browser adds (uid) or the page's theme sets."""
    return [{k: v for k, v in trace.items() if k != "uid"} for trace in spec["data"]]


@pytest.mark.parametrize("page", list(PAGES))
def test_the_zip_holds_the_figures_the_page_draws(sample_db, monkeypatch, page):
    at = open_app(sample_db, monkeypatch, PAGES[page])
    shown = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    with store_db.connect(sample_db) as con:
        brief = content.collect(con, "2026Q3")
    exported = [json.loads(fig.to_json()) for fig in images.page_figures(brief, page).values()]
    assert len(shown) == len(exported) > 0
    for on_screen, in_zip in zip(shown, exported, strict=True):
        assert _traces(on_screen) == _traces(in_zip)
        assert on_screen["layout"]["title"]["text"] == in_zip["layout"]["title"]["text"]


def test_each_overview_bar_has_its_last_eight_quarters_as_a_sparkline(sample_db):
    """Issue 17's small multiples: beside each indicator's bar, its recent values as a line ending in its status."""
    from charts import page_charts
    from presentation import labels

    with store_db.connect(sample_db) as con:
        brief = content.collect(con, "2026Q3")
    fig = page_charts.overview(brief.data)["overview_progress"]
    lines, ends = [t for t in fig.data if t.xaxis == "x2"]
    segments, run = [], 0  # a None in x ends one indicator's line
    for x in [*lines.x, None]:
        if x is None:
            segments, run = segments + [run] * (run > 0), 0
        else:
            run += 1
    bars = next(t for t in fig.data if t.type == "bar")
    assert len(segments) == len(ends.x) == len(bars.y) > 0  # one sparkline per bar
    assert all(1 < n <= 8 for n in segments)  # up to 8 quarters each
    assert set(ends.marker.color) <= set(labels.STATUS_COLOR.values())
    assert all("2026Q3" in h for h in ends.customdata)  # each line ends at the as-of quarter


def test_the_zip_holds_a_district_map_of_each_indicator_reported_by_district(sample_db):
    with store_db.connect(sample_db) as con:
        brief = content.collect(con, "2026Q3")
    figs = images.page_figures(brief, "indicator")
    maps = {name: fig for name, fig in figs.items() if any(t.type == "choropleth" for t in fig.data)}
    by_district = set(brief.data.indicators.loc[brief.data.indicators["by_district"].astype(bool), "code"])
    reported = set(brief.data.status.loc[(brief.data.status["district"] != "全市")
                                         & brief.data.status["latest_value"].notna(), "code"])
    assert {name.split("_分区地图")[0] for name in maps} == by_district & reported != set()
    drawn = {d for fig in maps.values() for t in fig.data if t.type == "choropleth" for d in t.locations}
    assert {"大鹏新区", "深汕特别合作区"} <= drawn
