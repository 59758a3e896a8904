"""Checking uploads: every problem in one table, normalized rows, header problems, caps."""

from __future__ import annotations

import pandas as pd
import pytest

from intake import ERROR_COLUMNS, Context, check, parse_upload, read_table
from intake.settings import MAX_ERROR_ROWS

INDICATORS = pd.DataFrame(
    {
        "code": ["P17_CW_RECYCLING", "P02_GREEN_MFG", "P06_IRRIGATION", "P18_SEA_RAIL", "X_TONS"],
        "name": [
            "建筑垃圾综合利用率",
            "累计创建绿色制造示范单位数",
            "农田灌溉水有效利用系数",
            "海铁联运占比",
            "减排量",
        ],
        "unit": ["%", "家", "", "%", "万吨"],
    }
)
CTX = Context(INDICATORS, latest_period="2026Q3")


def _check(text: str, kind: str = "actuals"):
    return parse_upload(text.encode("utf-8"), "upload.csv", kind, CTX)


def _errors(result) -> list[tuple]:
    return [(r.row, r.column, r.value, r.problem) for r in result.errors.itertuples(index=False)]


def test_every_problem_of_the_file_is_reported_together_in_file_order():
    result = _check(
        "指标代码,报告期,区,数值（%）\n"
        "P17_CW_RECYCLING,2025Q4,全市,34\n"
        "P99,2025-10,火星,120\n"
        "P02_GREEN_MFG,2025Q4,福田,1.5\n"
    )
    assert _errors(result) == [
        (3, "指标代码", "P99", "未知的指标代码“P99”"),
        (3, "报告期", "2025-10", "报告期“2025-10”像是年月，无法确定是哪个季度"),
        (3, "区", "火星", "未知的区“火星”"),
        (4, "数值（%）", "1.5", "单位为“家”的数值须为整数，这里是 1.5"),
    ]
    assert result.error_count == 4 and not result.ok
    assert list(result.errors.columns) == list(ERROR_COLUMNS)


def test_rows_are_normalized_with_excel_row_numbers():
    result = _check('code,period,value\np17_cw_recycling,2025年第四季度,34%\nP02_GREEN_MFG,2025Q3,"1,234"\n')
    assert result.ok
    assert result.rows.to_dict("records") == [
        {
            "row": 2,
            "code": "P17_CW_RECYCLING",
            "period": "2025Q4",
            "district": "全市",
            "value": 34.0,
            "note": "",
        },
        {
            "row": 3,
            "code": "P02_GREEN_MFG",
            "period": "2025Q3",
            "district": "全市",
            "value": 1234.0,
            "note": "",
        },
    ]
    assert dict(result.rows.dtypes.astype(str)) == {
        "row": "int64",
        "code": "str",
        "period": "str",
        "district": "str",
        "value": "float64",
        "note": "str",
    }


def test_a_unit_without_a_rule_takes_any_finite_number_but_no_percent_sign():
    result = _check("指标代码,报告期,数值\nX_TONS,2025Q4,-12.5\nX_TONS,2025Q3,5%\n")
    assert _errors(result) == [(3, "数值", "5%", "该指标的单位是“万吨”，数值不能带百分号")]
    assert result.rows["value"].iloc[0] == -12.5


def test_a_value_of_an_unknown_code_gets_no_second_error():
    result = _check("指标代码,报告期,数值\nNOPE,2025Q4,5000\n")
    assert [e[1] for e in _errors(result)] == ["指标代码"]


def test_header_problems_are_reported_together_and_rows_are_not_checked():
    result = _check("指标代码,数量,值,数值\nNOPE,1,2,3\n")
    assert _errors(result) == [
        (1, "数量", "数量", "无法识别的列名“数量”"),
        (1, "数值", "数值", "列“数值”与列“值”表示同一项（数值）"),
        (1, "报告期", "", "缺少必填列“报告期”"),
    ]
    assert result.rows.empty and list(result.rows.columns) == [
        "row",
        "code",
        "period",
        "district",
        "value",
        "note",
    ]


def test_unknown_header_fix_lists_accepted_names():
    fix = _check("指标代码,报告期,数值,数量\nA,B,C,D\n").errors["fix"].iloc[0]
    assert fix.startswith("可用的列名：指标代码/code、指标名称/name、单位/unit、报告期/period")


