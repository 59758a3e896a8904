"""A small raw SpreadsheetML writer: .xlsx parts written by hand, for the quirks openpyxl cannot produce.

It writes what Excel, WPS and business-system exporters really put in a workbook: number formats through
styles.xml cellXfs indices (built-in 9 "0%" and 10 "0.00%", custom ids from 164, or 176 as WPS numbers them),
shared strings and inline strings, formula cells with a cached value, a placeholder 0 or none at all, error
cells (t="e"), hidden and very hidden sheets, chart sheets, merged ranges, a <dimension> that lies, cells and
rows without r= attributes, the `x:` namespace prefix of .NET writers, and <calcPr fullCalcOnLoad="1"/>.

Every zip member gets the same fixed timestamp and the members are written in a fixed order, so the bytes of a
generated workbook do not change from one run to the next.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

FIXED_TIME = (2026, 1, 10, 9, 30, 0)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_BASE = "application/vnd.openxmlformats-officedocument"

BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "0%": 9, "0.00%": 10, "@": 49}


@dataclass(frozen=True)
class C:
    """One cell with more than a plain value.

    value: a str (shared string, or inline with inline=True), an int/float (a number), or None.
    fmt: a number format code ("0.00%", "0.0%", '0.0"%"' …); the cell gets a cellXfs index that carries it.
    raw: the exact text of <v> for a number (Excel writes 0.951 as 0.95099999999999996).
    formula: the text of <f>; cached: its saved result (None: no <v> at all); cached_type: 'str', 'e', 'b' or ''.
    error: an error value ('#DIV/0!', '#N/A'): a t="e" cell.
    """

    value: object = None
    fmt: str | None = None
    raw: str | None = None
    inline: bool = False
    formula: str | None = None
    cached: object = None
    cached_type: str = ""
    error: str | None = None


@dataclass
class Sheet:
    """A worksheet (or, with chart=True, a chart sheet plotting `chart_ref`)."""

    name: str
    rows: list[list[object]] = field(default_factory=list)
    state: str | None = None  # None (visible), 'hidden' or 'veryHidden'
    merges: tuple[str, ...] = ()
    dimension: str | None = None  # the <dimension ref> to write instead of the true one
    chart: bool = False
    chart_ref: str = ""
    first_row: int = 1  # the Excel row of rows[0]
    extra_cells: tuple[
        tuple[str, str], ...
    ] = ()  # (ref, raw <c> xml) appended after the data, e.g. XFD1048576
    col_widths: tuple[float, ...] = ()


def col_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA', 16383 -> 'XFD'."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _zip(parts: list[tuple[str, bytes]], stored: frozenset[str] = frozenset()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, content)
    return out.getvalue()


def fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip (an openpyxl save) with fixed member timestamps and a fixed docProps/core.xml time."""
    parts = []
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", b"2026-01-10T09:30:00Z", content)
            parts.append((info.filename, content))
    return _zip(parts)


class _Styles:
    """cellXfs: index 0 is General; every distinct format code gets one more xf."""

    def __init__(self, custom_base: int) -> None:
        self.custom_base = custom_base
        self.custom: dict[str, int] = {}
        self.xfs: list[int] = [0]

    def index(self, code: str | None) -> int:
        if code is None:
            return 0
        if code in BUILTIN_FORMATS:
            num_fmt = BUILTIN_FORMATS[code]
        else:
            num_fmt = self.custom.setdefault(code, self.custom_base + len(self.custom))
        if num_fmt not in self.xfs:
            self.xfs.append(num_fmt)
        return self.xfs.index(num_fmt)

    def xml(self, p: str) -> str:
        fmts = "".join(
            f'<{p}numFmt numFmtId="{i}" formatCode="{escape(code, {chr(34): "&quot;"})}"/>'
            for code, i in self.custom.items()
        )
        num_fmts = f'<{p}numFmts count="{len(self.custom)}">{fmts}</{p}numFmts>' if self.custom else ""
        xfs = "".join(
            f'<{p}xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0"'
            + (' applyNumberFormat="1"/>' if n else "/>")
            for n in self.xfs
        )
        return (
            f"{num_fmts}"
            f'<{p}fonts count="1"><{p}font><{p}sz val="11"/><{p}name val="等线"/><{p}family val="2"/>'
            f'<{p}charset val="134"/><{p}scheme val="minor"/></{p}font></{p}fonts>'
            f'<{p}fills count="2"><{p}fill><{p}patternFill patternType="none"/></{p}fill>'
            f'<{p}fill><{p}patternFill patternType="gray125"/></{p}fill></{p}fills>'
            f'<{p}borders count="1"><{p}border><{p}left/><{p}right/><{p}top/><{p}bottom/><{p}diagonal/>'
            f"</{p}border></{p}borders>"
            f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f"</{p}cellStyleXfs>"
            f'<{p}cellXfs count="{len(self.xfs)}">{xfs}</{p}cellXfs>'
            f'<{p}cellStyles count="1"><{p}cellStyle name="常规" xfId="0" builtinId="0"/></{p}cellStyles>'
        )


