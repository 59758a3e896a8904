"""A leader opens a shared link on a phone (390×844) or a tablet (768×1024), in headless chromium, in public viewer
mode: on every viewer page the sidebar starts out of the way, nothing overflows the width, every chart fits; on a phone
tables show a few columns, every button, link and select is a 40-px touch target, and an indicator's link opens with
its headline sentence above the tiles and charts."""

from __future__ import annotations

import pytest

from metrics.settings import CITY
from presentation import labels
from tests.browser import (
    ARTIFACTS,
    NEEDS_CHROMIUM,
    SLOW,
    app_in_chromium,
    expect,
    full_page_screenshot,
    wait_until_drawn,
)

pytestmark = NEEDS_CHROMIUM

# (url path, heading) of every page the public viewer may open
VIEWER_PAGES = [("", labels.PAGES["overview"]), ("sectors", labels.PAGES["sectors"]), ("agencies", labels.PAGES["agencies"]),
                ("indicator", labels.PAGES["indicator"]), ("tasks", labels.PAGES["tasks"]),
                ("projects", labels.PAGES["projects"])]
# A phone's browser says "Mobile" (an iPhone 13's User-Agent), a tablet's says "iPad"
PHONE = dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=3,
             user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                        " Version/15.0 Mobile/15E148 Safari/604.1")
TABLET = dict(viewport={"width": 768, "height": 1024}, is_mobile=True, has_touch=True, device_scale_factor=2,
              user_agent="Mozilla/5.0 (iPad; CPU OS 15_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
                         " Version/15.0 Mobile/15E148 Safari/604.1")
DESKTOP = dict(viewport={"width": 1920, "height": 1080})

# Widths and boxes that stick out of the viewport (1 px of rounding allowed)
_OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth - window.innerWidth,
  main: (document.querySelector('[data-testid="stMain"]') || document.body).scrollWidth - window.innerWidth,
})"""
_CHARTS_OUTSIDE = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => el.getBoundingClientRect())
  .filter(r => r.left < -1 || r.right > window.innerWidth + 1).map(r => [Math.round(r.left), Math.round(r.right)])"""
_FONT_SIZES = """() => [...document.querySelectorAll('[data-testid="stMain"] .stMarkdown p, '
  + '[data-testid="stMain"] [data-testid="stCaptionContainer"], [data-testid="stMain"] summary p')]
  .filter(p => p.checkVisibility() && p.innerText.trim())
  .map(p => parseFloat(getComputedStyle(p).fontSize))"""
# Shown on screen: not display:none, not in a closed expander, not off-screen left (the collapsed sidebar), wider
# than the 1-px "skip to content" link
_SHOWN = """el => { const r = el.getBoundingClientRect();
  return el.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true}) && r.width > 1 && r.height > 1
    && r.right > 0; }"""
# Header cells of every table on screen (its columns), one list per table
_TABLE_COLUMNS = f"""() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter({_SHOWN})
  .map(t => [...t.querySelectorAll('th')].map(h => h.innerText.trim()))"""
# Tables on screen whose grid scrolls sideways (its content wider than its box; 1 px of rounding allowed): a width
# a page gave a column for a 1366-px screen (presentation.tables.fitted) must not push a phone's table past its box
_TABLES_SIDEWAYS = f"""() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter({_SHOWN})
  .map(t => t.querySelector('.dvn-scroller')).filter(s => s && s.scrollWidth > s.clientWidth + 1)
  .map(s => [s.scrollWidth, s.clientWidth])"""
# Touch targets on screen shorter than 40 px: buttons, links (not those inside a sentence), selects, inputs, tabs,
# expander headers
_SMALL_TARGETS = f"""() => [...document.querySelectorAll('button, a[href], [data-baseweb="select"], '
  + '[data-baseweb="input"], [role="tab"], summary')].filter({_SHOWN})
  .filter(el => !el.closest('.stMarkdown p, .stMarkdown li'))
  .map(el => [(el.innerText || el.getAttribute('aria-label') || el.dataset.testid || el.tagName).trim().slice(0, 20),
              Math.round(el.getBoundingClientRect().height)])
  .filter(([, height]) => height < 40)"""