def test_each_duplicate_names_the_first_row():
    result = _check(
        "指标代码,报告期,数值\nP18_SEA_RAIL,2025Q4,1\nP18_SEA_RAIL,2025Q3,1\nP18_SEA_RAIL,2025q4,2\np18_sea_rail,2025-Q4,3\n"
    )
    assert [(r.row, r.value, r.problem) for r in result.errors.itertuples()] == [
        (4, "P18_SEA_RAIL / 2025Q4 / 全市", "与第 2 行重复（指标代码、报告期都相同）"),
        (5, "P18_SEA_RAIL / 2025Q4 / 全市", "与第 2 行重复（指标代码、报告期都相同）"),
    ]


def test_error_table_is_capped_but_the_count_is_total():
    keys = [
        (c, f"{year}Q{q}", d)
        for c in ("P17_CW_RECYCLING", "P18_SEA_RAIL", "P02_GREEN_MFG")
        for year in range(2016, 2026)
        for q in (1, 2, 3, 4)
        for d in CTX.districts
    ]
    body = "".join(f"{c},{p},{d},abc\n" for c, p, d in keys[: MAX_ERROR_ROWS + 200])
    result = _check("指标代码,报告期,区,数值\n" + body)
    assert len(result.errors) == MAX_ERROR_ROWS
    assert result.error_count == MAX_ERROR_ROWS + 200
    assert result.errors["row"].is_monotonic_increasing


def test_task_status_normalizes_and_refuses_synonyms_with_a_suggestion():
    result = _check("任务编号,报告期,状态\n12.0,2025Q4,已完成\n13,2025Q4,进行中\n", "task-status")
    assert result.rows["task_no"].tolist() == [12, 13]
    assert str(result.rows["task_no"].dtype) == "Int64"
    error = result.errors.iloc[0]
    assert (error["row"], error["column"], error["problem"]) == (3, "状态", "状态“进行中”不在可选范围内")
    assert error["fix"] == "如指“推进中”，请改为“推进中”；请填写：未启动、推进中、已完成、滞后 之一"


def test_targets_normalize_year_and_value():
    result = _check("指标代码,目标年份,目标值\nP06_IRRIGATION,2030年,0.65\n", "targets")
    assert result.rows.to_dict("records") == [
        {"row": 2, "code": "P06_IRRIGATION", "target_year": 2030, "district": "全市", "target_value": 0.65}
    ]


def test_a_target_may_be_a_districts_own():
    result = _check("指标代码,目标年份,区,目标值\nP02_GREEN_MFG,2030,南山区,40\nP02_GREEN_MFG,2030,,220\n"
                    "P02_GREEN_MFG,2030,南山,41\n", "targets")
    assert result.errors[["row", "problem"]].to_dict("records") == [
        {"row": 4, "problem": "与第 2 行重复（指标代码、目标年份、区都相同）"}]


def test_unknown_code_suggests_close_codes():
    fix = _check("指标代码,报告期,数值\nP17_CW_RECYCLNG,2025Q4,1\n").errors["fix"].iloc[0]
    assert fix == "您要填的是不是：P17_CW_RECYCLING？请从模板中复制指标代码"


def test_a_refused_file_becomes_one_error_row():
    result = parse_upload(b"", "empty.csv", "actuals", CTX)
    assert result.error_count == 1 and result.file_error is not None
    assert result.errors.iloc[0]["value"] == "empty.csv"


def test_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        parse_upload(b"a,b\n1,2\n", "f.csv", "actual", CTX)


def test_check_does_not_mutate_the_raw_table():
    raw = read_table("指标代码,报告期,数值\n p17_cw_recycling ,2025q4,34%\n".encode(), "f.csv")
    before = raw.frame.copy()
    check(raw, "actuals", CTX)
    pd.testing.assert_frame_equal(raw.frame, before)


def test_context_default_latest_period_is_the_last_closed_quarter():
    from metrics import periods

    assert Context(INDICATORS).latest_period == periods.latest_closed()


def test_an_indicator_s_own_bounds_are_checked_beside_its_unit_s_range():
    indicators = INDICATORS.assign(min_value=[0, 0, 0.3, 0, None], max_value=[100, None, 0.9, 50, None])
    ctx = Context(indicators, latest_period="2026Q3")
    data = ("指标代码,报告期,区,数值\n"
            "P18_SEA_RAIL,2025Q4,全市,60\n"       # a % inside 0–100 but above the indicator's 50
            "P06_IRRIGATION,2025Q4,全市,0.2\n"    # a coefficient below its 0.3
            "P17_CW_RECYCLING,2025Q4,全市,99\n").encode()
    result = parse_upload(data, "b.csv", "actuals", ctx)
    assert result.errors["row"].tolist() == [2, 3]
    assert result.errors["problem"].tolist() == ["数值 60 超出该指标的取值范围（0–50）",
                                                 "数值 0.2 超出该指标的取值范围（0.3–0.9）"]
