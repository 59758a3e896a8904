"""Write tests/files/keys/: what people write in a row's KEY cells (报告期, 任务编号, 工程编号, 状态, 区, 指标代码, 指标名称,
单位, 目标年份) and whole-file habits (a key twice, blank rows, a sheet of another kind).

Run from the repository root: `.venv/bin/python -m tests.corpus.keys`. Every file is rebuilt byte for byte
(tests/test_intake_keys.py checks the committed files against this generator); the expected outcome of each file,
through store.ingest on a database initialised with the real catalog, is in tests/corpus/key_cases.py. CSV files
come in UTF-8 with a BOM, GB18030 and UTF-16 (as Excel's "Unicode text" saves them); workbooks are written part by
part (tests/corpus/ooxml.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from tests.corpus import folder
from tests.corpus.ooxml import C, Sheet, workbook

OUT = Path(__file__).resolve().parent.parent / "files" / "keys"

P17, P02, P06, P18 = "P17_CW_RECYCLING", "P02_GREEN_MFG", "P06_IRRIGATION", "P18_SEA_RAIL"
P12P, P12R, P14, P04 = "P12_PUB_SAVING", "P12_RES_SAVING", "P14_PV_STORAGE", "P04_CP_AUDIT"
A_HEAD = ("指标代码", "报告期", "区", "数值", "备注")
T_HEAD = ("任务编号", "报告期", "状态", "进展说明")
PR_HEAD = ("工程编号", "报告期", "状态", "进展说明")
G_HEAD = ("指标代码", "目标年份", "区", "目标值")

BUILDERS: dict[str, Callable[[], bytes]] = {}


def file(name: str, build: Callable[[], bytes]) -> None:
    assert name not in BUILDERS, name
    BUILDERS[name] = build


def text(head: tuple[str, ...], rows: list[tuple[object, ...]], encoding: str = "utf-8-sig", sep: str = ",",
         title: str | None = None) -> bytes:
    """A CSV (or tab-separated text) file; encoding 'utf-16' is Excel's Unicode text: BOM, little endian."""
    lines = ([title] if title else []) + [sep.join(head)] + [sep.join(str(v) for v in r) for r in rows]
    body = "\r\n".join(lines) + "\r\n"
    if encoding == "utf-16":
        return b"\xff\xfe" + body.encode("utf-16-le")
    return body.encode(encoding)


def xlsx(head: tuple[str, ...], rows: list[list[object]], *, title: str | None = None, merges: tuple[str, ...] = (),
         name: str = "Sheet1") -> bytes:
    body = ([[title]] if title else []) + [list(head)] + [list(r) for r in rows]
    return workbook([Sheet(name, body, merges=merges)])


def actual(cell: str, value: object = 3.9, code: str = P18, district: str = "全市") -> tuple[object, ...]:
    return (code, cell, district, value, "")


# --- 1. 报告期 --------------------------------------------------------------------------------------------------

PERIOD_TEXTS = {
    "period_q.csv": "2025Q4",
    "period_cn_full.csv": "2025年第四季度",
    "period_cn_no_di.csv": "2025年四季度",
    "period_cn_digit.csv": "2025年4季度",
    "period_dash_q.csv": "2025-Q4",
    "period_lower_q.csv": "2025q4",
    "period_fullwidth.csv": "２０２５Ｑ４",
    "period_spaced.csv": "2025 年 第 4 季度",
    "period_dot_number.csv": "2025.4",
    "period_dash_number.csv": "2025-4",
    "period_slash_number.csv": "2025/4",
    "period_dash_zero_month.csv": "2025-04",
    "period_yyyymm_march.csv": "202503",
    "period_year_and_digit.csv": "2025年4",
    "period_year_digit_glued.csv": "20254",
    "period_short_year.csv": "25Q4",
    "period_month_dec.csv": "2025年12月",
    "period_dash_dec.csv": "2025-12",
    "period_april.csv": "2025年4月",
    "period_year_only.csv": "2025年",
    "period_future.csv": "2026Q1",
    "period_before_plan.csv": "2014Q4",
    "period_q5.csv": "2025Q5",
    "period_no_year.csv": "第四季度",
    "period_cn_year.csv": "二〇二五年第四季度",
    "period_month_range.csv": "2025年10-12月",
    "period_half_year.csv": "2025年上半年",
    "period_di_no_ji.csv": "2025年第4",
}
ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")
for i, (name, cell) in enumerate(PERIOD_TEXTS.items()):
    enc = ENCODINGS[i % 3]
    file(name, lambda cell=cell, enc=enc: text(A_HEAD, [actual(cell)], enc, "\t" if enc == "utf-16" else ","))

