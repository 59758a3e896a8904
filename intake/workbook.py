"""What an .xlsx says beyond its cell values, read from the workbook's XML.

calamine reads values fast but not how Excel shows them: a cell formatted as a percentage comes back as 0.951, an
error value (#DIV/0!) and a formula without a saved result both come back empty, and a sheet whose last cell is
far away makes it allocate the whole rectangle (XFD1048576: 512 GiB, an abort that `except` cannot catch). This
module finds, before calamine reads a sheet: the sheets (visible or not, worksheet or chart), the sheet's extent,
and the cells whose value needs Excel's view (percent formats, formulas, errors). Regular expressions over the
raw XML keep it to a few C-level scans for an ordinary file; only marked cells cost Python work.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from intake import numfmt

_REL_WORKSHEET = "/worksheet"
_BUILTIN_FORMATS = {9: "0%", 10: "0.00%"}  # the built-in ids (no <numFmt> written) that change a number's meaning
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix: <x:c> as .NET writers produce
_ROW_TAG = re.compile(rb"<" + _P + rb"row\b([^>]*)>")
_R_ATTR = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_T_ATTR = re.compile(rb'\bt="(\w+)"')
_NUM_ATTR = re.compile(rb'\br="(\d+)"')
_FORMULA_CELL = re.compile(rb"<" + _P + rb"c\s([^>]*[^/>]|)>\s*<" + _P + rb"f\b")
_ERROR_CELL = re.compile(rb"<" + _P + rb'c\s([^>]*\bt="e"[^>]*[^/>]|[^>]*\bt="e")>(.*?)</' + _P + rb"c>", re.S)
_VALUE = re.compile(rb"<" + _P + rb"v(?:\s[^>]*)?>([^<]*)</" + _P + rb"v>")
_CELL_END = re.compile(rb"</" + _P + rb"c>")
_NO_TYPE = re.match(rb"(n)", b"n")
_S_ATTR = re.compile(rb'\bs="(\d+)"')
_HIDDEN = rb'\bhidden="(?:1|true)"'
_HIDDEN_ROW = re.compile(rb"<" + _P + rb"row\b([^>]*" + _HIDDEN + rb"[^>]*)>")
_HIDDEN_COL = re.compile(rb"<" + _P + rb"col\b([^>]*" + _HIDDEN + rb"[^>]*)>")
_MIN_MAX = re.compile(rb'\b(min|max)="(\d+)"')


@dataclass(frozen=True)
class Sheet:
    """One sheet of a workbook, in workbook order."""

    name: str
    part: str | None  # the zip member holding its XML (None when the workbook does not say)
    visible: bool
    worksheet: bool  # False for chart sheets, dialog and macro sheets


@dataclass(frozen=True)
class Book:
    sheets: tuple[Sheet, ...]
    formats: Mapping[int, numfmt.NumberFormat]  # cellXfs index -> its format, where it changes what a number means
    recalc_on_load: bool  # the workbook asks Excel to recalculate everything when opened

    @property
    def percent_styles(self) -> frozenset[int]:
        """cellXfs indices whose number format shows a percentage (for some values at least)."""
        return frozenset(i for i, f in self.formats.items() if any(s.percent for s in f.sections))


@dataclass
class Marks:
    """Cells of one sheet that need more than calamine's value, by 0-based (row, column)."""

    styled: dict[tuple[int, int], int] = field(default_factory=dict)  # number -> its style (one of Book.formats)
    formula: dict[tuple[int, int], bool] = field(default_factory=dict)  # formula cell -> has a saved result
    error: dict[tuple[int, int], str] = field(default_factory=dict)  # error value as Excel shows it
    unplaced: bool = False  # a marked cell without an r= address: it cannot be matched to calamine's value
    hidden_rows: set[int] = field(default_factory=set)  # rows hidden in Excel (by hand or by a filter)
    hidden_columns: set[int] = field(default_factory=set)

    @property
    def percent(self) -> set[tuple[int, int]]:
        """Numbers whose style shows a percentage (for some values at least)."""
        return set(self.styled)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(element: ET.Element, name: str) -> str | None:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


