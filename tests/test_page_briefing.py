"""汇报导出 page through AppTest: renders on sample and empty databases; the deck button offers the download."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from tests.helpers import open_app


def downloads(at: AppTest) -> list:
    return at.get("download_button")


@pytest.mark.parametrize("fixture", ["sample_db", "db"])
def test_page_renders_without_building_anything(request, monkeypatch, fixture):
    at = open_app(request.getfixturevalue(fixture), monkeypatch, "pages/briefing.py", timeout=120)
    assert at.title[0].value == "汇报导出"
    assert [b.label for b in at.button] == ["生成汇报材料", "生成图表压缩包", "生成总览 PDF"]
    assert downloads(at) == []


def test_deck_button_offers_the_deck_of_the_chosen_sector(monkeypatch, sample_db):
    at = open_app(sample_db, monkeypatch, "pages/briefing.py", timeout=120)
    at.selectbox(key="deck_sector").select("建筑业").run()
    at.button(key="build_deck").click().run()
    assert not at.exception and not at.error
    (button,) = downloads(at)
    assert button.proto.label == "下载汇报材料"
    prs = Presentation(io.BytesIO(at.session_state["deck"][1]))
    titles = [s.shapes[1].text_frame.text for s in prs.slides]
    assert "建筑业 · 分领域" in titles and "工业 · 分领域" not in titles


def test_zip_and_pdf_buttons_build_their_files(monkeypatch, sample_db):
    at = open_app(sample_db, monkeypatch, "pages/briefing.py", timeout=120)
    at.selectbox(key="zip_page").select("overview").run()
    at.button(key="build_zip").click().run()
    at.button(key="build_pdf").click().run()
    assert not at.exception and not at.error
    shown = [b.proto.label for b in downloads(at)]
    assert shown == ["下载图表压缩包", "下载总览 PDF"]
    archive = zipfile.ZipFile(io.BytesIO(at.session_state["charts_zip"][1]))
    names = archive.namelist()
    assert "png/总览_状态分布_2026Q3.png" in names and "svg/总览_状态分布_2026Q3.svg" in names
    assert at.session_state["overview_pdf"][1].startswith(b"%PDF")


def test_deck_bytes_are_a_presentation(monkeypatch, sample_db):
    at = open_app(sample_db, monkeypatch, "pages/briefing.py", timeout=120)
    at.selectbox(key="deck_agency").select("市交通运输局").run()
    at.button(key="build_deck").click().run()
    assert not at.exception and not at.error
    prs = Presentation(io.BytesIO(at.session_state["deck"][1]))
    titles = [s.shapes[1].text_frame.text for s in prs.slides]
    assert "海铁联运占比" in titles and "建筑垃圾综合利用率" not in titles
