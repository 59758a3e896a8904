"""The whole app in headless Debian chromium: every page loads, shows Chinese, no exception box; screenshots kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sitemap
from access import accounts
from tests.browser import CHROMIUM, CHROMIUM_ARGS, full_page_screenshot, running_app

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make setup)")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
# URL path (the default page's is empty) -> title, for every page of the sitemap
PAGES = {("" if i == 0 else page.key): page.title for i, page in enumerate(sitemap.PAGES)}
CHARTED = {"", "sectors", "agencies", "indicator"}


def login(page, url: str, user: str, password: str) -> None:
    page.goto(url)
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.locator("h1", has_text="总览").wait_for(timeout=60_000)


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "app.duckdb"
    shutil.copyfile(_sample_file, db)
    accounts_file = folder / "accounts.yaml"
    accounts.set_account("root", "admin-pass-1", "admin", path=accounts_file)
    accounts.set_account("boss", "leader-pass-1", "viewer", path=accounts_file)
    with running_app(db, env={"CLEANPROD_ACCOUNTS": str(accounts_file)}) as url, \
            playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield url, browser
        browser.close()


@pytest.fixture(scope="module")
def browser_page(app):
    url, browser = app
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    login(page, url, "root", "admin-pass-1")
    yield url, page
    page.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_page_loads_in_chromium_with_chinese_and_no_exception(browser_page, path):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    # Move through the sidebar as a user does: a typed URL opens a new session, which logs in again.
    page.locator("[data-testid='stSidebarNav']").get_by_text(PAGES[path], exact=True).click()
    heading = page.locator("h1").first
    heading.wait_for(timeout=60_000)
    playwright.expect(heading).to_have_text(PAGES[path], timeout=30_000)
    if path in CHARTED:  # charts in a hidden tab are drawn but not visible
        page.locator(".js-plotly-plot").first.wait_for(state="attached", timeout=60_000)
    page.wait_for_timeout(1500)
    assert page.locator("[data-testid='stException']").count() == 0
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "数据截至" in body and "示例数据" in body
    ARTIFACTS.mkdir(exist_ok=True)
    full_page_screenshot(page, ARTIFACTS / f"page_{path or 'overview'}.png")


def test_presentation_mode_hides_sidebar_and_chrome(browser_page):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.locator("[data-testid='stSidebarNav']").get_by_text("总览", exact=True).click()
    page.locator("h1", has_text="总览").wait_for(timeout=60_000)
    page.get_by_text("演示模式").click()
    # The exit button exists only once the presentation rerun is done (the old charts are there before it).
    page.get_by_text("退出演示模式").wait_for(timeout=60_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    assert not page.locator("[data-testid='stSidebar']").is_visible()
    assert page.get_by_text("退出演示模式").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    full_page_screenshot(page, ARTIFACTS / "page_overview_presentation.png")


def test_chart_camera_button_saves_png_at_2x_with_a_readable_name(browser_page):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    if "present=1" in page.url:  # left in presentation mode by another test: leave it first
        page.get_by_text("退出演示模式").click(timeout=60_000)
    page.locator("[data-testid='stSidebarNav']").get_by_text("总览", exact=True).click(timeout=60_000)
    plot = page.locator(".js-plotly-plot").first
    plot.wait_for(timeout=60_000)
    plot.hover()
    with page.expect_download(timeout=30_000) as info:
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
    url, browser = app
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    login(page, url, "boss", "leader-pass-1")
    nav = page.locator("[data-testid='stSidebarNav']").inner_text()
    assert "数据上传" not in nav and "数据管理" not in nav
    for path in ("upload", "data_admin"):
        page.goto(f"{url}/{path}")
        main = page.locator("[data-testid='stMain']")
        playwright.expect(main).to_contain_text("无权限访问此页面", timeout=60_000)
        assert page.locator("[data-testid='stFileUploader']").count() == 0
        assert "上传记录" not in main.inner_text() and "Page not found" not in main.inner_text()
    page.close()


def _upload(page, name: str, data: bytes) -> None:
    page.locator("[data-testid='stSidebarNav']").get_by_text("数据上传", exact=True).click()
    playwright.expect(page.locator("h1").first).to_have_text("数据上传", timeout=60_000)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(
        {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "buffer": data})


def test_upload_page_previews_a_percent_formatted_workbook_as_excel_shows_it(browser_page):
    from tests.test_page_upload import PERCENT_BOOK

    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    _upload(page, "福田南山_百分比.xlsx", PERCENT_BOOK)
    main = page.locator("[data-testid='stMain']")
    playwright.expect(main).to_contain_text("读取的工作表：2025Q4", timeout=60_000)
    playwright.expect(main).to_contain_text("百分比格式")
    grid = page.locator("[data-testid='stDataFrame']").first
    playwright.expect(grid).to_contain_text("95.1", timeout=30_000)
    assert "0.951" not in grid.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    full_page_screenshot(page, ARTIFACTS / "upload_percent_preview.png")


def test_upload_page_names_the_data_sheets_of_a_two_sheet_workbook_and_reads_the_one_picked(browser_page):
    from tests.test_page_upload import TWO_SHEETS

    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    _upload(page, "两个区.xlsx", TWO_SHEETS)
    main = page.locator("[data-testid='stMain']")
    playwright.expect(main).to_contain_text("都是数据表", timeout=60_000)
    playwright.expect(main).to_contain_text("“福田区”、“南山区”")
    ARTIFACTS.mkdir(exist_ok=True)
    full_page_screenshot(page, ARTIFACTS / "upload_two_sheets_refused.png")
    page.get_by_role("combobox", name="工作表").click()
    page.get_by_role("option", name="南山区").click()
    playwright.expect(main).to_contain_text("读取的工作表：南山区", timeout=60_000)
    playwright.expect(page.get_by_role("button", name="确认提交")).to_be_visible()
    full_page_screenshot(page, ARTIFACTS / "upload_two_sheets_picked.png")


def test_a_workbook_that_would_make_the_reader_ask_for_512_gib_is_refused_and_the_server_keeps_serving(browser_page):
    url, page = browser_page
    page.set_viewport_size({"width": 1920, "height": 1080})
    hostile = (ARTIFACTS.parent / "files" / "workbooks" / "xfd_last_cell.xlsx").read_bytes()
    _upload(page, "xfd_last_cell.xlsx", hostile)
    main = page.locator("[data-testid='stMain']")
    playwright.expect(main).to_contain_text("使用范围异常大", timeout=60_000)
    page.locator("[data-testid='stSidebarNav']").get_by_text("总览", exact=True).click()
    playwright.expect(page.locator("h1").first).to_have_text("总览", timeout=60_000)
    other = page.context.browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    other.goto(url)  # a second visitor still gets the app
    playwright.expect(other.get_by_label("用户名")).to_be_visible(timeout=60_000)
    other.close()
