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
