"""Every leader-facing page under AppTest, with the sample data and with an empty database."""

from __future__ import annotations

import ast
import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sitemap
from metrics.settings import PROGRESS_STATUSES, RESULT_STATUSES, VERDICTS
from presentation import labels
from service.status import compute
from store import db as store_db
from store.catalog import DISTRICTS
from tests.helpers import ROOT, dashboard, open_app

PAGES = [page.file for page in sitemap.PAGES if page.role == "public"]  # the leader-facing pages
CJK = re.compile(r"[\u4e00-\u9fff]")



def _specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def _numbers(values) -> list[float]:
    """A Plotly data array as numbers: plain JSON, or the typed-array form (base64 'bdata' with a 'dtype')."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return [float(v) for v in values]


def _trace_names(at: AppTest) -> list[str]:
    return [t.get("name", "") for spec in _specs(at) for t in spec["data"]]


def _texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.info]
    parts += [e.proto.body for e in at.get("html")]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_sample_data_and_says_as_of_and_sample(sample_db, monkeypatch, page):
    at = open_app(sample_db, monkeypatch)
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception
    assert "数据截至 2026Q3" in at.caption[0].value
    assert at.warning and labels.SAMPLE_BANNER in at.warning[0].value


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_on_an_empty_database_without_a_traceback(db, monkeypatch, page):
    at = open_app(db, monkeypatch)
    if page != "pages/overview.py":
        at.switch_page(page).run()
    assert not at.exception
    assert not at.warning  # no sample banner without sample data


def _tiles(at: AppTest) -> list[tuple[str, int]]:
    """(status word, count) of every overview tile, in page order."""
    cards = "".join(e.proto.body for e in at.get("html"))
    found = re.findall(r">([^<>]+)</div><div[^>]*>(\d+)<span", cards)
    return [(word, int(n)) for word, n in found]


def test_overview_tiles_count_two_groups_that_agree_with_the_2025_table_and_the_status_command(sample_db,
                                                                                             monkeypatch):
    """The 2025 results tiles count exactly the rows of the 2025 table below them (no 未达成 0 above four misses);
    the progress tiles count the status command's 2030 rows."""
    with store_db.connect(sample_db) as con:
        rows = compute(con)
    city = rows[rows["district"] == "全市"]
    at = open_app(sample_db, monkeypatch)
    tiles = _tiles(at)
    titles = [m.value for m in at.markdown]
    assert "**2025 年目标结果（已到期）**" in titles and "**2030 年目标进展（按近期趋势）**" in titles
    results, progress = dict(tiles[:len(RESULT_STATUSES)]), dict(tiles[len(RESULT_STATUSES):])
    table = next(df.value for df in at.dataframe if labels.COLUMNS["result"] in df.value.columns)
    assert results == table[labels.COLUMNS["result"]].value_counts().to_dict() == {"已达成": 6, "未达成": 4, "目标待定": 1}
    expected = city[(city["target_year"] == 2030)]["status"].map(labels.STATUS).value_counts().to_dict()
    assert {k: v for k, v in progress.items() if v} == expected
    assert set(progress) == {labels.STATUS[s] for s in PROGRESS_STATUSES}
    assert "已达成 6 项，未达成 4 项" in _texts(at)


