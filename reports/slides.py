"""PowerPoint building blocks: 16:9 slides with a title bar and footer, CJK text, native tables that paginate."""

from __future__ import annotations

import math
from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from store.cells import neutralise_text

FONT = "Noto Sans CJK SC"
ACCENT = "1565c0"
INK = "1f2933"
MUTED = "6b7785"
RED = "d93025"
HEADER_FILL = "e3ecf8"
ZEBRA_FILL = "f5f7fa"

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.55)
BAR_HEIGHT = Inches(0.95)
TOP = Inches(1.2)                 # first line of content below the title bar
BOTTOM = Inches(6.85)             # content ends here; the footer sits below
CONTENT_WIDTH = WIDTH - 2 * MARGIN


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def style_run(run, size: float, *, bold: bool = False, colour: str = INK) -> None:
    """Size, weight, colour and the CJK font on latin, east-asian and complex-script slots of one run."""
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = rgb(colour)
    font.name = FONT
    rpr = run._r.get_or_add_rPr()
    latin = rpr.find(qn("a:latin"))
    for tag in ("a:cs", "a:ea"):
        old = rpr.find(qn(tag))
        if old is not None:
            rpr.remove(old)
        el = etree.SubElement(rpr, qn(tag))
        el.set("typeface", FONT)
        latin.addnext(el)


@dataclass
class Para:
    """One paragraph of a text box."""

    text: str
    size: float = 16
    bold: bool = False
    colour: str = INK
    space_after: float = 6


def text_box(slide, left, top, width, height, paras: list[Para | str], *, anchor=MSO_ANCHOR.TOP,
             align=PP_ALIGN.LEFT):
    """A word-wrapped text box; plain strings are 16 pt paragraphs."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    for i, para in enumerate(paras):
        para = Para(para) if isinstance(para, str) else para
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = align
        p.space_after = Pt(para.space_after)
        style_run(p.add_run(), para.size, bold=para.bold, colour=para.colour)
        p.runs[0].text = para.text
    return box


def badge(slide, left, top, width, height, text: str, fill: str, size: float = 16, colour: str = "ffffff"):
    """A filled rounded rectangle with centred text (status labels, count cards)."""
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, left, top, width, height)
    shape.adjustments[0] = 0.12
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(fill)
    shape.line.fill.background()
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    lines = text.split("\n")
    for i, line in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        run = p.add_run()
        run.text = line
        style_run(run, size if i == 0 else size * 0.6, bold=i == 0, colour=colour)
    return shape


def new_presentation() -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    return prs


def add_slide(prs, title: str, footer: str, sample: bool, *, bar: bool = True):
    """A blank slide with the blue title bar, the footer line and, for sample data, the red sample notice."""
    from presentation import labels
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    if bar:
        rect = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, BAR_HEIGHT)
        rect.fill.solid()
        rect.fill.fore_color.rgb = rgb(ACCENT)
        rect.line.fill.background()
        rect.shadow.inherit = False
        text_box(slide, MARGIN, 0, CONTENT_WIDTH, BAR_HEIGHT, [Para(title, 26, True, "ffffff", 0)],
                 anchor=MSO_ANCHOR.MIDDLE)
    number = len(prs.slides)
    text_box(slide, MARGIN, Inches(6.98), Inches(7.7), Inches(0.4), [Para(footer, 10, colour=MUTED, space_after=0)])
    text_box(slide, WIDTH - MARGIN - Inches(1.2), Inches(6.98), Inches(1.2), Inches(0.4),
             [Para(f"{number}", 10, colour=MUTED, space_after=0)], align=PP_ALIGN.RIGHT)
    if sample:
        text_box(slide, WIDTH - MARGIN - Inches(4.2), Inches(6.98), Inches(3.0), Inches(0.4),
                 [Para(labels.DECK_SAMPLE_FOOTER, 11, True, RED, 0)], align=PP_ALIGN.RIGHT)
    return slide


# --- tables ---------------------------------------------------------------------------------------------------

def _text_width(text: str, size: float) -> float:
    """Approximate width in points: CJK characters are one em, others about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


def row_height(cells: list[str], widths: list[int], size: float) -> int:
    """Estimated height (EMU) of one table row once its cells wrap."""
    lines = 1
    for text, width in zip(cells, widths, strict=True):
        usable = max(Emu(width).pt - 12, size)
        lines = max(lines, sum(max(1, math.ceil(_text_width(part, size) / usable)) for part in str(text).split("\n")))
    return Pt(lines * size * 1.22 + 9)


def paginate(rows: list[list[str]], widths: list[int], size: float, height: int, header: list[str]) -> list[list]:
    """Split rows into pages whose estimated table height (header included) fits `height`."""
    pages, page, used = [], [], row_height(header, widths, size)
    for row in rows:
        h = row_height(row, widths, size)
        if page and used + h > height:
            pages.append(page)
            page, used = [], row_height(header, widths, size)
        page.append(row)
        used += h
    if page or not pages:
        pages.append(page)
    return pages


def table(slide, left, top, widths: list[int], header: list[str], rows: list[list[str]], *, size: float = 12,
          colours: dict[tuple[int, int], str] | None = None):
    """A native table: header row tinted, zebra rows, CJK font, `colours[(row, col)]` as bold text colour.

    Text that a spreadsheet would run as a formula (a task's note `=HYPERLINK(…)`) gets a leading apostrophe, as in
    every download: a table copied from the slide into Excel stays text.
    """
    colours = colours or {}
    header = [neutralise_text(v) for v in header]
    rows = [[neutralise_text(v) for v in row] for row in rows]
    heights = [row_height(header, widths, size)] + [row_height(r, widths, size) for r in rows]
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, sum(widths), sum(heights))
    tbl = shape.table
    tbl.first_row = True
    tbl.horz_banding = False
    for j, w in enumerate(widths):
        tbl.columns[j].width = w
    for i, h in enumerate(heights):
        tbl.rows[i].height = h
    for i, values in enumerate([header] + rows):
        for j, value in enumerate(values):
            cell = tbl.cell(i, j)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(HEADER_FILL if i == 0 else (ZEBRA_FILL if i % 2 == 0 else "ffffff"))
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame = cell.text_frame
            frame.word_wrap = True
            for k, line in enumerate(str(value).split("\n")):
                p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
                run = p.add_run()
                run.text = line
                colour = colours.get((i - 1, j)) if i else None
                style_run(run, size, bold=i == 0 or colour is not None, colour=colour or (ACCENT if i == 0 else INK))
    return shape
