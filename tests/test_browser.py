"""The whole app in headless Debian chromium: every page loads, shows Chinese, no exception box; screenshots kept;
an analyst uploads a file through the browser's file chooser and commits it."""

from __future__ import annotations

import re

import pytest

import sitemap
from tests.browser import (
    ARTIFACTS,
    DRAWN,
    MAIN,
    NAV,
    NEEDS_CHROMIUM,
    SLOW,
    app_in_chromium,
    expect,
    full_page_screenshot,
    logged_in,
    open_from_sidebar,
    wait_until_drawn,
)
from tests.helpers import ROOT

pytestmark = NEEDS_CHROMIUM

# URL path (the default page's is empty) -> title, for every page of the sitemap
PAGES = {("" if i == 0 else page.key): page.title for i, page in enumerate(sitemap.PAGES)}
CHARTED = {"", "sectors", "agencies", "indicator"}
USERS = (("root", "admin-pass-1", "admin"), ("boss", "leader-pass-1", "viewer"), ("ana", "analyst-pass-1", "analyst"))


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    with app_in_chromium(tmp_path_factory.mktemp("browser"), _sample_file, USERS) as (url, browser, _):
        yield url, browser


def _new_page(app, user: str, password: str):
    url, browser = app
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page.goto(url)
    logged_in(page, user, password)
    return page


@pytest.fixture(scope="module")
def browser_page(app):
    page = _new_page(app, "root", "admin-pass-1")
    yield app[0], page
    page.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_in_chromium_with_chinese_and_no_exception(browser_page, path):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_from_sidebar(page, PAGES[path])
    if path in CHARTED:  # charts in a hidden tab are drawn but not visible
        expect(page.locator(".js-plotly-plot").first).to_be_attached(timeout=SLOW)
    wait_until_drawn(page)
    main = page.locator(MAIN)
    expect(main).to_contain_text("数据截至")
    expect(main).to_contain_text("示例数据")
    expect(page.get_by_test_id("stException")).to_have_count(0)
    full_page_screenshot(page, ARTIFACTS / f"page_{path or 'overview'}.png")


def test_presentation_mode_hides_sidebar_and_chrome(browser_page):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_from_sidebar(page, "总览")
    page.get_by_text("演示模式").click()
    # The exit button exists only once the presentation rerun is done (the old charts are there before it).
    expect(page.get_by_role("button", name="退出演示模式")).to_be_visible(timeout=SLOW)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=SLOW)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden(timeout=DRAWN)
    full_page_screenshot(page, ARTIFACTS / "page_overview_presentation.png")


def test_chart_camera_button_saves_png_at_2x_with_a_readable_name(browser_page):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    if "present=1" in page.url:  # left in presentation mode by another test: leave it first
        page.get_by_role("button", name="退出演示模式").click(timeout=SLOW)
    open_from_sidebar(page, "总览")
    plot = page.locator(".js-plotly-plot").first
    expect(plot).to_be_visible(timeout=SLOW)
    plot.hover()
    with page.expect_download(timeout=DRAWN) as info:
        plot.locator(".modebar-btn[data-title^='Download plot']").click()
    download = info.value
    assert download.suggested_filename.startswith("总览_完成进度_2026Q3") and download.suggested_filename.endswith(
        ".png")
    target = ARTIFACTS / "camera.png"
    download.save_as(target)
    width = int.from_bytes(target.read_bytes()[16:20], "big")
    box = plot.bounding_box()
    assert width >= 2 * int(box["width"]) - 2


def test_viewer_typing_the_upload_url_sees_nothing_of_it(app):
    url, _ = app
    page = _new_page(app, "boss", "leader-pass-1")
    nav = page.locator(NAV)
    expect(nav).to_contain_text("总览")
    expect(nav).not_to_contain_text("数据上传")
    expect(nav).not_to_contain_text("数据管理")
    for path in ("upload", "data_admin"):
        page.goto(f"{url}/{path}")
        main = page.locator(MAIN)
        expect(main).to_contain_text("无权限访问此页面", timeout=SLOW)
        expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
        expect(main).not_to_contain_text("上传记录")
        expect(main).not_to_contain_text("Page not found")
    page.close()


