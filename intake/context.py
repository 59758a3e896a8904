"""What checks need to know about the catalog: indicators, districts, task count, allowed periods."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from metrics import periods

DISTRICTS: tuple[str, ...] = (
    "全市",
    "福田区",
    "罗湖区",
    "盐田区",
    "南山区",
    "宝安区",
    "龙岗区",
    "龙华区",
    "坪山区",
    "光明区",
    "大鹏新区",
    "深汕特别合作区",
)


@dataclass(frozen=True)
class Context:
    """The catalog facts an upload is checked against.

    Args:
        indicators: frame with columns code, name, unit ('%', '家', '个', '' for a coefficient, …), and
            optionally by_district (templates give such an indicator a row per district), min_value and
            max_value (the indicator's own bounds, NaN = open; checked beside the unit's range) and cumulative
            (a count that never falls; 请核实 when it does).
        districts: the accepted district names, '全市' first.
        task_count: tasks are numbered 1..task_count.
        project_count: key projects are numbered 1..project_count.
        latest_period: the newest period that may be reported (the last closed quarter); later is the future.
        earliest_period: the oldest period accepted.
        tasks: optional frame task_no, text: a 任务名称 written in a task-status file is held against it.
        projects: optional frame project_no, name: a 工程名称 written in a project-status file is held against it.
    """

    indicators: pd.DataFrame
    districts: tuple[str, ...] = DISTRICTS
    task_count: int = 140
    project_count: int = 25
    latest_period: str = field(default_factory=periods.latest_closed)
    earliest_period: str = "2015Q1"
    tasks: pd.DataFrame | None = None
    projects: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        missing = {"code", "name", "unit"} - set(self.indicators.columns)
        if missing:
            raise ValueError(f"Context.indicators lacks columns {sorted(missing)}")
        periods.split(self.latest_period)
        periods.split(self.earliest_period)
