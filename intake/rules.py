"""The rules for the columns of the upload kinds (intake.kinds picks one per field): how a cell is normalized and
when it is refused."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from intake import labels
from intake.context import Context
from intake.normalize import Problem, district_names, fold_text, number_frame, period_of, squeeze, whole_of
from intake.settings import (
    CITY_OWN,
    CITY_WIDE,
    MAX_SUGGESTED_VALUES,
    STATUS_SYNONYMS,
    TARGET_YEAR_MAX,
    TARGET_YEAR_MIN,
    TASK_STATUSES,
    UNIT_RULES,
    UNIT_SPELLINGS,
)
from metrics import periods


@dataclass(frozen=True)
class CheckedColumn:
    """A column after its rule: normalized values, which rows failed, and why (asked only for shown rows)."""

    values: pd.Series
    failed: pd.Series
    explain: Callable[[int], Problem]
    notices: tuple[str, ...] = ()


Rule = Callable[[pd.Series, Context, dict[str, pd.Series]], CheckedColumn]


def _by_unique(text: pd.Series, parse: Callable[[str], object]) -> CheckedColumn:
    """Apply `parse` (value -> normalized value or Problem) once per distinct cell text."""
    codes, uniques = pd.factorize(text)
    results = [parse(u) for u in uniques]
    refused = np.array([isinstance(r, Problem) for r in results] or [False], dtype=bool)
    values = np.array([None if isinstance(r, Problem) else r for r in results] or [None], dtype=object)
    index = text.index

    def explain(row: int) -> Problem:
        return results[codes[index.get_loc(row)]]

    return CheckedColumn(
        pd.Series(values[codes], index=index, dtype=object), pd.Series(refused[codes], index=index), explain
    )


def code_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """指标代码: case-insensitive; an unknown code gets the nearest codes (or the code of a name) as its fix."""
    by_key = {str(c).strip().upper(): str(c) for c in ctx.indicators["code"]}
    by_name = {
        fold_text(n): str(c) for c, n in zip(ctx.indicators["code"], ctx.indicators["name"], strict=True)
    }
    by_squeezed_name = {squeeze(n): c for n, c in by_name.items()}
    suggested = 0
    named: dict[str, str] = {}  # exact names accepted in the code column -> code

    def parse(value: str) -> str | Problem:
        nonlocal suggested
        key = squeeze(value).upper()
        if not key:
            return Problem("required_empty", {"name": "指标代码"})
        if key in by_key:
            return by_key[key]
        if squeeze(value) in by_squeezed_name:  # the indicator's exact name: unambiguous, said in the preview
            named[value] = by_squeezed_name[squeeze(value)]
            return named[value]
        suggested += 1
        if suggested > MAX_SUGGESTED_VALUES:
            hint = Problem("code_hint_none").problem
        elif fold_text(value) in by_name:
            hint = Problem("code_hint_name", {"codes": by_name[fold_text(value)]}).problem
        else:
            close = [c for c in by_key if c.startswith(key) or key.startswith(c)][:3]
            close += [
                c for c in difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6) if c not in close
            ]
            close = [by_key[c] for c in close[:3]]
            for name in difflib.get_close_matches(fold_text(value), list(by_name), n=3, cutoff=0.5):
                if by_name[name] not in close:
                    close.append(by_name[name])
            hint = Problem(
                "code_hint_close" if close else "code_hint_none", {"codes": "、".join(close)}
            ).problem
        return Problem("code_unknown", {"value": value, "hint": hint})

    checked = _by_unique(text, parse)
    if not named:
        return checked
    count = int(text.isin(list(named)).sum())
    pairs = "；".join(f"“{n}” → {c}" for n, c in list(named.items())[:5])
    return CheckedColumn(checked.values, checked.failed, checked.explain,
                         (labels.notice("code_by_name", count=count, pairs=pairs),))


_SEP = "\x1f"


def _pairs(codes: pd.Series, text: pd.Series) -> pd.Series:
    """'code<US>text' per row: one distinct string per distinct pair, so a rule runs once per pair."""
    return codes.astype(object).fillna("").astype(str) + _SEP + text.astype(str)


def _passed(text: pd.Series) -> CheckedColumn:
    never = pd.Series(False, index=text.index)
    return CheckedColumn(pd.Series(True, index=text.index), never, lambda row: Problem("not_number", {}))


def _name_key(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", fold_text(text))


def name_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """指标名称 (optional): when written, it must name the row's indicator, not another one."""
    own = {str(c): _name_key(n) for c, n in zip(ctx.indicators["code"], ctx.indicators["name"], strict=True)}
    names = {str(c): str(n) for c, n in zip(ctx.indicators["code"], ctx.indicators["name"], strict=True)}
    if not (text != "").any():
        return _passed(text)

    def parse(pair: str) -> bool | Problem:
        code, value = pair.split(_SEP, 1)
        written = _name_key(value)
        if not written or not isinstance(code, str) or code not in own:
            return True
        mine = own[code]
        if written == mine or (len(written) >= 4 and (written in mine or mine in written)):
            return True
        other = next((c for c, n in own.items() if c != code and (n == written or n in written)), None)
        close = difflib.SequenceMatcher(None, written, mine).ratio()
        if other is None and close >= 0.75:
            return True  # the same name worded a little differently
        hint = Problem("name_other", {"code": other}).problem if other else ""
        return Problem("name_mismatch", {"value": value, "code": code, "name": names[code], "other": hint})

    return _by_unique(_pairs(done["code"], text), parse)


