"""Write tests/files/workbooks/: agency files made the way Excel, WPS and business systems make them.

Run from the repository root: `.venv/bin/python -m tests.corpus.build`. Every file is rebuilt byte for byte
(fixed zip timestamps, fixed member order, seeded junk), so the committed corpus can be checked against the
generator (tests/test_intake_workbooks.py does). The expected outcome of every file is in tests/corpus/cases.py.

Indicators (tests/helpers.py): P17_CW_RECYCLING 建筑垃圾综合利用率 (%), P02_GREEN_MFG 累计创建绿色制造示范单位数
(家), P06_IRRIGATION 农田灌溉水有效利用系数 (coefficient 0–1, unit ''), P18_SEA_RAIL 海铁联运占比 (%).
Latest period 2026Q3.
"""

from __future__ import annotations

import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from tests.corpus import folder
from tests.corpus.cfb import compound_file
from tests.corpus.ooxml import C, Sheet, fixed_zip, workbook

OUT = Path(__file__).resolve().parent.parent / "files" / "workbooks"

P17, P02, P06, P18 = "P17_CW_RECYCLING", "P02_GREEN_MFG", "P06_IRRIGATION", "P18_SEA_RAIL"
N17, N02, N06, N18 = (
    "建筑垃圾综合利用率",
    "累计创建绿色制造示范单位数",
    "农田灌溉水有效利用系数",
    "海铁联运占比",
)
A_HEAD = ["指标代码", "报告期", "区", "数值", "备注"]

BUILDERS: dict[str, Callable[[], bytes]] = {}


def file(name: str):
    """Register a builder of one corpus file."""

    def register(fn: Callable[[], bytes]) -> Callable[[], bytes]:
        assert name not in BUILDERS, name
        BUILDERS[name] = fn
        return fn

    return register