# An indicator shared by link (not the first in the list, so the link is what picks it)
SHARED_CODE = "P11_EXPRESS_PLASTIC"
MAIN = "[data-testid='stMain']"


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    users = (("root", "admin-pass-1", "admin"),)
    with app_in_chromium(tmp_path_factory.mktemp("phone"), _sample_file, users, public=True) as (url, browser, _):
        yield url, browser


@pytest.fixture(scope="module")
def phone(app):
    url, browser = app
    context = browser.new_context(locale="zh-CN", **PHONE)
    yield url, context.new_page()
    context.close()


@pytest.fixture(scope="module")
def tablet(app):
    url, browser = app
    context = browser.new_context(locale="zh-CN", **TABLET)
    yield url, context.new_page()
    context.close()


def _open(page, url: str, path: str, heading: str) -> None:
    page.goto(f"{url}/{path}")
    expect(page.locator("h1").first).to_have_text(heading, timeout=SLOW)
    wait_until_drawn(page)


def _sidebar_is_out_of_the_way(page) -> None:
    """Collapsed: its box lies left of the viewport (or has no width), and the heading is not behind it."""
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=10_000)
    box = sidebar.bounding_box()
    heading = page.locator("h1").first.bounding_box()
    assert box is None or box["x"] + box["width"] <= heading["x"] + 1, (box, heading)


def _fits_the_width(page) -> None:
    overflow = page.evaluate(_OVERFLOW)
    assert overflow["page"] <= 0 and overflow["main"] <= 0, overflow
    assert page.evaluate(_CHARTS_OUTSIDE) == []


def _check(page, url: str, path: str, heading: str, shot: str | None = None) -> None:
    _open(page, url, path, heading)
    _sidebar_is_out_of_the_way(page)
    _fits_the_width(page)
    if shot:  # the whole page, as tall as it is, then back to the phone's screen
        size = page.viewport_size
        full_page_screenshot(page, ARTIFACTS / shot, width=size["width"])
        page.set_viewport_size(size)


@pytest.mark.parametrize(("path", "heading"), VIEWER_PAGES, ids=[p or "overview" for p, _ in VIEWER_PAGES])
def test_on_a_phone_the_page_comes_first_and_fits_the_width(phone, path, heading):
    url, page = phone
    _check(page, url, path, heading, shot=f"phone_{path or 'overview'}.png")
    assert min(page.evaluate(_FONT_SIZES)) >= 14
    # tables: the name, the latest value and the status; the rest under 更多列 (a closed expander)
    expect(page.locator(f"{MAIN} [data-testid='stDataFrame']").first).to_be_visible(timeout=SLOW)
    wait_until_drawn(page)
    # the grid writes its accessible header cells after drawing its canvas: wait for them, then count
    page.wait_for_function(f"() => ({_TABLE_COLUMNS})().every(c => c.length > 0)", timeout=SLOW)
    columns = page.evaluate(_TABLE_COLUMNS)
    assert columns and all(0 < len(c) <= 4 for c in columns), columns
    assert page.evaluate(_TABLES_SIDEWAYS) == [], columns  # 任务内容 at 456 px scrolled on 指标详情, 分领域, 重点工程
    expect(page.locator(f"{MAIN} [data-testid='stExpander']").filter(has_text=labels.PHONE["more_columns"].split("：")[0])
           .first).to_be_visible()
    assert page.evaluate(_SMALL_TARGETS) == []


