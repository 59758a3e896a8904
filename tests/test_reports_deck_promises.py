"""The deck's 整改逾期 slide: broken promises in scope, as known on a date; no slide when there is none."""

from __future__ import annotations

import datetime as dt

from PIL import Image

from presentation import labels
from reports import content
from reports.deck import compose
from service import sample_reports
from store.db import connect


def _slides(db, tmp_path, **scope) -> list[list[str]]:
    picture = tmp_path / "blank.png"
    Image.new("RGB", (8, 8), "white").save(picture)
    with connect(db) as con:
        brief = content.collect(con, **scope)
    prs = compose(brief, {code: picture for code in brief.codes})
    return [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] +
            [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
            for slide in prs.slides]


def _promise_slides(texts: list[list[str]]) -> list[list[str]]:
    return [t for t in texts if labels.REPORTING["deck_title"] in t]


def test_the_deck_lists_a_broken_promise_on_its_own_slide(sample_db, tmp_path):
    sample_reports.load(sample_db)
    found = _promise_slides(_slides(sample_db, tmp_path))
    assert len(found) == 1
    assert {"市发展改革委", "11", "2026Q1", "2026Q2", "滞后"} <= set(found[0])
    assert not _promise_slides(_slides(sample_db, tmp_path, known_on=dt.datetime(2026, 4, 10)))  # not yet accepted
    assert _promise_slides(_slides(sample_db, tmp_path, sector="工业"))  # task 11 is an industry task
    assert not _promise_slides(_slides(sample_db, tmp_path, sector="建筑业"))


def test_no_slide_without_broken_promises(sample_db, tmp_path):
    assert not _promise_slides(_slides(sample_db, tmp_path))
