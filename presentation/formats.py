"""Numbers as leaders read them: precision by unit, gaps as 差/超出, percentages in points where they are points."""

from __future__ import annotations

import math

from metrics.settings import COUNT_UNITS
from presentation import labels

# Decimals of a value by unit: percentages one, coefficients (no unit) three, counts whole; other units one.
DIGITS = {"%": 1, "": 3, **{u: 0 for u in COUNT_UNITS}}
# Decimals of a change per quarter: counts one (3.5 家/季度), percentage points two, coefficients four.
RATE_DIGITS = {"%": 2, "": 4, **{u: 1 for u in COUNT_UNITS}}
# Decimals a value may gain beyond its unit's where the unit's precision would print two different numbers alike
# (99.96 % beside a target of 100 %: '99.96%', never '100%' next to 未达成).
EXTRA_DIGITS = 3


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _plain(value: float, digits: int) -> str:
    text = f"{value:,.{digits}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def digits(unit: str) -> int:
    """Decimals a value of this unit is shown with."""
    return DIGITS.get(unit or "", 1)


def number(value, unit: str = "", digits: int | None = None) -> str:
    """12.54 with '%' -> '12.5%'; 254.3 with '家' -> '254 家'; 0.6456 without a unit -> '0.646'; missing -> '—'."""
    if _missing(value):
        return "—"
    text = _plain(float(value), DIGITS.get(unit or "", 1) if digits is None else digits)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def number_beside(value, other, unit: str = "") -> str:
    """number() of a value shown beside another (its target): with the unit's precision, or up to EXTRA_DIGITS more
    decimals where that precision would print two different values alike (99.96 beside 100 with '%' -> '99.96%')."""
    if _missing(value) or _missing(other) or float(value) == float(other):
        return number(value, unit)
    base = digits(unit)
    for more in range(base, base + EXTRA_DIGITS + 1):
        if _plain(float(value), more) != _plain(float(other), more):
            return number(value, unit, more)
    return number(value, unit)


def difference(value, unit: str, digits: int | None = None) -> str:
    """A difference of two values in the indicator's unit; for '%' indicators in percentage points."""
    if _missing(value):
        return "—"
    if unit == "%":
        return labels.POINTS.format(value=_plain(float(value), DIGITS["%"] if digits is None else digits))
    return number(value, unit, digits)


def gap(value, unit: str, direction: str | None = "increase") -> str:
    """Distance to the target in words, in the indicator's direction: '差 3.4 个百分点' / '超出 6 家' for a
    higher-is-better indicator, '高于目标 3.4 个百分点' / '优于目标 2 个百分点' for a lower-is-better one (where
    超出 would be heard as 'over, worse'), or '恰好达到目标' when on it. `value` is metrics.status's gap: > 0 still to
    go, < 0 beyond the target, whatever the direction.

    A shortfall never reads as on target: one smaller than the unit's precision shows up to EXTRA_DIGITS more
    decimals ('差 0.04 个百分点' for 99.96 % against 100 %), so it cannot stand beside 未达成 as 恰好达到目标.
    """
    if _missing(value):
        return "—"
    lower = direction == "decrease"
    short = labels.GAP["short_decrease" if lower else "short"]
    beyond = labels.GAP["beyond_decrease" if lower else "beyond"]
    amount = abs(float(value))
    shown = digits(unit)
    if round(amount, shown) == 0:
        if value <= 0:
            return labels.GAP["on_target"]
        shown = next((d for d in range(shown + 1, shown + EXTRA_DIGITS + 1) if round(amount, d) != 0), None)
        if shown is None:
            return labels.GAP["on_target"]
        return short.format(amount=difference(amount, unit, shown))
    return (short if value > 0 else beyond).format(amount=difference(amount, unit))


def rate(value, unit: str) -> str:
    """A change per quarter: '+3.5 家/季度', '−0.19 个百分点/季度'; missing -> '—'."""
    if _missing(value):
        return "—"
    shown = _plain(float(value), RATE_DIGITS.get(unit or "", 2))
    sign = "+" if float(value) > 0 and shown != "0" else ""
    per = labels.POINTS_UNIT if unit == "%" else unit
    return labels.PER_QUARTER.format(value=f"{sign}{shown}", unit=f" {per}" if per else "")


def points(value) -> str:
    """A difference of two percentages: '3.2 个百分点'."""
    if _missing(value):
        return "—"
    return labels.POINTS.format(value=_plain(float(value), 1))


def percent(value, digits: int = 1) -> str:
    """A share already in percent: 87.0 -> '87%'."""
    if _missing(value):
        return "—"
    return f"{_plain(float(value), digits)}%"
