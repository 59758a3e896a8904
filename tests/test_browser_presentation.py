"""Presentation mode in headless chromium (issue 17): the sidebar hidden, page links and the exit at the top (and
Esc), chart text of at least 18 px read from the SVG; and the upload page without Streamlit's English strings."""

from __future__ import annotations

import re

import pytest

from presentation import labels, theme
from service import upload_flow
from tests.browser import (
    ARTIFACTS,
    DRAWN,
    MAIN,
    NEEDS_CHROMIUM,
    SLOW,
    app_in_chromium,
    expect,
    logged_in,
    open_from_sidebar,
    wait_until_drawn,
)

pytestmark = NEEDS_CHROMIUM

USERS = (("boss", "leader-pass-1", "viewer"), ("ana", "analyst-pass-1", "analyst"))
BAR = ".st-key-present_bar"
SIDEBAR = "stSidebar"
# The smallest font size of the visible text of every chart on the page, from the SVG as the browser drew it
SMALLEST_CHART_TEXT = """() => Math.min(...Array.from(document.querySelectorAll('.js-plotly-plot svg text'))
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)
    .map(t => parseFloat(getComputedStyle(t).fontSize)))"""


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    with app_in_chromium(tmp_path_factory.mktemp("present"), _sample_file, USERS) as (url, browser, _):
        yield url, browser


def _page(app, user: str, password: str, width: int = 1920, height: int = 1080):
    url, browser = app
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")
    page.goto(url)
    logged_in(page, user, password)
    return page


def _presenting(page) -> None:
    """Wait until the page is drawn in presentation mode: the top bar, and charts with the projector's title."""
    expect(page.locator(BAR)).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id(SIDEBAR)).to_be_hidden(timeout=DRAWN)
    expect(page.locator(".js-plotly-plot .gtitle").first).to_have_css(
        "font-size", f"{theme.PRESENT_TITLE}px", timeout=SLOW)
    wait_until_drawn(page)


def test_presentation_mode_top_bar_links_chart_text_and_exits(app):
    page = _page(app, "boss", "leader-pass-1")
    try:
        # the sidebar is drawn again after leaving: wait until its one toggle is there (a rerun can show two a moment)
        toggle = page.get_by_test_id(SIDEBAR).get_by_text(labels.PRESENTATION_MODE, exact=True)
        expect(toggle).to_have_count(1, timeout=SLOW)
        toggle.click()
        _presenting(page)
        expect(page).to_have_url(re.compile(r"present=1"))
        bar = page.locator(BAR)
        assert bar.bounding_box()["y"] < 80, "the page links and the exit stand at the top"
        exit_button = bar.get_by_role("button", name=labels.PRESENT["exit"])
        expect(exit_button).to_be_visible()
        assert page.evaluate(SMALLEST_CHART_TEXT) >= theme.PRESENT_MIN_TEXT
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "present_overview.png"))

        # A page link keeps presentation mode; that page's charts are projector-sized too.
        bar.get_by_role("link", name=labels.PAGES["sectors"]).click()
        expect(page.locator("h1").first).to_have_text(labels.PAGES["sectors"], timeout=SLOW)
        expect(page).to_have_url(re.compile(r"present=1"), timeout=DRAWN)
        _presenting(page)
        assert page.evaluate(SMALLEST_CHART_TEXT) >= theme.PRESENT_MIN_TEXT

        # Esc leaves (focus on the page, not in a field), as the exit button does.
        page.locator(MAIN).locator("h1").first.click()
        page.keyboard.press("Escape")
        expect(page.get_by_test_id(SIDEBAR)).to_be_visible(timeout=SLOW)
        expect(page.locator(BAR)).to_have_count(0)
        expect(page).not_to_have_url(re.compile(r"present=1"))

        # the sidebar is drawn again after leaving: wait until its one toggle is there (a rerun can show two a moment)
        toggle = page.get_by_test_id(SIDEBAR).get_by_text(labels.PRESENTATION_MODE, exact=True)
        expect(toggle).to_have_count(1, timeout=SLOW)
        toggle.click()
        _presenting(page)
        page.locator(BAR).get_by_role("button", name=labels.PRESENT["exit"]).click()
        expect(page.get_by_test_id(SIDEBAR)).to_be_visible(timeout=SLOW)
        expect(page.locator(BAR)).to_have_count(0)
        expect(page.locator("h1").first).to_have_text(labels.PAGES["sectors"])
    finally:
        page.close()


def test_upload_page_shows_no_english_uploader_strings(app, tmp_path):
    page = _page(app, "ana", "analyst-pass-1", 1366, 768)
    try:
        open_from_sidebar(page, labels.PAGES["upload"])
        dropzone = page.get_by_test_id("stFileUploaderDropzone")
        expect(dropzone).to_be_visible(timeout=SLOW)
        main = page.locator(MAIN)
        expect(main).to_contain_text(labels.UPLOADER["caption"].format(mb=upload_flow.max_upload_mb()))
        visible = main.inner_text()  # hidden elements' text is not in innerText; CSS-generated text neither
        for english in ("Upload", "Drag and drop", "per file", "Browse files", "200MB", "XLS, TXT"):
            assert english not in visible, english
        generated = dropzone.evaluate("""z => [z.querySelector('button [data-testid="stMarkdownContainer"]'),
            z.querySelector('[data-testid="stFileUploaderDropzoneInstructions"] > div')]
            .map(e => getComputedStyle(e, '::after').content)""")
        assert generated == [f'"{labels.UPLOADER["browse"]}"', f'"{labels.UPLOADER["drop"]}"']
        # no type filter: Streamlit would refuse another type in English ("application/pdf files are not
        # allowed."); the page refuses it in Chinese, and nothing English appears, not even for screen readers
        accept = page.get_by_test_id("stFileUploaderDropzoneInput").get_attribute("accept") or ""
        assert not [a for a in accept.split(",") if a.startswith(".")]
        pdf = tmp_path / "汇报材料.pdf"
        pdf.write_bytes(b"%PDF-1.4 not a table")
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(pdf))
        expect(main.get_by_test_id("stAlert").filter(has_text="不支持的文件类型")).to_be_visible(timeout=SLOW)
        expect(main.get_by_test_id("stFileUploader")).not_to_contain_text("not allowed")
        expect(main.locator("[data-testid='stFileChipIconError']")).to_have_count(0)
        page.screenshot(path=str(ARTIFACTS / "upload_chinese.png"), full_page=True)
    finally:
        page.close()


