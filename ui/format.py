"""Numbers as leaders read them: with units, percentages in points where they are points."""

from __future__ import annotations

import math

from ui import labels as L


def _plain(value: float, digits: int) -> str:
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


DIGITS = {"%": 2, "": 3}  # coefficients need three decimals; counts read best with one


def number(value, unit: str = "", digits: int | None = None) -> str:
    """12.5 with '%' -> '12.5%'; 140 with '家' -> '140 家'; missing -> '—'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = _plain(float(value), DIGITS.get(unit, 1) if digits is None else digits)
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit else text


def gap(value, unit: str) -> str:
    """A gap in the indicator's unit; for '%' indicators it is in percentage points."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit == "%":
        return L.POINTS.format(value=_plain(float(value), 2))
    return number(value, unit)


def points(value) -> str:
    """A difference of two percentages: '3.2 个百分点'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return L.POINTS.format(value=_plain(float(value), 1))


def percent(value, digits: int = 1) -> str:
    """A share already in percent: 87.0 -> '87%'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{_plain(float(value), digits)}%"
