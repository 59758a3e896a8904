"""The expected outcome of every file in tests/files/workbooks/ (built by tests/corpus/build.py).

Land: the file is accepted and exactly these rows land — (row as Excel shows it, then every field of the kind:
    actuals code, period, district, value, note; task-status task_no, period, status, note, unit). Values are
    compared to 1e-9 (95.1, never 0.951 or 95.10000000000001 beyond that).
Refuse: the file is refused; among its errors is one at `row` (None: the whole file) and `column` (the header as
    written in the file; '' for the whole file) whose problem + fix contain every keyword (a tuple inside
    `keywords` means any one of those words) and none of `absent` (words of a misleading message). Where the
    design may fairly refuse at the sheet level or at the header, `row` / `column` list the acceptable answers.
Either: any one of the options (several visible sheets with the same header: refused naming them, or all land).

sheet: passed to parse_upload (the analyst's pick). sheet_used: for a landed workbook, the sheet the result must
name. notices: words that the preview notices must contain (e.g. how many template rows were skipped).
hostile: parsed only in a child process (it may abort or exhaust memory in a broken reader).
"""

from __future__ import annotations

from dataclasses import dataclass

P17, P02, P06, P18 = "P17_CW_RECYCLING", "P02_GREEN_MFG", "P06_IRRIGATION", "P18_SEA_RAIL"

Keyword = str | tuple[str, ...]


@dataclass(frozen=True)
class Land:
    rows: tuple[tuple, ...]
    any_order: bool = False


@dataclass(frozen=True)
class Refuse:
    row: int | None | tuple[int | None, ...]
    column: str | tuple[str, ...]
    keywords: tuple[Keyword, ...]
    absent: tuple[str, ...] = ()


@dataclass(frozen=True)
class Either:
    options: tuple[Land | Refuse, ...]


@dataclass(frozen=True)
class Case:
    file: str
    kind: str
    imitates: str
    expect: Land | Refuse | Either
    sheet: str | None = None
    sheet_used: str | None = None
    notices: tuple[str, ...] = ()
    hostile: bool = False


def land(*rows: tuple, any_order: bool = False) -> Land:
    return Land(tuple(rows), any_order)


WHOLE_FILE = (None, "")

