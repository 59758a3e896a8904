"""The upload kinds in one table: columns, row keys, rules, template, store table and who may upload each.

Intake (header matching, checks, templates), the store (store.uploads), the upload page and the command line
iterate UPLOAD_KINDS; a kind is added here (plus its table in store/schema.py and its name in
presentation.labels.UPLOAD_KIND), nowhere else. tests/test_intake_kinds.py fails when an entry is incomplete.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

from intake import prefill
from intake.context import Context
from intake.rules import (
    Rule,
    amount_rule,
    code_rule,
    district_rule,
    name_rule,
    period_rule,
    project_name_rule,
    project_no_rule,
    share_rule,
    status_rule,
    task_name_rule,
    task_no_rule,
    text_rule,
    unit_rule,
    value_rule,
    year_rule,
)
from intake.settings import TARGET_YEAR_MAX, TARGET_YEAR_MIN, TASK_STATUSES


@dataclass(frozen=True)
class Column:
    """One column of an upload: `field` in the normalized frame, `header` as templates write it, `note` as the
    template's 填写说明 sheet explains it."""

    field: str
    header: str
    english: str
    aliases: tuple[str, ...] = ()
    required: bool = True
    ignored: bool = False  # accepted, then dropped (序号, 任务名称); not in the template. With a rule: checked first
    note: str = ""

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.header, self.english, *self.aliases)


@dataclass(frozen=True)
class UploadKind:
    """One kind of upload.

    Attributes:
        name: the kind's key: the command line's --kind, uploads.kind in the store, presentation.labels.UPLOAD_KIND.
        columns: the columns a file may have (accepted headers), in template order.
        fields: the columns of the normalized frame, in order, after `row`; also the columns stored.
        keys: the fields that identify a row: a second row with the same key is a duplicate, and a row with the key
            of a stored one revises it.
        compared: the stored fields compared with what counts now (add / revise / same).
        rules: field -> rule (intake.rules), applied in this order (a later rule may read an earlier field).
        filled: the field whose empty cell marks a template row left unfilled (skipped, not refused).
        table: the store table the rows land in.
        sheet: the template's sheet name.
        prefill: ctx -> (field -> values, number of rows): what the template is pre-filled with from the catalog.
        action: the access.roles.ACTION_ROLE action that may upload this kind.
    """

    name: str
    columns: tuple[Column, ...]
    fields: tuple[str, ...]
    keys: tuple[str, ...]
    compared: tuple[str, ...]
    rules: Mapping[str, Rule]
    filled: str
    table: str
    sheet: str
    prefill: Callable[[Context], tuple[dict[str, object], int]]
    action: str = "upload"


# 指标名称 and 单位 are read to be checked against the code (a swapped code is the worst silent error), not kept
_NAME = Column("name", "指标名称", "name", ("indicator_name", "名称"), required=False,
               note="可不改；如填写，须与指标代码一致，否则该行不被接受")
_UNIT = Column("unit", "单位", "unit", ("计量单位",), required=False, note="可不改；如填写，须与指标的单位一致")
# 序号 is the row's number in the agency's own list: accepted and dropped, never read as a task number
_SEQ = Column("seq", "序号", "no", ("no.", "行号"), required=False, ignored=True)
_CODE = Column("code", "指标代码", "code", ("代码", "指标编码", "indicator_code", "indicator"),
               note="不要修改；按代码识别指标（写成指标的完整名称也可识别）")
_PERIOD = Column("period", "报告期", "period", ("季度", "统计期", "期间", "quarter"),
                 note="季度，例如 2025Q4 或 2025年第四季度")
_DISTRICT = Column("district", "区", "district", ("区域", "行政区", "辖区"), required=False,
                   note="全市，或区名（如 福田区）；留空表示全市；不接受“市本级”")
_STATUS_NOTE = "、".join(TASK_STATUSES) + " 之一；未填写的行上传时跳过"
_REPORTER = Column("unit", "填报单位", "unit", ("责任单位", "单位", "reporter"), required=False, note="可选")

