"""Write tests/files/formats/: what Excel number formats, cell types, hidden rows and CSV habits do to a value.

Run from the repository root: `.venv/bin/python -m tests.corpus.formats`. Like tests/corpus/build.py, every file
is rebuilt byte for byte (tests/test_intake_formats.py checks the committed files against this generator); the
expected outcome of each file is in tests/corpus/format_cases.py. Workbooks are written part by part
(tests/corpus/ooxml.py), then edited where the writer cannot say it (row and column styles, hidden rows, rich
text, the 1904 date system, a built-in format id without its <numFmt>).
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.corpus import folder
from tests.corpus.ooxml import C, Sheet, _zip, workbook

OUT = Path(__file__).resolve().parent.parent / "files" / "formats"

P17, P02, P06, P18 = "P17_CW_RECYCLING", "P02_GREEN_MFG", "P06_IRRIGATION", "P18_SEA_RAIL"
A_HEAD = ["指标代码", "报告期", "区", "数值", "备注"]
CSV_HEAD = ",".join(A_HEAD) + "\r\n"

BUILDERS: dict[str, Callable[[], bytes]] = {}


def file(name: str):
    def register(fn: Callable[[], bytes]) -> Callable[[], bytes]:
        assert name not in BUILDERS, name
        BUILDERS[name] = fn
        return fn

    return register


def patch(data: bytes, member: str, edit: Callable[[str], str]) -> bytes:
    """The workbook with one part's XML edited (member order and timestamps kept)."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            content = archive.read(info.filename)
            if info.filename == member:
                edited = edit(content.decode())
                assert edited != content.decode(), f"patch of {member} changed nothing"
                content = edited.encode()
            parts.append((info.filename, content))
    return _zip(parts)


SHEET1 = "xl/worksheets/sheet1.xml"


def one(rows: list[list[object]], **kw) -> bytes:
    return workbook([Sheet("Sheet1", rows)], **kw)


def fmt_rows(*cells: tuple[str, object, str]) -> list[list[object]]:
    """Rows of (code, value, format), one district each."""
    districts = ("全市", "福田区", "罗湖区", "南山区")
    return [A_HEAD] + [[code, "2025Q4", districts[i], C(value, fmt=fmt), None]
                       for i, (code, value, fmt) in enumerate(cells)]


# --- 1. number formats ------------------------------------------------------------------------------------------


@file("fmt_literal_percent.xlsx")
def _() -> bytes:
    return one(fmt_rows((P17, 95.1, '0.00"%"'), (P18, 3.9, "0.0\\%")), app="WPS 表格", custom_format_base=176)


@file("fmt_literal_percent_on_count.xlsx")
def _() -> bytes:
    return one(fmt_rows((P17, 95.1, '0.0"%"'), (P02, 128, '0"%"')))


@file("fmt_permille.xlsx")
def _() -> bytes:
    return one(fmt_rows((P17, 95.1, "0.0"), (P18, 0.5, "0.0‰")))


@file("fmt_conditional_percent.xlsx")
def _() -> bytes:
    # one format for a column typed both ways: below 1 shown as a percentage, else as typed
    return one(fmt_rows((P17, 0.951, "[<1]0.0%;0.0"), (P17, 96.2, "[<1]0.0%;0.0"), (P18, 0.039, "[<1]0.0%;0.0")))


@file("fmt_percent_in_negative_section.xlsx")
def _() -> bytes:
    return one(fmt_rows((P17, 95.1, "0.0;-0.0%"), (P18, 3.9, "0.0;-0.0%")))


@file("fmt_unit_text_other.xlsx")
def _() -> bytes:
    return one(fmt_rows((P17, 95.1, "0.0"), (P17, 12.3, '0.0"万吨"')))


@file("fmt_unit_text_own.xlsx")
def _() -> bytes:
    return one(fmt_rows((P02, 128, '0"家"'), (P02, 33, '#,##0"家"'), (P17, 95.1, '0.0"%"')))


@file("fmt_thousands_scale.xlsx")
def _() -> bytes:
    # '#,##0,' shows 12345 as 12 (thousands): the cell holds 12345
    return one(fmt_rows((P02, 260, "0"), (P02, 12345, "#,##0,")))


