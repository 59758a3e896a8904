"""PowerPoint building blocks: 16:9 slides with a title bar and footer, CJK text, native tables that paginate."""

from __future__ import annotations

import functools
import subprocess
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
#
# A row's height is measured, not guessed: each cell's text is wrapped at its column's width with the advance widths
# of the font the slide names (Noto Sans CJK SC, found with fc-match; Pillow reads its metrics), and every line is as
# tall as LibreOffice sets it (the font's ascent + descent, 1.448 em). Line breaks follow the rules LibreOffice and
# PowerPoint keep: a CJK character may start a line, a Latin word or number does not split, closing punctuation
# (，。、）) never starts a line and opening punctuation (（“) never ends one. Where the font file is missing, a
# conservative model stands in (every character one em wide). Rows are then as tall as their text, and tables are
# split across slides so that the last row ends above the footer.

CELL_MARGIN_X = Inches(0.06)
CELL_MARGIN_Y = Inches(0.03)
LINE_EM = 1.46                    # Noto Sans CJK: ascent 1.160 + descent 0.288 em, LibreOffice's single spacing
ROW_SLACK = 3.0                   # points of air under the last line of a row
WIDTH_SLACK = 2.0                 # points of a cell's width never filled (rounding in the renderer)
_CLOSING = set("，。、；：！？）》」』】〕〉”’,.;:!?)]}%…·—")
_OPENING = set("（《「『【〔〈“‘([{")


def _is_cjk(ch: str) -> bool:
    """A character a line may break before or after (an ideograph, CJK or typographic punctuation)."""
    return ord(ch) > 0x2E7F or ch in "…—·“”‘’"


@functools.cache
def _font(bold: bool):
    """The slide font at 1000 px (so lengths are thousandths of an em), or None when it is not installed."""
    try:
        from PIL import ImageFont
        spec = FONT + (":bold" if bold else ":regular")
        found = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{family}", spec], capture_output=True,
                               text=True, timeout=10).stdout.split("\t")
        if len(found) < 3 or FONT not in found[2]:
            return None
        return ImageFont.truetype(found[0], 1000, index=int(found[1] or 0))
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


@functools.lru_cache(maxsize=65536)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in points of `text` set in the slide font at `size` pt (without the font: one em per character)."""
    font = _font(bold)
    if font is None:
        return len(text) * size
    return font.getlength(text) / 1000 * size


def _units(line: str) -> list[str]:
    """The pieces a line may break between: single CJK characters, whole Latin words, spaces; closing punctuation
    stays with what precedes it, opening punctuation with what follows."""
    units: list[str] = []
    word = ""
    for ch in line:
        if ch.isspace() or _is_cjk(ch):
            if word:
                units.append(word)
                word = ""
            units.append(ch)
        else:
            word += ch
    if word:
        units.append(word)
    merged: list[str] = []
    carry = ""
    for unit in units:
        if unit in _OPENING:
            carry += unit
            continue
        unit, carry = carry + unit, ""
        if merged and unit[0] in _CLOSING and not merged[-1].isspace():
            merged[-1] += unit
        else:
            merged.append(unit)
    if carry:
        merged.append(carry)
    return merged


def wrap(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """The lines `text` takes in a box `width_pt` wide (paragraphs at newlines)."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for unit in _units(para):
            if unit.isspace() and not line:
                continue
            if text_width(line + unit, size, bold) <= width_pt:
                line += unit
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if unit.isspace() else unit
            while len(line) > 1 and text_width(line, size, bold) > width_pt:   # a word wider than the cell
                cut = max(k for k in range(1, len(line)) if text_width(line[:k], size, bold) <= width_pt or k == 1)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def line_height(size: float) -> float:
    """Points from one line to the next at `size` pt."""
    return size * LINE_EM


def row_height(cells: list[str], widths: list[int], size: float) -> int:
    """Height (EMU) of one table row once its cells wrap: the tallest cell's lines, the cell margins and some air.

    Text is measured bold (the header and coloured cells are bold; bold Latin is a little wider, CJK the same)."""
    usable = [max(Emu(w - 2 * CELL_MARGIN_X).pt - WIDTH_SLACK, size) for w in widths]
    lines = max([1] + [len(wrap(text, u, size, True)) for text, u in zip(cells, usable, strict=True)])
    return Pt(lines * line_height(size) + 2 * Emu(CELL_MARGIN_Y).pt + ROW_SLACK)


def _split(heights: list[int], head: int, height: int) -> list[int]:
    """Rows per page when pages are filled in order up to `height` (the header repeats on each)."""
    counts, n, used = [], 0, head
    for h in heights:
        if n and used + h > height:
            counts.append(n)
            n, used = 0, head
        n += 1
        used += h
    return counts + [n] if n or not counts else counts


def paginate(rows: list[list[str]], widths: list[int], size: float, height: int, header: list[str], *,
             balance: bool = False) -> list[list]:
    """Split rows into pages whose measured table height (header included) fits `height`.

    balance: as many pages, but filled evenly (no last page with a single row under a full one)."""
    head = row_height(header, widths, size)
    heights = [row_height(row, widths, size) for row in rows]
    counts = _split(heights, head, height)
    if balance and len(counts) > 1:
        cap = head + sum(heights) // len(counts)
        while len(even := _split(heights, head, cap)) > len(counts):
            cap += Pt(2)
        counts = even
    pages, start = [], 0
    for n in counts:
        pages.append(rows[start:start + n])
        start += n
    return pages


def fitting_size(rows: list[list[str]], widths: list[int], height: int, header: list[str],
                 sizes: tuple[float, ...]) -> float | None:
    """The largest of `sizes` (down to the last, the floor) at which the whole table fits `height`; None when even
    the floor needs another slide."""
    for size in sizes:
        if len(paginate(rows, widths, size, height, header)) == 1:
            return size
    return None


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
            cell.margin_left = cell.margin_right = CELL_MARGIN_X
            cell.margin_top = cell.margin_bottom = CELL_MARGIN_Y
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame = cell.text_frame
            frame.word_wrap = True
            for k, line in enumerate(str(value).split("\n")):
                p = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
                p._p.get_or_add_pPr().set("hangingPunct", "0")  # a final 。 wraps with its character, as measured
                run = p.add_run()
                run.text = line
                colour = colours.get((i - 1, j)) if i else None
                style_run(run, size, bold=i == 0 or colour is not None, colour=colour or (ACCENT if i == 0 else INK))
    return shape