def _number_text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def workbook(
    sheets: list[Sheet],
    *,
    full_calc: bool = False,
    prefix: str = "",
    no_refs: bool = False,
    app: str = "Microsoft Excel",
    custom_format_base: int = 164,
    active: int | None = None,
    junk: tuple[str, bytes] | None = None,
) -> bytes:
    """The bytes of an .xlsx holding `sheets`, written part by part.

    full_calc: write <calcPr fullCalcOnLoad="1"/> (a business system asking Excel to recompute on open).
    prefix: 'x' writes every SpreadsheetML element as <x:…> the way the .NET OpenXML SDK does.
    no_refs: leave out the r= attribute of <row> and <c> (allowed by the standard, written by some exporters).
    app: docProps/app.xml's Application ('WPS 表格' for a WPS save).
    custom_format_base: the first id of custom number formats (Excel 164, WPS 176).
    active: the workbookView's activeTab (default: the first visible sheet).
    junk: (member name, bytes) stored uncompressed at the end of the zip.
    """
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    styles = _Styles(custom_format_base)
    strings: list[str] = []
    string_index: dict[str, int] = {}

    def shared(text: str) -> int:
        if text not in string_index:
            string_index[text] = len(strings)
            strings.append(text)
        return string_index[text]

    def cell_xml(ref: str, value: object) -> str:
        spec = value if isinstance(value, C) else C(value)
        r = "" if no_refs else f' r="{ref}"'
        s = styles.index(spec.fmt)
        sa = f' s="{s}"' if s else ""
        if spec.error is not None:
            f = f"<{p}f>{escape(spec.formula)}</{p}f>" if spec.formula else ""
            return f'<{p}c{r}{sa} t="e">{f}<{p}v>{escape(spec.error)}</{p}v></{p}c>'
        if spec.formula is not None:
            f = f"<{p}f>{escape(spec.formula)}</{p}f>"
            t = f' t="{spec.cached_type}"' if spec.cached_type else ""
            if spec.cached is None:
                return f"<{p}c{r}{sa}{t}>{f}</{p}c>"
            cached = spec.cached if isinstance(spec.cached, str) else _number_text(spec.cached)
            return f"<{p}c{r}{sa}{t}>{f}<{p}v>{escape(cached)}</{p}v></{p}c>"
        v = spec.value
        if v is None and spec.raw is None:
            return f"<{p}c{r}{sa}/>" if sa else ""
        if isinstance(v, str):
            if spec.inline:
                return f'<{p}c{r}{sa} t="inlineStr"><{p}is><{p}t xml:space="preserve">{escape(v)}</{p}t></{p}is></{p}c>'
            return f'<{p}c{r}{sa} t="s"><{p}v>{shared(v)}</{p}v></{p}c>'
        if isinstance(v, bool):
            return f'<{p}c{r}{sa} t="b"><{p}v>{int(v)}</{p}v></{p}c>'
        text = spec.raw if spec.raw is not None else _number_text(v)
        return f"<{p}c{r}{sa}><{p}v>{text}</{p}v></{p}c>"

    def sheet_xml(sheet: Sheet) -> str:
        width = max((len(r) for r in sheet.rows), default=1)
        last_row = sheet.first_row + max(len(sheet.rows), 1) - 1
        dimension = sheet.dimension or f"A{sheet.first_row}:{col_letter(max(width, 1) - 1)}{last_row}"
        body = []
        for offset, row in enumerate(sheet.rows):
            n = sheet.first_row + offset
            cells = "".join(cell_xml(f"{col_letter(i)}{n}", v) for i, v in enumerate(row))
            if no_refs:
                body.append(f"<{p}row>{cells}</{p}row>")
            else:
                body.append(f'<{p}row r="{n}" spans="1:{max(len(row), 1)}">{cells}</{p}row>')
        for ref, xml in sheet.extra_cells:
            n = re.sub(r"^[A-Z]+", "", ref)
            body.append(f'<{p}row r="{n}">{xml}</{p}row>')
        merges = ""
        if sheet.merges:
            items = "".join(f'<{p}mergeCell ref="{m}"/>' for m in sheet.merges)
            merges = f'<{p}mergeCells count="{len(sheet.merges)}">{items}</{p}mergeCells>'
        cols = ""
        if sheet.col_widths:
            items = "".join(
                f'<{p}col min="{i + 1}" max="{i + 1}" width="{w}" customWidth="1"/>'
                for i, w in enumerate(sheet.col_widths)
            )
            cols = f"<{p}cols>{items}</{p}cols>"
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<{p}worksheet {xmlns} xmlns:r="{REL_NS}">'
            f'<{p}dimension ref="{dimension}"/>'
            f'<{p}sheetViews><{p}sheetView workbookViewId="0"/></{p}sheetViews>'
            f'<{p}sheetFormatPr defaultRowHeight="14.25"/>{cols}'
            f"<{p}sheetData>{''.join(body)}</{p}sheetData>{merges}"
            f'<{p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            f"</{p}worksheet>"
        )

    parts: list[tuple[str, bytes]] = []
    overrides = [
        ("/xl/workbook.xml", f"{CT_BASE}.spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", f"{CT_BASE}.spreadsheetml.styles+xml"),
        ("/docProps/app.xml", f"{CT_BASE}.extended-properties+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    ]
    wb_rels = []
    sheet_entries = []
    sheet_parts: list[tuple[str, bytes]] = []
    n_work = n_chart = 0
    for i, sheet in enumerate(sheets, start=1):
        rid = f"rId{i}"
        state = f' state="{sheet.state}"' if sheet.state else ""
        sheet_entries.append(f'<{p}sheet name="{escape(sheet.name)}" sheetId="{i}"{state} r:id="{rid}"/>')
        if sheet.chart:
            n_chart += 1
            target = f"chartsheets/sheet{n_chart}.xml"
            wb_rels.append((rid, f"{DOC_REL}/chartsheet", target))
            overrides.append((f"/xl/{target}", f"{CT_BASE}.spreadsheetml.chartsheet+xml"))
            overrides.append((f"/xl/drawings/drawing{n_chart}.xml", f"{CT_BASE}.drawing+xml"))
            overrides.append((f"/xl/charts/chart{n_chart}.xml", f"{CT_BASE}.drawingml.chart+xml"))
            sheet_parts += _chart_parts(n_chart, sheet.chart_ref)
        else:
            n_work += 1
            target = f"worksheets/sheet{n_work}.xml"
            wb_rels.append((rid, f"{DOC_REL}/worksheet", target))
            overrides.append((f"/xl/{target}", f"{CT_BASE}.spreadsheetml.worksheet+xml"))
            sheet_parts.append((f"xl/{target}", sheet_xml(sheet).encode()))
    if active is None:
        active = next((i for i, s in enumerate(sheets) if not s.state), 0)
    n = len(sheets)
    wb_rels.append((f"rId{n + 1}", f"{DOC_REL}/styles", "styles.xml"))
    wb_rels.append((f"rId{n + 2}", f"{DOC_REL}/sharedStrings", "sharedStrings.xml"))
    calc = f'<{p}calcPr calcId="191029"' + (' fullCalcOnLoad="1"/>' if full_calc else "/>")
    workbook_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<{p}workbook {xmlns} xmlns:r="{REL_NS}">'
        f'<{p}workbookPr defaultThemeVersion="166925"/>'
        f'<{p}bookViews><{p}workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300"'
        f' activeTab="{active}"/></{p}bookViews>'
        f"<{p}sheets>{''.join(sheet_entries)}</{p}sheets>{calc}</{p}workbook>"
    )
    parts.append(("xl/workbook.xml", workbook_xml.encode()))
    parts += sheet_parts
    styles_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f"<{p}styleSheet {xmlns}>{styles.xml(p)}</{p}styleSheet>"
    )
    parts.append(("xl/styles.xml", styles_xml.encode()))
    items = "".join(
        f'<{p}si><{p}t xml:space="preserve">{escape(s)}</{p}t></{p}si>'
        if s != s.strip()
        else f"<{p}si><{p}t>{escape(s)}</{p}t></{p}si>"
        for s in strings
    )
    sst = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<{p}sst {xmlns} count="{len(strings)}" uniqueCount="{len(strings)}">{items}</{p}sst>'
    )
    parts.append(("xl/sharedStrings.xml", sst.encode()))
    overrides.append(("/xl/sharedStrings.xml", f"{CT_BASE}.spreadsheetml.sharedStrings+xml"))
    rels = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in wb_rels)
    parts.append(
        (
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'.encode(),
        )
    )
    titles = "".join(f"<vt:lpstr>{escape(s.name)}</vt:lpstr>" for s in sheets)
    parts.append(
        (
            "docProps/app.xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
                ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                f"<Application>{escape(app)}</Application><DocSecurity>0</DocSecurity>"
                f'<TitlesOfParts><vt:vector size="{len(sheets)}" baseType="lpstr">{titles}</vt:vector></TitlesOfParts>'
                "</Properties>"
            ).encode(),
        )
    )
    parts.append(
        (
            "docProps/core.xml",
            (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
                ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
                ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
                "<dc:creator>统计科</dc:creator>"
                '<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-10T09:30:00Z</dcterms:created>'
                '<dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-10T09:30:00Z</dcterms:modified>'
                "</cp:coreProperties>"
            ).encode(),
        )
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{DOC_REL}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    defaults = (
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
    )
    if junk is not None:
        ext = junk[0].rsplit(".", 1)[-1]
        defaults += f'<Default Extension="{ext}" ContentType="image/{"jpeg" if ext == "jpeg" else ext}"/>'
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        + defaults
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        + "</Types>"
    )
    ordered = [("[Content_Types].xml", content_types.encode()), ("_rels/.rels", root_rels.encode())]
    ordered += [(n, c) for n, c in parts if n.startswith("docProps/")]
    ordered += [(n, c) for n, c in parts if not n.startswith("docProps/")]
    stored: frozenset[str] = frozenset()
    if junk is not None:
        ordered.append(junk)
        stored = frozenset({junk[0]})
    return _zip(ordered, stored)