# Excel cells: a real date, a date shown as 年月, a number 2025.4, a period merged down three rows
file("period_excel_date.xlsx", lambda: xlsx(A_HEAD, [[P18, C(46022, fmt="yyyy-mm-dd"), "全市", 3.9, None]]))
file("period_excel_oct_first.xlsx", lambda: xlsx(A_HEAD, [[P18, C(45931, fmt="yyyy/m/d"), "全市", 3.9, None]]))
file("period_excel_year_month.xlsx", lambda: xlsx(A_HEAD, [[P18, C(46002, fmt='yyyy"年"m"月"'), "全市", 3.9, None]]))
file("period_excel_number.xlsx", lambda: xlsx(A_HEAD, [[P18, 2025.4, "全市", 3.9, None]]))
file("period_merged_down.xlsx", lambda: xlsx(A_HEAD, [[P17, "2025Q4", "全市", 95.1, None],
                                                      [P17, None, "福田区", 96.2, None],
                                                      [P17, None, "罗湖区", 94.0, None]], merges=("B2:B4",)))
file("period_title_only.xlsx", lambda: xlsx(("指标代码", "区", "数值"), [[P18, "全市", 3.9]],
                                            title="2025年第四季度清洁生产指标报表"))
file("period_title_disagrees.xlsx", lambda: xlsx(A_HEAD, [[P18, "2025Q3", "全市", 3.9, None]],
                                                 title="2025年第四季度清洁生产指标报表"))
file("period_title_agrees.xlsx", lambda: xlsx(A_HEAD, [[P18, "2025年第四季度", "全市", 3.9, None]],
                                              title="2025年第四季度清洁生产指标报表"))
file("period_title_one_row_off.csv", lambda: text(A_HEAD, [actual("2025Q4"), actual("2025Q3", 3.7, P17)],
                                                  "gb18030", title="深圳市清洁生产目标进度监测（2025年4季度）"))
file("period_title_two_quarters.csv", lambda: text(A_HEAD, [actual("2025Q3"), actual("2025Q4", 4.1)],
                                                   title="2025年第三、四季度指标"))

# --- 2. 任务编号 / 工程编号 --------------------------------------------------------------------------------------

TASK_NUMBERS = {
    "task_plain.csv": "56",
    "task_excel_float.csv": "56.0",
    "task_fullwidth.csv": "５６",
    "task_di_xiang.csv": "第56项",
    "task_paren_cn.csv": "（五十六）",
    "task_cn.csv": "五十六",
    "task_dun.csv": "56、",
    "task_dash_pair.csv": "5-6",
    "task_two_in_one.csv": "56/57",
    "task_sub_item.csv": "1.2",
    "task_apostrophe.csv": "'56",
    "task_name_as_number.csv": "加快提升建筑能效水平",
    "task_out_of_range.csv": "141",
    "task_zero.csv": "0",
    "task_negative.csv": "-5",
    "task_huge.csv": "9" * 400,
}
for i, (name, cell) in enumerate(TASK_NUMBERS.items()):
    enc = ENCODINGS[i % 3]
    file(name, lambda cell=cell, enc=enc: text(T_HEAD, [(cell, "2025Q4", "推进中", "")], enc,
                                               "\t" if enc == "utf-16" else ","))
