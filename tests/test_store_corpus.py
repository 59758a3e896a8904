"""The upload corpus through the command line: bad files write nothing, good files land with their values."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.helpers import exported_rows, run, snapshot

FILES = Path(__file__).parent / "files"

with open(FILES / "bad" / "EXPECTED.csv", encoding="utf-8", newline="") as f:
    BAD = {row["file"]: row for row in csv.DictReader(f)}





@pytest.fixture(scope="module")
def sample_export(_sample_file, tmp_path_factory) -> dict[str, bytes]:
    """The export of the sample database (every sample_db starts as a byte copy of _sample_file)."""
    folder = tmp_path_factory.mktemp("sample_export")
    copy = folder / "copy.duckdb"
    copy.write_bytes(_sample_file.read_bytes())
    return snapshot(copy, folder / "out")


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_is_refused_with_its_error_table_and_export_stays_byte_identical(
        sample_db, sample_export, tmp_path, name):
    want = BAD[name]
    args = ["ingest", str(FILES / "bad" / name), "--kind", want["kind"]]
    if want["sheet"]:
        args += ["--sheet", want["sheet"]]
    result = run(sample_db, *args)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == f"文件 {name} 有 1 处错误，未写入任何数据："
    assert lines[1].split() == ["行号", "列", "值", "问题", "修改建议"]
    assert want["problem"] in lines[2]
    assert want["fix"] in lines[2]
    if want["row"]:
        assert lines[2].split()[0] == want["row"]
    assert "Traceback" not in result.output and "<NA>" not in result.output  # a whole-file problem: blank row
    assert snapshot(sample_db, tmp_path / "after") == sample_export


def test_a_dry_run_of_a_bad_file_also_shows_the_error_table(db):
    result = run(db, "ingest", str(FILES / "bad" / "unknown_code.csv"), "--dry-run")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "文件 unknown_code.csv 有 1 处错误，未写入任何数据："


# file -> the rows of export/actuals.csv after ingesting it into a new database (code, period, district, value)
GOOD_ACTUALS = {
    "gbk_chinese_headers.csv": [
        ("P02_GREEN_MFG", "2025Q4", "福田区", "128"),
        ("P06_IRRIGATION", "2025Q4", "深汕特别合作区", "0.62"),
        ("P17_CW_RECYCLING", "2025Q4", "全市", "95.5"),
    ],
    "utf8_bom.csv": [
        ("P18_SEA_RAIL", "2026Q2", "全市", "3.4"),
        ("P18_SEA_RAIL", "2026Q3", "全市", "3.9"),
        ("P18_SEA_RAIL", "2026Q1", "南山区", "3.2"),
    ],
    "utf8_english.csv": [
        ("P02_GREEN_MFG", "2025Q4", "龙岗区", "130"),
        ("P17_CW_RECYCLING", "2025Q3", "宝安区", "91"),
    ],
    "percent_signs.csv": [
        ("P17_CW_RECYCLING", "2025Q4", "全市", "34"),
        ("P17_CW_RECYCLING", "2025Q4", "福田区", "34.5"),
        ("P18_SEA_RAIL", "2025Q4", "全市", "3.5"),
    ],
    "fullwidth.csv": [
        ("P02_GREEN_MFG", "2025Q4", "全市", "128"),
        ("P06_IRRIGATION", "2025Q4", "全市", "0.61"),
    ],
    "thousands.csv": [
        ("P02_GREEN_MFG", "2025Q2", "全市", "12345678"),
        ("P02_GREEN_MFG", "2025Q3", "全市", "1200"),
        ("P02_GREEN_MFG", "2025Q4", "全市", "1234"),
    ],
    "stray_spaces.csv": [
        ("P17_CW_RECYCLING", "2025Q4", "福田区", "88.5"),
        ("P18_SEA_RAIL", "2025Q4", "全市", "4"),
    ],
    "tab_delimited.csv": [
        ("P06_IRRIGATION", "2025Q4", "盐田区", "0.58"),
        ("P17_CW_RECYCLING", "2025Q4", "盐田区", "97"),
    ],
    "semicolon.csv": [("P18_SEA_RAIL", "2025Q2", "全市", "2.5")],
    "unicode_text.txt": [("P18_SEA_RAIL", "2025Q1", "全市", "2.25")],
    "blank_rows.csv": [
        ("P17_CW_RECYCLING", "2025Q3", "全市", "90"),
        ("P17_CW_RECYCLING", "2025Q4", "全市", "92"),
    ],
    "all_period_forms.csv": [
        ("P17_CW_RECYCLING", "2015Q1", "全市", "11"),
        ("P17_CW_RECYCLING", "2025Q4", "光明区", "9"),
        ("P17_CW_RECYCLING", "2025Q4", "南山区", "4"),
        ("P17_CW_RECYCLING", "2025Q4", "坪山区", "8"),
        ("P17_CW_RECYCLING", "2025Q4", "大鹏新区", "10"),
        ("P17_CW_RECYCLING", "2025Q4", "宝安区", "5"),
        ("P17_CW_RECYCLING", "2025Q4", "盐田区", "3"),
        ("P17_CW_RECYCLING", "2025Q4", "福田区", "1"),
        ("P17_CW_RECYCLING", "2025Q4", "罗湖区", "2"),
        ("P17_CW_RECYCLING", "2025Q4", "龙华区", "7"),
        ("P17_CW_RECYCLING", "2025Q4", "龙岗区", "6"),
    ],
}


def _actuals(rows: list[dict[str, str]]) -> list[tuple[str, str, str, str]]:
    assert {r["upload_id"] for r in rows} == {"1"}
    return sorted((r["code"], r["period"], r["district"], r["value"]) for r in rows)


@pytest.mark.parametrize("name", sorted(GOOD_ACTUALS))
def test_good_actuals_file_lands_with_exactly_the_intended_values(db, tmp_path, name):
    result = run(db, "ingest", str(FILES / "good" / name), "--kind", "actuals", "--user", "张敏",
                 "--confirm-unusual")
    assert result.exit_code == 0, result.output
    n = len(GOOD_ACTUALS[name])
    assert result.output.endswith(f"已提交第 1 号上传：新增 {n} 行，修订 0 行，未变 0 行\n")
    assert _actuals(exported_rows(db, tmp_path / "out", "actuals.csv")) == sorted(GOOD_ACTUALS[name])


def test_a_value_100x_off_its_quarter_is_shown_for_checking_and_lands_only_when_confirmed(db, tmp_path):
    before = snapshot(db, tmp_path / "before")
    path = str(FILES / "good" / "thousands.csv")  # 12,345,678 in 2025Q2, then 1,200 in 2025Q3
    refused = run(db, "ingest", path, "--kind", "actuals")
    assert refused.exit_code == 1
    assert "请核实" in refused.output and "--confirm-unusual" in refused.output
    assert "累计数比上一期（2025Q2：12,345,678）还少" in refused.output
    assert snapshot(db, tmp_path / "after") == before
    assert run(db, "ingest", path, "--kind", "actuals", "--confirm-unusual").exit_code == 0


def test_good_excel_file_with_a_named_sheet_lands(db, tmp_path):
    result = run(db, "ingest", str(FILES / "good" / "named_sheet.xlsx"), "--sheet", "实际值")
    assert result.exit_code == 0, result.output
    assert _actuals(exported_rows(db, tmp_path / "out", "actuals.csv")) == [
        ("P02_GREEN_MFG", "2025Q4", "罗湖区", "130"),
        ("P06_IRRIGATION", "2025Q4", "罗湖区", "0.6"),
        ("P17_CW_RECYCLING", "2025Q4", "罗湖区", "96.25"),
    ]


@pytest.mark.parametrize("name, expected", [
    ("task_status_gbk.csv", [
        {"task_no": "1", "period": "2025Q4", "status": "已完成", "note": "已印发实施方案", "unit": "市发展改革委",
         "upload_id": "1"},
        {"task_no": "12", "period": "2025Q4", "status": "推进中", "note": "", "unit": "市工业和信息化局",
         "upload_id": "1"},
        {"task_no": "140", "period": "2025Q4", "status": "滞后", "note": "资金未到位", "unit": "", "upload_id": "1"},
    ]),
    ("task_status.xlsx", [
        {"task_no": "7", "period": "2026Q3", "status": "未启动", "note": "", "unit": "", "upload_id": "1"},
        {"task_no": "8", "period": "2026Q3", "status": "已完成", "note": "验收", "unit": "", "upload_id": "1"},
    ]),
])
def test_good_task_status_file_lands(db, tmp_path, name, expected):
    result = run(db, "ingest", str(FILES / "good" / name), "--kind", "task-status")
    assert result.exit_code == 0, result.output
    assert exported_rows(db, tmp_path / "out", "task_status.csv") == expected


def test_good_targets_file_sets_a_pending_target_and_adds_new_ones(db, tmp_path):
    result = run(db, "ingest", str(FILES / "good" / "targets.csv"), "--kind", "targets", "--user", "admin")
    assert result.exit_code == 0, result.output
    assert result.output == "已提交第 1 号上传：新增 3 行，修订 1 行，未变 0 行\n"
    got = {(r["code"], r["target_year"]): r["target_value"]
           for r in exported_rows(db, tmp_path / "out", "targets.csv")}
    assert got[("P17_CW_RECYCLING", "2025")] == "95"  # was 90 in the catalog
    assert got[("P17_CW_RECYCLING", "2030")] == "98"
    assert got[("P02_GREEN_MFG", "2030")] == "200"
    assert got[("P06_IRRIGATION", "2030")] == "0.65"
    assert got[("P06_IRRIGATION", "2025")] == ""  # still pending