@file("fmt_millions_scale.xlsx")
def _() -> bytes:
    return one(fmt_rows((P02, 1234567, '0.00,,"百万"')))


@file("fmt_wan_point_trick.xlsx")
def _() -> bytes:
    # the Chinese trick for 万: '0!.0000"万"' shows 12345 as 1.2345万 by printing a literal point among the digits
    return one(fmt_rows((P02, 12345, '0!.0000"万"'), (P02, 33, "0")))


@file("fmt_wan_quoted_point.xlsx")
def _() -> bytes:
    return one(fmt_rows((P02, 12345, '0"."0000')))


@file("fmt_scientific_fraction.xlsx")
def _() -> bytes:
    return one(fmt_rows((P02, 128, "0.00E+00"), (P06, 0.625, "# ?/?"), (P17, 95.25, "0.0")))


@file("fmt_accounting_red_dbnum.xlsx")
def _() -> bytes:
    accounting = '_ * #,##0_ ;_ * \\-#,##0_ ;_ * "-"??_ ;_ @_ '
    return one(fmt_rows((P02, 1280, accounting), (P17, 95.1, "0.0_ ;[Red]\\-0.0\\ "),
                        (P02, 33, "[DBNum1][$-804]General"), (P02, 47, "G/通用格式")))


@file("fmt_date_on_value.xlsx")
def _() -> bytes:
    return one(fmt_rows((P02, 45000, 'yyyy"年"m"月"d"日"')))


@file("fmt_builtin_cn_date_id.xlsx")
def _() -> bytes:
    # numFmtId 31 (zh-CN yyyy"年"m"月"d"日") is built in: no <numFmt> says what it is
    data = one(fmt_rows((P02, 45000, "0")))
    return patch(data, "xl/styles.xml", lambda s: s.replace('numFmtId="1" fontId', 'numFmtId="31" fontId'))


@file("fmt_builtin_percent_id_only.xlsx")
def _() -> bytes:
    data = one(fmt_rows((P17, 0.951, "0")))
    return patch(data, "xl/styles.xml", lambda s: s.replace('numFmtId="1" fontId', 'numFmtId="10" fontId'))


@file("fmt_time_on_value.xlsx")
def _() -> bytes:
    return one(fmt_rows((P06, 0.5, "h:mm")))


@file("fmt_text_numbers.xlsx")
def _() -> bytes:
    # a column formatted '@' before typing: numbers stored as text (shared strings), one with a full-width comma
    return one(fmt_rows((P17, "95.1", "@"), (P02, "1，234", "@"), (P06, "0.62", "@")))


# --- 2. cell types --------------------------------------------------------------------------------------------


@file("cell_rich_text_runs.xlsx")
def _() -> bytes:
    data = one([A_HEAD, [P17, "2025Q4", "全市", 95.1, None], [P02, "2025Q4", "全市", 128, None]])
    data = patch(data, "xl/sharedStrings.xml", lambda s: s.replace(
        f"<si><t>{P02}</t></si>", '<si><r><t>P02_</t></r><r><rPr><b/><color rgb="FFFF0000"/></rPr>'
                                   "<t>GREEN_MFG</t></r></si>"))
    return patch(data, SHEET1, lambda s: s.replace(
        '<c r="D3"><v>128</v></c>', '<c r="D3" t="inlineStr"><is><r><t>12</t></r><r><rPr><b/></rPr><t>8</t></r>'
                                    "</is></c>"))


@file("cell_phonetic_runs.xlsx")
def _() -> bytes:
    data = one([A_HEAD, [P17, "2025Q4", "南山区", 95.1, None]])
    return patch(data, "xl/sharedStrings.xml", lambda s: s.replace(
        "<si><t>南山区</t></si>", '<si><t>南山区</t><rPh sb="0" eb="3"><t>ナンザンク</t></rPh>'
                                 '<phoneticPr fontId="1" type="noConversion"/></si>'))


