"""Checking a read table against one upload kind: every problem of the file collected into one table."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd

from intake import labels
from intake.context import Context
from intake.errors import UploadError
from intake.kinds import Column, upload_kind
from intake.normalize import Problem, fold_text
from intake.reading import RawTable, read_table
from intake.rules import DTYPES
from intake.schemas import accepted_names, match_header, schema
from intake.settings import ADDITIVE_UNITS, CITY_WIDE, DEFAULT_LIMITS, MAX_ERROR_ROWS, UNIT_SPELLINGS, Limits
from intake.workbook import DAMAGED
from metrics import periods

_log = logging.getLogger(__name__)

ERROR_COLUMNS: tuple[str, ...] = ("row", "column", "value", "problem", "fix")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking an upload.

    rows: the normalized frame, column `row` (the Excel row number) then the kind's fields; a refused cell is
        NA there. Commit it only when `ok`.
    errors: one row per problem, in file order: row (Excel row number; the header row for a header problem,
        NA when the whole file was refused), column (the header as written), value (as written), problem, fix
        (Chinese). At most MAX_ERROR_ROWS rows.
    error_count: the number of problems, including those beyond the errors table's cap.
    file_error: the UploadError when the whole file was refused (parse_upload only), else None.
    notices: Chinese sentences for the preview: the sheet used and the sheets skipped, rows skipped because
        their value was left empty (a template filled in part), names read as codes, districts that do not add up.
    """

    kind: str
    rows: pd.DataFrame
    errors: pd.DataFrame
    error_count: int
    file_error: UploadError | None = None
    notices: tuple[str, ...] = ()  # what the analyst should know before committing (sheet used, rows skipped…)
    sheet: str | None = None  # the Excel sheet read

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class _Errors:
    """Collects problems; formats at most MAX_ERROR_ROWS of each check (only those can be shown)."""

    def __init__(self) -> None:
        self.count = 0
        self.records: list[tuple[int | None, int, str, str, str, str]] = []

    def add(self, row: int | None, position: int, column: str, value: str, problem: Problem) -> None:
        self.count += 1
        self.records.append((row, position, column, value, problem.problem, problem.fix))

    def add_failed(self, failed: pd.Series, position: int, column: str, text: pd.Series, explain) -> None:
        rows = failed.index[failed.to_numpy()]
        self.count += len(rows)
        for row in rows[:MAX_ERROR_ROWS]:
            problem = explain(row)
            self.records.append((int(row), position, column, text[row], problem.problem, problem.fix))

    def frame(self) -> pd.DataFrame:
        records = sorted(self.records, key=lambda r: (-1 if r[0] is None else r[0], r[1]))[:MAX_ERROR_ROWS]
        errors = pd.DataFrame([(r[0], *r[2:]) for r in records], columns=list(ERROR_COLUMNS), dtype=object)
        errors["row"] = errors["row"].astype("Int64")
        for col in ERROR_COLUMNS[1:]:
            errors[col] = errors[col].astype(str)
        return errors


def _empty_rows(kind: str) -> pd.DataFrame:
    rows = pd.DataFrame({"row": pd.Series(dtype="int64")})
    for name in upload_kind(kind).fields:
        rows[name] = pd.Series(dtype=DTYPES.get(name, "str"))
    return rows


def _match_headers(raw: RawTable, kind: str, errors: _Errors) -> dict[str, int]:
    """field -> column position; header problems go to `errors`."""
    found: dict[str, int] = {}
    columns: dict[str, Column] = {c.field: c for c in schema(kind)}
    for position, header in enumerate(raw.columns):
        if header == "":
            filled = raw.frame.index[(raw.frame[position] != "").to_numpy()]
            first = int(filled[0]) if len(filled) else raw.header_row
            value = raw.frame.at[first, position] if len(filled) else ""
            errors.add(first, position, "", value, Problem("empty_header", {"col": position + 1, "first": first}))
            continue
        column = match_header(kind, header)
        if column is None:
            errors.add(
                raw.header_row,
                position,
                header,
                header,
                Problem("unknown_column", {"header": header, "accepted": accepted_names(kind)}),
            )
        elif column.field in found:
            first = raw.columns[found[column.field]]
            errors.add(
                raw.header_row,
                position,
                header,
                header,
                Problem("duplicate_column", {"header": header, "first": first, "name": column.header}),
            )
        else:
            found[column.field] = position
    for column in columns.values():
        if column.required and column.field not in found:
            accepted = "、".join(column.accepted)
            problem = Problem("missing_column", {"name": column.header, "accepted": accepted})
            errors.add(raw.header_row, len(raw.columns), column.header, "", problem)
    rules = upload_kind(kind).rules  # an ignored column with a rule (任务名称) is read to be checked, then dropped
    return {field: position for field, position in found.items() if not columns[field].ignored or field in rules}


