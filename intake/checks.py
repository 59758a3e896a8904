"""Checking a read table against one upload kind: every problem of the file collected into one table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from intake.context import Context
from intake.errors import UploadError
from intake.normalize import Problem
from intake.reading import RawTable, read_table
from intake.rules import DTYPES, KEYS, RULES
from intake.schemas import FIELDS, Column, accepted_names, match_header, schema
from intake.settings import CITY_WIDE, DEFAULT_LIMITS, MAX_ERROR_ROWS, Limits

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
    """

    kind: str
    rows: pd.DataFrame
    errors: pd.DataFrame
    error_count: int
    file_error: UploadError | None = None

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
    for name in FIELDS[kind]:
        rows[name] = pd.Series(dtype=DTYPES.get(name, "str"))
    return rows


def _match_headers(raw: RawTable, kind: str, errors: _Errors) -> dict[str, int]:
    """field -> column position; header problems go to `errors`."""
    found: dict[str, int] = {}
    columns: dict[str, Column] = {c.field: c for c in schema(kind)}
    for position, header in enumerate(raw.columns):
        if header == "":
            errors.add(raw.header_row, position, "", "", Problem("empty_header", {"col": position + 1}))
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
    return {field: position for field, position in found.items() if not columns[field].ignored}


def check(raw: RawTable, kind: str, ctx: Context) -> CheckResult:
    """Check and normalize a read table as an upload of `kind` ('actuals', 'task-status' or 'targets').

    Every problem is collected (lazily): header problems first (then rows are not checked), else every refused
    cell and every duplicate key. Raises ValueError for an unknown kind.
    """
    errors = _Errors()
    positions = _match_headers(raw, kind, errors)
    if errors.count:
        return CheckResult(kind, _empty_rows(kind), errors.frame(), errors.count)

    frame = raw.frame
    done: dict[str, pd.Series] = {}
    for field, rule in RULES[kind].items():
        if field in positions:
            text = frame[positions[field]].astype(str)
        else:  # an optional column left out
            text = pd.Series(CITY_WIDE if field == "district" else "", index=frame.index, dtype=str)
        outcome = rule(text, ctx, done)
        done[field] = outcome.values
        if field in positions:
            position = positions[field]
            errors.add_failed(outcome.failed, position, raw.columns[position], text, outcome.explain)

    rows = pd.DataFrame({"row": frame.index.to_numpy(dtype="int64")})
    for field in FIELDS[kind]:
        values = done[field]
        wanted = DTYPES.get(field, "str")
        if values.dtype != wanted:  # already typed columns skip a costly round trip through object
            values = pd.Series(values.to_numpy(), dtype=object).astype(wanted)
        rows[field] = values.reset_index(drop=True)
    _check_duplicates(rows, kind, raw, positions, errors)
    return CheckResult(kind, rows, errors.frame(), errors.count)


def _check_duplicates(
    rows: pd.DataFrame, kind: str, raw: RawTable, positions: dict[str, int], errors: _Errors
) -> None:
    """A key seen in an earlier row: an error on each later row, naming the first."""
    keys = list(KEYS[kind])
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
        raw = read_table(data, file_name, sheet=sheet, limits=limits)
    except UploadError as exc:
        errors = pd.DataFrame(
            {
                "row": pd.array([pd.NA], dtype="Int64"),
                "column": [""],
                "value": [file_name],
                "problem": [exc.problem],
                "fix": [exc.fix],
            }
        )
        return CheckResult(kind, _empty_rows(kind), errors, 1, file_error=exc)
    return check(raw, kind, ctx)
