"""Reading an uploaded CSV or .xlsx file into a table of stripped strings, rows numbered as Excel shows them.

Excel files are read as Excel shows them: a percent-formatted 0.951 is '95.1%', merged cells carry their value over
the merged range, hidden sheets are never read, and error values and formulas without a trustworthy saved result
are marked so that checks refuse them by name. The data sheet is the visible worksheet whose header matches the
upload kind; the header row is the row that names the kind's columns, under any title lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import python_calamine

from intake import labels, numfmt, workbook
from intake.errors import UploadError
from intake.schemas import header_score
from intake.settings import DEFAULT_LIMITS, Limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, .et, or a password-protected .xlsx
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream Excel writes for an encrypted workbook
_ZIP_MAGIC = b"PK\x03\x04"
_MARKUP = re.compile(rb"\s*(?:<\?xml|<!doctype|<html|<table|<meta|<head|<body|<style)", re.I)
_DELIMITERS = (",", "\t", ";")
_BLANK_LINE_CHARS = " \t,;\"'\r\ufeff\u3000"
_TITLE_ROWS = 30  # how far down a header may sit under title lines
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_UNCLOSED = re.compile(r"EOF inside string starting at row (\d+)")
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff\u00ad]")  # zero-width, BOM, soft hyphen

# calamine raises CalamineError, ZipError, XmlError, and for a Rust panic pyo3's PanicException, which derives
# from BaseException: every one of them means a workbook it cannot read.
_NOT_READER_ERRORS = (KeyboardInterrupt, SystemExit, GeneratorExit)

# (problem key, values) a check must report for a cell instead of its text
CellMark = tuple[str, dict]


@dataclass(frozen=True)
class RawTable:
    """An uploaded table before any checking.

    frame: every cell as a stripped str ('' when empty); columns are positions 0..n-1 (the header texts are in
        `columns`), the index (named 'row') is each row's number as Excel shows it. Blank rows are dropped.
    header_row: the 1-based row number, as Excel shows it, of the header.
    columns: the header texts as written (stripped), in file order.
    titles: the text of the lines above the header (titles, 填报单位 lines), for where-the-data-belongs checks.
    marks: (row, position) -> (labels key, values) for cells whose text is not their value (an Excel error value,
        a formula without a trustworthy result); checks refuse them.
    notices: what the reader decided that the analyst should know (the sheet used, sheets skipped), Chinese.
    """

    frame: pd.DataFrame
    header_row: int
    columns: tuple[str, ...]
    file_name: str = ""
    sheet: str | None = None
    titles: tuple[str, ...] = ()
    marks: dict[tuple[int, int], CellMark] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    hidden_rows: tuple[int, ...] = ()  # data rows (as Excel numbers them) hidden in Excel, with something in them
    hidden_columns: tuple[int, ...] = ()  # positions of columns hidden in Excel, with something in them
    merged: tuple[tuple[int, int, int], ...] = ()  # (first row, last row, position): a value merged down rows
    delimiter: str | None = None  # a text file's separator; None for a workbook


@dataclass
class _Grid:
    """All cells of a sheet or CSV as str, from its first line, with what Excel adds."""

    cells: pd.DataFrame
    first_row: int = 1
    marks: dict[tuple[int, int], CellMark] = field(default_factory=dict)  # 0-based grid (row, column)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r0, c0, r1, c1
    name: str | None = None
    percent_rows: set[int] = field(default_factory=set)  # rows with a number Excel shows as a percentage
    hidden_rows: set[int] = field(default_factory=set)  # 0-based rows hidden in Excel (by hand or by a filter)
    hidden_columns: set[int] = field(default_factory=set)
    delimiter: str | None = None  # a CSV's separator (None for a workbook)


def _refuse(key: str, **values: object) -> UploadError:
    return UploadError(labels.problem(key, **values), labels.fix(key, **values))


def read_table(
    data: bytes, file_name: str, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS, kind: str | None = None
) -> RawTable:
    """Read a .csv/.txt/.tsv or .xlsx upload. Raises UploadError when the file cannot be read as a table.

    Args:
        data: the file's bytes.
        file_name: the name as uploaded; its extension and its first bytes choose the reader.
        sheet: for .xlsx, the sheet to read (default: the one visible worksheet whose header matches `kind`).
        limits: size limits.
        kind: the upload kind, which tells the header row (and the data sheet) from titles; None: the first row
            with two or more cells.
    """
    if len(data) > limits.max_bytes:
        raise _refuse("too_large", size=labels.size_text(len(data)), limit=labels.size_text(limits.max_bytes))
    if not data.strip():
        raise _refuse("file_empty" if not data else "no_data_rows")
    ext = PurePath(file_name).suffix.lower()
    notices: list[str] = []
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED in data[:1_000_000] or _ENCRYPTED in data[-1_000_000:]:
            raise _refuse("encrypted")
        raise _refuse("wps_et" if ext == ".et" else "xls")
    if ext in (".xlsx", ".xlsm", ".xls", ".et") and _MARKUP.match(data[:512]):
        raise _refuse("markup_xls", ext=ext)
    if ext in (".xlsx", ".xlsm") or (ext in (".xls", ".et") and data.startswith(_ZIP_MAGIC)):
        try:
            grid, notices = _xlsx_grid(data, sheet, limits, kind)
            return _table(grid, limits, file_name, kind, notices)
        except UploadError as exc:
            hidden = _hidden_sheets(data) if exc.problem == labels.problem("no_data_rows") else []
            if hidden:  # the visible sheets are empty and the data sits in a hidden one: say so
                raise _refuse("only_hidden", names=_names(hidden)) from None
            raise
    elif ext in (".xls", ".et"):  # business systems' "Excel export" is often tab-separated text named .xls
        grid = _csv_grid(data, limits, kind)
        notices.append(labels.notice("xls_text", ext=ext))
    elif ext in (".csv", ".txt", ".tsv", ""):
        grid = _csv_grid(data, limits, kind)
    else:
        raise _refuse("unsupported_type", ext=ext)
    return _table(grid, limits, file_name, kind, notices)


# --- CSV ---------------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refuse("not_text") from None
    if b"\x00" in data[:4096]:  # UTF-16 without its BOM: the high byte of ASCII characters is zero
        head = data[:4096]
        odd, even = head[1::2].count(0), head[0::2].count(0)
        encoding = "utf-16-le" if odd >= 4 * max(even, 1) else "utf-16-be" if even >= 4 * max(odd, 1) else None
        if encoding is not None:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise _refuse("not_text") from None
    if b"\x00" in data:
        raise _refuse("not_text")
    body = data.removeprefix(b"\xef\xbb\xbf")  # a BOM in front of GBK text (an editor added it)
    for encoding in ("utf-8", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("not_text")


def _fields(line: str, delimiter: str) -> list[str]:
    try:
        return [f.strip() for f in next(csv.reader([line], delimiter=delimiter), [])]
    except csv.Error:
        return line.split(delimiter)


def _header_line(lines: list[str], kind: str | None) -> tuple[int, str]:
    """(index of the header among `lines`, delimiter): the first line naming the kind's columns, else the first
    with two or more fields."""
    best: tuple[int, int, str] | None = None  # (rank, index, delimiter); rank 0 = all required columns found
    for index, line in enumerate(lines[:_TITLE_ROWS]):
        if not line.strip(_BLANK_LINE_CHARS):
            continue
        for delimiter in _DELIMITERS:
            fields = _fields(line, delimiter)
            if kind is not None:
                complete, recognized = header_score(kind, fields)
                rank = 0 if complete else 1 if recognized >= 2 else 2
            else:
                rank = 2
            if rank == 2 and sum(1 for f in fields if f) < 2:
                continue
            if best is None or rank < best[0]:
                best = (rank, index, delimiter)
        if best is not None and best[0] == 0:
            break
    if best is None:  # no line has two fields: a one-column file, read from its first line
        first = next((i for i, line in enumerate(lines) if line.strip(_BLANK_LINE_CHARS)), 0)
        return first, ","
    if best[0] == 2:  # nothing looks like the kind's header: the first line with two fields, as before
        for index, line in enumerate(lines[:_TITLE_ROWS]):
            counts = {d: sum(1 for f in _fields(line, d) if f) for d in _DELIMITERS}
            delimiter = max(_DELIMITERS, key=lambda d: (counts[d], d == ","))
            if counts[delimiter] >= 2:
                return index, delimiter
    return best[1], best[2]


def _csv_grid(data: bytes, limits: Limits, kind: str | None) -> _Grid:
    """All cells of a CSV from its header on (the lines above it kept as one-cell title rows)."""
    if data.startswith(_ZIP_MAGIC):
        raise _refuse("zip_as_csv")
    text = _decode(data)
    if text.count("\n") > limits.max_rows + 10_000:
        raise _refuse("too_many_rows", limit=f"{limits.max_rows:,}")
    head = text[:200_000].split("\n", _TITLE_ROWS + 1)[: _TITLE_ROWS + 1]
    index, delimiter = _header_line(head, kind)
    start = sum(len(line) + 1 for line in head[:index])
    titles = [" ".join(f for f in _fields(line.rstrip("\r"), delimiter) if f) for line in head[:index]]
    body = _parse_csv(text[start:], delimiter, first_row=index + 1)
    for col in body.columns:  # Excel's way of keeping text in a CSV: ="0123" shows 0123
        values = body[col]
        quoted = values.str.startswith('="', na=False)
        if quoted.any():
            body[col] = values.where(~quoted, values.str.replace(r'^="(.*)"$', r"\1", regex=True))
    title_rows = pd.DataFrame({0: titles}, dtype=object) if titles else None
    cells = body if title_rows is None else pd.concat([title_rows, body], ignore_index=True)
    return _Grid(cells.fillna("").astype(str), first_row=1, delimiter=delimiter)


def _parse_csv(text: str, delimiter: str, first_row: int) -> pd.DataFrame:
    options = dict(sep=delimiter, header=None, dtype=str, keep_default_na=False, skip_blank_lines=False)
    try:
        return pd.read_csv(io.StringIO(text), engine="c", **options)
    except pd.errors.EmptyDataError:
        raise _refuse("no_data_rows") from None
    except pd.errors.ParserError as exc:
        unclosed = _UNCLOSED.search(str(exc))
        if unclosed:
            raise _refuse("quote_unclosed", row=first_row + int(unclosed.group(1))) from None
        ragged = _RAGGED.search(str(exc))
        if not ragged:
            raise _refuse("csv_unreadable") from None
        want, line_no, got = ragged.groups()
    # rows wider than the header: read them padded; columns with data but no header are reported by checks.
    # A row wider only by empty fields has had its cells moved along by a comma (0,951 unquoted: 0 | 951 | ''):
    # refused, since no check can see it afterwards.
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        widths = [len(r) for r in records]
        head = widths[0] if widths else 0
        for number, record in enumerate(records[1:], start=1):
            if len(record) > head and not any(f.strip() for f in record[head:]):
                raise _refuse("row_wider", row=first_row + number, extra=len(record) - head)
        return pd.read_csv(io.StringIO(text), engine="c", names=range(max(widths)), **options)
    except (pd.errors.ParserError, ValueError, csv.Error):
        raise _refuse("ragged", row=first_row - 1 + int(line_no),
                      detail=f"表头有 {want} 列，这一行有 {got} 列") from None


# --- Excel -------------------------------------------------------------------------------------------------


def _check_zip(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse an archive whose parts unpack beyond the limits, member by member (a bomb padded with a stored junk
    member must not hide behind the padding's ratio of 1)."""
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise _refuse("not_xlsx")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise _refuse(
            "zip_too_big", size=labels.size_text(unpacked), limit=labels.size_text(limits.max_unpacked_bytes)
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > limits.max_zip_ratio:
            raise _refuse("zip_ratio", ratio=ratio)


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    if not data.startswith(_ZIP_MAGIC):
        raise _refuse("not_xlsx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except workbook.DAMAGED:
        raise _refuse("corrupt_xlsx") from None
    _check_zip(archive, limits)
    return archive


def _xlsx_grid(data: bytes, sheet: str | None, limits: Limits, kind: str | None) -> tuple[_Grid, list[str]]:
    """The data sheet's cells and the notices of how it was chosen."""
    archive = _open_zip(data, limits)
    try:
        book = workbook.read_book(archive)
        reader = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(reader.sheet_names)
    except (UploadError, *_NOT_READER_ERRORS):
        raise
    except BaseException:  # noqa: B036 (see _NOT_READER_ERRORS)
        raise _refuse("corrupt_xlsx") from None
    if not names:
        raise _refuse("corrupt_xlsx")
    known = {s.name: s for s in book.sheets}
    sheets = [known.get(n) or workbook.Sheet(n, None, True, True) for n in names]
    shown = [s for s in sheets if s.visible]
    if sheet is not None:
        chosen = next((s for s in sheets if s.name == sheet), None) or next(
            (s for s in sheets if s.name.strip() == sheet.strip()), None)
        if chosen is None or not chosen.visible:
            listed = "、".join(f"“{s.name}”" for s in shown if s.worksheet)
            raise _refuse("no_sheet" if chosen is None else "sheet_hidden", sheet=sheet, names=listed)
        if not chosen.worksheet:
            raise _refuse("sheet_chart", sheet=sheet)
        return _load(archive, reader, book, chosen, limits), []
    candidates = [s for s in shown if s.worksheet]
    hidden = [s.name for s in sheets if not s.visible]
    notices = [labels.notice("sheets_hidden", names=_names(hidden))] if hidden else []
    if len(candidates) == 1:
        return _load(archive, reader, book, candidates[0], limits), notices
    grids = {s.name: _load(archive, reader, book, s, limits) for s in candidates}
    if kind is None:
        first = next((g for g in grids.values() if (g.cells != "").any().any()), None)
        if first is None:
            raise _refuse("no_data_rows")
        return first, notices
    ranked = {name: _rank(grid, kind) for name, grid in grids.items()}
    complete = [name for name, rank in ranked.items() if rank == 0]
    if len(complete) > 1:
        raise _refuse("several_sheets", names=_names(complete), count=len(complete))
    partial = [name for name, rank in ranked.items() if rank == 1]
    pick = (complete or partial or [n for n, g in grids.items() if (g.cells != "").any().any()] or [None])[0]
    if pick is None:
        raise _refuse("no_data_rows")
    skipped = [n for n in grids if n != pick]
    notices.append(labels.notice("sheet_used", sheet=pick, skipped=_names(skipped)) if skipped
                   else labels.notice("sheet_used_only", sheet=pick))
    return grids[pick], notices


def _names(names: list[str]) -> str:
    return "、".join(f"“{n}”" for n in names)


def _rank(grid: _Grid, kind: str) -> int:
    """0: a row of the grid names all the kind's required columns; 1: two or more of its columns; 2: neither."""
    best = 2
    for _, row in grid.cells.head(_TITLE_ROWS).iterrows():
        complete, recognized = header_score(kind, list(row))
        best = min(best, 0 if complete else 1 if recognized >= 2 else 2)
    return best


def _load(archive: zipfile.ZipFile, reader, book: workbook.Book, sheet: workbook.Sheet, limits: Limits) -> _Grid:
    """One sheet's cells, after checking its extent so that calamine never allocates an absurd rectangle."""
    marks = workbook.Marks()
    if sheet.part is not None:
        try:
            xml = archive.read(sheet.part)
        except workbook.DAMAGED:
            raise _refuse("corrupt_xlsx") from None
        rows, cols = workbook.extent(xml)
        if rows > limits.max_rows + 10_000:
            raise _refuse("too_many_rows", limit=f"{limits.max_rows:,}")
        if rows * cols > limits.max_cells:
            raise _refuse("sheet_extent", sheet=sheet.name, rows=f"{rows:,}", cols=f"{cols:,}")
        marks = workbook.marks(xml, book)
        if marks.unplaced:
            raise _refuse("cells_unplaced")
        del xml
    else:  # the workbook does not say where the sheet is: calamine's own guess cannot be checked first
        raise _refuse("corrupt_xlsx")
    try:
        worksheet = reader.get_sheet_by_name(sheet.name)
        values = worksheet.to_python(skip_empty_area=False)
        merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in (worksheet.merged_cell_ranges or [])]
    except _NOT_READER_ERRORS:
        raise
    except BaseException:  # noqa: B036 (see _NOT_READER_ERRORS)
        raise _refuse("corrupt_xlsx") from None
    cells = pd.DataFrame(values, dtype=object) if values else pd.DataFrame(dtype=object)
    cells = cells.apply(lambda col: col.map(_cell_text)).astype(str) if len(cells) else cells
    grid = _Grid(cells, 1, merges=merges, name=sheet.name)
    height, width = cells.shape
    for (r, c), style in marks.styled.items():
        if r < height and c < width:
            value = values[r][c]
            if isinstance(value, int | float) and not isinstance(value, bool):
                _styled(grid, r, c, value, book.formats[style])
    grid.hidden_rows = {r for r in marks.hidden_rows if r < height}
    grid.hidden_columns = {c for c in marks.hidden_columns if c < width}
    for (r, c), has_result in marks.formula.items():
        if not has_result:
            grid.marks[(r, c)] = ("formula_no_result", {})
        elif book.recalc_on_load:
            grid.marks[(r, c)] = ("formula_recalc", {})
    for (r, c), text in marks.error.items():
        grid.marks[(r, c)] = ("excel_error", {"value": text})
    return grid


def _percent_text(value: float) -> str:
    """0.951 in a percent format -> '95.1%', as Excel shows it (without Excel's rounding to the format's places)."""
    return f"{value * 100:.15g}%"


def _styled(grid: _Grid, r: int, c: int, value: float, fmt: numfmt.NumberFormat) -> None:
    """A number whose format changes what it means, as Excel shows it: 0.951 in '0.0%' -> '95.1%', 12.3 in
    '0.0"万吨"' -> '12.3万吨' (checks then hold the unit against the indicator's); a format that divides it by 1,000
    or moves its decimal point is marked, since the number shown is not the one stored."""
    section = fmt.uniform or fmt.section(value)
    if section.scale or section.split:
        shown = f"{value / 1000 ** section.scale:.15g}" if not section.split else ""
        grid.marks[(r, c)] = ("format_scaled", {"value": _cell_text(value), "format": fmt.code,
                                                "shown": shown or "另一个数"})
        return
    text = _percent_text(value) if section.percent else _cell_text(value)
    if section.percent:
        grid.percent_rows.add(r)
        text = text.removesuffix("%") + "%" * min(section.percent, 1)
        if section.percent > 1:  # '0%%' multiplies twice: shown, not guessed
            text = f"{value * 100 ** section.percent:.15g}" + "%" * section.percent
    grid.cells.iat[r, c] = f"{section.prefix}{text}{section.suffix}"


def _cell_text(value: object) -> str:
    """An Excel cell as the text a person sees: 12.0 -> '12', a date -> '2025-12-31'."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return "" if value is None else str(value)


# --- both --------------------------------------------------------------------------------------------------


def _clean(col: pd.Series) -> pd.Series:
    """Stripped, without zero-width characters; in Arrow (RE2 over the column, no per-cell Python)."""
    col = col.astype(str)
    arr = pa.array(col.array)
    if not pc.all(pc.string_is_ascii(arr)).as_py() and pc.any(pc.match_substring_regex(arr, _INVISIBLE.pattern)).as_py():
        col = pd.Series(pd.array(pc.replace_substring_regex(arr, _INVISIBLE.pattern, ""), dtype="str"),
                        index=col.index)
    return col.str.strip()


def _header_index(cells: pd.DataFrame, filled: pd.Series, kind: str | None) -> int:
    """Grid position of the header row: the first naming all the kind's required columns, else the first naming
    two of its columns, else the first with two or more cells (one-cell rows above it are titles)."""
    head = cells.head(_TITLE_ROWS + 1)
    if kind is not None:
        ranks = [header_score(kind, list(row)) for _, row in head.iterrows()]
        for want in (lambda s: s[0], lambda s: s[1] >= 2):
            for position, score in enumerate(ranks):
                if want(score):
                    return position
    wide = ((head != "").sum(axis=1) >= 2).to_numpy()
    if wide.any():
        return int(wide.argmax())
    return int(filled.to_numpy().argmax())


def _table(grid: _Grid, limits: Limits, file_name: str, kind: str | None, notices: list[str]) -> RawTable:
    """Strip every cell, find the header row, carry merged values, drop blank rows and unnamed empty columns."""
    cells = grid.cells.fillna("")
    if cells.empty:
        raise _refuse("no_data_rows")
    for col in cells.columns:
        cells[col] = _clean(cells[col])
    cells.columns = pd.RangeIndex(cells.shape[1])
    marked_rows = {r for r, _ in grid.marks}
    filled = (cells != "").any(axis=1)
    if marked_rows:
        filled |= pd.Series(cells.index.isin(list(marked_rows)), index=cells.index)
    if not filled.any():
        raise _refuse("no_data_rows")
    header_at = _header_index(cells, filled, kind)
    down: list[tuple[int, int, int]] = []  # (r0, r1, column) of blocks merged over several rows
    for r0, c0, r1, c1 in grid.merges:  # a merged block below the header shows its value on every row it spans
        if r0 > header_at and r0 < len(cells) and c0 < cells.shape[1]:
            r1, c1 = min(r1, len(cells) - 1), min(c1, cells.shape[1] - 1)
            cells.iloc[r0 : r1 + 1, c0 : c1 + 1] = cells.iat[r0, c0]
            filled.iloc[r0 : r1 + 1] |= cells.iat[r0, c0] != ""
            if r1 > r0 and cells.iat[r0, c0] != "":
                down.extend((r0, r1, c) for c in range(c0, c1 + 1))
    titles = tuple(
        dict.fromkeys(v for row in cells.iloc[:header_at].itertuples(index=False) for v in row if v)
    )
    header = cells.iloc[header_at]
    data = cells.iloc[header_at + 1 :]
    data = data[filled.iloc[header_at + 1 :].to_numpy()]
    if data.empty:
        raise _refuse("no_data_rows")
    if len(data) > limits.max_rows:
        raise _refuse("too_many_rows", limit=f"{limits.max_rows:,}")
    keep = [c for c in cells.columns if header[c] != "" or (data[c] != "").any()]
    position_of = {c: p for p, c in enumerate(keep)}
    data = data[keep].copy()
    data.columns = pd.RangeIndex(len(keep))
    first = grid.first_row
    data.index = pd.Index(data.index.to_numpy() + first, name="row")
    marks = {
        (r + first, position_of[c]): mark
        for (r, c), mark in grid.marks.items()
        if r > header_at and c in position_of
    }
    hidden_rows = tuple(sorted(r + first for r in grid.hidden_rows
                               if r > header_at and filled.iat[r] and (cells.iloc[r] != "").any()))
    hidden_columns = tuple(sorted(position_of[c] for c in grid.hidden_columns
                                  if c in position_of and (data[position_of[c]] != "").any()))
    merged = tuple((r0 + first, r1 + first, position_of[c]) for r0, r1, c in down if c in position_of)
    shown_as_percent = sum(1 for r in grid.percent_rows if r > header_at)
    if shown_as_percent:
        notices = [*notices, labels.notice("percent_cells", count=shown_as_percent)]
    return RawTable(
        frame=data,
        header_row=header_at + first,
        columns=tuple(header[c] for c in keep),
        file_name=file_name,
        sheet=grid.name,
        titles=titles,
        marks=marks,
        notices=tuple(notices),
        hidden_rows=hidden_rows,
        hidden_columns=hidden_columns,
        merged=merged,
        delimiter=grid.delimiter,
    )


def _hidden_sheets(data: bytes) -> list[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [s.name for s in workbook.read_book(archive).sheets if not s.visible]
    except workbook.DAMAGED:
        return []


def visible_sheets(data: bytes, file_name: str) -> list[str]:
    """The visible worksheets of an .xlsx upload, in workbook order ([] for any other file or a broken one)."""
    if PurePath(file_name).suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".et") or not data.startswith(_ZIP_MAGIC):
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [s.name for s in workbook.read_book(archive).sheets if s.visible and s.worksheet]
    except workbook.DAMAGED:
        return []
