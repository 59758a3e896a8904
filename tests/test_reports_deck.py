"""The briefing deck: built from the sample data, reopened with python-pptx, checked slide by slide."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import kaleido
import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

import manage
from presentation import labels
from reports import content, images
from reports.deck import build_deck, horizontal_unit
from service.status import indicator_status_export
from store import db as store_db
from store import uploads
from store.catalog import sectors
from store.errors import NotFound
from store.ingest import ingest

pytestmark = pytest.mark.filterwarnings("ignore:The kopts argument is ignored:UserWarning")
KNOWN_ON = dt.datetime(2026, 10, 20, 23, 59, 59)


def texts(slide) -> list[str]:
    """Every text of a slide: text boxes and shapes, then table cells row by row."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def deck_texts(path: Path) -> list[list[str]]:
    return [texts(s) for s in Presentation(str(path)).slides]


def _title(slide) -> str:
    """The title bar's text: the first text box after the bar rectangle."""
    boxes = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text]
    return boxes[0].text_frame.text if boxes else ""


@pytest.fixture(scope="module", autouse=True)
def _warm_kaleido():
    """One chromium for the whole module (build_deck's single write_images call reuses a running server)."""
    kaleido.start_sync_server(silence_warnings=True)
    yield
    kaleido.stop_sync_server(silence_warnings=True)


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory, _sample_file) -> Path:
    path = tmp_path_factory.mktemp("deck") / "sample.duckdb"
    shutil.copyfile(_sample_file, path)
    return path


@pytest.fixture(scope="module")
def deck(sample_file, tmp_path_factory) -> Path:
    return build_deck(sample_file, tmp_path_factory.mktemp("out") / "deck.pptx")


@pytest.fixture(scope="module")
def prs(deck):
    return Presentation(str(deck))


@pytest.fixture(scope="module")
def headline(sample_file):
    with store_db.connect(sample_file) as con:
        from service import snapshot

        return snapshot.build(con).headline


def test_slide_count_is_fixed_slides_plus_sectors_indicators_agencies_appendix(prs, headline):
    n_indicators = len(headline)
    n_sectors = len(sectors())  # every sample sector has tasks, so each gets a slide
    n_agency = len([s for s in prs.slides if _title(s).startswith(labels.DECK_SLIDES["agencies"])])
    n_appendix = len([s for s in prs.slides if _title(s).startswith(labels.DECK_SLIDES["appendix"])])
    n_projects = len([s for s in prs.slides if _title(s).startswith(labels.DECK_SLIDES["project_appendix"])])
    n_sector_projects = len([s for s in prs.slides if _title(s).endswith("重点工程进展")])
    n_maps = len([s for s in prs.slides if _title(s).endswith(" · 分区地图")])
    assert n_agency >= 1 and n_appendix >= 1 and n_projects == 1 and n_sector_projects >= 1
    assert len(prs.slides) == (3 + n_sectors + n_sector_projects + n_indicators + n_maps + n_agency + n_appendix
                               + n_projects)
    assert n_indicators == 13 and n_maps == 5


def test_the_last_slide_lists_the_lagging_and_overdue_key_projects(prs):
    last = prs.slides[len(prs.slides) - 1]
    assert _title(last) == labels.DECK_SLIDES["project_appendix"]
    cells = texts(last)
    listed = [c for c in cells if c.startswith("重点工程（")]
    assert [c.split("）")[0] for c in listed] == ["重点工程（3", "重点工程（8", "重点工程（13", "重点工程（18",
                                                  "重点工程（20", "重点工程（25"]
    assert "逾期未报 · 推进中" in cells and "滞后" in cells and "45%" in cells
    assert "铁路专用线用地审批未完成，工期顺延" in cells