@file("cell_formula_string_result.xlsx")
def _() -> bytes:
    data = one([A_HEAD, [P17, "2025Q4", "全市", 95.1, None], [P02, "2025Q4", "全市", 128, None]])
    return patch(data, SHEET1, lambda s: s.replace(
        '<c r="D2"><v>95.1</v></c>', '<c r="D2" t="str"><f>TEXT(B9*100,"0.0")</f><v>95.1</v></c>'))


@file("cell_formula_empty_string.xlsx")
def _() -> bytes:
    # =IF(源!B3="","",源!B3): no figure yet, saved by Excel as an empty text result
    data = one([A_HEAD, [P17, "2025Q4", "全市", 95.1, None], [P17, "2025Q4", "福田区", 1, None]])
    return patch(data, SHEET1, lambda s: s.replace(
        '<c r="D3"><v>1</v></c>', '<c r="D3" t="str"><f>IF(源!B3="","",源!B3)</f><v></v></c>'))


@file("cell_boolean_value.xlsx")
def _() -> bytes:
    return one([A_HEAD, [P17, "2025Q4", "全市", 95.1, None], [P02, "2025Q4", "全市", True, None]])


@file("cell_iso_date_type.xlsx")
def _() -> bytes:
    data = one([A_HEAD, [P02, "2025Q4", "全市", 128, None]])
    return patch(data, SHEET1, lambda s: s.replace(
        '<c r="D2"><v>128</v></c>', '<c r="D2" t="d"><v>2025-12-31T00:00:00</v></c>'))


# --- 3. styles from rows and columns, the 1904 date system -------------------------------------------------


@file("style_row_default_percent.xlsx")
def _() -> bytes:
    # the row carries a percent style (customFormat); the cell itself has none: Excel shows the cell's own 0.951
    data = one([A_HEAD, [P06, "2025Q4", "全市", 0.62, None], [P17, "2025Q4", "福田区", C(0.5, fmt="0.0%"), None]])
    return patch(data, SHEET1, lambda s: s.replace('<row r="2" spans="1:5">',
                                                   '<row r="2" spans="1:5" s="1" customFormat="1">'))


@file("style_column_default_percent.xlsx")
def _() -> bytes:
    data = one([A_HEAD, [P06, "2025Q4", "全市", 0.62, None], [P17, "2025Q4", "福田区", C(0.5, fmt="0.0%"), None]])
    return patch(data, SHEET1, lambda s: s.replace(
        "<sheetData>", '<cols><col min="4" max="4" width="9" style="1" customWidth="1"/></cols><sheetData>'))


@file("date1904_period.xlsx")
def _() -> bytes:
    data = one([A_HEAD, [P17, C(44927, fmt="yyyy/m/d"), "全市", 95.1, None]])
    return patch(data, "xl/workbook.xml", lambda s: s.replace("<workbookPr ", '<workbookPr date1904="1" '))


# --- 4. what the analyst cannot see: hidden rows and columns, merged numbers --------------------------------


@file("hidden_row_stale.xlsx")
def _() -> bytes:
    rows = [A_HEAD, [P17, "2025Q3", "全市", 91.0, "上季度"], [P17, "2025Q4", "全市", 95.1, None]]
    return patch(one(rows), SHEET1, lambda s: s.replace('<row r="2" spans="1:5">',
                                                        '<row r="2" spans="1:5" hidden="1">'))


@file("filtered_rows.xlsx")
def _() -> bytes:
    rows = [A_HEAD, [P02, "2025Q4", "福田区", 33, None], [P02, "2025Q4", "罗湖区", 21, None],
            [P02, "2025Q4", "南山区", 47, None]]

    def edit(s: str) -> str:
        s = s.replace('<row r="3" spans="1:5">', '<row r="3" spans="1:5" hidden="1">')
        s = s.replace('<row r="4" spans="1:5">', '<row r="4" spans="1:5" hidden="1">')
        return s.replace("<pageMargins", '<autoFilter ref="A1:E4"><filterColumn colId="2"><filters>'
                                          '<filter val="福田区"/></filters></filterColumn></autoFilter><pageMargins')

    return patch(one(rows), SHEET1, edit)