# What reading a damaged archive's member raises: each means "this part cannot be read".
DAMAGED = (KeyError, ET.ParseError, zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError,
           RuntimeError, ValueError, UnicodeError)


def _xml(archive: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        return ET.fromstring(archive.read(name))
    except DAMAGED:
        return None


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rId -> (type, target member) of a part's relationships."""
    folder, base = posixpath.split(part)
    root = _xml(archive, posixpath.join(folder, "_rels", base + ".rels"))
    out: dict[str, tuple[str, str]] = {}
    for rel in [] if root is None else root:
        target = rel.get("Target") or ""
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id") or ""] = (rel.get("Type") or "", member)
    return out


def _workbook_part(archive: zipfile.ZipFile) -> str:
    for _, (kind, member) in _rels(archive, "").items():
        if kind.endswith("/officeDocument"):
            return member
    return "xl/workbook.xml"


def _is_percent_format(code: str) -> bool:
    """'0.0%' is; '0.0"%"' and '0.0\\%' (a literal sign) are not."""
    return numfmt.is_percent(code)


def read_book(archive: zipfile.ZipFile) -> Book:
    """The sheets, the percent styles and the calc flag of an .xlsx archive."""
    part = _workbook_part(archive)
    root = _xml(archive, part)
    rels = _rels(archive, part)
    sheets: list[Sheet] = []
    recalc = False
    styles_part = None
    for _, (kind, member) in rels.items():
        if kind.endswith("/styles"):
            styles_part = member
    if root is not None:
        for element in root.iter():
            tag = _local(element.tag)
            if tag == "sheet":
                rel = rels.get(_attr(element, "id") or "")
                state = (element.get("state") or "visible").lower()
                sheets.append(Sheet(
                    name=element.get("name") or "",
                    part=rel[1] if rel else None,
                    visible=state == "visible",
                    worksheet=rel is None or rel[0].endswith(_REL_WORKSHEET),
                ))
            elif tag == "calcPr":
                recalc = (element.get("fullCalcOnLoad") or "").lower() in ("1", "true")
    return Book(tuple(sheets), _formats(archive, styles_part or "xl/styles.xml"), recalc)


def _formats(archive: zipfile.ZipFile, part: str) -> dict[int, numfmt.NumberFormat]:
    """cellXfs index -> number format, for the styles whose format changes what a number means."""
    root = _xml(archive, part)
    if root is None:
        return {}
    custom = {}
    for element in root.iter():
        if _local(element.tag) == "numFmt":
            try:
                custom[int(element.get("numFmtId") or -1)] = element.get("formatCode") or ""
            except ValueError:
                continue
    formats: dict[int, numfmt.NumberFormat] = {}
    for element in root:
        if _local(element.tag) != "cellXfs":
            continue
        for index, xf in enumerate(x for x in element if _local(x.tag) == "xf"):
            try:
                fmt = int(xf.get("numFmtId") or 0)
            except ValueError:
                continue
            parsed = numfmt.parse(custom.get(fmt) or _BUILTIN_FORMATS.get(fmt, ""))
            if parsed is not None:
                formats[index] = parsed
    return formats


def _column_number(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _position(attrs: bytes) -> tuple[int, int] | None:
    m = _R_ATTR.search(attrs)
    return (int(m.group(2)) - 1, _column_number(m.group(1)) - 1) if m else None


def extent(xml: bytes) -> tuple[int, int]:
    """An upper bound of the (rows, columns) a reader allocates for this sheet XML.

    Rows: the last <row>'s number (rows are written in order), raised by any row or cell address with more digits
    (a row or cell claiming a far row; one with as many digits is at most 10× away). Rows written without r= count
    one each. Columns: the largest column letter of any cell address. A few C-level scans, no per-cell Python.
    """
    tail = _ROW_TAG.findall(xml[-65536:]) or _ROW_TAG.findall(xml)
    rows = 0
    if tail:
        last = _NUM_ATTR.search(tail[-1])
        rows = int(last.group(1)) if last else 0
    if not rows:  # no row carries its number: they count one each
        rows = len(_ROW_TAG.findall(xml))
    # Excel and most writers put one space before r=; a regex starting with that literal runs ~5× faster than \s
    odd = any(xml.find(w + b'r="') >= 0 for w in (b"\n", b"\t", b"\r"))
    sp = rb"\s" if odd else b" "
    digits = len(str(rows)) + 1
    far_rows = re.findall(sp + rb'r="(\d{%d,})"' % digits, xml)  # only a row's r= is all digits
    far_cells = re.findall(sp + rb'r="[A-Z]{1,3}(\d{%d,})"' % digits, xml)
    rows = max([rows, *(int(r) for r in far_rows), *(int(r) for r in far_cells)])
    head = set(re.findall(sp + rb'r="([A-Z]{1,3})\d', xml[:65536]))
    cols = max((_column_number(m) for m in head), default=0)
    if cols < 26:  # one scan for any cell right of what the first rows use
        wider = sp + (rb'r="(?:[%s-Z]|[A-Z]{2,3})\d' % bytes([64 + cols + 1]) if cols else rb'r="[A-Z]')
        if re.search(wider, xml):
            cols = max(_column_number(m) for m in set(re.findall(sp + rb'r="([A-Z]{1,3})\d', xml)))
    else:
        multi = re.findall(sp + rb'r="([A-Z]{2,3})\d', xml)
        cols = max(cols, *(_column_number(m) for m in set(multi))) if multi else cols
    return rows, max(cols, 1 if rows else 0)


def _has_formula(xml: bytes) -> bool:
    """Cheap: bytes.find, not a regex trying a prefix at every tag."""
    return any(xml.find(tag) >= 0 for tag in (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b":f/"))


def marks(xml: bytes, book: Book) -> Marks:
    """The cells of a sheet that Excel shows differently from calamine's value."""
    out = Marks()
    if book.formats:
        styles = b"|".join(str(s).encode() for s in sorted(book.formats))
        pattern = re.compile(rb"<" + _P + rb'c\s([^>]*\bs="(?:' + styles + rb')"[^>]*)>')
        for m in pattern.finditer(xml):
            attrs = m.group(1)
            t = _T_ATTR.search(attrs)
            if t and t.group(1) not in (b"n",):
                continue  # text, shared string, error or boolean: shown as is
            position = _position(attrs)
            if position is None:
                out.unplaced = True
            else:
                out.styled[position] = int(_S_ATTR.search(attrs).group(1))
    if xml.find(b"hidden=") >= 0:
        for m in _HIDDEN_ROW.finditer(xml):
            number = _NUM_ATTR.search(m.group(1))
            if number is None:
                out.unplaced = True
            else:
                out.hidden_rows.add(int(number.group(1)) - 1)
        for m in _HIDDEN_COL.finditer(xml):
            bounds = dict(_MIN_MAX.findall(m.group(1)))
            low, high = int(bounds.get(b"min", 0)), int(bounds.get(b"max", 0))
            if low >= 1:
                out.hidden_columns.update(range(low - 1, min(high, low + 16384)))
    for m in _FORMULA_CELL.finditer(xml) if _has_formula(xml) else ():
        position = _position(m.group(1))
        end = _CELL_END.search(xml, m.end())
        body = xml[m.end(): end.start() if end else len(xml)]
        value = _VALUE.search(body)
        if position is None:
            out.unplaced = True
        else:
            # a formula whose result is the empty string (=IF(B2="","",…)) is saved as t="str" with an empty <v>
            text_result = (_T_ATTR.search(m.group(1)) or _NO_TYPE).group(1) == b"str"
            out.formula[position] = bool(value and (value.group(1).strip() or text_result))
    for m in _ERROR_CELL.finditer(xml) if xml.find(b't="e"') >= 0 else ():
        position = _position(m.group(1))
        value = _VALUE.search(m.group(2))
        if position is None:
            out.unplaced = True
        else:
            out.error[position] = value.group(1).decode("utf-8", "replace").strip() if value else "#N/A"
    return out