def test_every_indicator_slide_has_a_picture_and_its_name(prs, headline):
    slides = [s for s in prs.slides if not _title(s).endswith(" · 分区地图")]
    first = 3 + len(sectors()) + len([s for s in slides if _title(s).endswith("重点工程进展")])
    for slide, name in zip(slides[first:first + len(headline)], headline["name"], strict=True):
        assert _title(slide) == name
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1
        assert pictures[0].image.content_type == "image/png"
        assert pictures[0].image.size[0] >= 1200  # rendered at 2x scale


def test_recycling_slide_states_the_2025_result_in_words(prs, sample_file):
    with store_db.connect(sample_file) as con:
        export = indicator_status_export(con)
    row = export[(export["code"] == "P17_CW_RECYCLING") & (export["target_year"] == 2025)].iloc[0]
    assert (row["status"], row["judged_value"], row["target_value"]) == ("missed", 86.6, 90.0)
    assert (row["latest_period"], row["latest_value"]) == ("2026Q3", 87.0)  # 最新值 is the newest value
    slide = next(s for s in prs.slides if _title(s) == "建筑垃圾综合利用率")
    text = "\n".join(texts(slide))
    assert "2025 年终值 86.6%（2025Q4），目标 90%，差 3.4 个百分点，未达成" in text
    assert "最新值：87%（2026Q3）" in text
    later = export[(export["code"] == "P17_CW_RECYCLING") & (export["target_year"] == 2030)].iloc[0]
    assert f"{later['latest_period']} 为 87%" in text and labels.STATUS[later["status"]] in text
    assert "市住房建设局" in text and "第74项" in text


def test_slide_charts_set_their_unit_upright_above_the_axis(sample_file):
    """个 or 家 turned on its side reads as an arrow: on a slide the unit stands upright above the tick labels."""
    with store_db.connect(sample_file) as con:
        b = content.collect(con)
    units = b.data.indicators.set_index("code")["unit"]
    counted = [code for code in b.codes if units[code] in ("个", "家")]
    assert counted
    for code in b.codes:
        fig = horizontal_unit(images.indicator_figure(b, code, for_slide=True))
        assert not fig.layout.yaxis.title.text
        notes = [a for a in fig.layout.annotations if a.text == units[code]]
        if code in counted:
            assert len(notes) == 1 and notes[0].textangle == 0 and notes[0].yanchor == "bottom"


