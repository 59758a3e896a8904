"""The project-status upload kind: key projects' quarterly reports on literal CSV bytes."""

from __future__ import annotations

import pytest

from intake import Context, parse_upload, template
from intake.rules import chinese_number
from tests.helpers import INDICATORS

CTX = Context(INDICATORS, latest_period="2026Q3")
HEADER = "工程编号,报告期,状态,进展说明,填报单位,形象进度（%）,完成投资（万元）\n"


def _parse(text: str, name: str = "projects.csv"):
    return parse_upload(text.encode("utf-8"), name, "project-status", CTX)


def _errors(result) -> list[tuple]:
    return [(r.row, r.column, r.value, r.problem, r.fix) for r in result.errors.itertuples(index=False)]


def test_a_good_file_lands_exactly_with_every_spelling_of_the_project_number():
    result = _parse(
        HEADER
        + "17,2026Q3,推进中,主体工程实施中,市住房建设局,45%,\"1,250.5\"\n"
        + "（十八）,2026年第三季度,已完成,已验收,市交通运输局,100,\n"
        + "十九,2026Q2,滞后,用地审批未完成,,,0\n"
        + "工程20,2026q3,未启动,,,,\n"
        + "第21项,2026Q3,推进中,,,0,\n"
        + "1.0,2026Q3,推进中,,,12.5,3\n"
    )
    assert result.ok, _errors(result)
    rows = result.rows
    assert rows.columns.tolist() == ["row", "project_no", "period", "status", "note", "unit", "progress_pct",
                                     "investment"]
    assert rows["project_no"].tolist() == [17, 18, 19, 20, 21, 1]
    assert rows["period"].tolist() == ["2026Q3", "2026Q3", "2026Q2", "2026Q3", "2026Q3", "2026Q3"]
    assert rows["status"].tolist() == ["推进中", "已完成", "滞后", "未启动", "推进中", "推进中"]
    assert rows["note"].tolist() == ["主体工程实施中", "已验收", "用地审批未完成", "", "", ""]
    assert rows["unit"].tolist()[:2] == ["市住房建设局", "市交通运输局"]
    assert rows["progress_pct"].fillna(-1).tolist() == [45.0, 100.0, -1, -1, 0.0, 12.5]
    assert rows["investment"].fillna(-1).tolist() == [1250.5, -1, 0.0, -1, -1, 3.0]


def test_the_optional_columns_may_be_left_out():
    result = _parse("工程编号,报告期,状态\n3,2026Q3,推进中\n")
    assert result.ok and result.rows["progress_pct"].isna().all() and result.rows["investment"].isna().all()


@pytest.mark.parametrize(("cell", "column", "problem", "fix"), [
    ("26", "工程编号", "超出范围 1–25", "重点工程共 25 项"),
    ("0", "工程编号", "超出范围 1–25", "核对工程编号"),
    ("二十六", "工程编号", "超出范围 1–25", "核对工程编号"),
    ("P17", "工程编号", "工程编号“P17”无法识别", "“（十七）”"),
    ("17工程", "工程编号", "无法识别", "例如 17"),
    ("一百", "工程编号", "无法识别", "例如 17"),
    ("3.5", "工程编号", "无法识别", "例如 17"),
    ("", "工程编号", "工程编号为空", "请填写工程编号"),
])
def test_a_bad_project_number_is_refused_naming_row_column_and_fix(cell, column, problem, fix):
    result = _parse(HEADER + "5,2026Q3,推进中,,,,\n" + f"{cell},2026Q3,推进中,,,,\n")
    assert not result.ok and result.error_count == 1
    row, col, value, said, told = _errors(result)[0]
    assert (row, col, value) == (3, column, cell)
    assert problem in said and fix in told


@pytest.mark.parametrize(("line", "column", "problem", "fix"), [
    ("5,2026Q3,进行中,,,,", "状态", "状态“进行中”不在可选范围内", "如指“推进中”"),
    ("5,2026Q3,推进中,,,120,", "形象进度（%）", "形象进度 120 超出合理范围（0–100）", "没有数据可留空"),
    ("5,2026Q3,推进中,,,-5,", "形象进度（%）", "超出合理范围", "请核对形象进度"),
    ("5,2026Q3,推进中,,,过半,", "形象进度（%）", "不是数字", "请填写数字"),
    ("5,2026Q3,推进中,,,,-3", "完成投资（万元）", "完成投资 -3 超出合理范围（≥ 0）", "万元"),
    ("5,2026Q3,推进中,,,,5%", "完成投资（万元）", "不能写成百分数“5%”", "请去掉 %"),
    ("5,2026Q4,推进中,,,,", "报告期", "尚未结束", "季度结束后才能填报"),
])
def test_a_bad_cell_is_refused_naming_row_column_and_fix(line, column, problem, fix):
    result = _parse(HEADER + "4,2026Q3,推进中,,,,\n" + line + "\n")
    assert not result.ok and result.error_count == 1, _errors(result)
    row, col, _, said, told = _errors(result)[0]
    assert (row, col) == (3, column)
    assert problem in said and fix in told


def test_a_row_without_a_status_is_a_template_row_left_unfilled_and_skipped_as_for_tasks():
    result = _parse(HEADER + "4,2026Q3,推进中,,,,\n5,2026Q3,,,,,\n")
    assert result.ok and result.rows["project_no"].tolist() == [4]
    assert result.notices == ("1 行没有填写状态，已跳过（第 3 行）",)


def test_a_project_reported_twice_for_a_quarter_is_a_duplicate():
    result = _parse(HEADER + "17,2026Q3,推进中,,,,\n工程17,2026年第三季度,已完成,,,,\n")
    assert _errors(result)[0][:2] == (3, "工程编号")
    assert "与第 2 行重复" in _errors(result)[0][3]


def test_chinese_numbers_below_one_hundred():
    assert [chinese_number(t) for t in ("七", "十", "十七", "二十", "二十五", "两", "十十", "百", "")] == [
        7, 10, 17, 20, 25, 2, None, None, None]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_template_numbers_every_project_and_parses_back_once_filled(fmt):
    data = template("project-status", CTX, fmt)
    if fmt == "csv":
        text = data.decode("utf-8-sig")
        assert text.splitlines()[0] == "工程编号,报告期,状态,进展说明,填报单位,形象进度,完成投资"
        filled = "\n".join([text.splitlines()[0]] + [line.replace(",2026Q3,,", ",2026Q3,推进中,")
                                                     for line in text.splitlines()[1:]])
        result = _parse(filled)
        assert result.ok, _errors(result)
        assert result.rows["project_no"].tolist() == list(range(1, 26))
    else:
        assert parse_upload(data, "t.xlsx", "project-status", CTX).error_count == 25  # status left empty