def unit_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """单位 (optional): when written, it must be the row's indicator's unit."""
    unit_of = dict(zip(ctx.indicators["code"].astype(str), ctx.indicators["unit"].fillna("").astype(str),
                       strict=True))
    if not (text != "").any():
        return _passed(text)

    def parse(pair: str) -> bool | Problem:
        code, value = pair.split(_SEP, 1)
        written = squeeze(value)
        if not written or not isinstance(code, str) or code not in unit_of:
            return True
        unit = unit_of[code]
        if UNIT_SPELLINGS.get(written, written) == unit or written == unit:
            return True
        return Problem("unit_mismatch", {"value": value, "code": code, "unit": unit or "系数（无单位）"})

    return _by_unique(_pairs(done["code"], text), parse)


def period_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """报告期: any accepted spelling of a quarter, between ctx.earliest_period and ctx.latest_period."""
    latest, earliest = periods.index(ctx.latest_period), periods.index(ctx.earliest_period)

    def parse(value: str) -> str | Problem:
        period = period_of(value)
        if isinstance(period, Problem):
            return period
        if periods.index(period) > latest:
            return Problem("period_future", {"period": period, "latest": ctx.latest_period})
        if periods.index(period) < earliest:
            return Problem("period_too_old", {"period": period, "earliest": ctx.earliest_period})
        return period

    return _by_unique(text, parse)


def district_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """区: a name of ctx.districts, a short form ('福田'), or empty / 深圳市 / 市级 for 全市."""
    names = district_names(ctx.districts)
    listed = "、".join(ctx.districts)

    def parse(value: str) -> str | Problem:
        key = squeeze(value)
        if key in CITY_OWN:
            return Problem("district_city_own", {"value": value})
        return names.get(key) or Problem("district_unknown", {"value": value, "districts": listed})

    checked = _by_unique(text, parse)
    blank = (text.str.strip() == "").to_numpy()
    if not blank.any() or blank.all():
        return checked
    # A blank cell under a district's name, on another indicator's row: 全市 (as documented), or the district
    # written once for the rows below it (a grouped layout without merged cells)? Landing it as 全市 would replace
    # the city's own figure.
    rows = pd.Series(text.index, index=text.index)
    above_row = rows.where(~blank).ffill()
    above = checked.values.where(~checked.failed, "").where(~blank).ffill()  # a refused cell stops the search
    under = pd.Series(blank, index=text.index) & above.notna() & ~above.isin(["", CITY_WIDE])
    code = done.get("code")
    if code is not None:  # the same indicator again right under its district's row: that is its 全市 row
        under &= code.isna() | (code != code.shift(1))
    if not under.any():
        return checked

    def explain(row: int) -> Problem:
        if under[row]:
            return Problem("district_blank_below", {"above": above[row], "above_row": int(above_row[row])})
        return checked.explain(row)

    values = checked.values.where(~under)
    return CheckedColumn(values, checked.failed | under, explain)


def _shown(number: int, value: str) -> str:
    """A whole number for a message: as parsed, or, past 15 digits (whole_of's cap), the cell's first digits."""
    return str(number) if abs(number) < 10**15 else fold_text(value)[:20] + "……"