def opx(
    sheets: list[tuple[str, list[list[object]]]],
    *,
    hidden: dict[str, str] | None = None,
    merges: dict[str, list[str]] | None = None,
    formats: dict[str, dict[str, str]] | None = None,
    active: int = 0,
    title_style: bool = False,
) -> bytes:
    """An .xlsx saved by openpyxl: sheets of rows, sheet states, merged ranges, number formats by cell."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        if hidden and name in hidden:
            ws.sheet_state = hidden[name]
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        for ref, code in (formats or {}).get(name, {}).items():
            ws[ref].number_format = code
        if title_style and rows and rows[0]:
            ws["A1"].font = Font(bold=True, size=14)
            ws["A1"].alignment = Alignment(horizontal="center")
    book.active = active
    book.properties.creator = "统计科"
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


# --- 1. percent formats -------------------------------------------------------------------------------------


@file("pct_format_builtin.xlsx")
def _() -> bytes:
    # Excel: a column formatted 0.00% (built-in numFmtId 10) and 0% (9); <v> as Excel writes 0.951 and 0.035
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    ["指标代码", "指标名称", "报告期", "区", "数值（%）"],
                    [P17, N17, "2025Q4", "全市", C(0.951, fmt="0.00%", raw="0.95099999999999996")],
                    [P17, N17, "2025Q4", "福田区", C(0.9623, fmt="0.00%")],
                    [P18, N18, "2025Q4", "全市", C(0.035, fmt="0.00%", raw="3.5000000000000003E-2")],
                    [P18, N18, "2025Q4", "南山区", C(0.04, fmt="0%")],
                ],
            )
        ]
    )


@file("pct_mixed_column.xlsx")
def _() -> bytes:
    # one district pasted its cell from its own file, percent format included; the rest typed plain numbers
    rows = [A_HEAD]
    values = {
        "全市": 93.2,
        "福田区": 95.4,
        "罗湖区": C(0.912, fmt="0.0%", raw="0.91200000000000003"),
        "盐田区": 90.0,
        "南山区": C(0.968, fmt="0.0%", raw="0.96799999999999997"),
        "宝安区": 92.7,
    }
    for district, value in values.items():
        rows.append([P17, "2026Q1", district, value, None])
    return workbook([Sheet("汇总", rows)])


@file("pct_custom_wps.xlsx")
def _() -> bytes:
    # WPS numbers custom formats from 176; "0.0%" scales, 0.0"%" and 0.0\% only append a sign (no scaling)
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    A_HEAD,
                    [P18, "2026Q2", "全市", C(0.042, fmt="0.0%", raw="4.2000000000000003E-2"), None],
                    [P18, "2026Q2", "盐田区", C(0.071, fmt="0.0%", raw="7.0999999999999994E-2"), None],
                    [P17, "2026Q2", "全市", C(95.1, fmt='0.0"%"'), '格式为 0.0"%"'],
                    [P17, "2026Q2", "龙岗区", C(94.3, fmt="0.0\\%"), None],
                ],
            )
        ],
        app="WPS 表格",
        custom_format_base=176,
    )


@file("pct_on_coefficient.xlsx")
def _() -> bytes:
    # the irrigation coefficient 0.62 formatted as a percent: Excel shows 62%
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    A_HEAD,
                    [P17, "2025Q4", "全市", 95, None],
                    [P06, "2025Q4", "全市", C(0.62, fmt="0%", raw="0.62"), None],
                ],
            )
        ]
    )


@file("pct_on_count.xlsx")
def _() -> bytes:
    # a count of units (家) whose cell carries a percent format: Excel shows 128%
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    A_HEAD,
                    [P02, "2025Q4", "南山区", 128, None],
                    [P02, "2025Q4", "福田区", C(1.28, fmt="0%", raw="1.28"), None],
                ],
            )
        ]
    )


@file("pct_openpyxl.xlsx")
def _() -> bytes:
    return opx(
        [("Sheet", [A_HEAD, [P17, "2026Q1", "全市", 0.958, None], [P18, "2026Q1", "全市", 0.039, "季报"]])],
        formats={"Sheet": {"D2": "0.0%", "D3": "0.0%"}},
    )


@file("pct_format_after_typing.xlsx")
def _() -> bytes:
    # 95.1 typed first, the percent format applied afterwards: Excel shows 9510.0%
    return workbook([Sheet("Sheet1", [A_HEAD, [P17, "2025Q4", "全市", C(95.1, fmt="0.0%"), None]])])


# --- 2. which sheet -----------------------------------------------------------------------------------------


@file("hidden_first_sheet.xlsx")
def _() -> bytes:
    old = [A_HEAD, [P17, "2025Q3", "全市", 91.0, "上季度"], [P17, "2025Q3", "福田区", 92.0, None]]
    new = [A_HEAD, [P17, "2025Q4", "全市", 93.5, None], [P17, "2025Q4", "福田区", 94.1, None]]
    return opx([("2025Q3（旧）", old), ("2025Q4", new)], hidden={"2025Q3（旧）": "hidden"}, active=1)


@file("veryhidden_first_sheet.xlsx")
def _() -> bytes:
    backup = [A_HEAD, [P18, "2024Q4", "全市", 1.1, "备份"]]
    lookup = [["指标代码", "指标名称"], [P17, N17], [P02, N02], [P06, N06], [P18, N18]]
    data = [A_HEAD, [P18, "2026Q3", "全市", 4.4, None], [P06, "2026Q3", "全市", 0.633, None]]
    return workbook(
        [
            Sheet("_backup", backup, state="veryHidden"),
            Sheet("填报表", data),
            Sheet("代码表", lookup, state="hidden"),
        ]
    )


@file("only_hidden_sheet_has_data.xlsx")
def _() -> bytes:
    return opx(
        [("Sheet1", []), ("数据", [A_HEAD, [P17, "2025Q4", "全市", 93.0, None]])], hidden={"数据": "hidden"}
    )


@file("hidden_sheet_chosen.xlsx")
def _() -> bytes:
    old = [A_HEAD, [P02, "2025Q3", "全市", 120, None]]
    new = [A_HEAD, [P02, "2025Q4", "全市", 126, None]]
    return opx([("填报", new), ("备份", old)], hidden={"备份": "hidden"})


@file("district_sheets.xlsx")
def _() -> bytes:
    sheets = []
    for district, v17, v02 in (("福田区", 91.2, 31), ("南山区", 88.5, 45), ("宝安区", 90.3, 52)):
        sheets.append(
            (district, [A_HEAD, [P17, "2025Q4", district, v17, None], [P02, "2025Q4", district, v02, None]])
        )
    return opx(sheets)


@file("district_sheet_chosen.xlsx")
def _() -> bytes:
    sheets = []
    for district, v17 in (("福田区", 81.2), ("南山区", 82.5), ("宝安区", 83.3)):
        sheets.append((district, [A_HEAD, [P17, "2026Q1", district, v17, None]]))
    return opx(sheets)


@file("district_sheets_no_column.xlsx")
def _() -> bytes:
    sheets = []
    for district, v17 in (("福田区", 91.2), ("南山区", 88.5), ("宝安区", 90.3)):
        title = f"{district}2025年第四季度清洁生产目标完成情况"
        sheets.append((district, [[title], ["指标代码", "报告期", "数值"], [P17, "2025Q4", v17]]))
    return opx(sheets, merges={d: ["A1:C1"] for d in ("福田区", "南山区", "宝安区")}, title_style=True)


@file("quarter_sheets.xlsx")
def _() -> bytes:
    q3 = [A_HEAD, [P18, "2025Q3", "全市", 3.1, None]]
    q4 = [A_HEAD, [P18, "2025Q4", "全市", 3.3, None]]
    return opx([("三季度", q3), ("四季度", q4)])


@file("readme_sheet_first.xlsx")
def _() -> bytes:
    readme = [
        ["填写项", "说明"],
        ["指标代码", "从指标清单复制，不要修改"],
        ["报告期", "例如 2025Q4"],
        ["区", "全市或区名"],
        ["数值", "按单位填写"],
    ]
    data = [A_HEAD, [P17, "2025Q4", "罗湖区", 96.0, None], [P06, "2025Q4", "全市", 0.61, "统计局口径"]]
    return opx([("说明", readme), ("数据", data)], active=1)


@file("chartsheet_first.xlsx")
def _() -> bytes:
    data = [A_HEAD, [P18, "2026Q1", "全市", 3.6, None], [P18, "2026Q2", "全市", 3.8, None]]
    return workbook([Sheet("图表1", chart=True, chart_ref="数据!$D$2:$D$3"), Sheet("数据", data)], active=0)


@file("blank_sheet1_first.xlsx")
def _() -> bytes:
    data = [A_HEAD, [P02, "2026Q2", "光明区", 17, None]]
    return opx([("Sheet1", []), ("Sheet2", data)], active=1)


# --- 3. where the data belongs ------------------------------------------------------------------------------


@file("district_title.xlsx")
def _() -> bytes:
    rows = [
        ["福田区2025年第四季度清洁生产目标完成情况"],
        [],
        ["指标代码", "指标名称", "报告期", "数值", "备注"],
        [P17, N17, "2025Q4", 97.2, None],
        [P02, N02, "2025Q4", 33, None],
    ]
    return opx([("福田区", rows)], merges={"福田区": ["A1:E1"]}, title_style=True)


@file("district_title.csv")
def _() -> bytes:
    text = (
        f"南山区清洁生产指标季度填报表\r\n指标代码,报告期,数值\r\n{P17},2025Q4,89.6\r\n{P18},2025Q4,4.1\r\n"
    )
    return text.encode("gbk")


@file("district_sheet_name.xlsx")
def _() -> bytes:
    return opx([("宝安区", [["指标代码", "报告期", "数值"], [P17, "2026Q1", 90.8], [P02, "2026Q1", 54]])])


@file("district_sheet_with_column.xlsx")
def _() -> bytes:
    rows = [
        ["福田区2026年第一季度清洁生产目标完成情况"],
        A_HEAD,
        [P17, "2026Q1", "福田区", 97.5, None],
        [P02, "2026Q1", "福田区", 34, None],
    ]
    return opx([("福田区", rows)], merges={"福田区": ["A1:E1"]}, title_style=True)


@file("city_title_no_column.xlsx")
def _() -> bytes:
    rows = [
        ["深圳市2025年第四季度清洁生产目标进度"],
        ["指标代码", "报告期", "数值"],
        [P17, "2025Q4", 95.0],
        [P06, "2025Q4", 0.62],
    ]
    return opx([("全市", rows)], merges={"全市": ["A1:C1"]}, title_style=True)


@file("shibenji.xlsx")
def _() -> bytes:
    rows = [
        A_HEAD,
        [P02, "2025Q4", "全市", 260, None],
        [P02, "2025Q4", "市本级", 41, "市属企业"],
        [P02, "2025Q4", "福田区", 33, None],
    ]
    return opx([("Sheet1", rows)])


@file("shibenji.csv")
def _() -> bytes:
    return (",".join(A_HEAD) + "\r\n" + f"{P17},2026Q1,市本级,92.5,\r\n").encode("utf-8-sig")


# --- 4. what a person sees in a cell ------------------------------------------------------------------------


@file("styled_digits.xlsx")
def _() -> bytes:
    # digits pasted from a WeChat article: MATHEMATICAL BOLD / SANS-SERIF BOLD digits, as shared strings
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    A_HEAD,
                    [P17, "2025Q4", "全市", "𝟗𝟓.𝟏", None],
                    [P17, "𝟮𝟬𝟮𝟱Q4", "福田区", "𝟵𝟲.𝟮", None],
                ],
            )
        ]
    )


@file("styled_digits.csv")
def _() -> bytes:
    text = ",".join(A_HEAD) + "\n" + f"{P17},2025Q4,南山区,𝟗𝟓.𝟏,\n{P02},2025Q4,南山区,𝟙𝟚𝟠,\n"
    return text.encode("utf-8")


@file("fullwidth_digits.xlsx")
def _() -> bytes:
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    A_HEAD,
                    [P17, C("２０２５Ｑ４", inline=True), "全市", C("９５．１", inline=True), None],
                    [P02, "2025Q4", "全市", C("１２８", inline=True), None],
                    [P06, "2025Q4", "全市", C("０．６２", inline=True), None],
                ],
            )
        ]
    )


@file("zero_width_codes.xlsx")
def _() -> bytes:
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    A_HEAD,
                    ["P17_CW\u200b_RECYCLING", "2025Q4", "全市", 95.5, None],
                    ["\ufeffP18_SEA_RAIL", "2025Q4", "福田区\u200b", 3.2, None],
                    ["P02_GREEN_MFG\u200d", "2025Q4", "全市", "128\u200b", None],
                    ["P06_\u2060IRRIGATION", "2025Q4", "全市", 0.62, None],
                ],
            )
        ]
    )


@file("zero_width_codes.csv")
def _() -> bytes:
    # copied from a web page into a text editor: zero-width spaces, a word joiner, no-break spaces
    text = (
        ",".join(A_HEAD)
        + "\r\n"
        + (
            "P17_CW_\u200bRECYCLING,2026Q1,龙华区,91.5\u00a0,\r\n"
            "\u2060P18_SEA_RAIL\u200b,2026Q1,全市,3.7,\r\n"
        )
    )
    return text.encode("utf-8")


@file("shared_and_inline_mixed.xlsx")
def _() -> bytes:
    # a reporting system: codes as formula string results, inline strings, numbers stored as text
    return workbook(
        [
            Sheet(
                "导出",
                [
                    [
                        C("指标代码", inline=True),
                        "报告期",
                        C("区", inline=True),
                        "数值",
                        C("备注", inline=True),
                    ],
                    [
                        C(formula='"P17_CW"&"_RECYCLING"', cached="P17_CW_RECYCLING", cached_type="str"),
                        "2026Q2",
                        C("全市", inline=True),
                        "94.8",
                        None,
                    ],
                    [
                        C(P06, inline=True),
                        C("2026Q2", inline=True),
                        "全市",
                        C(0.64),
                        C("自动导出", inline=True),
                    ],
                ],
            )
        ]
    )


@file("dimension_lie.xlsx")
def _() -> bytes:
    rows = [A_HEAD] + [
        [P17, "2026Q3", d, v, None]
        for d, v in (("全市", 95.2), ("福田区", 96.0), ("罗湖区", 94.4), ("盐田区", 97.3), ("南山区", 95.9))
    ]
    return workbook([Sheet("Sheet1", rows, dimension="A1:D2")])


@file("no_cell_refs.xlsx")
def _() -> bytes:
    rows = [A_HEAD, [P18, "2026Q3", "全市", 4.6, None], [P18, "2026Q3", "南山区", 6.1, None]]
    return workbook([Sheet("Export", rows)], no_refs=True, app="ReportServer")


@file("dotnet_prefix.xlsx")
def _() -> bytes:
    rows = [
        [C(h, inline=True) for h in A_HEAD],
        [C(P02, inline=True), C("2026Q3", inline=True), C("坪山区", inline=True), 19, None],
        [C(P02, inline=True), C("2026Q3", inline=True), C("全市", inline=True), 280, None],
    ]
    return workbook([Sheet("Sheet1", rows)], prefix="x", app="DocumentFormat.OpenXml")


# --- 5. formulas and error values ---------------------------------------------------------------------------


@file("formula_fullcalc_placeholder.xlsx")
def _() -> bytes:
    # a business-system export: results left as 0, fullCalcOnLoad asks Excel to compute them on open
    calc = [["区", "产生量（万吨）", "利用量（万吨）"], ["全市", 1250.0, 940.0], ["福田区", 80.0, 61.3]]
    data = [
        ["指标代码", "报告期", "区", "数值"],
        [P17, "2025Q4", "全市", C(formula="ROUND(计算!C2/计算!B2*100,1)", cached=0)],
        [P17, "2025Q4", "福田区", C(formula="ROUND(计算!C3/计算!B3*100,1)", cached=0)],
    ]
    return workbook(
        [Sheet("数据", data), Sheet("计算", calc, state="hidden")], full_calc=True, app="ReportServer"
    )


@file("formula_cached_ok.xlsx")
def _() -> bytes:
    # saved by Excel: formula cells keep their computed results; no recalculation asked
    calc = [
        ["区", "产生量（万吨）", "利用量（万吨）", None, P17],
        ["全市", 1250.0, 940.0],
        ["福田区", 80.0, 61.3],
    ]
    data = [
        ["指标代码", "报告期", "区", "数值"],
        [
            C(formula="计算!E1", cached=P17, cached_type="str"),
            "2025Q4",
            "全市",
            C(formula="ROUND(计算!C2/计算!B2*100,1)", cached=75.2),
        ],
        [P17, "2025Q4", "福田区", C(formula="ROUND(计算!C3/计算!B3*100,1)", cached=76.6)],
    ]
    return workbook([Sheet("数据", data), Sheet("计算", calc, state="hidden")])


@file("formula_no_cached.xlsx")
def _() -> bytes:
    # openpyxl (like most Python/Java writers) saves formulas without a result
    return opx(
        [
            (
                "Sheet",
                [
                    A_HEAD,
                    [P17, "2025Q4", "全市", "=ROUND(0.951*100,1)", None],
                    [P17, "2025Q4", "盐田区", 93.0, None],
                ],
            )
        ]
    )


@file("error_div0.xlsx")
def _() -> bytes:
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    ["指标代码", "报告期", "区", "数值（%）"],
                    [P18, "2025Q4", "全市", 3.9],
                    [P18, "2025Q4", "大鹏新区", C(formula="E3/F3*100", error="#DIV/0!")],
                ],
            )
        ]
    )


@file("error_na_lookup.xlsx")
def _() -> bytes:
    # the code looked up from the name with VLOOKUP: one name misspelt, so #N/A
    return workbook(
        [
            Sheet(
                "Sheet1",
                [
                    ["指标名称", "指标代码", "报告期", "区", "数值"],
                    [
                        N17,
                        C(formula="VLOOKUP(A2,代码表!A:B,2,0)", cached=P17, cached_type="str"),
                        "2025Q4",
                        "全市",
                        95.0,
                    ],
                    [
                        "海铁联运比例",
                        C(formula="VLOOKUP(A3,代码表!A:B,2,0)", error="#N/A"),
                        "2025Q4",
                        "全市",
                        3.9,
                    ],
                ],
            ),
            Sheet("代码表", [[N17, P17], [N18, P18]], state="hidden"),
        ]
    )


# --- 6. title blocks and merges -----------------------------------------------------------------------------


@file("merged_codes.xlsx")
def _() -> bytes:
    head = ["指标代码", "指标名称", "报告期", "区", "数值"]
    rows = [
        head,
        [P17, N17, "2025Q4", "全市", 95.2],
        [None, None, None, "福田区", 96.1],
        [None, None, None, "南山区", 94.7],
        [P02, N02, None, "全市", 262],
        [None, None, None, "福田区", 33],
        [None, None, None, "南山区", 47],
    ]
    return opx([("Sheet1", rows)], merges={"Sheet1": ["A2:A4", "B2:B4", "A5:A7", "B5:B7", "C2:C7"]})


@file("merged_title_block.xlsx")
def _() -> bytes:
    rows = [
        ["2025年第四季度清洁生产目标进度填报表", None, None, None, None],
        ["填报单位：深圳市住房和建设局", None, None, "填报日期：2026年1月10日", None],
        ["指标代码", "指标名称", "报告期", "区", "数值"],
        [P17, N17, "2025Q4", "罗湖区", 94.0],
        [None, None, "2025Q4", "盐田区", 97.5],
        [None, None, "2025Q4", "龙岗区", 93.1],
    ]
    return workbook(
        [
            Sheet(
                "Sheet1",
                rows,
                merges=("A1:E1", "A2:C2", "D2:E2", "A4:A6", "B4:B6"),
                col_widths=(20, 28, 10, 10, 10),
            )
        ]
    )


@file("xuhao_actuals.xlsx")
def _() -> bytes:
    rows = [
        ["序号", *A_HEAD],
        [1, P17, "2026Q2", "全市", 95.6, None],
        [2, P02, "2026Q2", "全市", 281, None],
        [3, P06, "2026Q2", "全市", 0.635, None],
    ]
    return opx([("Sheet1", rows)])


@file("template_blank_values.xlsx")
def _() -> bytes:
    # the upload template filled as it is: a row per indicator and district, some left without a value
    head = ["指标代码", "指标名称", "单位", "报告期", "区", "数值", "备注"]
    rows = [head]
    filled = {(P17, "全市"): 95.3, (P17, "福田区"): 96.4, (P02, "全市"): 283, (P18, "全市"): 4.2}
    for code, name, unit in ((P17, N17, "%"), (P02, N02, "家"), (P06, N06, None), (P18, N18, "%")):
        for district in ("全市", "福田区", "罗湖区"):
            rows.append([code, name, unit, "2026Q3", district, filled.get((code, district)), None])
    book = Workbook()
    ws = book.active
    ws.title = "实际值"
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font, cell.fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="2F5597")
    for r in range(2, len(rows) + 1):
        for col in "ABCDEG":
            ws[f"{col}{r}"].number_format = "@"
    ws.freeze_panes = "A2"
    notes = book.create_sheet("填写说明")
    notes.append(["列名", "说明"])
    for h, note in zip(
        head, ["不要修改", "仅供参考", "仅供参考", "季度", "区名", "数字", "可选"], strict=True
    ):
        notes.append([h, note])
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


@file("template_blank_values.csv")
def _() -> bytes:
    head = "指标代码,指标名称,单位,报告期,区,数值,备注\r\n"
    body = (
        f"{P17},{N17},%,2026Q3,全市,95.3,\r\n{P02},{N02},家,2026Q3,全市,,\r\n"
        f"{P06},{N06},,2026Q3,全市,,\r\n{P18},{N18},%,2026Q3,全市,4.2,\r\n"
    )
    return (head + body).encode("utf-8-sig")


# --- 7. columns people add ----------------------------------------------------------------------------------


@file("name_mismatch.xlsx")
def _() -> bytes:
    rows = [
        ["指标代码", "指标名称", "报告期", "区", "数值"],
        [P17, N17, "2025Q4", "全市", 95.1],
        [P18, N17, "2025Q4", "全市", 93.4],
        [P02, N02, "2025Q4", "全市", 262],
    ]
    return opx([("Sheet1", rows)])


@file("name_and_unit_agree.xlsx")
def _() -> bytes:
    rows = [
        ["指标代码", "指标名称", "单位", "报告期", "区", "数值"],
        [P17, N17, "%", "2026Q2", "全市", 95.7],
        [P02, N02, "家", "2026Q2", "全市", 284],
        [P06, N06, None, "2026Q2", "全市", 0.636],
        [P18, N18, "%", "2026Q2", "全市", 4.3],
    ]
    return opx([("实际值", rows)])


@file("unit_mismatch.csv")
def _() -> bytes:
    text = (
        "指标代码,指标名称,单位,报告期,区,数值\r\n"
        f"{P17},{N17},%,2025Q4,全市,95.0\r\n"
        f"{P17},{N17},万吨,2025Q4,福田区,61.3\r\n"
    )
    return text.encode("gbk")


@file("code_as_name.xlsx")
def _() -> bytes:
    # the exact Chinese name typed where the code belongs
    rows = [A_HEAD, [N17, "2025Q4", "全市", 95.0, None], [P18, "2025Q4", "全市", 3.9, None]]
    return opx([("Sheet1", rows)])


@file("district_sum_mismatch.xlsx")
def _() -> bytes:
    # a count reported for every district and the city: the districts add up to 250, 全市 says 262
    counts = {
        "福田区": 33,
        "罗湖区": 18,
        "盐田区": 6,
        "南山区": 47,
        "宝安区": 52,
        "龙岗区": 41,
        "龙华区": 25,
        "坪山区": 12,
        "光明区": 10,
        "大鹏新区": 3,
        "深汕特别合作区": 3,
    }
    rows = [A_HEAD, [P02, "2025Q4", "全市", 262, None]] + [
        [P02, "2025Q4", d, n, None] for d, n in counts.items()
    ]
    return opx([("Sheet1", rows)])


@file("wps_csv_trailing_commas.csv")
def _() -> bytes:
    # WPS "CSV (逗号分隔)" in GBK: every line padded with the commas of columns once used, a trailing empty line
    text = (
        ",".join(A_HEAD)
        + ",,,\r\n"
        + f"{P02},2026Q1,龙华区,27,,,,\r\n{P02},2026Q1,光明区,11,,,,\r\n"
        + ",,,,,,,\r\n"
    )
    return text.encode("gbk")


@file("coefficient_percent_text.csv")
def _() -> bytes:
    return (",".join(A_HEAD) + "\r\n" + f"{P06},2025Q4,全市,62%,\r\n").encode("gbk")


# --- 8. task status -----------------------------------------------------------------------------------------

T_HEAD = ["任务编号", "报告期", "状态", "进展说明", "填报单位"]


@file("task_progress_header.xlsx")
def _() -> bytes:
    rows = [
        ["任务编号", "任务名称", "报告期", "状态", "进展情况", "责任单位"],
        [3, "推进建筑垃圾资源化利用", "2025Q4", "推进中", "已建成处置设施 2 座", "市住房建设局"],
        [17, "创建绿色工厂", "2025Q4", "已完成", "新增国家级绿色工厂 5 家", "市工业和信息化局"],
    ]
    return opx([("任务进展", rows)])


@file("task_fullwidth_space_status.csv")
def _() -> bytes:
    text = (
        ",".join(T_HEAD)
        + "\r\n"
        + ("21,2025Q4,滞　后,征地未完成,市规划和自然资源局\r\n22,2025Q4, 已完成 ,,市生态环境局\r\n")
    )
    return text.encode("gbk")


@file("xuhao_task.csv")
def _() -> bytes:
    text = (
        "序号,任务编号,任务名称,报告期,状态,进展说明,责任单位\r\n"
        "1,12,推进海铁联运,2026Q1,推进中,新开通班列 2 条,市交通运输局\r\n"
        "2,37,农田节水改造,2026Q1,已完成,,市水务局\r\n"
        "3,88,绿色制造体系建设,2026Q1,未启动,,市工业和信息化局\r\n"
    )
    return text.encode("gbk")


@file("xuhao_only_task.xlsx")
def _() -> bytes:
    rows = [
        ["序号", "任务名称", "报告期", "状态"],
        [1, "推进海铁联运", "2026Q1", "推进中"],
        [2, "农田节水改造", "2026Q1", "已完成"],
    ]
    return opx([("Sheet1", rows)])


@file("task_filler_line.csv")
def _() -> bytes:
    text = (
        "2025年第四季度重点任务进展情况,,,,\r\n"
        "填报单位：市发展改革委,,填报日期：2026-01-10,,\r\n"
        ",,,,\r\n" + ",".join(T_HEAD) + "\r\n"
        "5,2025Q4,已完成,已印发实施方案,市发展改革委\r\n"
        "6,2025Q4,推进中,,市发展改革委\r\n"
    )
    return text.encode("gbk")


# --- 9. CSV as agencies save it -----------------------------------------------------------------------------


@file("csv_title_filler_gbk.csv")
def _() -> bytes:
    text = (
        "2025年第四季度清洁生产目标完成情况表,,,,\r\n"
        "填报单位：深圳市住房和建设局,,,填报日期：2026年1月10日,\r\n"
        ",,,,\r\n" + ",".join(A_HEAD) + "\r\n"
        f"{P17},2025Q4,全市,95.4,\r\n{P17},2025Q4,宝安区,92.6,含装修垃圾\r\n"
    )
    return text.encode("gbk")


@file("csv_one_cell_title_bom.csv")
def _() -> bytes:
    text = "建筑垃圾综合利用率季度数据\r\n" + ",".join(A_HEAD) + "\r\n" + f"{P17},2026Q1,全市,95.9,\r\n"
    return text.encode("utf-8-sig")


@file("unicode_text_title.txt")
def _() -> bytes:
    # Excel "Unicode 文本 (*.txt)": UTF-16 LE with BOM, tabs, empty cells kept as tabs
    lines = [
        "海铁联运占比季度数据\t\t\t\t",
        "填报单位：市交通运输局\t\t\t填报日期：2026-07-08\t",
        "\t".join(A_HEAD),
        f"{P18}\t2026Q2\t全市\t4.1\t",
        f'{P18}\t2026Q2\t盐田区\t9.8\t"含""穿梭巴士"""',
    ]
    return "\r\n".join(lines).encode("utf-16")  # Python writes the BOM, little-endian