def check(raw: RawTable, kind: str, ctx: Context) -> CheckResult:
    """Check and normalize a read table as an upload of `kind` (one of intake.kinds.KINDS).

    Every problem is collected (lazily): header problems first (then rows are not checked), else every refused
    cell and every duplicate key. Raises ValueError for an unknown kind.
    """
    errors = _Errors()
    positions = _match_headers(raw, kind, errors)
    if not errors.count:
        _check_belongs(raw, kind, ctx, positions, errors)
    if errors.count:
        return CheckResult(kind, _empty_rows(kind), errors.frame(), errors.count, sheet=raw.sheet)

    notices = list(raw.notices)
    frame = _skip_unfilled(raw, kind, positions, notices)
    _check_hidden(raw, frame, positions, errors)
    marks: dict[int, dict[int, tuple[str, dict]]] = {}
    for (row, position), mark in raw.marks.items():
        marks.setdefault(position, {})[row] = mark
    _mark_merged_numbers(raw, positions, marks)
    _mark_split_numbers(raw, frame, kind, positions, marks)
    done: dict[str, pd.Series] = {}
    for field, rule in upload_kind(kind).rules.items():
        if field in positions:
            text = frame[positions[field]].astype(str)
        else:  # an optional column left out
            text = pd.Series(CITY_WIDE if field == "district" else "", index=frame.index, dtype=str)
        checked = rule(text, ctx, done)
        notices.extend(checked.notices)
        values, failed, explain = checked.values, checked.failed, checked.explain
        if field in _VALUE_FIELDS and field in positions:
            _mark_header_unit(raw.columns[positions[field]], positions[field], done, ctx, marks)
        mine = marks.get(positions.get(field, -1))
        if mine:  # an Excel error value or an untrustworthy formula: refused by name, whatever its text parses to
            marked = pd.Series(text.index.isin(list(mine)), index=text.index)
            values, failed = values.where(~marked), failed | marked
            explain = _explain_marks(mine, checked.explain)
        done[field] = values
        if field in positions:
            position = positions[field]
            errors.add_failed(failed, position, raw.columns[position], text, explain)

    _check_title_period(raw, positions, done, errors)
    _check_title_district(raw, kind, ctx, positions, frame, done, errors)
    rows = pd.DataFrame({"row": frame.index.to_numpy(dtype="int64")})
    for field in upload_kind(kind).fields:
        values = done[field]
        wanted = DTYPES.get(field, "str")
        if values.dtype != wanted:  # already typed columns skip a costly round trip through object
            values = pd.Series(values.to_numpy(), dtype=object).astype(wanted)
        rows[field] = values.reset_index(drop=True)
    _check_duplicates(rows, kind, raw, positions, errors)
    if not errors.count and kind == "actuals":
        notices.extend(_district_sums(rows, ctx))
    return CheckResult(kind, rows, errors.frame(), errors.count, notices=tuple(notices), sheet=raw.sheet)


# numeric fields: a value merged over several rows is not carried down; a unit in their header must be the row's
_NUMBER_FIELDS = frozenset(f for f, dtype in DTYPES.items() if dtype == "float64")
_VALUE_FIELDS = frozenset({"value", "target_value"})
_HEADER_UNIT = re.compile(r"[(\[<{]([^()\[\]<>{}]+)[)\]>}]\s*$")
_NOT_A_UNIT = re.compile(r"[填写必选可年季期注说明按如例单位]")