def task_no_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """任务编号: a whole number 1..ctx.task_count ('12.0' as Excel writes it is 12)."""

    def parse(value: str) -> int | Problem:
        if not value:
            return Problem("required_empty", {"name": "任务编号"})
        number = whole_of(value)
        if number is None:
            return Problem("task_no_bad", {"value": value})
        if not 1 <= number <= ctx.task_count:
            return Problem("task_no_range", {"number": _shown(number, value), "high": ctx.task_count})
        return number

    return _by_unique(text, parse)


_CN_NUMERALS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                "九": 9}
# 17, (十七), 十七, 工程17, 第17项, 重点工程（十七）, 工程第17项 — the number as people write a project's place in the plan
_PROJECT_NO = re.compile(r"(?:重点)?(?:工程)?(?:第)?\(?([0-9]+(?:\.0+)?|[零〇一二两三四五六七八九十]+)\)?(?:项|号)?")


def chinese_number(text: str) -> int | None:
    """'十七' -> 17, '二十五' -> 25, '七' -> 7 (whole numbers below 100); anything else -> None."""
    if not text or any(ch not in _CN_NUMERALS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_NUMERALS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_NUMERALS[tens] if tens else 1) * 10 + (_CN_NUMERALS[ones] if ones else 0)


def project_no_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """工程编号: 1..ctx.project_count, as a number or as people write it ('（十七）', '十七', '工程17', '第17项')."""

    def parse(value: str) -> int | Problem:
        key = squeeze(value)
        if not key:
            return Problem("required_empty", {"name": "工程编号"})
        found = _PROJECT_NO.fullmatch(key)
        number = None
        if found:
            digits = found.group(1)
            number = whole_of(digits) if digits[0].isdigit() else chinese_number(digits)
        if number is None:
            return Problem("project_no_bad", {"value": value, "high": ctx.project_count})
        if not 1 <= number <= ctx.project_count:
            return Problem("project_no_range", {"value": value, "number": _shown(number, key), "high": ctx.project_count})
        return number

    return _by_unique(text, parse)


def _grams(text: str) -> frozenset[str]:
    key = _name_key(text)
    return frozenset(key[i : i + 2] for i in range(len(key) - 1))


def _swapped_name_rule(text: pd.Series, numbers: pd.Series, catalog: pd.DataFrame | None, number_field: str,
                       text_field: str, key: str) -> CheckedColumn:
    """任务名称 / 工程名称 (optional, not kept): a name that is clearly another item's and not the row's own is a
    row whose number is not the item meant (a 序号 column taken for the plan's number, rows shifted): refused.

    A name is the row's own when at least half of its two-character pieces are in the item's own text; it is
    another's when 80 % of them are in another item's text. Anything between (a paraphrase) is accepted."""
    if catalog is None or catalog.empty or not (text != "").any():
        return _passed(text)
    own_text = {int(n): str(t) for n, t in zip(catalog[number_field], catalog[text_field], strict=True)}
    grams = {n: _grams(t) for n, t in own_text.items()}

    def parse(pair: str) -> bool | Problem:
        number, value = pair.split(_SEP, 1)
        written = _grams(value)
        if len(written) < 3 or not number.isdigit() or int(number) not in grams:
            return True
        mine = int(number)

        def cover(n: int) -> float:
            return len(written & grams[n]) / len(written)

        if cover(mine) >= 0.5:
            return True
        other, best = max(((n, cover(n)) for n in grams if n != mine), key=lambda item: item[1], default=(0, 0.0))
        if best < 0.8:
            return True
        other_text = own_text[other] if len(own_text[other]) <= 30 else own_text[other][:30] + "……"
        return Problem(key, {"value": value, "number": mine, "own": own_text[mine], "other": other,
                             "other_text": other_text})

    return _by_unique(_pairs(numbers, text), parse)


def task_name_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """任务名称 (optional, not kept): must not be another task's (ctx.tasks)."""
    return _swapped_name_rule(text, done["task_no"], ctx.tasks, "task_no", "text", "task_name_other")


def project_name_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """工程名称 (optional, not kept): must not be another project's (ctx.projects)."""
    return _swapped_name_rule(text, done["project_no"], ctx.projects, "project_no", "name", "project_name_other")


