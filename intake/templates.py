"""Blank upload templates (CSV or .xlsx) pre-filled from the catalog, which parse back through check()."""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intake.context import Context
from intake.kinds import UploadKind, upload_kind

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
    entry = upload_kind(kind)
    filled, size = entry.prefill(ctx)
    frame = pd.DataFrame(index=range(size))
    for column in entry.columns:
        if column.ignored:  # 序号, 任务名称: accepted in a file, not offered in the template
            continue
        value = filled.get(column.field, "")
        frame[column.header] = value.to_numpy() if isinstance(value, pd.Series) else value
    return frame


def template(kind: str, ctx: Context, fmt: str) -> bytes:
    """A blank template for an upload kind: fmt 'csv' (UTF-8 with BOM, so Excel opens it) or 'xlsx'."""
    frame = template_frame(kind, ctx)
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
    if fmt == "xlsx":
        return _xlsx(frame, upload_kind(kind))
    raise ValueError(f"unknown template format {fmt!r}; expected 'csv' or 'xlsx'")


def _xlsx(frame: pd.DataFrame, kind: UploadKind) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = kind.sheet
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
    for column in kind.columns:
        if column.header in frame.columns:
            notes.append([column.header, column.note])
    notes.append([])
    for line in _READER_NOTES:
        notes.append(["", line])
    notes["A1"].font = notes["B1"].font = Font(bold=True)
    notes.column_dimensions["A"].width, notes.column_dimensions["B"].width = 14, 70
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