def _check_hidden(raw: RawTable, frame: pd.DataFrame, positions: dict[str, int], errors: _Errors) -> None:
    """Rows and columns hidden in Excel (by hand or by a filter) hold what the analyst does not see: refused."""
    read = set(frame.index)
    rows = [r for r in raw.hidden_rows if r in read]
    for row in rows[:MAX_ERROR_ROWS]:
        errors.add(row, 0, raw.columns[0], "", Problem("hidden_row", {"row": row}))
    errors.count += max(0, len(rows) - MAX_ERROR_ROWS)
    used = set(positions.values())
    for position in raw.hidden_columns:
        if position in used:
            header = raw.columns[position]
            errors.add(raw.header_row, position, header, header, Problem("hidden_column", {"header": header}))


def _mark_merged_numbers(raw: RawTable, positions: dict[str, int], marks: dict[int, dict]) -> None:
    """A number merged down several rows shows once: it is no row's value for certain (each, or their sum?)."""
    numeric = {positions[f] for f in _NUMBER_FIELDS if f in positions}
    for first, last, position in raw.merged:
        if position in numeric:
            mine = marks.setdefault(position, {})
            for row in range(first, last + 1):
                mine.setdefault(row, ("merged_number", {"first": first, "last": last}))


_SPLIT_HEAD = r"[+-]?\d{1,3}"
_SPLIT_TAIL = r"\d{3}(?:[.,]\d+)*"
_COMMA_NUMBER = r"[+-]?\d[\d.]*,[\d.,]*"


def _mark_split_numbers(raw: RawTable, frame: pd.DataFrame, kind: str, positions: dict[str, int],
                        marks: dict[int, dict]) -> None:
    """Text files only. A number with an unquoted thousands comma is split over two cells (1,234 -> 1 | 234): a
    number cell of one to three digits followed by a text cell of three digits is refused. In a file separated by
    semicolons, a comma in a number may be a decimal comma (1,5): refused."""
    if raw.delimiter is None or frame.empty:
        return
    text_fields = {c.field for c in upload_kind(kind).columns} - set(_NUMBER_FIELDS) - set(upload_kind(kind).keys)
    text_positions = {positions[f] for f in text_fields if f in positions}
    for field in _NUMBER_FIELDS:
        if field not in positions:
            continue
        position = positions[field]
        cells = frame[position].astype(str)
        if raw.delimiter == ";":
            comma = cells.str.fullmatch(_COMMA_NUMBER)
            mine = marks.setdefault(position, {})
            for row in cells.index[comma.to_numpy()]:
                mine.setdefault(int(row), ("decimal_comma", {"value": cells[row]}))
        if position + 1 in text_positions or position + 1 >= len(raw.columns) or raw.columns[position + 1] == "":
            if position + 1 not in frame.columns:
                continue
            after = frame[position + 1].astype(str)
            split = cells.str.fullmatch(_SPLIT_HEAD) & after.str.fullmatch(_SPLIT_TAIL)
            if split.any():
                mine = marks.setdefault(position, {})
                for row in cells.index[split.to_numpy()]:
                    mine.setdefault(int(row), ("number_split", {"value": cells[row], "next": after[row]}))


def header_unit(header: str) -> str | None:
    """The unit a header names in brackets ('数值（万吨）' -> '万吨'), or None."""
    found = _HEADER_UNIT.search(unicodedata.normalize("NFKC", header).replace("【", "[").replace("】", "]"))
    if not found:
        return None
    unit = "".join(found.group(1).split())
    if not unit or len(unit) > 6 or _NOT_A_UNIT.search(unit):
        return None
    return unit


def _mark_header_unit(header: str, position: int, done: dict[str, pd.Series], ctx: Context,
                      marks: dict[int, dict]) -> None:
    """'数值（‰）' over a % indicator, '数值（万家）' over a count: the header names a unit that is no indicator's (a
    scale: per mille, ten thousands), so which one the number is in cannot be known. Each row whose indicator has
    another unit is refused. A header naming one of the catalog's units ('数值（%）' over a file of mixed
    indicators) is a label, as templates write it."""
    written = header_unit(header)
    if written is None or "code" not in done:
        return
    unit = UNIT_SPELLINGS.get(written, written)
    units = dict(zip(ctx.indicators["code"].astype(str), ctx.indicators["unit"].fillna("").astype(str),
                     strict=True))
    if unit in set(units.values()) or unit in set(UNIT_SPELLINGS.values()):
        return
    codes = done["code"]
    known = codes.notna()
    row_units = codes[known].map(units)
    wrong = row_units[row_units.notna() & (row_units != unit)]
    if wrong.empty:
        return
    mine = marks.setdefault(position, {})
    for row, own in wrong.items():
        mine.setdefault(int(row), ("header_unit", {"header": header, "written": written, "code": codes[row],
                                                  "unit": own or "系数（无单位）"}))


