"""The columns of each upload kind, their accepted header names, and header matching."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of an upload: `field` in the normalized frame, `header` as templates write it."""

    field: str
    header: str
    english: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    ignored: bool = False  # accepted, then dropped (序号, 任务名称)

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.header, self.english, *self.aliases)


# 指标名称 and 单位 are read to be checked against the code (a swapped code is the worst silent error), not kept
_NAME = Column("name", "指标名称", "name", ("indicator_name", "名称"), required=False)
_UNIT = Column("unit", "单位", "unit", ("计量单位",), required=False)
# 序号 is the row's number in the agency's own list: accepted and dropped, never read as a task number
_SEQ = Column("seq", "序号", "no", ("no.", "行号"), required=False, ignored=True)
_CODE = Column("code", "指标代码", "code", ("代码", "指标编码", "indicator_code", "indicator"))
_PERIOD = Column("period", "报告期", "period", ("季度", "统计期", "期间", "quarter"))

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "actuals": (
        _CODE,
        _NAME,
        _UNIT,
        _PERIOD,
        Column("district", "区", "district", ("区域", "行政区", "辖区"), required=False),
        Column("value", "数值", "value", ("实际值", "完成值", "值", "actual")),
        Column("note", "备注", "note", ("说明", "remark"), required=False),
        _SEQ,
    ),
    "task-status": (
        Column("task_no", "任务编号", "task_no", ("任务序号", "编号", "task", "task_id")),
        Column("task_name", "任务名称", "task_name", (), required=False, ignored=True),
        _PERIOD,
        Column("status", "状态", "status", ("进展状态", "任务状态")),
        Column("note", "进展说明", "note", ("进展情况", "工作进展", "进展", "说明", "备注", "progress"), required=False),
        Column("unit", "填报单位", "unit", ("责任单位", "单位", "reporter"), required=False),
        _SEQ,
    ),
    "project-status": (
        Column("project_no", "工程编号", "project_no", ("工程序号", "重点工程编号", "工程", "重点工程", "project",
                                                     "project_id")),
        Column("project_name", "工程名称", "project_name", ("重点工程名称",), required=False, ignored=True),
        _PERIOD,
        Column("status", "状态", "status", ("进展状态", "工程状态")),
        Column("note", "进展说明", "note", ("进展情况", "工作进展", "进展", "说明", "备注"), required=False),
        Column("unit", "填报单位", "unit", ("责任单位", "单位", "reporter"), required=False),
        Column("progress_pct", "形象进度", "progress_pct", ("形象进度百分比", "完成进度", "完成比例"),
               required=False),
        Column("investment", "完成投资", "investment", ("累计完成投资", "完成投资额", "投资完成额"), required=False),
        _SEQ,
    ),
    "targets": (
        _CODE,
        _NAME,
        _UNIT,
        Column("target_year", "目标年份", "target_year", ("年份", "目标年", "year")),
        Column("district", "区", "district", ("区域", "行政区", "辖区"), required=False),
        Column("target_value", "目标值", "target_value", ("目标", "target")),
        _SEQ,
    ),
}

# the columns of the normalized frame, in order, after `row`
FIELDS: dict[str, tuple[str, ...]] = {
    "actuals": ("code", "period", "district", "value", "note"),
    "task-status": ("task_no", "period", "status", "note", "unit"),
    "project-status": ("project_no", "period", "status", "note", "unit", "progress_pct", "investment"),
    "targets": ("code", "target_year", "district", "target_value"),
}

# The upload kinds, declared once (store, upload page and command line iterate this).
KINDS: tuple[str, ...] = tuple(SCHEMAS)

_UNIT_SUFFIX = re.compile(r"[(\[<{][^()\[\]<>{}]*[)\]>}]$")
_NOISE = re.compile(r"[\s_\-.*:]+")


def header_key(text: str) -> str:
    """The matching key of a header: '数值（%） ' -> '数值', 'Task No.' -> 'taskno'."""
    key = unicodedata.normalize("NFKC", str(text)).replace("【", "[").replace("】", "]").strip().lower()
    key = _NOISE.sub("", key)
    while _UNIT_SUFFIX.search(key):
        key = _UNIT_SUFFIX.sub("", key)
    return key


def schema(kind: str) -> tuple[Column, ...]:
    """The columns of an upload kind. Raises ValueError for an unknown kind (a programming error)."""
    if kind not in SCHEMAS:
        raise ValueError(f"unknown upload kind {kind!r}; expected one of {KINDS}")
    return SCHEMAS[kind]


@functools.cache
def _by_key(kind: str) -> dict[str, Column]:
    return {header_key(name): column for column in reversed(schema(kind)) for name in column.accepted}


def match_header(kind: str, header: str) -> Column | None:
    """The column a header written in a file stands for, or None."""
    return _by_key(kind).get(header_key(header))


def header_score(kind: str, cells: list[str]) -> tuple[bool, int]:
    """How well a row reads as the kind's header: (names every required column, how many columns it names)."""
    found = {c.field for c in (match_header(kind, cell) for cell in cells if cell) if c is not None}
    required = {c.field for c in schema(kind) if c.required}
    return required <= found, len(found)


def accepted_names(kind: str) -> str:
    """All headers accepted for a kind, for an error message: '指标代码/code、报告期/period、…'."""
    return "、".join(f"{c.header}/{c.english}" for c in schema(kind))
