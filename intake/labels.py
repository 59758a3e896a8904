"""Chinese messages of the intake package: every problem and its fix, in one table."""

from __future__ import annotations

# key -> (problem, fix); both are str.format templates.
MESSAGES: dict[str, tuple[str, str]] = {
    # whole file
    "file_empty": ("文件没有数据行：文件是空的（0 字节）", "请在模板的表头下填写数据后再上传"),
    "no_data_rows": ("文件没有数据行：只有表头，或全是空行", "请在表头下填写数据后再上传"),
    "too_large": ("文件太大（{size}），上限是 {limit}", "请把文件拆分成几个较小的文件分别上传"),
    "too_many_rows": ("文件的数据行超过上限 {limit} 行", "请把文件拆分成几个较小的文件分别上传"),
    "not_text": (
        "文件无法按文本读取：既不是 UTF-8 也不是 GBK 编码的 CSV（可能是二进制文件）",
        "请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”或 .xlsx 后再上传",
    ),
    "zip_as_csv": (
        "文件扩展名是 .csv，但内容是 Excel 工作簿",
        "请把扩展名改为 .xlsx 后上传，或在 Excel 中另存为 CSV",
    ),
    "xls": (
        "不支持旧版 Excel 97-2003 工作簿（.xls）",
        "请在 Excel 中“另存为” .xlsx 或“CSV UTF-8（逗号分隔）”后再上传",
    ),
    "not_xlsx": (
        "文件扩展名是 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的 CSV 或其他文件）",
        "如果是 CSV 文件，请把扩展名改为 .csv；否则请在 Excel 中重新“另存为” .xlsx",
    ),
    "corrupt_xlsx": ("Excel 文件已损坏或不完整，无法打开", "请在 Excel 中打开确认无误后重新保存，再上传"),
    "zip_too_big": (
        "Excel 文件解压后过大（{size}），上限是 {limit}",
        "请删除多余的工作表或数据后重新保存，或拆分后上传",
    ),
    "zip_ratio": (
        "Excel 文件的压缩比异常（{ratio:.0f} 倍），疑似恶意文件，已拒绝读取",
        "请在 Excel 中打开后重新保存，再上传",
    ),
    "no_sheet": ("工作簿中没有名为“{sheet}”的工作表", "现有工作表：{names}；请选择其中之一"),
    "sheet_hidden": ("工作表“{sheet}”是隐藏的，不会读取", "请在 Excel 中取消隐藏并核对后再上传，或选择可见的工作表：{names}"),
    "only_hidden": (
        "可见的工作表里没有数据；隐藏的工作表 {names} 不会读取",
        "如果要上传的是隐藏工作表中的数据，请在 Excel 中右键工作表标签 →“取消隐藏”，核对后保存再上传",
    ),
    "sheet_chart": ("工作表“{sheet}”是图表，没有数据", "请选择存放数据的工作表"),
    "several_sheets": (
        "工作簿中有 {count} 个可见工作表都是数据表：{names}；为避免漏报，不会只读其中一个",
        "请选择要上传的工作表（每次一个），或把它们合并到一个工作表（加一列“区”）后再上传",
    ),
    "sheet_extent": (
        "工作表“{sheet}”的使用范围异常大（{rows} 行 × {cols} 列），可能有远处的空格或格式",
        "请在 Excel 中删除数据区域以外的行和列（或把数据复制到新工作簿）后保存，再上传",
    ),
    "cells_unplaced": (
        "工作簿中有公式、错误值或百分比格式的单元格没有记录位置，无法确定它们显示的值",
        "请在 Excel 或 WPS 中打开后“另存为” .xlsx，再上传",
    ),
    "encrypted": (
        "Excel 文件设置了打开密码（已加密），无法读取",
        "请在 Excel 中打开，点“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码后保存，再上传",
    ),
    "wps_et": ("这是 WPS 表格格式（.et），无法直接读取", "请在 WPS 中“另存为” Excel 工作簿（.xlsx）后再上传"),
    "markup_xls": (
        "文件扩展名是 {ext}，但内容是网页（HTML/XML）格式的表格，常见于业务系统的“导出 Excel”",
        "请在 Excel 或 WPS 中打开，再“另存为” Excel 工作簿（.xlsx）后上传",
    ),
    "quote_unclosed": (
        "第 {row} 行起有引号未闭合（“\"”只有开头没有结尾），之后的内容无法分列",
        "请检查这一行的双引号是否成对；在 Excel 中打开后另存为 CSV 通常可以修正",
    ),
    "unforeseen": (
        "文件的内容无法按表格读取（{kind}），未写入任何数据",
        "请在 Excel 中打开，确认数据在一个工作表中、第一行是表头后，“另存为” .xlsx 或 CSV 再上传；仍不行请联系管理员",
    ),
    "csv_unreadable": ("CSV 文件无法分列读取", "请在 Excel 中打开后“另存为”“CSV UTF-8（逗号分隔）”再上传"),
    "district_in_title": (
        "文件的标题或工作表名写的是{district}，但表中没有“区”列；没有“区”列的行会记为全市",
        "请添加一列“区”并填写{district}（全市的数据填“全市”），再上传",
    ),
    "unsupported_type": ("不支持的文件类型“{ext}”", "请上传 .csv 或 .xlsx 文件"),
    "ragged": (
        "第 {row} 行的列数与表头不一致：{detail}",
        "请检查这一行是否多了逗号或分隔符；在 Excel 中打开后另存为 CSV 通常可以修正",
    ),
    "empty_header": (
        "第 {col} 列有数据（第 {first} 行起），但表头是空的",
        "请在表头行补上列名，或删除这一列（多出的数据常因多打了逗号或分隔符）",
    ),
    # header
    "unknown_column": ("无法识别的列名“{header}”", "可用的列名：{accepted}；请改成其中之一，或删除这一列"),
    "duplicate_column": ("列“{header}”与列“{first}”表示同一项（{name}）", "请只保留其中一列"),
    "missing_column": ("缺少必填列“{name}”", "请添加这一列，列名可写：{accepted}"),
    # cells
    "required_empty": ("{name}为空", "请填写{name}"),
    "value_empty": ("{name}为空", "请填写{name}；没有数据的指标请删除这一行"),
    "formula": ("公式不能作为数值", "请填写计算结果（在 Excel 中复制后用“选择性粘贴 → 数值”）"),
    "formula_no_result": (
        "该单元格是公式，文件中没有保存计算结果",
        "请在 Excel 中打开、保存后再上传（或复制后“选择性粘贴 → 数值”）",
    ),
    "formula_recalc": (
        "该单元格是公式，而工作簿要求打开时重新计算，文件中保存的结果不可信",
        "请在 Excel 中打开、保存后再上传（或复制后“选择性粘贴 → 数值”）",
    ),
    "excel_error": ("该单元格是 Excel 错误值 {value}，不是数值", "请修正公式或填写数值；没有数据的行请删除"),
    "percent_coefficient": (
        "该指标是系数（0–1 之间的小数），不能写成百分数“{value}”",
        "请写成小数，例如 62% 写成 0.62",
    ),
    "name_mismatch": (
        "指标名称“{value}”与指标代码 {code}（{name}）不符{other}",
        "请核对这一行的指标代码和指标名称，确认填的是哪个指标",
    ),
    "name_other": ("，它是 {code} 的名称", ""),
    "unit_mismatch": ("单位写的是“{value}”，而指标 {code} 的单位是“{unit}”", "请按“{unit}”填写数值并改正单位"),
    "district_city_own": (
        "“{value}”指市本级（市直部门自身），不是全市，也不是某个区",
        "全市数据请填“全市”；本系统不单独记录市本级数据，请删除这一行或与统计口径负责人确认",
    ),
    "ambiguous_separator": (
        "数字中的逗号或小数点位置不符合千分位写法，无法确定数值",
        "请直接写 1234.5，或按千分位写成 1,234.5",
    ),
    "chinese_numeral": ("数值须用阿拉伯数字", "例如把“三十”写成 30"),
    "not_number": ("“{value}”不是数字", "请填写数字，例如 12.5；没有数据的指标请删除这一行"),
    "percent_not_allowed": ("该指标的单位是“{unit}”，数值不能带百分号", "请去掉 %，按“{unit}”填写"),
    "out_of_range": ("数值 {number} 超出单位“{unit}”的合理范围（{range}）", "请核对数值和单位"),
    "out_of_bounds": ("数值 {number} 超出该指标的取值范围（{range}）", "请核对数值和单位"),
    "not_whole": ("单位为“{unit}”的数值须为整数，这里是 {number}", "请填写整数"),
    "period_year_only": ("报告期只有年份，缺少季度", "请写成季度，例如 {year}Q4"),
    "period_month": ("报告期“{value}”像是年月，无法确定是哪个季度", "请写成季度，例如 {suggest}"),
    "period_date": (
        "报告期“{value}”是日期，不是季度",
        "请写成季度，例如 {suggest}；如在 Excel 中填写，请先把这一列设为“文本”格式",
    ),
    "period_month_or_quarter": (
        "报告期“{value}”既可能指第 {number} 季度，也可能指 {number} 月，无法确定",
        "如指第 {number} 季度，请写 {quarter}；如指 {number} 月，请写该月所在的季度 {month_quarter}",
    ),
    "period_not_title": (
        "标题写的是 {title_period}（“{title}”），这一行的报告期却是 {period}",
        "请核对报告期；如文件确实包含其他季度的数据，请删去或改正标题中的季度",
    ),
    "district_blank_below": (
        "区为空，而上方第 {above_row} 行的区是{above}：留空表示全市，还是与上方同属{above}，无法确定",
        "请在每一行填写区名（全市的数据填“全市”）；同一区的多行请逐行填写或合并单元格",
    ),
    "district_title_city": (
        "文件的标题、工作表名或文件名写的是{district}，这一行的区却是全市（“{value}”）",
        "如是{district}的数据，请在“区”列填写{district}；如确是全市数据，请从标题和文件名中删去区名",
    ),
    "task_name_other": (
        "任务名称“{value}”与任务编号 {number} 的任务不符，像是第 {other} 项任务（{other_text}）",
        "请核对这一行的任务编号和任务名称（“序号”列只作行号，不当作任务编号）",
    ),
    "project_name_other": (
        "工程名称“{value}”与工程编号 {number}（{own}）不符，像是第 {other} 项工程（{other_text}）",
        "请核对这一行的工程编号和工程名称（“序号”列只作行号，不当作工程编号）",
    ),
    "period_no_year": ("报告期“{value}”缺少年份", "请写成 2025Q4 这样的形式"),
    "period_bad_quarter": ("报告期“{value}”的季度不在 1–4 之内", "请写成 2025Q4 这样的形式"),
    "period_unknown": ("无法识别的报告期“{value}”", "请写成季度，例如 2025Q4 或 2025年第四季度"),
    "period_future": (
        "报告期 {period} 尚未结束（最近一个已结束的季度是 {latest}）",
        "请核对报告期；季度结束后才能填报",
    ),
    "period_too_old": ("报告期 {period} 早于 {earliest}", "请核对报告期"),
    "code_unknown": ("未知的指标代码“{value}”", "{hint}"),
    "code_hint_name": ("这是指标名称，对应的指标代码是 {codes}；请改填代码", ""),
    "code_hint_close": ("您要填的是不是：{codes}？请从模板中复制指标代码", ""),
    "code_hint_none": ("请从模板中复制指标代码", ""),
    "district_unknown": ("未知的区“{value}”", "可填：{districts}（留空表示全市）"),
    "task_no_bad": ("任务编号“{value}”不是整数", "只填数字，例如 12"),
    "task_no_range": ("任务编号 {number} 超出范围 1–{high}", "请核对任务编号"),
    "project_no_bad": (
        "工程编号“{value}”无法识别",
        "请填写 1–{high} 的工程序号，例如 17；也可写“（十七）”“十七”“工程17”“第17项”",
    ),
    "project_no_range": ("工程编号“{value}”是 {number}，超出范围 1–{high}", "请核对工程编号（重点工程共 {high} 项）"),
    "amount_percent": ("{name}的单位是“{unit}”，不能写成百分数“{value}”", "请去掉 %，按“{unit}”填写"),
    "optional_range": ("{name} {number} 超出合理范围（{range}）", "请核对{name}；单位为“{unit}”，没有数据可留空"),
    "status_bad": ("状态“{value}”不在可选范围内", "{hint}请填写：{statuses} 之一"),
    "status_hint": ("如指“{status}”，请改为“{status}”；", ""),
    "year_bad": ("目标年份“{value}”不是四位整数年份", "请填写年份，例如 2030"),
    "year_range": ("目标年份 {number} 超出范围 {low}–{high}", "请核对目标年份"),
    "duplicate": ("与第 {first} 行重复（{key}都相同）", "请删除重复的行，或合并为一行"),
    # what Excel shows differs from what the cell holds
    "format_scaled": (
        "单元格里的数是 {value}，但数字格式“{format}”把它显示为 {shown}（缩小了倍数或插入了小数点），无法确定按哪个数读取",
        "请把这一列的单元格格式改为“常规”或“数值”，按指标的单位填写实际数值后再上传",
    ),
    "unit_in_value": (
        "数值“{value}”带有单位“{written}”，而该指标的单位是“{unit}”",
        "请只填写数字，并按“{unit}”换算后填写（如单元格格式里带有单位，请把格式改为“常规”）",
    ),
    "header_unit": (
        "列名“{header}”写明单位是“{written}”，而这一行的指标 {code} 的单位是“{unit}”，无法确定数值按哪个单位填写",
        "请把列名改为“数值”，并按各指标自己的单位填写数值",
    ),
    "merged_number": (
        "第 {first}–{last} 行的数值是一个合并单元格，无法确定是每一行都取这个数，还是几行合计",
        "请取消合并单元格，在每一行填写各自的数值后再上传",
    ),
    "hidden_row": (
        "第 {row} 行在 Excel 中是隐藏的（或被筛选隐藏），其中的数据看不到，不会读取为要上传的数据",
        "请在 Excel 中取消隐藏（或清除筛选）并核对：不需要上传的行请删除，然后保存再上传",
    ),
    "hidden_column": (
        "列“{header}”在 Excel 中是隐藏的，其中的数据看不到",
        "请在 Excel 中取消隐藏这一列并核对，不需要的列请删除，然后保存再上传",
    ),
    "number_split": (
        "这一格“{value}”与右边一格“{next}”像是一个带千分位逗号的数（{value},{next}）被逗号分成了两列",
        "请在 Excel 中打开后另存为 CSV（会给这样的数加上引号），或去掉数字中的逗号后再上传",
    ),
    "row_wider": (
        "第 {row} 行比表头多 {extra} 列（多出的列是空的），这一行的内容可能因为多出的逗号错开了列",
        "请检查这一行数字中是否有未加引号的逗号（如 0,951 或 1,234）；在 Excel 中打开后另存为 CSV 通常可以修正",
    ),
    "decimal_comma": (
        "文件用分号分列，数值“{value}”中的逗号可能是小数点（欧洲格式）也可能是千分位，无法确定数值",
        "请去掉数字中的逗号：小数写成 1.5 这样的形式，千位不加分隔符，再上传",
    ),
}