def _explain_marks(mine: dict[int, tuple[str, dict]], explain):
    def explained(row: int) -> Problem:
        return Problem(*mine[row]) if row in mine else explain(row)

    return explained


def _skip_unfilled(raw: RawTable, kind: str, positions: dict[str, int], notices: list[str]) -> pd.DataFrame:
    """The rows to check: a row whose value cell is empty (a template row not filled in) is left out and counted
    in a notice, unless every row is empty (then each is refused as before) or the cell hides an Excel problem."""
    field = upload_kind(kind).filled
    frame = raw.frame
    if field not in positions:
        return frame
    position = positions[field]
    empty = frame[position] == ""
    marked = {row for row, p in raw.marks if p == position}
    if marked:
        empty &= ~frame.index.isin(list(marked))
    if not empty.any() or empty.all():
        return frame
    rows = frame.index[empty.to_numpy()]
    shown = "、".join(str(r) for r in rows[:10]) + ("……" if len(rows) > 10 else "")
    notices.append(labels.notice("skipped_blank", count=len(rows), name=raw.columns[position], rows=shown))
    return frame[~empty.to_numpy()]


def _check_belongs(raw: RawTable, kind: str, ctx: Context, positions: dict[str, int], errors: _Errors) -> None:
    """A district office's own file (its title, sheet or file name names the district) without a 区 column would
    land as 全市: refused."""
    if kind != "actuals" or "district" in positions:
        return
    where = " ".join((*raw.titles, raw.sheet or "", PurePath(raw.file_name).stem))
    named = [d for d in ctx.districts if d != CITY_WIDE and d in where]
    if named:
        district = "、".join(named[:3])
        errors.add(raw.header_row, len(raw.columns), "区", district, Problem("district_in_title", {"district": district}))


_TITLE_QUARTER = re.compile(r"(\d{4})年度?第?([1-4一二三四])季|(\d{4})[-_/.]?Q([1-4])")
_CN_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}


def _title_period(titles: tuple[str, ...]) -> tuple[str, str] | None:
    """(quarter, title) when the lines above the header name exactly one quarter ('2025年第四季度…报表')."""
    found: dict[str, str] = {}
    for title in titles:
        squeezed = "".join(fold_text(title).split()).upper()
        for m in _TITLE_QUARTER.finditer(squeezed):
            year, quarter = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            found.setdefault(periods.make(int(year), _CN_QUARTER.get(quarter) or int(quarter)), title)
    return next(iter(found.items())) if len(found) == 1 else None


def _check_title_period(raw: RawTable, positions: dict[str, int], done: dict[str, pd.Series],
                        errors: _Errors) -> None:
    """A title naming one quarter over rows of another ('2025年第四季度…' over 2025Q3, a column not updated when the
    title was): which one is right cannot be known; those rows are refused."""
    if "period" not in positions or "period" not in done or not raw.titles:
        return
    named = _title_period(raw.titles)
    if named is None:
        return
    quarter, title = named
    period = done["period"]
    other = period.notna() & (period != quarter)
    if not other.any():
        return
    position = positions["period"]
    text = raw.frame[position]
    errors.add_failed(other, position, raw.columns[position], text,
                      lambda row: Problem("period_not_title", {"title_period": quarter, "title": title,
                                                               "period": period[row]}))


def _check_title_district(raw: RawTable, kind: str, ctx: Context, positions: dict[str, int], frame: pd.DataFrame,
                          done: dict[str, pd.Series], errors: _Errors) -> None:
    """A district's file (its title, sheet or file name names one district, and no row names another) with rows of
    全市 (the 区 cell left blank or written 全市): the district's figures would replace the city's. Refused."""
    if kind != "actuals" or "district" not in positions or "district" not in done:
        return
    where = " ".join((*raw.titles, raw.sheet or "", PurePath(raw.file_name).stem))
    named = [d for d in ctx.districts if d != CITY_WIDE and d in where]
    if len(named) != 1:
        return
    district = done["district"]
    if (district.notna() & ~district.isin([CITY_WIDE, named[0]])).any():
        return  # rows of several districts: a city-wide file that happens to name one
    city = district == CITY_WIDE
    if not city.any():
        return
    position = positions["district"]
    text = frame[position].astype(str)
    errors.add_failed(city, position, raw.columns[position], text,
                      lambda row: Problem("district_title_city", {"district": named[0], "value": text[row]}))