file("task_quote_prefix.xlsx", lambda: xlsx(T_HEAD, [[C("56", fmt="@"), "2025Q4", "推进中", None]]))
file("task_name_agrees.csv", lambda: text(("序号", "任务编号", "任务名称", "报告期", "状态"),
                                          [(1, 56, "加快提升建筑能效水平", "2025Q4", "已完成"),
                                           (2, 57, "积极采用自然通风、天然采光", "2025Q4", "推进中")]))
# the agency's own list: 序号 holds the plan's numbers, 任务编号 its own 1, 2 (the columns swapped)
file("task_seq_swapped.csv", lambda: text(("序号", "任务编号", "任务名称", "报告期", "状态"),
                                          [(56, 1, "加快提升建筑能效水平", "2025Q4", "已完成"),
                                           (57, 2, "积极采用自然通风、天然采光", "2025Q4", "推进中")], "gb18030"))
file("task_name_shifted.xlsx", lambda: xlsx(("任务编号", "任务名称", "报告期", "状态"),
                                            [[56, "积极采用自然通风、天然采光、隔音降噪等生态共享的建筑设计方式", "2025Q4", "已完成"],
                                             [57, "大力推进可再生能源建筑应用", "2025Q4", "推进中"]]))

PROJECT_NUMBERS = {
    "project_paren_cn.csv": "（十七）",
    "project_prefixed.csv": "工程17",
    "project_di_xiang.csv": "第17项",
    "project_sub_item.csv": "1.2",
    "project_out_of_range.csv": "26",
    "project_huge.csv": "工程" + "9" * 400,
    "project_year_huge.csv": "1" * 20,
}
for name, cell in PROJECT_NUMBERS.items():
    file(name, lambda cell=cell: text(PR_HEAD, [(cell, "2025Q4", "推进中", "")]))
file("project_name_agrees.csv", lambda: text(("工程编号", "工程名称", "报告期", "状态"),
                                             [(17, "建筑垃圾资源化利用工程", "2025Q4", "推进中"),
                                              (2, "绿色制造体系建设", "2025Q4", "已完成")]))
file("project_name_swapped.csv", lambda: text(("工程编号", "工程名称", "报告期", "状态"),
                                              [(17, "绿色制造体系建设工程", "2025Q4", "推进中"),
                                               (2, "建筑垃圾资源化利用工程", "2025Q4", "已完成")], "gb18030"))

# --- 3. 状态 --------------------------------------------------------------------------------------------------

STATUSES = {
    "status_exact.csv": ("已完成", "推进中", "滞后", "未启动"),
    "status_trailing_space.csv": ("推进中 ",),
    "status_done_short.csv": ("完成",),
    "status_done_early.csv": ("已完成（提前）",),
    "status_basically_done.csv": ("基本完成",),
    "status_in_progress.csv": ("进行中",),
    "status_pushing.csv": ("正在推进",),
    "status_lagging_words.csv": ("进度滞后",),
    "status_not_begun.csv": ("未开展",),
    "status_paused.csv": ("暂停",),
    "status_slash.csv": ("/",),
    "status_english.csv": ("done",),
    "status_with_note.csv": ("已完成，10月已验收",),
}
for i, (name, cells) in enumerate(STATUSES.items()):
    file(name, lambda cells=cells, i=i: text(T_HEAD, [(n + 1, "2025Q4", s, "") for n, s in enumerate(cells)],
                                             ENCODINGS[i % 3], "\t" if ENCODINGS[i % 3] == "utf-16" else ","))
file("status_blank_with_note.csv", lambda: text(T_HEAD, [(1, "2025Q4", "已完成", ""),
                                                         (2, "2025Q4", "", "已完成前期调研，正在起草方案")]))

# --- 4. 区 ------------------------------------------------------------------------------------------------------

