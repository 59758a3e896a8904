"""Normalizing what people type: periods, numbers, headers, districts, whole numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from intake import DISTRICTS, Problem, number_of, period_of
from intake.normalize import district_names, number_frame, whole_of
from intake.schemas import header_key, match_header


@pytest.mark.parametrize(
    "text, period",
    [
        ("2025Q4", "2025Q4"),
        ("2025q4", "2025Q4"),
        ("2025-Q4", "2025Q4"),
        ("2025 Q4", "2025Q4"),
        (" 2025Q1 ", "2025Q1"),
        ("2025年第四季度", "2025Q4"),
        ("2025年4季度", "2025Q4"),
        ("2025年第4季度", "2025Q4"),
        ("2025年四季度", "2025Q4"),
        ("2025年第一季度", "2025Q1"),
        ("2025-4季度", "2025Q4"),
        ("２０２５Ｑ４", "2025Q4"),
        ("２０２５年第３季度", "2025Q3"),
        ("2025年Q2", "2025Q2"),
    ],
)
def test_period_spellings_are_accepted(text, period):
    assert period_of(text) == period


@pytest.mark.parametrize(
    "text, key",
    [
        ("2025", "period_year_only"),
        ("2025年", "period_year_only"),
        ("2025-10", "period_month"),
        ("2025年10月", "period_month"),
        ("202510", "period_month"),
        ("2025/12/31", "period_date"),
        ("2025-12-31", "period_date"),
        ("2025-12-31 00:00:00", "period_date"),
        ("2025年12月31日", "period_date"),
        ("Q4", "period_no_year"),
        ("第四季度", "period_no_year"),
        ("2025Q5", "period_bad_quarter"),
        ("2025Q0", "period_bad_quarter"),
        ("2025年第五季度", "period_bad_quarter"),
        ("去年四季度", "period_unknown"),
        ("", "required_empty"),
    ],
)
def test_ambiguous_periods_are_refused(text, key):
    result = period_of(text)
    assert isinstance(result, Problem) and result.key == key


def test_a_month_is_refused_with_the_quarter_it_falls_in_as_the_fix():
    result = period_of("2025-10")
    assert result.problem == "报告期“2025-10”像是年月，无法确定是哪个季度"
    assert result.fix == "请写成季度，例如 2025Q4"


@pytest.mark.parametrize(
    "text, number, percent",
    [
        ("12", 12.0, False),
        ("12.5", 12.5, False),
        (" 12.5 ", 12.5, False),
        ("34%", 34.0, True),
        ("34 %", 34.0, True),
        ("1,234", 1234.0, False),
        ("1,234.5", 1234.5, False),
        ("-1,234,567.25", -1234567.25, False),
        ("１２３", 123.0, False),
        ("１２．５", 12.5, False),
        ("３４％", 34.0, True),
        ("－5", -5.0, False),
        ("−5", -5.0, False),
        ("+3", 3.0, False),
        (".5", 0.5, False),
        ("1.5E+03", 1500.0, False),
        ("0", 0.0, False),
    ],
)
def test_numbers_as_typed_are_accepted(text, number, percent):
    assert number_of(text) == (number, percent)


@pytest.mark.parametrize(
    "text, key",
    [
        ("1.234,5", "ambiguous_separator"),
        ("12,34", "ambiguous_separator"),
        ("1,2345", "ambiguous_separator"),
        ("1.2.3", "ambiguous_separator"),
        ("三十", "chinese_numeral"),
        ("30万", "chinese_numeral"),
        ("N/A", "not_number"),
        ("-", "not_number"),
        ("—", "not_number"),
        ("inf", "not_number"),
        ("nan", "not_number"),
        ("abc", "not_number"),
        ("", "required_empty"),
        ("=A1+1", "formula"),
        ("= 3", "formula"),
    ],
)
def test_numbers_that_are_ambiguous_or_not_numbers_are_refused(text, key):
    result = number_of(text)
    assert isinstance(result, Problem) and result.key == key


@pytest.mark.parametrize(
    "header, field",
    [
        ("指标代码", "code"),
        (" 指标代码 ", "code"),
        ("CODE", "code"),
        ("数值（%）", "value"),
        ("数值(%)", "value"),
        ("数值【%】", "value"),
        ("Value (%)", "value"),
        ("报 告 期", "period"),
        ("区", "district"),
        ("指标名称", "name"),
        ("单位", "unit"),
        ("备注", "note"),
    ],
)
def test_actuals_headers_match_tolerantly(header, field):
    assert match_header("actuals", header).field == field


@pytest.mark.parametrize("header", ["数量", "指标", "值值", "period2"])
def test_unknown_headers_do_not_match(header):
    assert match_header("actuals", header) is None


def test_task_headers_in_english_with_spaces_and_case():
    assert match_header("task-status", "Task No.").field == "task_no"
    assert match_header("task-status", "单位").field == "unit"
    assert header_key("目标值（%）") == "目标值"


@pytest.mark.parametrize(
    "text, name",
    [
        ("福田区", "福田区"),
        ("福田", "福田区"),
        ("大鹏新区", "大鹏新区"),
        ("大鹏", "大鹏新区"),
        ("深汕特别合作区", "深汕特别合作区"),
        ("深汕", "深汕特别合作区"),
        ("深圳市", "全市"),
        ("市级", "全市"),
        ("全市", "全市"),
        ("", "全市"),
    ],
)
def test_district_spellings(text, name):
    assert district_names(DISTRICTS)[text] == name


@pytest.mark.parametrize(
    "text, number",
    [("12", 12), ("12.0", 12), ("１２", 12), (" 7 ", 7), ("12.5", None), ("第12项", None), ("", None)],
)
def test_whole_numbers(text, number):
    assert whole_of(text) == number


def test_a_clean_column_and_a_column_with_one_bad_cell_read_the_same_numbers():
    """The fast path (Arrow's strict cast) and the per-cell path (pd.to_numeric) agree, '-0' included."""
    clean = number_frame(pd.Series(["34.5", "-0", "1e3", "+5", ".5"], dtype="str"))
    mixed = number_frame(pd.Series(["34.5", "-0", "1e3", "+5", ".5", "三十"], dtype="str"))
    assert clean["number"].tolist() == [34.5, 0.0, 1000.0, 5.0, 0.5]
    assert mixed["number"].tolist()[:5] == clean["number"].tolist()
    assert str(clean["number"][1]) == "0.0"  # not -0.0, which would show as '-0'
    assert clean["reason"].isna().all() and mixed["reason"].tolist()[-1] == "chinese_numeral"


def test_a_cells_number_does_not_depend_on_its_neighbours():
    """Past 17 digits pd.to_numeric and Arrow round differently; a refused neighbour must not change a value."""
    long = "+547177.138970948119"
    alone = number_frame(pd.Series([long, "1"], dtype="str"))["number"][0]
    beside_bad = number_frame(pd.Series([long, "1,234"], dtype="str"))["number"][0]
    beside_words = number_frame(pd.Series([long, "三十"], dtype="str"))["number"][0]
    assert alone == beside_bad == beside_words
