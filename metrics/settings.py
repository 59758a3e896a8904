"""Thresholds, windows and status vocabulary of the metrics: every tunable number lives here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CITY = "全市"
UNASSIGNED = "未分类"
# Units of counts: whole numbers, district values add up to the city's (so a district has a share of it).
COUNT_UNITS: tuple[str, ...] = ("家", "个")


@dataclass(frozen=True)
class Status:
    """One status of an indicator as the rules treat it (its words and colour: presentation.labels.STATUS*).

    Attributes:
        name: the key every frame, label and colour uses ('at_risk').
        severity: 0 = worst; roll-ups report the most severe status of a group, lists put it first.
        group: where the headline counts it: 'result' (a target whose year has ended), 'progress' (the next
            target), or None (never counted).
        red: counts as red: the agency ranking's first key, the sectors' 红色指标, the overview's 需重点关注.
        good: a green delta (ahead of schedule) may stand beside it.
        verdict: a verdict on a target, counted and coloured; False for a row shown only (not_judged).
    """

    name: str
    severity: int
    group: str | None
    red: bool = False
    good: bool = False
    verdict: bool = True


# The status registry: the one place a status is declared (a new one also needs its words and colour in
# presentation/labels.py; tests/test_metrics_settings.py fails until it has them). Listed in the headline's order.
STATUSES: tuple[Status, ...] = (
    Status("achieved", 7, "result", good=True),
    Status("missed", 0, "result", red=True),
    Status("target_pending", 5, "result"),
    Status("on_track", 6, "progress", good=True),
    Status("at_risk", 3, "progress"),
    Status("off_track", 2, "progress", red=True),
    Status("regressing", 1, "progress", red=True),
    Status("no_data", 4, "progress"),
    Status("not_judged", 8, None, verdict=False),  # a district without its own target: shown, never judged
)
STATUS_RULES: dict[str, Status] = {s.name: s for s in STATUSES}
# Worst first: roll-ups report the first status of this order that occurs in a group.
STATUS_ORDER: tuple[str, ...] = tuple(s.name for s in sorted(STATUSES, key=lambda s: s.severity))
SEVERITY: dict[str, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}
# Statuses that are a verdict on a target (what roll-ups count and colours mean), worst first; the rest are shown only.
VERDICTS: tuple[str, ...] = tuple(s for s in STATUS_ORDER if STATUS_RULES[s].verdict)
RED: tuple[str, ...] = tuple(s for s in STATUS_ORDER if STATUS_RULES[s].red)
GOOD: tuple[str, ...] = tuple(s for s in STATUS_ORDER if STATUS_RULES[s].good)
# The headline's two groups: how the targets whose year has ended came out, and how the next ones are going.
# A status outside its group's list is shown too when it occurs (e.g. a 2030 target achieved early).
RESULT_STATUSES: tuple[str, ...] = tuple(s.name for s in STATUSES if s.group == "result")
PROGRESS_STATUSES: tuple[str, ...] = tuple(s.name for s in STATUSES if s.group == "progress")

TASK_STATUSES: tuple[str, ...] = ("未启动", "推进中", "已完成", "滞后")
TASK_NOT_STARTED, TASK_IN_PROGRESS, TASK_DONE, TASK_LAGGING = TASK_STATUSES

# Cells of the reporting matrix, worst first.
REPORT_CELLS: tuple[str, ...] = ("missing", "late", "revised", "on_time")


@dataclass(frozen=True)
class Settings:
    """Named thresholds and windows of the status rules.

    Attributes:
        ON_TRACK: R at or above this is on_track (ratio, 1.0 = exactly on the line to the target).
        AT_RISK: R at or above this (and below ON_TRACK) is at_risk.
        REGRESS: R below this is regressing; between REGRESS and AT_RISK is off_track.
        PROJECTION_WINDOW: the trend is fitted over the last up-to-this-many observed quarters.
        ATTAINMENT_HORIZON: quarters after the latest value beyond which no attainment quarter is reported.
        REPORTING_ROLES: roles whose agency answers for a task's report in the reporting matrix.
        TOLERANCE: slack when comparing a ratio with a threshold, so float noise (0.9499999999) does not
            move a value that is exactly on a threshold.
        TIMEZONE: the zone tz-aware commit times are converted to before comparing with report deadlines.
    """

    ON_TRACK: float = 0.95
    AT_RISK: float = 0.6
    REGRESS: float = 0.0
    PROJECTION_WINDOW: int = 8
    ATTAINMENT_HORIZON: int = 120
    REPORTING_ROLES: tuple[str, ...] = ("lead", "joint")
    TOLERANCE: float = 1e-9
    TIMEZONE: str = "Asia/Shanghai"


DEFAULT = Settings()


def worst(statuses: Iterable[str | None]) -> str | None:
    """The most severe of some statuses by STATUS_ORDER.

    Args:
        statuses: status names; None and unknown names are skipped.

    Returns:
        The worst status present, or None when there is none.
    """
    known = [s for s in statuses if isinstance(s, str) and s in SEVERITY]
    return min(known, key=SEVERITY.__getitem__) if known else None
