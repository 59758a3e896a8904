"""Turning what people type into canonical values: periods, numbers, codes, districts, whole numbers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from intake import labels
from intake.settings import CITY_WIDE, CITY_WIDE_ALIASES
from metrics import periods

# full-width ASCII (０-９, ．, ，, －, ％, Ｑ …) and odd spaces/minus signs -> plain ASCII
_OTHER_DIGIT = re.compile(r"[^\x00-\x7f](?<=\d)")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20, 0x2212: 0x2D}


@dataclass(frozen=True)
class Problem:
    """Why a cell was refused: a key of labels.MESSAGES and the values its texts are filled with."""

    key: str
    values: dict[str, object] = field(default_factory=dict)

    @property
    def problem(self) -> str:
        return labels.problem(self.key, **self.values)

    @property
    def fix(self) -> str:
        return labels.fix(self.key, **self.values)


def fold_text(text: str) -> str:
    """Unicode compatibility forms to plain ones, stripped: ' ２０２５Ｑ４ ' -> '2025Q4', '𝟗𝟓.𝟏' -> '95.1'."""
    text = unicodedata.normalize("NFKC", str(text).translate(_FOLD)).translate(_FOLD)
    if not text.isascii():  # other scripts' decimal digits ('٩٥', '०'): a digit is a digit
        text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(), 0)), text)
    return text.strip()


def fold(values: pd.Series) -> pd.Series:
    """fold_text over a Series of str, touching only the non-ASCII cells."""
    values = values.astype(str)
    wide = ~values.str.isascii()
    if wide.any():
        values = values.where(~wide, values[wide].map(fold_text))
    return values.str.strip()


def squeeze(text: str) -> str:
    """fold_text without any inner whitespace: '滞　后' -> '滞后'."""
    return "".join(fold_text(text).split())


# --- periods -----------------------------------------------------------------------------------------------

_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_P_Q = re.compile(r"(\d{4})(?:年|[-_/.])?Q(\d+)")
_P_CN = re.compile(r"(\d{4})(?:年度?|[-_/.])?第?([0-9一二三四五六七八九]+)季度?")
_P_YEAR = re.compile(r"(\d{4})(?:年度?)?")
_P_MONTH = re.compile(r"(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))")
_P_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?")
_P_NO_YEAR = re.compile(r"Q\d|第?[0-9一二三四]季度?")


def period_of(text: str) -> str | Problem:
    """A period as people write it -> '2025Q4', or the Problem. Does not check the allowed range.

    >>> period_of('2025年第四季度')
    '2025Q4'
    """
    value = fold_text(text)
    date = _P_DATE.fullmatch(value)
    squeezed = re.sub(r"\s+", "", value).upper()
    if not squeezed:
        return Problem("required_empty", {"name": "报告期"})
    if date:
        year, month, day = (int(g) for g in date.groups())
        suggest = f"{periods.make(year, (month - 1) // 3 + 1)}" if 1 <= month <= 12 else "2025Q4"
        return Problem("period_date", {"value": text, "suggest": suggest})
    for pattern in (_P_Q, _P_CN):
        m = pattern.fullmatch(squeezed)
        if m:
            year, q = m.groups()
            quarter = _CN_DIGIT.get(q) or int(q)
            if not 1 <= quarter <= 4:
                return Problem("period_bad_quarter", {"value": text})
            return periods.make(int(year), quarter)
    if _P_YEAR.fullmatch(squeezed):
        return Problem("period_year_only", {"year": squeezed[:4]})
    m = _P_MONTH.fullmatch(squeezed)
    if m and 1 <= int(m.group(2) or m.group(3)) <= 12:
        year, month = int(m.group(1)), int(m.group(2) or m.group(3))
        by_month = periods.make(year, (month - 1) // 3 + 1)
        if month <= 4 and "月" not in squeezed and len(m.group(2) or m.group(3)) == 1:
            # '2025.4', '2025-4', '2025年4': the fourth quarter or April? Both fixes are named, neither is guessed
            return Problem("period_month_or_quarter", {"value": text, "number": month,
                                                       "quarter": periods.make(year, month),
                                                       "month_quarter": by_month})
        return Problem("period_month", {"value": text, "suggest": by_month})
    if _P_NO_YEAR.fullmatch(squeezed):
        return Problem("period_no_year", {"value": text})
    return Problem("period_unknown", {"value": text})


# --- numbers -----------------------------------------------------------------------------------------------

_THOUSANDS = r"[+-]?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?"  # '0,951' is no thousands: a decimal comma?
_SEPARATED = r"[+-]?[\d.,]*\d[\d.,]*"
_CN_NUMERAL = r"[一二三四五六七八九十百千万亿零两〇壹贰叁肆伍陆柒捌玖拾]"


_PLAIN = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"  # what Arrow's strict cast reads


def _arrow_floats(text: pd.Series) -> pd.Series:
    cast = pc.cast(pa.Array.from_pandas(text.astype(str)), pa.float64()).to_numpy(zero_copy_only=False)
    return pd.Series(cast + 0.0, index=text.index)  # + 0.0: '-0' is 0, as pd.to_numeric reads it


def _plain_floats(text: pd.Series) -> pd.Series:
    """Floats of a column of number strings, NaN where not a plain number.

    Arrow's strict cast reads a clean column (the usual file) ~20× faster than pd.to_numeric. When a cell refuses,
    the plain-looking cells still go through Arrow and only the rest through pd.to_numeric, so a cell's value never
    depends on its neighbours (the two round differently past 17 digits).
    """
    try:
        return _arrow_floats(text)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    plain = text.str.fullmatch(_PLAIN).fillna(False).astype(bool)
    number = pd.to_numeric(text.where(~plain), errors="coerce").astype(float)
    if plain.any():
        number[plain] = _arrow_floats(text[plain])
    return number


def number_frame(values: pd.Series) -> pd.DataFrame:
    """Parse numbers as people type them, vectorised.

    Returns a frame on the same index: number (float, NaN when refused), percent (True when written with '%'),
    reason (None, or the labels key of why it was refused: required_empty, formula, ambiguous_separator,
    chinese_numeral, not_number).
    """
    text = fold(values)
    percent = text.str.endswith("%")
    if percent.any():
        text = text.where(~percent, text.str[:-1].str.strip())
    number = _plain_floats(text)
    bad = ~np.isfinite(number.to_numpy())
    reason = pd.Series(None, index=values.index, dtype=object)
    if bad.any():
        rest = text[bad]
        thousands = rest.str.fullmatch(_THOUSANDS)
        if thousands.any():
            fixed = pd.to_numeric(rest[thousands].str.replace(",", "", regex=False), errors="coerce")
            number[fixed.index] = fixed
        rest = rest[~thousands]
        number[rest.index] = np.nan
        reason[rest.index] = np.select(
            [
                (rest == "").to_numpy(),
                rest.str.startswith("=").to_numpy(),
                rest.str.fullmatch(_SEPARATED).to_numpy(),
                rest.str.contains(_CN_NUMERAL).to_numpy(),
            ],
            ["required_empty", "formula", "ambiguous_separator", "chinese_numeral"],
            "not_number",
        )
    return pd.DataFrame({"number": number, "percent": percent.astype(bool), "reason": reason})


def number_of(text: str) -> tuple[float, bool] | Problem:
    """One number as people type it -> (value, written with '%'), or the Problem: '1,234.5' -> (1234.5, False)."""
    parsed = number_frame(pd.Series([text], dtype=str))
    reason = parsed["reason"].iloc[0]
    if isinstance(reason, str):
        return Problem(reason, {"value": text, "name": "数值"})
    return float(parsed["number"].iloc[0]), bool(parsed["percent"].iloc[0])


# --- whole numbers, districts ------------------------------------------------------------------------------

_WHOLE = re.compile(r"([+-]?)0*(\d+)(?:\.0*)?")
_WHOLE_DIGITS = 15  # beyond this a "whole number" is no task number, year or project number: kept exact, not parsed


def whole_of(text: str) -> int | None:
    """'12' or '12.0' (as Excel writes it) -> 12; anything else -> None. A number of more than 15 digits is
    returned as 10**15 (out of every range), never through float (400 nines would overflow it)."""
    found = _WHOLE.fullmatch(fold_text(text))
    if not found:
        return None
    sign, digits = found.groups()
    number = int(digits) if len(digits) <= _WHOLE_DIGITS else 10**_WHOLE_DIGITS
    return -number if sign == "-" else number


def district_names(districts: tuple[str, ...]) -> dict[str, str]:
    """Every accepted spelling of a district -> its name: '福田' -> '福田区', '深圳市' -> '全市'."""
    names = {alias: CITY_WIDE for alias in CITY_WIDE_ALIASES}
    stems: dict[str, list[str]] = {}
    for name in districts:
        names[name] = name
        for suffix in _DISTRICT_SUFFIXES:
            if name.endswith(suffix) and len(name) > len(suffix) + 1:
                stems.setdefault(name[: -len(suffix)], []).append(name)
                break
    for stem, named in stems.items():
        if len(named) != 1:
            continue  # two districts of one stem: neither short form is accepted
        names.setdefault(stem, named[0])
        # the same place under another suffix: 大鹏区, 深汕合作区, and the old names 光明新区, 龙华新区, 坪山新区
        for suffix in _DISTRICT_SUFFIXES:
            names.setdefault(stem + suffix, named[0])
    return names


_DISTRICT_SUFFIXES = ("特别合作区", "合作区", "新区", "区")