def status_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """状态: exactly one of TASK_STATUSES; a synonym is refused with the status it probably means."""

    def parse(value: str) -> str | Problem:
        status = squeeze(value)
        if status in TASK_STATUSES:
            return status
        if not status:
            return Problem("required_empty", {"name": "状态"})
        meant = STATUS_SYNONYMS.get(status)
        hint = Problem("status_hint", {"status": meant}).problem if meant else ""
        return Problem("status_bad", {"value": value, "hint": hint, "statuses": "、".join(TASK_STATUSES)})

    return _by_unique(text, parse)


def year_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """目标年份: a four-digit year TARGET_YEAR_MIN..TARGET_YEAR_MAX ('2030年' and '2030.0' accepted)."""

    def parse(value: str) -> int | Problem:
        if not value:
            return Problem("required_empty", {"name": "目标年份"})
        year = whole_of(fold_text(value).removesuffix("年"))
        if year is None:
            return Problem("year_bad", {"value": value})
        if not TARGET_YEAR_MIN <= year <= TARGET_YEAR_MAX:
            return Problem("year_range", {"number": _shown(year, value), "low": TARGET_YEAR_MIN, "high": TARGET_YEAR_MAX})
        return year

    return _by_unique(text, parse)


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"{low:g}–{high:g}"
    return f"≥ {low:g}" if low is not None else f"≤ {high:g}"


def value_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series], name: str = "数值") -> CheckedColumn:
    """数值 / 目标值: a number, checked against the range of its indicator's unit (UNIT_RULES)."""
    parsed = number_frame(text)
    number, reason = parsed["number"], parsed["reason"].copy()
    unit_of = dict(
        zip(ctx.indicators["code"].astype(str), ctx.indicators["unit"].fillna("").astype(str), strict=True)
    )
    # NaN where the code is unknown: no unit rule applies. Looked up once per distinct code, not per row.
    codes, distinct = pd.factorize(done["code"])
    units = np.array([unit_of.get(c, np.nan) for c in distinct] + [np.nan], dtype=object)
    unit = pd.Series(units[codes], index=done["code"].index, dtype=object)
    written = _units_written(text, reason, unit, number)
    ok = reason.isna()
    percent_units = [u for u, rule in UNIT_RULES.items() if rule.percent_sign]
    reason[ok & parsed["percent"] & unit.notna() & ~unit.isin(percent_units)] = "percent_not_allowed"
    for unit_name, rule in UNIT_RULES.items():
        mine = ok & reason.isna() & (unit == unit_name)
        outside = pd.Series(False, index=text.index)
        if rule.low is not None:
            outside |= number < rule.low
        if rule.high is not None:
            outside |= number > rule.high
        reason[mine & outside] = "out_of_range"
        if rule.whole:
            reason[mine & ~outside & (number % 1 != 0)] = "not_whole"
    bounds = _bounds(ctx, done["code"])
    if bounds is not None:  # the indicator's own bounds (the catalog's), inside the unit's range
        low, high = bounds
        outside = (number < low.fillna(-np.inf)) | (number > high.fillna(np.inf))
        reason[reason.isna() & outside] = "out_of_bounds"
    failed = reason.notna()

    def explain(row: int) -> Problem:
        if reason[row] == "out_of_bounds":
            low, high = (float(b[row]) for b in bounds)
            return Problem("out_of_bounds", {"value": text[row], "number": f"{number[row]:g}",
                                             "range": _range_text(None if np.isnan(low) else low,
                                                                  None if np.isnan(high) else high)})
        u = unit.get(row)
        rule = UNIT_RULES.get(u) if isinstance(u, str) else None
        key = "value_empty" if reason[row] == "required_empty" else reason[row]
        if key == "unit_in_value":
            return Problem(key, {"value": text[row], "written": written.get(row, ""),
                                 "unit": u if u else "系数（无单位）"})
        if key == "percent_not_allowed" and u == "":
            key = "percent_coefficient"
        return Problem(
            key,
            {
                "value": text[row],
                "name": name,
                "unit": u if u else "系数（无单位）",
                "number": f"{number[row]:g}",
                "range": _range_text(rule.low, rule.high) if rule else "",
            },
        )

    return CheckedColumn(number.where(~failed), failed, explain)


# a number followed by a unit: '128家', '12.3 万吨', '0.5‰' (typed, or shown so by the cell's number format)
_NUMBER_UNIT = r"\s*([+-]?(?:\d[\d,]*\.?\d*|\.\d+))\s*([^\d\s.,%+\-=][^\d=]{0,5}?)\s*"