@file("hidden_column_period.xlsx")
def _() -> bytes:
    # the 报告期 column hidden: last quarter's period still in it
    rows = [A_HEAD, [P17, "2025Q3", "全市", 95.1, None]]
    return patch(one(rows), SHEET1, lambda s: s.replace(
        "<sheetData>", '<cols><col min="2" max="2" width="0" hidden="1" customWidth="1"/></cols><sheetData>'))


@file("hidden_empty_row.xlsx")
def _() -> bytes:
    rows = [A_HEAD, [P17, "2025Q4", "全市", 95.1, None], [], [P18, "2025Q4", "全市", 3.9, None]]
    return patch(one(rows), SHEET1, lambda s: s.replace('<row r="3" spans="1:1">',
                                                        '<row r="3" spans="1:1" hidden="1">'))


@file("merged_value_down.xlsx")
def _() -> bytes:
    rows = [A_HEAD, [P02, "2025Q4", "福田区", 33, None], [P02, "2025Q4", "罗湖区", None, None],
            [P02, "2025Q4", "盐田区", None, None]]
    return workbook([Sheet("Sheet1", rows, merges=("D2:D4",))])


@file("merged_status_down.xlsx")
def _() -> bytes:
    rows = [["任务编号", "报告期", "状态", "进展说明"], [3, "2025Q4", "推进中", "一"], [4, "2025Q4", None, "二"],
            [5, "2025Q4", "已完成", None]]
    return workbook([Sheet("Sheet1", rows, merges=("C2:C3",))])


@file("protected_sheet.xlsx")
def _() -> bytes:
    rows = [A_HEAD, [P17, "2025Q4", "全市", 95.1, None]]
    return patch(one(rows), SHEET1, lambda s: s.replace(
        "<pageMargins", '<sheetProtection sheet="1" objects="1" scenarios="1"/><pageMargins'))


# --- 5. headers ---------------------------------------------------------------------------------------------


@file("header_unit_permille.xlsx")
def _() -> bytes:
    return one([["指标代码", "报告期", "区", "数值（‰）"], [P18, "2025Q4", "全市", 39]])


@file("header_unit_wan.xlsx")
def _() -> bytes:
    return one([["指标代码", "报告期", "区", "数值(万家)"], [P02, "2025Q4", "全市", 0.0128]])


@file("header_unit_label_percent.xlsx")
def _() -> bytes:
    return one([["指标代码", "报告期", "区", "数值（%）"], [P17, "2025Q4", "全市", 95.1], [P18, "2025Q4", "全市", 3.9]])


@file("header_line_breaks.xlsx")
def _() -> bytes:
    return one([["指标\n代码", "报告期 ", "区", "数　值", "备\r\n注"], [P17, "2025Q4", "全市", 95.1, None]])


@file("header_row3_columns_reordered.xlsx")
def _() -> bytes:
    rows = [["2025年第四季度清洁生产指标完成情况"], ["填报单位：市住房建设局", None, None, "填报日期：2026-01-08"],
            ["数值", "区", "报告期", "指标代码"], [95.1, "全市", "2025Q4", P17], [96.4, "福田区", "2025Q4", P17]]
    return workbook([Sheet("Sheet1", rows, merges=("A1:D1",))])


@file("header_two_levels_wide.xlsx")
def _() -> bytes:
    rows = [["指标代码", "区", "2025年", None], [None, None, "第三季度", "第四季度"], [P17, "全市", 91.0, 95.1]]
    return workbook([Sheet("Sheet1", rows, merges=("C1:D1", "A1:A2", "B1:B2"))])


@file("header_duplicate_value.xlsx")
def _() -> bytes:
    return one([["指标代码", "报告期", "区", "数值", "数值"], [P17, "2025Q4", "全市", 91.0, 95.1]])


@file("totals_row.xlsx")
def _() -> bytes:
    return one([A_HEAD, [P02, "2025Q4", "福田区", 33, None], [P02, "2025Q4", "罗湖区", 21, None],
                ["合计", None, None, 54, None]])