def test_overview_table_shows_the_newest_value_beside_the_year_end_value(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    table = next(df.value for df in at.dataframe if labels.COLUMNS["result"] in df.value.columns)
    audit = table[table[labels.COLUMNS["indicator"]] == "完成清洁生产审核的工业企业数"].iloc[0]
    assert audit[labels.COLUMNS["latest_value"]] == "455 家（2026Q3）"
    assert audit[labels.COLUMNS["result_note"]].startswith("2025 年终值 402 家（2025Q4），目标 400 家，已达成（超出 2 家）")


def test_overview_bars_are_coloured_by_the_rule_they_show(sample_db, monkeypatch):
    """Each bar's length is the R its status grades (× 100): its colour is that of grade(length), whatever the
    current progress marker says."""
    from metrics.growth import grade

    at = open_app(sample_db, monkeypatch)
    bars = _specs(at)[0]["data"][0]
    lengths = _numbers(bars["x"])
    words = [status_word for status_word, _ in bars["customdata"]]  # [status, unclipped reach] per bar
    assert len(lengths) == 10  # the ten 2030 targets
    for length, colour, status_word in zip(lengths, bars["marker"]["color"], words, strict=True):
        status = next(s for s, w in labels.STATUS.items() if w == status_word)
        assert grade([length / 100])[0] == status, (length, status_word)
        assert colour == labels.STATUS_COLOR[status]


def test_overview_on_empty_database_explains_how_to_get_data(db, monkeypatch):
    at = open_app(db, monkeypatch)
    assert any(labels.EMPTY_DB in i.value for i in at.info)


def test_overview_lists_status_moves_and_revisions(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    frames = [df.value for df in at.dataframe]
    moves = next(f for f in frames if "变化" in f.columns)
    assert set(moves["指标"]) == {"深圳港水水中转比重", "新建公共建筑本体节能率"}
    revisions = next(f for f in frames if "原值 → 新值" in f.columns)
    assert revisions.iloc[0]["原值 → 新值"] == "86% → 86.8%"


def test_indicator_page_draws_targets_trajectory_and_projection(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.switch_page("pages/indicator.py").run()
    at.selectbox(key="indicator_code").set_value("P17_CW_RECYCLING").run()
    assert not at.exception
    names = _trace_names(at)
    assert "实际值" in names
    assert "2025年目标 90%" in names and "2030年目标 95%" in names
    assert any(n.startswith("按近期趋势预计") for n in names)
    assert "已修订的数值" in names
    linked = next(df.value for df in at.dataframe if "任务" in df.value.columns)
    assert linked["任务"].tolist() == ["第74项", "第75项", "第77项", "第86项"]


def test_indicator_page_maps_the_districts_of_an_indicator_reported_by_district(sample_db, monkeypatch):
    """P04 is reported by district, none with a target of its own: the map colours the latest values on a scale
    that carries no verdict (never red to green against the city's target) and says so."""
    at = open_app(sample_db, monkeypatch, "pages/indicator.py")
    at.selectbox(key="indicator_code").set_value("P04_CP_AUDIT").run()
    assert not at.exception
    maps = [s for s in _specs(at) if any(t["type"] == "choropleth" for t in s["data"])]
    assert len(maps) == 1
    traces = maps[0]["data"]
    assert traces[0]["type"] == "scattergeo"  # labels first: plotly.js fetches no world topojson
    shaded = [t for t in traces if t["type"] == "choropleth"]
    districts = [d for t in shaded for d in t["locations"]]
    assert sorted(districts) == sorted(d for d in DISTRICTS if d != "全市")  # all 11, 深汕 in its inset
    main = next(t for t in shaded if t.get("coloraxis") == "coloraxis" and "南山区" in t["locations"])
    assert _numbers(main["z"])[main["locations"].index("南山区")] == 61  # 南山区 in 2026Q3
    scale = maps[0]["layout"]["coloraxis"]["colorscale"]
    assert labels.STATUS_COLOR["on_track"] not in str(scale) and labels.STATUS_COLOR["off_track"] not in str(scale)
    assert "2026Q3" in maps[0]["layout"]["title"]["text"]
    notes = " ".join(a["text"] for a in maps[0]["layout"]["annotations"])
    assert labels.CHARTS["map_value_note"] in notes


def test_a_city_wide_indicator_has_no_district_map(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/indicator.py")
    at.selectbox(key="indicator_code").set_value("P18_WATER_TRANSSHIP").run()
    assert not at.exception
    assert not any(t["type"] == "choropleth" for s in _specs(at) for t in s["data"])


def test_indicator_map_shows_district_statuses_and_keeps_unjudged_districts_grey(sample_db, monkeypatch):
    """With a target for 南山区 only, the map colours 南山区 by its status and draws the other districts as the
    category 未设分区目标 (grey), never judged against the city's target."""
    from charts import page_charts
    from service import snapshot as snap
    from store.ingest import ingest

    text = "指标代码,目标年份,区,目标值\nP04_CP_AUDIT,2030,南山区,200\n"
    assert ingest(sample_db, text.encode(), "targets.csv", "targets", user="t").upload_id
    with store_db.connect(sample_db) as con:
        data = snap.build(con, "2026Q3")
    fig = page_charts.indicator_map(data, "P04_CP_AUDIT")
    drawn = {d: t for t in fig.data if t.type == "choropleth" for d in t.locations}
    assert drawn["南山区"].name in {labels.STATUS[s] for s in VERDICTS}
    assert drawn["福田区"].name == labels.STATUS["not_judged"]
    assert drawn["福田区"].colorscale[0][1] == labels.STATUS_COLOR["not_judged"]


def test_as_of_picker_changes_every_number(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.selectbox(key="as_of").set_value("2024Q4").run()
    assert "数据截至 2024Q4" in at.caption[0].value
    assert "2025 年目标尚未到期" in _texts(at)


def test_sectors_page_shows_all_eight_sectors(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.switch_page("pages/sectors.py").run()
    summary = at.dataframe[0].value
    assert summary["领域"].tolist() == ["工业", "农业", "服务业", "建筑业", "交通运输", "科技与产业支撑", "模式创新",
                                       "组织保障"]
    assert summary["任务数"].sum() == 140


def test_agencies_page_ranks_with_its_rule_and_draws_the_reporting_matrix(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.switch_page("pages/agencies.py").run()
    assert any("排名规则" in i.value for i in at.info)
    assert labels.AGENCIES["rank_order"] in [c.value for c in at.caption]
    ranking = at.dataframe[0].value
    # worst first: the weakest units lead the table (and a screenshot of it), the first-ranked comes last
    assert ranking["名次"].iloc[-1] == 1 and ranking["名次"].is_monotonic_decreasing
    assert ranking["名次"].iloc[0] == ranking["名次"].max()
    status, heat = (spec["data"][0] for spec in _specs(at))
    assert status["type"] == "bar" and status["orientation"] == "h"  # indicators per status by lead agency
    assert heat["type"] == "heatmap" and len(heat["x"]) == 8


def test_tasks_page_lists_all_140_and_filters(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch)
    at.switch_page("pages/tasks.py").run()
    assert len(at.dataframe[0].value) == 140
    at.text_input[0].set_value("建筑垃圾").run()
    found = at.dataframe[0].value
    matched = found["任务内容"].str.contains("建筑垃圾") | found["任务类别"].str.contains("建筑垃圾")
    assert 0 < len(found) < 140 and matched.all()


def _inline_chinese(path: Path) -> list[str]:
    """'file:line' of every string literal (f-string parts included) with Chinese, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [f"{path.name}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and CJK.search(node.value)]


def test_pages_keep_every_label_in_ui_labels():
    """The UI speaks Chinese with every label in one place: presentation/labels.py, never inline in the app, charts or decks."""
    files = sorted(p for folder in ("pages", "ui", "charts", "reports", "presentation") for p in (ROOT / folder).glob("*.py")
                   if p.name != "labels.py") + [ROOT / "dashboard.py"]
    assert files
    inline = [hit for path in files for hit in _inline_chinese(path)]
    assert not inline, f"Chinese text written inline (move it to presentation/labels.py): {inline}"


def test_overview_keeps_long_lists_short_when_many_indicators_are_urgent(db, monkeypatch):
    """25 indicators going the wrong way, each revised twice: the overview lists the worst few, and says so."""
    from store.ingest import ingest

    codes = [f"ZZ_URGENT_{i:02d}" for i in range(25)]
    with store_db.connect(db) as con:
        con.execute("INSERT INTO indicators (code, name, unit, direction, sector) "
                    "SELECT code, '合成指标 ' || code, '吨', 'decrease', '工业' FROM unnest(?) AS t(code)", [codes])
        con.execute("INSERT INTO targets (code, target_year, target_value) SELECT code, 2030, 0 FROM unnest(?) "
                    "AS t(code)", [codes])
    header = "指标代码,报告期,区,数值\n"
    first = header + "".join(f"{c},{p},全市,{v}\n" for c in codes for p, v in (("2026Q2", 10), ("2026Q3", 20)))
    revised = first.replace(",20\n", ",25\n").replace(",10\n", ",12\n")
    for name, text in (("first.csv", first), ("revised.csv", revised)):
        assert ingest(db, text.encode(), name, "actuals", user="t").upload_id
    at = open_app(db, monkeypatch)
    assert not at.exception
    urgent = [m.value for m in at.markdown if "合成指标" in m.value and "【" in m.value]
    assert len(urgent) == 10
    captions = [c.value for c in at.caption]
    assert labels.OVERVIEW["urgent_more"].format(n=15) in captions
    assert labels.OVERVIEW["revisions_capped"].format(n=50, limit=20) in captions
    revisions = next(df.value for df in at.dataframe if labels.COLUMNS["old_new"] in df.value.columns)
    assert len(revisions) == 20
    overdue = next(m.value for m in at.markdown if "逾期未报的任务" in m.value)  # no task has reported here
    assert overdue.count("\n- 第") == 10  # named one a line, the rest counted
    assert labels.OVERVIEW["overdue_rest"].format(n=130) in captions
    bars, _, values = _specs(at)[0]["data"][:3]
    assert values["mode"] == "text"  # the numbers sit right of each bar, never on the indicator names
    assert min(_numbers(values["x"])) >= 0 and min(_numbers(bars["x"])) < 0  # even where progress fell below 0


def test_a_write_by_another_process_shows_on_the_next_rerun(db, monkeypatch):
    """The data version is read once per run, not once per session: the next rerun sees a CLI upload."""
    from store.ingest import ingest

    at = open_app(db, monkeypatch)
    assert labels.EMPTY_DB in [i.value for i in at.info]
    text = "指标代码,报告期,区,数值\nP17_CW_RECYCLING,2025Q4,全市,34\n"
    assert ingest(db, text.encode(), "cli.csv", "actuals", user="cli").upload_id
    at.run()
    assert not at.exception
    assert "数据截至 2025Q4" in at.caption[0].value
    assert labels.EMPTY_DB not in [i.value for i in at.info]


def test_task_filters_speak_chinese_when_empty(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/tasks.py")
    assert at.multiselect and all(m.placeholder == labels.ANY for m in at.multiselect)  # not Streamlit's "Choose options"


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_indicator_page_latest_value_is_the_newest_and_the_expired_target_has_its_own_figure(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/indicator.py")
    picker = at.selectbox(key="indicator_code")
    assert picker.format_func("P04_CP_AUDIT") == "完成清洁生产审核的工业企业数"  # Chinese name, not the code
    picker.set_value("P04_CP_AUDIT").run()
    assert not at.exception
    assert "指标代码 P04_CP_AUDIT" in [c.value for c in at.caption]
    shown = _metrics(at)
    assert shown["最新值"] == "455 家"      # 2026Q3, the newest at or before the as-of period
    assert shown["2025 年终值"] == "402 家"  # the value the 2025 target is judged on
    assert shown["距目标差距"] == "超出 2 家"  # never a negative gap
    help_texts = {m.label: m.help for m in at.metric}
    assert "2026Q3" in help_texts["最新值"] and "2025Q4" in help_texts["2025 年终值"]
    districts = next(s for s in _specs(at) if "各区最新值" in s["layout"]["title"]["text"])
    bars = districts["data"][0]
    nanshan = bars["x"].index("南山区")
    assert _numbers(bars["y"])[nanshan] == 61  # 南山区 in 2026Q3, not in 2025Q4 (58)


def test_a_district_without_its_own_target_shows_no_status_colour(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/indicator.py")
    at.selectbox(key="indicator_code").set_value("P02_GREEN_MFG").run()
    at.radio[0].set_value("南山区").run()
    assert not at.exception
    heading = next(m.value for m in at.markdown if m.value.startswith("### "))
    verdict_colours = {c for s, c in labels.STATUS_COLOR.items() if s != "not_judged"}
    assert not any(c in heading for c in verdict_colours)
    sentence = next(m.value for m in at.markdown if m.value.startswith("**南山区**"))
    assert "不作判断" in sentence and "占全市" in sentence and "严重滞后" not in sentence
    assert "不会达标" not in _texts(at) and labels.COLUMNS["progress_pct"] not in _metrics(at)
    districts = next(s for s in _specs(at) if "各区最新值" in s["layout"]["title"]["text"])
    colours = districts["data"][0]["marker"]["color"]
    assert isinstance(colours, list) and not verdict_colours & set(colours)
    assert len(districts["data"]) == 1  # no city target line drawn against a district


def test_numbers_read_like_a_report(sample_db, monkeypatch):
    """Counts whole, rates of counts one decimal, lagging red and pointing down."""
    at = open_app(sample_db, monkeypatch, "pages/indicator.py")
    at.selectbox(key="indicator_code").set_value("P02_GREEN_MFG").run()
    shown = _metrics(at)
    assert shown[labels.INDICATOR["projected"]] == "254 家"
    projection = next(t for t in _specs(at)[0]["data"] if t.get("name", "").startswith("按近期趋势预计"))
    assert projection["customdata"][-1] == "254 家"  # its hover, as the tile says (was %{y:.2f}: 254.27 家)
    assert all("%{y" not in t.get("hovertemplate", "") for t in _specs(at)[0]["data"])
    assert shown["所需季度增幅"] == "+3.5 家/季度"
    at.selectbox(key="indicator_code").set_value("P18_WATER_TRANSSHIP").run()
    lag = next(m for m in at.metric if m.label == "序时进度")
    assert lag.proto.delta.startswith("落后") and "39.2 个百分点" in lag.proto.delta
    assert lag.proto.direction == lag.proto.MetricDirection.DOWN
    assert lag.proto.color == lag.proto.MetricColor.RED


def test_a_projection_held_by_a_bound_says_so(sample_db, monkeypatch):
    at = open_app(sample_db, monkeypatch, "pages/indicator.py")
    at.selectbox(key="indicator_code").set_value("P19_SHORE_POWER").run()
    projected = next(m for m in at.metric if m.label == labels.INDICATOR["projected"])
    assert projected.value == "100%" and projected.proto.delta == "趋势将越过上限，按上限 100% 计"
    series = _specs(at)[0]["data"]
    projection = next(t for t in series if t.get("name", "").startswith("按近期趋势预计"))
    assert projection["name"] == "按近期趋势预计（2030年末 100%，已到上限）"
    assert max(_numbers(projection["y"])) == 100  # not 114.6 %: the line runs to the bound and stays there


def test_a_shared_link_opens_the_view_it_names_and_choices_land_in_the_url(sample_db, monkeypatch):
    """?code=…&district=… on 指标详情, ?sector= on 分领域, ?agency= on 分单位, ?as_of= everywhere."""
    at = dashboard(sample_db, monkeypatch)
    at.query_params["as_of"] = "2025Q4"
    at.run()
    assert at.session_state["as_of"] == "2025Q4"
    at.switch_page("pages/indicator.py")
    at.query_params.update(code="P04_CP_AUDIT", district="南山区")
    at.run()
    assert not at.exception
    assert at.selectbox(key="indicator_code").value == "P04_CP_AUDIT"
    assert at.radio[0].value == "南山区"
    at.radio[0].set_value("福田区").run()
    assert at.query_params["district"] in ("福田区", ["福田区"]) and "P04_CP_AUDIT" in at.query_params["code"]
    at.switch_page("pages/sectors.py")
    at.query_params["sector"] = "建筑业"
    at.run()
    assert at.get("segmented_control")[0].value == "建筑业"


def _ingest_actuals(db, text: str) -> None:
    import datetime as dt

    from store.ingest import ingest

    result = ingest(db, text.encode(), "actuals.csv", "actuals", user="t", today=dt.date(2026, 11, 2),
                    confirm_unusual=True)
    assert result.ok and result.upload_id, result


def test_indicator_tiles_print_values_as_the_sentence_and_date_an_older_latest_value(db, monkeypatch):
    """最新值 and 年终值 print like the sentence (99.96%, never 100% beside a target of 100%), and a newest value older
    than the as-of period says its quarter in sight, not only in the help text."""
    _ingest_actuals(db, "指标代码,报告期,区,数值\n"
                        "P19_HW_FAST_CHARGE,2025Q3,全市,99.5\nP19_HW_FAST_CHARGE,2025Q4,全市,99.96\n"
                        "P19_HW_FAST_CHARGE,2026Q3,全市,99.97\n"
                        "P04_CP_AUDIT,2025Q3,全市,380\nP04_CP_AUDIT,2025Q4,全市,402\nP04_CP_AUDIT,2026Q2,全市,455\n")
    at = open_app(db, monkeypatch, "pages/indicator.py")
    at.selectbox(key="indicator_code").set_value("P19_HW_FAST_CHARGE").run()
    assert not at.exception
    sentence = next(m.value for m in at.markdown if m.value.startswith("**全市**"))
    assert "2025 年终值 99.96%（2025Q4）" in sentence
    shown = {m.label: m for m in at.metric}
    assert shown["最新值"].value == "99.97%" and shown["2025 年终值"].value == "99.96%"  # were 100% and 100%
    assert not shown["最新值"].proto.delta  # of the as-of period: nothing to flag
    at.selectbox(key="indicator_code").set_value("P04_CP_AUDIT").run()
    latest = next(m for m in at.metric if m.label == "最新值")
    assert latest.value == "455 家" and latest.proto.delta == "2026Q2 数值，2026Q3 未报送"
    assert latest.proto.color == latest.proto.MetricColor.ORANGE


def test_a_final_target_without_a_value_by_its_deadline_reads_unjudgeable_with_the_latest_value(db, monkeypatch):
    """The 2025 results table said 暂无上报数据。 beside 最新值 9 个（2026Q1）: it says the 2025 value is missing."""
    _ingest_actuals(db, "指标代码,报告期,区,数值\nP14_PV_STORAGE,2026Q1,全市,9\nP17_CW_RECYCLING,2026Q3,全市,87\n")
    at = open_app(db, monkeypatch)
    table = next(df.value for df in at.dataframe if labels.COLUMNS["result"] in df.value.columns)
    pv = table[table[labels.COLUMNS["indicator"]] == "“光储直柔”试点项目数"].iloc[0]
    assert pv[labels.COLUMNS["latest_value"]] == "9 个（2026Q1）"
    assert pv[labels.COLUMNS["result_note"]] == \
        "2025 年目标 10 个：到期（2025Q4）前无上报数值，无法判断是否达成；最新值 9 个（2026Q1）。"


def test_presentation_tables_are_html_with_labels_progress_bars_and_status_colours():
    """On a projector a table is an HTML table (st.dataframe's canvas keeps ~14 px text): the frame as st.dataframe
    would show it — a config's label, a hidden column left out, a progress bar with its value, numbers as numbers,
    statuses with their colour, text escaped."""
    import pandas as pd
    import streamlit as st

    from ui import presenting

    C = labels.COLUMNS
    frame = pd.DataFrame({"no": [3, 1], C["progress"]: [45.0, None], C["status"]: [labels.STATUS["off_track"], "<b>"],
                          "hidden": ["x", "y"], C["task_status"]: ["逾期未报 · 推进中", "已完成"]})
    html = presenting.table_html(frame, {"no": st.column_config.Column(label=C["no"], width=44), "hidden": None,
                                         C["progress"]: st.column_config.ProgressColumn(
                                             min_value=0, max_value=100, format="%.0f%%")}, hide_index=True)
    assert 'class="present-table"' in html and "hidden" not in html and ">no<" not in html
    assert [h in html for h in (C["no"], C["progress"], C["status"], C["task_status"])] == [True] * 4
    assert '<td class="num">3</td>' in html and "45%</td>" in html and 'style="width:45%"' in html
    assert f'background:{labels.STATUS_COLOR["off_track"]}' in html
    assert f'background:{labels.TASK_STATUS_COLOR["逾期未报"]}' in html  # an overdue task: the overdue colour
    assert "&lt;b&gt;" in html and "<b>" not in html


def _presenting(db, monkeypatch, page: str):
    """The dashboard in presentation mode (?present=1) on `page`, run without an exception."""
    at = dashboard(db, monkeypatch)
    at.query_params["present"] = "1"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_presentation_mode_shows_the_ranking_as_an_html_table_worst_first(sample_db, monkeypatch):
    """Presentation mode: 分单位's ranking is an HTML table (no canvas), its first page the weakest units."""
    from ui import presenting

    at = _presenting(sample_db, monkeypatch, "pages/agencies.py")
    tables = [h.proto.body for h in at.get("html") if "present-table" in h.proto.body]
    assert tables and not at.dataframe
    ranking = tables[0]
    ranks = [int(r) for r in re.findall(r'<tr><td class="num">(\d+)</td>', ranking)]
    assert ranks == sorted(ranks, reverse=True) and len(ranks) == presenting.PAGE_ROWS


def test_presentation_mode_pages_long_task_texts_by_fewer_rows(sample_db, monkeypatch):
    """重点任务's texts wrap to several lines on a projector: a page holds LONG_ROWS of them, so it fits one screen."""
    from ui import presenting

    at = _presenting(sample_db, monkeypatch, "pages/tasks.py")
    table = next(h.proto.body for h in at.get("html") if "present-table" in h.proto.body)
    assert table.count("<tr>") - 1 == presenting.LONG_ROWS  # the header row, then one page of tasks
    assert any(f"每页 {presenting.LONG_ROWS} 行" in c.value for c in at.caption)
