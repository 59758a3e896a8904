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
    "unsupported_type": ("不支持的文件类型“{ext}”", "请上传 .csv 或 .xlsx 文件"),
    "ragged": (
        "第 {row} 行的列数与表头不一致：{detail}",
        "请检查这一行是否多了逗号或分隔符；在 Excel 中打开后另存为 CSV 通常可以修正",
    ),
    "empty_header": ("第 {col} 列有数据，但表头是空的", "请在表头行补上列名，或删除这一列"),
    # header
    "unknown_column": ("无法识别的列名“{header}”", "可用的列名：{accepted}；请改成其中之一，或删除这一列"),
    "duplicate_column": ("列“{header}”与列“{first}”表示同一项（{name}）", "请只保留其中一列"),
    "missing_column": ("缺少必填列“{name}”", "请添加这一列，列名可写：{accepted}"),
    # cells
    "required_empty": ("{name}为空", "请填写{name}"),
    "value_empty": ("{name}为空", "请填写{name}；没有数据的指标请删除这一行"),
    "formula": ("公式不能作为数值", "请填写计算结果（在 Excel 中复制后用“选择性粘贴 → 数值”）"),
    "ambiguous_separator": (
        "数字中的逗号或小数点位置不符合千分位写法，无法确定数值",
        "请直接写 1234.5，或按千分位写成 1,234.5",
    ),
    "chinese_numeral": ("数值须用阿拉伯数字", "例如把“三十”写成 30"),
    "not_number": ("“{value}”不是数字", "请填写数字，例如 12.5；没有数据的指标请删除这一行"),
    "percent_not_allowed": ("该指标的单位是“{unit}”，数值不能带百分号", "请去掉 %，按“{unit}”填写"),
    "out_of_range": ("数值 {number} 超出单位“{unit}”的合理范围（{range}）", "请核对数值和单位"),
    "not_whole": ("单位为“{unit}”的数值须为整数，这里是 {number}", "请填写整数"),
    "period_year_only": ("报告期只有年份，缺少季度", "请写成季度，例如 {year}Q4"),
    "period_month": ("报告期“{value}”像是年月，无法确定是哪个季度", "请写成季度，例如 {suggest}"),
    "period_date": (
        "报告期“{value}”是日期，不是季度",
        "请写成季度，例如 {suggest}；如在 Excel 中填写，请先把这一列设为“文本”格式",
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
    "status_bad": ("状态“{value}”不在可选范围内", "{hint}请填写：{statuses} 之一"),
    "status_hint": ("如指“{status}”，请改为“{status}”；", ""),
    "year_bad": ("目标年份“{value}”不是四位整数年份", "请填写年份，例如 2030"),
    "year_range": ("目标年份 {number} 超出范围 {low}–{high}", "请核对目标年份"),
    "duplicate": ("与第 {first} 行重复（{key}都相同）", "请删除重复的行，或合并为一行"),
}


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