def _chart_parts(n: int, ref: str) -> list[tuple[str, bytes]]:
    """A chart sheet as Excel writes it: chartsheet -> drawing -> chart (a bar chart of `ref`)."""
    chartsheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<chartsheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<sheetPr/><sheetViews><sheetView zoomScale="118" workbookViewId="0" zoomToFit="1"/></sheetViews>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<drawing r:id="rId1"/></chartsheet>'
    )
    chartsheet_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{DOC_REL}/drawing" Target="../drawings/drawing{n}.xml"/></Relationships>'
    )
    drawing = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="9294091" cy="6058959"/>'
        '<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="图表 1"/>'
        '<xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>'
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{REL_NS}" r:id="rId1"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>"
    )
    drawing_rels = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{DOC_REL}/chart" Target="../charts/chart{n}.xml"/></Relationships>'
    )
    chart = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<c:chart><c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>{escape(ref)}</c:f></c:numRef></c:val></c:ser>'
        '<c:axId val="1"/><c:axId val="2"/></c:barChart>'
        '<c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:crossAx val="2"/></c:catAx>'
        '<c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart>'
        "</c:chartSpace>"
    )
    return [
        (f"xl/chartsheets/sheet{n}.xml", chartsheet.encode()),
        (f"xl/chartsheets/_rels/sheet{n}.xml.rels", chartsheet_rels.encode()),
        (f"xl/drawings/drawing{n}.xml", drawing.encode()),
        (f"xl/drawings/_rels/drawing{n}.xml.rels", drawing_rels.encode()),
        (f"xl/charts/chart{n}.xml", chart.encode()),
    ]
