"""The browser-test harness: the real app on a free port with its own database and accounts, Debian's chromium, and
the few steps every browser test takes (log in, open a page from the sidebar, wait until a page is drawn)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from access import accounts
from tests.helpers import ROOT

try:  # the test modules skip themselves without playwright (pytest.importorskip)
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # pragma: no cover
    expect = sync_playwright = None

CHROMIUM = "/usr/bin/chromium"
# Every browser test module: `pytestmark = NEEDS_CHROMIUM` (skipped without playwright or Debian's chromium)
NEEDS_CHROMIUM = pytest.mark.skipif(sync_playwright is None or not Path(CHROMIUM).exists(),
                                    reason="playwright or Debian chromium not installed (make setup)")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "tests" / "artifacts"
# The first run of a page on a loaded 2-core machine takes ~10 s; a page's heading may take several times that.
SLOW = 60_000
DRAWN = 30_000
MAIN = "[data-testid='stMain']"
NAV = "[data-testid='stSidebarNav']"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(script: Path, cwd: Path, log_path: Path, env: dict | None = None, start_wait: float = 90):
    """Yield the base URL of `streamlit run script` on a free port; raise with its output if it fails to start."""
    port = free_port()
    log = open(log_path, "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_wait
        while True:  # a process, not a page: polled over HTTP until it answers
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("streamlit did not start:\n" + log.read()) from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def running_app(db: Path, env: dict | None = None):
    """`streamlit run server.py` (the dashboard and its login routes) on `db`, output beside the file; yields the URL."""
    return serve(ROOT / "server.py", ROOT, db.with_suffix(".log"), {"CLEANPROD_DB": str(db), **(env or {})})


@contextlib.contextmanager
def app_in_chromium(folder: Path, sample_file: Path, users: tuple[tuple, ...], public: bool = False,
                    prepare: Callable[[Path], None] | None = None):
    """The app on a copy of the sample database (`prepare(db)` first, when given), with these (user, password, role)
    or (user, password, role, agency) accounts (and public viewing when `public`), and a headless chromium; yields
    (url, browser, accounts file)."""
    db = folder / "app.duckdb"
    shutil.copyfile(sample_file, db)
    if prepare is not None:
        prepare(db)
    accounts_file = folder / "accounts.yaml"
    for user, password, role, *agency in users:
        accounts.set_account(user, password, role, path=accounts_file, agency=agency[0] if agency else None)
    if public:
        accounts.set_public_viewer(True, path=accounts_file)
    with running_app(db, env={"CLEANPROD_ACCOUNTS": str(accounts_file)}) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield url, browser, accounts_file
        finally:
            browser.close()


def log_in(page, user: str, password: str) -> None:
    """Fill the login form and press 登录 (the answer is the caller's to wait for)."""
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def logged_in(page, user: str, password: str, heading: str = "总览") -> None:
    """Log in and wait for the page's heading and the session cookie the server set."""
    log_in(page, user, password)
    expect(page.locator("h1").first).to_have_text(heading, timeout=SLOW)
    expect(page.locator("body[data-session='set']")).to_be_attached(timeout=DRAWN)


def login_form(page) -> None:
    """Wait for the login form."""
    expect(page.get_by_label("密码")).to_be_visible(timeout=SLOW)


def open_from_sidebar(page, title: str) -> None:
    """Click a page in the sidebar as a user does (a typed URL opens a new session) and wait for its heading."""
    page.locator(NAV).get_by_text(title, exact=True).click(timeout=SLOW)
    expect(page.locator("h1").first).to_have_text(title, timeout=SLOW)


def wait_until_drawn(page) -> None:
    """The script run is over (no 'running' widget, no skeleton) and every chart on the page has drawn its SVG."""
    main = page.locator(MAIN)
    expect(main.locator("[data-testid='stSkeleton']")).to_have_count(0, timeout=DRAWN)
    expect(page.locator("[data-testid='stStatusWidget']")).to_have_count(0, timeout=DRAWN)
    charts = main.locator("[data-testid='stPlotlyChart']")
    for i in range(charts.count()):
        expect(charts.nth(i).locator(".main-svg").first).to_be_attached(timeout=DRAWN)


def full_page_screenshot(page, path: Path, width: int = 1920) -> None:
    """Streamlit scrolls inside its main block: grow the viewport to that block's height, let the page draw, shoot."""
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]') || document.body;"
        " return Math.max(m.scrollHeight, 1080); }")
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    wait_until_drawn(page)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    path.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
