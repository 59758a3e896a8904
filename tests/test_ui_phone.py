"""ui.phone: which browser is a phone, and figures laid out again for its width."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from ui import phone

IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"
IPAD = "Mozilla/5.0 (iPad; CPU OS 15_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"


@pytest.mark.parametrize(("agent", "expected"), [(IPHONE, True), (ANDROID, True), (IPAD, False), (DESKTOP, False),
                                                 ("", False)])
def test_a_phone_is_a_mobile_browser_that_is_not_a_tablet(agent, expected):
    assert phone.is_phone(agent) is expected


def test_a_long_title_wraps_after_its_colon_and_a_short_one_stays():
    assert phone._wrap("各区最新值（数据截至 2026Q3）：各区合计为全市数") == "各区最新值（数据截至 2026Q3）：<br>各区合计为全市数"
    assert phone._wrap("指标状态分布") == "指标状态分布"


def test_horizontal_bars_get_their_names_above_them_and_keep_only_the_percentage():
    names = ["海铁联运占比（2030年）", "港口码头泊位岸电覆盖率（2030年）"]
    fig = go.Figure([go.Bar(y=names, x=[9, 112], orientation="h", name="a"),
                     go.Scatter(y=names, x=[11, 114], mode="text", text=["9%  · 预计 0.6%", "112%  · 预计 95%"])])
    fitted = phone.fit(fig)
    assert [a.text for a in fitted.layout.annotations] == names
    assert fitted.layout.yaxis.showticklabels is False
    assert list(fitted.data[1].text) == ["9%", "112%"]
    assert fig.layout.annotations == ()  # the page's figure is left as it was


def test_the_legend_goes_below_and_the_figure_grows_by_its_rows():
    fig = go.Figure([go.Scatter(x=[1, 2], y=[1, 2], name=f"线{i}") for i in range(4)]).update_layout(height=400)
    fitted = phone.fit(fig)
    assert fitted.layout.legend.yref == "container" and fitted.layout.legend.y == 0
    assert fitted.layout.height == 400 + 2 * phone.LEGEND_ROW + 8
