"""Sign-in in headless chromium against `streamlit run server.py`: HttpOnly session cookies the server ends,
reloads that keep a login, deep links that survive it, roles that say 无权限, lockout, public mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from access import accounts
from tests.browser import CHROMIUM, MAIN, NAV, SLOW, app_in_chromium, log_in, logged_in, login_form

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (make setup)")
expect = playwright.expect
PAGE_NAMES = ("总览", "分领域", "分单位", "指标详情", "重点任务", "数据上传", "数据管理", "汇报导出")
USERS = (("root", "admin-pass-1", "admin"), ("boss", "leader-pass-1", "viewer"), ("ana", "analyst-pass-1", "analyst"),
         ("locky", "locky-pass-1", "viewer"))


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    with app_in_chromium(tmp_path_factory.mktemp("auth"), _sample_file, USERS) as running:
        yield running


def _context(browser):
    return browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")


def test_an_anonymous_visitor_sees_the_login_form_and_no_page_names(app):
    url, browser, _ = app
    context = _context(browser)
    page = context.new_page()
    page.goto(url)
    login_form(page)
    for name in PAGE_NAMES:
        expect(page.locator("body")).not_to_contain_text(name)
    expect(page.locator(NAV)).to_have_count(0)
    context.close()


def test_the_session_cookie_is_httponly_and_a_reload_keeps_the_login_ten_times_of_ten(app):
    url, browser, _ = app
    context = _context(browser)
    page = context.new_page()
    page.goto(url)
    logged_in(page, "boss", "leader-pass-1")
    cookie = next(c for c in context.cookies() if c["name"] == "cleanprod_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    for _ in range(10):
        page.reload()
        expect(page.locator("h1").first).to_have_text("总览", timeout=SLOW)
    context.close()


def test_a_deep_link_survives_the_login_with_its_query(app):
    url, browser, _ = app
    context = _context(browser)
    page = context.new_page()
    page.goto(f"{url}/indicator?code=P18_SEA_RAIL")
    login_form(page)
    logged_in(page, "boss", "leader-pass-1", heading="指标详情")
    expect(page.locator(MAIN)).to_contain_text("海铁联运占比", timeout=30_000)
    assert "code=P18_SEA_RAIL" in page.url
    context.close()


def test_logout_ends_the_login_and_the_old_cookie_logs_nobody_in(app):
    url, browser, _ = app
    context = _context(browser)
    page = context.new_page()
    page.goto(url)
    logged_in(page, "ana", "analyst-pass-1")
    stolen = [c for c in context.cookies() if c["name"] == "cleanprod_session"]
    page.get_by_role("button", name="退出登录").click()
    login_form(page)
    expect(page.locator("body[data-session='cleared']")).to_be_attached(timeout=30_000)
    page.reload()
    login_form(page)
    other = _context(browser)
    other.add_cookies(stolen)
    replay = other.new_page()
    replay.goto(url)
    login_form(replay)
    other.close()
    context.close()


def test_a_password_reset_ends_an_open_session(app):
    url, browser, accounts_file = app
    context = _context(browser)
    page = context.new_page()
    page.goto(url)
    logged_in(page, "ana", "analyst-pass-1")
    accounts.set_account("ana", "analyst-pass-2", "analyst", path=accounts_file)
    page.locator(NAV).get_by_text("分领域", exact=True).click()
    login_form(page)
    expect(page.locator(MAIN)).to_contain_text("登录已失效")
    accounts.set_account("ana", "analyst-pass-1", "analyst", path=accounts_file)
    context.close()


def test_a_viewer_typing_the_upload_url_reads_no_permission(app):
    url, browser, _ = app
    context = _context(browser)
    page = context.new_page()
    page.goto(url)
    logged_in(page, "boss", "leader-pass-1")
    page.goto(f"{url}/upload")
    expect(page.locator(MAIN)).to_contain_text("无权限访问此页面", timeout=SLOW)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Page not found")
    context.close()


def test_six_wrong_passwords_lock_the_account_even_for_the_right_one(app):
    url, browser, _ = app
    context = _context(browser)
    page = context.new_page()
    page.goto(url)
    login_form(page)
    for attempt in range(4):  # each answer names the attempts left, so each is waited for
        log_in(page, "locky", f"wrong-{attempt}")
        expect(page.locator(MAIN)).to_contain_text(f"再错 {4 - attempt} 次", timeout=30_000)
    log_in(page, "locky", "wrong-4")  # the fifth failure locks the account, and says so
    expect(page.locator(MAIN)).to_contain_text("锁定", timeout=30_000)
    log_in(page, "locky", "locky-pass-1")
    expect(page.locator(MAIN)).to_contain_text("锁定", timeout=30_000)
    expect(page.locator("h1", has_text="总览")).to_have_count(0)
    context.close()


def test_in_public_mode_visitors_read_admins_log_in_and_switching_it_off_ends_visits(app):
    url, browser, accounts_file = app
    accounts.set_public_viewer(True, path=accounts_file)
    try:
        context = _context(browser)
        visitor = context.new_page()
        visitor.goto(url)
        expect(visitor.locator("h1").first).to_have_text("总览", timeout=SLOW)
        admin_context = _context(browser)
        admin = admin_context.new_page()
        admin.goto(url)
        admin.get_by_role("button", name="管理人员登录").click()
        logged_in(admin, "root", "admin-pass-1")
        expect(admin.locator(NAV)).to_contain_text("数据管理")
        accounts.set_public_viewer(False, path=accounts_file)
        visitor.locator(NAV).get_by_text("分领域", exact=True).click()
        login_form(visitor)
        admin_context.close()
        context.close()
    finally:
        accounts.set_public_viewer(False, path=accounts_file)
