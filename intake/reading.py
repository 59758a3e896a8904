"""Reading an uploaded CSV or .xlsx file into a table of stripped strings, rows numbered as Excel shows them."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import pandas as pd
import python_calamine

from intake import labels
from intake.errors import UploadError
from intake.settings import DEFAULT_LIMITS, Limits

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003)
_ZIP_MAGIC = b"PK\x03\x04"
_DELIMITERS = (",", "\t", ";")
_BLANK_LINE_CHARS = " \t,;\"'\r\ufeff\u3000"
_TITLE_ROWS = 20  # how far down a header may sit under one-cell title rows
_RAGGED = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass(frozen=True)
class RawTable:
    """An uploaded table before any checking.

    frame: every cell as a stripped str ('' when empty); columns are positions 0..n-1 (the header texts are in
        `columns`), the index (named 'row') is each row's number as Excel shows it. Blank rows are dropped.
    header_row: the 1-based row number, as Excel shows it, of the header: the first row with two or more filled
        cells (one-cell title rows above it are skipped).
    columns: the header texts as written (stripped), in file order.
    """

    frame: pd.DataFrame
    header_row: int
    columns: tuple[str, ...]
    file_name: str = ""
    sheet: str | None = None


def _refuse(key: str, **values: object) -> UploadError:
    return UploadError(labels.problem(key, **values), labels.fix(key, **values))


def read_table(
    data: bytes, file_name: str, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> RawTable:
    """Read a .csv/.txt/.tsv or .xlsx upload. Raises UploadError when the file cannot be read as a table.

    Args:
        data: the file's bytes.
        file_name: the name as uploaded; its extension chooses the reader.
        sheet: for .xlsx, the sheet to read (default: the first).
        limits: size limits.
    """
    if len(data) > limits.max_bytes:
        raise _refuse("too_large", size=labels.size_text(len(data)), limit=labels.size_text(limits.max_bytes))
    if not data.strip():
        raise _refuse("file_empty" if not data else "no_data_rows")
    ext = PurePath(file_name).suffix.lower()
    if ext in (".xlsx", ".xlsm"):
        cells, first_row, sheet_name = _xlsx_cells(data, sheet, limits)
    elif ext == ".xls":
        raise _refuse("xls")
    elif ext in (".csv", ".txt", ".tsv", ""):
        (cells, first_row), sheet_name = _csv_cells(data, limits), None
    else:
        raise _refuse("unsupported_type", ext=ext)
    return _table(cells, first_row, limits, file_name, sheet_name)


# --- CSV ---------------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text" is UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _refuse("not_text") from None
    if b"\x00" in data:
        raise _refuse("not_text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _refuse("not_text")


def _csv_cells(data: bytes, limits: Limits) -> tuple[pd.DataFrame, int]:
    """All cells of a CSV from its header on, and the Excel row number of its first line."""
    if data.startswith(_ZIP_MAGIC):
        raise _refuse("zip_as_csv")
    if data.startswith(_OLE_MAGIC):
        raise _refuse("xls")
    text = _decode(data)
    if text.count("\n") > limits.max_rows + 10_000:
        raise _refuse("too_many_rows", limit=f"{limits.max_rows:,}")
    start, skipped = 0, 0
    while True:  # leading blank lines (empty, or only delimiters as Excel writes empty rows)
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip(_BLANK_LINE_CHARS) or end < 0:
            break
        start, skipped = end + 1, skipped + 1
    header = line
    delimiter = max(_DELIMITERS, key=lambda d: (header.count(d), d == ","))
    try:
        cells = pd.read_csv(
            io.StringIO(text[start:]),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except pd.errors.EmptyDataError:
        raise _refuse("no_data_rows") from None
    except pd.errors.ParserError as exc:
        m = _RAGGED.search(str(exc))
        if m:
            want, line_no, got = m.groups()
            raise _refuse(
                "ragged", row=skipped + int(line_no), detail=f"表头有 {want} 列，这一行有 {got} 列"
            ) from None
        raise _refuse("ragged", row="?", detail=str(exc)) from None
    return cells, skipped + 1


# --- Excel -------------------------------------------------------------------------------------------------


def _check_zip(data: bytes, limits: Limits) -> None:
    if data.startswith(_OLE_MAGIC):
        raise _refuse("xls")
    if not data.startswith(_ZIP_MAGIC):
        raise _refuse("not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise _refuse("corrupt_xlsx") from None
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise _refuse("not_xlsx")
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise _refuse(
            "zip_too_big", size=labels.size_text(unpacked), limit=labels.size_text(limits.max_unpacked_bytes)
        )
    if unpacked > 1_000_000 and unpacked > limits.max_zip_ratio * max(packed, 1):
        raise _refuse("zip_ratio", ratio=unpacked / max(packed, 1))


def _xlsx_cells(data: bytes, sheet: str | None, limits: Limits) -> tuple[pd.DataFrame, int, str]:
    """All cells of one sheet from A1 on, 1 (the row number of A1), and the sheet's name."""
    _check_zip(data, limits)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(book.sheet_names)
        if not names:
            raise _refuse("corrupt_xlsx")
        if sheet is None:
            name = names[0]
        else:
            stripped = {n.strip(): n for n in names}
            if sheet not in names and sheet.strip() not in stripped:
                raise _refuse("no_sheet", sheet=sheet, names="、".join(f"“{n}”" for n in names))
            name = sheet if sheet in names else stripped[sheet.strip()]
        worksheet = book.get_sheet_by_name(name)
        if worksheet.total_height > limits.max_rows + 10_000:
            raise _refuse("too_many_rows", limit=f"{limits.max_rows:,}")
        rows = worksheet.to_python(skip_empty_area=False)
    except UploadError:
        raise
    except Exception:  # calamine raises several types (CalamineError, ZipError, XmlError, panics)
        raise _refuse("corrupt_xlsx") from None
    if not rows:
        raise _refuse("no_data_rows")
    cells = pd.DataFrame(rows, dtype=object)
    cells = cells.apply(lambda col: col.map(_cell_text)).astype(str)
    return cells, 1, name


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


def _table(
    cells: pd.DataFrame, first_row: int, limits: Limits, file_name: str, sheet: str | None
) -> RawTable:
    """Strip every cell, find the header row, drop blank rows and unnamed empty columns."""
    cells = cells.fillna("")
    for col in cells.columns:
        cells[col] = cells[col].astype(str).str.strip()
    cells.index = pd.RangeIndex(first_row, first_row + len(cells), name="row")
    filled = (cells != "").any(axis=1)
    if not filled.any():
        raise _refuse("no_data_rows")
    # the header is the first row with two or more cells; a one-cell row above it is a title and is skipped
    wide = (cells.head(_TITLE_ROWS + 1) != "").sum(axis=1) >= 2
    header_row = int(wide.idxmax()) if wide.any() else int(filled.idxmax())
    header = cells.loc[header_row]
    data = cells.loc[header_row + 1 :]
    data = data[filled.loc[header_row + 1 :]]
    if data.empty:
        raise _refuse("no_data_rows")
    if len(data) > limits.max_rows:
        raise _refuse("too_many_rows", limit=f"{limits.max_rows:,}")
    keep = [c for c in cells.columns if header[c] != "" or (data[c] != "").any()]
    data = data[keep].copy()
    data.columns = pd.RangeIndex(len(keep))
    return RawTable(
        frame=data,
        header_row=header_row,
        columns=tuple(header[c] for c in keep),
        file_name=file_name,
        sheet=sheet,
    )