# Notices: what the reader or the checks decided that the analyst should see in the preview.
NOTICES: dict[str, str] = {
    "sheet_used": "读取的是工作表“{sheet}”；跳过了 {skipped}（不是本类数据的表）",
    "sheet_used_only": "读取的是工作表“{sheet}”",
    "sheets_hidden": "隐藏的工作表 {names} 没有读取",
    "xls_text": "文件扩展名是 {ext}，内容是制表符分隔的文本，已按文本表格读取",
    "skipped_blank": "{count} 行没有填写{name}，已跳过（第 {rows} 行）",
    "code_by_name": "{count} 行的指标代码一栏写的是指标名称，已按名称识别：{pairs}",
    "district_sum": "请核实：{code} {period} 各区合计 {total:g}，与全市 {city:g} 不一致",
    "unusual_fraction": "历史值在 {median:.3g}% 左右，这次的数值都不超过 1：是否把 88% 写成了 0.88？",
    "unusual_jump": "是上一期（{period}：{prev:,.10g}）的 {ratio:.3g} 倍，请核对数值和单位",
    "unusual_falls": "累计数比上一期（{period}：{prev:,.10g}）还少，累计数不应下降",
    "percent_cells": "{count} 行的数值在 Excel 中是百分比格式，已按显示的百分数读取（如 0.951 读作 95.1%）",
}


def notice(key: str, /, **values: object) -> str:
    """A notice, filled in."""
    return NOTICES[key].format(**values)


def problem(key: str, /, **values: object) -> str:
    """The problem text of a message, filled in."""
    return MESSAGES[key][0].format(**values)


def fix(key: str, /, **values: object) -> str:
    """The fix text of a message, filled in."""
    return MESSAGES[key][1].format(**values)


def size_text(n: int) -> str:
    """A byte count for people: '1.5 MB'."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} 字节"