@file("gb18030_rare_chars.csv")
def _() -> bytes:
    text = ",".join(A_HEAD) + "\r\n" + f"{P02},2025Q4,龙岗区,61,经办人：𠮷田䶮\r\n"
    data = text.encode("gb18030")
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return data
    raise AssertionError("the note must need GB18030")


@file("unclosed_quote.csv")
def _() -> bytes:
    text = (
        ",".join(A_HEAD) + "\r\n" + f"{P17},2025Q4,全市,95.0,\r\n"
        f'{P17},2025Q4,福田区,96.0,"含拆除垃圾\r\n{P17},2025Q4,罗湖区,94.0,\r\n'
    )
    return text.encode("utf-8")


# --- 10. not a workbook we can read -------------------------------------------------------------------------


@file("password_protected.xlsx")
def _() -> bytes:
    # "文件 → 信息 → 用密码进行加密": Excel wraps the encrypted package in an OLE compound file
    rnd = random.Random(13)
    info_xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
        b'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
        b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
        b'<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
        b'<p:encryptedKey spinCount="100000" saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/>'
        b"</keyEncryptor></keyEncryptors></encryption>"
    )
    encryption_info = struct.pack("<HHI", 4, 4, 0x40) + info_xml
    package = struct.pack("<Q", 9000) + rnd.randbytes(9008)
    version = (
        struct.pack("<I", 60)
        + "Microsoft.Container.DataSpaces".encode("utf-16-le")
        + struct.pack("<HHHHHH", 1, 0, 1, 0, 1, 0)
    )
    return compound_file(
        {
            "\x06DataSpaces": {
                "Version": version,
                "DataSpaceMap": b"\x08\x00\x00\x00\x01\x00\x00\x00" + b"\0" * 96,
            },
            "EncryptionInfo": encryption_info,
            "EncryptedPackage": package,
        }
    )


