"""Thresholds, windows and status vocabulary of the metrics: every tunable number lives here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CITY = "全市"
UNASSIGNED = "未分类"
# Units of counts: whole numbers, district values add up to the city's (so a district has a share of it).
COUNT_UNITS: tuple[str, ...] = ("家", "个")

# The status registry. Worst first: roll-ups report the first status of this order that occurs in a group.
# A new status is added here and in presentation/labels.py (STATUS, STATUS_COLOR); tests check that both agree.
STATUS_ORDER: tuple[str, ...] = (
    "missed",
    "regressing",
    "off_track",
    "at_risk",
    "no_data",
    "target_pending",
    "on_track",
    "achieved",
    "not_judged",  # a district without its own target: shown, never judged, counted or coloured
)
# Statuses that are a verdict on a target (what roll-ups count and colours mean); the rest are shown only.
VERDICTS: tuple[str, ...] = tuple(s for s in STATUS_ORDER if s != "not_judged")
# The headline's two groups: how the targets whose year has ended came out, and how the next ones are going.
# A status outside its group's list is shown too when it occurs (e.g. a 2030 target achieved early).
RESULT_STATUSES: tuple[str, ...] = ("achieved", "missed", "target_pending")
PROGRESS_STATUSES: tuple[str, ...] = ("on_track", "at_risk", "off_track", "regressing", "no_data")
SEVERITY: dict[str, int] = {status: rank for rank, status in enumerate(STATUS_ORDER)}

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
        REPORT_GRACE_DAYS: days after a quarter's end within which a task report counts as on time.
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
    REPORT_GRACE_DAYS: int = 20
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