def _units_written(text: pd.Series, reason: pd.Series, unit: pd.Series, number: pd.Series) -> pd.Series:
    """Cells refused as not a number that are a number and a unit: the indicator's own unit ('128家' for a count
    in 家) is read as the number; another unit ('12.3万吨', '0.5‰' for a %) is refused naming it. Only the refused
    cells are looked at. Returns the unit written, by row, for the refusals' messages; updates `reason` and
    `number` in place."""
    refused = reason.isin(["not_number", "chinese_numeral"])
    if not refused.any():
        return pd.Series(dtype=object)
    found = text[refused].map(fold_text).str.extract(f"^{_NUMBER_UNIT}$")
    found = found[found[1].notna()]
    if found.empty:
        return pd.Series(dtype=object)
    written = found[1].map(squeeze)
    own = unit[found.index]
    same = own.notna() & (written.map(lambda w: UNIT_SPELLINGS.get(w, w)) == own) & (own != "")
    if same.any():
        again = number_frame(found.loc[same, 0])
        fine = again["reason"].isna()
        rows = again.index[fine.to_numpy()]
        number[rows] = again.loc[rows, "number"]
        reason[rows] = None
    other = found.index[~same.to_numpy()]
    reason[other] = "unit_in_value"
    return written


def _bounds(ctx: Context, codes: pd.Series) -> tuple[pd.Series, pd.Series] | None:
    """Each row's indicator's (min_value, max_value), NaN where open; None when the catalog has no bounds."""
    ind = ctx.indicators
    if "min_value" not in ind.columns or "max_value" not in ind.columns:
        return None
    low = dict(zip(ind["code"].astype(str), pd.to_numeric(ind["min_value"], errors="coerce"), strict=True))
    high = dict(zip(ind["code"].astype(str), pd.to_numeric(ind["max_value"], errors="coerce"), strict=True))
    ids, distinct = pd.factorize(codes)
    lows = np.array([low.get(c, np.nan) for c in distinct] + [np.nan], dtype=float)
    highs = np.array([high.get(c, np.nan) for c in distinct] + [np.nan], dtype=float)
    return pd.Series(lows[ids], index=codes.index), pd.Series(highs[ids], index=codes.index)


def share_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series], name: str = "形象进度") -> CheckedColumn:
    """形象进度 (optional): percent complete, 0–100 ('45', '45%'); an empty cell is no figure (NaN)."""
    return _optional_number(text, name, low=0.0, high=100.0, percent=True)


def amount_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series], name: str = "完成投资") -> CheckedColumn:
    """完成投资 (optional): 万元, ≥ 0 ('1,250.5' accepted); an empty cell is no figure (NaN)."""
    return _optional_number(text, name, low=0.0, high=None, percent=False)


def _optional_number(text: pd.Series, name: str, *, low: float, high: float | None, percent: bool) -> CheckedColumn:
    parsed = number_frame(text)
    number, reason = parsed["number"], parsed["reason"].copy()
    empty = reason == "required_empty"
    reason[empty] = None
    ok = reason.isna() & ~empty
    if not percent:
        reason[ok & parsed["percent"]] = "amount_percent"
    outside = (number < low) | ((number > high) if high is not None else False)
    reason[reason.isna() & ~empty & outside] = "optional_range"
    failed = reason.notna()

    def explain(row: int) -> Problem:
        key = reason[row]
        unit = "%" if percent else "万元"
        return Problem(key, {"value": text[row], "name": name, "unit": unit, "number": f"{number[row]:g}",
                             "range": _range_text(low, high)})

    return CheckedColumn(number.where(~failed & ~empty), failed, explain)


def text_rule(text: pd.Series, ctx: Context, done: dict[str, pd.Series]) -> CheckedColumn:
    """Free text (notes, reporting unit): kept as written."""
    never = pd.Series(False, index=text.index)
    return CheckedColumn(text.astype(str), never, lambda row: Problem("not_number", {"value": text[row]}))


# dtype of each normalized field (others are str)
DTYPES: dict[str, str] = {
    "value": "float64",
    "target_value": "float64",
    "task_no": "Int64",
    "project_no": "Int64",
    "progress_pct": "float64",
    "investment": "float64",
    "target_year": "Int64",
}
