"""Every page under AppTest in the odd states an outside reviewer tries: an empty store, only targets, only one
quarter's task reports, a single value, the sample seen from its first quarter. No traceback, no Python words
('None', 'nan') in what a leader reads, no verdict said as if checked where there is nothing to check, and an empty
store says what to do on every page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from streamlit.testing.v1 import AppTest

import sitemap
from presentation import labels
from store.ingest import ingest
from tests.helpers import dashboard

PAGES = [page.file for page in sitemap.PAGES]
# Python's and pandas' words for nothing, as a leader would read them in a sentence, a caption or a tile's help
PYTHON_WORDS = re.compile(r"\b(?:None|nan|NaN|NaT|null)\b")


def _ingest(db, text: str, kind: str) -> None:
    result = ingest(db, text.encode(), f"{kind}.csv", kind, user="t", today=dt.date(2026, 11, 2),
                    confirm_unusual=True)
    assert result.ok and result.upload_id, result


def _readable(at: AppTest) -> list[str]:
    """What a leader reads besides the tables: headings, sentences, captions, notes, tiles and their help."""
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error", "success")
             for e in at.get(kind)]
    parts += [f"{m.label} {m.value} {m.proto.delta} {m.help or ''}" for m in at.metric]
    return [str(p) for p in parts]


def _walk(db, monkeypatch, as_of: str | None = None):
    """(page, AppTest) of every page, each in a fresh session, run to the end without a traceback."""
    for page in PAGES:
        at = dashboard(db, monkeypatch)
        if as_of:
            at.query_params["as_of"] = as_of
        at.run()
        if page != "pages/overview.py":
            at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        yield page, at


def _no_python_words(db, monkeypatch, as_of: str | None = None) -> None:
    for page, at in _walk(db, monkeypatch, as_of):
        found = [t for t in _readable(at) if PYTHON_WORDS.search(t)]
        assert not found, (page, found)


def test_an_empty_store_says_what_to_do_on_every_page_and_which_quarter_tasks_are_counted_for(db, monkeypatch):
    """No uploads: every page says how data gets in (not only the overview) and names the quarter its 140 overdue
    tasks are counted for (2026Q3 here), never '（—）' beside them; the indicator page's tiles print no 'None'."""
    for page, at in _walk(db, monkeypatch):
        # the upload page is where data gets in: it shows its own prompt instead
        assert (labels.EMPTY_DB in [i.value for i in at.info]) == (page != "pages/upload.py"), page
        assert "任务和重点工程按 " in at.caption[0].value, page
        found = [t for t in _readable(at) if PYTHON_WORDS.search(t) or "（—）" in t]
        assert not found, (page, found)


def test_without_indicator_values_the_overview_neither_compares_nor_clears_anything(db, monkeypatch):
    """Only one quarter's task reports: no indicator has a value, so the overview says it cannot compare or judge
    them (it said 各指标状态与上季度相同 and, in green, that no indicator needed attention)."""
    text = "任务编号,报告期,状态,进展说明,填报单位\n1,2026Q2,推进中,按计划推进,市发展改革委\n"
    _ingest(db, text, "task-status")
    at = dashboard(db, monkeypatch).run()
    assert not at.exception
    assert labels.OVERVIEW["no_values"] in [i.value for i in at.info]
    assert labels.OVERVIEW["no_moves"] not in [i.value for i in at.info]
    assert labels.OVERVIEW["no_urgent"] not in [s.value for s in at.success]


def test_only_targets_uploaded_reads_without_python_words(db, monkeypatch):
    _ingest(db, "指标代码,目标年份,目标值\nP04_CP_AUDIT,2025,400\nP02_GREEN_MFG,2030,220\n", "targets")
    _no_python_words(db, monkeypatch)


def test_a_single_value_reads_without_python_words(db, monkeypatch):
    _ingest(db, "指标代码,报告期,区,数值\nP17_CW_RECYCLING,2025Q2,全市,80\n", "actuals")
    _no_python_words(db, monkeypatch)


@pytest.mark.parametrize("as_of", ["2023Q1"])  # the first quarter: one value per series, every baseline its own
def test_the_sample_seen_from_an_earlier_quarter_reads_without_python_words(sample_db, monkeypatch, as_of):
    _no_python_words(sample_db, monkeypatch, as_of)