DISTRICTS = {
    "district_dapeng_short.csv": "大鹏",
    "district_dapeng_qu.csv": "大鹏区",
    "district_shenshan_short.csv": "深汕合作区",
    "district_guangming_old.csv": "光明新区",
    "district_longhua_old.csv": "龙华新区",
    "district_pingshan_old.csv": "坪山新区",
    "district_city_own.csv": "市本级",
    "district_city_total.csv": "全市合计",
    "district_total.csv": "合计",
    "district_shenzhen.csv": "深圳市",
    "district_blank.csv": "",
    "district_futian_short.csv": "福田",
    "district_with_note.csv": "宝安区（含空港）",
}
for i, (name, cell) in enumerate(DISTRICTS.items()):
    file(name, lambda cell=cell, i=i: text(A_HEAD, [(P17, "2025Q4", cell, 95.1, "")], ENCODINGS[i % 3],
                                           "\t" if ENCODINGS[i % 3] == "utf-16" else ","))
# the district written once for a group of rows (no merged cells): the blank cells below are not 全市
file("district_grouped_blank.csv", lambda: text(A_HEAD, [(P17, "2025Q4", "福田区", 96.2, ""),
                                                         (P02, "2025Q4", "", 33, ""),
                                                         (P04, "2025Q4", "", 120, "")], "gb18030"))
file("district_blank_city_first.csv", lambda: text(A_HEAD, [(P17, "2025Q4", "", 95.1, ""),
                                                            (P17, "2025Q4", "福田区", 96.2, ""),
                                                            (P17, "2025Q4", "罗湖区", 94.0, "")]))
file("district_blank_after_city.csv", lambda: text(A_HEAD, [(P17, "2025Q4", "全市", 95.1, ""),
                                                            (P18, "2025Q4", "", 3.9, "")]))
file("district_merged_down.xlsx", lambda: xlsx(A_HEAD, [[P17, "2025Q4", "福田区", 96.2, None],
                                                        [P02, "2025Q4", None, 33, None]], merges=("C2:C3",)))
# a district's own file: its title names the district, the 区 column is left blank or says 全市
file("district_title_blank_column.xlsx", lambda: xlsx(A_HEAD, [[P17, "2025Q4", None, 96.2, None],
                                                               [P02, "2025Q4", None, 33, None]],
                                                      title="福田区2025年第四季度清洁生产指标"))
file("district_title_and_city.csv", lambda: text(A_HEAD, [(P17, "2025Q4", "全市", 96.2, ""),
                                                          (P02, "2025Q4", "福田区", 33, "")],
                                                 title="福田区清洁生产指标季报"))
file("district_title_city_file.csv", lambda: text(A_HEAD, [(P17, "2025Q4", "全市", 95.1, ""),
                                                           (P17, "2025Q4", "福田区", 96.2, ""),
                                                           (P17, "2025Q4", "罗湖区", 94.0, "")],
                                                  title="全市及福田区、罗湖区建筑垃圾综合利用率"))
file("district_in_task_file.csv", lambda: text(("任务编号", "报告期", "区", "状态"), [(56, "2025Q4", "福田区", "推进中")]))

# --- 5. 指标代码, 指标名称, 单位 --------------------------------------------------------------------------------

CODES = {
    "code_lower.csv": "p17_cw_recycling",
    "code_inner_space.csv": " P17_CW_ RECYCLING ",
    "code_full_name.csv": "建筑垃圾综合利用率",
    "code_name_of_two.csv": "建筑本体节能率",
    "code_prefix_only.csv": "P17",
}
for name, cell in CODES.items():
    file(name, lambda cell=cell: text(A_HEAD, [(cell, "2025Q4", "全市", 95.1, "")], "gb18030"))
N_HEAD = ("指标代码", "指标名称", "单位", "报告期", "区", "数值")
file("code_name_swapped.csv", lambda: text(N_HEAD, [(P12P, "新建居住建筑本体节能率", "%", "2025Q4", "全市", 65),
                                                    (P12R, "新建公共建筑本体节能率", "%", "2025Q4", "全市", 72)]))