@file("footnote_rows.xlsx")
def _() -> bytes:
    return one([A_HEAD, [P02, "2025Q4", "福田区", 33, None], [],
                ["注：1.数据来源于市统计局；2.累计数截至2025年12月底。", None, None, None, None]])


# --- 6. CSV and text ----------------------------------------------------------------------------------------


def csv(rows: str, encoding: str = "utf-8", head: str = CSV_HEAD) -> bytes:
    return (head + rows).encode(encoding)


@file("csv_bom_then_gbk.csv")
def _() -> bytes:
    return b"\xef\xbb\xbf" + csv(f"{P17},2025Q4,福田区,95.1,含装修垃圾\r\n", "gbk")


@file("csv_utf16le_no_bom.txt")
def _() -> bytes:
    return csv(f"{P18}\t2025Q4\t全市\t3.9\t\r\n", "utf-16-le", head=CSV_HEAD.replace(",", "\t"))


@file("csv_semicolon_decimal_comma.csv")
def _() -> bytes:
    return csv(f"{P02};2025Q4;全市;1,234;\r\n{P17};2025Q4;全市;95,1;\r\n", head=CSV_HEAD.replace(",", ";"))


@file("csv_unquoted_thousands_trailing.csv")
def _() -> bytes:
    return csv(f"{P02},2025Q4,全市,260,\r\n{P02},2025Q4,福田区,0,951,\r\n")


@file("csv_unquoted_thousands_same_width.csv")
def _() -> bytes:
    return csv(f"{P02},2025Q4,全市,1,234\r\n{P02},2025Q4,福田区,33,\r\n")


@file("csv_quoted_thousands.csv")
def _() -> bytes:
    return csv(f'{P02},2025Q4,全市,"1,234",\r\n{P02},2025Q4,福田区,"1，050",全角逗号\r\n')


@file("csv_leading_zero_thousands.csv")
def _() -> bytes:
    return csv(f'{P02},2025Q4,全市,"0,951",\r\n')


@file("csv_excel_escaped.csv")
def _() -> bytes:
    return csv(f'="{P17}",="2025Q4",全市,="95.1",\r\n"=""{P02}""",2025Q4,全市,"=""128""",\r\n')


@file("csv_missing_marks.csv")
def _() -> bytes:
    rows = "".join(f"{P17},2025Q4,{d},{v},\r\n" for d, v in (("全市", "—"), ("福田区", "/"), ("罗湖区", "无"),
                                                              ("盐田区", "暂无"), ("南山区", "-")))
    return csv(rows, "gbk")


@file("csv_units_own.csv")
def _() -> bytes:
    return csv(f"{P17},2025Q4,全市,95.1%,\r\n{P02},2025Q4,全市,128家,\r\n{P18},2025Q4,全市,3.9 ％,\r\n")


@file("csv_units_other.csv")
def _() -> bytes:
    return csv(f"{P17},2025Q4,全市,95.1,\r\n{P17},2025Q4,福田区,12.3万吨,\r\n")


@file("csv_accounting_negative.csv")
def _() -> bytes:
    return csv(f"{P17},2025Q4,全市,(12.5),\r\n{P17},2025Q4,福田区,12.5-,\r\n")


@file("csv_approximate.csv")
def _() -> bytes:
    return csv(f"{P17},2025Q4,全市,约95,\r\n")


@file("csv_crlf_in_quotes.csv")
def _() -> bytes:
    return csv(f'{P17},2025Q4,全市,95.1,"第一段\r\n第二段"\r\n{P18},2025Q4,全市,3.9,\r\n')


@file("csv_trailing_empty_columns.csv")
def _() -> bytes:
    return csv(f"{P17},2025Q4,全市,95.1,,,\r\n{P18},2025Q4,全市,3.9,,,\r\n", head=CSV_HEAD.rstrip() + ",,\r\n")


# --- build --------------------------------------------------------------------------------------------------


def build_all() -> dict[str, bytes]:
    """Every corpus file's bytes, by name."""
    return folder.build_all(BUILDERS)


if __name__ == "__main__":
    sys.exit(folder.write(BUILDERS, OUT))
