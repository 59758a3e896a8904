"""The district map: the shipped boundaries match the catalog, the figure holds the right values, a district
without a value is 未报送, and the figure renders with no network (plotly.js must not fetch its world topojson)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import district_map
from store import catalog
from tests.helpers import ROOT

CHROMIUM = Path("/usr/bin/chromium")
DISTRICTS = [d for d in catalog.DISTRICTS if d != catalog.CITY]


def _choropleths(fig: go.Figure) -> list[go.Choropleth]:
    return [t for t in fig.data if isinstance(t, go.Choropleth)]


def _drawn(fig: go.Figure) -> dict[str, go.Choropleth]:
    """district -> the trace that draws it."""
    return {d: t for t in _choropleths(fig) for d in t.locations}


def test_every_catalog_district_has_exactly_one_feature_and_a_label_point():
    collection = json.loads(district_map.GEOJSON.read_text(encoding="utf-8"))
    names = [f["properties"]["district"] for f in collection["features"]]
    assert sorted(names) == sorted(DISTRICTS) and len(names) == len(set(names))
    assert list(district_map.districts()) == DISTRICTS  # the catalog's order
    for feature in collection["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        assert geometry["type"] == "MultiPolygon" and geometry["coordinates"]
        lons = [x for polygon in geometry["coordinates"] for x, _ in polygon[0]]
        lats = [y for polygon in geometry["coordinates"] for _, y in polygon[0]]
        assert min(lons) <= props["label_lon"] <= max(lons) and min(lats) <= props["label_lat"] <= max(lats)
        assert 113.7 < min(lons) and max(lons) < 115.7 and 22.3 < min(lats) and max(lats) < 23.3  # WGS-84 degrees


def test_the_boundaries_are_a_small_local_file_read_once():
    assert district_map.GEOJSON.is_relative_to(ROOT / "data" / "geo")
    assert district_map.GEOJSON.stat().st_size < 300_000
    assert district_map.boundaries() is district_map.boundaries()


def test_values_land_on_their_districts():
    frame = pd.DataFrame({"district": ["全市", "南山区", "福田区", "深汕特别合作区"], "reach": [90.0, 101.3, 87.5, 58.0]})
    fig = district_map.district_choropleth(frame, "reach", "达成度", unit="%", value_label="达成度")
    main, inset = [t for t in _choropleths(fig) if t.coloraxis == "coloraxis"]
    assert (main.geo, list(main.locations), list(main.z)) == ("geo", ["福田区", "南山区"], [87.5, 101.3])
    assert (inset.geo, list(inset.locations), list(inset.z)) == ("geo2", ["深汕特别合作区"], [58.0])
    assert main.customdata[1] == "<b>南山区</b><br>达成度：101.3%"
    assert main.featureidkey == "properties.district"
    assert {f["properties"]["district"] for f in main.geojson["features"]} == {"福田区", "南山区"}
    colorscale = fig.layout.coloraxis.colorscale
    assert colorscale[0][1] == "#d93025" and colorscale[-1][1] == "#4caf50"  # red (low) -> green (high)
    assert (fig.layout.coloraxis.cmin, fig.layout.coloraxis.cmax) == (58.0, 101.3)
    assert fig.layout.coloraxis.colorbar.title.text == "达成度（%）"
    reversed_scale = district_map.district_choropleth(frame, "reach", "t", higher_is_better=False)
    assert reversed_scale.layout.coloraxis.colorscale[0][1] == "#4caf50"


def test_a_district_absent_or_without_a_value_is_drawn_grey_as_not_reported():
    frame = pd.DataFrame({"district": ["南山区", "罗湖区"], "reach": [95.0, float("nan")]})
    fig = district_map.district_choropleth(frame, "reach", "t")
    drawn = _drawn(fig)
    assert set(drawn) == set(DISTRICTS)  # every district drawn exactly once …
    assert sum(len(t.locations) for t in _choropleths(fig)) == len(DISTRICTS)
    for district in DISTRICTS:
        if district != "南山区":  # … and all but 南山区 as 未报送
            trace = drawn[district]
            assert trace.name == "未报送" and trace.colorscale[0][1] == district_map.NOT_REPORTED_COLOR
            assert "未报送" in trace.customdata[list(trace.locations).index(district)]
    assert sum(1 for t in fig.data if t.name == "未报送" and t.showlegend) == 1
    labels = {text for t in fig.data if isinstance(t, go.Scattergeo) for text in t.text}
    assert "罗湖区<br>未报送" in labels and "南山区<br>95" in labels


def test_status_colouring_uses_the_app_status_colours_and_words():
    from presentation import labels

    frame = pd.DataFrame({"district": ["福田区", "宝安区", "深汕特别合作区"],
                          "status": ["achieved", "off_track", "achieved"]})
    fig = district_map.district_status_map(frame, "status", "状态")
    drawn = _drawn(fig)
    assert drawn["福田区"].colorscale[0][1] == labels.STATUS_COLOR["achieved"]
    assert drawn["宝安区"].colorscale[0][1] == labels.STATUS_COLOR["off_track"]
    assert drawn["福田区"].name == labels.STATUS["achieved"]
    assert sum(1 for t in fig.data if t.name == labels.STATUS["achieved"] and t.showlegend) == 1
    assert drawn["南山区"].name == "未报送"
    with pytest.raises(ValueError, match="without a colour"):
        district_map.district_status_map(pd.DataFrame({"district": ["福田区"], "status": ["bogus"]}), "status", "t")


def test_unknown_or_repeated_districts_are_refused():
    with pytest.raises(ValueError, match="not on the map"):
        district_map.district_choropleth(pd.DataFrame({"district": ["福田"], "v": [1]}), "v", "t")
    with pytest.raises(ValueError, match="one row per district"):
        district_map.district_choropleth(pd.DataFrame({"district": ["福田区", "福田区"], "v": [1, 2]}), "v", "t")


def test_no_tiles_no_base_map_and_each_geo_subplot_starts_with_a_lonlat_trace():
    """plotly.js fetches the world topojson from a CDN when the first trace of a geo subplot has a locationmode
    (every Choropleth has one): the label Scattergeo (lon/lat) must come first in each subplot."""
    fig = district_map.district_choropleth(pd.DataFrame({"district": ["福田区"], "v": [1.0]}), "v", "t")
    for geo in ("geo", "geo2"):
        first = next(t for t in fig.data if (t.geo or "geo") == geo)
        assert isinstance(first, go.Scattergeo) and first.locations is None and first.locationmode is None
        assert fig.layout[geo].visible is False
    assert not any(isinstance(t, (go.Scattermap, go.Choroplethmap, go.Densitymap)) for t in fig.data)


RENDER = """
import sys
import pandas as pd
import plotly.io as pio
from charts import district_map
pio.defaults.topojson = "http://127.0.0.1:9/no-topojson/"  # a fetch would fail at once, network or not
frame = pd.DataFrame({"district": ["南山区", "深汕特别合作区"], "v": [95.0, 60.0]})
district_map.district_choropleth(frame, "v", "t", unit="%").write_image(sys.argv[1], width=600, height=400)
print("ok")
"""


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not installed (make setup)")
def test_the_map_renders_to_png_without_any_download(tmp_path):
    target = tmp_path / "map.png"
    done = subprocess.run([sys.executable, "-c", RENDER, str(target)], cwd=ROOT, capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