file("code_name_partial.csv", lambda: text(N_HEAD, [(P12P, "公共建筑节能率", "%", "2025Q4", "全市", 72)]))
file("code_name_other_partial.csv", lambda: text(N_HEAD, [(P12P, "居住建筑本体节能率", "%", "2025Q4", "全市", 65)]))
file("unit_wan_ton.csv", lambda: text(N_HEAD, [(P17, "建筑垃圾综合利用率", "万吨", "2025Q4", "全市", 95.1)]))
file("unit_points.csv", lambda: text(N_HEAD, [(P18, "海铁联运占比", "个百分点", "2025Q4", "全市", 0.4)]))
file("unit_spellings.csv", lambda: text(N_HEAD, [(P17, "建筑垃圾综合利用率", "％", "2025Q4", "全市", 95.1),
                                                 (P14, "“光储直柔”试点项目数", "项", "2025Q4", "全市", 12),
                                                 (P06, "农田灌溉水有效利用系数", "", "2025Q4", "全市", 0.62)]))
file("unit_jia_for_ge.csv", lambda: text(N_HEAD, [(P14, "“光储直柔”试点项目数", "家", "2025Q4", "全市", 12)]))

# --- 6. 目标值 --------------------------------------------------------------------------------------------------

file("target_year_forms.csv", lambda: text(G_HEAD, [(P17, "2025年", "全市", 95), (P18, "2030.0", "全市", 5)]))
file("target_year_end.csv", lambda: text(G_HEAD, [(P17, "2025年底", "全市", 95)]))
file("target_year_period.csv", lambda: text(G_HEAD, [(P17, "2025Q4", "全市", 95)]))
file("target_year_date.xlsx", lambda: xlsx(G_HEAD, [[P17, C(46022, fmt="yyyy-mm-dd"), "全市", 95]]))
file("target_year_huge.csv", lambda: text(G_HEAD, [(P17, "9" * 400, "全市", 95)]))
file("target_percent_on_count.csv", lambda: text(G_HEAD, [(P02, 2025, "全市", "140%")]))
file("target_percent_on_percent.csv", lambda: text(G_HEAD, [(P17, 2025, "全市", "95%")]))
file("target_district_not_by_district.csv", lambda: text(G_HEAD, [(P18, 2025, "南山区", 4.5)]))

# --- 7. whole file ----------------------------------------------------------------------------------------------

file("whole_same_key_two_values.csv", lambda: text(A_HEAD, [actual("2025Q4", 3.9), actual("2025年第四季度", 4.2)]))
file("whole_same_row_twice.csv", lambda: text(A_HEAD, [actual("2025Q4", 3.9), actual("2025Q4", 3.9)]))
file("whole_blank_and_city_twice.csv", lambda: text(A_HEAD, [actual("2025Q4", 3.9, P18, ""),
                                                             actual("2025Q4", 4.0, P18, "深圳市")]))
file("whole_two_periods.csv", lambda: text(A_HEAD, [actual("2025Q3", 3.7), actual("2025Q4", 3.9)]))
file("whole_headers_only.xlsx", lambda: xlsx(A_HEAD, []))
file("whole_blank_tail.csv", lambda: text(A_HEAD, [actual("2025Q4")] + [("", "", "", "", "")] * 10_000))
file("whole_blank_tail.xlsx", lambda: xlsx(A_HEAD, [[P18, "2025Q4", "全市", 3.9, None]]
                                           + [[C(None, fmt="0.0")] * 5] * 10_000))
file("whole_task_headers_in_actuals_sheet.xlsx",
     lambda: xlsx(T_HEAD, [[56, "2025Q4", "推进中", None]], name="实际值"))
file("whole_task_status_dup.csv", lambda: text(T_HEAD, [(56, "2025Q4", "推进中", ""), (56, "2025年四季度", "已完成", "")]))


# --- build --------------------------------------------------------------------------------------------------


def build_all() -> dict[str, bytes]:
    """Every corpus file's bytes, by name."""
    return folder.build_all(BUILDERS)


if __name__ == "__main__":
    sys.exit(folder.write(BUILDERS, OUT))
