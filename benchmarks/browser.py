"""4. Browser: navigation → the overview's charts drawn in headless Chromium, against a bare Streamlit page with one
Plotly chart (written into the temp dir)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from benchmarks.common import ROOT, Line, Outcome, fmt_s, median

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

BARE_APP = '''import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
st.title("floor")
st.plotly_chart(go.Figure(go.Scatter(x=[1, 2, 3, 4], y=[3, 1, 4, 1])), key="one")
'''

# The overview draws this many charts (figures.progress_bullets and figures.status_counts).
OVERVIEW_CHARTS = 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(script: Path, cwd: Path, env: dict | None = None):
    """`streamlit run script` on a free port; yields its URL."""
    port = _free_port()
    log = open(script.with_suffix(f".{port}.log"), "w+")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.headless",
         "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
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


def _navigate(browser, url: str, charts: int) -> float:
    """A new tab (fresh session): seconds from goto to `charts` Plotly charts drawn."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url)
        page.wait_for_function(
            f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}", timeout=180_000,
            polling=50)
        return time.perf_counter() - start
    finally:
        context.close()


def run(db: Path, rows: int, work: Path, runs: int) -> Outcome:
    from playwright.sync_api import sync_playwright

    # A viewer needs no login when the accounts file allows public viewing (access.accounts, ui/auth.gate).
    accounts = work / "accounts.yaml"
    accounts.write_text("public_viewer: true\n", encoding="utf-8")
    bare = work / "bare_app.py"
    bare.write_text(BARE_APP, encoding="utf-8")
    outcome = Outcome("browser")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            with serve(ROOT / "dashboard.py", ROOT, {"CLEANPROD_DB": str(db), "CLEANPROD_ACCOUNTS": str(accounts)}) as app_url, \
                    serve(bare, work) as bare_url:
                cold = _navigate(browser, app_url, OVERVIEW_CHARTS)  # empty cache: builds the snapshot
                _navigate(browser, bare_url, 1)
                got, base = [], []
                for _ in range(runs):
                    base.append(_navigate(browser, bare_url, 1))
                    got.append(_navigate(browser, app_url, OVERVIEW_CHARTS))
        finally:
            browser.close()
    outcome.lines.append(Line("browser", median(got), median(base), 2.0,
                              f"overview, {rows:,} rows, warm server cache", "bare page, one Plotly chart",
                              runs=f"{runs} / {runs}"))
    outcome.facts.append(f"overview's first navigation after server start (cold cache): {fmt_s(cold)}; "
                         f"warm runs: {', '.join(fmt_s(s) for s in got)}; floor runs: "
                         f"{', '.join(fmt_s(s) for s in base)}")
    return outcome
