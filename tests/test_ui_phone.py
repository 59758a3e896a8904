"""ui.phone: which browser is a phone, and figures laid out again for its width."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from presentation import labels, tables
from ui import grid, phone

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


def test_many_vertical_bars_lose_the_text_over_them_and_a_few_keep_it():
    districts = [f"区{i}" for i in range(11)]
    many = go.Figure(go.Bar(x=districts, y=list(range(11)), text=[f"{i} 家<br>（9%）" for i in range(11)]))
    few = go.Figure(go.Bar(x=districts[:4], y=[1, 2, 3, 4], text=["1 家", "2 家", "3 家", "4 家"]))
    assert phone.fit(many).data[0].text is None
    assert list(phone.fit(few).data[0].text) == ["1 家", "2 家", "3 家", "4 家"]
    assert many.data[0].text is not None  # the page's figure is left as it was


def test_a_phone_table_keeps_its_name_latest_value_and_status():
    c = labels.COLUMNS
    indicator_rows = [c["indicator"], c["lead"], c["target"], c["latest_value"], c["judged_value"], c["progress_pct"],
                      c["expected_pct"], c["gap"], c["projected_value"], c["status"]]
    assert tables.phone_columns(indicator_rows) == [c["indicator"], c["latest_value"], c["status"]]
    tasks = [c["no"], c["sector"], c["group_name"], c["task_status"], c["period"], c["note"], c["text"]]
    assert tables.phone_columns(tasks) == [c["no"], c["group_name"], c["task_status"]]  # the number stands in
    assert tables.phone_columns(["行号", "列", "问题", "修改建议"]) == ["行号", "列", "问题", "修改建议"]  # unknown: whole
    assert tables.phone_columns(indicator_rows, [c["status"], c["target"]]) == [c["target"], c["status"]]


def test_a_phone_table_fits_the_screen_its_names_wrapping_in_taller_rows():
    frame = pd.DataFrame({"指标": ["仍使用不可降解塑料包装的快递网点比例", "海铁联运占比"], "结果": ["未达成", "已达成"],
                          "最新值": ["3.1%（2026Q3）", "0.9%（2026Q3）"], "说明": ["…", "…"]})
    fitted = grid._fit(frame, ["指标", "结果", "最新值"], {"height": grid.HEADER_PX + 2 * grid.ROW_PX})
    widths = {c: v["width"] for c, v in fitted["column_config"].items()}
    assert sum(widths.values()) <= grid.PHONE_PX and widths["指标"] == max(widths.values())
    assert fitted["row_height"] > grid.ROW_PX and fitted["height"] == grid.HEADER_PX + 2 * fitted["row_height"]
    assert grid._fit(frame[["结果"]], ["结果"], {}) == {}  # fits as it is: left alone


def test_a_phone_table_refits_the_pixel_widths_a_page_gave_for_a_wide_screen():
    """指标详情's related tasks give 任务内容 456 px (for 1366 px, presentation.tables.fitted): on a phone that column
    scrolled sideways beside 任务 and 最新进展; the widths are fitted to the screen, a narrow chosen one kept."""
    c = labels.COLUMNS
    frame = pd.DataFrame({c["task"]: ["第2项", "第17项"], c["task_status"]: ["已完成", "逾期未报 · 推进中"],
                          c["text"]: ["强化全生命周期理念，全方位全过程推行工业产品绿色设计，扩大绿色低碳产品供给。",
                                      "加快企业及园区节能、节水、节材、减污、降碳等系统性清洁生产改造。"]})
    desktop = {"column_config": {c["task"]: {"width": 64}, c["task_status"]: {"width": 72}, c["text"]: {"width": 456}},
               "row_height": 35}
    fitted = grid._fit(frame, list(frame.columns), desktop)
    widths = {col: v["width"] for col, v in fitted["column_config"].items()}
    assert sum(widths.values()) <= grid.PHONE_PX, widths
    assert widths[c["task"]] == 64 and widths[c["text"]] == max(widths.values())
    assert fitted["row_height"] > grid.ROW_PX  # the text wraps instead of being cut
