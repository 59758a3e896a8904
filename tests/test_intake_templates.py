"""Upload templates: pre-filled from the catalog, Excel-friendly, and parse back through check()."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from intake import Context, parse_upload, template
from tests.helpers import INDICATORS

CTX = Context(INDICATORS, latest_period="2026Q3", task_count=5)

# the values an analyst types into the empty columns, by header
FILL = {
    "actuals": {"数值": ["95", "128", "0.6", "3.5%"]},
    "task-status": {"状态": ["已完成", "推进中", "滞后", "未启动", "推进中"]},
    "targets": {"目标年份": ["2030"] * 4, "目标值": ["98", "200", "0.65", "5"]},
}


def _frame(kind: str, fmt: str) -> pd.DataFrame:
    data = template(kind, CTX, fmt)
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_actuals_template_is_prefilled_from_the_catalog(fmt):
    frame = _frame("actuals", fmt)
    assert list(frame.columns) == ["指标代码", "指标名称", "单位", "报告期", "区", "数值", "备注"]
    assert frame["指标代码"].tolist() == INDICATORS["code"].tolist()
    assert frame["单位"].tolist() == ["%", "家", "", "%"]
    assert set(frame["报告期"]) == {"2026Q3"} and set(frame["区"]) == {"全市"} and set(frame["数值"]) == {""}


def test_task_template_numbers_every_task():
    frame = _frame("task-status", "csv")
    assert list(frame.columns) == ["任务编号", "报告期", "状态", "进展说明", "填报单位"]
    assert frame["任务编号"].tolist() == ["1", "2", "3", "4", "5"]


@pytest.mark.parametrize("kind", ["actuals", "task-status", "targets"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_filled_template_parses_back(kind, fmt):
    frame = _frame(kind, fmt)
    for header, values in FILL[kind].items():
        frame[header] = values
    data = frame.to_csv(index=False).encode("utf-8-sig")
    result = parse_upload(data, "filled.csv", kind, CTX)
    assert result.ok, result.errors.to_dict("records")
    assert len(result.rows) == len(frame)


def test_untouched_template_is_refused_for_its_empty_values_only():
    result = parse_upload(template("actuals", CTX, "xlsx"), "t.xlsx", "actuals", CTX)
    assert result.error_count == 4
    assert set(result.errors["problem"]) == {"数值为空"}


def test_filled_xlsx_template_parses_back_as_excel():
    book = load_workbook(io.BytesIO(template("targets", CTX, "xlsx")))
    sheet = book["目标值"]
    for row, (year, value) in enumerate(
        zip(FILL["targets"]["目标年份"], FILL["targets"]["目标值"], strict=True), start=2
    ):
        headers = [c.value for c in sheet[1]]
        sheet.cell(row=row, column=headers.index("目标年份") + 1, value=int(year))
        sheet.cell(row=row, column=headers.index("目标值") + 1, value=float(value))
    out = io.BytesIO()
    book.save(out)
    result = parse_upload(out.getvalue(), "t.xlsx", "targets", CTX)
    assert result.ok, result.errors.to_dict("records")
    assert result.rows["target_value"].tolist() == [98.0, 200.0, 0.65, 5.0]


def test_csv_template_has_a_bom_so_excel_reads_it_as_utf8():
    assert template("actuals", CTX, "csv").startswith(b"\xef\xbb\xbf\xe6\x8c\x87")


def test_xlsx_template_has_a_styled_frozen_header_and_widths():
    book = load_workbook(io.BytesIO(template("actuals", CTX, "xlsx")))
    assert book.sheetnames == ["实际值", "填写说明"]
    sheet = book["实际值"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width


def test_unknown_format_is_a_programming_error():
    with pytest.raises(ValueError):
        template("actuals", CTX, "ods")