def test_on_a_phone_an_indicator_link_opens_with_its_headline_sentence(phone):
    """What a leader reads in five seconds: the indicator's name and sentence on the first screen, above the pickers,
    the tiles and the charts."""
    url, page = phone
    page.goto(f"{url}/indicator?code={SHARED_CODE}")
    main = page.locator(MAIN)
    name = main.locator("h3").first
    expect(name).to_contain_text("仍使用不可降解塑料包装的快递网点比例", timeout=SLOW)
    sentence = main.locator(".stMarkdown p").filter(has_text=f"{CITY}：").first
    expect(sentence).to_contain_text("2030 年目标")
    expect(main.locator("[data-testid='stPlotlyChart'] .main-svg").first).to_be_attached(timeout=SLOW)
    expect(main.locator("[data-testid='stMetric']").first).to_be_visible()
    bottom = sentence.bounding_box()["y"] + sentence.bounding_box()["height"]
    assert bottom <= PHONE["viewport"]["height"]
    for later in (main.locator("[data-testid='stSelectbox']").first, main.locator("[data-testid='stMetric']").first,
                  main.locator("[data-testid='stPlotlyChart']").first):
        assert later.bounding_box()["y"] >= bottom, later


@pytest.mark.parametrize(("path", "heading"), VIEWER_PAGES, ids=[p or "overview" for p, _ in VIEWER_PAGES])
def test_on_a_tablet_the_page_comes_first_and_fits_the_width(tablet, path, heading):
    url, page = tablet
    _check(page, url, path, heading)


def test_on_a_phone_the_as_of_period_is_one_tap_away(phone):
    url, page = phone
    _open(page, url, "", labels.PAGES["overview"])
    page.locator("[data-testid='stExpandSidebarButton']").click()
    expect(page.locator("[data-testid='stSidebar']").get_by_text(labels.AS_OF_PICKER)).to_be_visible(timeout=10_000)
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "false")
    assert page.evaluate(_SMALL_TARGETS) == []  # the page links, the period's select, the toggle, the close button
    page.locator("[data-testid='stSidebarCollapseButton'] button").click()
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")


@pytest.mark.parametrize(("path", "heading", "tile"), [("", labels.PAGES["overview"], "stHtml"),
                                                       ("indicator", labels.PAGES["indicator"], "stMetric")])
def test_on_a_phone_kpi_tiles_stand_two_per_row(phone, path, heading, tile):
    url, page = phone
    _open(page, url, path, heading)
    tiles = page.locator(f"[data-testid='stMain'] [data-testid='stColumn']:has([data-testid='{tile}'])")
    expect(tiles.nth(1)).to_be_visible(timeout=30_000)  # the tiles come after the heading
    boxes = [tiles.nth(i).bounding_box() for i in range(min(tiles.count(), 4))]
    assert len(boxes) >= 2
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
    assert all(b["width"] < 390 / 2 for b in boxes)


def test_on_a_desktop_the_sidebar_stays_open(app):
    url, browser = app
    context = browser.new_context(locale="zh-CN", **DESKTOP)
    page = context.new_page()
    _open(page, url, "", labels.PAGES["overview"])
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "false")
    expect(page.locator("[data-testid='stSidebar']").get_by_text(labels.AS_OF_PICKER)).to_be_visible()
    context.close()


@pytest.mark.parametrize(("path", "heading"), [("tasks", labels.PAGES["tasks"]), ("projects", labels.PAGES["projects"])])
def test_on_a_phone_the_filters_wait_under_a_closed_expander(phone, path, heading):
    """重点任务 and 重点工程 have a screenful of filters: on a phone they are one tap away, the table comes first."""
    url, page = phone
    _open(page, url, path, heading)
    main = page.locator(MAIN)
    box = main.get_by_test_id("stExpander").filter(has_text=labels.PHONE["filters"])
    expect(box).to_have_count(1, timeout=SLOW)
    search = main.get_by_role("textbox").first
    expect(search).to_be_hidden()
    box.locator("summary").click()
    expect(search).to_be_visible()
