"""Key cells (报告期, 任务编号, 工程编号, 状态, 区, 指标代码/名称/单位, 目标年份) and whole-file habits, through store.ingest on a
database with the real catalog (tests/files/keys, made by tests.corpus.keys; outcomes in tests/corpus/key_cases.py):
every file lands exactly its intended rows or is refused naming the row, the column and the fix; nothing raises."""

from __future__ import annotations

import datetime as dt
import shutil
import traceback

import pandas as pd
import pytest

from intake import Context, parse_upload
from intake.normalize import district_names, period_of, whole_of
from store import ingest
from tests.corpus import keys
from tests.corpus.key_cases import BEFORE, BY_FILE, CASES
from tests.helpers import INDICATORS, ROOT
from tests.test_intake_workbooks import _assert_messages_are_chinese, _check, _errors, _landed

DIR = ROOT / "tests" / "files" / "keys"
TODAY = dt.date(2026, 1, 15)  # the latest closed quarter is 2025Q4


@pytest.fixture(scope="module")
def catalog_db(_initialised_file, tmp_path_factory):
    path = tmp_path_factory.mktemp("keys") / "keys.duckdb"
    shutil.copyfile(_initialised_file, path)
    return path


def test_every_file_has_an_expectation():
    assert {p.name for p in DIR.iterdir()} == set(BY_FILE)
    assert set(BEFORE) <= set(BY_FILE)


def test_committed_files_are_what_the_generator_makes():
    built = keys.build_all()
    assert set(built) == set(BY_FILE)
    stale = [name for name, data in built.items() if (DIR / name).read_bytes() != data]
    assert not stale, f"run `python -m tests.corpus.keys`: {stale}"


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_file_lands_exactly_or_is_refused_with_its_reason(case, catalog_db):
    try:
        result = ingest.check(catalog_db, (DIR / case.file).read_bytes(), case.file, case.kind, today=TODAY)
    except Exception:
        pytest.fail(f"store.ingest.check raised on {case.file}:\n{traceback.format_exc()}")
    errors = _errors(result)
    if not result.ok:
        _assert_messages_are_chinese(errors)
        assert all(e["row"] is not None for e in errors) or case.expect.row is None, errors[:3]
    rows = _landed(result.preview.rows, case.kind) if result.ok else []
    problem = _check(case.expect, result.ok, rows, errors)
    assert problem is None, f"{case.file}: {problem}"


# --- the fixes, one by one (each failed before) -------------------------------------------------------------

CTX = Context(INDICATORS, latest_period="2025Q4",
              tasks=pd.DataFrame({"task_no": [1, 2, 3], "text": ["加快提升建筑能效水平，新建民用建筑全面按照绿色建筑标准进行建设。",
                                                                 "积极采用自然通风、天然采光、隔音降噪等生态共享的建筑设计方式。",
                                                                 "大力推进可再生能源建筑应用。"]}),
              task_count=3,
              projects=pd.DataFrame({"project_no": [1, 2], "name": ["绿色制造体系建设工程", "建筑垃圾资源化利用工程"]}),
              project_count=2)


def _parse(text: str, kind: str, name: str = "f.csv"):
    return parse_upload(text.encode("utf-8-sig"), name, kind, CTX)


def test_a_task_name_of_another_task_is_refused_and_its_own_is_not():
    swapped = _parse("序号,任务编号,任务名称,报告期,状态\n3,1,积极采用自然通风,2025Q4,已完成\n", "task-status")
    assert not swapped.ok and swapped.errors.iloc[0]["column"] == "任务名称"
    assert "第 2 项任务" in swapped.errors.iloc[0]["problem"]
    own = _parse("任务编号,任务名称,报告期,状态\n2,自然通风天然采光,2025Q4,已完成\n3,可再生能源建筑,2025Q4,推进中\n",
                 "task-status")
    assert own.ok, own.errors
    assert list(own.rows["task_no"]) == [2, 3] and "task_name" not in own.rows


def test_a_project_name_of_another_project_is_refused():
    result = _parse("工程编号,工程名称,报告期,状态\n1,建筑垃圾资源化利用工程,2025Q4,推进中\n", "project-status")
    assert not result.ok and "第 2 项工程" in result.errors.iloc[0]["problem"]


def test_a_blank_district_under_a_district_is_refused_not_landed_as_the_city():
    result = _parse("指标代码,报告期,区,数值\nP17_CW_RECYCLING,2025Q4,福田区,96\nP02_GREEN_MFG,2025Q4,,33\n", "actuals")
    assert not result.ok
    assert (result.errors.iloc[0]["row"], result.errors.iloc[0]["column"]) == (3, "区")
    first = _parse("指标代码,报告期,区,数值\nP17_CW_RECYCLING,2025Q4,,95\nP17_CW_RECYCLING,2025Q4,福田区,96\n", "actuals")
    assert first.ok and list(first.rows["district"]) == ["全市", "福田区"]


def test_a_districts_title_over_city_rows_is_refused():
    result = _parse("福田区2025年第四季度指标\n指标代码,报告期,区,数值\nP17_CW_RECYCLING,2025Q4,全市,96\n", "actuals")
    assert not result.ok and "福田区" in result.errors.iloc[0]["problem"]


def test_a_title_quarter_over_rows_of_another_quarter_is_refused():
    result = _parse("2025年第四季度指标报表\n指标代码,报告期,区,数值\nP18_SEA_RAIL,2025Q3,全市,3.9\n", "actuals")
    assert not result.ok and "2025Q4" in result.errors.iloc[0]["problem"]
    two = _parse("2025年第三、四季度\n指标代码,报告期,区,数值\nP18_SEA_RAIL,2025Q3,全市,3.9\n", "actuals")
    assert two.ok


def test_other_names_of_a_district_are_read_as_it():
    names = district_names(("全市", "光明区", "大鹏新区", "深汕特别合作区"))
    assert names["光明新区"] == "光明区" and names["大鹏区"] == "大鹏新区" and names["深汕合作区"] == "深汕特别合作区"
    assert "合计" not in names and "全市合计" not in names


def test_a_huge_number_in_a_number_key_is_refused_by_row_not_overflowing():
    assert whole_of("9" * 400) == 10**15 and whole_of("0056.0") == 56 and whole_of("-5") == -5
    for text, kind in ((f"任务编号,报告期,状态\n{'9' * 400},2025Q4,推进中\n", "task-status"),
                       (f"工程编号,报告期,状态\n工程{'9' * 400},2025Q4,推进中\n", "project-status"),
                       (f"指标代码,目标年份,目标值\nP17_CW_RECYCLING,{'9' * 400},95\n", "targets")):
        result = _parse(text, kind)
        assert result.file_error is None and result.errors.iloc[0]["row"] == 2, result.errors


def test_a_month_or_quarter_number_names_both_fixes():
    problem = period_of("2025.4")
    assert problem.key == "period_month_or_quarter" and "2025Q4" in problem.fix and "2025Q2" in problem.fix
    assert period_of("2025-04").key == "period_month" and period_of("2025年4季度") == "2025Q4"
