"""Write the upload test corpus: tests/files/bad (one file per refusal rule, plus EXPECTED.csv) and tests/files/good.

Run from the repository root: `.venv/bin/python scripts/make_test_corpus.py`. The files are committed so the
corpus is reviewable; re-running rewrites them byte for byte (xlsx timestamps are fixed). Each bad file breaks
exactly one rule; EXPECTED.csv gives its kind, the sheet to read, and the one error expected (row as Excel shows
it, blank for a whole-file refusal; the column as written; substrings of the problem and of the fix). The good
files' intended values are written out in tests/test_intake_corpus.py.

Indicators used (the test context): P17_CW_RECYCLING 建筑垃圾综合利用率 (%), P02_GREEN_MFG 累计创建绿色制造示范
单位数 (家), P06_IRRIGATION 农田灌溉水有效利用系数 (coefficient, unit ''), P18_SEA_RAIL 海铁联运占比 (%);
latest period 2026Q3, 140 tasks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent / "tests" / "files"
FIXED_TIME = dt.datetime(2026, 1, 1)

A = "指标代码,报告期,区,数值\n"  # the actuals header most bad files use
T = "任务编号,报告期,状态,进展说明\n"
G = "指标代码,目标年份,目标值\n"


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx with the given sheets (rows of cell values, None for empty), fixed timestamps."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.properties.created = book.properties.modified = FIXED_TIME
    out = io.BytesIO()
    book.save(out)
    return _fix_zip_times(out.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so the corpus is reproducible."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-01T00:00:00Z", content)
            dst.writestr(fixed, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    """A small .xlsx-shaped zip whose one sheet unpacks to 64 MB of spaces (ratio about 1000)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<workbook/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, b" " * (64 * 1024 * 1024))
    return out.getvalue()


GOOD_XLSX = xlsx({"实际值": [["指标代码", "报告期", "数值"], ["P17_CW_RECYCLING", "2025Q4", 34.5]]})

