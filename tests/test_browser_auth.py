"""Sign-in in headless chromium against `streamlit run server.py`: HttpOnly session cookies the server ends,
reloads that keep a login, deep links that survive it, roles that say 无权限, lockout, public mode."""

from __future__ import annotations

import pytest

from access import accounts
from tests.browser import (
    DRAWN,
    MAIN,
    NAV,
    NEEDS_CHROMIUM,
    SLOW,
    app_in_chromium,
    expect,
    log_in,
    logged_in,
    login_form,
)

pytestmark = NEEDS_CHROMIUM
PAGE_NAMES = ("总览", "分领域", "分单位", "指标详情", "重点任务", "数据上传", "数据管理", "汇报导出")
USERS = (("root", "admin-pass-1", "admin"), ("boss", "leader-pass-1", "viewer"), ("ana", "analyst-pass-1", "analyst"),
         ("locky", "locky-pass-1", "viewer"))


@pytest.fixture(scope="module")
def app(tmp_path_factory, _sample_file):
    with app_in_chromium(tmp_path_factory.mktemp("auth"), _sample_file, USERS) as running:
        yield running


@pytest.fixture
def visit(app):
    """visit(path, cookies=None): a new browser (context) on the app's `path`, no cookie unless given; each is
    closed after the test."""
    url, browser, _ = app
    contexts = []

    def open_page(path: str = "", cookies: list | None = None):
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        contexts.append(context)
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.goto(f"{url}/{path}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def _session_cookies(page) -> list[dict]:
    return [c for c in page.context.cookies() if c["name"] == "cleanprod_session"]


def test_an_anonymous_visitor_sees_the_login_form_and_no_page_names(visit):
    page = visit()
    login_form(page)
    for name in PAGE_NAMES:
        expect(page.locator("body")).not_to_contain_text(name)
    expect(page.locator(NAV)).to_have_count(0)


def test_the_session_cookie_is_httponly_and_a_reload_keeps_the_login_ten_times_of_ten(visit):
    page = visit()
    logged_in(page, "boss", "leader-pass-1")
    cookie, = _session_cookies(page)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    for _ in range(10):
        page.reload()
        expect(page.locator("h1").first).to_have_text("总览", timeout=SLOW)


def test_a_deep_link_survives_the_login_with_its_query(visit):
    page = visit("indicator?code=P18_SEA_RAIL")
    login_form(page)
    logged_in(page, "boss", "leader-pass-1", heading="指标详情")
    expect(page.locator(MAIN)).to_contain_text("海铁联运占比", timeout=DRAWN)
    assert "code=P18_SEA_RAIL" in page.url


def test_logout_ends_the_login_and_the_old_cookie_logs_nobody_in(visit):
    page = visit()
    logged_in(page, "ana", "analyst-pass-1")
    stolen = _session_cookies(page)
    page.get_by_role("button", name="退出登录").click()
    login_form(page)
    expect(page.locator("body[data-session='cleared']")).to_be_attached(timeout=DRAWN)
    page.reload()
    login_form(page)
    login_form(visit(cookies=stolen))


def test_a_password_reset_ends_an_open_session(app, visit):
    accounts_file = app[2]
    page = visit()
    logged_in(page, "ana", "analyst-pass-1")
    accounts.set_account("ana", "analyst-pass-2", "analyst", path=accounts_file)
    try:
        page.locator(NAV).get_by_text("分领域", exact=True).click()
        login_form(page)
        expect(page.locator(MAIN)).to_contain_text("登录已失效")
    finally:
        accounts.set_account("ana", "analyst-pass-1", "analyst", path=accounts_file)


def test_a_viewer_typing_the_upload_url_reads_no_permission(app, visit):
    page = visit()
    logged_in(page, "boss", "leader-pass-1")
    page.goto(f"{app[0]}/upload")
    expect(page.locator(MAIN)).to_contain_text("无权限访问此页面", timeout=SLOW)
    expect(page.get_by_test_id("stFileUploader")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("Page not found")


def test_six_wrong_passwords_lock_the_account_even_for_the_right_one(visit):
    page = visit()
    main = page.locator(MAIN)
    login_form(page)
    for attempt in range(4):  # each answer names the attempts left, so each is waited for
        log_in(page, "locky", f"wrong-{attempt}")
        expect(main).to_contain_text(f"再错 {4 - attempt} 次", timeout=DRAWN)
    # the fifth failure locks the account, and says so; the warning of the fourth ("…将被锁定…") must not pass for
    # it, or the right password goes in while the fifth is still being answered (and a new submit interrupts it)
    log_in(page, "locky", "wrong-4")
    expect(main).to_contain_text("已锁定至", timeout=DRAWN)
    page.reload()  # a fresh form: the lock's words can only come from the next answer (the lock is per account)
    login_form(page)
    expect(main).not_to_contain_text("已锁定至")
    log_in(page, "locky", "locky-pass-1")
    expect(main).to_contain_text("已锁定至", timeout=DRAWN)
    expect(page.locator("h1", has_text="总览")).to_have_count(0)


def test_in_public_mode_visitors_read_admins_log_in_and_switching_it_off_ends_visits(app, visit):
    accounts_file = app[2]
    accounts.set_public_viewer(True, path=accounts_file)
    try:
        visitor = visit()
        expect(visitor.locator("h1").first).to_have_text("总览", timeout=SLOW)
        admin = visit()
        admin.get_by_role("button", name="管理人员登录").click()
        logged_in(admin, "root", "admin-pass-1")
        expect(admin.locator(NAV)).to_contain_text("数据管理")
        accounts.set_public_viewer(False, path=accounts_file)
        visitor.locator(NAV).get_by_text("分领域", exact=True).click()
        login_form(visitor)
    finally:
        accounts.set_public_viewer(False, path=accounts_file)