@file("wps_workbook.et")
def _() -> bytes:
    # WPS 表格's own format: a BIFF8 Workbook stream in an OLE compound file
    bof = struct.pack("<HHHHII", 0x0809, 16, 0x0600, 0x0005, 0x0DBB, 0x07CC)
    eof = struct.pack("<HH", 0x000A, 0)
    workbook_stream = bof + b"\x00" * 4096 + eof
    return compound_file(
        {
            "Workbook": workbook_stream,
            "\x05SummaryInformation": b"\xfe\xff" + b"\0" * 46,
            "WpsCustomData": b"KSO" + b"\0" * 29,
        }
    )


@file("html_table.xls")
def _() -> bytes:
    # "导出 Excel" of a web system: an HTML table with Excel's namespaces, named .xls
    html = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\r\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>指标数据</x:Name>"
        "</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>\r\n"
        "<body><table border=1><tr><th>指标代码</th><th>报告期</th><th>区</th><th>数值</th></tr>\r\n"
        f"<tr><td>{P17}</td><td>2025Q4</td><td>全市</td><td style=\"mso-number-format:'0.0'\">95.2</td></tr>\r\n"
        "</table></body></html>\r\n"
    )
    return html.encode("utf-8")


# --- 11. hostile --------------------------------------------------------------------------------------------


