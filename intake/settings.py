"""Limits and rule tables for uploads: every threshold of the intake package in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Size limits of one uploaded file; a file beyond any of them is refused whole."""

    max_bytes: int = 200 * 1024 * 1024  # the file as uploaded
    max_rows: int = 2_000_000  # data rows
    max_unpacked_bytes: int = 1024 * 1024 * 1024  # sum of an .xlsx's uncompressed parts
    max_zip_ratio: float = 200.0  # uncompressed / compressed size of one .xlsx part: beyond this it is a zip bomb
    # rows × columns of a sheet's used rectangle, which the Excel reader allocates whole (~32 bytes a cell)
    max_cells: int = 30_000_000


DEFAULT_LIMITS = Limits()

# The error table keeps at most this many rows; CheckResult.error_count still counts all of them.
MAX_ERROR_ROWS = 1000

# Unknown codes get "did you mean" suggestions for at most this many distinct values.
MAX_SUGGESTED_VALUES = 200

TARGET_YEAR_MIN = 2023
TARGET_YEAR_MAX = 2060


@dataclass(frozen=True)
class UnitRule:
    """What a value in a unit may be: the range, whether it must be whole, whether '34%' may be written."""

    low: float | None
    high: float | None
    whole: bool = False
    percent_sign: bool = False


# Range rules by an indicator's unit. A unit not listed here allows any finite number.
UNIT_RULES: dict[str, UnitRule] = {
    "%": UnitRule(0, 100, percent_sign=True),
    "家": UnitRule(0, None, whole=True),
    "个": UnitRule(0, None, whole=True),
    "": UnitRule(0, 1),  # a coefficient, e.g. 农田灌溉水有效利用系数
}

TASK_STATUSES: tuple[str, ...] = ("未启动", "推进中", "已完成", "滞后")

# Words people write for a status; never accepted, only suggested in the fix.
STATUS_SYNONYMS: dict[str, str] = {
    "进行中": "推进中",
    "正在推进": "推进中",
    "推进": "推进中",
    "在推进": "推进中",
    "实施中": "推进中",
    "完成": "已完成",
    "已办结": "已完成",
    "办结": "已完成",
    "未开始": "未启动",
    "尚未启动": "未启动",
    "未开展": "未启动",
    "延期": "滞后",
    "逾期": "滞后",
    "落后": "滞后",
    "进度滞后": "滞后",
}

CITY_WIDE = "全市"

# Other ways of writing 全市 in the district column ('' = left empty).
CITY_WIDE_ALIASES: tuple[str, ...] = ("", "全市", "深圳市", "深圳", "市级", "全深圳", "深圳全市")

# The city government's own share (not the districts'): never 全市, and no district either.
CITY_OWN: tuple[str, ...] = ("市本级", "市直", "市直属", "本级", "市属")

# How people write an indicator's unit in a 单位 column -> the catalog's unit ('' is a coefficient).
UNIT_SPELLINGS: dict[str, str] = {
    "%": "%", "百分比": "%", "百分率": "%", "比例": "%", "占比": "%",
    "家": "家", "个": "个", "项": "个",
    "系数": "", "无": "", "-": "", "—": "", "/": "", "无量纲": "",
}

# An additive count (these units) reported by district should add up to its 全市 value of the same quarter.
ADDITIVE_UNITS: tuple[str, ...] = ("家", "个")
