"""Nothing clipped in the deck: every table is rendered through LibreOffice to PDF, and each cell's text is found
whole, inside that cell's frame, with the table ending above the footer.

The frame of every cell comes from the deck itself (the table's left and top, its column widths and row heights, as
python-pptx wrote them); the words and their boxes come from `pdftotext -bbox-layout`. A row too short for its
text shows as words below the row (in the next row, under the table, or dropped where LibreOffice clips them); a
column too narrow, as words past its right edge. One conversion per deck: the sample data's, and one in which all
140 tasks lag or are overdue (the task appendix then runs over many slides).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from presentation import labels
from reports import deck as deck_module
from reports import slides
from reports.deck import build_deck
from store.ingest import ingest
from tests.helpers import placeholder_charts

pytestmark = [
    pytest.mark.filterwarnings("ignore:The kopts argument is ignored:UserWarning"),
    pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                       reason="LibreOffice and poppler-utils are not installed (scripts/system-deps.sh)"),
]
TOLERANCE = 1.0                   # points a glyph box may pass a cell's edge (font bounding boxes, rounding)
FOOTER_TOP = Emu(slides.Inches(6.98)).pt
NOTES = ["受项目审批影响进度滞后，正在协调市规划和自然资源局加快用地审批，预计下季度恢复正常进度",
         "资金未到位，进度滞后", "试点企业申报不足，需加大推动力度（已约谈 3 家重点企业，2026Q4 前完成申报）",
         "按计划推进，完成年度任务的 34%；因专项资金拨付延迟，部分子项目顺延至下季度，已报市政府督查室备案"]


@dataclass
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2


def to_pdf(pptx: Path) -> Path:
    """One LibreOffice conversion with its own profile (other soffice processes may be running)."""
    profile = pptx.parent / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pptx.parent), str(pptx)], check=True, capture_output=True, timeout=600)
    pdf = pptx.with_suffix(".pdf")
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def pdf_words(pdf: Path) -> list[list[Word]]:
    """Every page's words with their boxes in points from the top left (pdftotext -bbox-layout)."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True,
                         timeout=300).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter("{*}page"):
        pages.append([Word(w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")))
                      for w in page.iter("{*}word")])
    return pages


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def table_problems(prs, pages: list[list[Word]]) -> list[str]:
    """What leaves its cell, on every table of the deck: a list of readable complaints (empty when all fits)."""
    problems = []
    assert len(pages) == len(prs.slides)
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        for shape in (s for s in slide.shapes if s.has_table):
            tbl = shape.table
            xs = [Emu(shape.left).pt]
            for col in tbl.columns:
                xs.append(xs[-1] + Emu(col.width).pt)
            ys = [Emu(shape.top).pt]
            for row in tbl.rows:
                ys.append(ys[-1] + Emu(row.height).pt)
            if ys[-1] > FOOTER_TOP:
                problems.append(f"slide {number}: the table ends at {ys[-1]:.1f} pt, below the footer's top")
            found: dict[tuple[int, int], list[Word]] = {}
            for word in words:
                cx, cy = word.centre
                if not (xs[0] <= cx <= xs[-1] and ys[0] <= cy <= ys[-1]):
                    # text outside the table may not reach into it (text that runs out of the table is missing from
                    # its cell below)
                    if (xs[0] + TOLERANCE < word.x1 and word.x0 < xs[-1] - TOLERANCE
                            and ys[0] + TOLERANCE < word.y1 and word.y0 < ys[-1] - TOLERANCE):
                        problems.append(f"slide {number}: {word.text!r} overlaps the table's edge")
                    continue
                i = max(k for k in range(len(ys) - 1) if ys[k] <= cy)
                j = max(k for k in range(len(xs) - 1) if xs[k] <= cx)
                if (word.x0 < xs[j] - TOLERANCE or word.x1 > xs[j + 1] + TOLERANCE
                        or word.y0 < ys[i] - TOLERANCE or word.y1 > ys[i + 1] + TOLERANCE):
                    problems.append(f"slide {number}: {word.text!r} leaves its cell (row {i}, column {j})")
                found.setdefault((i, j), []).append(word)
            for i, row in enumerate(tbl.rows):
                for j, cell in enumerate(row.cells):
                    shown = "".join(w.text for w in sorted(found.get((i, j), []), key=lambda w: (w.y0, w.x0)))
                    if squash(shown) != squash(cell.text):
                        problems.append(f"slide {number}: cell (row {i}, column {j}) should read {cell.text!r}, "
                                        f"the PDF shows {shown!r} in it")
    return problems


def _all_tasks_lagging(db: Path) -> None:
    """All 140 tasks report 滞后 in the sample's last quarter, with notes of every length: all need attention."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["任务编号", "报告期", "状态", "进展说明"])
    for n in range(1, 141):
        writer.writerow([n, "2026Q3", "滞后", NOTES[n % len(NOTES)]])
    result = ingest(db, out.getvalue().encode("utf-8"), "task_status_2026Q3_all_lagging.csv", "task-status",
                    user="测试", uploaded_at=dt.datetime(2026, 10, 18, 9, 0), today=dt.date(2026, 10, 18),
                    confirm_unusual=True)
    assert result.ok and result.upload_id, result


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory, _sample_file):
    folder = tmp_path_factory.mktemp("fit-sample")
    shutil.copyfile(_sample_file, folder / "sample.duckdb")
    deck = build_deck(folder / "sample.duckdb", folder / "sample.pptx")
    return Presentation(str(deck)), pdf_words(to_pdf(deck))


@pytest.fixture(scope="module")
def overdue_pdf(tmp_path_factory, _sample_file):
    folder = tmp_path_factory.mktemp("fit-overdue")
    db = folder / "overdue.duckdb"
    shutil.copyfile(_sample_file, db)
    _all_tasks_lagging(db)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(deck_module, "_render_charts", placeholder_charts)
        deck = build_deck(db, folder / "overdue.pptx")
    return Presentation(str(deck)), pdf_words(to_pdf(deck))


def _titles(prs, start: str) -> list[str]:
    return [t for t in (next((s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text), "")
                        for slide in prs.slides) if t.startswith(start)]


def test_every_table_cell_of_the_sample_deck_shows_its_whole_text_inside_its_frame(sample_pdf):
    prs, pages = sample_pdf
    assert sum(1 for s in prs.slides for sh in s.shapes if sh.has_table) >= 20
    assert table_problems(prs, pages) == []


def test_a_deck_with_140_tasks_in_arrears_splits_its_appendix_and_clips_nothing(overdue_pdf):
    prs, pages = overdue_pdf
    appendix = _titles(prs, labels.DECK_SLIDES["appendix"])
    assert len(appendix) > 10
    assert appendix[1:] == [labels.DECK_SLIDES["appendix"] + labels.DECK["continued"]] * (len(appendix) - 1)
    listed = [c.text for s in prs.slides for sh in s.shapes if sh.has_table
              for c in (sh.table.cell(i, 0) for i in range(1, len(sh.table.rows))) if c.text.startswith("第")]
    assert len(set(listed)) == 140
    assert table_problems(prs, pages) == []