@file("xfd_last_cell.xlsx")
def _() -> bytes:
    # 1.5 KB: a header, one row, and one space in the very last cell of the sheet
    rows = [A_HEAD, [P17, "2025Q4", "全市", 95.0, None]]
    last = ("XFD1048576", '<c r="XFD1048576" t="inlineStr"><is><t xml:space="preserve"> </t></is></c>')
    return workbook([Sheet("Sheet1", rows, dimension="A1:XFD1048576", extra_cells=(last,))])


@file("zip_bomb_padded.xlsx")
def _() -> bytes:
    # one sheet member that inflates ~450×, plus a stored "thumbnail" of random bytes that keeps the ratio of
    # the whole archive under 200
    row = "<row>" + "<c><v>0</v></c>" * 512 + "</row>"
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>指标代码</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>报告期</t></is></c>'
        '<c r="C1" t="inlineStr"><is><t>数值</t></is></c></row>'
    )
    rows = 17_000  # 8.7 million cells, 131 MB of XML
    sheet = (head + row * rows + "</sheetData></worksheet>").encode()
    base = workbook([Sheet("Sheet1", [["placeholder"]])])
    packed_sheet = len(zlib.compress(sheet, 6))
    rnd = random.Random(4600)
    junk = rnd.randbytes(max(len(sheet) // 180 - packed_sheet, 0))

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = sheet if info.filename == "xl/worksheets/sheet1.xml" else src.read(info.filename)
            member = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(member, content)
        member = zipfile.ZipInfo("docProps/thumbnail.jpeg", date_time=(2026, 1, 10, 9, 30, 0))
        member.compress_type = zipfile.ZIP_STORED
        dst.writestr(member, junk)
    return out.getvalue()


def build_all() -> dict[str, bytes]:
    """Every corpus file's bytes, by name."""
    return folder.build_all(BUILDERS)


if __name__ == "__main__":
    sys.exit(folder.write(BUILDERS, OUT))
