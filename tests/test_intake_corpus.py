"""The upload corpus: every bad file is refused with its one expected message; good files land exactly."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from intake import Context, parse_upload
from tests.helpers import INDICATORS

FILES = Path(__file__).parent / "files"
CTX = Context(INDICATORS, latest_period="2026Q3")

with open(FILES / "bad" / "EXPECTED.csv", encoding="utf-8", newline="") as f:
    EXPECTED = {row["file"]: row for row in csv.DictReader(f)}


def test_every_bad_file_has_an_expectation_and_there_are_enough():
    on_disk = {p.name for p in (FILES / "bad").iterdir()} - {"EXPECTED.csv"}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 30


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_with_its_one_message(name):
    want = EXPECTED[name]
    data = (FILES / "bad" / name).read_bytes()
    result = parse_upload(data, name, want["kind"], CTX, sheet=want["sheet"] or None)
    assert not result.ok
    assert result.error_count == 1, result.errors.to_dict("records")
    error = result.errors.iloc[0]
    if want["row"]:
        assert error["row"] == int(want["row"])
        assert result.file_error is None
    else:
        assert pd.isna(error["row"])
        assert result.file_error is not None
        assert result.file_error.message == f"{error['problem']}。{error['fix']}"
    assert error["column"] == want["column"]
    assert want["problem"] in error["problem"]
    assert want["fix"] in error["fix"]


def _land(name: str, kind: str, sheet: str | None = None) -> list[tuple]:
    result = parse_upload((FILES / "good" / name).read_bytes(), name, kind, CTX, sheet=sheet)
    assert result.ok, result.errors.to_dict("records")
    return [tuple(r) for r in result.rows.itertuples(index=False)]


# file -> (row, code, period, district, value, note), exactly as intended
GOOD_ACTUALS = {
    "gbk_chinese_headers.csv": [
        (2, "P17_CW_RECYCLING", "2025Q4", "全市", 95.5, "含拆除垃圾"),
        (3, "P02_GREEN_MFG", "2025Q4", "福田区", 128.0, ""),
        (4, "P06_IRRIGATION", "2025Q4", "深汕特别合作区", 0.62, "统计局口径"),
    ],
    "utf8_bom.csv": [
        (2, "P18_SEA_RAIL", "2026Q1", "南山区", 3.2, ""),
        (3, "P18_SEA_RAIL", "2026Q2", "全市", 3.4, ""),
        (4, "P18_SEA_RAIL", "2026Q3", "全市", 3.9, ""),
    ],
    "utf8_english.csv": [
        (2, "P17_CW_RECYCLING", "2025Q3", "宝安区", 91.0, "draft"),
        (3, "P02_GREEN_MFG", "2025Q4", "龙岗区", 130.0, ""),
    ],
    "percent_signs.csv": [
        (2, "P17_CW_RECYCLING", "2025Q4", "全市", 34.0, ""),
        (3, "P17_CW_RECYCLING", "2025Q4", "福田区", 34.5, ""),
        (4, "P18_SEA_RAIL", "2025Q4", "全市", 3.5, ""),
    ],
    "fullwidth.csv": [
        (2, "P02_GREEN_MFG", "2025Q4", "全市", 128.0, ""),
        (3, "P06_IRRIGATION", "2025Q4", "全市", 0.61, ""),
    ],
    "thousands.csv": [
        (2, "P02_GREEN_MFG", "2025Q4", "全市", 1234.0, ""),
        (3, "P02_GREEN_MFG", "2025Q3", "全市", 1200.0, ""),
        (4, "P02_GREEN_MFG", "2025Q2", "全市", 12345678.0, ""),
    ],
    "stray_spaces.csv": [
        (2, "P17_CW_RECYCLING", "2025Q4", "福田区", 88.5, "说明"),
        (3, "P18_SEA_RAIL", "2025Q4", "全市", 4.0, ""),
    ],
    "tab_delimited.csv": [
        (2, "P17_CW_RECYCLING", "2025Q4", "盐田区", 97.0, ""),
        (3, "P06_IRRIGATION", "2025Q4", "盐田区", 0.58, ""),
    ],
    "semicolon.csv": [(2, "P18_SEA_RAIL", "2025Q2", "全市", 2.5, "")],
    "unicode_text.txt": [(2, "P18_SEA_RAIL", "2025Q1", "全市", 2.25, "")],
    "all_period_forms.csv": [
        (2, "P17_CW_RECYCLING", "2025Q4", "福田区", 1.0, ""),
        (3, "P17_CW_RECYCLING", "2025Q4", "罗湖区", 2.0, ""),
        (4, "P17_CW_RECYCLING", "2025Q4", "盐田区", 3.0, ""),
        (5, "P17_CW_RECYCLING", "2025Q4", "南山区", 4.0, ""),
        (6, "P17_CW_RECYCLING", "2025Q4", "宝安区", 5.0, ""),
        (7, "P17_CW_RECYCLING", "2025Q4", "龙岗区", 6.0, ""),
        (8, "P17_CW_RECYCLING", "2025Q4", "龙华区", 7.0, ""),
        (9, "P17_CW_RECYCLING", "2025Q4", "坪山区", 8.0, ""),
        (10, "P17_CW_RECYCLING", "2025Q4", "光明区", 9.0, ""),
        (11, "P17_CW_RECYCLING", "2025Q4", "大鹏新区", 10.0, ""),
        (12, "P17_CW_RECYCLING", "2015Q1", "全市", 11.0, ""),
    ],
    "code_is_name.csv": [(2, "P17_CW_RECYCLING", "2025Q4", "全市", 30.0, "")],
    "blank_rows.csv": [
        (4, "P17_CW_RECYCLING", "2025Q3", "全市", 90.0, ""),
        (6, "P17_CW_RECYCLING", "2025Q4", "全市", 92.0, ""),
    ],
}


@pytest.mark.parametrize("name", sorted(GOOD_ACTUALS))
def test_good_actuals_land_with_the_intended_values(name):
    assert _land(name, "actuals") == GOOD_ACTUALS[name]


def test_xlsx_named_sheet_keeps_excel_row_numbers_and_whole_numbers():
    assert _land("named_sheet.xlsx", "actuals", sheet="实际值") == [
        (4, "P17_CW_RECYCLING", "2025Q4", "罗湖区", 96.25, ""),
        (5, "P02_GREEN_MFG", "2025Q4", "罗湖区", 130.0, "年报"),
        (7, "P06_IRRIGATION", "2025Q4", "罗湖区", 0.6, ""),
    ]


def test_task_status_gbk_lands():
    assert _land("task_status_gbk.csv", "task-status") == [
        (2, 1, "2025Q4", "已完成", "已印发实施方案", "市发展改革委"),
        (3, 12, "2025Q4", "推进中", "", "市工业和信息化局"),
        (4, 140, "2025Q4", "滞后", "资金未到位", ""),
    ]


def test_task_status_xlsx_with_english_headers_lands():
    assert _land("task_status.xlsx", "task-status") == [
        (2, 7, "2026Q3", "未启动", "", ""),
        (3, 8, "2026Q3", "已完成", "验收", ""),
    ]


def test_targets_land():
    assert _land("targets.csv", "targets") == [
        (2, "P17_CW_RECYCLING", 2025, "全市", 95.0),
        (3, "P17_CW_RECYCLING", 2030, "全市", 98.0),
        (4, "P02_GREEN_MFG", 2030, "全市", 200.0),
        (5, "P06_IRRIGATION", 2030, "全市", 0.65),
    ]


def test_every_good_file_is_covered():
    covered = set(GOOD_ACTUALS) | {
        "named_sheet.xlsx",
        "task_status_gbk.csv",
        "task_status.xlsx",
        "targets.csv",
    }
    assert {p.name for p in (FILES / "good").iterdir()} == covered


def test_values_are_floats_not_text():
    result = parse_upload((FILES / "good" / "thousands.csv").read_bytes(), "t.csv", "actuals", CTX)
    assert str(result.rows["value"].dtype) == "float64"
    assert math.isclose(result.rows["value"].sum(), 1234 + 1200 + 12345678)