def _upload(page, name: str, data: bytes) -> None:
    """Straight into the uploader's hidden input (bytes made in the test, not a file on disk)."""
    open_from_sidebar(page, "数据上传")
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "buffer": data})


def test_upload_page_previews_a_percent_formatted_workbook_as_excel_shows_it(browser_page):
    from tests.test_page_upload import PERCENT_BOOK

    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    _upload(page, "福田南山_百分比.xlsx", PERCENT_BOOK)
    main = page.locator(MAIN)
    expect(main).to_contain_text("读取的工作表：2025Q4", timeout=SLOW)
    expect(main).to_contain_text("百分比格式")
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_contain_text("95.1", timeout=DRAWN)
    expect(grid).not_to_contain_text("0.951")
    full_page_screenshot(page, ARTIFACTS / "upload_percent_preview.png")


def test_upload_page_names_the_data_sheets_of_a_two_sheet_workbook_and_reads_the_one_picked(browser_page):
    from tests.test_page_upload import TWO_SHEETS

    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    _upload(page, "两个区.xlsx", TWO_SHEETS)
    main = page.locator(MAIN)
    expect(main).to_contain_text("都是数据表", timeout=SLOW)
    expect(main).to_contain_text("“福田区”、“南山区”")
    full_page_screenshot(page, ARTIFACTS / "upload_two_sheets_refused.png")
    page.get_by_role("combobox", name="工作表").click()
    page.get_by_role("option", name="南山区").click()
    expect(main).to_contain_text("读取的工作表：南山区", timeout=SLOW)
    expect(page.get_by_role("button", name="确认提交")).to_be_visible()
    full_page_screenshot(page, ARTIFACTS / "upload_two_sheets_picked.png")


def test_a_workbook_that_would_make_the_reader_ask_for_512_gib_is_refused_and_the_server_keeps_serving(browser_page):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    hostile = (ROOT / "tests" / "files" / "workbooks" / "xfd_last_cell.xlsx").read_bytes()
    _upload(page, "xfd_last_cell.xlsx", hostile)
    expect(page.locator(MAIN)).to_contain_text("使用范围异常大", timeout=SLOW)
    open_from_sidebar(page, "总览")
    other = page.context.browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    other.goto(url)  # a second visitor still gets the app
    expect(other.get_by_label("用户名")).to_be_visible(timeout=SLOW)
    other.close()


def test_an_analyst_picks_a_file_in_the_file_chooser_sees_its_preview_and_commits_it(app):
    """The file on disk as an analyst has it: 34%, 34.5 % and a full-width ３．５％ revise three sample values."""
    page = _new_page(app, "ana", "analyst-pass-1")
    open_from_sidebar(page, "数据上传")
    with page.expect_file_chooser(timeout=DRAWN) as chooser:
        page.get_by_test_id("stFileUploaderDropzone").locator("button").click()  # "Upload" ("Browse files" before 1.5x)
    chooser.value.set_files(ROOT / "tests" / "files" / "good" / "percent_signs.csv")

    main = page.locator(MAIN)
    expect(main).to_contain_text("预览：提交后将产生以下变动", timeout=SLOW)
    counts = {change: main.get_by_test_id("stMetric").filter(has_text=change).get_by_test_id("stMetricValue")
              for change in ("新增", "修订", "未变")}
    expect(counts["新增"]).to_have_text("0")
    expect(counts["修订"]).to_have_text("3")
    expect(counts["未变"]).to_have_text("0")
    revised = main.get_by_test_id("stDataFrame").first
    for shown in ("34.5", "3.5", "建筑垃圾综合利用率", "海铁联运占比"):
        expect(revised).to_contain_text(shown, timeout=DRAWN)
    full_page_screenshot(page, ARTIFACTS / "upload_file_chooser_preview.png")

    page.get_by_role("button", name="确认提交").click()
    expect(main.get_by_test_id("stAlertContentSuccess")).to_contain_text(
        re.compile(r"已提交：第 \d+ 号上传，新增 0 条、修订 3 条、未变 0 条"), timeout=SLOW)
    open_from_sidebar(page, "数据管理")
    history = main.get_by_test_id("stDataFrame").first
    expect(history).to_contain_text("percent_signs.csv", timeout=DRAWN)
    expect(history).to_contain_text("ana")
    page.close()