# fmt: off
CASES: tuple[Case, ...] = (
    # --- 1. percent formats: Excel stores 0.951 and shows 95.1% ------------------------------------------------
    Case("pct_format_builtin.xlsx", "actuals",
         "Excel: 数值（%） column in built-in 0.00% / 0% formats, <v>0.95099999999999996</v> as Excel writes it",
         land((2, P17, "2025Q4", "全市", 95.1, ""), (3, P17, "2025Q4", "福田区", 96.23, ""),
              (4, P18, "2025Q4", "全市", 3.5, ""), (5, P18, "2025Q4", "南山区", 4.0, "")),
         sheet_used="Sheet1"),
    Case("pct_mixed_column.xlsx", "actuals",
         "one column mixing plain numbers with two cells pasted in a custom 0.0% format",
         land((2, P17, "2026Q1", "全市", 93.2, ""), (3, P17, "2026Q1", "福田区", 95.4, ""),
              (4, P17, "2026Q1", "罗湖区", 91.2, ""), (5, P17, "2026Q1", "盐田区", 90.0, ""),
              (6, P17, "2026Q1", "南山区", 96.8, ""), (7, P17, "2026Q1", "宝安区", 92.7, "")),
         sheet_used="汇总"),
    Case("pct_custom_wps.xlsx", "actuals",
         'WPS save: custom formats from id 176; "0.0%" scales, 0.0"%" and 0.0\\% only print a sign',
         land((2, P18, "2026Q2", "全市", 4.2, ""), (3, P18, "2026Q2", "盐田区", 7.1, ""),
              (4, P17, "2026Q2", "全市", 95.1, '格式为 0.0"%"'), (5, P17, "2026Q2", "龙岗区", 94.3, "")),
         sheet_used="Sheet1"),
    Case("pct_openpyxl.xlsx", "actuals", "an ordinary workbook whose value cells are formatted 0.0%",
         land((2, P17, "2026Q1", "全市", 95.8, ""), (3, P18, "2026Q1", "全市", 3.9, "季报")),
         sheet_used="Sheet"),
    Case("pct_format_after_typing.xlsx", "actuals", "95.1 typed, then formatted 0.0%: Excel shows 9510.0%",
         Refuse(2, "数值", ("9510",))),
    Case("pct_on_coefficient.xlsx", "actuals", "the irrigation coefficient 0.62 formatted as a percent (shows 62%)",
         Refuse(3, "数值", ("系数",), absent=("单位是“”",))),
    Case("pct_on_count.xlsx", "actuals", "a count (家) cell formatted as a percent (shows 128%)",
         Refuse(3, "数值", ("百分",))),
    Case("coefficient_percent_text.csv", "actuals", "a coefficient typed as 62% in a GBK CSV",
         Refuse(2, "数值", ("系数",), absent=("单位是“”",))),
    # --- 2. which sheet ----------------------------------------------------------------------------------------
    Case("hidden_first_sheet.xlsx", "actuals", "last quarter's sheet kept hidden in front of the current one",
         land((2, P17, "2025Q4", "全市", 93.5, ""), (3, P17, "2025Q4", "福田区", 94.1, "")), sheet_used="2025Q4"),
    Case("veryhidden_first_sheet.xlsx", "actuals",
         "a veryHidden backup sheet first and a hidden 代码表 lookup sheet (2 columns) after the data",
         land((2, P18, "2026Q3", "全市", 4.4, ""), (3, P06, "2026Q3", "全市", 0.633, "")), sheet_used="填报表"),
    Case("only_hidden_sheet_has_data.xlsx", "actuals", "blank visible Sheet1; the data sits in a hidden sheet",
         Refuse(*WHOLE_FILE, ("隐藏",))),
    Case("hidden_sheet_chosen.xlsx", "actuals", "the analyst picks a hidden sheet by name",
         Refuse(*WHOLE_FILE, ("隐藏", "备份")), sheet="备份"),
    Case("district_sheets.xlsx", "actuals", "one sheet per district (福田区/南山区/宝安区), same header with 区",
         Either((Refuse(*WHOLE_FILE, ("福田区", "南山区", "宝安区")),
                 land((2, P17, "2025Q4", "福田区", 91.2, ""), (3, P02, "2025Q4", "福田区", 31.0, ""),
                      (2, P17, "2025Q4", "南山区", 88.5, ""), (3, P02, "2025Q4", "南山区", 45.0, ""),
                      (2, P17, "2025Q4", "宝安区", 90.3, ""), (3, P02, "2025Q4", "宝安区", 52.0, ""),
                      any_order=True)))),
    Case("quarter_sheets.xlsx", "actuals", "one sheet per quarter (三季度/四季度), same header",
         Either((Refuse(*WHOLE_FILE, ("三季度", "四季度")),
                 land((2, P18, "2025Q3", "全市", 3.1, ""), (2, P18, "2025Q4", "全市", 3.3, ""), any_order=True)))),
    Case("district_sheet_chosen.xlsx", "actuals", "district sheets; the analyst picks 南山区",
         land((2, P17, "2026Q1", "南山区", 82.5, "")), sheet="南山区", sheet_used="南山区"),
    Case("district_sheets_no_column.xlsx", "actuals",
         "district sheets each titled 福田区…/南山区…/宝安区… and no 区 column",
         Refuse((None, 1, 2), ("", "区"), ("福田区",))),
    Case("readme_sheet_first.xlsx", "actuals", "a two-column 说明 sheet in front of the data sheet",
         land((2, P17, "2025Q4", "罗湖区", 96.0, ""), (3, P06, "2025Q4", "全市", 0.61, "统计局口径")),
         sheet_used="数据"),
    Case("chartsheet_first.xlsx", "actuals", "a chart sheet (chartsheet → drawing → chart) in front of the data",
         land((2, P18, "2026Q1", "全市", 3.6, ""), (3, P18, "2026Q2", "全市", 3.8, "")), sheet_used="数据"),
    Case("blank_sheet1_first.xlsx", "actuals", "an empty Sheet1 left in front of Sheet2",
         land((2, P02, "2026Q2", "光明区", 17.0, "")), sheet_used="Sheet2"),
    # --- 3. where the data belongs -----------------------------------------------------------------------------
    Case("district_title.xlsx", "actuals", "福田区's own file: merged title 福田区…, sheet 福田区, no 区 column",
         Refuse((None, 1, 3), ("", "区"), ("福田区",))),
    Case("district_title.csv", "actuals", "南山区's GBK CSV with a one-cell title line and no 区 column",
         Refuse((None, 1, 2), ("", "区"), ("南山区",))),
    Case("district_sheet_name.xlsx", "actuals", "sheet named 宝安区, no title, no 区 column",
         Refuse((None, 1), ("", "区"), ("宝安区",))),
    Case("district_sheet_with_column.xlsx", "actuals", "sheet and title 福田区 with a 区 column (all 福田区)",
         land((3, P17, "2026Q1", "福田区", 97.5, ""), (4, P02, "2026Q1", "福田区", 34.0, "")), sheet_used="福田区"),
    Case("city_title_no_column.xlsx", "actuals", "city-wide file titled 深圳市…, sheet 全市, no 区 column",
         land((3, P17, "2025Q4", "全市", 95.0, ""), (4, P06, "2025Q4", "全市", 0.62, "")), sheet_used="全市"),
    Case("shibenji.xlsx", "actuals", "市本级 (the city government's own share) as a district row",
         Refuse(3, "区", ("市本级",))),
    Case("shibenji.csv", "actuals", "市本级 in a UTF-8-BOM CSV", Refuse(2, "区", ("市本级",))),
    # --- 4. what a person sees in a cell -----------------------------------------------------------------------
    Case("styled_digits.xlsx", "actuals", "𝟗𝟓.𝟏 / 𝟮𝟬𝟮𝟱Q4 pasted from an article, as shared strings",
         land((2, P17, "2025Q4", "全市", 95.1, ""), (3, P17, "2025Q4", "福田区", 96.2, ""))),
    Case("styled_digits.csv", "actuals", "bold and double-struck digits in a UTF-8 CSV",
         land((2, P17, "2025Q4", "南山区", 95.1, ""), (3, P02, "2025Q4", "南山区", 128.0, ""))),
    Case("fullwidth_digits.xlsx", "actuals", "full-width ９５．１ and ２０２５Ｑ４ as inline strings",
         land((2, P17, "2025Q4", "全市", 95.1, ""), (3, P02, "2025Q4", "全市", 128.0, ""),
              (4, P06, "2025Q4", "全市", 0.62, ""))),
    Case("zero_width_codes.xlsx", "actuals", "ZWSP / BOM / ZWJ / word joiner inside codes, district and value",
         land((2, P17, "2025Q4", "全市", 95.5, ""), (3, P18, "2025Q4", "福田区", 3.2, ""),
              (4, P02, "2025Q4", "全市", 128.0, ""), (5, P06, "2025Q4", "全市", 0.62, ""))),
    Case("zero_width_codes.csv", "actuals", "codes copied from a web page (ZWSP, word joiner, NBSP)",
         land((2, P17, "2026Q1", "龙华区", 91.5, ""), (3, P18, "2026Q1", "全市", 3.7, ""))),
    Case("shared_and_inline_mixed.xlsx", "actuals",
         "reporting system: shared + inline strings, a t=\"str\" formula code, a number stored as text",
         land((2, P17, "2026Q2", "全市", 94.8, ""), (3, P06, "2026Q2", "全市", 0.64, "自动导出")), sheet_used="导出"),
    Case("dimension_lie.xlsx", "actuals", "<dimension ref=\"A1:D2\"> while the data runs to E6",
         land(*[(r, P17, "2026Q3", d, v, "") for r, d, v in
                ((2, "全市", 95.2), (3, "福田区", 96.0), (4, "罗湖区", 94.4), (5, "盐田区", 97.3), (6, "南山区", 95.9))])),
    Case("no_cell_refs.xlsx", "actuals", "an exporter that writes <row> and <c> without r= attributes",
         land((2, P18, "2026Q3", "全市", 4.6, ""), (3, P18, "2026Q3", "南山区", 6.1, ""))),
    Case("dotnet_prefix.xlsx", "actuals", ".NET OpenXML SDK: every element as <x:c>, inline strings",
         land((2, P02, "2026Q3", "坪山区", 19.0, ""), (3, P02, "2026Q3", "全市", 280.0, ""))),
    # --- 5. formulas and error values --------------------------------------------------------------------------
    Case("formula_fullcalc_placeholder.xlsx", "actuals",
         "business-system export: formula results saved as 0 and <calcPr fullCalcOnLoad=\"1\"/>",
         Refuse(2, "数值", ("公式",))),
    Case("formula_cached_ok.xlsx", "actuals", "saved by Excel: formulas with their computed results",
         land((2, P17, "2025Q4", "全市", 75.2, ""), (3, P17, "2025Q4", "福田区", 76.6, "")), sheet_used="数据"),
    Case("formula_no_cached.xlsx", "actuals", "openpyxl-written formula with no saved result",
         Refuse(2, "数值", ("公式",), absent=("为空",))),
    Case("error_div0.xlsx", "actuals", "a t=\"e\" #DIV/0! formula cell under the header 数值（%）",
         Refuse(3, "数值（%）", ("错误值",), absent=("为空",))),
    Case("error_na_lookup.xlsx", "actuals", "codes looked up with VLOOKUP; a misspelt name gives #N/A",
         Refuse(3, "指标代码", ("错误值",), absent=("为空", "未知的指标代码"))),
    # --- 6. title blocks, merges, templates --------------------------------------------------------------------
    Case("merged_codes.xlsx", "actuals", "code, name and period cells merged vertically over district rows",
         land((2, P17, "2025Q4", "全市", 95.2, ""), (3, P17, "2025Q4", "福田区", 96.1, ""),
              (4, P17, "2025Q4", "南山区", 94.7, ""), (5, P02, "2025Q4", "全市", 262.0, ""),
              (6, P02, "2025Q4", "福田区", 33.0, ""), (7, P02, "2025Q4", "南山区", 47.0, ""))),
    Case("merged_title_block.xlsx", "actuals",
         "merged title, merged 填报单位/填报日期 line, header on row 3, code merged over rows 4–6",
         land((4, P17, "2025Q4", "罗湖区", 94.0, ""), (5, P17, "2025Q4", "盐田区", 97.5, ""),
              (6, P17, "2025Q4", "龙岗区", 93.1, ""))),
    Case("xuhao_actuals.xlsx", "actuals", "a 序号 column in front of the template's columns",
         land((2, P17, "2026Q2", "全市", 95.6, ""), (3, P02, "2026Q2", "全市", 281.0, ""),
              (4, P06, "2026Q2", "全市", 0.635, ""))),
    Case("template_blank_values.xlsx", "actuals",
         "the upload template filled as it is: 12 indicator × district rows, 8 left without a value",
         land((2, P17, "2026Q3", "全市", 95.3, ""), (3, P17, "2026Q3", "福田区", 96.4, ""),
              (5, P02, "2026Q3", "全市", 283.0, ""), (11, P18, "2026Q3", "全市", 4.2, "")),
         sheet_used="实际值", notices=("8",)),
    Case("template_blank_values.csv", "actuals", "the CSV template with two rows left without a value",
         land((2, P17, "2026Q3", "全市", 95.3, ""), (5, P18, "2026Q3", "全市", 4.2, "")), notices=("2",)),
    # --- 7. columns people add ---------------------------------------------------------------------------------
    Case("name_mismatch.xlsx", "actuals", "指标名称 of row 3 names another indicator than its code (swapped code)",
         Refuse(3, ("指标名称", "指标代码"), ("名称",))),
    Case("name_and_unit_agree.xlsx", "actuals", "指标名称 and 单位 columns that agree (coefficient unit left empty)",
         land((2, P17, "2026Q2", "全市", 95.7, ""), (3, P02, "2026Q2", "全市", 284.0, ""),
              (4, P06, "2026Q2", "全市", 0.636, ""), (5, P18, "2026Q2", "全市", 4.3, "")), sheet_used="实际值"),
    Case("code_as_name.xlsx", "actuals", "the exact Chinese name 建筑垃圾综合利用率 in the code column",
         Either((land((2, P17, "2025Q4", "全市", 95.0, ""), (3, P18, "2025Q4", "全市", 3.9, "")),
                 Refuse(2, "指标代码", (P17,))))),
    Case("district_sum_mismatch.xlsx", "actuals",
         "a count for 全市 and all 11 districts whose districts add up to 250, not 262 (a warning, not a refusal)",
         land((2, P02, "2025Q4", "全市", 262.0, ""),
              *[(r, P02, "2025Q4", d, float(n), "") for r, (d, n) in enumerate(
                  (("福田区", 33), ("罗湖区", 18), ("盐田区", 6), ("南山区", 47), ("宝安区", 52), ("龙岗区", 41),
                   ("龙华区", 25), ("坪山区", 12), ("光明区", 10), ("大鹏新区", 3), ("深汕特别合作区", 3)), start=3)]),
         notices=("全市", "262")),
    Case("unit_mismatch.csv", "actuals", "GBK CSV whose 单位 says 万吨 for a % indicator",
         Refuse(3, ("单位", "数值"), ("单位", "万吨"))),
    # --- 8. task status ----------------------------------------------------------------------------------------
    Case("task_progress_header.xlsx", "task-status", "进展情况 as the note header, 责任单位, 任务名称",
         land((2, 3, "2025Q4", "推进中", "已建成处置设施 2 座", "市住房建设局"),
              (3, 17, "2025Q4", "已完成", "新增国家级绿色工厂 5 家", "市工业和信息化局")), sheet_used="任务进展"),
    Case("task_fullwidth_space_status.csv", "task-status", "滞　后 with a full-width space; ' 已完成 ' padded",
         land((2, 21, "2025Q4", "滞后", "征地未完成", "市规划和自然资源局"), (3, 22, "2025Q4", "已完成", "", "市生态环境局"))),
    Case("xuhao_task.csv", "task-status", "序号 1,2,3 next to 任务编号 12,37,88",
         land((2, 12, "2026Q1", "推进中", "新开通班列 2 条", "市交通运输局"), (3, 37, "2026Q1", "已完成", "", "市水务局"),
              (4, 88, "2026Q1", "未启动", "", "市工业和信息化局"))),
    Case("xuhao_only_task.xlsx", "task-status", "a task sheet with 序号 but no 任务编号 (序号 is not a task number)",
         Refuse(1, ("任务编号", "序号", ""), ("任务编号",))),
    Case("task_filler_line.csv", "task-status", "title, 填报单位：…/填报日期 line, blank line, then the header",
         land((5, 5, "2025Q4", "已完成", "已印发实施方案", "市发展改革委"), (6, 6, "2025Q4", "推进中", "", "市发展改革委"))),
    # --- 9. CSV as agencies save it ----------------------------------------------------------------------------
    Case("csv_title_filler_gbk.csv", "actuals", "Excel 'CSV (逗号分隔)' in GBK: title, 填报单位/填报日期, blank line",
         land((5, P17, "2025Q4", "全市", 95.4, ""), (6, P17, "2025Q4", "宝安区", 92.6, "含装修垃圾"))),
    Case("csv_one_cell_title_bom.csv", "actuals", "UTF-8 BOM CSV whose title line has one cell (no commas)",
         land((3, P17, "2026Q1", "全市", 95.9, ""))),
    Case("wps_csv_trailing_commas.csv", "actuals", "WPS GBK CSV: trailing commas on every line, a line of commas",
         land((2, P02, "2026Q1", "龙华区", 27.0, ""), (3, P02, "2026Q1", "光明区", 11.0, ""))),
    Case("unicode_text_title.txt", "actuals", "Excel 'Unicode 文本': UTF-16 LE, tabs, title + 填报单位 lines",
         land((4, P18, "2026Q2", "全市", 4.1, ""), (5, P18, "2026Q2", "盐田区", 9.8, '含"穿梭巴士"'))),
    Case("gb18030_rare_chars.csv", "actuals", "GB18030 CSV with characters outside GBK in a note",
         land((2, P02, "2025Q4", "龙岗区", 61.0, "经办人：𠮷田䶮"))),
    Case("unclosed_quote.csv", "actuals", "a note opened with \" and never closed on row 3",
         Refuse((None, 3), ("", "备注"), ("引号", "3"), absent=("Error", "tokenizing"))),
    # --- 10. not a workbook we can read ------------------------------------------------------------------------
    Case("password_protected.xlsx", "actuals", "Excel 'encrypt with password': OLE file with EncryptedPackage",
         Refuse(*WHOLE_FILE, ("密码",), absent=("旧版",))),
    Case("wps_workbook.et", "actuals", "WPS 表格's own .et (BIFF in an OLE file)", Refuse(*WHOLE_FILE, ("另存", ".xlsx"))),
    Case("html_table.xls", "actuals", "a web system's 导出Excel: an HTML table named .xls",
         Refuse(*WHOLE_FILE, ("另存", ".xlsx"), absent=("旧版",))),
    # --- 11. hostile: parsed only in a child process -----------------------------------------------------------
    Case("xfd_last_cell.xlsx", "actuals", "3.6 KB workbook: one space in XFD1048576, dimension A1:XFD1048576",
         Refuse(*WHOLE_FILE, (("范围", "过大", "异常", "XFD"),)), hostile=True),
    Case("zip_bomb_padded.xlsx", "actuals",
         "sheet XML inflating 450× (131 MB, 8.7 M cells) padded with a stored random thumbnail: whole zip 180×",
         Refuse(*WHOLE_FILE, (("压缩", "过大", "异常", "恶意"),)), hostile=True),
)
# fmt: on

BY_FILE: dict[str, Case] = {c.file: c for c in CASES}
assert len(BY_FILE) == len(CASES), "one case per file"