def test_an_indicator_reported_by_district_is_followed_by_its_map(prs):
    slides = list(prs.slides)
    titles = [_title(s) for s in slides]
    i = titles.index("建筑垃圾综合利用率 · 分区地图")
    assert titles[i - 1] == "建筑垃圾综合利用率"
    pictures = [s for s in slides[i].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1 and pictures[0].image.size[0] >= 2000  # 2x scale
    assert pictures[0].top + pictures[0].height <= Inches(6.9)


def test_overview_lists_the_2025_results(prs):
    cells = texts(prs.slides[1])
    assert "已达成 6 项，未达成 4 项" in "\n".join(cells)
    assert "建筑垃圾综合利用率" in cells


def test_overview_slide_counts_two_groups_that_agree_with_its_table(prs, sample_file):
    """Slide 2: the badges of the 2025 results count exactly the rows of the table below; the progress badges
    count the 2030 targets; no badge says 未达成 0 beside a table of four misses."""
    slide = prs.slides[1]
    cells = texts(slide)
    assert "2025 年目标结果（已到期）" in cells and "2030 年目标进展（按近期趋势）" in cells
    badges = [t for t in cells if "\n" in t and t.split("\n")[0].endswith(" 项")]
    shown = {t.split("\n")[1]: int(t.split(" ")[0]) for t in badges[:3]}
    assert shown == {"已达成": 6, "未达成": 4, "目标待定": 1}
    table = next(sh.table for sh in slide.shapes if sh.has_table)
    results = [table.cell(i, 2).text for i in range(1, len(table.rows))]
    assert {w: results.count(w) for w in set(results)} == shown
    progress = {t.split("\n")[1]: int(t.split(" ")[0]) for t in badges[3:]}
    assert progress == {"按计划推进": 5, "需加力": 2, "严重滞后": 2, "逆向变化": 1, "暂无数据": 0}


def test_changes_slide_shows_moves_and_the_revision(prs):
    text = "\n".join(texts(prs.slides[2]))
    assert "深圳港水水中转比重" in text and "▼ 变差" in text
    assert "86% → 86.8%" in text


def test_every_slide_says_sample_data(prs):
    for slide in prs.slides:
        assert labels.DECK_SAMPLE_FOOTER in texts(slide)


def test_every_run_has_the_cjk_font(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [c.text_frame for row in shape.table.rows for c in row.cells]
            for frame in frames:
                for run in (r for p in frame.paragraphs for r in p.runs):
                    rpr = run._r.rPr
                    assert run.font.name == "Noto Sans CJK SC"
                    assert rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea").get(
                        "typeface") == "Noto Sans CJK SC"


def test_every_shape_stays_on_the_slide(prs):
    for slide in prs.slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height, _title(slide)


def test_each_sector_has_a_slide_of_its_key_projects_with_their_latest_state(prs):
    by_title = {_title(s): s for s in prs.slides}
    building = texts(by_title["建筑业 · 重点工程进展"])
    assert "重点工程（13）既有建筑节能化改造工程" in building
    assert all(not c.startswith("重点工程（1）") for c in building)  # 工程 1 is 工业's
    every = [c for title, s in by_title.items() if title.endswith("重点工程进展") for c in texts(s)
             if c.startswith("重点工程（")]
    assert len(every) == 25  # all 25 key projects, each on its sector's slide


def test_sector_filter_narrows_the_deck(sample_file, tmp_path, blank_charts, prs):
    path = build_deck(sample_file, tmp_path / "建筑业.pptx", sector="建筑业")
    narrow = Presentation(str(path))
    titles = [_title(s) for s in narrow.slides]
    assert "建筑业 · 分领域" in titles and "工业 · 分领域" not in titles
    assert "建筑垃圾综合利用率" in titles and "海铁联运占比" not in titles
    # its projects, 5 indicators of 建筑业 (2 by district, with their maps), agency table fits on one slide, then
    # the task and the project appendix
    assert len(narrow.slides) == 3 + 1 + 1 + 5 + 2 + 1 + 1 + 1
    assert "重点工程（13）既有建筑节能化改造工程" in texts(narrow.slides[len(narrow.slides) - 1])
    assert len(narrow.slides) < len(prs.slides)
    assert "范围：建筑业领域" in "\n".join(texts(narrow.slides[0]))


def test_agency_filter_keeps_its_indicators_and_accepts_an_alias(sample_file, tmp_path, blank_charts):
    path = build_deck(sample_file, tmp_path / "a.pptx", agency="市住房城乡建设局")
    titles = [_title(s) for s in Presentation(str(path)).slides]
    assert "建筑垃圾综合利用率" in titles and "海铁联运占比" not in titles
    agency_rows = [t for s in Presentation(str(path)).slides if _title(s) == labels.DECK_SLIDES["agencies"]
                   for t in texts(s)]
    assert "市住房建设局" in agency_rows and "市交通运输局" not in agency_rows


@pytest.mark.parametrize("kwargs, names", [({"sector": "钢铁"}, "工业、农业"), ({"agency": "市不存在局"}, "市住房建设局")])
def test_unknown_sector_or_agency_is_refused_with_the_valid_names(sample_file, tmp_path, kwargs, names):
    with pytest.raises(NotFound) as err:
        build_deck(sample_file, tmp_path / "x.pptx", **kwargs)
    assert names in err.value.message
    assert not (tmp_path / "x.pptx").exists()


def test_known_on_reproduces_the_deck_after_a_revision_and_a_rollback(sample_file, tmp_path, blank_charts):
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(sample_file, db)
    before = deck_texts(build_deck(db, tmp_path / "before.pptx", known_on=KNOWN_ON))
    revision = "code,period,district,value,note\nP17_CW_RECYCLING,2026Q3,全市,91.5,复核后更正\n".encode()
    result = ingest(db, revision, "actuals_2026Q3_fix.csv", "actuals", user="测试",
                    uploaded_at=dt.datetime(2026, 11, 2, 10, 0), today=dt.date(2026, 11, 2))
    assert result.ok and result.upload_id
    with store_db.connect(db) as con:
        task_upload = con.execute("SELECT max(upload_id) FROM uploads WHERE kind = 'task-status'").fetchone()[0]
        uploads.rollback(con, task_upload, "测试", at=dt.datetime(2026, 11, 3, 10, 0))
    again = deck_texts(build_deck(db, tmp_path / "again.pptx", known_on=KNOWN_ON))
    assert again == before
    now = deck_texts(build_deck(db, tmp_path / "now.pptx"))
    assert now != before
    assert any("91.5%" in t for slide in now for t in slide)
    assert not any("91.5%" in t for slide in before for t in slide)
    assert any(labels.KNOWN_ON.format(date="2026-10-20") in t for t in before[0])


def test_empty_database_builds_a_deck_without_sample_notice(db, tmp_path, blank_charts):
    prs = Presentation(str(build_deck(db, tmp_path / "empty.pptx")))
    assert len(prs.slides) >= 3
    assert not any(labels.DECK_SAMPLE_FOOTER in texts(s) for s in prs.slides)


def test_report_command_writes_the_deck(sample_file, tmp_path, blank_charts):
    out = tmp_path / "汇报.pptx"
    result = CliRunner().invoke(manage.cli, ["--db", str(sample_file), "report", "--out", str(out), "--sector", "农业"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "已生成汇报材料" in result.output


def test_report_command_refuses_an_unknown_sector(sample_file, tmp_path):
    result = CliRunner().invoke(manage.cli, ["--db", str(sample_file), "report", "--out", str(tmp_path / "x.pptx"),
                                             "--sector", "钢铁"])
    assert result.exit_code == 1
    assert "没有名为“钢铁”的领域" in result.output


def _table_rows(slide) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for shape in slide.shapes if shape.has_table
            for row in shape.table.rows]


def test_a_sector_table_shows_the_year_end_value_its_progress_is_computed_on(prs):
    # 最新值 455 家 beside 进度 100.7% read wrongly: the progress of the expired 2025 target is on 402 (2025Q4)
    slide = next(s for s in prs.slides if _title(s) == "工业 · 分领域")
    rows = _table_rows(slide)
    header = rows[0]
    assert labels.COLUMNS["judged_value"] in header and labels.COLUMNS["latest_value"] in header
    audit = dict(zip(header, next(r for r in rows if r[0] == "完成清洁生产审核的工业企业数"), strict=True))
    assert (audit[labels.COLUMNS["latest_value"]], audit[labels.COLUMNS["judged_value"]],
            audit[labels.COLUMNS["progress"]]) == ("455 家（2026Q3）", "402 家（2025Q4）", "100.7%")
    assert audit[labels.COLUMNS["status"]] == "已达成"
    building = next(s for s in prs.slides if _title(s) == "建筑业 · 分领域")  # no expired target: no empty column
    assert labels.COLUMNS["judged_value"] not in _table_rows(building)[0]


def test_a_lower_is_better_indicators_gap_reads_in_its_direction_on_its_slide(prs):
    # 仍使用不可降解塑料包装的快递网点比例 (越低越好) read '差 6.2 个百分点'; above a target of 0% it is 高于目标
    slide = next(s for s in prs.slides if _title(s) == "仍使用不可降解塑料包装的快递网点比例")
    text = "\n".join(texts(slide))
    assert "2025 年终值 6.2%（2025Q4），目标 0%，高于目标 6.2 个百分点，未达成" in text
    assert "2030 年目标 0%，高于目标 3.1 个百分点；" in text and "差 " not in text
