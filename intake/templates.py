"""Blank upload templates (CSV or .xlsx) pre-filled from the catalog, which parse back through check()."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intake.context import Context
from intake.schemas import schema
from intake.settings import CITY_WIDE, TARGET_YEAR_MAX, TARGET_YEAR_MIN, TASK_STATUSES

SHEET_NAMES: dict[str, str] = {"actuals": "实际值", "task-status": "任务进展", "project-status": "工程进展",
                               "targets": "目标值"}

# header -> note shown in the 填写说明 sheet
_NOTES: dict[str, str] = {
    "指标代码": "不要修改；按代码识别指标（写成指标的完整名称也可识别）",
    "指标名称": "可不改；如填写，须与指标代码一致，否则该行不被接受",
    "单位": "可不改；如填写，须与指标的单位一致",
    "报告期": "季度，例如 2025Q4 或 2025年第四季度",
    "区": "全市，或区名（如 福田区）；留空表示全市；不接受“市本级”",
    "数值": "按“单位”填写的数字；% 指标可写 34、34% 或设为百分比格式；没有数据的行可留空（上传时跳过）",
    "备注": "可选",
    "任务编号": "1 起的整数，不要修改（“序号”列只作行号，不当作任务编号）",
    "状态": "、".join(TASK_STATUSES) + " 之一；未填写的行上传时跳过",
    "进展说明": "可选；列名也可写“进展情况”",
    "填报单位": "可选",
    "工程编号": "1–25 的整数，不要修改（也可写“（十七）”“工程17”“第17项”）",
    "形象进度": "可选；完成百分比 0–100，可写 45 或 45%",
    "完成投资": "可选；累计完成投资，单位万元，不小于 0",
    "目标年份": f"{TARGET_YEAR_MIN}–{TARGET_YEAR_MAX} 之间的年份，例如 2030",
    "目标值": "按“单位”填写的数字",
}

# What the reader accepts beyond the columns, for the 填写说明 sheet.
_READER_NOTES: tuple[str, ...] = (
    "可以在表头上方保留标题行、“填报单位/填报日期”行和空行；表头按列名识别。",
    "工作簿可以另有说明表、图表；读取的是表头与本类数据相符的可见工作表，隐藏的工作表不读取。"
    "多个工作表都有数据时，请在上传页选择其中一个。",
    "Excel 中设为百分比格式的数值按显示的百分数读取（0.951 显示为 95.1%，读作 95.1）。",
    "公式须有计算结果：请在 Excel 中打开、保存后再上传；错误值（#DIV/0!、#N/A 等）不被接受。",
    "区县填报的文件请保留“区”列；标题写着某区而没有“区”列的文件不被接受，以免记成全市。",
    "与历史相比异常的数值（如把 88% 写成 0.88、相差 10 倍以上、累计数下降）需在预览中核实确认后才能提交。",
)


def template_frame(kind: str, ctx: Context) -> pd.DataFrame:
    """The template's table: the kind's headers (Chinese) with the rows pre-filled from the catalog."""
    headers = [c.header for c in schema(kind) if c.field != "seq"]
    ind = ctx.indicators
    if kind == "actuals":
        filled = {
            "指标代码": ind["code"].astype(str),
            "指标名称": ind["name"].astype(str),
            "单位": ind["unit"].fillna("").astype(str),
            "报告期": ctx.latest_period,
            "区": CITY_WIDE,
        }
        size = len(ind)
        if "by_district" in ind.columns:  # an indicator reported by district gets a row per district
            repeat = [len(ctx.districts) if bool(b) else 1 for b in ind["by_district"].fillna(False)]
            ind = ind.loc[ind.index.repeat(repeat)].reset_index(drop=True)
            within = ind.groupby("code", sort=False).cumcount()
            districts = pd.Series(ctx.districts)
            filled.update({
                "指标代码": ind["code"].astype(str),
                "指标名称": ind["name"].astype(str),
                "单位": ind["unit"].fillna("").astype(str),
                "区": districts.iloc[within.to_numpy() % len(districts)].reset_index(drop=True),
            })
            size = len(ind)
    elif kind == "task-status":
        filled = {
            "任务编号": pd.Series(range(1, ctx.task_count + 1)).astype(str),
            "报告期": ctx.latest_period,
        }
        size = ctx.task_count
        headers.remove("任务名称")
    elif kind == "project-status":
        filled = {
            "工程编号": pd.Series(range(1, ctx.project_count + 1)).astype(str),
            "报告期": ctx.latest_period,
        }
        size = ctx.project_count
        headers.remove("工程名称")
    else:
        filled = {
            "指标代码": ind["code"].astype(str),
            "指标名称": ind["name"].astype(str),
            "单位": ind["unit"].fillna("").astype(str),
            "区": CITY_WIDE,  # a district's own target: the district's name instead
        }
        size = len(ind)
    frame = pd.DataFrame(index=range(size))
    for header in headers:
        value = filled.get(header, "")
        frame[header] = value.to_numpy() if isinstance(value, pd.Series) else value
    return frame


def template(kind: str, ctx: Context, fmt: str) -> bytes:
    """A blank template for an upload kind: fmt 'csv' (UTF-8 with BOM, so Excel opens it) or 'xlsx'."""
    frame = template_frame(kind, ctx)
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx(frame, SHEET_NAMES[kind])
    raise ValueError(f"unknown template format {fmt!r}; expected 'csv' or 'xlsx'")


def _xlsx(frame: pd.DataFrame, sheet_name: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        sheet.append([None if v == "" else v for v in record])
    bold, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="2F5597")
    for position, header in enumerate(frame.columns, start=1):
        cell = sheet.cell(row=1, column=position)
        cell.font, cell.fill, cell.alignment = bold, fill, Alignment(horizontal="center")
        longest = max([len(str(header))] + [len(str(v)) for v in frame[header].head(500)])
        sheet.column_dimensions[get_column_letter(position)].width = min(60, max(10, longest * 2 + 2))
        for row in range(2, len(frame) + 2):  # text cells, so Excel keeps '2025Q4' and codes as typed
            sheet.cell(row=row, column=position).number_format = "@" if header != "数值" else "General"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    notes.append(["列名", "说明"])
    for header in frame.columns:
        notes.append([header, _NOTES.get(header, "")])
    notes.append([])
    for line in _READER_NOTES:
        notes.append(["", line])
    notes["A1"].font = notes["B1"].font = Font(bold=True)
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 14, 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