def _district_sums(rows: pd.DataFrame, ctx: Context) -> list[str]:
    """Warnings where an additive count's districts exceed its 全市 value, or, all reported, differ from it."""
    units = dict(zip(ctx.indicators["code"].astype(str), ctx.indicators["unit"].fillna("").astype(str), strict=True))
    counts = rows[rows["code"].map(units).isin(ADDITIVE_UNITS)]
    if counts.empty or not (counts["district"] == CITY_WIDE).any() or (counts["district"] == CITY_WIDE).all():
        return []
    is_city = counts["district"] == CITY_WIDE
    keys = ["code", "period"]
    city = counts[is_city].groupby(keys, sort=True)["value"].first()
    parts = counts[~is_city].groupby(keys, sort=True)["value"].agg(["sum", "count"])
    both = parts.join(city.rename("city"), how="inner")
    all_districts = len(ctx.districts) - 1
    off = (both["sum"] > both["city"] + 1e-9) | (
        (both["count"] == all_districts) & ((both["sum"] - both["city"]).abs() > 1e-9))
    out = [labels.notice("district_sum", code=code, period=period, total=float(row["sum"]), city=float(row["city"]))
           for (code, period), row in both[off].head(20).iterrows()]
    return out[:20]


def _check_duplicates(
    rows: pd.DataFrame, kind: str, raw: RawTable, positions: dict[str, int], errors: _Errors
) -> None:
    """A key seen in an earlier row: an error on each later row, naming the first."""
    keys = list(upload_kind(kind).keys)
    complete = rows[keys].notna().all(axis=1)
    keyed = rows[complete]
    if not keyed.duplicated(keys).any():  # the usual case: a hash pass, no group-wise transform
        return
    first = keyed.groupby(keys, sort=False)["row"].transform("min")
    repeats = keyed[keyed["row"] != first]
    if repeats.empty:
        return
    shown = [k for k in keys if k in positions]
    names = "、".join(raw.columns[positions[k]] for k in shown)
    position = positions[shown[0]]
    for index, row in zip(repeats.index[:MAX_ERROR_ROWS], repeats["row"].iloc[:MAX_ERROR_ROWS], strict=True):
        value = " / ".join(str(repeats.at[index, k]) for k in keys)
        errors.add(
            int(row),
            position,
            raw.columns[position],
            value,
            Problem("duplicate", {"first": int(first[index]), "key": names}),
        )
    errors.count += max(0, len(repeats) - MAX_ERROR_ROWS)


def parse_upload(
    data: bytes,
    file_name: str,
    kind: str,
    ctx: Context,
    sheet: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> CheckResult:
    """read_table + check. Never raises for a bad file: an UploadError becomes a result with one error row
    (row NA, column '', value = the file name) and `file_error` set. Raises ValueError for an unknown kind.
    """
    schema(kind)
    try:
        raw = read_table(data, file_name, sheet=sheet, limits=limits, kind=kind)
        return check(raw, kind, ctx)
    except UploadError as exc:
        return _refused(kind, file_name, exc)
    except (*DAMAGED, TypeError, IndexError, OverflowError, RecursionError, AttributeError) as exc:
        # a file no rule foresaw: refused whole, never a traceback on the page; logged for us to fix the rule
        _log.exception("unforeseen file %r refused", file_name)
        return _refused(kind, file_name, UploadError(labels.problem("unforeseen", kind=type(exc).__name__),
                                                     labels.fix("unforeseen")))


def _refused(kind: str, file_name: str, exc: UploadError) -> CheckResult:
    errors = pd.DataFrame({
        "row": pd.array([pd.NA], dtype="Int64"),
        "column": [""],
        "value": [file_name],
        "problem": [exc.problem],
        "fix": [exc.fix],
    })
    return CheckResult(kind, _empty_rows(kind), errors, 1, file_error=exc)