UPLOAD_KINDS: dict[str, UploadKind] = {kind.name: kind for kind in (
    UploadKind(
        name="actuals",
        columns=(
            _CODE,
            _NAME,
            _UNIT,
            _PERIOD,
            _DISTRICT,
            Column("value", "数值", "value", ("实际值", "完成值", "值", "actual"),
                   note="按“单位”填写的数字；% 指标可写 34、34% 或设为百分比格式；没有数据的行可留空（上传时跳过）"),
            Column("note", "备注", "note", ("说明", "remark"), required=False, note="可选"),
            _SEQ,
        ),
        fields=("code", "period", "district", "value", "note"),
        keys=("code", "period", "district"),
        compared=("value",),
        rules={"code": code_rule, "name": name_rule, "unit": unit_rule, "period": period_rule,
               "district": district_rule, "value": value_rule, "note": text_rule},
        filled="value",
        table="actuals",
        sheet="实际值",
        prefill=prefill.indicators_by_district,
    ),
    UploadKind(
        name="task-status",
        columns=(
            Column("task_no", "任务编号", "task_no", ("任务序号", "编号", "task", "task_id"),
                   note="1 起的整数，不要修改（“序号”列只作行号，不当作任务编号）"),
            Column("task_name", "任务名称", "task_name", (), required=False, ignored=True),
            _PERIOD,
            Column("status", "状态", "status", ("进展状态", "任务状态"), note=_STATUS_NOTE),
            Column("note", "进展说明", "note", ("进展情况", "工作进展", "进展", "说明", "备注", "progress"),
                   required=False, note="可选；列名也可写“进展情况”"),
            _REPORTER,
            _SEQ,
        ),
        fields=("task_no", "period", "status", "note", "unit"),
        keys=("task_no", "period"),
        compared=("status", "note", "unit"),
        rules={"task_no": task_no_rule, "task_name": task_name_rule, "period": period_rule, "status": status_rule,
               "note": text_rule,
               "unit": text_rule},
        filled="status",
        table="task_status",
        sheet="任务进展",
        prefill=prefill.tasks,
    ),
    UploadKind(
        name="project-status",
        columns=(
            Column("project_no", "工程编号", "project_no", ("工程序号", "重点工程编号", "工程", "重点工程", "project",
                                                         "project_id"),
                   note="1–25 的整数，不要修改（也可写“（十七）”“工程17”“第17项”）"),
            Column("project_name", "工程名称", "project_name", ("重点工程名称",), required=False, ignored=True),
            _PERIOD,
            Column("status", "状态", "status", ("进展状态", "工程状态"), note=_STATUS_NOTE),
            Column("note", "进展说明", "note", ("进展情况", "工作进展", "进展", "说明", "备注"), required=False,
                   note="可选；列名也可写“进展情况”"),
            _REPORTER,
            Column("progress_pct", "形象进度", "progress_pct", ("形象进度百分比", "完成进度", "完成比例"),
                   required=False, note="可选；完成百分比 0–100，可写 45 或 45%"),
            Column("investment", "完成投资", "investment", ("累计完成投资", "完成投资额", "投资完成额"),
                   required=False, note="可选；累计完成投资，单位万元，不小于 0"),
            _SEQ,
        ),
        fields=("project_no", "period", "status", "note", "unit", "progress_pct", "investment"),
        keys=("project_no", "period"),
        compared=("status", "note", "unit", "progress_pct", "investment"),
        rules={"project_no": project_no_rule, "project_name": project_name_rule, "period": period_rule,
               "status": status_rule, "note": text_rule,
               "unit": text_rule, "progress_pct": share_rule, "investment": amount_rule},
        filled="status",
        table="project_status",
        sheet="工程进展",
        prefill=prefill.projects,
    ),
    UploadKind(
        name="targets",
        columns=(
            _CODE,
            _NAME,
            _UNIT,
            Column("target_year", "目标年份", "target_year", ("年份", "目标年", "year"),
                   note=f"{TARGET_YEAR_MIN}–{TARGET_YEAR_MAX} 之间的年份，例如 2030"),
            _DISTRICT,
            Column("target_value", "目标值", "target_value", ("目标", "target"), note="按“单位”填写的数字"),
            _SEQ,
        ),
        fields=("code", "target_year", "district", "target_value"),
        keys=("code", "target_year", "district"),
        compared=("target_value",),
        rules={"code": code_rule, "name": name_rule, "unit": unit_rule, "target_year": year_rule,
               "district": district_rule, "target_value": partial(value_rule, name="目标值")},
        filled="target_value",
        table="targets",
        sheet="目标值",
        prefill=prefill.indicators,
        action="upload_targets",  # targets: admins only
    ),
)}

# The names of the upload kinds, in the order the page and the command line offer them.
KINDS: tuple[str, ...] = tuple(UPLOAD_KINDS)


def upload_kind(name: str) -> UploadKind:
    """The entry of an upload kind. Raises ValueError for an unknown kind (a programming error)."""
    if name not in UPLOAD_KINDS:
        raise ValueError(f"unknown upload kind {name!r}; expected one of {KINDS}")
    return UPLOAD_KINDS[name]