# file -> (bytes, kind, sheet, row, column, problem substring, fix substring)
# fmt: off
BAD: dict[str, tuple[bytes, str, str, str, str, str, str]] = {
    "unknown_code.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,30\nP99_NOPE,2025Q4,全市,1\n").encode(), "actuals", "", "3", "指标代码", "未知的指标代码“P99_NOPE”", "从模板中复制"),
    "code_is_name.csv": ((A + "建筑垃圾综合利用率,2025Q4,全市,30\n").encode(), "actuals", "", "2", "指标代码", "未知的指标代码", "对应的指标代码是 P17_CW_RECYCLING"),
    "code_truncated.csv": ((A + "P18,2025Q4,全市,30\n").encode(), "actuals", "", "2", "指标代码", "未知的指标代码“P18”", "P18_SEA_RAIL"),
    "code_empty.csv": ((A + ",2025Q4,全市,30\n").encode(), "actuals", "", "2", "指标代码", "指标代码为空", "请填写指标代码"),
    "period_quarter_5.csv": ((A + "P17_CW_RECYCLING,2025Q5,全市,30\n").encode(), "actuals", "", "2", "报告期", "季度不在 1–4 之内", "2025Q4"),
    "period_future.csv": ((A + "P17_CW_RECYCLING,2026Q4,全市,30\n").encode(), "actuals", "", "2", "报告期", "报告期 2026Q4 尚未结束", "季度结束后"),
    "period_too_old.csv": ((A + "P17_CW_RECYCLING,2014Q4,全市,30\n").encode(), "actuals", "", "2", "报告期", "早于 2015Q1", "核对"),
    "period_year_only.csv": ((A + "P17_CW_RECYCLING,2025,全市,30\n").encode(), "actuals", "", "2", "报告期", "只有年份", "2025Q4"),
    "period_month.csv": ((A + "P17_CW_RECYCLING,2025-10,全市,30\n").encode(), "actuals", "", "2", "报告期", "像是年月", "2025Q4"),
    "period_date_text.csv": ((A + "P17_CW_RECYCLING,2025/12/31,全市,30\n").encode(), "actuals", "", "2", "报告期", "是日期，不是季度", "2025Q4"),
    "period_no_year.csv": ((A + "P17_CW_RECYCLING,Q4,全市,30\n").encode(), "actuals", "", "2", "报告期", "缺少年份", "2025Q4"),
    "period_date_cell.xlsx": (xlsx( {"Sheet1": [["指标代码", "报告期", "数值"], ["P17_CW_RECYCLING", dt.datetime(2025, 12, 31), 30]]} ), "actuals", "", "2", "报告期", "“2025-12-31”是日期", "文本"),
    "value_not_number.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,N/A\n").encode(), "actuals", "", "2", "数值", "“N/A”不是数字", "请填写数字"),
    "value_dash.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,-\n").encode(), "actuals", "", "2", "数值", "“-”不是数字", "请填写数字"),
    "value_empty.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,\n").encode(), "actuals", "", "2", "数值", "数值为空", "删除这一行"),
    "value_chinese_numeral.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,三十\n").encode(), "actuals", "", "2", "数值", "阿拉伯数字", "30"),
    "value_formula_text.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,=B2*2\n").encode(), "actuals", "", "2", "数值", "公式不能作为数值", "选择性粘贴"),
    "value_ambiguous_comma.csv": ((A + 'P17_CW_RECYCLING,2025Q4,全市,"12,34"\n').encode(), "actuals", "", "2", "数值", "千分位", "1234.5"),
    "value_european.csv": ((A + 'P02_GREEN_MFG,2025Q4,全市,"1.234,5"\n').encode(), "actuals", "", "2", "数值", "千分位", "1234.5"),
    "percent_above_100.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,120\n").encode(), "actuals", "", "2", "数值", "数值 120 超出单位“%”的合理范围（0–100）", "核对"),
    "percent_negative.csv": ((A + "P18_SEA_RAIL,2025Q4,全市,-5\n").encode(), "actuals", "", "2", "数值", "数值 -5 超出单位“%”", "核对"),
    "count_negative.csv": ((A + "P02_GREEN_MFG,2025Q4,全市,-3\n").encode(), "actuals", "", "2", "数值", "数值 -3 超出单位“家”的合理范围（≥ 0）", "核对"),
    "count_fraction.csv": ((A + "P02_GREEN_MFG,2025Q4,全市,12.5\n").encode(), "actuals", "", "2", "数值", "须为整数", "整数"),
    "count_percent_sign.csv": ((A + "P02_GREEN_MFG,2025Q4,全市,12%\n").encode(), "actuals", "", "2", "数值", "不能带百分号", "去掉 %"),
    "coefficient_above_1.csv": ((A + "P06_IRRIGATION,2025Q4,全市,1.2\n").encode(), "actuals", "", "2", "数值", "数值 1.2 超出单位“”的合理范围（0–1）", "核对"),
    "district_unknown.csv": ((A + "P17_CW_RECYCLING,2025Q4,火星区,30\n").encode(), "actuals", "", "2", "区", "未知的区“火星区”", "福田区"),
    "duplicate_actual.csv": (( A + "P17_CW_RECYCLING,2025Q4,福田区,30\nP17_CW_RECYCLING,2025Q3,福田区,31\nP17_CW_RECYCLING,2025年第四季度,福田,32\n" ).encode(), "actuals", "", "4", "指标代码", "与第 2 行重复", "删除重复"),
    "status_synonym.csv": ((T + "12,2025Q4,进行中,\n").encode(), "task-status", "", "2", "状态", "状态“进行中”不在可选范围内", "如指“推进中”"),
    "status_empty.csv": ((T + "12,2025Q4,,说明\n").encode(), "task-status", "", "2", "状态", "状态为空", "请填写状态"),
    "task_no_zero.csv": ((T + "0,2025Q4,推进中,\n").encode(), "task-status", "", "2", "任务编号", "任务编号 0 超出范围 1–140", "核对"),
    "task_no_141.csv": ((T + "141,2025Q4,推进中,\n").encode(), "task-status", "", "2", "任务编号", "任务编号 141 超出范围 1–140", "核对"),
    "task_no_text.csv": ((T + "第12项,2025Q4,推进中,\n").encode(), "task-status", "", "2", "任务编号", "“第12项”不是整数", "只填数字"),
    "duplicate_task.csv": ((T + "12,2025Q4,推进中,\n12,2025q4,已完成,\n").encode(), "task-status", "", "3", "任务编号", "与第 2 行重复", "删除重复"),
    "target_year_range.csv": ((G + "P17_CW_RECYCLING,2070,60\n").encode(), "targets", "", "2", "目标年份", "目标年份 2070 超出范围 2023–2060", "核对"),
    "target_year_text.csv": ((G + "P17_CW_RECYCLING,十四五末,60\n").encode(), "targets", "", "2", "目标年份", "不是四位整数年份", "2030"),
    "target_value_above_100.csv": ((G + "P17_CW_RECYCLING,2030,150\n").encode(), "targets", "", "2", "目标值", "数值 150 超出单位“%”", "核对"),
    "duplicate_target.csv": ((G + "P17_CW_RECYCLING,2030,60\np17_cw_recycling,2030.0,65\n").encode(), "targets", "", "3", "指标代码", "与第 2 行重复", "删除重复"),
    "header_unknown.csv": (("指标代码,报告期,数值,数量\nP17_CW_RECYCLING,2025Q4,30,1\n").encode(), "actuals", "", "1", "数量", "无法识别的列名“数量”", "指标代码/code"),
    "header_missing_period.csv": (("指标代码,数值\nP17_CW_RECYCLING,30\n").encode(), "actuals", "", "1", "报告期", "缺少必填列“报告期”", "period"),
    "header_duplicate.csv": (("指标代码,报告期,数值,实际值\nP17_CW_RECYCLING,2025Q4,30,30\n").encode(), "actuals", "", "1", "实际值", "表示同一项", "只保留其中一列"),
    "header_empty_with_data.csv": (("指标代码,报告期,数值,\nP17_CW_RECYCLING,2025Q4,30,x\n").encode(), "actuals", "", "1", "", "第 4 列有数据，但表头是空的", "补上列名"),
    "empty.csv": (b"", "actuals", "", "", "", "文件没有数据行", "填写数据"),
    "header_only.csv": (A.encode(), "actuals", "", "", "", "文件没有数据行", "填写数据"),
    "blank_lines_only.csv": (b"\r\n,,,\r\n\r\n", "actuals", "", "", "", "文件没有数据行", "填写数据"),
    "ragged_row.csv": ((A + "P17_CW_RECYCLING,2025Q4,全市,30\nP18_SEA_RAIL,2025Q4,全市,30,多出来的\n").encode(), "actuals", "", "", "", "第 3 行的列数与表头不一致", "多了逗号"),
    "binary_junk.csv": (bytes(range(256)) * 8, "actuals", "", "", "", "无法按文本读取", "CSV UTF-8"),
    "csv_renamed.xlsx": ((A + "P17_CW_RECYCLING,2025Q4,全市,30\n").encode(), "actuals", "", "", "", "内容不是 Excel 工作簿", "改为 .csv"),
    "xlsx_renamed.csv": (GOOD_XLSX, "actuals", "", "", "", "内容是 Excel 工作簿", "改为 .xlsx"),
    "truncated.xlsx": (GOOD_XLSX[: len(GOOD_XLSX) // 2], "actuals", "", "", "", "Excel 文件已损坏或不完整", "重新保存"),
    "old_format.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "actuals", "", "", "", "不支持旧版 Excel 97-2003", "另存为” .xlsx"),
    "not_a_table.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "actuals", "", "", "", "不支持的文件类型“.pdf”", ".csv 或 .xlsx"),
    "zip_bomb.xlsx": (zip_bomb(), "actuals", "", "", "", "压缩比异常", "重新保存"),
    "missing_sheet.xlsx": (GOOD_XLSX, "actuals", "数据", "", "", "没有名为“数据”的工作表", "“实际值”"),
}
# fmt: on


GOOD: dict[str, bytes] = {
    # GBK (what Excel on Chinese Windows writes for "CSV (逗号分隔)"), Chinese headers, CRLF, template columns
    "gbk_chinese_headers.csv": (
        "指标代码,指标名称,单位,报告期,区,数值,备注\r\n"
        "P17_CW_RECYCLING,建筑垃圾综合利用率,%,2025Q4,全市,95.5,含拆除垃圾\r\n"
        "P02_GREEN_MFG,累计创建绿色制造示范单位数,家,2025Q4,福田区,128,\r\n"
        "P06_IRRIGATION,农田灌溉水有效利用系数,,2025Q4,深汕特别合作区,0.62,统计局口径\r\n"
    ).encode("gbk"),
    # "CSV UTF-8 (逗号分隔)": UTF-8 with BOM; district short forms and 深圳市
    "utf8_bom.csv": (
        "指标代码,报告期,区,数值\n"
        "P18_SEA_RAIL,2026Q1,南山,3.2\n"
        "P18_SEA_RAIL,2026Q2,深圳市,3.4\n"
        "P18_SEA_RAIL,2026Q3,,3.9\n"
    ).encode("utf-8-sig"),
    # plain UTF-8, English headers in another order and case, lower-case codes
    "utf8_english.csv": (
        "Period,Code,Value,District,Note\n"
        "2025q3,p17_cw_recycling,91,宝安区,draft\n"
        "2025Q4,P02_green_mfg,130,龙岗区,\n"
    ).encode(),
    # xlsx with Chinese headers: data on the sheet named 实际值 (not the first), header in row 3, numbers as
    # numbers (130.0 arrives as 130), a unit suffix in a header
    "named_sheet.xlsx": xlsx(
        {
            "说明": [["本表由区统计局填报"]],
            "实际值": [
                ["2025年第四季度 清洁生产指标"],
                [],
                ["指标代码", "指标名称", "报告期", "区", "数值（%）", "备注"],
                ["P17_CW_RECYCLING", "建筑垃圾综合利用率", "2025Q4", "罗湖区", 96.25, None],
                ["P02_GREEN_MFG", "累计创建绿色制造示范单位数", "2025Q4", "罗湖区", 130.0, "年报"],
                [],
                ["P06_IRRIGATION", None, "2025Q4", "罗湖区", 0.6, None],
            ],
        }
    ),
    # percent signs, with a space and full-width
    "percent_signs.csv": (
        "指标代码,报告期,区,数值\n"
        "P17_CW_RECYCLING,2025Q4,全市,34%\n"
        "P17_CW_RECYCLING,2025Q4,福田区,34.5 %\n"
        "P18_SEA_RAIL,2025Q4,全市,３．５％\n"
    ).encode(),
    # full-width digits, letters and minus in every column
    "fullwidth.csv": (
        "指标代码,报告期,区,数值\n"
        "Ｐ０２＿ＧＲＥＥＮ＿ＭＦＧ,２０２５Ｑ４,全市,１２８\n"
        "P06_IRRIGATION,２０２５年第４季度,全市,０．６１\n"
    ).encode(),
    # thousands separators (quoted, as Excel writes them)
    "thousands.csv": (
        "指标代码,报告期,区,数值\n"
        'P02_GREEN_MFG,2025Q4,全市,"1,234"\n'
        'P02_GREEN_MFG,2025Q3,全市,"1,200.0"\n'
        'P02_GREEN_MFG,2025Q2,全市,"12,345,678"\n'
    ).encode("gb18030"),
    # stray spaces in headers and cells, header with a unit suffix in full-width brackets
    "stray_spaces.csv": (
        " 指标代码 , 报告期 ,区 , 数值（%） , 备注\n"
        "  P17_CW_RECYCLING ,  2025 Q4 , 福田区 ,  88.5 ,  说明 \n"
        "P18_SEA_RAIL , 2025-Q4,  全市  , 4 ,\n"
    ).encode(),
    # tab-delimited (copied out of Excel)
    "tab_delimited.csv": (
        "指标代码\t报告期\t区\t数值\n"
        "P17_CW_RECYCLING\t2025Q4\t盐田区\t97\n"
        "P06_IRRIGATION\t2025Q4\t盐田区\t0.58\n"
    ).encode("gb18030"),
    # semicolon-delimited
    "semicolon.csv": ("指标代码;报告期;数值\nP18_SEA_RAIL;2025Q2;2.5\n").encode(),
    # Excel's "Unicode 文本 (*.txt)": UTF-16 with BOM, tab-delimited
    "unicode_text.txt": ("指标代码\t报告期\t数值\r\nP18_SEA_RAIL\t2025Q1\t2.25\r\n").encode("utf-16"),
    # every accepted way of writing a period, one per row (distinct districts keep the keys apart)
    "all_period_forms.csv": (
        "指标代码,报告期,区,数值\n"
        "P17_CW_RECYCLING,2025Q4,福田区,1\n"
        "P17_CW_RECYCLING,2025q4,罗湖区,2\n"
        "P17_CW_RECYCLING,2025-Q4,盐田区,3\n"
        "P17_CW_RECYCLING,2025 Q4,南山区,4\n"
        "P17_CW_RECYCLING,2025年第四季度,宝安区,5\n"
        "P17_CW_RECYCLING,2025年4季度,龙岗区,6\n"
        "P17_CW_RECYCLING,2025年第4季度,龙华区,7\n"
        "P17_CW_RECYCLING,2025年四季度,坪山区,8\n"
        "P17_CW_RECYCLING,2025-4季度,光明区,9\n"
        "P17_CW_RECYCLING,２０２５Ｑ４,大鹏新区,10\n"
        "P17_CW_RECYCLING,2015年第一季度,全市,11\n"
    ).encode(),
    # blank rows before the header, in the middle and at the end: row numbers stay as Excel shows them
    "blank_rows.csv": (
        "\n,,,\n"
        "指标代码,报告期,区,数值\n"
        "P17_CW_RECYCLING,2025Q3,全市,90\n"
        ",,,\n"
        "P17_CW_RECYCLING,2025Q4,全市,92\n"
        ",,,\n\n"
    ).encode(),
    # task status, GBK, Chinese headers; task numbers as Excel may write them
    "task_status_gbk.csv": (
        "任务编号,报告期,状态,进展说明,填报单位\r\n"
        "1,2025Q4,已完成,已印发实施方案,市发展改革委\r\n"
        "12.0,2025Q4,推进中,,市工业和信息化局\r\n"
        "140,2025年第四季度, 滞后 ,资金未到位,\r\n"
    ).encode("gbk"),
    # task status in xlsx with English headers, numbers as number cells, no unit column
    "task_status.xlsx": xlsx(
        {
            "Sheet1": [
                ["task_no", "period", "status", "note"],
                [7, "2026Q3", "未启动", None],
                [8.0, "2026Q3", "已完成", "验收"],
            ]
        }
    ),
    # targets with the template's informational columns, a year written with 年
    "targets.csv": (
        "指标代码,指标名称,单位,目标年份,目标值\n"
        "P17_CW_RECYCLING,建筑垃圾综合利用率,%,2025,95\n"
        "P17_CW_RECYCLING,建筑垃圾综合利用率,%,2030年,98%\n"
        "P02_GREEN_MFG,累计创建绿色制造示范单位数,家,2030,200\n"
        "P06_IRRIGATION,农田灌溉水有效利用系数,,2030,0.65\n"
    ).encode("utf-8-sig"),
}


def main() -> None:
    bad, good = ROOT / "bad", ROOT / "good"
    for folder in (bad, good):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
    rows = []
    for name, (data, kind, sheet, row, column, problem, fix) in BAD.items():
        (bad / name).write_bytes(data)
        rows.append([name, kind, sheet, row, column, problem, fix])
    with open(bad / "EXPECTED.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["file", "kind", "sheet", "row", "column", "problem", "fix"])
        writer.writerows(rows)
    for name, data in GOOD.items():
        (good / name).write_bytes(data)
    print(f"wrote {len(BAD)} bad and {len(GOOD)} good files under {ROOT}")


if __name__ == "__main__":
    main()