# Tables whose columns run past their frame (a sideways scroll: in a screenshot, the last columns are cut): the
# canvas tables of the normal mode and the HTML tables of presentation mode
WIDER_THAN_FRAME = """() => Array.from(document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]'))
    .map(t => t.querySelector('.dvn-scroller'))
    .concat(Array.from(document.querySelectorAll('[data-testid="stMain"] .present-table-box')))
    .filter(s => s && s.clientWidth > 0 && s.scrollWidth > s.clientWidth + 1)
    .map(s => `${s.scrollWidth} > ${s.clientWidth}`)"""
# The smallest font size of the visible text of presentation mode's tables
SMALLEST_TABLE_TEXT = """() => Math.min(...Array.from(document.querySelectorAll('[data-testid="stMain"] .present-table :is(td, th)'))
    .filter(c => c.textContent.trim() && c.getBoundingClientRect().width > 0)
    .map(c => parseFloat(getComputedStyle(c).fontSize)))"""
# The top bar's items: the tops of their boxes (one line: all alike) and the right edge of the last one
BAR_LINE = """() => { const items = Array.from(document.querySelectorAll('.st-key-present_bar > *'))
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
    return {tops: items.map(r => Math.round(r.top + r.height / 2)), right: Math.max(...items.map(r => r.right)),
            width: document.documentElement.clientWidth}; }"""
# Chart texts drawn past their figure's sides or top (a title or a note running off a half-screen figure)
OUTSIDE_FIGURE = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(plot => {
    const box = plot.getBoundingClientRect();
    return Array.from(plot.querySelectorAll('svg text')).filter(t => t.textContent.trim()).filter(t => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 4);
    }).map(t => t.textContent.trim()); })"""
# The pages whose tables are checked (数据管理 needs the analyst)
FIT_PAGES = ("tasks", "projects", "indicator", "sectors", "agencies", "data_admin")


# normal mode at its narrowest desktop (1366: what fits there fits at 1920, the tables stretch); presentation mode
# at both sizes (its fonts grow with the screen)
@pytest.mark.parametrize(("width", "height", "present"), [(1366, 768, False), (1366, 768, True),
                                                          (1920, 1080, True)])
def test_wide_tables_and_chart_texts_fit_their_frames(app, width, height, present):
    """重点任务, 重点工程, 指标详情 (a by-district indicator: map and bars side by side), 分领域, 分单位 (its ranking) and
    数据管理 on a laptop beside the sidebar and on a projector: no table scrolls sideways, no chart text leaves its
    figure; on a projector tables are HTML tables with text ≥ 18 px, chart text ≥ 18 px, the top bar one line."""
    page = _page(app, "ana", "analyst-pass-1", width, height)
    try:
        for key in FIT_PAGES:
            if present:
                page.goto(f"{app[0]}/{key}?present=1")
                expect(page.locator(BAR)).to_be_visible(timeout=SLOW)
                expect(page.locator("h1").first).to_have_text(labels.PAGES[key], timeout=SLOW)
            else:
                open_from_sidebar(page, labels.PAGES[key])
            wait_until_drawn(page)
            main = page.locator(MAIN)
            if present:
                expect(main.locator(".present-table").first).to_be_visible(timeout=DRAWN)
                expect(main.get_by_test_id("stDataFrame")).to_have_count(0)
                assert page.evaluate(SMALLEST_TABLE_TEXT) >= theme.PRESENT_MIN_TEXT, key
                line = page.evaluate(BAR_LINE)
                assert max(line["tops"]) - min(line["tops"]) <= 8, (key, line)  # links and exit on one line
                assert line["right"] <= line["width"], (key, line)
            else:
                expect(main.get_by_test_id("stDataFrame").first).to_be_visible(timeout=DRAWN)
            assert page.evaluate(WIDER_THAN_FRAME) == [], key
            if key == "indicator":
                expect(page.locator(".js-plotly-plot .choroplethlayer, .js-plotly-plot .geolayer").first
                       ).to_be_attached(timeout=DRAWN)
                assert page.evaluate(OUTSIDE_FIGURE) == []
                if present:
                    assert page.evaluate(SMALLEST_CHART_TEXT) >= theme.PRESENT_MIN_TEXT
            if key == "agencies" and present:  # the ranking: worst first, the rank and every key in the frame
                table = main.locator(".present-table").first
                headers = table.locator("thead th").all_inner_texts()
                for column in ("rank", "agency", "n_red_indicators", "n_overdue", "n_late", "share_lagging",
                               "share_done"):
                    assert labels.COLUMNS[column] in headers, column
                ranks = [int(r) for r in table.locator("tbody tr td:first-child").all_inner_texts()]
                assert ranks == sorted(ranks, reverse=True) and len(ranks) > 1
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"fit_{key}_{width}{'_present' if present else ''}.png"))
    finally:
        page.close()
