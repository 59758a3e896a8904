"""A leader opens a shared link on a phone (390×844) or a tablet (768×1024), in headless chromium, in public viewer
mode: on every viewer page the sidebar starts out of the way, nothing overflows the width, every chart fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from presentation import labels
from tests.browser import ARTIFACTS, CHROMIUM, SLOW, app_in_chromium, full_page_screenshot, wait_until_drawn

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make setup)")
expect = playwright.expect

# (url path, heading) of every page the public viewer may open
VIEWER_PAGES = [("", labels.PAGES["overview"]), ("sectors", labels.PAGES["sectors"]), ("agencies", labels.PAGES["agencies"]),
                ("indicator", labels.PAGES["indicator"]), ("tasks", labels.PAGES["tasks"])]
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
_FONT_SIZES = """() => [...document.querySelectorAll('[data-testid="stMain"] .stMarkdown p')]
  .filter(p => p.offsetParent !== null && p.innerText.trim())
  .map(p => parseFloat(getComputedStyle(p).fontSize))"""


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


@pytest.mark.parametrize(("path", "heading"), VIEWER_PAGES, ids=[p or "overview" for p, _ in VIEWER_PAGES])
def test_on_a_tablet_the_page_comes_first_and_fits_the_width(tablet, path, heading):
    url, page = tablet
    _check(page, url, path, heading)


def test_on_a_phone_the_as_of_period_is_one_tap_away(phone):
    url, page = phone
    _open(page, url, "", labels.PAGES["overview"])
    page.locator("[data-testid='stExpandSidebarButton']").click()
    expect(page.locator("[data-testid='stSidebar']").get_by_text(labels.AS_OF_PICKER)).to_be_visible(timeout=10_000)


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
