"""Quarter periods ('2025Q4'): parsing, arithmetic and time positions, shared by intake, store and metrics."""

from __future__ import annotations

import datetime as dt
import re

_CANONICAL = re.compile(r"^(\d{4})Q([1-4])$")


def is_period(text: str) -> bool:
    """True for a canonical quarter string such as '2025Q4'."""
    return bool(_CANONICAL.match(text or ""))


def split(period: str) -> tuple[int, int]:
    """'2025Q4' -> (2025, 4). Raises ValueError on anything else."""
    m = _CANONICAL.match(period or "")
    if not m:
        raise ValueError(f"not a quarter period: {period!r}")
    return int(m.group(1)), int(m.group(2))


def make(year: int, quarter: int) -> str:
    """(2025, 4) -> '2025Q4'."""
    return f"{year}Q{quarter}"


def index(period: str) -> int:
    """Quarter count since year 0: consecutive quarters differ by 1."""
    year, quarter = split(period)
    return year * 4 + quarter - 1


def from_index(idx: int) -> str:
    """Inverse of index()."""
    return make(idx // 4, idx % 4 + 1)


def shift(period: str, quarters: int) -> str:
    """'2025Q4' shifted by 1 -> '2026Q1'."""
    return from_index(index(period) + quarters)


def previous(period: str) -> str:
    """The quarter before."""
    return shift(period, -1)


def end_time(period: str) -> float:
    """Position of the quarter's end in fractional years: 2025Q4 -> 2026.0, 2023Q1 -> 2023.25."""
    return (index(period) + 1) / 4.0


def year_end(year: int) -> str:
    """The last quarter of a year: the deadline of a target set for that year."""
    return make(year, 4)


def span(first: str, last: str) -> list[str]:
    """All quarters from first to last inclusive."""
    return [from_index(i) for i in range(index(first), index(last) + 1)]


def of_date(day: dt.date) -> str:
    """The quarter a calendar date falls in."""
    return make(day.year, (day.month - 1) // 3 + 1)


def current(today: dt.date | None = None) -> str:
    """The quarter of today."""
    return of_date(today or dt.date.today())


def latest_closed(today: dt.date | None = None) -> str:
    """The last quarter that has ended: the newest period an agency can report."""
    return previous(current(today))


def first_day(period: str) -> dt.date:
    """The calendar date a quarter starts on: 2025Q4 -> 2025-10-01."""
    year, quarter = split(period)
    return dt.date(year, 3 * quarter - 2, 1)


def last_day(period: str) -> dt.date:
    """The calendar date a quarter ends on: 2025Q4 -> 2025-12-31."""
    return first_day(shift(period, 1)) - dt.timedelta(days=1)
