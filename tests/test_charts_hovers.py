"""Chart hovers say what the page says: values with their unit's precision (never Plotly's 254.27 beside the page's
254 家) and the unclipped values behind bars the axis clips. Literal frames, no database."""

from __future__ import annotations

import math

import pandas as pd

from charts import figures

NAN = math.nan


def _status(**over) -> dict:
    base = {"code": "A", "name": "累计创建绿色制造示范单位数", "district": "全市", "unit": "家", "status": "on_track",
            "final": False, "judged": True, "target_year": 2030, "target_value": 220.0, "latest_period": "2026Q3",
            "latest_value": 161.0, "judged_period": "2026Q3", "judged_value": 161.0, "gap": 59.0,
            "progress_pct": 57.25, "expected_pct": 45.16, "lag_pp": -12.09, "ratio_r": 1.3, "projected_value": 254.2738,
            "projection_bound": None, "recent_rate": 5.4524, "baseline_value": 100.0, "baseline_period": "2023Q1"}
    return {**base, **over}


def test_the_projection_hover_prints_the_units_precision_not_two_decimals():
    series = pd.DataFrame({"period": ["2026Q1", "2026Q2", "2026Q3"], "value": [150.4, 155.0, 161.0]})
    revisions = pd.DataFrame({"period": ["2026Q2"], "old_value": [152.26], "new_value": [155.0]})
    fig = figures.indicator_series("x", "家", series, pd.DataFrame([_status()]), revisions)
    traces = {t.name.split("（")[0]: t for t in fig.data}
    projection = traces["按近期趋势预计"]
    assert projection.customdata[-1] == "254 家"  # the page's 按趋势预计 tile; was %{y:.2f} → 254.27 家
    assert list(traces["实际值"].customdata) == ["150 家", "155 家", "161 家"]
    assert "220 家" in traces["2030年目标 220 家"].hovertemplate
    assert [list(c) for c in traces["已修订的数值"].customdata] == [["152 家", "155 家"]]
    for trace in fig.data:  # no value printed by Plotly's own number format
        assert "%{y" not in (trace.hovertemplate or ""), trace.name


def test_a_series_value_beside_its_target_keeps_the_digits_that_tell_them_apart():
    series = pd.DataFrame({"period": ["2025Q3", "2025Q4"], "value": [99.5, 99.96]})
    row = _status(unit="%", status="missed", final=True, target_year=2025, target_value=100.0, latest_value=99.96,
                  projected_value=NAN)
    fig = figures.indicator_series("x", "%", series, pd.DataFrame([row]))
    assert list(fig.data[0].customdata) == ["99.5%", "99.96%"]  # not 100% beside a target of 100%


def test_a_bar_the_axis_clips_hovers_its_real_value():
    rows = pd.DataFrame([_status(ratio_r=1.94, progress_pct=170.0)])
    fig = figures.progress_bullets(rows)
    bar, diamond = fig.data[0], fig.data[1]
    assert list(bar.x) == [160]  # clipped on the axis …
    assert list(bar.customdata[0]) == ["按计划推进", "194%"]  # … but the hover says 194%, as the label does
    assert "%{customdata[1]}" in bar.hovertemplate and "%{x" not in bar.hovertemplate
    assert list(diamond.customdata) == ["170%"] and "%{x" not in diamond.hovertemplate
    assert fig.data[2].text[0].startswith("194%")


def test_district_bars_print_values_as_the_page_and_date_an_older_one():
    rows = pd.DataFrame([
        _status(district="南山区", status="not_judged", latest_value=61.0, target_value=NAN),
        _status(district="福田区", status="not_judged", latest_value=40.4, latest_period="2026Q2", target_value=NAN),
        _status(district="宝安区", status="off_track", latest_value=139.6, target_value=140.0),
    ])
    fig = figures.district_values(rows, "x", "家", "t", as_of="2026Q3")
    bars = fig.data[0]
    by_district = dict(zip(bars.x, bars.text, strict=True))
    assert by_district["南山区"] == "61 家" and by_district["福田区"] == "40 家<br>（2026Q2）"
    assert by_district["宝安区"] == "139.6 家"  # beside its own target of 140, not '140 家'
    assert dict(zip(bars.x, (c[0] for c in bars.customdata), strict=True))["福田区"] == "40 家<br>（2026Q2）"
    assert "%{y" not in bars.hovertemplate
    target = fig.data[1]
    assert list(target.customdata) == ["140 家"] and "%{y" not in target.hovertemplate
